"""Rich tables of a Report for a terminal (``rolcompare parse --format table``)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from rolcompare.render.common import describe_meta, fmt_number
from rolcompare.schema import Report


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


T = TypeVar("T")


def with_progress(items: Iterable[T], total: int, label: str, enabled: bool = True) -> Iterator[T]:
    """``items`` as they come, with a rich progress bar on stderr when it is a terminal, not in CI
    (``CI`` set), not asked to be quiet (``enabled``) and for five items or more."""
    if not enabled or not sys.stderr.isatty() or os.environ.get("CI") or total < 5:
        yield from items
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(transient=True, console=Console(stderr=True)) as progress:
        task = progress.add_task(label, total=total)
        for item in items:
            yield item
            progress.advance(task)
