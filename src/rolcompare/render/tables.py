"""Every table the library writes: DataFrames of a Report and a ReportDiff, the panel's columns,
and the CSV and XLSX writers (utf-8-sig so Excel shows Chinese; cells safe from formula injection).
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

from rolcompare.schema import (
    CommitmentFollowUp,
    Evidence,
    IndicatorChange,
    ProblemFollowUp,
    Report,
    ReportDiff,
    TargetFollowUp,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


# ---------------------------------------------------------------- panel (corpus.panel)
# who a row is about: one key across years and spellings, the name, the division code (schema 4)
PANEL_ENTITY_COLUMNS = ["entity_id", "entity", "adcode", "adcode_year"]
PANEL_INDICATOR_COLUMNS = [
    *PANEL_ENTITY_COLUMNS,
    "year",
    "concept",
    "label",
    "value",
    "unit",
    "qualifier",
    "kind",
    "scope",
    "section",
    "line",
    "source",
    "provenance",
]
PANEL_COMMITMENT_COLUMNS = [
    *PANEL_ENTITY_COLUMNS,
    "year",
    "next_year",
    "commitment",
    "ordinal",
    "text",
    "status",
    "repeated",
    "score",
    "line",
    "source",
    "provenance",
]
PANEL_PROBLEM_COLUMNS = [
    *PANEL_ENTITY_COLUMNS,
    "year",
    "next_year",
    "problem",
    "text",
    "addressed",
    "persists",
    "line",
    "source",
]
PANEL_ERROR_COLUMNS = ["source", "error"]


PANEL_TARGET_COLUMNS = [
    *PANEL_ENTITY_COLUMNS, "year", "target_year", "target", "concept", "label", "comparator", "change", "value", "low",
    "high", "unit", "next_year", "status", "outcome", "rule", "line", "source",
]  # fmt: skip


# ---------------------------------------------------------------- Report and ReportDiff
def indicators_frame(report: Report) -> pd.DataFrame:
    """One row per indicator, with proper dtypes and the report's entity and year."""
    import pandas as pd

    rows = [ind.model_dump() for ind in report.indicators]
    columns = ["id", "label", "concept", "value", "unit", "qualifier", "kind", "scope", "section", "sentence", "line"]
    frame = pd.DataFrame(rows, columns=columns)
    frame.insert(0, "year", report.meta.year)
    frame.insert(0, "entity", report.meta.entity)
    return typed(frame)


DIFF_COMMITMENT_COLUMNS = [
    "id",
    "ordinal",
    "text",
    "target_year",
    "status",
    "repeated",
    "repeated_by",
    "score",
    "clauses_found",
    "clauses_total",
    "line_old",
    "evidence",
]


DIFF_PROBLEM_COLUMNS = ["id", "text", "addressed", "persists", "persists_as", "score", "line_old", "evidence"]


DIFF_SECTION_COLUMNS = ["change", "old_id", "old_title", "new_id", "new_title", "level"]


def diff_frames(diff: ReportDiff) -> dict[str, pd.DataFrame]:
    """The diff as DataFrames: indicators, commitments, problems, sections."""
    import pandas as pd

    frames = {
        "indicators": pd.DataFrame(
            [c.model_dump() for c in diff.indicators], columns=list(IndicatorChange.model_fields)
        ),
        "commitments": pd.DataFrame(map(_commitment_row, diff.commitments), columns=DIFF_COMMITMENT_COLUMNS),
        "problems": pd.DataFrame(map(_problem_row, diff.problems), columns=DIFF_PROBLEM_COLUMNS),
        "sections": pd.DataFrame(_section_rows(diff), columns=DIFF_SECTION_COLUMNS),
        "targets": pd.DataFrame(map(_target_row, diff.targets), columns=DIFF_TARGET_COLUMNS),
    }
    return {name: typed(frame) for name, frame in frames.items()}


# One dtype per column name, in every frame the API returns (Report.indicators_frame,
# ReportDiff.to_frame, the panel's tables, wide and balanced ones); docs/schema.md lists them
# (a test keeps it current). Whole numbers are nullable Int64 (CSV writes 12, never 12.0), text
# is pandas' "string" (missing: <NA>) whatever the pandas version's default, flags "boolean". A
# wide table's concept columns are float64.
_INT = "year adcode_year next_year target_year line line_old line_new level clauses_found clauses_total"
_FLOAT = "value low high outcome old new delta pct_change match_score score"
_BOOL = "addressed persists repeated report_missing"
_TEXT = (
    "entity_id entity adcode concept label label_old label_new unit qualifier qualifier_old qualifier_new kind "
    "scope section sentence source provenance id ordinal text status direction change comparator position rule "
    "evidence repeated_by persists_as commitment problem target error old_id old_title new_id new_title"
)
COLUMN_DTYPES: dict[str, str] = {
    **dict.fromkeys(_INT.split(), "Int64"),
    **dict.fromkeys(_FLOAT.split(), "float64"),
    **dict.fromkeys(_BOOL.split(), "boolean"),
    **dict.fromkeys(_TEXT.split(), "string"),
}
INTEGER_COLUMNS = frozenset(c for c, dtype in COLUMN_DTYPES.items() if dtype == "Int64")


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with each known column in its ``COLUMN_DTYPES`` dtype (in place, and returned)."""
    for column in frame.columns:
        dtype = COLUMN_DTYPES.get(str(column))
        if dtype is not None and str(frame[column].dtype) != dtype:
            frame[column] = frame[column].astype(dtype)
    return frame


DIFF_TARGET_COLUMNS = [
    "id", "concept", "label", "comparator", "change", "value", "low", "high", "unit", "target_year",
    "status", "outcome", "position", "rule", "line_old", "line_new", "evidence",
]  # fmt: skip


def _target_row(f: TargetFollowUp) -> list[Any]:
    t = f.target
    return [
        t.id, t.concept, t.label, t.comparator, t.change, t.value, t.low, t.high, t.unit, t.target_year,
        f.status, f.outcome, f.position, f.rule, t.line, f.evidence.line if f.evidence else None,
        f.evidence.sentence if f.evidence else None,
    ]  # fmt: skip


def _evidence_text(evidence: list[Evidence]) -> str:
    return " | ".join(f"L{e.line}: {e.sentence}" for e in evidence)


def _commitment_row(f: CommitmentFollowUp) -> list[Any]:
    c = f.commitment
    return [
        c.id,
        c.ordinal,
        c.text,
        c.target_year,
        f.status,
        f.repeated,
        f.repeated_by,
        f.score,
        f.clauses_found,
        f.clauses_total,
        c.line,
        _evidence_text(f.evidence),
    ]


def _problem_row(f: ProblemFollowUp) -> list[Any]:
    return [
        f.problem.id,
        f.problem.text,
        f.addressed,
        f.persists,
        f.persists_as,
        f.score,
        f.problem.line,
        _evidence_text(f.evidence),
    ]


def _section_rows(diff: ReportDiff) -> list[list[Any]]:
    rows: list[list[Any]] = [["added", None, None, s.id, s.title, s.level] for s in diff.sections.added]
    rows += [["removed", s.id, s.title, None, None, s.level] for s in diff.sections.removed]
    rows += [["renamed", o.id, o.title, n.id, n.title, o.level] for o, n in diff.sections.renamed]
    return rows


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


_ILLEGAL_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def spreadsheet_cell(value: object) -> object:
    """A cell a spreadsheet shows as the text it is: text starting with = + - @ (a formula to
    Excel) gets a leading apostrophe; control characters (which xlsx cannot hold) are dropped."""
    if not isinstance(value, str):
        return value
    value = _ILLEGAL_IN_XLSX.sub("", value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def spreadsheet_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell made safe by ``spreadsheet_cell``."""
    text = [c for c in frame.columns if frame[c].dtype == object or str(frame[c].dtype) in ("string", "str")]
    if not text:
        return frame
    frame = frame.copy()
    for column in text:
        frame[column] = frame[column].map(spreadsheet_cell, na_action="ignore")
    return frame


def diff_csv(diff: ReportDiff, table: str = "indicators") -> bytes:
    """One table of the diff as CSV bytes in utf-8-sig (Excel shows Chinese), formula-safe."""
    buf = io.StringIO()
    spreadsheet_frame(diff_frames(diff)[table]).to_csv(buf, index=False)
    return buf.getvalue().encode("utf-8-sig")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as CSV bytes in utf-8-sig (Excel shows Chinese), formula-safe."""
    return spreadsheet_frame(frame).to_csv(index=False).encode("utf-8-sig")


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    """A table as Parquet bytes (needs pyarrow: the ``parquet`` extra)."""
    buf = io.BytesIO()
    frame.to_parquet(buf, index=False)
    return buf.getvalue()


def xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An XLSX workbook, one sheet per table in the order given, every text cell formula-safe."""
    import pandas as pd

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            spreadsheet_frame(frame).to_excel(writer, sheet_name=name, index=False)
    return buf.getvalue()
