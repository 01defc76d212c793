"""The grammar these reports share: heading numbers, part names, sentences, quotes and years.

Every stage reads text through these rules, so they live here, below the stages:
- headings: the numbering styles of 公文 (GB/T 9704-2012: 一、 → （一） → 1. → （1）, plus
  第一部分 and ①), ``match_heading`` and ``split_title``;
- the part kinds a heading names (``classify_kinds``; words in ``words.KIND_PATTERNS``);
- sentences (``split_sentences``) and quoted spans (``mask_quoted``);
- the covered year written as 2019年 or 二〇一九年 (``find_year``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from rolcompare.lexicon.numerals import parse_cn_integer
from rolcompare.lexicon.words import CIRCLED, CN_ORDINALS, KIND_PATTERNS
from rolcompare.schema import Kind

_CN = CN_ORDINALS
HEADING_STYLES: list[tuple[str, re.Pattern[str]]] = [
    (
        "cn",
        re.compile(rf"^(?P<num>[{_CN}]{{1,3}})(?:、|[.。](?!\d))"),
    ),  # (一．, 一. of some documents: 一。 once normalized)
    ("part", re.compile(rf"^第(?P<num>[{_CN}]{{1,3}})部分[、：:\s]?")),
    ("paren_cn", re.compile(rf"^（(?P<num>[{_CN}]{{1,3}})）[、]?")),
    ("arabic", re.compile(r"^(?P<num>\d{1,2})(?:[.、](?!\d)|\s)")),
    ("paren_arabic", re.compile(r"^（(?P<num>\d{1,2})）")),
    ("circled", re.compile(rf"^(?P<num>[{CIRCLED}])")),
]
_HEADING_STARTS: Final = frozenset(_CN + "第（" + CIRCLED)  # with the decimal digits: how every style above starts
_KIND_RES: Final = {kind: re.compile(p) for kind, p in KIND_PATTERNS.items()}
_TITLE_END: Final = re.compile(r"[。！？]|：(?=.)")
_YEAR_RE: Final = re.compile(r"((?:19|20)\d{2})\s*年")
# (a class first: fast search)
_CN_YEAR_RE: Final = re.compile(r"([二〇零一三四五六七八九○][二〇零一三四五六七八九○]{3})年")


@dataclass(slots=True)
class Heading:
    style: str
    number: str
    title: str
    body: str
    text: str  # everything after the number


_NEXT_MARKER: Final = {
    "paren_cn": re.compile(rf"[。；，]（[{_CN}]{{1,3}}）"),
    "circled": re.compile(rf"[{CIRCLED}]"),
    "paren_arabic": re.compile(r"[。；，]（\d{1,2}）"),
}


def match_heading(text: str) -> Heading | None:
    """The heading at the start of ``text`` (number, title, remaining body), or None.

    A line whose markers run on (``①…；②…；③…``, ``（一）…。（二）…``) is an inline
    enumeration, not a heading.
    """
    if not text or (text[0] not in _HEADING_STARTS and not text[0].isdecimal()):
        return None  # (most lines: no style can match)
    for style, pattern in HEADING_STYLES:
        m = pattern.match(text)
        if not m:
            continue
        rest = text[m.end() :].lstrip(" 、，")
        if not rest or rest[0] in "。，；：）%" or _joined_numerals(style, m.group("num"), rest):
            return None
        if style in _NEXT_MARKER and _NEXT_MARKER[style].search(rest):
            return None
        title, body = split_title(rest)
        number = m.group(0).strip().replace("。", ".")  # (一。 is a normalized 一． or 一.)
        return Heading(style=style, number=number, title=title, body=body, text=rest)
    return None


def _joined_numerals(style: str, num: str, rest: str) -> bool:
    """一、二季度, 三、四月份, 二、三级医院, （一）（二）项: two numerals in a row, not a heading."""
    if style == "paren_cn":
        return rest.startswith("（") and rest[1:2] in _CN
    if style != "cn" or rest[:1] not in _CN:
        return False
    return parse_cn_integer(rest[0]) == (parse_cn_integer(num) or 0) + 1


def split_title(rest: str) -> tuple[str, str]:
    """Split a heading's text into its title and the body that runs on after it."""
    end = _TITLE_END.search(rest)
    if end is not None:
        return rest[: end.start()], rest[end.end() :].strip()
    if len(rest) > 40 and (comma := re.search(r"[，；]", rest)):
        return rest[: comma.start()], rest
    return rest.rstrip("；;"), ""


def classify_kinds(title: str) -> list[Kind]:
    """The part kinds a heading title names (design §1 (docs/design.md)); one title may name two."""
    kinds: list[Kind] = [k for k, rx in _KIND_RES.items() if rx.search(title)]  # type: ignore[misc]
    if "problems" in kinds and "measures" in kinds:
        # "推进…主要举措和成效" vs "存在的问题": the first word decides which one the part is
        first = min(("problems", "measures"), key=lambda k: _KIND_RES[k].search(title).start())  # type: ignore[union-attr]
        kinds.remove("measures" if first == "problems" else "problems")
    return kinds


def find_year(text: str) -> int | None:
    """The first plausible year (1990-2099) written as 2019年 or 二〇一九年."""
    if "年" not in text:
        return None
    if m := _YEAR_RE.search(text):
        return int(m.group(1))
    if m := _CN_YEAR_RE.search(text):
        digits = "".join(str(parse_cn_integer(ch) or 0) for ch in m.group(1))
        if digits.startswith(("19", "20")):
            return int(digits)
    return None


# ---------------------------------------------------------------- sentences and quotes
_SENTENCE: Final = re.compile(r"[^。！？；]+[。！？；]?|[。！？；]")
# sentences to the full stop only (a ； does not end one): where a rate's counts or a review's
# figures stand a clause before (checker.consistency, pipeline.targets)
FULL_STOP: Final = re.compile(r"[^。！？]+[。！？]?")


@lru_cache(maxsize=2048)
def split_sentences(text: str) -> tuple[str, ...]:
    """Sentences ending at 。！？ or ；, without empty pieces (cached: every stage asks)."""
    return tuple(s for s in map(str.strip, _SENTENCE.findall(text)) if s)


_QUOTED: Final = re.compile(r"《[^》]*(?:》|$)|“[^”]*(?:”|$)|‘[^’]*(?:’|$)|「[^」]*(?:」|$)|『[^』]*(?:』|$)")


def mask_quoted(sentence: str) -> str:
    """The sentence with everything inside 《》 “” ‘’ 「」 『』 replaced by ■ (same length)."""
    if not _QUOTED.search(sentence):
        return sentence
    return _QUOTED.sub(lambda m: _mask(m.group(0)), sentence)


def _mask(quoted: str) -> str:
    closed = len(quoted) > 1 and quoted[-1] in "》”’」』"
    inner = len(quoted) - 1 - closed
    return quoted[0] + "■" * inner + (quoted[-1] if closed else "")
