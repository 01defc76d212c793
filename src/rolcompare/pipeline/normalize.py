"""Pipeline stage 2: dirty text → canonical simplified text, line by line.

``normalize(text)`` keeps every line's 1-based source number so that each item extracted
later can point back into the original file. The canonical form (design §2 (docs/design.md)):
simplified script, pinyin annotations removed, the mirror's spurious commas removed,
CJK punctuation full-width, digits/Latin/percent half-width, whitespace tidied, damaged
spans replaced by one U+FFFD each and reported as ``damaged-text`` warnings.
Normalization is idempotent (a property test holds it to that).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress
from typing import TYPE_CHECKING, Final

from rolcompare.lexicon.lazy import LazyPattern
from rolcompare.lexicon.words import CJK, PINYIN_LETTERS, PINYIN_SYLLABLE
from rolcompare.schema import Line, NormalizedText, ParseWarning, Script

if TYPE_CHECKING:  # pragma: no cover
    import opencc

# literal "(" first, then a look back at the character before it: the regex engine can then
# jump from one "(" to the next instead of testing the look-behind at every position
# (the run of annotations after the first is possessive: nothing follows it to give one back to)
_PINYIN_ANNOTATION: Final = re.compile(rf"\((?<=[{CJK}\ufffd]\()(?:{PINYIN_SYLLABLE})\)(?:\((?:{PINYIN_SYLLABLE})\))*+")
# damaged spans: a '?' or U+FFFD glued to CJK or to pinyin letters starts one; junk atoms
# (orphan pinyin, | < > !, annotations) within 3 characters to the right extend it.
_DAMAGE_SEED: Final = re.compile(
    rf"\ufffd|(?<=[{CJK}])\?[{PINYIN_LETTERS}]*\)?|\?(?=[{CJK}{PINYIN_LETTERS}])[{PINYIN_LETTERS}]*\)?"
)
_DAMAGE_ATOM: Final = re.compile(
    rf"\?[{PINYIN_LETTERS}]*\)?|\ufffd|[|<>!A-Z]|(?<![({PINYIN_LETTERS}])[{PINYIN_LETTERS}]{{1,6}}\)"
)
_ANNOTATION_AT: Final = re.compile(rf"\((?:{PINYIN_SYLLABLE})\)")
# (a raw string: the regex reads the escapes, as a compiled build takes no surrogate literal)
_SURROGATE: Final = re.compile(r"[\ud800-\udfff]")
_INVISIBLE: Final = re.compile(r"[\u200b-\u200f\u2060\ufeff\x00-\x08\x0b-\x1f\x7f]")
_SPACES: Final = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CJKISH = rf"[{CJK}\ufffd，。、；：！？（）《》“”‘’「」『』【】…—·]"
_SPACE_BETWEEN_CJK: Final = re.compile(rf" (?<={_CJKISH} )(?={_CJKISH})")
_SPURIOUS_COMMA: Final = re.compile(r",(?=[,，、。；;：！!？?）)》」”…])")
_KEEP_COMMA: Final = re.compile(r",(?<=\d,)(?=\d{3}(?!\d))")
_KEEP_COLON: Final = re.compile(r":(?<=\d:)(?=\d)")
# an ASCII full stop ending a sentence (100%. 二是…): after %, CJK or a closing mark, before CJK or the line end
_SENTENCE_STOP: Final = re.compile(
    r"\.(?:(?<=[%）”》]\.)|(?<=[^\W\d_]\.)(?<![A-Za-z]\.))(?=(?![A-Za-z])[^\W\d_]|[“（《]|$)", re.MULTILINE
)  # (a letter that is no Latin one stands for CJK: the CJK range would cost a millisecond to compile)
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


_FULL_TO_HALF_RE: Final = re.compile("[" + re.escape("".join(map(chr, _FULL_TO_HALF))) + "]")
_HALF_TO_FULL_PAIRS = [(chr(k), v) for k, v in _HALF_TO_FULL.items()]


def _translate(text: str, finder: re.Pattern[str], table: dict[int, str]) -> str:
    """``str.translate`` for a table of a few characters (much faster on CJK text)."""
    return finder.sub(lambda m: table[ord(m.group(0))], text) if finder.search(text) else text


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

    Steps (each on the whole text at once; no step adds or removes a line break):
      1. split lines (CRLF, CR, LF); fold full-width digits/letters, drop invisible characters,
         collapse runs of spaces; remove a copying site's watermark (``某某网—…www.example.com``);
      2. find damaged spans, replace each with U+FFFD and record a warning (per line);
      3. remove pinyin annotations after CJK characters (real parentheses survive);
      4. detect the script and convert traditional → simplified (one OpenCC call);
      5. drop the spurious commas and fold punctuation to the canonical widths; trim lines;
      6. on lines with a damaged span, extend it over junk that step 5 brought within reach.
    """
    joined = _tidy_spaces(_translate("\n".join(text.splitlines()), _FULL_TO_HALF_RE, _FULL_TO_HALF))
    warnings: list[ParseWarning] = []
    if "www." in joined:
        joined = _remove_watermarks(joined, first_line, warnings)
    if "?" in joined or "\ufffd" in joined:
        raw_lines = joined.split("\n")
        for i, line in enumerate(raw_lines):
            if "?" in line or "\ufffd" in line:
                raw_lines[i] = _mark_damage(line, first_line + i, warnings)
        joined = "\n".join(raw_lines)
    if "(" in joined:
        joined = _PINYIN_ANNOTATION.sub("", joined)
    simplified = to_simplified(joined)
    script = detect_script(joined, simplified)
    folded = fold_punctuation(simplified).split("\n")
    if warnings and "\ufffd" in joined:
        # 6. a damaged span again on the folded text: dropped commas can bring junk within reach
        #    of a span (``?b00,,<``); extending it now keeps normalizing idempotent (already reported)
        folded = [_mark_damage(line, 0, []) if "\ufffd" in line else line for line in folded]
    lines = [Line(first_line + i, line.strip(" ")) for i, line in enumerate(folded) if line.strip(" ")]
    return NormalizedText(lines=lines, script=script, warnings=warnings)


_WATERMARK: Final = LazyPattern(
    rf"(?P<lead>[{CJK}—\-·|｜ ]{{0,24}})(?P<url>(?:https?://)?www\.[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org)(?:\.cn)?)",
    re.IGNORECASE,
)


def _remove_watermarks(joined: str, first_line: int, warnings: list[ParseWarning]) -> str:
    """Remove the text a copying site stamps into a page, with its web address.

    The watermark is the address and the words written before it wherever it stands; the
    words are known from its repetitions (their common ending) or, when it stands once, from
    the start of a line. Report text never holds a bare ``www.`` address in its sentences.
    """
    found: dict[str, list[re.Match[str]]] = {}
    for m in _WATERMARK.get().finditer(joined):
        found.setdefault(m.group("url").lower(), []).append(m)
    for url, matches in found.items():
        leads = [m.group("lead") for m in matches]
        words = _common_ending(leads) if len(leads) > 1 else _line_start_lead(joined, matches[0])
        stamp = words + matches[0].group("url")
        line = joined.count("\n", 0, matches[0].start()) + first_line
        warnings.append(
            ParseWarning(code="watermark", message=f"removed a copying site's watermark “{stamp}”", line=line)
        )
        joined = re.sub(re.escape(words) + r"(?:https?://)?" + re.escape(url), "", joined, flags=re.IGNORECASE)
    return joined


def _common_ending(texts: list[str]) -> str:
    end = 0
    shortest = min(len(t) for t in texts)
    while end < shortest and len({t[len(t) - end - 1] for t in texts}) == 1:
        end += 1
    return texts[0][len(texts[0]) - end :] if end else ""


def _line_start_lead(joined: str, m: re.Match[str]) -> str:
    start = m.start("lead")
    at_line_start = start == 0 or joined[start - 1] == "\n"
    return m.group("lead") if at_line_start else ""


def _tidy_spaces(joined: str) -> str:
    """Drop invisible characters and collapse runs of spaces (of any width) to one ASCII space; a
    lone surrogate (a PDF's broken character map, text from ``surrogateescape``) becomes U+FFFD."""
    if all(map(str.isprintable, joined.split("\n"))):  # no control, format or non-ASCII space character
        return _SPACES.sub(" ", joined) if "  " in joined else joined
    return _SPACES.sub(" ", _INVISIBLE.sub("", _SURROGATE.sub("\ufffd", joined)))


def normalize_text(text: str) -> str:
    """Normalized text of a string, lines joined with ``\\n`` (convenience for callers/tests)."""
    return normalize(text).text


def _mark_damage(line: str, line_no: int, warnings: list[ParseWarning]) -> str:
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
    pieces: list[str] = []
    done = 0
    for start, end in spans:  # one pass: the line is rebuilt once, whatever the number of spans
        excerpt = line[max(0, start - 4) : end + 2]
        warnings.append(
            ParseWarning(
                code="damaged-text",
                message=f"damaged text that cannot be repaired: “{excerpt}”",
                line=line_no,
            )
        )
        pieces += [line[done:start], "\ufffd"]
        done = end
    return "".join([*pieces, line[done:]])


def fold_punctuation(line: str) -> str:
    """Drop spurious commas, then fold ASCII punctuation to full-width (except in numbers).

    Works on one line or on many joined with ``\\n``.
    """
    if "," in line:
        line = _KEEP_COMMA.sub("\x01", _SPURIOUS_COMMA.sub("", line))
    if ":" in line:
        line = _KEEP_COLON.sub("\x02", line)
    if "." in line:
        line = _SENTENCE_STOP.sub("。", line)
    for half, full in _HALF_TO_FULL_PAIRS:
        if half in line:
            line = line.replace(half, full)
    if "\x01" in line or "\x02" in line:
        line = line.replace("\x01", ",").replace("\x02", ":")
    return _SPACE_BETWEEN_CJK.sub("", line) if " " in line else line


def _differing_code_points(text: str, other: str) -> list[int]:
    """The code points of ``text``, in order, at the places where ``other`` holds a different
    character or none: one XOR of the two texts as big integers, then a C-level filter."""
    mine = text.encode("utf-32-le")
    theirs = other.encode("utf-32-le")[: len(mine)]
    theirs += b"\xff" * (len(mine) - len(theirs))  # (0xFFFFFFFF is no character: those places differ)
    xor = int.from_bytes(mine, "little") ^ int.from_bytes(theirs, "little")
    return list(compress(memoryview(mine).cast("I"), memoryview(xor.to_bytes(len(mine), "little")).cast("I")))


def detect_script(text: str, simplified: str | None = None) -> Script:
    """``traditional``, ``simplified`` or ``mixed``, from the characters conversion changes.

    ``simplified``: ``to_simplified(text)`` when the caller has it already. Counts the
    characters of a sample that t2s converts away (traditional forms) and the simplified
    forms of those same characters standing in the sample too (a text writing both 說 and
    说 is mixed). Set and count operations only: this runs on every parse.
    """
    sample = text[:800]
    converted = (simplified if simplified is not None else to_simplified(sample))[: len(sample)]
    if sample == converted:
        return "simplified"
    # a character the conversion changes is nowhere in the converted text, so every one of its
    # places differs there: only the (few) differing places are read, as code points
    at_diff = _differing_code_points(sample, converted)
    traditional = {c for c in set(at_diff) if chr(c) not in converted}
    changed = sum(map(traditional.__contains__, at_diff))
    # letters (CJK characters, a few Latin ones) are counted only when the share matters: with
    # changed ≥ 1 % of the sample, it is ≥ 1 % of the letters too (the sample's length stands in)
    needs_letters = changed < 3 or changed < 0.01 * len(sample)
    cjk = max(1, sum(map(str.isalpha, sample))) if needs_letters else len(sample)
    if changed < 3 and changed / cjk < 0.005:
        return "simplified"
    forms = set(to_simplified("".join(map(chr, sorted(traditional))))) - set(map(chr, traditional))
    also_simplified = sum(sample.count(f) for f in forms if f in sample)
    if also_simplified > max(3, 0.25 * changed):
        return "mixed"
    return "traditional" if changed / cjk >= 0.01 else "mixed"
