"""A regular expression compiled on first use.

Python compiles a pattern in pure Python, and a character class of the CJK range costs about a
millisecond each time it is written: patterns that most reports never need (watermarks, ranges,
name resolution) are compiled when a report first needs them, so ``rolcompare`` starts fast.
"""

from __future__ import annotations

import re


class LazyPattern:
    """``LazyPattern(source).get()`` is ``re.compile(source)``, compiled once, on the first call."""

    __slots__ = ("_compiled", "flags", "source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def get(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source, self.flags)
        return self._compiled
