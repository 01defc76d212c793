"""Within-report linkage (pipeline.link): problems to the commitments that answer them."""

from __future__ import annotations

import rolcompare as rc
from conftest import SEED


def test_the_seed_links_problems_to_plans() -> None:
    report = rc.read(SEED)
    linked = [p for p in report.problems if p.plans]
    assert linked, "the seed's problems are answered by its plans"
    ids = {c.id for c in report.commitments}
    assert all(link.commitment in ids for p in linked for link in p.plans)
    assert all(
        p.id in next(c for c in report.commitments if c.id == link.commitment).answers
        for p in linked
        for link in p.plans
    )


def test_linkage_of_a_repeated_report_grows_with_the_text() -> None:
    """Each copy's problems link to that copy's plans: not every problem to every plan."""
    text = SEED.read_text("utf-8")
    once = sum(len(p.plans) for p in rc.parse(text).problems)
    forty = rc.parse(text * 40)
    assert sum(len(p.plans) for p in forty.problems) <= 40 * (once + 1)
    assert max(len(p.plans) for p in forty.problems) <= 5
    assert max(len(c.continues) for c in forty.commitments) <= 2
