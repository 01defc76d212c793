"""What every renderer shares: number formatting, the one-line name of a report, and the
Chinese words for statuses and directions."""

from __future__ import annotations

from typing import Any

from rolcompare.schema import ReportMeta, Target

QUALIFIER_MARK = {"exact": "", "approx": "≈", "at_least": "≥", "at_most": "≤", "range": "≈", None: ""}


STATUS_ZH = {
    "changed": "变化",
    "unchanged": "未变",
    "added": "新增",
    "removed": "消失",
    "fulfilled": "已落实",
    "partial": "部分落实",
    "not_found": "未见落实",
}


DIRECTION_ZH = {"better": "↑ 向好", "worse": "↓ 变差", "neutral": "—", None: ""}

TARGET_ZH = {"met": "完成", "missed": "未完成", "not_reported": "未报告", "not_assessable": "无法判断"}
_COMPARATOR_ZH = {
    "at_least": "以上",
    "approx": "左右",
    "at_most": "以内",
    "range": "区间",
    "exact": "",
    "none": "（无数值）",
}


def target_text(t: Target) -> str:
    """``6.5%左右``, ``6–6.5%``, ``1100万人以上``: a target as the reports write it."""
    if t.value is None:
        return "不设数值目标" if t.absent else "—"
    value = f"{fmt_number(t.low)}–{fmt_number(t.high)}" if t.comparator == "range" else fmt_number(t.value)
    change = {"increase": "增长", "decrease": "下降"}.get(t.change or "", "")
    return f"{change}{value}{t.unit}{_COMPARATOR_ZH[t.comparator] if t.comparator != 'range' else ''}"


def fmt_number(value: float | None, qualifier: str | None = "exact", unit: str = "") -> str:
    """``1500000.0`` → ``1,500,000``; ``85.71`` → ``85.71``; qualifier as ≈ ≥ ≤ before it."""
    if value is None:
        return ""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4f}".rstrip("0").rstrip(".")
    return f"{QUALIFIER_MARK.get(qualifier, '')}{text}{unit}"


def describe_meta(meta: ReportMeta) -> str:
    """One line naming a report: entity (with its division code), year, provenance (constructed
    reports say so)."""
    entity = meta.entity or "（未识别主体）"
    year = f"{meta.year}年度" if meta.year else "（未识别年度）"
    provenance = {
        "official": "官方发布 official",
        "constructed": "示例文本，非官方文件 constructed",
        "unknown": "来源未标注 provenance unknown",
    }[meta.provenance]
    code = f" · 行政区划代码 {meta.adcode}" if meta.adcode else ""
    return f"{entity} {year}{code} · {provenance}" + (f" · {meta.source}" if meta.source else "")


def label_pair(old: str | None, new: str | None) -> str:
    if old and new and old != new:
        return f"{old} → {new}"
    return old or new or ""


def delta_text(delta: float | None, pct: float | None) -> str:
    if delta is None:
        return ""
    sign = "+" if delta > 0 else ""
    return f"{sign}{fmt_number(delta)}" + (f" ({sign}{pct:.1f}%)" if pct is not None else "")


def short_repr(doc: Any) -> str:
    """``Report(...)`` / ``ReportDiff(...)`` in one line: what it is and how much it holds."""
    if hasattr(doc, "meta"):
        m = doc.meta
        return (
            f"Report({m.entity!r}, year={m.year}, genre={m.genre!r}, sections={len(doc.sections)}, "
            f"indicators={len(doc.indicators)}, commitments={len(doc.commitments)}, problems={len(doc.problems)}, "
            f"targets={len(doc.targets)}, warnings={len(doc.warnings)})"
        )
    s = doc.summary
    return (
        f"ReportDiff({doc.old.entity!r} {doc.old.year} → {doc.new.year}: indicators {len(doc.indicators)}, "
        f"commitments {len(doc.commitments)} ({s.commitments_fulfilled} fulfilled), problems {len(doc.problems)}, "
        f"targets {len(doc.targets)} ({s.targets_met} met))"
    )
