from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import rolcompare as rc
from conftest import SAMPLE_2020, SEED
from rolcompare.pipeline.normalize import to_traditional
from texts import report_text

# Known answers of the sample pair, decided when reports/luzhou/2020.txt was written.


def change(diff, concept, **match):
    hits = [c for c in diff.indicators if c.concept == concept and all(getattr(c, k) == v for k, v in match.items())]
    assert len(hits) == 1, hits
    return hits[0]


def test_plans_followed_up(sample_diff) -> None:
    got = [(f.commitment.ordinal, f.status, f.repeated) for f in sample_diff.commitments]
    assert got == [
        ("一是", "fulfilled", False),
        ("二是", "partial", False),
        ("三是", "not_found", True),
        ("四是", "fulfilled", False),
    ]
    partial = sample_diff.commitments[1]
    # 强化营商环境整治 is not "found" in a sentence that only cites 《优化营商环境条例》
    assert (partial.clauses_found, partial.clauses_total) == (2, 4)
    assert {e.line for e in partial.evidence} == {20}
    assert "强化营商环境整治" not in {e.clause for e in partial.evidence}
    assert "放管服" in "".join(t for e in partial.evidence for t in e.terms)
    assert sample_diff.commitments[2].repeated_by == "c2"
    assert sample_diff.commitments[0].evidence[0].section == "1.2"


def test_rank_improves(sample_diff) -> None:
    rank = change(sample_diff, "credit.rank", scope="全国")
    assert (rank.old, rank.new, rank.delta, rank.direction, rank.status) == (9, 6, -3, "better", "changed")
    assert change(sample_diff, "credit.rank", scope="四川省").status == "unchanged"


def test_reworded_concept_is_paired(sample_diff) -> None:
    c = change(sample_diff, "reconsideration.cases_received", scope="全市")
    assert (c.label_old, c.label_new, c.old, c.new, c.match_score) == (
        "受理行政复议案件",
        "受理行政复议申请",
        278,
        312,
        1.0,
    )
    assert c.pct_change == pytest.approx(12.23, abs=0.01)


def test_qualified_values_change(sample_diff) -> None:
    c = change(sample_diff, "enforcement.training")
    assert (c.old, c.new, c.qualifier_old, c.qualifier_new, c.status, c.direction) == (
        2500,
        3200,
        "at_least",
        "at_least",
        "changed",
        "better",
    )


def test_fall_is_worse_for_higher_is_better(sample_diff) -> None:
    c = change(sample_diff, "disclosure.proactive", scope="全市")
    assert (c.old, c.new, c.direction) == (44319, 41260, "worse")


def test_vanished_and_appeared(sample_diff) -> None:
    assert change(sample_diff, "enforcement.certificates").status == "removed"
    for concept in ("litigation.head_appearance_rate", "legal_advisers.hired", "litigation.cases_lost"):
        assert change(sample_diff, concept).status == "added"


def test_label_similarity_pairs_unknown_concepts(sample_diff) -> None:
    c = next(c for c in sample_diff.indicators if c.label_old == "制定重点工作任务清单")
    assert (c.label_new, c.old, c.new) == ("明确重点工作任务", 60, 62)
    assert 0.72 <= c.match_score < 1


def test_problems_followed_up(sample_diff) -> None:
    got = [(p.problem.id, p.addressed, p.persists) for p in sample_diff.problems]
    # p2 was "addressed" only by the heading 优化法治化营商环境: a heading line is no evidence
    assert got == [("p1", True, False), ("p2", False, False), ("p3", False, False), ("p4", False, True)]


def test_sections(sample_diff) -> None:
    renamed = [(o.title, n.title) for o, n in sample_diff.sections.renamed]
    assert ("提高制度建设质量", "提升制度建设质量") in renamed
    assert ("存在的问题和2020年工作打算", "存在的问题") in renamed
    added = [s.title for s in sample_diff.sections.added]
    assert "加强疫情防控法治保障" in added and "2021年工作打算" in added
    assert [s.title for s in sample_diff.sections.removed] == ["推动以创促建"]


def test_summary_counts(sample_diff) -> None:
    s = sample_diff.summary
    assert (s.commitments_fulfilled, s.commitments_partial, s.commitments_not_found, s.commitments_repeated) == (
        2,
        1,
        1,
        1,
    )
    assert s.worse == 1 and s.indicators_added == 3
    assert s.indicators_changed + s.indicators_unchanged + s.indicators_removed == len(rc.read(SEED).indicators)


def test_compare_with_itself_changes_nothing(seed_report) -> None:
    d = rc.compare(seed_report, seed_report)
    assert {c.status for c in d.indicators} == {"unchanged"}
    assert d.sections.added == d.sections.removed == d.sections.renamed == []


def test_compare_accepts_paths_text_and_reports(seed_report) -> None:
    from_paths = rc.compare(str(SEED), SAMPLE_2020)
    from_text = rc.compare(SEED.read_text("utf-8"), rc.read(SAMPLE_2020))
    assert from_paths.summary == from_text.summary


def _indicator_view(d):
    return sorted(
        (c.concept or "", c.label_old or "", c.label_new or "", c.old, c.new, c.status, c.delta) for c in d.indicators
    )


MIRROR = {"added": "removed", "removed": "added", "changed": "changed", "unchanged": "unchanged"}


@given(
    st.sampled_from(["青山市人民政府", "白石县人民政府"]), st.integers(2016, 2028), st.integers(1, 7), st.integers(1, 7)
)
def test_compare_is_mirror_symmetric(entity: str, year: int, n_old: int, n_new: int) -> None:
    a, b = rc.parse(report_text(entity, year, n_old)), rc.parse(report_text(entity, year + 1, n_new))
    ab, ba = rc.compare(a, b), rc.compare(b, a)
    forward = sorted(
        (c.concept or "", c.label_old or "", c.label_new or "", c.old, c.new, c.status, c.delta) for c in ab.indicators
    )
    backward = sorted(
        (
            c.concept or "",
            c.label_new or "",
            c.label_old or "",
            c.new,
            c.old,
            MIRROR[c.status],
            None if c.delta is None else -c.delta + 0.0,
        )
        for c in ba.indicators
    )
    assert forward == [(x[0], x[1], x[2], x[3], x[4], x[5], None if x[6] is None else x[6] + 0.0) for x in backward]


@pytest.mark.parametrize("which", ["old", "new", "both"])
def test_script_conversion_changes_nothing(which: str) -> None:
    old_text, new_text = SEED.read_text("utf-8"), SAMPLE_2020.read_text("utf-8")
    base = rc.compare(old_text, new_text)
    if which in ("old", "both"):
        old_text = to_traditional(rc.parse(old_text).paragraphs and old_text)
    if which in ("new", "both"):
        new_text = to_traditional(new_text)
    converted = rc.compare(old_text, new_text)
    assert _indicator_view(converted) == _indicator_view(base)
    assert [(f.status, f.repeated) for f in converted.commitments] == [(f.status, f.repeated) for f in base.commitments]


def test_compare_refuses_other_types(seed_report) -> None:
    with pytest.raises(rc.UsageError, match="compare takes a path"):
        rc.compare(seed_report, 2020)  # type: ignore[arg-type]


def test_evidence_never_comes_from_a_heading_or_only_from_a_title() -> None:
    import rolcompare as rc

    old = rc.parse("某市2020年报告\n三、2021年工作打算\n一是强化营商环境整治；二是加强执法队伍建设。\n")
    new = rc.parse(
        "某市2021年报告\n一、主要举措和成效\n（一）加强执法队伍建设\n认真贯彻落实《优化营商环境条例》，全年召开会议3次。\n"
    )
    diff = rc.compare(old, new)
    for f in diff.commitments:
        assert all(e.line != 3 for e in f.evidence)  # (line 3: the heading （一）加强执法队伍建设)
    assert diff.commitments[0].status == "not_found"


def test_a_huge_report_compared_with_itself_pairs_every_indicator() -> None:
    """Unit groups over PAIRS_SHORTLIST_ABOVE are paired through a shortlist: still every
    indicator finds its twin (the seed ×12 has 216 indicators counted in 个)."""
    import collections

    import rolcompare as rc
    from conftest import SEED
    from rolcompare.diff import PAIRS_SHORTLIST_ABOVE

    report = rc.parse(SEED.read_text("utf-8") * 12)
    groups = collections.Counter((i.unit, i.kind) for i in report.indicators)
    assert max(groups.values()) > PAIRS_SHORTLIST_ABOVE
    diff = rc.compare(report, report)
    assert {c.status for c in diff.indicators} == {"unchanged"}
    assert len(diff.indicators) == len(report.indicators)


def test_a_report_repeated_forty_times_pairs_each_indicator_with_its_own_copy() -> None:
    """In shortlisted unit groups, candidates are those nearest the expected position: every
    indicator pairs with its own copy. (Before, the first 32 of a concept were the candidates, and
    the seed ×40 compared with itself left 360 indicators removed and added.)"""
    import rolcompare as rc
    from conftest import SEED

    report = rc.parse(SEED.read_text("utf-8") * 40)
    diff = rc.compare(report, report)
    assert len(diff.indicators) == len(report.indicators)
    assert all(c.status == "unchanged" and c.line_old == c.line_new for c in diff.indicators)
