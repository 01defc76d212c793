"""A ReportDiff as one self-contained HTML page; every piece of report text is escaped."""

from __future__ import annotations

import html
from typing import Any

from rolcompare.render.common import (
    DIRECTION_ZH,
    STATUS_ZH,
    delta_text,
    describe_meta,
    fmt_number,
    label_pair,
    target_text,
)
from rolcompare.schema import Report, ReportDiff


def _esc(text: Any) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _highlight(sentence: str, terms: list[str]) -> str:
    escaped = _esc(sentence)
    for term in sorted(terms, key=len, reverse=True):
        escaped = escaped.replace(_esc(term), f"<mark>{_esc(term)}</mark>")
    return escaped


# every rule is scoped to the page's own container: the same fragment inside a notebook leaves
# the notebook's other tables and text alone
_BOX = "rolcompare"
_CSS = (
    f'.{_BOX}{{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}}'
    f".{_BOX} table{{border-collapse:collapse;width:100%;font-size:14px}}.{_BOX} td,.{_BOX} th{{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}}"
    f".{_BOX} th{{background:#f4f4f4}}.{_BOX} .better{{color:#137333}}.{_BOX} .worse{{color:#b3261e}}.{_BOX} mark{{background:#fff3a0}}"
    f".{_BOX} .tag{{display:inline-block;padding:0 6px;border-radius:4px;background:#eee}}.{_BOX} .fulfilled{{background:#d7f5dd}}"
    f".{_BOX} .partial{{background:#fff1c2}}.{_BOX} .not_found{{background:#fde0dc}}.{_BOX} .meta{{color:#555}}"
    f".{_BOX} td.status{{white-space:nowrap}}.{_BOX} th{{cursor:pointer}}.{_BOX} input.filter{{margin:4px 0;padding:2px 6px}}"
)


def diff_html(diff: ReportDiff) -> str:
    """A self-contained HTML page; every piece of report text is escaped."""
    title = f"{_esc(diff.old.entity)} {_esc(diff.old.year)} → {_esc(diff.new.year)}"
    return (
        f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><title>{title}</title></head><body>\n"
        + diff_fragment(diff)
        + "\n</body></html>"
    )


_ORDER = {"changed": 0, "added": 1, "removed": 2, "unchanged": 3}
# sorting (click a header; ``#sort=TABLE:COLUMN`` in the address sorts on load) and filtering (the
# box above a table) for this container's tables only; no network, no library
_SCRIPT = """(function(box){
function key(t){var n=parseFloat(t.replace(/,/g,'').replace(/^[^0-9.\\-]+/,''));return isNaN(n)?t:n;}
function sort(table,col,desc){var rows=Array.prototype.slice.call(table.tBodies[0].rows);
rows.sort(function(a,b){var x=key(a.cells[col].textContent),y=key(b.cells[col].textContent);
var c=(typeof x===typeof y)?(x<y?-1:x>y?1:0):(typeof x==='number'?-1:1);return desc?-c:c;});
rows.forEach(function(r){table.tBodies[0].appendChild(r);});table.setAttribute('data-sorted',col+(desc?' desc':''));}
box.querySelectorAll('table.sortable').forEach(function(table){
Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,col){th.addEventListener('click',function(){
sort(table,col,table.getAttribute('data-sorted')===String(col));});});});
box.querySelectorAll('input.filter').forEach(function(input){var table=box.querySelector('#'+input.getAttribute('data-table'));
input.addEventListener('input',function(){var q=input.value.trim();Array.prototype.forEach.call(table.tBodies[0].rows,function(r){
r.style.display=(!q||r.textContent.indexOf(q)>=0)?'':'none';});});});
var m=/sort=([\\w-]+):(\\d+)/.exec(location.hash);if(m){var t=box.querySelector('#'+m[1]);if(t)sort(t,parseInt(m[2],10),false);}
})(document.currentScript.parentElement);"""


def diff_fragment(diff: ReportDiff) -> str:
    """The comparison as one ``<div class="rolcompare">`` with its own scoped style and script:
    what the page holds, and what a notebook shows (``ReportDiff._repr_html_``)."""
    s = diff.summary
    parts = [
        f"<div class='{_BOX}'><style>{_CSS}</style>",
        f"<h1>{_esc(diff.old.entity)} {_esc(diff.old.year)} → {_esc(diff.new.year)} 法治政府建设报告对比</h1>",
        f"<p class='meta'>旧 old: {_esc(describe_meta(diff.old))}<br>新 new: {_esc(describe_meta(diff.new))}</p>",
        f"<p>指标变化 {s.indicators_changed} · 新增 {s.indicators_added} · 消失 {s.indicators_removed} · 向好 {s.better} · 变差 {s.worse}；"
        f"上年打算 已落实 {s.commitments_fulfilled} · 部分 {s.commitments_partial} · 未见 {s.commitments_not_found} · 再次承诺 {s.commitments_repeated}</p>",
        "<h2>指标变化图 changed indicators (%)</h2>",
        _svg_chart(diff),
        *_indicator_table(diff),
        *_commitments_html(diff),
        *_problems_html(diff),
        *_targets_html(diff),
        "<h2>结构 sections</h2><ul>",
        *[f"<li>新增 {_esc(r.id)} {_esc(r.title)}</li>" for r in diff.sections.added],
        *[f"<li>删除 {_esc(r.id)} {_esc(r.title)}</li>" for r in diff.sections.removed],
        *[f"<li>改名 {_esc(o.title)} → {_esc(n.title)}</li>" for o, n in diff.sections.renamed],
        f"</ul><script>{_SCRIPT}</script></div>",
    ]
    return "\n".join(parts)


def _table_head(table_id: str, headers: list[str]) -> str:
    return (
        f"<input class='filter' data-table='{table_id}' placeholder='筛选 filter'>"
        f"<table class='sortable' id='{table_id}'><thead><tr>{''.join(f'<th>{h}</th>' for h in headers)}</tr></thead><tbody>"
    )


def _indicator_table(diff: ReportDiff) -> list[str]:
    """Changed indicators first, then added, removed, unchanged (each kept in report order)."""
    rows = sorted(diff.indicators, key=lambda c: _ORDER[c.status])
    head = _table_head("indicators", ["状态", "概念", "指标", "旧值", "新值", "变化", "方向", "行"])
    return [
        "<h2>指标 indicators</h2>" + head,
        *[
            f"<tr><td class='status'>{STATUS_ZH[c.status]}</td><td>{_esc(c.concept)}</td><td>{_esc(label_pair(c.label_old, c.label_new))}</td>"
            f"<td>{_esc(fmt_number(c.old, c.qualifier_old, c.unit))}</td><td>{_esc(fmt_number(c.new, c.qualifier_new, c.unit))}</td>"
            f"<td>{_esc(delta_text(c.delta, c.pct_change))}</td><td class='status {_esc(c.direction)}'>{DIRECTION_ZH[c.direction]}</td>"
            f"<td>{_esc(c.line_old)}→{_esc(c.line_new)}</td></tr>"
            for c in rows
        ],
        "</tbody></table>",
    ]


def _commitments_html(diff: ReportDiff) -> list[str]:
    parts = ["<h2>上年工作打算落实情况 plans</h2>"]
    for f in diff.commitments:
        rep = " <span class='tag'>再次承诺 repeated</span>" if f.repeated else ""
        parts.append(
            f"<div class='{f.status}'><p><b>{STATUS_ZH[f.status]}</b> {_esc(f.commitment.ordinal)} {_esc(f.commitment.text)}{rep}</p><ul>"
        )
        shown = {e.sentence: e for e in f.evidence}  # a sentence that supports two clauses is shown once
        parts += [
            f"<li>L{e.line}: {_highlight(e.sentence, e.terms)} <small>({e.score:.2f})</small></li>"
            for e in shown.values()
        ]
        parts.append("</ul></div>")
    return parts


def _problems_html(diff: ReportDiff) -> list[str]:
    parts = ["<h2>上年问题 problems</h2><ul>"]
    for p in diff.problems:
        tags = f"{'有举措回应' if p.addressed else '未见举措回应'} · {'仍被列出' if p.persists else '未再列出'}"
        evidence = "".join(f"<li>L{e.line}: {_highlight(e.sentence, e.terms)}</li>" for e in p.evidence)
        parts.append(f"<li>{_esc(p.problem.text)} — {tags}" + (f"<ul>{evidence}</ul>" if evidence else "") + "</li>")
    parts.append("</ul>")
    return parts


def _targets_html(diff: ReportDiff) -> list[str]:
    if not diff.targets:
        return []
    head = _table_head("targets", ["结果", "概念", "目标", "实际", "依据", "证据"])
    rows = [
        f"<tr><td class='status'>{_esc(f.status)}</td><td>{_esc(f.target.concept)}</td><td>{_esc(target_text(f.target))}</td>"
        f"<td>{_esc(fmt_number(f.outcome, 'exact', f.outcome_unit or '') if f.outcome is not None else '')}</td>"
        f"<td>{_esc(f.rule)}</td><td>{_esc(f'L{f.evidence.line}: {f.evidence.sentence}' if f.evidence else '')}</td></tr>"
        for f in diff.targets
    ]
    return ["<h2>上年量化目标 targets</h2>" + head, *rows, "</tbody></table>"]


def report_html(report: Report) -> str:
    """A compact notebook view of a parsed report (``Report._repr_html_``): what it is, how much
    it holds, and its first indicators."""
    m = report.meta
    counts = [
        ("部分 sections", len(report.sections)),
        ("指标 indicators", len(report.indicators)),
        ("打算 commitments", len(report.commitments)),
        ("问题 problems", len(report.problems)),
        ("目标 targets", len(report.targets)),
        ("提示 warnings", len(report.warnings)),
    ]
    rows = "".join(
        f"<tr><td>{_esc(i.label)}</td><td>{_esc(fmt_number(i.value, i.qualifier, i.unit))}</td><td>{_esc(i.concept)}</td><td>{i.line}</td></tr>"
        for i in report.indicators[:10]
    )
    more = (
        f"<p class='meta'>… {len(report.indicators) - 10} more: report.indicators_frame()</p>"
        if len(report.indicators) > 10
        else ""
    )
    return (
        f"<div class='{_BOX}'><style>{_CSS}</style><p><b>{_esc(m.title or m.entity or '报告')}</b> "
        f"<span class='meta'>{_esc(describe_meta(m))} · {_esc(m.genre)}</span></p>"
        f"<p>{' · '.join(f'{k} {v}' for k, v in counts)}</p>"
        f"<table><tr><th>指标 label</th><th>数值 value</th><th>概念 concept</th><th>行</th></tr>{rows}</table>{more}</div>"
    )


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
        label = _esc((c.label_new or c.label_old or "")[:14] + (f"（{c.unit}）" if c.unit else ""))
        rows.append(
            f"<text x='4' y='{k * row + 13}' font-size='12'>{label}</text>"
            f"<rect x='{x:.1f}' y='{k * row + 3}' width='{w:.1f}' height='12' fill='{color}'/>"
            f"<text x='{mid + half + 8}' y='{k * row + 13}' font-size='11'>{pct:+.1f}%</text>"
        )
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{len(bars) * row + 6}' role='img'>"
        f"<line x1='{mid}' y1='0' x2='{mid}' y2='{len(bars) * row}' stroke='#999'/>{''.join(rows)}</svg>"
        "<p class='meta'>条长为较上年的变化率（%），标签为指标与单位 · bars: percent change over last year · 绿色 向好 better · 红色 变差 worse · 灰色 中性 neutral</p>"
    )


def notebook_html(doc: object) -> str:
    """A notebook's view of a Report or a ReportDiff (scoped styles, no page around it)."""
    if isinstance(doc, Report):
        return report_html(doc)
    if isinstance(doc, ReportDiff):
        return diff_fragment(doc)
    raise TypeError(f"no notebook view of {type(doc).__name__}")
