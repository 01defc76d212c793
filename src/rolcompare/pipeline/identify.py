"""Pipeline stage 10: who the report is by, as a key that holds across years and spellings.

``identify(entity, year, context)`` turns the canonical entity name of stage 5 into

- ``entity_id``: the division's path (``北京市/朝阳区``, ``吉林省/长春市/朝阳区``), and for a
  department or a township its own name after it (``重庆市/长寿区/卫生健康委员会``,
  ``湖北省/武汉市/洪山区/东湖街道``); where the division is not known, the canonical name
  without 人民政府 / 办事处 (``朝阳区``, ``应急管理部``, ``国务院``);
- ``adcode``: the six-digit 行政区划代码 (GB/T 2260) of the government, or of the government a
  department or township belongs to (GB/T 2260 stops at county level);
- ``adcode_year``: the snapshot year of the code table that gave it (``lexicon.divisions``).

A name that several divisions bear (朝阳区: Beijing and Changchun) is resolved by the report's
own text (it names the province or city), or by the other reports of its folder
(``settle``); otherwise it keeps no code, with an ``ambiguous-division`` warning. It is never
guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from rolcompare.lexicon.divisions import Snapshot, short_names, snapshot, snapshots_for
from rolcompare.lexicon.words import VERTICAL_BODY
from rolcompare.schema import Level, ParseWarning, Report, ReportMeta

_NATIONAL = "国务院"
_VERTICAL: Final = re.compile(rf"^{VERTICAL_BODY}(?=.)")  # a vertically managed body's national name


@dataclass(slots=True)
class Identity:
    entity_id: str | None = None
    adcode: str | None = None
    adcode_year: int | None = None
    warning: ParseWarning | None = None

    def apply_to(self, meta: ReportMeta) -> None:
        """Write the id, the code and its year into ``meta``."""
        meta.entity_id, meta.adcode, meta.adcode_year = self.entity_id, self.adcode, self.adcode_year


@dataclass(slots=True)
class _Parsed:
    """A name split into the division names at its start and the rest (the body)."""

    places: list[str]
    body: str


def identify(
    entity: str | None, year: int | None, context: str, *, hints: Iterable[str] = (), adcode: str | None = None
) -> Identity:
    """The report's entity id and division code.

    Steps:
      1. no entity: nothing; 国务院: itself, no code; a vertically managed body's national name
         before its local branch is set aside (国家税务总局青岛市税务局: 青岛市's 税务局);
      2. ``adcode`` given (front matter): that code, its path from the snapshot that has it;
      3. the division names at the start of the name (北京市 · 朝阳区 · …) and the body after
         them; none (a ministry, a place the table lacks): the name is the id, no code;
      4. in each snapshot, the report's year's first: the divisions bearing the last place's
         name that lie under the places before it;
      5. several: those whose province or prefecture ``context`` names, then those among
         ``hints`` (codes of the same folder's other reports); still several: no code, a warning;
      6. the id: the division's path, then the body of a department or township.
    """
    if not entity:
        return Identity()
    name = "".join(entity.split())
    if name == _NATIONAL:
        return Identity(_NATIONAL)
    local = _VERTICAL.sub("", name, count=1)  # 国家税务总局青岛市税务局: 青岛市's 税务局
    if adcode is not None:
        return _given(local, adcode, year)
    if not _split(local, snapshot(0)).places:
        return Identity(_bare_id(name))  # (no snapshot has a division of that name)
    for snap_year in snapshots_for(year):
        snap = snapshot(snap_year)
        parsed = _split(local, snap)
        if not parsed.places:
            continue
        codes = _under(parsed.places, snap)
        if codes:
            return _choose(name, parsed, codes, snap, context, set(hints))
    return Identity(_bare_id(name))


def _given(name: str, adcode: str, year: int | None) -> Identity:
    for snap_year in snapshots_for(year):
        snap = snapshot(snap_year)
        if snap.name(adcode) is not None:
            return Identity(_path_id(snap, adcode, _split(name, snap).body), adcode, snap_year)
    return Identity(_bare_id(name), adcode, None)


def _split(name: str, snap: Snapshot) -> _Parsed:
    """Longest division names first, left to right: 吉林省长春市朝阳区公安分局 → [吉林省, 长春市,
    朝阳区] + 公安分局."""
    places: list[str] = []
    i = 0
    while i < len(name):
        for length in range(min(snap.longest, len(name) - i), 1, -1):
            if snap.codes(name[i : i + length]):
                places.append(name[i : i + length])
                i += length
                break
        else:
            break
    return _Parsed(places, name[i:])


def _under(places: list[str], snap: Snapshot) -> list[str]:
    """Codes named ``places[-1]`` that lie under a division of each earlier place."""
    uppers = [snap.codes(p) for p in places[:-1]]
    return [code for code in snap.codes(places[-1]) if all(any(_contains(up, code) for up in ups) for ups in uppers)]


def _contains(upper: str, code: str) -> bool:
    if upper == code:
        return False
    if upper.endswith("0000"):
        return code[:2] == upper[:2]
    return upper.endswith("00") and code[:4] == upper[:4]


def _choose(name: str, parsed: _Parsed, codes: list[str], snap: Snapshot, context: str, hints: set[str]) -> Identity:
    if len(codes) > 1:
        named = [c for c in codes if _named_in(context, c, snap)]
        codes = named if len(named) == 1 else codes
    if len(codes) > 1 and hints:
        hinted = [c for c in codes if c in hints]
        codes = hinted if len(hinted) == 1 else codes
    if len(codes) == 1:
        return Identity(_path_id(snap, codes[0], parsed.body), codes[0], snap.year)
    return Identity(_bare_id(name), warning=_ambiguous(parsed.places[-1], codes, snap))


def _named_in(context: str, code: str, snap: Snapshot) -> bool:
    return any(short in context for up in snap.ancestors(code) for short in short_names(up))


def _ambiguous(place: str, codes: Sequence[str], snap: Snapshot) -> ParseWarning:
    which = "; ".join(f"{snap.path(c).replace('/', '')} {c}" for c in codes)
    return ParseWarning(
        code="ambiguous-division",
        message=f"{place} is the name of {len(codes)} divisions ({which}) and neither the text nor its folder "
        f"says which: no adcode (front matter adcode: gives it)",
    )


def _body(rest: str) -> str:
    """The body's own name in an id: nothing for the government, 东湖街道 for its 办事处."""
    rest = rest.removesuffix("人民政府").removesuffix("政府").removesuffix("行政公署")
    return rest.removesuffix("办事处") if rest.endswith("街道办事处") else rest


def _path_id(snap: Snapshot, code: str, rest: str) -> str:
    body = _body(rest)
    return snap.path(code) + (f"/{body}" if body else "")


def _bare_id(name: str) -> str:
    return _body(name) or name


def settle(reports: Sequence[Report]) -> None:
    """Resolve, in place, each report left ambiguous by its own text with the codes the other
    reports (one folder: the same government's other years) were given; a report so resolved
    loses its ``ambiguous-division`` warning."""
    codes = {r.meta.adcode for r in reports if r.meta.adcode}
    if not codes:
        return
    for report in reports:
        if report.meta.adcode or not is_ambiguous(report):
            continue
        found = identify(report.meta.entity, report.meta.year, context_of(report), hints=codes)
        if found.adcode:
            found.apply_to(report.meta)
            report.warnings = [w for w in report.warnings if w.code != "ambiguous-division"]


def is_ambiguous(report: Report) -> bool:
    """The report's text left its division name ambiguous (an ``ambiguous-division`` warning)."""
    return any(w.code == "ambiguous-division" for w in report.warnings)


def context_of(report: Report) -> str:
    """What the report says about where it is: its title and first paragraphs."""
    return " ".join([report.meta.title or "", *(p.text[:400] for p in report.paragraphs[:12])])


def level_of(adcode: str | None, level: Level | None) -> Level | None:
    """A government's level as its code tells it: a county-level code (not ending in 00) is a
    county (义乌市, 仙桃市: county-level cities, named 市) unless it is a district; the name alone
    said city."""
    if adcode and level == "city" and not adcode.endswith("00"):
        return "county"
    return level


def entity_key(meta: ReportMeta) -> str | None:
    """What pairs a report with its other years: the entity id (the name, for a Report read from
    schema 3 JSON, which has none)."""
    return meta.entity_id or meta.entity
