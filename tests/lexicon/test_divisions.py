"""The division code table (``rolcompare.lexicon.divisions``)."""

from __future__ import annotations

from importlib.resources import files

import pytest

from rolcompare.lexicon.divisions import PLACEHOLDERS, Division, short_names, snapshot, snapshot_years, snapshots_for


def test_the_data_file_is_well_formed() -> None:
    text = files("rolcompare.lexicon").joinpath("data/divisions.csv").read_text("utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# snapshots:") and lines[1] == "code,name,first,last"
    years = snapshot_years()
    for line in lines[2:]:
        code, name, first, last = line.split(",")
        assert len(code) == 6 and code.isdigit() and name and '"' not in name
        assert int(first) in years and int(last) in years and int(first) <= int(last)


def test_snapshots() -> None:
    years = snapshot_years()
    assert years[0] == 2002 and 2019 in years and years[-1] == 2023 and list(years) == sorted(years)
    for year in (2002, 2019, 2023):
        snap = snapshot(year)
        assert 3000 < len(snap.all_codes()) < 3700, year  # province, prefecture and county levels
    with pytest.raises(ValueError, match="no division snapshot"):
        snapshot(2021)


@pytest.mark.parametrize(
    ("year", "order"),
    [(2021, [2019, 2018]), (2019, [2019, 2018]), (2023, [2023, 2019]), (1999, [2002, 2003]), (None, [2023, 2019])],
    ids=["gap-year", "snapshot-year", "newest", "before-the-table", "no-year"],
)
def test_snapshots_for(year: int | None, order: list[int]) -> None:
    got = snapshots_for(year)
    assert got[:2] == order and sorted(got) == list(snapshot_years())


def test_paths_leave_placeholders_out() -> None:
    snap = snapshot(2019)
    assert snap.path("110105") == "北京市/朝阳区"  # (110100 is 市辖区)
    assert snap.path("220104") == "吉林省/长春市/朝阳区"
    assert snap.path("440000") == "广东省"
    assert not any(snap.codes(name) for name in PLACEHOLDERS)
    assert snapshot(2023).name("110100") == "市辖区"  # (in the table, never a name)


@pytest.mark.parametrize(
    ("name", "short"),
    [("吉林省", ["吉林省", "吉林"]), ("长春市", ["长春市", "长春"]), ("宁夏回族自治区", ["宁夏回族自治区", "宁夏"])],
    ids=["province", "city", "region"],
)
def test_short_names(name: str, short: list[str]) -> None:
    assert short_names(Division("000000", name, 2019)) == short


def test_long_place_names_are_governments_names_only() -> None:
    from rolcompare.lexicon.divisions import long_place_names

    names = long_place_names()
    assert {"呼和浩特市", "乌鲁木齐市", "齐齐哈尔市", "阿鲁科尔沁旗", "大兴安岭地区"} <= set(names)
    assert not [n for n in names if "开发区" in n or "自治" in n or "园区" in n]
    assert list(names) == sorted(names, key=lambda n: (-len(n), n))  # longest first: a regex alternation
