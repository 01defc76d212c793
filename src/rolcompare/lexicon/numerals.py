"""Number words: Chinese numerals (十三, 一百二十, 两千, 二〇一九) and Arabic forms with 万/亿.

A helper of the ``extract`` stage, kept apart so that ``structure`` can read years too.
"""

from __future__ import annotations

import math

from rolcompare.lexicon.words import CN_BIG, CN_DIGITS, CN_UNITS


def parse_cn_integer(text: str) -> int | None:
    """Value of a Chinese numeral (``一百二十`` → 120, ``两千`` → 2000, ``十三`` → 13, ``二〇`` → 20).

    Digit-by-digit forms without unit characters (``二〇一九``) are read positionally.
    Returns None for text that is not a well-formed numeral.
    """
    if not text or any(ch not in CN_DIGITS and ch not in CN_UNITS and ch not in CN_BIG for ch in text):
        return None
    if all(ch in CN_DIGITS for ch in text):
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            section += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
        else:  # 万 / 亿
            section += digit or 0
            total = (total + section) * CN_BIG[ch] if CN_BIG[ch] > 10_000 else total + section * CN_BIG[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_number(text: str) -> float | None:
    """Value of an Arabic or Chinese number, multipliers folded in (``1.5万`` → 15000).

    None for a number no float holds (400 nines): such a "number" is noise, not a count."""
    value = _parse_number(text)
    return value if value is not None and math.isfinite(value) else None


def _parse_number(text: str) -> float | None:
    text = text.replace(",", "").strip()
    multiplier = 1.0
    while text and text[-1] in "万亿千" and not all(ch in CN_DIGITS or ch in CN_UNITS or ch in CN_BIG for ch in text):
        multiplier *= {"万": 1e4, "亿": 1e8, "千": 1e3}[text[-1]]
        text = text[:-1]
    try:
        return float(text) * multiplier
    except ValueError:
        value = parse_cn_integer(text)
        try:
            return None if value is None else value * multiplier
        except OverflowError:  # an integer too large for a float
            return None
