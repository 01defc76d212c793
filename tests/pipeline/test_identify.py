"""Entity id and division code (``rolcompare.pipeline.identify``).

Names are real divisions' (the codes must be checkable); every sentence is written for these
tests. ``tests/data/identity`` holds a constructed corpus annotated before its first run: one
government spelled three ways in three years, and a district four divisions are named after.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rolcompare as rc
from rolcompare.corpus import panel_tables
from rolcompare.errors import ConfigError
from rolcompare.pipeline.identify import entity_key, identify, settle

DATA = Path(__file__).resolve().parents[1] / "data" / "identity"
EXPECTED = json.loads((DATA / "expected.json").read_text("utf-8"))

CASES = [
    # (id, entity, year, context, entity_id, adcode, adcode_year, ambiguous)
    ("full-district", "北京市朝阳区人民政府", 2019, "", "北京市/朝阳区", "110105", 2019, False),
    ("full-chain", "吉林省长春市朝阳区人民政府", 2021, "", "吉林省/长春市/朝阳区", "220104", 2019, False),
    ("ambiguous-alone", "朝阳区人民政府", 2021, "区政府坚持依法行政。", "朝阳区", None, None, True),
    ("city-in-text", "朝阳区人民政府", 2021, "在北京市委领导下", "北京市/朝阳区", "110105", 2019, False),
    ("short-city-in-text", "鼓楼区人民政府", 2024, "落实南京市部署", "江苏省/南京市/鼓楼区", "320106", 2023, False),
    ("two-cities-named", "鼓楼区人民政府", 2024, "学习南京、福州两地经验", "鼓楼区", None, None, True),
    ("unique-district", "长寿区人民政府", 2018, "", "重庆市/长寿区", "500115", 2018, False),
    ("province", "宁夏回族自治区人民政府", 2020, "", "宁夏回族自治区", "640000", 2019, False),
    ("city", "青岛市人民政府", 2016, "", "山东省/青岛市", "370200", 2016, False),
    (
        "department",
        "重庆市长寿区卫生健康委员会",
        2022,
        "",
        "重庆市/长寿区/卫生健康委员会",
        "500115",
        2019,
        False,
    ),
    ("province-department", "广东省卫生健康委员会", 2022, "", "广东省/卫生健康委员会", "440000", 2019, False),
    ("county-department", "泾源县公安局", 2025, "", "宁夏回族自治区/固原市/泾源县/公安局", "640424", 2023, False),
    ("township", "重庆市梁平区聚奎镇人民政府", 2021, "", "重庆市/梁平区/聚奎镇", "500155", 2019, False),
    ("street-office", "武汉市洪山区东湖街道办事处", 2024, "", "湖北省/武汉市/洪山区/东湖街道", "420111", 2023, False),
    ("street-without-county", "东湖街道办事处", 2024, "", "东湖街道", None, None, False),
    ("renamed-county-before", "梁平县人民政府", 2015, "", "重庆市/梁平县", "500228", 2015, False),
    ("renamed-county-after", "梁平区人民政府", 2017, "", "重庆市/梁平区", "500155", 2017, False),
    ("ministry", "应急管理部", 2022, "", "应急管理部", None, None, False),
    ("state-council", "国务院", 2019, "", "国务院", None, None, False),
    ("fictional-place", "青山市水务局", 2022, "", "青山市水务局", None, None, False),
    ("before-the-table", "朝阳区人民政府", 1999, "北京市", "北京市/朝阳区", "110105", 2002, False),
    ("spaces", "北京市 朝阳区人民政府", 2019, "", "北京市/朝阳区", "110105", 2019, False),
]


@pytest.mark.parametrize(
    ("entity", "year", "context", "entity_id", "adcode", "adcode_year", "ambiguous"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_identify(
    entity: str, year: int, context: str, entity_id: str, adcode: str | None, adcode_year: int | None, ambiguous: bool
) -> None:
    got = identify(entity, year, context)
    assert (got.entity_id, got.adcode, got.adcode_year) == (entity_id, adcode, adcode_year)
    assert (got.warning is not None and got.warning.code == "ambiguous-division") is ambiguous


def test_an_ambiguous_name_says_which_divisions_it_could_be() -> None:
    warning = identify("鼓楼区人民政府", 2021, "").warning
    assert warning is not None
    for code in ("320106", "350102", "410204", "320302"):  # Nanjing, Fuzhou, Kaifeng, Xuzhou
        assert code in warning.message


def test_hints_resolve_only_to_one_of_the_candidates() -> None:
    assert identify("朝阳区人民政府", 2021, "", hints={"220104"}).adcode == "220104"
    assert identify("朝阳区人民政府", 2021, "", hints={"110105", "220104"}).adcode is None
    assert identify("朝阳区人民政府", 2021, "", hints={"500115"}).adcode is None  # a hint that is no candidate


def test_front_matter_adcode_wins_and_gives_the_path() -> None:
    report = rc.parse(
        "---\nadcode: 220104\n---\n朝阳区人民政府2021年法治政府建设年度报告\n\n2021年，区政府坚持依法行政。\n"
    )
    assert (report.meta.adcode, report.meta.entity_id, report.meta.adcode_year) == (
        "220104",
        "吉林省/长春市/朝阳区",
        2019,
    )
    assert not [w for w in report.warnings if w.code == "ambiguous-division"]


@pytest.mark.parametrize("value", ["11010", "abc", "0110105", "true", "1101055"], ids=str)
def test_a_bad_front_matter_adcode_is_a_config_error(value: str) -> None:
    with pytest.raises(ConfigError, match="six-digit division code"):
        rc.parse(f"---\nadcode: {value}\n---\n北京市人民政府2021年法治政府建设年度报告\n")


def test_an_adcode_the_table_lacks_is_kept_without_a_year() -> None:
    got = identify("北京市人民政府", 2021, "", adcode="999999")
    assert (got.adcode, got.adcode_year, got.entity_id) == ("999999", None, "北京市")


# ---------------------------------------------------------------- the constructed corpus
def _read(name: str) -> rc.Report:
    return rc.read(DATA / "reports" / name)


@pytest.mark.parametrize("name", sorted(EXPECTED["reports"]), ids=str)
def test_each_report_alone(name: str) -> None:
    """Parsed on its own: what its text alone tells (the 2021 Chaoyang report cannot say which)."""
    want = EXPECTED["reports"][name]
    want = {**want, **want.get("alone", {})}
    report = _read(name)
    assert report.meta.entity == want["entity"]
    assert (report.meta.entity_id, report.meta.adcode) == (want["entity_id"], want["adcode"])
    assert any(w.code == "ambiguous-division" for w in report.warnings) is want["ambiguous_warning"]


def test_the_folder_settles_what_one_year_leaves_ambiguous() -> None:
    reports = {name: _read(name) for name in EXPECTED["reports"]}
    settle([r for name, r in reports.items() if name.startswith("chaoyang/")])
    settle([reports["gulou/2021.txt"]])
    for name, want in EXPECTED["reports"].items():
        meta = reports[name].meta
        assert (meta.entity_id, meta.adcode, meta.adcode_year) == (
            want["entity_id"],
            want["adcode"],
            want["adcode_year"],
        )
        assert any(w.code == "ambiguous-division" for w in reports[name].warnings) is want["ambiguous_warning"]


def test_a_panel_gives_one_entity_across_three_spellings() -> None:
    tables = panel_tables(DATA / "reports", workers=1)
    chaoyang = tables.indicators[tables.indicators["source"].str.contains("chaoyang")]
    assert set(chaoyang["entity"]) == {"朝阳区人民政府", "北京市朝阳区人民政府"}  # spelled as each year writes it
    assert set(chaoyang["entity_id"]) == {"北京市/朝阳区"} and set(chaoyang["adcode"]) == {"110105"}
    assert set(chaoyang["year"]) == {2019, 2020, 2021}
    # consecutive years pair although the names differ: 2019's plans are followed up in 2020
    assert set(zip(tables.plans["entity_id"], tables.plans["year"], strict=True)) >= {
        ("北京市/朝阳区", 2019),
        ("北京市/朝阳区", 2020),
    }
    gulou = tables.indicators[tables.indicators["source"].str.contains("gulou")]
    assert set(gulou["entity_id"]) == {"鼓楼区"} and gulou["adcode"].isna().all()


def test_a_balanced_panel_is_entities_times_years() -> None:
    table = rc.panel(DATA / "reports", wide=True, balanced=True, workers=1)
    assert len(table) == EXPECTED["balanced_rows"] == table["entity_id"].nunique() * table["year"].nunique()
    gap = table[table["report_missing"]]
    assert set(gap["entity_id"]) == {"鼓楼区"} and set(gap["year"]) == {2019, 2020}
    filled = table[table["entity_id"] == "北京市/朝阳区"]
    assert set(filled["adcode"]) == {"110105"} and not filled["report_missing"].any()


def test_check_warns_of_the_ambiguous_district_only() -> None:
    findings = rc.check(DATA / "reports")
    ambiguous = [f for f in findings if f.rule == "ambiguous-division"]
    assert [Path(f.file).parent.name for f in ambiguous] == ["gulou"]


def test_entity_key_falls_back_to_the_name() -> None:
    assert entity_key(rc.ReportMeta(entity="X市人民政府")) == "X市人民政府"
    assert entity_key(rc.ReportMeta(entity="X市人民政府", entity_id="X市")) == "X市"


# ---------------------------------------------------------------- properties
_NAMES = st.sampled_from(
    ["北京市", "朝阳区", "鼓楼区", "长寿区", "重庆市", "吉林省", "长春市", "青山市", "公安局", "人民政府"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_NAMES, min_size=1, max_size=5), st.text(max_size=40), st.integers(1990, 2030) | st.none())
def test_identify_never_fails_and_is_deterministic(parts: list[str], context: str, year: int | None) -> None:
    name = "".join(parts)
    first = identify(name, year, context)
    assert first == identify(name, year, context)
    assert first.entity_id
    if first.adcode is not None:
        assert len(first.adcode) == 6 and first.adcode_year is not None
        assert first.warning is None


@settings(max_examples=100, deadline=None)
@given(st.lists(_NAMES, min_size=1, max_size=4), st.integers(2002, 2026))
def test_spaces_in_a_name_change_nothing(parts: list[str], year: int) -> None:
    assert identify(" ".join(parts), year, "") == identify("".join(parts), year, "")


def test_compare_settles_the_pair_and_sees_one_government(tmp_path: Path) -> None:
    """compare (API and CLI): the 2021 report's 朝阳区 takes the 2020 report's code; no
    different-governments caution; a Report passed in is not changed."""
    from rolcompare.checker import pairing_cautions
    from rolcompare.cli import main

    old, new = DATA / "reports" / "chaoyang" / "2020.txt", DATA / "reports" / "chaoyang" / "2021.txt"
    given = rc.read(new)
    diff = rc.compare(old, given)
    assert (diff.new.entity_id, diff.new.adcode) == ("北京市/朝阳区", "110105")
    assert given.meta.adcode is None  # (the caller's object)
    assert pairing_cautions(diff) == []
    out = tmp_path / "diff.json"
    assert main(["compare", str(old), str(new), "-o", str(out)]) == 0
    assert json.loads(out.read_text("utf-8"))["new"]["adcode"] == "110105"


def test_check_previous_settles_an_ambiguous_report(tmp_path: Path) -> None:
    """check FILE --previous LAST: the ambiguous 2021 report takes last year's code (without
    --previous it stays ambiguous)."""
    alone = tmp_path / "2021.txt"
    alone.write_text((DATA / "reports" / "chaoyang" / "2021.txt").read_text("utf-8"), "utf-8")
    previous = DATA / "reports" / "chaoyang" / "2020.txt"
    rules = {f.rule for f in rc.check([alone], previous=previous)}
    assert "ambiguous-division" not in rules
    assert "ambiguous-division" in {f.rule for f in rc.check([alone])}


@pytest.mark.parametrize(
    ("head", "level"),
    [
        ("义乌市人民政府2024年法治政府建设年度报告\n", "county"),  # a county-level city (330782)
        ("仙桃市人民政府2021年法治政府建设年度报告\n", "county"),  # directly under its province (429004)
        ("桂林市人民政府2018年法治政府建设年度报告\n", "city"),
        ("北京市朝阳区人民政府2019年法治政府建设年度报告\n", "district"),
        ("青山市人民政府2019年法治政府建设年度报告\n", "city"),  # no code: the name's level
        ("---\nlevel: city\n---\n义乌市人民政府2024年法治政府建设年度报告\n", "city"),  # front matter wins
    ],
    ids=["county-level-city", "province-managed-city", "prefecture-city", "district", "unknown-city", "front-matter"],
)
def test_a_governments_level_follows_its_code(head: str, level: str) -> None:
    assert rc.parse(head + "一、主要工作\n全年办理案件3件。\n").meta.level == level


PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"
_WITH_CODES = sorted(
    p.name.removesuffix(".gold.json") for p in PAGES.glob("*.gold.json") if '"adcode"' in p.read_text("utf-8")
)


@pytest.mark.parametrize("name", _WITH_CODES, ids=str)
def test_constructed_pages_get_their_codes(name: str) -> None:
    """The held-out pages annotated with a division code (tests/data/pages, docs/accuracy.md)."""
    want = json.loads((PAGES / f"{name}.gold.json").read_text("utf-8"))["adcode"]
    assert rc.read(PAGES / f"{name}.txt").meta.adcode == want


def test_six_pages_carry_codes() -> None:
    assert len(_WITH_CODES) == 6
