"""All data models of rolcompare (pydantic v2). JSON field names are a public contract.

See design §3 (docs/design.md) and docs/schema.md. ``SCHEMA_VERSION`` changes whenever a field is
added, renamed or removed; ``docs/schema.json`` is generated from these models and a
test keeps it current.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

SCHEMA_VERSION = "4"

Kind = Literal[
    "responsibility", "measures", "problems", "plans", "other", "review", "targets", "tasks", "government"
]  # (the last four: parts of a work report, schema 3)
Level = Literal["province", "city", "county", "district", "township", "department", "other"]
Script = Literal["simplified", "traditional", "mixed"]
Provenance = Literal["official", "constructed", "unknown"]
Qualifier = Literal["exact", "approx", "at_least", "at_most", "range"]
IndicatorKind = Literal["count", "percent", "rank", "money", "duration", "other"]
Direction = Literal["better", "worse", "neutral"]
Severity = Literal["error", "warning", "info"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, defer_build=True)


_M = TypeVar("_M", bound=_Model)


@cache
def _list_of(model: type[_M]) -> TypeAdapter[list[_M]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def build_many(model: type[_M], rows: list[dict[str, Any]]) -> list[_M]:
    """``[model(**row) for row in rows]`` in one validation call (about twice as fast)."""
    return _list_of(model).validate_python(rows)


Genre = Literal["rule_of_law", "work_report"]
Comparator = Literal["at_least", "approx", "at_most", "range", "exact", "none"]
TargetStatus = Literal["met", "missed", "not_reported", "not_assessable"]


class ReportMeta(_Model):
    genre: Genre = Field(
        default="rule_of_law",
        description="法治政府建设年度报告 (rule_of_law) or 政府工作报告 (work_report); added in schema 3",
    )
    entity: str | None = None
    entity_as_written: str | None = None
    entity_id: str | None = Field(
        default=None,
        description="one key for the same government or department across years and spellings: the division's "
        "path (北京市/朝阳区), then a department's or township's own name; the canonical name where the division "
        "is unknown; added in schema 4",
    )
    adcode: str | None = Field(
        default=None,
        description="six-digit 行政区划代码 (GB/T 2260) of the government, or of the government a department or "
        "township belongs to; None when unknown or ambiguous; added in schema 4",
    )
    adcode_year: int | None = Field(
        default=None, description="the snapshot year of the code table that gave adcode; added in schema 4"
    )
    year: int | None = None
    title: str | None = None
    level: Level | None = None
    script: Script = "simplified"
    source: str | None = None
    provenance: Provenance = "unknown"


class Section(_Model):
    id: str
    number: str
    title: str
    level: int
    kinds: list[Kind] = Field(default_factory=list)
    parent: str | None = None
    line: int


class Paragraph(_Model):
    """A normalized paragraph of body text (added in schema 1 so a Report JSON is self-contained)."""

    section: str | None
    line: int
    text: str


class Indicator(_Model):
    id: str
    label: str
    concept: str | None = None
    value: float
    unit: str
    qualifier: Qualifier = "exact"
    low: float | None = Field(default=None, description="a range's lower end (qualifier range; value is the midpoint)")
    high: float | None = Field(default=None, description="a range's upper end")
    kind: IndicatorKind = "count"
    scope: str | None = None
    section: str | None = None
    sentence: str
    line: int


class Commitment(_Model):
    """One item of the report's plans part (下一年度工作安排): what the government commits to do.

    Vocabulary: the *plans* part is the part of kind ``plans``; each item in it is a
    *commitment*. Prose and the CLI say "plan" for a commitment; the schema says commitment."""

    id: str
    ordinal: str | None = None
    text: str
    target_year: int | None = None
    section: str | None = None
    line: int
    answers: list[str] = Field(default_factory=list, description="ids of problems of the same report this plan answers")
    continues: list[str] = Field(default_factory=list, description="ids of measures sections this plan continues")


class CommitmentLink(_Model):
    """A commitment of the same report that answers a problem, with the match's score and words."""

    commitment: str
    score: float
    terms: list[str] = Field(default_factory=list)


class Problem(_Model):
    id: str
    text: str
    section: str | None = None
    line: int
    plans: list[CommitmentLink] = Field(
        default_factory=list, description="the commitments that answer this problem (the name is schema 1's)"
    )


class Target(_Model):
    """A quantified target: in a plan (年内持证上岗率达到100%) or a work report's targets part
    (生产总值增长5.8%左右). Added in schema 3.

    ``comparator``: at_least (以上, 不低于), approx (左右), at_most (以内, 控制在), range (6%－6.5%, with
    ``low``/``high``; ``value`` is the midpoint), exact (按3%安排, 达到100%), none (no number:
    ``absent`` when the text says no target is set). ``change``: the value is a change (增长 or
    下降 by it), not a level."""

    id: str
    concept: str | None = None
    label: str = Field(description="the target's words as written (the clause)")
    comparator: Comparator
    change: Literal["increase", "decrease"] | None = None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str = ""
    target_year: int | None = None
    absent: bool = False
    section: str | None = None
    line: int


class ParseWarning(_Model):
    """Something a reader of the parsed report should know (a missing part, damaged text, a
    removed watermark). Named so it does not shadow Python's builtin ``Warning``."""

    code: str
    message: str
    line: int | None = None


class _Document(_Model):
    """What a Report and a ReportDiff share: JSON, a one-line repr, a compact notebook view."""

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)

    def _repr_html_(self) -> str:
        from rolcompare.render.html import notebook_html

        return notebook_html(self)

    def __repr__(self) -> str:
        from rolcompare.render.common import short_repr

        return short_repr(self)


class Report(_Document):
    schema_version: str = SCHEMA_VERSION
    meta: ReportMeta = Field(default_factory=ReportMeta)
    sections: list[Section] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    warnings: list[ParseWarning] = Field(default_factory=list)
    paragraphs: list[Paragraph] = Field(default_factory=list)

    def section(self, section_id: str | None) -> Section | None:
        """The section with this id, or None."""
        return next((s for s in self.sections if s.id == section_id), None)

    def indicators_frame(self) -> pd.DataFrame:
        """The indicators as a pandas DataFrame with proper dtypes (one row per indicator)."""
        from rolcompare.render.tables import indicators_frame

        return indicators_frame(self)


class Evidence(_Model):
    sentence: str
    section: str | None = None
    line: int
    score: float
    terms: list[str] = Field(default_factory=list, description="words shared with the plan")
    clause: str | None = Field(default=None, description="the plan clause this evidence supports")


class IndicatorChange(_Model):
    concept: str | None = None
    label_old: str | None = None
    label_new: str | None = None
    unit: str
    scope: str | None = None
    old: float | None = None
    new: float | None = None
    qualifier_old: Qualifier | None = None
    qualifier_new: Qualifier | None = None
    delta: float | None = None
    pct_change: float | None = None
    status: Literal["changed", "unchanged", "added", "removed"]
    direction: Direction | None = None
    match_score: float = 1.0
    line_old: int | None = None
    line_new: int | None = None


class CommitmentFollowUp(_Model):
    """An old report's commitment checked against the new report's measures, clause by clause."""

    commitment: Commitment
    status: Literal["fulfilled", "partial", "not_found"]
    repeated: bool = Field(default=False, description="the new report commits to it again")
    repeated_by: str | None = Field(default=None, description="id of the new report's commitment")
    score: float = 0.0
    clauses_found: int = Field(default=0, description="clauses with a supporting sentence in the new report")
    clauses_total: int = 0
    evidence: list[Evidence] = Field(default_factory=list)


class ProblemFollowUp(_Model):
    """An old report's problem followed up: answered by new measures, listed again, or neither."""

    problem: Problem
    addressed: bool = Field(description="the new report's measures answer it")
    persists: bool = Field(description="the new report lists it again among its problems")
    persists_as: str | None = Field(default=None, description="id of the new report's problem")
    score: float = 0.0
    evidence: list[Evidence] = Field(default_factory=list)


class TargetFollowUp(_Model):
    """An old report's target against the new report's outcome for the same concept."""

    target: Target
    status: TargetStatus
    outcome: float | None = None
    outcome_unit: str | None = None
    position: Literal["above", "within", "below"] | None = Field(
        default=None, description="the outcome against the target value (or range)"
    )
    rule: str = Field(description="the rule the verdict used, e.g. 'approx ±0.5: |6.9 − 6.5| ≤ 0.5'")
    evidence: Evidence | None = None


class SectionRef(_Model):
    id: str
    title: str
    level: int


class SectionDiff(_Model):
    added: list[SectionRef] = Field(default_factory=list)
    removed: list[SectionRef] = Field(default_factory=list)
    renamed: list[tuple[SectionRef, SectionRef]] = Field(default_factory=list, description="[old, new] pairs")


class DiffSummary(_Model):
    indicators_changed: int = 0
    indicators_unchanged: int = 0
    indicators_added: int = 0
    indicators_removed: int = 0
    better: int = 0
    worse: int = 0
    commitments_fulfilled: int = 0
    commitments_partial: int = 0
    commitments_not_found: int = 0
    commitments_repeated: int = 0
    problems_addressed: int = 0
    problems_persisting: int = 0
    sections_added: int = 0
    sections_removed: int = 0
    sections_renamed: int = 0
    targets_met: int = 0
    targets_missed: int = 0
    targets_not_reported: int = 0
    targets_not_assessable: int = 0


class ReportDiff(_Document):
    schema_version: str = SCHEMA_VERSION
    old: ReportMeta
    new: ReportMeta
    indicators: list[IndicatorChange] = Field(default_factory=list)
    commitments: list[CommitmentFollowUp] = Field(default_factory=list)
    problems: list[ProblemFollowUp] = Field(default_factory=list)
    targets: list[TargetFollowUp] = Field(default_factory=list)
    sections: SectionDiff = Field(default_factory=SectionDiff)
    summary: DiffSummary = Field(default_factory=DiffSummary)

    def to_frame(self) -> dict[str, pd.DataFrame]:
        """DataFrames keyed ``indicators``, ``commitments``, ``problems``, ``sections``."""
        from rolcompare.render.tables import diff_frames

        return diff_frames(self)

    def to_markdown(self) -> str:
        from rolcompare.render.markdown import diff_markdown

        return diff_markdown(self)

    def to_html(self) -> str:
        from rolcompare.render.html import diff_html

        return diff_html(self)


class EvidenceLine(_Model):
    line: int
    text: str


class Arithmetic(_Model):
    """What a consistency finding compared: ``left`` against ``right`` by ``expr`` (added in schema 3)."""

    expr: str = Field(description="the relation that should hold, e.g. 'part ≤ total'")
    left: float
    right: float
    delta: float = Field(description="left − right")
    tolerance: float = 0.0
    status: Literal["fail", "uncertain", "not_assessable"] = Field(
        description="fail: the text contradicts itself; uncertain: units or scopes may differ; "
        "not_assessable: nothing to compare with"
    )
    evidence: list[EvidenceLine] = Field(default_factory=list)


class Finding(_Model):
    """One result of ``rolcompare check``."""

    rule: str
    severity: Severity
    file: str
    line: int | None = None
    message: str
    consistency: Arithmetic | None = Field(default=None, description="set by the consistency rules")
    fingerprint: str | None = Field(
        default=None, description="rule, file and evidence text hashed (no line number): what a baseline holds"
    )


def json_schemas() -> dict[str, Any]:
    """JSON Schema of Report and ReportDiff (what ``rolcompare schema`` prints)."""
    return {
        "$comment": f"rolcompare schema version {SCHEMA_VERSION}",
        "Report": Report.model_json_schema(),
        "ReportDiff": ReportDiff.model_json_schema(),
        "Finding": Finding.model_json_schema(),
    }


# --- internal intermediate records of the pipeline (not part of the JSON contract) ---
# Plain dataclasses: they are created per line and must stay cheap.

from dataclasses import dataclass, field  # noqa: E402


@dataclass(slots=True)
class SourceText:
    """What ``ingest`` returns: decoded text plus where it came from."""

    text: str
    source: str | None = None
    format: str = "text"
    encoding: str | None = None


@dataclass(slots=True)
class Line:
    """One non-empty line of normalized text and its 1-based line number in the source."""

    no: int
    text: str


@dataclass(slots=True)
class NormalizedText:
    """What ``normalize`` returns."""

    lines: list[Line]
    script: Script = "simplified"
    warnings: list[ParseWarning] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(slots=True)
class Structure:
    """What ``structure`` returns: the section tree and the body paragraphs."""

    sections: list[Section]
    paragraphs: list[Paragraph]
    warnings: list[ParseWarning] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)  # the closing issuer and date lines
