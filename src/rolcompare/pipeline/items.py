"""Pipeline stage 7: commitments (the items of the plans part) and problems (shortcomings).

Enumeration styles: inline 一是…；二是…； / 第一，…第二，… / 其一是…, sub-sections （一）（二）,
numbered lines 1. 1、, circled ①; problems also as ``如：…；…；…等等``. The plans part's
preamble (``2020年，我们将…在市委的坚强领导下…``) is not a commitment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from rolcompare.lexicon.grammar import find_year, split_sentences
from rolcompare.lexicon.words import CN_ORDINALS
from rolcompare.schema import Commitment, Paragraph, Problem, Structure

_CN = CN_ORDINALS
# each style opens with a character class, so the regex engine skips ahead with it
MARKER_STYLES: dict[str, str] = {
    "shi": rf"[{_CN}](?<![{_CN}].)[{_CN}]{{0,2}}是(?=[^的])",  # 1-3 numerals, not preceded by one
    "qi": rf"其[{_CN}]{{1,3}}是?(?=[，,：])",
    "di": rf"第[{_CN}]{{1,3}}(?=[，、：,])",
    "paren": rf"（[{_CN}]{{1,3}}）",
    "arabic": r"\d(?<![\d.].)\d?[.、](?!\d)",  # 1-2 digits, not preceded by a digit or point
    "paren_arabic": r"（\d{1,2}）",
    "circled": r"[①-⑳]",
}
# a marker counts where it starts the text or follows a clause mark or a space (``_markers``)
_MARKER_RES: Final = {k: re.compile(rf"(?P<ord>{p})[，、：,]?") for k, p in MARKER_STYLES.items()}
_MARKER_AFTER: Final = "。；;，：:"
# a character every marker of the style holds: a text without it needs no search
_MARKER_HINTS: Final = {"shi": "是", "qi": "其", "di": "第", "paren": "（", "paren_arabic": "（"}
_PLAN_OPENER: Final = re.compile(
    r"^(?:\d{4}年(?:度)?|下一步|今后|明年|新的一年|下一年度?)[，,]?.{0,30}?(?:将|要|拟|计划|重点|继续)|^下一步|^今后"
)
_PREAMBLE: Final = re.compile(
    r"领导下|安排部署|指导下|决策部署|我们将|我局将|重点抓好|重点做好|主要做好|以下(?:几个方面|工作)|现将"
)
_FORWARD: Final = re.compile(r"将|拟|计划|力争|预计|下一步|争取")
_LIST_LEAD: Final = re.compile(
    r"^.{0,80}?(?:(?:如|主要是|主要表现在|主要有|具体是|表现为|体现在)|(?:问题|不足|差距|短板|薄弱环节)[^：:。]{0,10})[：:]"
)
_LEAD_IN: Final = re.compile(r"(?:取得|成效|成绩|进展).{0,30}(?:但|然而)|存在(?:一些|以下|不少)?(?:问题|不足)[。：]?$")
_TRAILING_MARKS: Final = "。；，、"
_LEADING: Final = re.compile(r"^(?:但是|但|同时|此外|另外|另一方面|其次|再次|最后)[，,]?")
_SPLIT_AFTER_ISSUES: Final = re.compile(r"(?<=等问题)，(?=.{6,})")


@dataclass(slots=True)
class _Item:
    ordinal: str | None
    text: str
    section: str | None
    line: int


@dataclass(slots=True)
class Parts:
    """Where a report's plans and problems stand, found once for both extractors."""

    item_sections: dict[str, str]  # leaf sub-sections that are one item each: id → "plans" | "problems"
    plan_paragraphs: list[Paragraph]  # paragraphs of plans parts not split into sub-sections
    problem_paragraphs: list[Paragraph]  # the same for problems parts


def find_parts(struct: Structure) -> Parts:
    """The item sub-sections and the plans / problems paragraphs of ``struct``."""
    item_sections = _item_sections(struct)
    return Parts(item_sections, *_partition(struct, item_sections))


def extract_commitments(struct: Structure, year: int | None, parts: Parts | None = None) -> list[Commitment]:
    """Next year's plans, ids ``c1``, ``c2``, … (``parts``: ``find_parts(struct)`` if the caller has it).

    Steps:
      1. leaf sub-sections of the plans part: one commitment each (ordinal = heading number);
      2. plans paragraphs of the part itself: inline enumerations, else sentences
         (the preamble is skipped);
      3. forward-looking sentences elsewhere (将/拟/计划/力争 + a later year).
    """
    parts = parts or find_parts(struct)
    plan_paras = parts.plan_paragraphs
    items = _section_items(struct, "plans", parts.item_sections) + _paragraph_items(plan_paras, preamble=True)
    items.sort(key=lambda it: it.line)
    default_year = _plans_year(struct, plan_paras, year)
    out = [
        Commitment(
            id=f"c{i}",
            ordinal=it.ordinal,
            text=it.text,
            target_year=_target_year(it.text, default_year, year),
            section=it.section,
            line=it.line,
        )
        for i, it in enumerate(items, start=1)
    ]
    for it in _forward_items(struct, year):
        out.append(
            Commitment(
                id=f"c{len(out) + 1}",
                ordinal=None,
                text=it.text,
                target_year=find_year(it.text),
                section=it.section,
                line=it.line,
            )
        )
    return out


def extract_problems(struct: Structure, parts: Parts | None = None) -> list[Problem]:
    """Shortcomings, one item each, ids ``p1``, ``p2``, … (``parts`` as for ``extract_commitments``)."""
    parts = parts or find_parts(struct)
    items = _section_items(struct, "problems", parts.item_sections) + _paragraph_items(
        parts.problem_paragraphs, preamble=False
    )
    items.sort(key=lambda it: it.line)
    texts = [(it, part) for it in items for part in _SPLIT_AFTER_ISSUES.split(it.text)]
    return [
        Problem(id=f"p{i}", text=_clean(part), section=it.section, line=it.line)
        for i, (it, part) in enumerate(((it, p) for it, p in texts if _clean(p)), start=1)
    ]


def _partition(struct: Structure, item_sections: dict[str, str]) -> tuple[list[Paragraph], list[Paragraph]]:
    """(plan paragraphs, problem paragraphs) of the parts that are not split into sub-sections."""
    kinds = {s.id: s.kinds for s in struct.sections}
    plans: list[Paragraph] = []
    problems: list[Paragraph] = []
    opened: set[str | None] = set()
    for para in struct.paragraphs:
        if para.section in item_sections:
            continue
        sec_kinds = kinds.get(para.section or "", [])
        if "plans" in sec_kinds and "problems" in sec_kinds:
            if para.section in opened or _PLAN_OPENER.search(para.text):
                opened.add(para.section)
                plans.append(para)
            else:
                problems.append(para)
        elif "plans" in sec_kinds:
            plans.append(para)
        elif "problems" in sec_kinds:
            problems.append(para)
    return plans, problems


def _item_sections(struct: Structure) -> dict[str, str]:
    """Leaf sub-sections that are items of a plans or problems part: id → kind."""
    by_id = {s.id: s for s in struct.sections}
    has_children = {s.parent for s in struct.sections if s.parent}
    out: dict[str, str] = {}
    for s in struct.sections:
        parent = by_id.get(s.parent) if s.parent else None
        if parent is None or s.id in has_children or len(s.kinds) != 1:
            continue
        if s.kinds[0] in ("plans", "problems") and s.kinds[0] in parent.kinds:
            out[s.id] = s.kinds[0]
    return out


def _section_items(struct: Structure, kind: str, item_sections: dict[str, str]) -> list[_Item]:
    bodies: dict[str, list[str]] = {}
    for para in struct.paragraphs:
        if para.section in item_sections:
            bodies.setdefault(para.section, []).append(para.text)
    out = []
    for s in struct.sections:
        if item_sections.get(s.id) != kind:
            continue
        text = "。".join(t.rstrip("。；") for t in [s.title, *bodies.get(s.id, [])] if t)
        out.append(_Item(ordinal=s.number, text=_clean(text), section=s.id, line=s.line))
    return out


def _paragraph_items(paras: list[Paragraph], *, preamble: bool) -> list[_Item]:
    out: list[_Item] = []
    for para in paras:
        enumerated = split_enumeration(para.text)
        if enumerated:
            out.extend(_Item(o, t, para.section, para.line) for o, t in enumerated)
            continue
        text = para.text
        if not preamble and (lead := _LIST_LEAD.match(text)):
            out.extend(_Item(None, t, para.section, para.line) for t in re.split(r"；", text[lead.end() :]))
            continue
        for i, sentence in enumerate(split_sentences(text)):
            if preamble and i == 0 and _PREAMBLE.search(sentence):
                head, colon, rest = sentence.partition("：")
                if not (colon and rest.strip("。；") and _PREAMBLE.search(head)):
                    continue
                sentence = rest
            if not preamble and (_LEAD_IN.search(sentence) or (i == 0 and sentence.endswith("："))):
                continue
            ordinal, sentence = _leading_marker(sentence)
            out.append(_Item(ordinal, sentence, para.section, para.line))
    return [_Item(it.ordinal, text, it.section, it.line) for it in out if (text := _clean(it.text))]


def _leading_marker(sentence: str) -> tuple[str | None, str]:
    """A lone enumeration marker at the start of a sentence: (ordinal, rest)."""
    for rx in _MARKER_RES.values():
        if m := rx.match(sentence):
            return m.group("ord"), sentence[m.end() :]
    return None, sentence


def split_enumeration(text: str) -> list[tuple[str, str]]:
    """(ordinal, text) items of an inline enumeration (一是…；二是…), or [] when there is none.

    The style whose markers form the longest run starting at 一/第一/1 wins; text before
    the first marker (a preamble or lead-in) is dropped.
    """
    best: list[re.Match[str]] = []
    for style, rx in _MARKER_RES.items():
        if (hint := _MARKER_HINTS.get(style)) and hint not in text:
            continue
        marks = _markers(rx, text)
        if len(marks) >= 2 and _ordinal_value(marks[0].group("ord")) == 1 and len(marks) > len(best):
            best = marks
    if not best:
        return []
    items = []
    for i, m in enumerate(best):
        end = best[i + 1].start() if i + 1 < len(best) else len(text)
        items.append((m.group("ord"), _clean(text[m.end() : end])))
    return [(o, t) for o, t in items if t]


def _markers(rx: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """The matches of ``rx`` that start the text or follow a clause mark or a space, in the
    order ``finditer`` finds them for ``rx`` with that condition as a look-behind (a search
    with a character class first, then one test of the character before, is much faster)."""
    marks, pos = [], 0
    while (m := rx.search(text, pos)) is not None:
        start = m.start()
        if start == 0 or text[start - 1] in _MARKER_AFTER or text[start - 1].isspace():
            marks.append(m)
            pos = m.end()
        else:
            pos = start + 1
    return marks


def _ordinal_value(ordinal: str) -> int | None:
    digits = re.sub(r"[^\d一二三四五六七八九十①-⑳]", "", ordinal)
    if not digits:
        return None
    if digits[0] in "①②③④⑤⑥⑦⑧⑨⑩":
        return ord(digits[0]) - ord("①") + 1
    if digits.isdigit():
        return int(digits)
    return _CN.index(digits[0]) + 1 if len(digits) == 1 else None


def _clean(text: str) -> str:
    """Without a leading connective (但是, 同时 …) and trailing 等/等等 and punctuation."""
    text = _LEADING.sub("", text.strip())
    end = len(text)
    while end and (text[end - 1] in _TRAILING_MARKS or text[end - 1].isspace()):
        end -= 1
    for word in ("等等", "等"):
        if text.endswith(word, 0, end):
            end -= len(word)
            break
    return text[:end].strip()


def _plans_year(struct: Structure, plan_paras: list[Paragraph], year: int | None) -> int | None:
    candidates = [s.title for s in struct.sections if "plans" in s.kinds]
    candidates += [p.text[:12] for p in plan_paras[:1]]
    for text in candidates:
        found = find_year(text)
        if found and (year is None or found > year):
            return found
    return year + 1 if year else None


def _target_year(text: str, default: int | None, year: int | None) -> int | None:
    found = find_year(text)
    if found and year and found > year + 1 and found <= year + 5:
        return found
    return default


def _forward_items(struct: Structure, year: int | None) -> list[_Item]:
    if year is None:
        return []
    kinds = {s.id: s.kinds for s in struct.sections}
    out = []
    for para in struct.paragraphs:
        if {"plans", "problems"} & set(kinds.get(para.section or "", [])):
            continue
        for sentence in split_sentences(para.text):
            found = find_year(sentence)
            if found and found > year and _FORWARD.search(sentence):
                out.append(_Item(None, _clean(sentence), para.section, para.line))
    return out
