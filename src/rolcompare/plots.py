"""Trend charts for ``rolcompare panel --plot``: one chart per concept, one line per entity."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

_CJK_FONT_HINTS = (
    "Noto Sans CJK",
    "Noto Serif CJK",
    "Source Han",
    "WenQuanYi",
    "SimHei",
    "Microsoft YaHei",
    "PingFang",
    "Heiti",
    "Droid Sans Fallback",
    "AR PL",
)


def find_cjk_font() -> str | None:
    """The family name of an installed font with Chinese glyphs (matplotlib's font manager)."""
    from matplotlib import font_manager

    for font in font_manager.fontManager.ttflist:
        if any(hint.lower() in font.name.lower() for hint in _CJK_FONT_HINTS):
            return font.name
    return None


def plot_trends(frame: pd.DataFrame, folder: Path) -> str | None:
    """Write ``<concept>.png`` and ``.svg`` per concept; returns a notice when no CJK font exists."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.ticker import MaxNLocator
    except ImportError:
        from rolcompare.errors import UsageError

        raise UsageError("--plot needs matplotlib: pip install 'rolcompare[plot]'.") from None
    from rolcompare.concepts import concept_by_id

    folder.mkdir(parents=True, exist_ok=True)
    font = find_cjk_font()
    if font:
        plt.rcParams["font.family"] = [font, "DejaVu Sans"]
    data = frame.dropna(subset=["concept", "year"])
    for (concept, unit), group in data.groupby(["concept", "unit"]):
        title = concept
        info = concept_by_id(concept)
        if font and info:
            title = f"{info.title} ({concept})"
        fig, ax = plt.subplots(figsize=(7, 4))
        for entity, rows in group.groupby("entity"):
            series = rows.groupby("year")["value"].sum().sort_index()
            ax.plot(series.index.astype(int), series.values, marker="o", label=str(entity) if font else _ascii(entity))
        ax.set_title(title)
        ax.set_xlabel("year")
        ax.set_ylabel(unit if font else _ascii(unit))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(fontsize=8)
        fig.tight_layout()
        stem = re.sub(r"[^\w.-]", "_", f"{concept}-{unit}" if len(group["unit"].unique()) else concept)
        for ext in ("png", "svg"):
            fig.savefig(folder / f"{stem}.{ext}")
        plt.close(fig)
    if font is None:
        return "no CJK font found; chart labels use concept ids (install e.g. fonts-noto-cjk for Chinese labels)."
    return None


def _ascii(text: object) -> str:
    value = str(text)
    return value if value.isascii() else f"entity-{abs(hash(value)) % 10_000}"
