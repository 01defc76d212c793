from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import rolcompare as rc
from conftest import ROOT, SEED
from rolcompare.cli import main
from rolcompare.corpus import panel_tables
from rolcompare.render.tables import PANEL_INDICATOR_COLUMNS
from rolcompare.sources.files import DEFAULT_MAX_BYTES


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "reports", tmp_path / "reports")
    return tmp_path / "reports"


def test_panel_of_shipped_reports(seed_report) -> None:
    table = rc.panel(ROOT / "reports", workers=1)
    assert list(table.columns) == PANEL_INDICATOR_COLUMNS
    seed_rows = table[table["year"] == 2019]
    assert len(seed_rows) == len(seed_report.indicators)
    assert set(seed_rows["entity"]) == {"泸州市人民政府"}
    assert set(table["year"].dropna()) == {2019, 2020}
    assert set(table.loc[table["year"] == 2020, "provenance"]) == {"constructed"}
    row = seed_rows[seed_rows["concept"] == "reconsideration.cases_received"].iloc[0]
    assert (row["value"], row["unit"], row["line"]) == (278.0, "件", 30)


def test_plans_and_problems_tables() -> None:
    tables = panel_tables(ROOT / "reports", workers=1)
    assert list(tables.plans["status"]) == ["fulfilled", "partial", "not_found", "fulfilled"]
    assert list(tables.plans["next_year"]) == [2020] * 4
    assert list(tables.problems["persists"]) == [False, False, False, True]


def test_broken_file_becomes_one_error_row(corpus: Path, capsys) -> None:
    (corpus / "broken").mkdir()
    (corpus / "broken" / "2020.txt").write_bytes(b"\x00\x01\x02" * 100)
    tables = panel_tables(corpus, workers=2)
    assert len(tables.errors) == 1 and "binary" in tables.errors.iloc[0]["error"]
    assert len(tables.indicators) == len(panel_tables(ROOT / "reports", workers=1).indicators)
    out = corpus.parent / "panel.csv"
    assert main(["panel", str(corpus), "-o", str(out), "--workers", "2"]) == 0
    assert "binary" in capsys.readouterr().err
    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert len(frame) == len(tables.indicators) and (corpus.parent / "panel.errors.csv").exists()


def test_cache_gives_same_table(corpus: Path) -> None:
    first = panel_tables(corpus, workers=1, cache=True).indicators
    assert (corpus.parent / ".rolcompare-cache").is_dir()
    second = panel_tables(corpus, workers=1, cache=True).indicators
    pd.testing.assert_frame_equal(first, second)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet"])
def test_output_formats(corpus: Path, suffix: str) -> None:
    out = corpus.parent / f"panel{suffix}"
    assert main(["panel", str(corpus), "-o", str(out), "--workers", "1", "--no-cache"]) == 0
    reader = {
        ".csv": lambda p: pd.read_csv(p, encoding="utf-8-sig"),
        ".xlsx": lambda path: pd.read_excel(path, sheet_name="indicators"),
        ".parquet": pd.read_parquet,
    }
    assert len(reader[suffix](out)) == len(rc.panel(corpus, workers=1))


def test_plots_written(corpus: Path, capsys) -> None:
    pytest.importorskip("matplotlib")
    plots = corpus.parent / "plots"
    assert main(["panel", str(corpus), "--plot", str(plots), "-o", str(corpus.parent / "p.csv")]) == 0
    assert (plots / "credit.rank.png").stat().st_size > 1000
    assert (plots / "credit.rank.svg").exists()
    from rolcompare.render.plots import find_cjk_font

    if find_cjk_font() is None:
        assert "no CJK font found" in capsys.readouterr().err


def test_dask_engine_gives_the_same_table() -> None:
    pytest.importorskip("dask.distributed")
    process = rc.panel(ROOT / "reports", workers=2)
    dask = rc.panel(ROOT / "reports", engine="dask")
    pd.testing.assert_frame_equal(process, dask)


def test_empty_directory_is_bad_input(tmp_path: Path) -> None:
    assert main(["panel", str(tmp_path)]) == 2


def test_single_file(tmp_path: Path) -> None:
    assert len(rc.panel(SEED, workers=1)) == 68


def test_flat_folder_pairs_years_within_each_entity(tmp_path: Path) -> None:
    """reports/*.txt of several governments in one folder: plans are followed up per entity."""
    shutil.copy(ROOT / "reports" / "luzhou" / "2019.txt", tmp_path / "luzhou-2019.txt")
    (tmp_path / "qingshan-2020.txt").write_text(
        "青山市人民政府2020年度法治政府建设工作报告\n一、主要举措和成效\n受理行政复议案件3件。\n二、2021年工作打算\n一是加强执法；二是深化普法。\n",
        "utf-8",
    )
    tables = panel_tables(tmp_path, workers=1)
    assert set(tables.indicators["entity"]) == {"泸州市人民政府", "青山市人民政府"}
    assert tables.plans.empty  # 泸州 2019 is not followed up by 青山 2020


def test_a_cache_entry_of_the_wrong_shape_is_ignored(tmp_path: Path) -> None:
    from rolcompare.corpus import _cache_get

    for bad in ("[1, 2]", '{"indicators": 5}', '{"indicators": [1], "plans": [], "problems": [], "errors": []}'):
        folder = tmp_path / "ab"
        folder.mkdir(exist_ok=True)
        (folder / "abcd.json").write_text(bad, "utf-8")
        assert _cache_get(str(tmp_path), "abcd") is None


def test_cache_key_covers_the_size_limit_and_never_reads_a_file_over_it(tmp_path: Path) -> None:
    from rolcompare.corpus import _unit_key

    report = tmp_path / "2020.txt"
    report.write_bytes(b"x" * 1000)
    assert _unit_key([str(report)], 100) != _unit_key([str(report)], 10_000)
    assert _unit_key([str(report)], 100) == _unit_key([str(report)], 100)


def test_panel_output_naming_a_directory_is_one_sentence(tmp_path: Path) -> None:
    from rolcompare.cli import main

    (tmp_path / "out.csv").mkdir()
    assert main(["panel", str(ROOT / "reports"), "-o", str(tmp_path / "out.csv")]) == 2


def test_parquet_without_pyarrow_is_one_sentence(tmp_path: Path, monkeypatch, capsys) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # (an import of it now raises ImportError)
    assert main(["panel", str(ROOT / "reports"), "-o", str(tmp_path / "p.parquet")]) == 2
    err = capsys.readouterr().err
    assert "pyarrow" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "p.parquet").exists()


def test_dask_without_a_scheduler_stays_on_this_machine(monkeypatch) -> None:
    """A local cluster on 127.0.0.1, no dashboard, and no connection anywhere else."""
    import ipaddress
    import socket

    pytest.importorskip("distributed")
    from rolcompare.corpus import _iter_dask

    seen: list[tuple[str, object]] = []
    connect, bind = socket.socket.connect, socket.socket.bind
    monkeypatch.setattr(socket.socket, "connect", lambda self, a: (seen.append(("connect", a)), connect(self, a))[1])
    monkeypatch.setattr(socket.socket, "bind", lambda self, a: (seen.append(("bind", a)), bind(self, a))[1])
    results = list(_iter_dask([[str(SEED)]], None, None, DEFAULT_MAX_BYTES))
    assert len(results) == 1 and results[0].indicators
    hosts = [a[0] for _, a in seen if isinstance(a, tuple)]
    assert hosts and all(ipaddress.ip_address(h).is_loopback for h in hosts), seen


def test_a_concept_with_one_year_gets_a_sane_year_axis() -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from rolcompare.render.plots import year_axis

    fig, ax = plt.subplots()
    ax.plot([2020], [5], marker="o")
    year_axis(ax, [2020])
    assert [t for t in ax.get_xticks()] == [2020] and ax.get_xlim() == (2019, 2021)
    plt.close(fig)


def test_a_font_installed_after_matplotlib_cached_its_list_is_found(monkeypatch, tmp_path) -> None:
    """find_cjk_font looks at the system's font files when the cached list has no CJK font."""
    pytest.importorskip("matplotlib")
    from matplotlib import font_manager

    from rolcompare.render import plots

    added: list[str] = []
    fake = tmp_path / "NotoSansCJK-Regular.ttc"
    fake.write_bytes(b"")
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [])
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: [str(fake)])
    monkeypatch.setattr(font_manager.fontManager, "addfont", lambda path: added.append(path))
    plots.find_cjk_font()
    assert added == [str(fake)]


def test_panel_side_tables_are_replaced_atomically(tmp_path: Path) -> None:
    """out.plans.csv and the other side tables are renamed into place (a new file), never
    rewritten in place where a failed run would leave half a table."""
    out = tmp_path / "p.csv"
    side = tmp_path / "p.plans.csv"
    side.write_text("old table")
    before = side.stat().st_ino
    assert main(["panel", str(ROOT / "reports"), "-o", str(out)]) == 0
    assert side.stat().st_ino != before and side.read_text("utf-8-sig").startswith("entity")


def test_panel_takes_the_size_limit_and_keyword_options_only() -> None:
    """``panel``'s options are ``panel_tables``'s (one definition), max_bytes included; a file over
    the limit is an error row, not an exception."""
    assert len(rc.panel(ROOT / "reports", max_bytes=100)) == 0
    errors = panel_tables(ROOT / "reports", max_bytes=100).errors
    assert len(errors) == 2 and errors["error"].str.contains("over the limit of 100 bytes").all()
    with pytest.raises(TypeError):
        rc.panel(ROOT / "reports", 2)  # type: ignore[misc]


def test_panel_has_a_targets_table_with_verdicts() -> None:
    """One row per entity, year and target; outcome and verdict where next year's report is there."""
    tables = panel_tables(ROOT / "tests" / "data" / "targets" / "qingsong", workers=1)
    rows = tables.targets
    assert list(rows.columns)[:7] == ["entity_id", "entity", "adcode", "adcode_year", "year", "target_year", "target"]
    got = {(r.concept, r.year, r.next_year, r.status) for r in rows.itertuples()}
    assert got == {
        ("enforcement.certified_rate", 2022, 2023, "met"),
        ("litigation.head_appearance_rate", 2022, 2023, "missed"),
        ("services.online_rate", 2022, 2023, "not_reported"),
    }


def test_target_plots_show_target_and_outcome(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    plots = tmp_path / "plots"
    folder = ROOT / "tests" / "data" / "targets" / "qingsong"
    assert main(["panel", str(folder), "--plot", str(plots), "-o", str(tmp_path / "p.csv"), "--no-cache"]) == 0
    assert (plots / "litigation.head_appearance_rate-targets.png").stat().st_size > 1000
    assert "outcome" in (plots / "litigation.head_appearance_rate-targets.svg").read_text("utf-8")
    assert (tmp_path / "p.targets.csv").read_text("utf-8-sig").count("\n") == 4  # header + 3 targets


def _two_entities(tmp_path: Path) -> Path:
    corpus = tmp_path / "reports"
    shutil.copytree(ROOT / "reports" / "luzhou", corpus / "luzhou")
    shutil.copytree(
        ROOT / "tests" / "data" / "targets" / "qingsong", corpus / "qingsong", ignore=shutil.ignore_patterns("*.json")
    )
    return corpus


def test_a_balanced_wide_panel_has_every_entity_and_year(tmp_path: Path) -> None:
    table = rc.panel(_two_entities(tmp_path), wide=True, balanced=True, workers=1)
    entities, years = table["entity"].nunique(), table["year"].nunique()
    assert (entities, years) == (2, 4) and len(table) == entities * years
    missing = {(r.entity, r.year) for r in table.itertuples() if r.report_missing}
    assert missing == {
        ("泸州市人民政府", 2022),
        ("泸州市人民政府", 2023),
        ("青松县人民政府", 2019),
        ("青松县人民政府", 2020),
    }
    assert str(table["year"].dtype) == "Int64" and "enforcement.certified_rate" in table.columns
    long = rc.panel(_two_entities(tmp_path / "b"), balanced=True, workers=1)
    assert (
        long["report_missing"].sum() == 4 and len(long) == len(rc.panel(_two_entities(tmp_path / "c"), workers=1)) + 4
    )


def test_stata_file_reads_back_with_chinese_labels(tmp_path: Path) -> None:
    out = tmp_path / "panel.dta"
    assert main(["panel", str(_two_entities(tmp_path)), "-o", str(out), "--balanced", "--no-cache"]) == 0
    back = pd.read_stata(out)
    assert set(back["entity"]) == {"泸州市人民政府", "青松县人民政府"} and len(back) == 8
    assert set(back["entity_id"]) == {"四川省/泸州市", "青松县"}  # (青松县 is no real division: its name)
    assert set(back["adcode"]) == {"510500", ""}  # Stata text has no missing value: ""
    with pd.io.stata.StataReader(out) as reader:
        labels = reader.variable_labels()
    assert labels["enforcement_certified_rate"] == "执法人员持证上岗率"
    assert labels["adcode"] == "行政区划代码 adcode" and labels["entity_id"] == "主体标识 entity id"
    assert all(len(name) <= 32 and name.replace("_", "").isalnum() for name in back.columns)
    mapping = pd.read_csv(out.with_suffix(".variables.csv"), encoding="utf-8-sig")
    assert (
        dict(zip(mapping["variable"], mapping["column"], strict=True))["enforcement_certified_rate"]
        == "enforcement.certified_rate"
    )
    from rolcompare.render.stata import stata_names

    long = stata_names(["reconsideration.applications_received", "reconsideration.applications_received_x", "1st"])
    assert long["reconsideration.applications_received"] == "reconsideration_applications_rec"
    assert len(set(long.values())) == 3 and long["1st"] == "v1st"
