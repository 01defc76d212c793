"""Pipeline stage 9: quantified targets (``extract_targets``) and where next year's report states
their outcome (``find_outcome``, used by ``diff``).

Where targets are read:
1. a work report (政府工作报告): the sentence of its targets part (``主要预期目标是：…``), clause by
   clause; then, for a concept that sentence does not set, the first clause outside the review
   part that does (``赤字率拟按2.9%安排``, ``安排专项债券950亿元``) — never a clause about several
   years (今后五年, “十三五”, 年均);
2. a rule-of-law report: the commitments, clause by clause (``年内实现持证上岗率100%``).

A clause is a target when a concept of the taxonomy names it and a number follows within a few
characters: ``comparator`` from 左右 (approx), 以上/不低于 (at_least), 以内/控制在/不超过 (at_most),
``5.5%－6%`` (range), else exact; ``change`` from 增长/下降 before the number. Money is folded to
亿元 (1.2万亿元 → 12000). A clause that says no target is set (不设…目标) is a target with
``absent`` and no value. Clauses without a number are not targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from rolcompare.lexicon.concepts import Concept, taxonomy
from rolcompare.lexicon.grammar import FULL_STOP
from rolcompare.lexicon.words import DECREASE_WORDS, INCREASE_WORDS
from rolcompare.schema import Commitment, Paragraph, Section, Target

_TARGETS_MARK: Final = re.compile(r"预期目标(?:是|为)?[:：]")
_CLAUSE: Final = re.compile(r"[^：:；;，,、。！？]+")
_UNIT: Final = r"%|％|万亿元|亿元|万元|万人|人|亿吨|万吨|万亿斤|亿斤"
_VALUE: Final = re.compile(
    rf"(?P<a>\d+(?:\.\d+)?)\s*(?P<ua>{_UNIT})?(?:\s*[－\-—~～至到]\s*(?P<b>\d+(?:\.\d+)?)\s*(?P<ub>{_UNIT})?)?"
    r"\s*(?P<post>左右|以上|以内|以下|上下)?"
)
_NUMBER_WITH_UNIT: Final = re.compile(rf"\d\s*(?:{_UNIT})")  # a number with a target's unit (a year is none)
_GAP: Final = 8  # characters between the concept's words and its number
_TO: Final = re.compile(r"(?:提高|增加|降低|下降|调|升|降)(?:到|至)")
_AT_LEAST: Final = re.compile(r"不低于|不少于|超过|高于")
_AT_MOST: Final = re.compile(r"控制在|不超过|不高于|低于")
_INCREASE: Final = re.compile("|".join(INCREASE_WORDS))
_DECREASE: Final = re.compile("|".join(DECREASE_WORDS))
_ABSENT: Final = re.compile(r"不(?:设|再设|提出|设定)[^。；]{0,8}目标")
_MANY_YEARS: Final = re.compile(
    r"五年来|过去五年|这五年|今后五年|年均|“十[一二三四五]五”|十[一二三四五]五”?(?:时期|期间|规划)|到20\d\d年"
)
_MONEY: Final = {"万亿元": 10000.0, "亿元": 1.0, "万元": 0.0001}


@dataclass(slots=True)
class _Read:
    comparator: str
    change: str | None
    value: float | None
    low: float | None
    high: float | None
    unit: str
    end: int


def _concepts() -> list[Concept]:
    return [c for c in taxonomy() if c.patterns]


def read_clause(clause: str, concept: Concept) -> _Read | None:
    """The target a clause states for ``concept`` (its words, then a number), or None."""
    m = next((m for p in concept.patterns if (m := p.search(clause))), None)
    if m is None:
        return None
    rest = clause[m.end() :]
    to = _TO.search(rest[: _GAP + 4])
    start = to.end() if to else 0
    v = _VALUE.search(rest, start)
    if v is None or v.start() - start > _GAP or (v.group("ua") is None and v.group("ub") is None):
        return None
    words = clause[m.start() : m.end() + v.start()]
    return _read_value(v, words, to is not None, m.end() + v.end())


def _read_value(v: re.Match[str], words: str, moved_to: bool, end: int) -> _Read:
    unit = (v.group("ua") or v.group("ub") or "").replace("％", "%")
    scale = _MONEY.get(unit, 1.0)
    unit = "亿元" if unit in _MONEY else unit
    a = float(v.group("a")) * scale
    b = float(v.group("b")) * scale if v.group("b") else None
    change = "decrease" if _DECREASE.search(words) else "increase" if _INCREASE.search(words) else None
    post = v.group("post")
    if b is not None:
        return _Read("range", change, round((a + b) / 2, 6), a, b, unit, end)
    if post in ("左右", "上下"):
        comparator = "approx"
    elif post == "以上" or _AT_LEAST.search(words[-6:]):
        comparator = "at_least"
    elif post in ("以内", "以下") or _AT_MOST.search(words[-6:]):
        comparator = "at_most"
    else:
        comparator = "exact"
    return _Read(comparator, None if moved_to else change, a, None, None, unit, end)


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in _CLAUSE.findall(text) if c.strip()]


def _targets_in(text: str, concepts: list[Concept], seen: set[str]) -> list[tuple[Concept, _Read, str]]:
    """The targets of one sentence, the first for each concept not in ``seen`` (added to it)."""
    out: list[tuple[Concept, _Read, str]] = []
    if not _NUMBER_WITH_UNIT.search(text) and "目标" not in text:
        return out  # (most plans: no number with a unit, no stated absence)
    for clause in _clauses(text):
        if not _NUMBER_WITH_UNIT.search(clause) and "目标" not in clause:
            continue
        if _ABSENT.search(clause) and (absent := _absent_target(clause, concepts, seen)) is not None:
            out.append(absent)
            continue
        for concept in concepts:
            if concept.id in seen:
                continue
            got = read_clause(clause, concept)
            if got is not None:
                seen.add(concept.id)
                out.append((concept, got, clause))
                break
    return out


def _absent_target(clause: str, concepts: list[Concept], seen: set[str]) -> tuple[Concept, _Read, str] | None:
    """A clause saying no target is set (不设经济增长具体目标): the concept it names (growth when
    it names none), with no value."""
    named = [c for c in concepts if c.id not in seen and any(p.search(clause) for p in (*c.anchors, *c.patterns))]
    fallback = [c for c in concepts if c.id == "economy.gdp_growth" and c.id not in seen and "增长" in clause]
    if not named and not fallback:
        return None
    chosen = (named or fallback)[0]
    seen.add(chosen.id)
    return chosen, _Read("none", None, None, None, None, "", len(clause)), clause


def extract_targets(
    sections: list[Section],
    paragraphs: list[Paragraph],
    commitments: list[Commitment],
    genre: str,
    year: int | None,
) -> list[Target]:
    """The report's targets, in document order (steps in the module's docstring)."""
    concepts = _concepts()
    rows: list[dict[str, object]] = []
    if genre == "work_report":
        review = review_sections(sections)
        seen: set[str] = set()
        found: list[tuple[Concept, _Read, str, Paragraph]] = []
        for para in paragraphs:
            for sentence in FULL_STOP.findall(para.text):
                if _TARGETS_MARK.search(sentence):
                    body = sentence[_TARGETS_MARK.search(sentence).end() :]  # type: ignore[union-attr]
                    found += [(c, r, cl, para) for c, r, cl in _targets_in(body, concepts, seen)]
        headline = [c for c in concepts if c.anchors]  # outside the targets sentence: the headline concepts only
        for para in paragraphs:
            if para.section in review or _MANY_YEARS.search(para.text):
                continue
            for sentence in FULL_STOP.findall(para.text):
                if not _TARGETS_MARK.search(sentence):
                    found += [(c, r, cl, para) for c, r, cl in _targets_in(sentence, headline, seen)]
        found.sort(key=lambda f: f[3].line)
        # the year of the part that sets the targets (二、2031年工作总体部署) for those outside it
        plan_year = next(
            (_work_report_year(p, sections, year) for _, r, cl, p in found if _TARGETS_MARK.search(p.text)), year
        )
        rows = [_row(c, r, cl, p.section, p.line, _work_report_year(p, sections, plan_year)) for c, r, cl, p in found]
    else:
        for commitment in commitments:
            seen = set()
            rows += [
                _row(c, r, cl, commitment.section, commitment.line, commitment.target_year)
                for c, r, cl in _targets_in(commitment.text, concepts, seen)
            ]
    return [Target(id=f"T{i}", **row) for i, row in enumerate(rows, start=1)]


def _row(c: Concept, r: _Read, clause: str, section: str | None, line: int, year: int | None) -> dict[str, object]:
    return {
        "absent": r.comparator == "none",
        "concept": c.id,
        "label": clause,
        "comparator": r.comparator,
        "change": r.change,
        "value": r.value,
        "low": r.low,
        "high": r.high,
        "unit": r.unit,
        "target_year": year,
        "section": section,
        "line": line,
    }


_YEAR_IN: Final = re.compile(r"((?:19|20)\d\d)年")


def _work_report_year(para: Paragraph, sections: list[Section], year: int | None) -> int | None:
    """The year a work report's target is for: the year its part's title names (2031年经济社会
    发展总体要求), else the report's own."""
    top = (para.section or "").split(".")[0]
    title = next((s.title for s in sections if s.id == top), "")
    m = _YEAR_IN.search(title)
    return int(m.group(1)) if m else year


def reviews_many_years(sections: list[Section]) -> bool:
    """Whether a work report's review part is of several years (a review part titled as five years)."""
    return any(s.level == 1 and "回顾" in s.title and _MANY_YEARS.search(s.title) for s in sections)


def review_sections(sections: list[Section]) -> set[str]:
    """The ids of the review part of a work report (一、2018年工作回顾) and all its sub-sections."""
    tops = {s.id for s in sections if s.level == 1 and ("review" in s.kinds or "回顾" in s.title)}
    return {s.id for s in sections if s.id.split(".")[0] in tops}


# ---------------------------------------------------------------- outcomes
_OUTCOME_VALUE: Final = re.compile(rf"(\d+(?:\.\d+)?)\s*({_UNIT}|个百分点)")
_OUTCOME_WINDOW: Final = 30


@dataclass(slots=True)
class Outcome:
    value: float
    unit: str
    sentence: str
    line: int
    section: str | None


def review_units(
    paragraphs: list[Paragraph], review: set[str] | None, year: int | None, many_years: bool = False
) -> list[tuple[str, int, str | None]]:
    """The review's text in units (paragraphs, a paragraph broken mid-sentence joined to the next),
    without those about several years unless they name ``year`` or 去年; in a review of several
    years (``many_years``: a part titled as five years), only the units that name it."""
    units: list[tuple[str, int, str | None]] = []
    joined = False
    for para in paragraphs:
        if review is not None and para.section not in review:
            joined = False
            continue
        if joined and units:
            text, line, section = units[-1]
            units[-1] = (text + para.text, line, section)
        else:
            units.append((para.text, para.line, para.section))
        joined = not para.text.rstrip().endswith(("。", "！", "？", "；", "：", "”"))
    keep = (f"{year}年", "去年", "刚刚过去") if year else ("去年",)
    return [u for u in units if not (many_years or _MANY_YEARS.search(u[0])) or any(k in u[0] for k in keep)]


def find_outcome(units: list[tuple[str, int, str | None]], concept: Concept, target: Target) -> Outcome | None:
    """The first figure for ``concept`` in the review: a number of the target's unit within a few
    characters after its words (a decrease target needs a decrease word there)."""
    anchors = concept.anchors or concept.patterns
    for text, line, section in units:
        for sentence in FULL_STOP.findall(text):
            for anchor in anchors:
                for m in anchor.finditer(sentence):
                    window = re.split(r"[。；]", sentence[m.end() : m.end() + _OUTCOME_WINDOW])[0]
                    got = _outcome_in(window, target)
                    if got is not None:
                        return Outcome(got[0], got[1], sentence.strip(), line, section)
    return None


def _outcome_in(window: str, target: Target) -> tuple[float, str] | None:
    for v in _OUTCOME_VALUE.finditer(window):
        unit = v.group(2).replace("％", "%")
        scale = _MONEY.get(unit, 1.0)
        unit = "亿元" if unit in _MONEY else unit
        if unit != target.unit:
            continue
        before = window[: v.start()]
        if target.change == "decrease" and not _DECREASE.search(before):
            return None
        return float(v.group(1)) * scale, unit
    return None
