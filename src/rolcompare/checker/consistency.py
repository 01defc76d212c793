"""Numbers that contradict each other, and headings out of order: what a careful reviewer checks.

Each finding says what was compared (``Arithmetic``: expr, left, right, delta, tolerance, the
evidence lines) and how sure the rule is: ``fail`` (the text contradicts itself), ``uncertain``
(units or scopes may differ: reported at info level), ``not_assessable`` (the comparison has
nothing to stand on). Only numbers written in Arabic digits are compared; quoted spans (《》 “”)
are masked first, so a title's number is never a count.

The rules, each a function of one parsed report (``yoy`` also of last year's):
1. ``part-exceeds-total``: a part after 其中/含/包括 larger than the total before it;
2. ``parts-exceed-total``: the parts listed after 分别 add up to more than the total (共/合计…)
   before them;
3. ``rate-over-100``: a rate (…率, 占比) above 100 %;
4. ``rate-disagrees``: a rate against its own counts in the same sentence (审结 / 受理 for 结案率);
5. ``conflicting-values``: one concept, scope and unit with two values (uncertain);
6. ``yoy-mismatch``: 同比增长 x % / 比上年增加 N against last year's report;
7. ``heading-order`` and ``heading-level-skip``: the 公文 heading order (GB/T 9704-2012);
8. ``missing-other``: no part on 其他, the fifth content of art. 25.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

from rolcompare.checker.rules import RULES
from rolcompare.lexicon.grammar import FULL_STOP, HEADING_STYLES, mask_quoted
from rolcompare.lexicon.numerals import parse_cn_integer
from rolcompare.lexicon.words import (
    DECREASE_WORDS,
    INCREASE_WORDS,
    MONEY_UNITS,
    RATE_COUNTS,
    RATES_OVER_100_ALLOWED,
    UNITS,
)
from rolcompare.schema import Arithmetic, EvidenceLine, Finding, Report

_UNIT_ALT = "|".join(map(re.escape, [*UNITS, "%"]))
_TOKEN: Final = re.compile(rf"(?<![\d.])(\d+(?:\.\d+)?)\s*(万|亿)?({_UNIT_ALT})")
_PART_MARK: Final = re.compile(r"其中|含|包括")
_EACH_MARK: Final = re.compile(r"分别(?:为|是|有|达|达到)?")
_TOTAL_LEAD: Final = re.compile(r"(?:共|合计|总计|累计|总数|总量)[^，。；、]{0,20}$")
_LIST_GAP: Final = re.compile(r"^[、，和及与 ]{0,2}$")
_RATE_LABEL: Final = re.compile(r"(?:率|占比|比例|比重)[^，。；、\d]{0,4}$")
_CHANGE_WORDS: Final = re.compile(
    "|".join([*INCREASE_WORDS, *DECREASE_WORDS, "同比", "环比", "比上年", "较上年", "超"])
)
_YOY: Final = re.compile(
    r"(?:同比|比上年|较上年|比去年|较去年)(增长|增加|上升|提高|下降|减少|降低)(\d+(?:\.\d+)?)\s*(%|个百分点|[件项个次人家条]|人次)?"
)
RATE_TOLERANCE: Final = 0.6  # percentage points: the stated rate is rounded (83.3 for 83.33…)
YOY_TOLERANCE: Final = 0.02  # share of last year's value: the stated growth is rounded
_STYLE_RANK: Final = {"cn": 0, "part": 0, "paren_cn": 1, "arabic": 2, "paren_arabic": 3, "circled": 4}


@dataclass(slots=True)
class _Token:
    value: float
    unit: str
    start: int
    end: int


def _tokens(masked: str) -> list[_Token]:
    """Numbers with a measure word, in order; 万/亿 and money units folded (8000万元 = 8e7 元)."""
    out = []
    for m in _TOKEN.finditer(masked):
        value, unit = float(m.group(1)), m.group(3)
        value *= {"万": 1e4, "亿": 1e8}.get(m.group(2) or "", 1.0)
        if unit in MONEY_UNITS:
            value, unit = value * MONEY_UNITS[unit], "元"
        out.append(_Token(value, unit, m.start(), m.end()))
    return out


def _finding(rule: str, path: str, line: int, message: str, arithmetic: Arithmetic) -> Finding:
    """A consistency finding: the rule's severity when it fails, info when it is not sure."""
    severity = RULES[rule].severity if arithmetic.status == "fail" else "info"
    return Finding(rule=rule, severity=severity, file=path, line=line, message=message, consistency=arithmetic)


Status = Literal["fail", "uncertain", "not_assessable"]


def _arith(
    expr: str, left: float, right: float, status: Status, evidence: list[EvidenceLine], tol: float = 0.0
) -> Arithmetic:
    return Arithmetic(
        expr=expr, left=left, right=right, delta=round(left - right, 6), tolerance=tol, status=status, evidence=evidence
    )


def _sentences(report: Report) -> list[tuple[int, str]]:
    """The body's sentences to the full stop (a rate's counts often stand before a ；)."""
    return [(p.line, s) for p in report.paragraphs for s in FULL_STOP.findall(p.text) if s.strip()]


def _excerpt(sentence: str) -> str:
    return sentence if len(sentence) <= 160 else sentence[:157] + "…"


def _g(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def consistency_findings(report: Report, path: str) -> list[Finding]:
    """The findings of rules 1-5, 7 and 8 on one report (``yoy_findings`` needs last year's too)."""
    out: list[Finding] = []
    for line, sentence in _sentences(report):
        masked = mask_quoted(sentence)
        tokens = _tokens(masked)
        if len(tokens) >= 2:
            out += _parts(masked, tokens, sentence, line, path)
            out += _rate_counts(masked, tokens, sentence, line, path)
        out += _rates_over_100(masked, tokens, sentence, line, path)
    out += _conflicting_values(report, path)
    out += heading_findings(report, path)
    return out


def _parts(masked: str, tokens: list[_Token], sentence: str, line: int, path: str) -> list[Finding]:
    """Rules 1 and 2: a part after 其中 larger than its total; parts after 分别 summing over it."""
    out = []
    evidence = [EvidenceLine(line=line, text=_excerpt(sentence))]
    for m in _PART_MARK.finditer(masked):
        before = [t for t in tokens if t.end <= m.start() and t.unit != "%"]
        clause_end = next((i for i in range(m.end(), len(masked)) if masked[i] in "，；。"), len(masked))
        parts = [t for t in tokens if m.end() <= t.start < clause_end and before and t.unit == before[-1].unit]
        if not before or not parts:
            continue
        total = before[-1]
        for part in parts:
            if part.value > total.value:
                message = (
                    f"a part ({_g(part.value)}{part.unit}) is larger than its total ({_g(total.value)}{total.unit})"
                )
                arith = _arith("part ≤ total", part.value, total.value, "fail", evidence)
                out.append(_finding("part-exceeds-total", path, line, message, arith))
    for m in _EACH_MARK.finditer(masked):
        parts = _listed_after(masked, tokens, m.end())
        totals = [t for t in tokens if t.end <= m.start() and _TOTAL_LEAD.search(masked[: t.start])]
        if len(parts) < 2 or not totals or totals[-1].unit != parts[0].unit:
            continue
        total, summed = totals[-1], sum(p.value for p in parts)
        if summed > total.value * (1 + 1e-9):
            message = f"the parts ({' + '.join(_g(p.value) for p in parts)} = {_g(summed)}{total.unit}) add up to more than the total ({_g(total.value)}{total.unit})"
            arith = _arith("sum(parts) ≤ total", summed, total.value, "fail", evidence)
            out.append(_finding("parts-exceed-total", path, line, message, arith))
    return out


def _listed_after(masked: str, tokens: list[_Token], start: int) -> list[_Token]:
    """The tokens of one unit listed right after ``start`` (``30件、25件``)."""
    parts: list[_Token] = []
    position = start
    for t in tokens:
        if t.start < start:
            continue
        if not _LIST_GAP.match(masked[position : t.start]) or (parts and t.unit != parts[0].unit):
            break
        parts.append(t)
        position = t.end
    return parts


def _rates_over_100(masked: str, tokens: list[_Token], sentence: str, line: int, path: str) -> list[Finding]:
    """Rule 3: a rate or share above 100 % (a growth may exceed it; a rate may not)."""
    out = []
    for t in tokens:
        if t.unit != "%" or t.value <= 100:
            continue
        lead = masked[max(0, t.start - 12) : t.start]
        if not _RATE_LABEL.search(lead.rstrip("达到为是约近超过了 ")) or _CHANGE_WORDS.search(lead[-8:]):
            continue
        if any(word in lead for word in RATES_OVER_100_ALLOWED):
            continue
        arith = _arith("rate ≤ 100 %", t.value, 100.0, "fail", [EvidenceLine(line=line, text=_excerpt(sentence))])
        out.append(_finding("rate-over-100", path, line, f"a rate of {_g(t.value)} % is over 100 %", arith))
    return out


def _rate_counts(masked: str, tokens: list[_Token], sentence: str, line: int, path: str) -> list[Finding]:
    """Rule 4: 审结40件 of 受理50件 is 80 %, not the 结案率 the sentence states."""
    out = []
    for word, (num_verbs, den_verbs) in RATE_COUNTS.items():
        at = masked.find(word)
        if at < 0:
            continue
        rate = next((t for t in tokens if t.unit == "%" and t.start > at and t.start - at <= len(word) + 6), None)
        numerator = _count_after(masked, tokens, num_verbs, at)
        denominator = _count_after(masked, tokens, den_verbs, at)
        if rate is None or numerator is None or denominator is None or not denominator.value:
            continue
        if numerator.unit != denominator.unit or numerator.value > denominator.value:
            continue
        computed = round(100 * numerator.value / denominator.value, 2)
        if abs(computed - rate.value) > RATE_TOLERANCE:
            message = (
                f"{word} {_g(rate.value)} % disagrees with its counts: "
                f"{_g(numerator.value)} / {_g(denominator.value)}{numerator.unit} = {computed:g} %"
            )
            evidence = [EvidenceLine(line=line, text=_excerpt(sentence))]
            arith = _arith("rate = numerator / denominator", rate.value, computed, "fail", evidence, RATE_TOLERANCE)
            out.append(_finding("rate-disagrees", path, line, message, arith))
    return out


def _count_after(masked: str, tokens: list[_Token], verbs: str, before: int) -> _Token | None:
    """The count a verb of ``verbs`` opens (``审结…40件``) before position ``before``: the last one."""
    found = None
    for m in re.finditer(verbs, masked[:before]):
        nxt = next((t for t in tokens if t.start >= m.end() and t.unit != "%"), None)
        if nxt is not None and nxt.start - m.end() <= 12 and nxt.end <= before:
            found = nxt
    return found


def _conflicting_values(report: Report, path: str) -> list[Finding]:
    """Rule 5: one concept with two values (same scope and unit): uncertain, the contexts may differ."""
    groups: dict[tuple[str, str | None, str], list] = {}
    for i in report.indicators:
        if i.concept and i.qualifier == "exact" and i.kind == "count":
            groups.setdefault((i.concept, i.scope, i.unit), []).append(i)
    out = []
    for (concept, _scope, unit), items in groups.items():
        values = sorted({i.value for i in items})
        if len(values) < 2:
            continue
        first, other = items[0], next(i for i in items if i.value != items[0].value)
        evidence = [EvidenceLine(line=x.line, text=_excerpt(x.sentence)) for x in (first, other)]
        message = f"{concept}: {_g(first.value)}{unit} (L{first.line}) and {_g(other.value)}{unit} (L{other.line})"
        arith = _arith("value = value", first.value, other.value, "uncertain", evidence)
        out.append(_finding("conflicting-values", path, other.line, message, arith))
    return out


def yoy_findings(report: Report, previous: Report, path: str) -> list[Finding]:
    """Rule 6: a claimed change over last year against last year's report (same concept and scope)."""
    last = {(i.concept, i.scope, i.unit): i for i in previous.indicators if i.concept and i.kind == "count"}
    out = []
    for ind in report.indicators:
        m = _YOY.search(ind.sentence)
        if not ind.concept or ind.kind != "count" or m is None or m.group(3) == "个百分点":
            continue
        if ind.sentence.find(m.group(0)) < ind.sentence.find(ind.label):
            continue  # the claim stands before this indicator: it is another's
        old = last.get((ind.concept, ind.scope, ind.unit))
        evidence = [EvidenceLine(line=ind.line, text=_excerpt(ind.sentence))]
        out.append(_yoy_finding(ind, old, m, evidence, path))
    return [f for f in out if f is not None]


def _yoy_finding(ind, old, m: re.Match[str], evidence: list[EvidenceLine], path: str) -> Finding | None:
    sign = -1.0 if m.group(1) in ("下降", "减少", "降低") else 1.0
    amount = float(m.group(2))
    if m.group(3) == "%":
        expected = ind.value / (1 + sign * amount / 100) if sign * amount > -100 else None
    elif m.group(3) in (None, ind.unit):
        expected = ind.value - sign * amount
    else:
        return None
    if old is None:
        message = (
            f"{ind.concept}: the change claimed over last year cannot be checked: last year's report has no such figure"
        )
        return _finding(
            "yoy-mismatch", path, ind.line, message, _arith("claimed = last year", 0.0, 0.0, "not_assessable", evidence)
        )
    if expected is None or abs(expected - old.value) <= max(YOY_TOLERANCE * old.value, 0.5):
        return None
    evidence.append(EvidenceLine(line=old.line, text=_excerpt(old.sentence)))
    message = (
        f"{ind.concept}: “{m.group(0)}” from {_g(ind.value)}{ind.unit} means {_g(expected)}{ind.unit} last year, "
        f"but last year's report says {_g(old.value)}{old.unit}"
    )
    arith = _arith("implied last year = last year", round(expected, 2), old.value, "fail", evidence, YOY_TOLERANCE)
    return _finding("yoy-mismatch", path, ind.line, message, arith)


# ---------------------------------------------------------------- headings
def _style(number: str) -> tuple[str, int] | None:
    """A section number's style and value (``（三）`` → paren_cn, 3)."""
    for style, pattern in HEADING_STYLES:
        if m := pattern.match(number + " "):
            num = m.group("num")
            value = (
                int(num)
                if num.isdigit()
                else parse_cn_integer(num)
                if style != "circled"
                else "①②③④⑤⑥⑦⑧⑨⑩".find(num) + 1
            )
            return (style, value) if value else None
    return None


def heading_findings(report: Report, path: str) -> list[Finding]:
    """Rules 7 and 8: siblings numbered 1, 2, 3 …; no level skipped; a part on 其他."""
    out: list[Finding] = []
    by_id = {s.id: s for s in report.sections}
    last: dict[tuple[str | None, str], int] = {}
    for s in report.sections:
        style = _style(s.number)
        if style is None:
            continue
        key = (s.parent, style[0])
        expected = last.get(key, 0) + 1
        if style[1] != expected:
            message = f"heading “{s.number}” follows number {expected - 1} of its level: expected {expected}"
            arith = _arith(
                "number = previous + 1",
                float(style[1]),
                float(expected),
                "fail",
                [EvidenceLine(line=s.line, text=f"{s.number}{s.title}")],
            )
            out.append(_finding("heading-order", path, s.line, message, arith))
        last[key] = style[1]
        parent_section = by_id.get(s.parent or "")
        parent = _style(parent_section.number) if parent_section is not None else None
        if parent is not None and parent_section is not None and _STYLE_RANK[style[0]] > _STYLE_RANK[parent[0]] + 1:
            message = f"heading “{s.number}” stands directly under “{parent_section.number}”: a level is skipped"
            arith = _arith(
                "level = parent + 1",
                float(_STYLE_RANK[style[0]]),
                float(_STYLE_RANK[parent[0]] + 1),
                "uncertain",
                [EvidenceLine(line=s.line, text=f"{s.number}{s.title}")],
            )
            out.append(_finding("heading-level-skip", path, s.line, message, arith))
    return out
