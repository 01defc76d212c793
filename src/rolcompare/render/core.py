"""Stage 7: renderers — pure functions of a Report or ReportDiff; they format, never compute.

Markdown is for terminals and GitHub comments, HTML is one self-contained page (all report
text escaped), CSV uses utf-8-sig so Excel shows Chinese, XLSX has one sheet per table.
"""

from __future__ import annotations

import html
import io
import re
from typing import TYPE_CHECKING, Any

from rolcompare.schema import (
    CommitmentFollowUp,
    Evidence,
    IndicatorChange,
    ProblemFollowUp,
    Report,
    ReportDiff,
    ReportMeta,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

_QUAL = {"exact": "", "approx": "≈", "at_least": "≥", "at_most": "≤", "range": "≈", None: ""}
_STATUS_ZH = {
    "changed": "变化",
    "unchanged": "未变",
    "added": "新增",
    "removed": "消失",
    "fulfilled": "已落实",
    "partial": "部分落实",
    "not_found": "未见落实",
}
_DIRECTION = {"better": "↑ 向好", "worse": "↓ 变差", "neutral": "—", None: ""}


# ---------------------------------------------------------------- shared helpers
def fmt_number(value: float | None, qualifier: str | None = "exact", unit: str = "") -> str:
    """``1500000.0`` → ``1,500,000``; ``85.71`` → ``85.71``; qualifier as ≈ ≥ ≤ before it."""
    if value is None:
        return ""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4f}".rstrip("0").rstrip(".")
    return f"{_QUAL.get(qualifier, '')}{text}{unit}"


def describe_meta(meta: ReportMeta) -> str:
    """One line naming a report: entity, year, provenance (constructed reports say so)."""
    entity = meta.entity or "（未识别主体）"
    year = f"{meta.year}年度" if meta.year else "（未识别年度）"
    provenance = {
        "official": "官方发布 official",
        "constructed": "示例文本，非官方文件 constructed",
        "unknown": "来源未标注 provenance unknown",
    }[meta.provenance]
    return f"{entity} {year} · {provenance}" + (f" · {meta.source}" if meta.source else "")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~!@])")


def _md(value: Any) -> str:
    """Report text as Markdown that shows it as written: Markdown's marks backslash-escaped, HTML
    characters as entities (a report's ``<details>``, ``[x](javascript:…)``, ``@name`` or ``#12``
    does nothing when the output is pasted into a GitHub comment)."""
    text = "" if value is None else str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def _md_cell(value: Any) -> str:
    """A table cell of the project's own words (ids, numbers): only | and line breaks matter."""
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def _md_table(headers: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


# ---------------------------------------------------------------- Report
def indicators_frame(report: Report) -> pd.DataFrame:
    """One row per indicator, with proper dtypes and the report's entity and year."""
    import pandas as pd

    rows = [ind.model_dump() for ind in report.indicators]
    columns = ["id", "label", "concept", "value", "unit", "qualifier", "kind", "scope", "section", "sentence", "line"]
    frame = pd.DataFrame(rows, columns=columns)
    frame.insert(0, "year", pd.array([report.meta.year] * len(frame), dtype="Int64"))
    frame.insert(0, "entity", report.meta.entity)
    return frame.astype(
        {
            "value": "float64",
            "line": "int64",
            "qualifier": "category",
            "kind": "category",
            "unit": "string",
            "label": "string",
            "concept": "string",
            "scope": "string",
            "section": "string",
            "entity": "string",
        }
    )


def report_markdown(report: Report) -> str:
    """A readable Markdown view of one parsed report."""
    m = report.meta
    out = [
        f"# {_md(m.title or m.entity or '报告')}",
        "",
        f"- 报告 report: {describe_meta(m)}",
        f"- 层级 level: {m.level or '—'} · 原文字形 script: {m.script}",
        "",
    ]
    out += ["## 结构 sections", ""]
    out += [
        f"{'  ' * (s.level - 1)}- {_md(f'{s.number} {s.title}'.strip())}  `{s.id}` {'/'.join(s.kinds)} (L{s.line})"
        for s in report.sections
    ]
    out += ["", f"## 指标 indicators ({len(report.indicators)})", ""]
    out.append(
        _md_table(
            ["#", "指标 label", "数值 value", "单位", "概念 concept", "范围 scope", "行 line"],
            [
                [i.id, _md(i.label), fmt_number(i.value, i.qualifier), i.unit, i.concept or "", _md(i.scope), i.line]
                for i in report.indicators
            ],
        )
    )
    out += ["", f"## 工作打算 commitments ({len(report.commitments)})", ""]
    out.append(
        _md_table(
            ["#", "序号", "内容 text", "年度", "回应问题", "行"],
            [
                [c.id, _md(c.ordinal), _md(c.text), c.target_year or "", ", ".join(c.answers), c.line]
                for c in report.commitments
            ],
        )
    )
    out += ["", f"## 存在的问题 problems ({len(report.problems)})", ""]
    out.append(
        _md_table(
            ["#", "问题 text", "对应打算 plans", "行"],
            [
                [
                    p.id,
                    _md(p.text),
                    ", ".join(f"{x.commitment} ({x.score:.2f}: {_md('、'.join(x.terms[:3]))})" for x in p.plans),
                    p.line,
                ]
                for p in report.problems
            ],
        )
    )
    if report.warnings:
        out += ["", f"## 提示 warnings ({len(report.warnings)})", ""]
        out += [f"- `{w.code}`{f' L{w.line}' if w.line else ''}: {w.message}" for w in report.warnings]
    return "\n".join(out) + "\n"


def report_table(report: Report, console: Any) -> None:
    """Rich tables of a report on a terminal."""
    from rich.table import Table

    console.print(f"[bold]{report.meta.title or report.meta.entity}[/bold]  {describe_meta(report.meta)}")
    tree = Table(title="结构 sections", show_lines=False)
    for col in ("id", "编号", "标题", "类型", "行"):
        tree.add_column(col)
    for s in report.sections:
        tree.add_row(s.id, s.number, "  " * (s.level - 1) + s.title, "/".join(s.kinds), str(s.line))
    console.print(tree)
    table = Table(title=f"指标 indicators ({len(report.indicators)})")
    for col in ("#", "指标", "数值", "单位", "概念", "范围", "行"):
        table.add_column(col, overflow="fold")
    for i in report.indicators:
        table.add_row(
            i.id, i.label, fmt_number(i.value, i.qualifier), i.unit, i.concept or "", i.scope or "", str(i.line)
        )
    console.print(table)
    for title, rows in (
        ("工作打算 commitments", [(c.id, c.ordinal or "", c.text) for c in report.commitments]),
        ("存在的问题 problems", [(p.id, "", p.text) for p in report.problems]),
    ):
        t = Table(title=f"{title} ({len(rows)})")
        for col in ("#", "序号", "内容"):
            t.add_column(col, overflow="fold")
        for row in rows:
            t.add_row(*row)
        console.print(t)
    for w in report.warnings:
        console.print(f"[yellow]{w.code}[/yellow] {f'L{w.line} ' if w.line else ''}{w.message}", markup=True)


# ---------------------------------------------------------------- ReportDiff
COMMITMENT_COLUMNS = [
    "id",
    "ordinal",
    "text",
    "target_year",
    "status",
    "repeated",
    "repeated_by",
    "score",
    "clauses_found",
    "clauses_total",
    "line_old",
    "evidence",
]
PROBLEM_COLUMNS = ["id", "text", "addressed", "persists", "persists_as", "score", "line_old", "evidence"]
SECTION_COLUMNS = ["change", "old_id", "old_title", "new_id", "new_title", "level"]


def diff_frames(diff: ReportDiff) -> dict[str, pd.DataFrame]:
    """The diff as DataFrames: indicators, commitments, problems, sections."""
    import pandas as pd

    return {
        "indicators": pd.DataFrame(
            [c.model_dump() for c in diff.indicators], columns=list(IndicatorChange.model_fields)
        ),
        "commitments": pd.DataFrame(map(_commitment_row, diff.commitments), columns=COMMITMENT_COLUMNS),
        "problems": pd.DataFrame(map(_problem_row, diff.problems), columns=PROBLEM_COLUMNS),
        "sections": pd.DataFrame(_section_rows(diff), columns=SECTION_COLUMNS),
    }


def _evidence_text(evidence: list[Evidence]) -> str:
    return " | ".join(f"L{e.line}: {e.sentence}" for e in evidence)


def _commitment_row(f: CommitmentFollowUp) -> list[Any]:
    c = f.commitment
    return [
        c.id,
        c.ordinal,
        c.text,
        c.target_year,
        f.status,
        f.repeated,
        f.repeated_by,
        f.score,
        f.clauses_found,
        f.clauses_total,
        c.line,
        _evidence_text(f.evidence),
    ]


def _problem_row(f: ProblemFollowUp) -> list[Any]:
    return [
        f.problem.id,
        f.problem.text,
        f.addressed,
        f.persists,
        f.persists_as,
        f.score,
        f.problem.line,
        _evidence_text(f.evidence),
    ]


def _section_rows(diff: ReportDiff) -> list[list[Any]]:
    rows: list[list[Any]] = [["added", None, None, s.id, s.title, s.level] for s in diff.sections.added]
    rows += [["removed", s.id, s.title, None, None, s.level] for s in diff.sections.removed]
    rows += [["renamed", o.id, o.title, n.id, n.title, o.level] for o, n in diff.sections.renamed]
    return rows


def _diff_header(diff: ReportDiff) -> list[str]:
    return [f"- 旧 old: {describe_meta(diff.old)}", f"- 新 new: {describe_meta(diff.new)}"]


def diff_markdown(diff: ReportDiff) -> str:
    """The diff as Markdown: summary, indicators, plans with evidence, problems, sections."""
    s = diff.summary
    out = [f"# {_md(diff.old.entity or '')} {diff.old.year or '?'} → {diff.new.year or '?'} 法治政府建设报告对比", ""]
    out += [*_diff_header(diff), ""]
    out += [
        "## 概览 summary",
        "",
        f"- 指标 indicators: 变化 {s.indicators_changed} · 未变 {s.indicators_unchanged} · 新增 {s.indicators_added} · "
        f"消失 {s.indicators_removed} · 向好 {s.better} · 变差 {s.worse}",
        f"- 上年打算 plans: 已落实 {s.commitments_fulfilled} · 部分落实 {s.commitments_partial} · "
        f"未见落实 {s.commitments_not_found} · 再次承诺 {s.commitments_repeated}",
        f"- 上年问题 problems: 有举措回应 {s.problems_addressed} · 仍被列出 {s.problems_persisting}",
        f"- 结构 sections: 新增 {s.sections_added} · 删除 {s.sections_removed} · 改名 {s.sections_renamed}",
        "",
    ]
    out += ["## 指标 indicators", ""]
    out.append(
        _md_table(
            ["状态", "概念 concept", "指标（旧 → 新）", "旧值", "新值", "变化", "方向", "行"],
            [
                [
                    _STATUS_ZH[c.status],
                    c.concept or "",
                    _md(_labels(c.label_old, c.label_new)),
                    fmt_number(c.old, c.qualifier_old, c.unit),
                    fmt_number(c.new, c.qualifier_new, c.unit),
                    _delta(c.delta, c.pct_change),
                    _DIRECTION[c.direction],
                    f"{c.line_old or ''}→{c.line_new or ''}",
                ]
                for c in diff.indicators
            ],
        )
    )
    out += ["", "## 上年工作打算落实情况 plans followed up", ""]
    for f in diff.commitments:
        flag = " · **再次承诺 repeated**" + (f" ({f.repeated_by})" if f.repeated_by else "") if f.repeated else ""
        out.append(
            f"- **{_STATUS_ZH[f.status]}** {_md(f.commitment.ordinal or f.commitment.id)} {_md(f.commitment.text)} "
            f"(L{f.commitment.line}; {f.clauses_found}/{f.clauses_total} 项动作有据, score {f.score:.2f}){flag}"
        )
        out += [
            f"  - 证据 L{e.line}: {_md(e.sentence)} （{_md('、'.join(e.terms[:4]))}; {e.score:.2f}）"
            for e in f.evidence
        ]
    out += ["", "## 上年问题 problems followed up", ""]
    for p in diff.problems:
        tags = [
            ("有举措回应" if p.addressed else "未见举措回应"),
            ("仍被列出" + (f" ({p.persists_as})" if p.persists_as else "")) if p.persists else "未再列出",
        ]
        out.append(f"- {_md(p.problem.text)} (L{p.problem.line}) — {' · '.join(tags)}")
        out += [f"  - 证据 L{e.line}: {_md(e.sentence)}" for e in p.evidence]
    out += ["", "## 结构 sections", ""]
    out += [f"- 新增 added: {r.id} {_md(r.title)}" for r in diff.sections.added]
    out += [f"- 删除 removed: {r.id} {_md(r.title)}" for r in diff.sections.removed]
    out += [f"- 改名 renamed: {o.id} {_md(o.title)} → {n.id} {_md(n.title)}" for o, n in diff.sections.renamed]
    if not (diff.sections.added or diff.sections.removed or diff.sections.renamed):
        out.append("- 无变化 no change")
    return "\n".join(out) + "\n"


def _labels(old: str | None, new: str | None) -> str:
    if old and new and old != new:
        return f"{old} → {new}"
    return old or new or ""


def _delta(delta: float | None, pct: float | None) -> str:
    if delta is None:
        return ""
    sign = "+" if delta > 0 else ""
    return f"{sign}{fmt_number(delta)}" + (f" ({sign}{pct:.1f}%)" if pct is not None else "")


def _esc(text: Any) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _highlight(sentence: str, terms: list[str]) -> str:
    escaped = _esc(sentence)
    for term in sorted(terms, key=len, reverse=True):
        escaped = escaped.replace(_esc(term), f"<mark>{_esc(term)}</mark>")
    return escaped


_CSS = """body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;width:100%;font-size:14px}td,th{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f4f4f4}.better{color:#137333}.worse{color:#b3261e}mark{background:#fff3a0}.tag{display:inline-block;padding:0 6px;border-radius:4px;background:#eee}
.fulfilled{background:#d7f5dd}.partial{background:#fff1c2}.not_found{background:#fde0dc}.meta{color:#555}"""


def diff_html(diff: ReportDiff) -> str:
    """A self-contained HTML page; every piece of report text is escaped."""
    s = diff.summary
    parts = [
        "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>",
        f"<title>{_esc(diff.old.entity)} {_esc(diff.old.year)} → {_esc(diff.new.year)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_esc(diff.old.entity)} {_esc(diff.old.year)} → {_esc(diff.new.year)} 法治政府建设报告对比</h1>",
        f"<p class='meta'>旧 old: {_esc(describe_meta(diff.old))}<br>新 new: {_esc(describe_meta(diff.new))}</p>",
        f"<p>指标变化 {s.indicators_changed} · 新增 {s.indicators_added} · 消失 {s.indicators_removed} · 向好 {s.better} · 变差 {s.worse}；"
        f"上年打算 已落实 {s.commitments_fulfilled} · 部分 {s.commitments_partial} · 未见 {s.commitments_not_found} · 再次承诺 {s.commitments_repeated}</p>",
        "<h2>指标变化图 changed indicators (%)</h2>",
        _svg_chart(diff),
        "<h2>指标 indicators</h2><table><tr><th>状态</th><th>概念</th><th>指标</th><th>旧值</th><th>新值</th><th>变化</th><th>方向</th><th>行</th></tr>",
    ]
    for c in diff.indicators:
        parts.append(
            f"<tr><td>{_STATUS_ZH[c.status]}</td><td>{_esc(c.concept)}</td><td>{_esc(_labels(c.label_old, c.label_new))}</td>"
            f"<td>{_esc(fmt_number(c.old, c.qualifier_old, c.unit))}</td><td>{_esc(fmt_number(c.new, c.qualifier_new, c.unit))}</td>"
            f"<td>{_esc(_delta(c.delta, c.pct_change))}</td><td class='{_esc(c.direction)}'>{_DIRECTION[c.direction]}</td>"
            f"<td>{_esc(c.line_old)}→{_esc(c.line_new)}</td></tr>"
        )
    parts.append("</table><h2>上年工作打算落实情况 plans</h2>")
    for f in diff.commitments:
        rep = " <span class='tag'>再次承诺 repeated</span>" if f.repeated else ""
        parts.append(
            f"<div class='{f.status}'><p><b>{_STATUS_ZH[f.status]}</b> {_esc(f.commitment.ordinal)} {_esc(f.commitment.text)}{rep}</p><ul>"
        )
        parts += [
            f"<li>L{e.line}: {_highlight(e.sentence, e.terms)} <small>({e.score:.2f})</small></li>" for e in f.evidence
        ]
        parts.append("</ul></div>")
    parts.append("<h2>上年问题 problems</h2><ul>")
    for p in diff.problems:
        parts.append(
            f"<li>{_esc(p.problem.text)} — {'有举措回应' if p.addressed else '未见举措回应'} · {'仍被列出' if p.persists else '未再列出'}</li>"
        )
    parts.append("</ul><h2>结构 sections</h2><ul>")
    parts += [f"<li>新增 {_esc(r.id)} {_esc(r.title)}</li>" for r in diff.sections.added]
    parts += [f"<li>删除 {_esc(r.id)} {_esc(r.title)}</li>" for r in diff.sections.removed]
    parts += [f"<li>改名 {_esc(o.title)} → {_esc(n.title)}</li>" for o, n in diff.sections.renamed]
    parts.append("</ul></body></html>")
    return "\n".join(parts)


def _svg_chart(diff: ReportDiff) -> str:
    bars = [c for c in diff.indicators if c.status == "changed" and c.pct_change is not None][:30]
    if not bars:
        return "<p>（无可比较的变化）</p>"
    scale = max(abs(c.pct_change or 0) for c in bars) or 1.0
    width, row, mid, half = 640, 18, 380, 150  # labels in 0…250, bars in mid ± half, figures after
    rows = []
    for k, c in enumerate(bars):
        pct = c.pct_change or 0.0
        w = abs(pct) / scale * half
        x = mid if pct >= 0 else mid - w
        color = {"better": "#34a853", "worse": "#d93025"}.get(c.direction or "", "#9aa0a6")
        label = _esc((c.label_new or c.label_old or "")[:16])
        rows.append(
            f"<text x='4' y='{k * row + 13}' font-size='12'>{label}</text>"
            f"<rect x='{x:.1f}' y='{k * row + 3}' width='{w:.1f}' height='12' fill='{color}'/>"
            f"<text x='{mid + half + 8}' y='{k * row + 13}' font-size='11'>{pct:+.1f}%</text>"
        )
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{len(bars) * row + 6}' role='img'>"
        f"<line x1='{mid}' y1='0' x2='{mid}' y2='{len(bars) * row}' stroke='#999'/>{''.join(rows)}</svg>"
        "<p class='meta'>绿色 向好 better · 红色 变差 worse · 灰色 中性 neutral</p>"
    )


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def spreadsheet_cell(value: object) -> object:
    """A cell a spreadsheet shows as the text it is: text starting with = + - @ (a formula to
    Excel) gets a leading apostrophe; control characters (which xlsx cannot hold) are dropped."""
    if not isinstance(value, str):
        return value
    value = _ILLEGAL_IN_XLSX.sub("", value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def spreadsheet_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell made safe by ``spreadsheet_cell``."""
    text = [c for c in frame.columns if frame[c].dtype == object or str(frame[c].dtype) in ("string", "str")]
    if not text:
        return frame
    frame = frame.copy()
    for column in text:
        frame[column] = frame[column].map(spreadsheet_cell, na_action="ignore")
    return frame


def diff_csv(diff: ReportDiff, table: str = "indicators") -> bytes:
    """One table of the diff as CSV bytes in utf-8-sig (Excel shows Chinese), formula-safe."""
    buf = io.StringIO()
    spreadsheet_frame(diff_frames(diff)[table]).to_csv(buf, index=False)
    return buf.getvalue().encode("utf-8-sig")


def diff_xlsx(diff: ReportDiff) -> bytes:
    """An XLSX workbook with one sheet each for indicators, commitments, problems, sections."""
    import pandas as pd

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        pd.DataFrame({"field": ["old", "new"], "report": [describe_meta(diff.old), describe_meta(diff.new)]}).to_excel(
            writer, sheet_name="reports", index=False
        )
        for name, frame in diff_frames(diff).items():
            spreadsheet_frame(frame).to_excel(writer, sheet_name=name, index=False)
    return buf.getvalue()
