"""Pipeline stage 4: the body's normalized lines → section tree and paragraphs.

``structure(lines)`` recognizes headings at every level these reports use — 一、 / 第一部分 /
（一） / 1. 1、 / （1） / ① — whether the heading has its own line or runs into its body
(``（一）坚持高位推动。市政府…`` has the title ``坚持高位推动``; the heading grammar is
``lexicon.grammar``). Levels come from the order in
which numbering styles nest (a stack), so a report that skips a level still gets a tree.
"""

from __future__ import annotations

import re
from typing import Final

from rolcompare.lexicon.grammar import Heading, classify_kinds, match_heading
from rolcompare.lexicon.words import CHROME_LINE, WORK_REPORT_KIND_PATTERNS
from rolcompare.schema import Kind, Line, Paragraph, Section, Structure, build_many

_WORK_RES: Final = {kind: re.compile(p) for kind, p in WORK_REPORT_KIND_PATTERNS.items()}
_REPORTS_NUMBERS: Final = re.compile(
    r"\d[\d,.]*\s*(?:[万亿千])?\s*(?:%|[件项个次人名家所条份部场期批处卷户起例座台天])"
)


def structure(lines: list[Line]) -> Structure:
    """Build the section tree of the body (the lines after the head, see ``meta.read_head``).

    Steps:
      1. headings, by numbering style, nested with a stack; section ids by position (``2.6.2``);
         a report without numbered parts (一、 or 第一部分) may name its parts by short
         unnumbered lines (``存在的问题``, ``下一步工作打算``): those open level-1 parts;
      2. kinds of each section from its title, inherited from the parent when it has none;
      3. body paragraphs attached to the section they stand in.
    """
    sections: list[Section] = []
    paragraphs: list[dict[str, object]] = []  # rows of Paragraph, built at the end in one call
    stack: list[tuple[str, Section]] = []
    child_counts: dict[str | None, int] = {}
    body_lines = _without_signature(lines)
    signature = [line.text.strip() for line in lines[len(body_lines) :]]
    headings = [match_heading(line.text) for line in body_lines]
    numbered_parts = any(h is not None and h.style in ("cn", "part") for h in headings)
    for line, heading in zip(body_lines, headings, strict=True):
        if heading is None and not numbered_parts:
            heading = _bare_part(line.text)
        if heading is None:
            current = stack[-1][1].id if stack else None
            paragraphs.append({"section": current, "line": line.no, "text": line.text})
            continue
        section = _open_section(heading, line.no, stack, child_counts)
        sections.append(section)
        # a heading that is itself a sentence of results (（一）全年受理案件35件。) is body text too
        body = heading.text if _REPORTS_NUMBERS.search(heading.title) else heading.body
        if body:
            paragraphs.append({"section": section.id, "line": line.no, "text": body})
    built = build_many(Paragraph, paragraphs)
    return Structure(sections=sections, paragraphs=built, signature=signature)


_SIGNATURE: Final = re.compile(
    r"(?:\d{4}|[二〇○零一二三四五六七八九]{4})年\d{1,2}月\d{1,2}日|[\u4e00-\u9fff ]{2,30}(?:政府|局|委员会|委|办公室|厅|院|中心|所)"
)


def _without_signature(lines: list[Line]) -> list[Line]:
    """Drop the closing signature block (issuer, date) — it is not body text — and page chrome
    after it (an HTML page's 发布时间/来源 line that its extraction put last)."""
    end = len(lines)
    while end > 0 and len(lines) - end < 3 and _is_closing_chrome(lines[end - 1].text):
        end -= 1
    chrome_end = end
    while end > 0 and chrome_end - end < 3 and _SIGNATURE.fullmatch(lines[end - 1].text.strip("（）() ")):
        end -= 1
    return lines[:end]


_CLOSING_CHROME: Final = re.compile(CHROME_LINE)


def _is_closing_chrome(text: str) -> bool:
    return len(text) <= 120 and _CLOSING_CHROME.search(text) is not None


_BARE_PART: Final = re.compile(r"[\u4e00-\u9fff0-9 、和及与]{2,24}[：]?")


def _bare_part(text: str) -> Heading | None:
    """An unnumbered line that names a required part (``存在的问题和不足``), as a level-1 heading."""
    if not _BARE_PART.fullmatch(text) or not classify_kinds(text):
        return None
    title = text.rstrip("：")
    return Heading(style="bare", number="", title=title, body="", text=title)


def _open_section(
    heading: Heading,
    line_no: int,
    stack: list[tuple[str, Section]],
    child_counts: dict[str | None, int],
) -> Section:
    styles = [style for style, _ in stack]
    if heading.style == "bare":
        stack.clear()  # a named part is always a top-level part
    elif heading.style in styles:
        del stack[styles.index(heading.style) :]
    parent = stack[-1][1] if stack else None
    parent_id = parent.id if parent else None
    child_counts[parent_id] = child_counts.get(parent_id, 0) + 1
    index = child_counts[parent_id]
    section = Section(
        id=f"{parent_id}.{index}" if parent_id else str(index),
        number=heading.number,
        title=heading.title,
        level=len(stack) + 1,
        kinds=_section_kinds(heading.title, parent),
        parent=parent_id,
        line=line_no,
    )
    stack.append((heading.style, section))
    return section


def work_report_kinds(sections: list[Section]) -> None:
    """Re-read a work report's parts (``lexicon.words.WORK_REPORT_KIND_PATTERNS``): review,
    targets, government, and tasks for any other level-1 part after the review; sub-sections take
    their part's kind. In place."""
    kinds: dict[str, list[Kind]] = {}
    seen_review = False
    for s in sections:
        if s.level == 1:
            own: list[Kind] = [k for k, rx in _WORK_RES.items() if rx.search(s.title)]  # type: ignore[misc]
            seen_review = seen_review or "review" in own
            kinds[s.id] = own[:1] or (["tasks"] if seen_review else [])
        s.kinds = list(kinds.get(s.id.split(".")[0], []))


def _section_kinds(title: str, parent: Section | None) -> list[Kind]:
    """A section's kinds: its own title's, within what its parent part allows.

    A sub-section of a one-kind part belongs to that part whatever its words
    ("（二）落实工作安排" under 主要举措 is a measure). A sub-section of a two-kind part
    ("存在的问题和2020年工作打算") takes the one its title names.
    """
    if parent is not None and len(parent.kinds) == 1:
        return list(parent.kinds)
    own = classify_kinds(title)
    if parent is None or not parent.kinds:
        return own
    return [k for k in own if k in parent.kinds] or list(parent.kinds)
