"""Quantified targets (pipeline.targets) and their follow-up in compare (diff.follow_up_targets).

Real material: ../shared/real-full (the State Council's work reports 2015-2019 and 16 provincial
ones of 2025), against the hand annotation in tests/data/targets/real-full.json, written before the
extractor existed. Constructed: tests/data/targets/qingsong (a rule-of-law pair).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import rolcompare as rc
from conftest import DATA, ROOT
from rolcompare.diff import judge_target
from rolcompare.lexicon.concepts import concept_by_id
from rolcompare.pipeline.targets import Outcome, _concepts, _targets_in
from rolcompare.schema import Target

REAL_FULL = ROOT.parent / "shared" / "real-full"
ANSWERS = json.loads((DATA / "targets" / "real-full.json").read_text("utf-8"))
needs_real = pytest.mark.skipif(
    not REAL_FULL.is_dir(), reason="../shared/real-full is absent (CI has it beside the clone)"
)


def _n(row: list) -> tuple:
    return tuple(float(x) if isinstance(x, int | float) and not isinstance(x, bool) else x for x in row)


def _state_council(year: int) -> rc.Report:
    return rc.read(REAL_FULL / "state-council" / f"guowuyuan-gwr-{year}.txt")


@needs_real
@pytest.mark.parametrize("year", range(2015, 2020), ids=[str(y) for y in range(2015, 2020)])
def test_state_council_targets(year: int) -> None:
    report = _state_council(year)
    assert report.meta.genre == "work_report"
    got = {_n([t.concept, t.comparator, t.change, t.value, t.low, t.high, t.unit]) for t in report.targets}
    assert got == {_n(row) for row in ANSWERS["state_council_targets"][str(year)]}
    assert {t.target_year for t in report.targets} == {year}


@needs_real
@pytest.mark.parametrize("pair", sorted(ANSWERS["state_council_pairs"]), ids=sorted(ANSWERS["state_council_pairs"]))
def test_state_council_verdicts(pair: str) -> None:
    old, new = (int(y) for y in pair.split("-"))
    diff = rc.compare(_state_council(old), _state_council(new))
    got = {f.target.concept: [f.status, f.outcome] for f in diff.targets}
    expected = ANSWERS["state_council_pairs"][pair]
    assert {c: got[c][0] for c in expected} == {c: v[0] for c, v in expected.items()}
    assert all(got[c][1] == pytest.approx(v[1]) for c, v in expected.items() if v[1] is not None)
    met = [f for f in diff.targets if f.status == "met"]
    assert met and all(f.evidence is not None and f.evidence.line > 0 and f.rule for f in met)


@needs_real
def test_a_review_of_five_years_is_not_read_as_last_year() -> None:
    """The 2018 report reviews 2013-2017: its five-year figures (an average growth, an average price
    rise, a deficit ratio "kept below" a bound all along) are not 2017's outcomes; its figures for
    2017 are."""
    diff = rc.compare(_state_council(2017), _state_council(2018))
    by = {f.target.concept: f for f in diff.targets}
    assert by["economy.gdp_growth"].outcome == 6.9  # (not the five years' average)
    assert by["prices.cpi"].status == "not_reported"
    assert by["fiscal.deficit_ratio"].status == "not_reported"
    assert by["energy.intensity"].status == "not_reported"


@needs_real
@pytest.mark.parametrize("name", sorted(ANSWERS["provinces_2025_gdp"]), ids=sorted(ANSWERS["provinces_2025_gdp"]))
def test_provincial_gdp_targets(name: str) -> None:
    comparator, value = ANSWERS["provinces_2025_gdp"][name]
    report = rc.read(REAL_FULL / "provinces-2025" / f"{name}-gwr-2025.txt")
    (gdp,) = [t for t in report.targets if t.concept == "economy.gdp_growth"]
    assert (gdp.comparator, gdp.value, gdp.target_year) == (comparator, value, 2025)
    assert report.meta.genre == "work_report"


def test_rule_of_law_plan_targets_met_missed_and_not_reported() -> None:
    folder = DATA / "targets" / "qingsong"
    expected = json.loads((folder / "expected.json").read_text("utf-8"))
    old, new = rc.read(folder / "2022.txt"), rc.read(folder / "2023.txt")
    assert old.meta.genre == "rule_of_law"
    assert [[t.concept, t.comparator, t.value, t.unit, t.target_year] for t in old.targets] == expected["targets"]
    diff = rc.compare(old, new)
    assert {f.target.concept: [f.status, f.outcome] for f in diff.targets} == expected["verdicts"]
    assert (diff.summary.targets_met, diff.summary.targets_missed, diff.summary.targets_not_reported) == (1, 1, 1)


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("地区生产总值增长5.5%－6%", ("economy.gdp_growth", "range", "increase", 5.75, 5.5, 6.0, "%")),
        ("居民消费价格涨幅2.5%左右", ("prices.cpi", "approx", "increase", 2.5, None, None, "%")),
        ("城镇登记失业率3.8%以内", ("employment.registered_unemployment", "at_most", None, 3.8, None, None, "%")),
        ("调查失业率控制在5.2%", ("employment.surveyed_unemployment", "at_most", None, 5.2, None, None, "%")),
        ("城镇新增就业45万人以上", ("employment.urban_new_jobs", "at_least", None, 45.0, None, None, "万人")),
        ("赤字率由上年的2.4%调至2.7%", ("fiscal.deficit_ratio", "exact", None, 2.7, None, None, "%")),
        ("拟安排专项债券1.2万亿元", ("fiscal.special_bonds", "exact", None, 12000.0, None, None, "亿元")),
        ("能耗强度降低2.6%以上", ("energy.intensity", "at_least", "decrease", 2.6, None, None, "%")),
        ("粮食产量稳定在700亿斤以上", ("agriculture.grain_output", "at_least", None, 700.0, None, None, "亿斤")),
        ("今年不设经济增长具体目标", ("economy.gdp_growth", "none", None, None, None, None, "")),
        ("城乡居民收入和经济增长基本同步", None),  # no number: not a target
    ],
    ids=[
        "range",
        "approx",
        "at-most",
        "control",
        "at-least",
        "raised-to",
        "money",
        "decrease",
        "grain",
        "absent",
        "no-number",
    ],
)
def test_comparators(clause: str, expected: tuple | None) -> None:
    got = _targets_in(clause, _concepts(), set())
    rows = [(c.id, r.comparator, r.change, r.value, r.low, r.high, r.unit) for c, r, _ in got]
    assert rows == ([expected] if expected else [])


def _target(concept: str, comparator: str, value: float, **kw: object) -> Target:
    return Target(id="T1", concept=concept, label="", comparator=comparator, value=value, unit="%", line=1, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("concept", "comparator", "value", "outcome", "status"),
    [
        ("prices.cpi", "approx", 3.0, 0.9, "met"),  # a ceiling: "about 3 %" is met by 0.9 %
        ("fiscal.deficit_ratio", "approx", 3.0, 0.9, "not_assessable"),  # no ceiling, no better side
        ("economy.gdp_growth", "approx", 6.5, 6.9, "met"),  # within ±0.5
        ("economy.gdp_growth", "approx", 6.5, 5.8, "missed"),
        ("economy.gdp_growth", "approx", 6.5, 7.5, "met"),  # beyond, on the better side
        ("employment.registered_unemployment", "at_most", 4.5, 4.6, "missed"),
    ],
    ids=["ceiling", "no-ceiling", "within", "short", "beyond", "over-ceiling"],
)
def test_verdict_rules(concept: str, comparator: str, value: float, outcome: float, status: str) -> None:
    found = Outcome(outcome, "%", "…", 3, None)
    verdict = judge_target(_target(concept, comparator, value), found, concept_by_id(concept), tolerance=0.5)
    assert verdict.status == status and verdict.rule


def test_the_approx_tolerance_is_configurable() -> None:
    found = Outcome(7.2, "%", "…", 3, None)
    target = _target("fiscal.deficit_ratio", "approx", 6.5)
    assert judge_target(target, found, concept_by_id("fiscal.deficit_ratio"), tolerance=0.5).status == "not_assessable"
    assert judge_target(target, found, concept_by_id("fiscal.deficit_ratio"), tolerance=1.0).status == "met"
    folder = DATA / "targets" / "qingsong"
    strict = rc.compare(folder / "2022.txt", folder / "2023.txt", target_tolerance=0.0)
    assert strict.targets[0].status == "met"  # (100 against 100: exact either way)


def test_front_matter_sets_the_genre(tmp_path: Path) -> None:
    text = (
        (DATA / "targets" / "qingsong" / "2022.txt")
        .read_text("utf-8")
        .replace("provenance: constructed", "provenance: constructed\ngenre: work_report")
    )
    assert rc.parse(text).meta.genre == "work_report"
    with pytest.raises(rc.ConfigError):
        rc.parse(text.replace("genre: work_report", "genre: budget"))


@needs_real
def test_a_work_reports_parts_are_recognised() -> None:
    """review (工作回顾), targets (总体要求/总体部署), tasks (the parts after them), government
    (政府自身建设); no rule-of-law part is demanded of a work report."""
    report = _state_council(2015)
    kinds = [s.kinds for s in report.sections if s.level == 1]
    assert kinds[0] == ["review"] and kinds[1] == ["targets"] and kinds[-1] == ["government"]
    assert all(k == ["tasks"] for k in kinds[2:-1])
    assert not [w for w in report.warnings if w.code == "missing-part"]


@needs_real
def test_a_work_report_names_its_government_and_its_year() -> None:
    """The speaker's ``我代表X…`` names the body; a work report's year is
    the one it sets targets for, so consecutive reports pair in a panel."""
    report = _state_council(2016)
    assert (report.meta.entity, report.meta.year, report.meta.level) == ("国务院", 2016, "other")
    guangxi = rc.read(REAL_FULL / "provinces-2025" / "guangxi-gwr-2025.txt")
    assert guangxi.meta.entity == "广西壮族自治区人民政府"


@needs_real
def test_a_panel_of_work_reports_follows_the_targets_up(tmp_path: Path) -> None:
    import shutil

    from rolcompare.corpus import panel_tables

    folder = tmp_path / "guowuyuan"
    shutil.copytree(REAL_FULL / "state-council", folder, ignore=shutil.ignore_patterns("*.md"))
    targets = panel_tables(tmp_path, workers=1).targets
    gdp = targets[targets["concept"] == "economy.gdp_growth"].set_index("year")
    assert list(gdp.loc[[2015, 2016, 2017, 2018], "status"]) == ["met"] * 4
    assert list(gdp.loc[[2015, 2016, 2017, 2018], "outcome"]) == [6.9, 6.7, 6.9, 6.6]
    assert gdp.loc[2019, "status"] is None or str(gdp.loc[2019, "status"]) in ("<NA>", "None", "nan")
