"""A workbook for people who read Chinese first and work in Excel: ``compare -o x.xlsx`` and
``panel -o x.xlsx``.

An overview sheet first (what was compared, the counts, a banner when a text is a constructed
example), then one sheet per table, each with: bilingual headers (``状态 status``), the status
and direction codes kept and their Chinese words beside them, widths fitted to the text (a CJK
character counts twice), the header row frozen, an autofilter, thousands and % formats, better /
worse rows coloured, and every text cell safe from formula injection.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from rolcompare.render.common import DIRECTION_ZH, STATUS_ZH, TARGET_ZH, describe_meta
from rolcompare.render.tables import diff_frames, spreadsheet_cell
from rolcompare.schema import ReportDiff

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

HEADER_ZH = {
    "entity_id": "主体标识", "entity": "主体", "adcode": "行政区划代码", "adcode_year": "代码表年份", "year": "年度",
    "next_year": "下一年度", "target_year": "目标年度", "concept": "概念",
    "label": "指标", "label_old": "旧指标", "label_new": "新指标", "value": "数值", "unit": "单位",
    "qualifier": "限定", "qualifier_old": "旧限定", "qualifier_new": "新限定", "kind": "类型", "scope": "范围",
    "section": "部分", "line": "行", "line_old": "旧行", "line_new": "新行", "source": "来源文件",
    "provenance": "来源性质", "old": "旧值", "new": "新值", "delta": "变化", "pct_change": "变化率",
    "status": "状态", "direction": "方向", "match_score": "匹配度", "id": "编号", "ordinal": "序号", "text": "内容",
    "repeated": "再次承诺", "repeated_by": "再次承诺于", "score": "得分", "clauses_found": "有据动作",
    "clauses_total": "动作数", "evidence": "证据", "addressed": "有举措回应", "persists": "仍被列出",
    "persists_as": "仍被列出为", "change": "变动", "old_id": "旧编号", "old_title": "旧标题", "new_id": "新编号",
    "new_title": "新标题", "level": "层级", "comparator": "比较方式", "low": "下限", "high": "上限",
    "outcome": "实际", "position": "位置", "rule": "依据", "target": "目标", "commitment": "打算", "problem": "问题",
    "error": "错误", "field": "项目", "report": "报告", "indicators": "指标", "plans": "打算", "problems": "问题",
    "errors": "错误", "targets": "目标", "report_missing": "无报告",
}  # fmt: skip
_WORDS = {**STATUS_ZH, **TARGET_ZH, **{k: v for k, v in DIRECTION_ZH.items() if k}}
_CODED = ("status", "direction")  # code columns that get a Chinese column beside them
_NUMBER_FORMATS = {
    "pct_change": '0.0"%"',
    **dict.fromkeys(("old", "new", "delta", "value", "low", "high", "outcome"), "#,##0.##"),
}
_GOOD, _BAD = "C6EFCE", "FFC7CE"


def workbook(sheets: dict[str, pd.DataFrame], overview: list[tuple[str, object]], banner: str | None = None) -> bytes:
    """The workbook's bytes: an ``overview`` sheet of (item, value) rows, then ``sheets``."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "overview"
    _overview(first, overview, banner)
    for name, frame in sheets.items():
        _table(book.create_sheet(name), _with_words(frame))
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _overview(ws: Any, rows: list[tuple[str, object]], banner: str | None) -> None:
    from openpyxl.styles import Font

    if banner:
        ws.append([banner])
        ws["A1"].font = Font(bold=True, color="C00000")
    ws.append(["概览 overview", ""])
    ws.cell(ws.max_row, 1).font = Font(bold=True)
    for item, value in rows:
        ws.append([spreadsheet_cell(item), spreadsheet_cell(value)])
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 80


def _with_words(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with a Chinese column before each status or direction code column."""
    frame = frame.copy()
    for code in _CODED:
        if code in frame.columns:
            words = frame[code].map(lambda v: _WORDS.get(v, v) if isinstance(v, str) else v)
            frame.insert(frame.columns.get_loc(code), f"{code}_zh", words)
    return frame


def _header(column: str) -> str:
    if column.endswith("_zh"):
        return HEADER_ZH.get(column[:-3], column[:-3])
    zh = HEADER_ZH.get(column)
    return f"{zh} {column}" if zh else column


def _table(ws: Any, frame: pd.DataFrame) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    ws.append([_header(str(c)) for c in frame.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E7E6E6")
        cell.alignment = Alignment(vertical="top", wrap_text=False)
    for row in frame.itertuples(index=False):
        ws.append([_cell(v) for v in row])
    columns = list(frame.columns)
    for j, column in enumerate(columns, start=1):
        fmt = _NUMBER_FORMATS.get(str(column))
        if fmt:
            for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                cell.number_format = fmt
        ws.column_dimensions[ws.cell(1, j).column_letter].width = _width(ws, j)
    _colour(ws, columns)
    ws.freeze_panes = "A2"
    if ws.max_row > 1:
        ws.auto_filter.ref = ws.dimensions


def _cell(value: object) -> object:
    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    return spreadsheet_cell(value)


def _width(ws: Any, column: int) -> float:
    longest = 6
    for (cell,) in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 200), min_col=column, max_col=column):
        text = "" if cell.value is None else str(cell.value)
        longest = max(longest, sum(2 if ord(ch) > 0x2E80 else 1 for ch in text))
    return min(longest + 2, 60)


def _colour(ws: Any, columns: list[object]) -> None:
    """Rows that moved the better way green, the worse way red (their direction and status cells)."""
    from openpyxl.styles import PatternFill

    if "direction" not in columns:
        return
    d = columns.index("direction") + 1
    marked = [j + 1 for j, c in enumerate(columns) if c in ("direction", "direction_zh", "status", "status_zh")]
    for row in range(2, ws.max_row + 1):
        colour = {"better": _GOOD, "worse": _BAD}.get(ws.cell(row, d).value)
        if colour:
            for j in marked:
                ws.cell(row, j).fill = PatternFill("solid", fgColor=colour)


_SUMMARY_ZH = {
    "indicators_changed": "指标变化", "indicators_unchanged": "指标未变", "indicators_added": "指标新增",
    "indicators_removed": "指标消失", "better": "向好", "worse": "变差", "commitments_fulfilled": "打算已落实",
    "commitments_partial": "打算部分落实", "commitments_not_found": "打算未见落实", "commitments_repeated": "打算再次承诺",
    "problems_addressed": "问题有举措回应", "problems_persisting": "问题仍被列出", "sections_added": "部分新增",
    "sections_removed": "部分删除", "sections_renamed": "部分改名", "targets_met": "目标完成",
    "targets_missed": "目标未完成", "targets_not_reported": "目标未报告", "targets_not_assessable": "目标无法判断",
}  # fmt: skip
BANNER = "示例文本，非官方文件 · a constructed example, not an official document"


def diff_xlsx(diff: ReportDiff) -> bytes:
    """The comparison as a workbook: an overview (the two reports, the counts), then the
    indicators, commitments, problems, sections and targets."""
    overview: list[tuple[str, object]] = [
        ("旧报告 old", describe_meta(diff.old)),
        ("新报告 new", describe_meta(diff.new)),
    ]
    overview += [(f"{_SUMMARY_ZH[k]} {k}", v) for k, v in diff.summary.model_dump().items()]
    constructed = "constructed" in (diff.old.provenance, diff.new.provenance)
    return workbook(diff_frames(diff), overview, BANNER if constructed else None)


def panel_xlsx(tables: dict[str, pd.DataFrame]) -> bytes:
    """The panel as a workbook: an overview (rows per table), then the tables."""
    overview: list[tuple[str, object]] = [
        (f"{HEADER_ZH.get(n, n)} {n}", f"{len(f)} 行 rows") for n, f in tables.items()
    ]
    indicators = tables.get("indicators")
    constructed = (
        indicators is not None and "provenance" in indicators and (indicators["provenance"] == "constructed").any()
    )
    return workbook(tables, overview, BANNER if constructed else None)


PANEL_COLUMNS_BEGIN = "<!-- panel columns: generated by rolcompare.render.excel.panel_columns_markdown() -->"
PANEL_COLUMNS_END = "<!-- end of panel columns -->"


def panel_columns_markdown() -> str:
    """The panel's tables and columns, with their Chinese headers and dtypes (docs/zh/panel.md;
    a test keeps the copy current)."""
    from rolcompare.render.tables import (
        COLUMN_DTYPES,
        PANEL_COMMITMENT_COLUMNS,
        PANEL_ERROR_COLUMNS,
        PANEL_INDICATOR_COLUMNS,
        PANEL_PROBLEM_COLUMNS,
        PANEL_TARGET_COLUMNS,
    )

    tables = {
        "indicators": PANEL_INDICATOR_COLUMNS,
        "plans": PANEL_COMMITMENT_COLUMNS,
        "problems": PANEL_PROBLEM_COLUMNS,
        "targets": PANEL_TARGET_COLUMNS,
        "errors": PANEL_ERROR_COLUMNS,
    }
    lines = [PANEL_COLUMNS_BEGIN]
    for name, columns in tables.items():
        lines += ["", f"**{HEADER_ZH[name]}表 {name}**", "", "| 列 column | 中文表头 | 类型 dtype |", "|---|---|---|"]
        lines += [f"| `{c}` | {HEADER_ZH.get(c, c)} | `{COLUMN_DTYPES[c]}` |" for c in columns]
    return "\n".join([*lines, "", PANEL_COLUMNS_END]) + "\n"
