"""Markdown views of a Report and a ReportDiff, for terminals and GitHub comments: report text is
escaped so that pasted output shows it as written."""

from __future__ import annotations

import re
from typing import Any

from rolcompare.render.common import (
    DIRECTION_ZH,
    STATUS_ZH,
    TARGET_ZH,
    delta_text,
    describe_meta,
    fmt_number,
    label_pair,
    target_text,
)
from rolcompare.schema import Report, ReportDiff

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


def report_markdown(report: Report) -> str:
    """A readable Markdown view of one parsed report."""
    m = report.meta
    out = [
        f"# {_md(m.title or m.entity or '报告')}",
        "",
        f"- 报告 report: {describe_meta(m)}",
        f"- 层级 level: {m.level or '—'} · 原文字形 script: {m.script}",
        f"- 主体标识 entity id: {_md(m.entity_id or '—')}"
        + (f" · 代码表年份 adcode year: {m.adcode_year}" if m.adcode_year else ""),
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
    out += _report_target_lines(report)
    if report.warnings:
        out += ["", f"## 提示 warnings ({len(report.warnings)})", ""]
        out += [f"- `{w.code}`{f' L{w.line}' if w.line else ''}: {w.message}" for w in report.warnings]
    return "\n".join(out) + "\n"


def _summary_lines(diff: ReportDiff) -> list[str]:
    s = diff.summary
    return [
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


def _diff_header(diff: ReportDiff) -> list[str]:
    return [f"- 旧 old: {describe_meta(diff.old)}", f"- 新 new: {describe_meta(diff.new)}"]


def diff_markdown(diff: ReportDiff) -> str:
    """The diff as Markdown: summary, indicators, plans with evidence, problems, sections."""
    out = [f"# {_md(diff.old.entity or '')} {diff.old.year or '?'} → {diff.new.year or '?'} 法治政府建设报告对比", ""]
    out += [*_diff_header(diff), "", *_summary_lines(diff)]
    out += ["## 指标 indicators", ""]
    out.append(
        _md_table(
            ["状态", "概念 concept", "指标（旧 → 新）", "旧值", "新值", "变化", "方向", "行"],
            [
                [
                    STATUS_ZH[c.status],
                    c.concept or "",
                    _md(label_pair(c.label_old, c.label_new)),
                    fmt_number(c.old, c.qualifier_old, c.unit),
                    fmt_number(c.new, c.qualifier_new, c.unit),
                    delta_text(c.delta, c.pct_change),
                    DIRECTION_ZH[c.direction],
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
            f"- **{STATUS_ZH[f.status]}** {_md(f.commitment.ordinal or f.commitment.id)} {_md(f.commitment.text)} "
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
    out += _target_lines(diff)
    out += ["", "## 结构 sections", ""]
    out += [f"- 新增 added: {r.id} {_md(r.title)}" for r in diff.sections.added]
    out += [f"- 删除 removed: {r.id} {_md(r.title)}" for r in diff.sections.removed]
    out += [f"- 改名 renamed: {o.id} {_md(o.title)} → {n.id} {_md(n.title)}" for o, n in diff.sections.renamed]
    if not (diff.sections.added or diff.sections.removed or diff.sections.renamed):
        out.append("- 无变化 no change")
    return "\n".join(out) + "\n"


def _target_lines(diff: ReportDiff) -> list[str]:
    if not diff.targets:
        return []
    out = ["", "## 上年量化目标 targets followed up", ""]
    out.append(
        _md_table(
            ["结果 status", "概念 concept", "目标 target", "实际 outcome", "依据 rule", "行"],
            [
                [
                    TARGET_ZH[f.status],
                    f.target.concept or "",
                    _md(target_text(f.target)),
                    fmt_number(f.outcome, "exact", f.outcome_unit or "") if f.outcome is not None else "",
                    _md(f.rule),
                    f"{f.target.line}→{f.evidence.line if f.evidence else ''}",
                ]
                for f in diff.targets
            ],
        )
    )
    out += [f"- 证据 L{f.evidence.line}: {_md(f.evidence.sentence)}" for f in diff.targets if f.evidence is not None]
    return out


def _report_target_lines(report: Report) -> list[str]:
    if not report.targets:
        return []
    rows = [
        [t.id, t.concept or "", _md(target_text(t)), t.target_year or "", _md(t.label), t.line] for t in report.targets
    ]
    return [
        "",
        f"## 量化目标 targets ({len(report.targets)})",
        "",
        _md_table(["#", "概念 concept", "目标 target", "年度", "原文 as written", "行"], rows),
    ]
