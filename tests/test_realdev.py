"""The accuracy gate on real report pages (``../shared/real-dev/``, scored as its README says).

The pages are read from ``../shared`` beside the checkout and never copied into the repository;
without that folder every test here is skipped with the reason. Floors are pinned at or below the
figures in docs/accuracy.md (``python benchmarks/accuracy.py --real`` prints them); a change that
lowers a figure below its floor fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import realdev
import rolcompare as rc

needs_shared = pytest.mark.skipif(not realdev.names(), reason=realdev.SKIP_REASON)

FLOORS = {
    "entity": 0.95,
    "year": 0.98,
    "level": 0.9,
    "heading_recall": 0.98,
    "heading_precision": 0.95,
    "indicator_precision": 0.95,
    "indicator_recall": 0.95,
}


@pytest.fixture(scope="module")
def scores() -> list[realdev.PageScore]:
    return [realdev.score_page(name, rc.read(realdev.page(name))) for name in realdev.names()]


@needs_shared
def test_all_pages_annotated_are_scored(scores: list[realdev.PageScore]) -> None:
    assert len(scores) == len(realdev.names()) >= 20


@needs_shared
@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_floor(scores: list[realdev.PageScore], figure: str) -> None:
    totals = realdev.totals(scores)
    assert getattr(totals, figure) >= FLOORS[figure], totals


@needs_shared
def test_every_year_is_the_covered_one(scores: list[realdev.PageScore]) -> None:
    wrong = [(s.name, s.report.meta.year) for s in scores if not s.year]
    assert wrong == []


@needs_shared
def test_no_entity_is_page_chrome(scores: list[realdev.PageScore]) -> None:
    """A wrong entity is worse than none: whatever is found must be the reporting body."""
    wrong = [(s.name, s.report.meta.entity) for s in scores if s.report.meta.entity and not s.entity]
    assert wrong == []


@needs_shared
def test_a_missing_entity_is_warned(scores: list[realdev.PageScore]) -> None:
    for s in scores:
        if s.report.meta.entity is None:
            assert "no-entity" in {w.code for w in s.report.warnings}, s.name


# the constructed pages in the same styles (tests/data/pages/, always present): same scoring, same floors
@pytest.fixture(scope="module")
def page_scores() -> list[realdev.PageScore]:
    names = realdev.names(realdev.PAGES)
    return [realdev.score_page(n, rc.read(realdev.page(n, realdev.PAGES)), realdev.PAGES) for n in names]


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_constructed_pages_floor(page_scores: list[realdev.PageScore], figure: str) -> None:
    assert len(page_scores) >= 6
    assert getattr(realdev.totals(page_scores), figure) >= FLOORS[figure]


ADCODES = json.loads((Path(__file__).parent / "data" / "gold" / "real-dev-adcodes.json").read_text("utf-8"))


@needs_shared
def test_division_codes(scores: list[realdev.PageScore]) -> None:
    """Every page gets the code its text allows (tests/data/gold/real-dev-adcodes.json), and no
    page gets a wrong one: where the text cannot say, no code."""
    got = {s.name: s.report.meta.adcode for s in scores}
    want = {name: code for name, code in ADCODES.items() if not name.startswith("_")}
    assert got == want
