"""Scoring rolcompare against the hand-annotated real report pages in ``../shared/real-dev/``.

The pages are public government documents kept beside the repository for testing only: they are
read from there and never copied in. Each ``NAME.txt`` has ``NAME.gold.json`` beside it (format in
that folder's README). Scoring follows that README:

- entity: equal after dropping 人民政府/政府/办事处, or one is the other with a place prefix;
- year, level: equal;
- headings: every annotated heading line must be a section (number + title) of the parse, and
  every section must be an annotated heading or in ``headings_optional``;
- indicators: a prediction matches a gold indicator when line, value and unit agree and at least
  half of the gold label's characters occur in the predicted label; one to one; optional gold
  items count neither for nor against.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rolcompare.pipeline.normalize import to_simplified
from rolcompare.schema import Indicator, Report

REAL_DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "real-dev"
# the constructed pages in the same styles, annotated the same way (held out)
PAGES = Path(__file__).resolve().parent / "data" / "pages"
SKIP_REASON = f"the real development pages are not here ({REAL_DEV}): put shared/ beside the checkout"

_GOV_SUFFIX = re.compile(r"(?:人民政府|政府|办事处)$")
_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,16}$")


def names(folder: Path = REAL_DEV) -> list[str]:
    """The annotated pages of ``folder``, by file stem (empty when the folder is absent)."""
    if not folder.is_dir():
        return []
    return sorted(p.name.removesuffix(".gold.json") for p in folder.glob("*.gold.json"))


def gold(name: str, folder: Path = REAL_DEV) -> dict:
    return json.loads((folder / f"{name}.gold.json").read_text("utf-8"))


def page(name: str, folder: Path = REAL_DEV) -> Path:
    return folder / f"{name}.txt"


def entity_agrees(predicted: str | None, expected: str) -> bool:
    """The README's rule: equal without 人民政府/政府/办事处, or one is the other with a place prefix
    (``广东省卫生健康委员会`` is ``省卫生健康委员会`` with the place 广东 before it)."""
    if not predicted:
        return False
    a, b = _GOV_SUFFIX.sub("", predicted), _GOV_SUFFIX.sub("", expected)
    if a == b:
        return True
    long, short = (a, b) if len(a) > len(b) else (b, a)
    return bool(short) and long.endswith(short) and _PLACE.match(long[: -len(short)]) is not None


def _canon(text: str) -> str:
    """A heading as text to compare: simplified, width-folded, without spaces and closing punctuation."""
    text = unicodedata.normalize("NFKC", to_simplified(text))
    return re.sub(r"[\s。.:：]+$", "", re.sub(r"\s+", "", text))


def heading_lines(report: Report) -> list[str]:
    return [_canon(s.number + s.title) for s in report.sections]


@dataclass
class HeadingScore:
    expected: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


def score_headings(report: Report, answer: dict) -> HeadingScore:
    """Recall over annotated headings; precision over sections that are neither annotated nor optional."""
    expected = [_canon(h) for h in answer["headings"]]
    optional = {_canon(h) for h in answer.get("headings_optional", [])}
    predicted = heading_lines(report)
    pool = list(predicted)
    out = HeadingScore(expected=len(expected))
    for h in expected:
        if h in pool:
            pool.remove(h)
            out.found += 1
        else:
            out.missed.append(h)
    wanted = set(expected)
    for p in predicted:
        if p in optional and p not in wanted:
            continue
        out.predicted += 1
        if p in wanted:
            out.correct += 1
        else:
            out.extra.append(p)
    return out


def label_overlap(gold_label: str, predicted: str) -> float:
    """Share of the gold label's characters found in the predicted label."""
    chars = [c for c in gold_label if c not in "“”\"' "]
    return sum(c in predicted for c in chars) / len(chars) if chars else 1.0


@dataclass
class IndicatorScore:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    missed: list[dict] = field(default_factory=list)
    extra: list[Indicator] = field(default_factory=list)


def score_indicators(predicted: Iterable[Indicator], answer: dict) -> IndicatorScore:
    """One-to-one matching as the README says; optional gold items excuse one prediction each."""
    remaining = list(predicted)
    out = IndicatorScore()
    items = sorted(answer["indicators"], key=lambda g: g.get("optional", False))
    for g in items:
        hit = next((p for p in remaining if _same(g, p)), None)
        if hit is not None:
            remaining.remove(hit)
        if g.get("optional"):
            continue
        out.gold += 1
        if hit is not None:
            out.matched += 1
        else:
            out.missed.append(g)
    out.extra = remaining
    out.predicted = out.matched + len(remaining)
    return out


def _same(g: dict, p: Indicator) -> bool:
    return (
        p.line == g["line"]
        and abs(p.value - float(g["value"])) < 1e-6
        and p.unit == g["unit"]
        and label_overlap(g["label"], p.label) >= 0.5
    )


@dataclass
class PageScore:
    name: str
    entity: bool
    year: bool
    level: bool
    headings: HeadingScore
    indicators: IndicatorScore
    report: Report


def score_page(name: str, report: Report, folder: Path = REAL_DEV) -> PageScore:
    answer = gold(name, folder)
    return PageScore(
        name=name,
        entity=entity_agrees(report.meta.entity, answer["entity"]),
        year=report.meta.year == answer["year"],
        level=report.meta.level == answer["level"],
        headings=score_headings(report, answer),
        indicators=score_indicators(report.indicators, answer),
        report=report,
    )


@dataclass
class Totals:
    pages: int
    entity: float
    year: float
    level: float
    heading_recall: float
    heading_precision: float
    indicator_precision: float
    indicator_recall: float


def totals(scores: list[PageScore]) -> Totals:
    n = len(scores) or 1
    h_exp = sum(s.headings.expected for s in scores)
    h_pred = sum(s.headings.predicted for s in scores)
    i_gold = sum(s.indicators.gold for s in scores)
    i_pred = sum(s.indicators.predicted for s in scores)
    return Totals(
        pages=len(scores),
        entity=sum(s.entity for s in scores) / n,
        year=sum(s.year for s in scores) / n,
        level=sum(s.level for s in scores) / n,
        heading_recall=sum(s.headings.found for s in scores) / h_exp if h_exp else 1.0,
        heading_precision=sum(s.headings.correct for s in scores) / h_pred if h_pred else 1.0,
        indicator_precision=sum(s.indicators.matched for s in scores) / i_pred if i_pred else 1.0,
        indicator_recall=sum(s.indicators.matched for s in scores) / i_gold if i_gold else 1.0,
    )
