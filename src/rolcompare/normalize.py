"""Stage 2 of the pipeline: dirty text → canonical simplified text, line by line.

``normalize(text)`` keeps every line's 1-based source number so that each item extracted
later can point back into the original file. The canonical form (DESIGN §2):
simplified script, pinyin annotations removed, the mirror's spurious commas removed,
CJK punctuation full-width, digits/Latin/percent half-width, whitespace tidied, damaged
spans replaced by one U+FFFD each and reported as ``damaged-text`` warnings.
Normalization is idempotent (a property test holds it to that).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from rolcompare._lexicon import CJK, PINYIN_LETTERS, PINYIN_SYLLABLE
from rolcompare.schema import Line, NormalizedText, Script, Warning

if TYPE_CHECKING:  # pragma: no cover
    import opencc

_PINYIN_ANNOTATION = re.compile(rf"(?<=[{CJK}\ufffd])(?:\((?:{PINYIN_SYLLABLE})\))+")
# damaged spans: a '?' or U+FFFD glued to CJK or to pinyin letters starts one; junk atoms
# (orphan pinyin, | < > !, annotations) within 3 characters to the right extend it.
_DAMAGE_SEED = re.compile(
    rf"\ufffd|(?<=[{CJK}])\?[{PINYIN_LETTERS}]*\)?|\?(?=[{CJK}{PINYIN_LETTERS}])[{PINYIN_LETTERS}]*\)?"
)
_DAMAGE_ATOM = re.compile(
    rf"\?[{PINYIN_LETTERS}]*\)?|\ufffd|[|<>!A-Z]|(?<![({PINYIN_LETTERS}])[{PINYIN_LETTERS}]{{1,6}}\)"
)
_ANNOTATION_AT = re.compile(rf"\((?:{PINYIN_SYLLABLE})\)")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CJKISH = rf"[{CJK}\ufffd，。、；：！？（）《》“”‘’「」『』【】…—·]"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<={_CJKISH}) (?={_CJKISH})")
_SPURIOUS_COMMA = re.compile(r",(?=[,，、。；;：！!？?）)》」”…])")
_KEEP_COMMA = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_KEEP_COLON = re.compile(r"(?<=\d):(?=\d)")
_HALF_TO_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"})
_FULL_TO_HALF = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
        "％": "%",
        "．": ".",
        "＋": "+",
        "－": "-",
        "／": "/",
        "＝": "=",
        "﹐": "，",
        "﹔": "；",
        "﹕": "：",
        "﹒": ".",
        "︰": "：",
        "〔": "（",
        "〕": "）",
    }
)


@lru_cache(maxsize=2)
def _converter(config: str) -> opencc.OpenCC:
    import opencc  # heavy-ish; imported on first use only

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Traditional → simplified (OpenCC ``t2s``)."""
    return _converter("t2s").convert(text)


def to_traditional(text: str) -> str:
    """Simplified → traditional (OpenCC ``s2t``); used by tests and script detection."""
    return _converter("s2t").convert(text)


def normalize(text: str, first_line: int = 1) -> NormalizedText:
    """Normalize ``text`` whose first line is source line ``first_line``.

    Steps:
      1. split lines (CRLF, CR, LF); tidy whitespace and drop invisible characters;
      2. find damaged spans, replace each with U+FFFD and record a warning;
      3. remove pinyin annotations after CJK characters (real parentheses survive);
      4. detect the script and convert traditional → simplified (one OpenCC call);
      5. drop the spurious commas and fold punctuation to the canonical widths.
    """
    warnings: list[Warning] = []
    prepared: list[str] = []
    for offset, raw in enumerate(text.splitlines()):
        line = _tidy_spaces(raw)
        line = _mark_damage(line, first_line + offset, warnings)
        prepared.append(_PINYIN_ANNOTATION.sub("", line))
    joined = "\n".join(prepared)
    simplified = to_simplified(joined)
    script = detect_script(joined, simplified)
    lines = [
        Line(first_line + i, folded)
        for i, raw_line in enumerate(simplified.split("\n"))
        if (folded := fold_punctuation(raw_line))
    ]
    return NormalizedText(lines=lines, script=script, warnings=warnings)


def normalize_text(text: str) -> str:
    """Normalized text of a string, lines joined with ``\\n`` (convenience for callers/tests)."""
    return normalize(text).text


def _tidy_spaces(line: str) -> str:
    line = _INVISIBLE.sub("", line.translate(_FULL_TO_HALF))
    line = _SPACES.sub(" ", line).strip()
    return _SPACE_BETWEEN_CJK.sub("", line)


def _mark_damage(line: str, line_no: int, warnings: list[Warning]) -> str:
    """Replace each damaged span by U+FFFD and record a ``damaged-text`` warning."""
    if "?" not in line and "\ufffd" not in line:
        return line
    spans: list[tuple[int, int]] = []
    for seed in _DAMAGE_SEED.finditer(line):
        if spans and seed.start() < spans[-1][1]:
            continue
        end = seed.end()
        while True:
            if glued := _ANNOTATION_AT.match(line, end):  # an annotation glued to the junk
                end = glued.end()
            elif (atom := _DAMAGE_ATOM.search(line, end)) and atom.start() - end <= 3:
                end = atom.end()
            else:
                break
        spans.append((seed.start(), end))
    for start, end in reversed(spans):
        excerpt = line[max(0, start - 4) : end + 2]
        warnings.append(
            Warning(
                code="damaged-text",
                message=f"damaged text that cannot be repaired: “{excerpt}”",
                line=line_no,
            )
        )
        line = line[:start] + "\ufffd" + line[end:]
    warnings.sort(key=lambda w: w.line or 0)
    return line


def fold_punctuation(line: str) -> str:
    """Drop spurious commas, then fold ASCII punctuation to full-width (except in numbers)."""
    line = _SPURIOUS_COMMA.sub("", line)
    line = _KEEP_COMMA.sub("\x01", _KEEP_COLON.sub("\x02", line))
    line = line.translate(_HALF_TO_FULL).replace("\x01", ",").replace("\x02", ":")
    return _SPACE_BETWEEN_CJK.sub("", line).strip()


def detect_script(text: str, simplified: str | None = None) -> Script:
    """``traditional``, ``simplified`` or ``mixed`` by counting characters each conversion changes.

    ``simplified``: ``to_simplified(text)`` when the caller has it already.
    """
    sample = text[:20000]
    converted = (simplified if simplified is not None else to_simplified(sample))[: len(sample)]
    changed = [(a, b) for a, b in zip(sample, converted, strict=False) if a != b]
    if not changed:
        return "simplified"
    cjk = max(1, len(_HAN.findall(sample)))
    if len(changed) < 3 and len(changed) / cjk < 0.005:
        return "simplified"
    # simplified forms of the traditional characters present, standing unchanged elsewhere:
    # a text that writes both 說 and 说 is mixed
    counts = Counter(sample)
    also_simplified = sum(counts[form] for form in {b for _, b in changed})
    if also_simplified > max(3, 0.25 * len(changed)):
        return "mixed"
    return "traditional" if len(changed) / cjk >= 0.01 else "mixed"
