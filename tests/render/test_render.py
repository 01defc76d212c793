from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import rolcompare as rc
from rolcompare.render.common import fmt_number
from rolcompare.render.excel import diff_xlsx
from rolcompare.render.markdown import report_markdown
from rolcompare.render.tables import diff_csv

if TYPE_CHECKING:
    import pandas as pd

SNAPSHOTS = Path(__file__).resolve().parent.parent / "snapshots"
UPDATE = os.environ.get("ROLCOMPARE_UPDATE_SNAPSHOTS") == "1"  # regenerate on purpose only


def assert_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if UPDATE:
        path.write_text(text, "utf-8")
    assert path.exists(), f"missing snapshot {name}; run with ROLCOMPARE_UPDATE_SNAPSHOTS=1 once and review it"
    assert text == path.read_text("utf-8")


def _portable(text: str) -> str:
    return text.replace(str(Path(__file__).resolve().parent.parent.parent) + "/", "")


def test_diff_markdown_snapshot(sample_diff) -> None:
    assert_snapshot("luzhou-2019-2020.md", _portable(sample_diff.to_markdown()))


def test_report_markdown_snapshot(seed_report) -> None:
    assert_snapshot("luzhou-2019.md", _portable(report_markdown(seed_report)))


def test_outputs_name_both_reports_and_provenance(sample_diff) -> None:
    for text in (sample_diff.to_markdown(), sample_diff.to_html()):
        assert "泸州市人民政府 2019年度" in text and "泸州市人民政府 2020年度" in text
        assert "constructed" in text and "provenance unknown" in text


def test_html_escapes_report_text(seed_report) -> None:
    hostile = (
        "泸州市人民政府 2020年度法治政府建设工作报告\n一、主要举措和成效\n受理案件<script>alert(1)</script>5件。\n"
    )
    diff = rc.compare(seed_report, rc.parse(hostile))
    page = diff.to_html()
    # the page's one script is its own (sorting, filtering); the report's is text
    assert page.count("<script") == 1 and "<script>alert" not in page and "&lt;/script&gt;" in page


def test_html_highlights_evidence(sample_diff) -> None:
    assert "<mark>" in sample_diff.to_html()
    assert "<svg" in sample_diff.to_html()


def test_csv_is_utf8_sig(sample_diff) -> None:
    data = diff_csv(sample_diff)
    assert data.startswith(b"\xef\xbb\xbf")
    assert "受理行政复议申请" in data.decode("utf-8-sig")


def test_xlsx_has_one_sheet_per_table(sample_diff) -> None:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(diff_xlsx(sample_diff)))
    assert book.sheetnames == ["overview", "indicators", "commitments", "problems", "sections", "targets"]


def test_frames_have_dtypes(sample_diff, seed_report) -> None:
    frames = sample_diff.to_frame()
    assert set(frames) == {"indicators", "commitments", "problems", "sections", "targets"}
    assert len(frames["commitments"]) == 4
    frame = seed_report.indicators_frame()
    assert str(frame["value"].dtype) == "float64" and str(frame["year"].dtype) == "Int64"
    assert len(frame) == len(seed_report.indicators)
    assert sample_diff._repr_html_().startswith("<div class='rolcompare'>")


@pytest.mark.parametrize(
    ("value", "qualifier", "text"),
    [
        (1500000.0, "exact", "1,500,000"),
        (85.71, "exact", "85.71"),
        (2500, "at_least", "≥2,500"),
        (1000, "approx", "≈1,000"),
    ],
)
def test_fmt_number(value: float, qualifier: str, text: str) -> None:
    assert fmt_number(value, qualifier) == text


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("受理案件", "受理案件"),
        ("a\x01b", "ab"),
        (5.0, 5.0),
    ],
    ids=["equals", "plus", "minus", "at", "plain", "control", "number"],
)
def test_spreadsheet_cells_are_never_formulas(cell: object, shown: object) -> None:
    from rolcompare.render.tables import spreadsheet_cell

    assert spreadsheet_cell(cell) == shown


def test_xlsx_and_csv_of_a_hostile_report_hold_text(tmp_path) -> None:
    import openpyxl

    import rolcompare as rc
    from rolcompare.render.excel import diff_xlsx
    from rolcompare.render.tables import diff_csv

    old = rc.parse("某市2020年报告\n一、主要举措\n@SUM受理案件3件。\n")
    new = rc.parse("某市2021年报告\n一、主要举措\n@SUM受理案件4件。\n")
    diff = rc.compare(old, new)
    path = tmp_path / "d.xlsx"
    path.write_bytes(diff_xlsx(diff))
    cells = [c.value for ws in openpyxl.load_workbook(path) for row in ws.iter_rows() for c in row]
    assert "'@SUM受理案件" in cells
    assert not any(isinstance(v, str) and v.startswith(("=", "@")) for v in cells)
    assert b",@" not in diff_csv(diff)


def test_markdown_shows_report_text_as_written_and_runs_none_of_it() -> None:
    """Markdown is pasted into GitHub comments: a report's marks, links, tags and mentions stay text."""
    import rolcompare as rc
    from rolcompare.render.markdown import diff_markdown, report_markdown

    text = "某市2020年报告\n一、主要举措\n<details>[点击](javascript:alert(1)) @admin *加粗* 受理案件3件。\n二、存在的问题\n问题 #12 仍存在。\n"
    report = rc.parse(text)
    for md in (report_markdown(report), diff_markdown(rc.compare(report, report))):
        assert "<details>" not in md and "](javascript" not in md and " @admin" not in md
        assert "&lt;details&gt;" in md or "details" not in md


def _every_frame(sample_diff) -> dict[str, pd.DataFrame]:
    """Every frame the API returns, from the seed pair and the corpora in tests/data."""
    from conftest import ROOT
    from rolcompare.corpus import panel_tables

    data = ROOT / "tests" / "data"
    frames = {f"diff.{k}": f for k, f in sample_diff.to_frame().items()}
    frames["report.indicators"] = rc.read(ROOT / "reports" / "luzhou" / "2019.txt").indicators_frame()
    for corpus in (ROOT / "reports", data / "identity" / "reports", data / "targets" / "qingsong"):
        tables = vars(panel_tables(corpus, workers=1))
        frames |= {f"panel.{k}.{corpus.parent.name}": f for k, f in tables.items()}
        frames[f"panel.wide.balanced.{corpus.parent.name}"] = rc.panel(corpus, wide=True, balanced=True, workers=1)
        frames[f"panel.long.balanced.{corpus.parent.name}"] = rc.panel(corpus, balanced=True, workers=1)
    return frames


def test_one_dtype_per_column_in_every_frame(sample_diff) -> None:
    """Every column of every frame has its COLUMN_DTYPES dtype (lines and years Int64: CSV writes
    12, never 12.0; text "string"); a wide table's concept columns are float64."""
    from rolcompare.lexicon.concepts import concept_by_id
    from rolcompare.render.tables import COLUMN_DTYPES

    checked = set()
    for name, frame in _every_frame(sample_diff).items():
        for column in frame.columns:
            want = COLUMN_DTYPES.get(column) or ("float64" if concept_by_id(column) else "<not documented>")
            assert str(frame[column].dtype) == want, (name, column)
            checked.add(column)
    assert checked >= set(COLUMN_DTYPES) - {"error"}  # (no corpus here has an unreadable file)
    indicators = sample_diff.to_frame()["indicators"]
    assert indicators["line_old"].isna().any() and not indicators["line_new"].dropna().empty
    assert ".0," not in indicators[["line_old", "line_new"]].to_csv(index=False)


def test_the_dtype_table_in_docs_is_current() -> None:
    """docs/schema.md lists every column under its dtype (| `Int64` | `year`, `line`, … |)."""
    import re

    from conftest import ROOT
    from rolcompare.render.tables import COLUMN_DTYPES

    text = (ROOT / "docs" / "schema.md").read_text("utf-8")
    documented = {}
    for dtype, cells in re.findall(r"^\| `(Int64|float64|boolean|string)` \| (.+) \|$", text, re.M):
        documented |= dict.fromkeys(re.findall(r"`([\w.]+)`", cells), dtype)
    assert documented == COLUMN_DTYPES


def test_html_styles_are_scoped_and_notebook_views_are_compact(sample_diff, seed_report) -> None:
    """Every CSS rule of the page and the notebook fragments starts at the .rolcompare container:
    nothing restyles a notebook's body or other tables. Reports and diffs have short reprs."""
    import re

    from rolcompare.render.html import _CSS

    rules = re.findall(r"([^{}]+)\{[^}]*\}", _CSS)
    assert rules and all(all(sel.strip().startswith(".rolcompare") for sel in rule.split(",")) for rule in rules)
    page = sample_diff.to_html()
    assert page.startswith("<!doctype html>") and "<div class='rolcompare'>" in page
    assert "body{" not in page and "\ntable{" not in page
    view = seed_report._repr_html_()
    assert view.startswith("<div class='rolcompare'>") and "泸州市人民政府" in view and len(view) < 5000
    assert len(repr(seed_report)) < 200 and "indicators=68" in repr(seed_report)
    assert len(repr(sample_diff)) < 200


def test_the_excel_report_reads_back_styled(tmp_path) -> None:
    """compare -o x.xlsx: bilingual headers, Chinese status words beside the codes, frozen header,
    autofilter, widths, number formats, better/worse fills, an overview with a banner for a
    constructed text, and formula-like text kept as text."""
    import openpyxl

    from conftest import SAMPLE_2020, SEED
    from rolcompare.cli import main

    out = tmp_path / "diff.xlsx"
    assert main(["compare", str(SEED), str(SAMPLE_2020), "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    overview = book["overview"]
    assert "示例文本" in str(overview["A1"].value)  # the 2020 text is a constructed example
    ws = book["indicators"]
    headers = [c.value for c in ws[1]]
    assert "状态 status" in headers and "状态" in headers and "旧值 old" in headers
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == ws.dimensions
    assert ws[1][0].font.bold
    col = {h: i + 1 for i, h in enumerate(headers)}
    words = {ws.cell(r, col["状态"]).value for r in range(2, ws.max_row + 1)}
    assert {"变化", "消失"} <= words
    assert ws.cell(2, col["变化率 pct_change"]).number_format == '0.0"%"'
    assert ws.cell(2, col["旧值 old"]).number_format == "#,##0.##"
    fills = {
        ws.cell(r, col["方向 direction"]).fill.fgColor.rgb
        for r in range(2, ws.max_row + 1)
        if ws.cell(r, col["方向 direction"]).value == "worse"
    }
    assert fills and all(str(f).endswith("FFC7CE") for f in fills)
    assert (
        ws.column_dimensions[
            ws.cell(1, col["指标 label_old" if "指标 label_old" in col else "旧指标 label_old"]).column_letter
        ].width
        > 10
    )


@pytest.mark.parametrize(
    ("tty", "ci", "enabled", "shown"),
    [(True, False, True, True), (False, False, True, False), (True, True, True, False), (True, False, False, False)],
    ids=["terminal", "pipe", "ci", "quiet"],
)
def test_progress_shows_only_on_a_terminal_outside_ci(monkeypatch, capsys, tty, ci, enabled, shown) -> None:
    import sys

    from rolcompare.render.terminal import with_progress

    monkeypatch.setattr(sys.stderr, "isatty", lambda: tty)
    monkeypatch.setenv("CI", "1") if ci else monkeypatch.delenv("CI", raising=False)
    calls = []
    import rich.progress

    real = rich.progress.Progress
    monkeypatch.setattr(rich.progress, "Progress", lambda *a, **k: calls.append(1) or real(*a, **k))
    assert list(with_progress(range(7), 7, "reading", enabled=enabled)) == list(range(7))
    assert bool(calls) is shown


def test_the_panel_column_tables_in_docs_are_current() -> None:
    """docs/zh/panel.md carries the generated table of every panel table's columns, with their
    Chinese headers and dtypes."""
    from conftest import ROOT
    from rolcompare.render.excel import HEADER_ZH, panel_columns_markdown
    from rolcompare.render.tables import PANEL_INDICATOR_COLUMNS, PANEL_TARGET_COLUMNS

    table = panel_columns_markdown()
    assert table in (ROOT / "docs" / "zh" / "panel.md").read_text("utf-8"), "docs/zh/panel.md is stale"
    assert all(c in HEADER_ZH for c in {*PANEL_INDICATOR_COLUMNS, *PANEL_TARGET_COLUMNS})
