"""Trend charts for ``rolcompare panel --plot``: one chart per concept, one line per entity."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

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


_CJK_FILE_HINTS = (
    "cjk",
    "noto",
    "wqy",
    "wenquanyi",
    "sourcehan",
    "source-han",
    "simhei",
    "msyh",
    "pingfang",
    "droidsansfallback",
    "uming",
    "ukai",
)


def find_cjk_font() -> str | None:
    """The family name of an installed font with Chinese glyphs (matplotlib's font manager).

    matplotlib lists fonts from a cache made when it first ran: a font installed after that (the
    hint our notice gives) is found by looking at the system's font files and adding it."""
    from matplotlib import font_manager

    if (name := _cjk_in(font_manager.fontManager.ttflist)) is not None:
        return name
    for path in font_manager.findSystemFonts():
        if any(hint in Path(path).name.lower() for hint in _CJK_FILE_HINTS):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):  # (an unreadable font file: skipped)
                continue
    return _cjk_in(font_manager.fontManager.ttflist)


def _cjk_in(fonts: list) -> str | None:
    for font in fonts:
        if any(hint.lower() in font.name.lower() for hint in _CJK_FONT_HINTS):
            return font.name
    return None


def year_axis(ax, years: list[int]) -> None:
    """Whole years on the x axis, at the years there are data for; one year gets a year either side."""
    years = sorted(set(years))
    if len(years) <= 12:
        ax.set_xticks(years)
    if len(years) == 1:
        ax.set_xlim(years[0] - 1, years[0] + 1)
    ax.ticklabel_format(axis="x", useOffset=False, style="plain")


def _pyplot() -> Any:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        from rolcompare.errors import UsageError

        raise UsageError("trend plots need matplotlib: pip install 'rolcompare[plot]'.", parameter="plot") from None
    return plt


def plot_trends(frame: pd.DataFrame, folder: Path, targets: pd.DataFrame | None = None) -> str | None:
    """Write ``<concept>.png`` and ``.svg`` per concept, and ``<concept>-targets.*`` per concept
    with targets (``targets``: the panel's targets table); returns a notice when no CJK font exists."""
    plt = _pyplot()
    from matplotlib.ticker import MaxNLocator

    from rolcompare.lexicon.concepts import concept_by_id

    folder.mkdir(parents=True, exist_ok=True)
    font = find_cjk_font()
    if font:
        plt.rcParams["font.family"] = [font, "DejaVu Sans"]
    data = frame.dropna(subset=["concept", "year"]).copy()
    data["scope"] = data["scope"].fillna("")
    data["slug"] = [Path(str(source)).parent.name or str(source) for source in data["source"]]
    for (concept, unit), group in data.groupby(["concept", "unit"]):
        info = concept_by_id(concept)
        fig, ax = plt.subplots(figsize=(7, 4))
        # one line per entity and scope; a year with several values of it shows the first
        scopes = {scope: n for n, scope in enumerate(sorted(group["scope"].unique()), start=1)}
        for (entity, slug, scope), rows in group.groupby(["entity_id", "slug", "scope"]):
            series = rows.groupby("year")["value"].first().sort_index()
            ascii_scope = _ascii(scope) or (f"scope {scopes[scope]}" if len(scopes) > 1 else "")
            name = f"{entity} {scope}".strip() if font else f"{slug} {ascii_scope}".strip()
            line = ax.plot(series.index.astype(int), series.to_numpy(), marker="o", label=name)[0]
            made_up = rows[rows["provenance"] == "constructed"].groupby("year")["value"].first()
            if len(made_up):  # constructed example reports say so: hollow red-edged markers
                ax.plot(
                    made_up.index.astype(int),
                    made_up.to_numpy(),
                    linestyle="none",
                    marker="o",
                    markersize=10,
                    markerfacecolor="white",
                    markeredgecolor="red",
                    zorder=3,
                )
                line.set_label(f"{name} (○ constructed example)")
        ax.set_title(f"{info.title} ({concept})" if font and info else concept)
        ax.set_xlabel("year")
        ax.set_ylabel(unit if font else _ascii(unit) or "value")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        year_axis(ax, [int(y) for y in group["year"]])
        if group["kind"].iloc[0] == "rank":
            ax.invert_yaxis()  # rank 1 on top: up is better
        ax.legend(fontsize=8)
        fig.tight_layout()
        stem = re.sub(r"[^\w.-]", "_", f"{concept}-{unit}" if unit else str(concept))
        for ext in ("png", "svg"):
            fig.savefig(folder / f"{stem}.{ext}")
        plt.close(fig)
    if targets is not None and len(targets):
        plot_targets(targets, folder, font)
    if font is None:
        return "no CJK font found; chart labels use concept ids (install e.g. fonts-noto-cjk for Chinese labels)."
    return None


def plot_targets(targets: pd.DataFrame, folder: Path, font: str | None) -> None:
    """Per concept: each entity's target by target year (× at the value; a range as a bar) and
    the outcome next year's report gives (●), so a missed target shows as a dot below its ×."""
    plt = _pyplot()
    data = targets.dropna(subset=["concept", "target_year", "value"]).copy()
    data["slug"] = [Path(str(source)).parent.name or str(source) for source in data["source"]]
    for (concept, unit), group in data.groupby(["concept", "unit"]):
        fig, ax = plt.subplots(figsize=(7, 4))
        for (entity, slug), rows in group.groupby(["entity_id", "slug"]):
            years = rows["target_year"].astype(int).to_numpy()
            low = (rows["value"] - rows["low"].fillna(rows["value"])).to_numpy()
            high = (rows["high"].fillna(rows["value"]) - rows["value"]).to_numpy()
            name = str(entity) if font else (_ascii(entity) or str(slug))
            bars = ax.errorbar(
                years, rows["value"].to_numpy(), yerr=[low, high], fmt="x", capsize=4, label=f"{name} target"
            )
            done = rows.dropna(subset=["outcome"])
            if len(done):
                ax.plot(
                    done["target_year"].astype(int).to_numpy(),
                    done["outcome"].to_numpy(),
                    "o",
                    color=bars[0].get_color(),
                    label=f"{name} outcome",
                )
        ax.set_title(f"{concept}: target (×) and outcome (●)")
        ax.set_xlabel("year")
        ax.set_ylabel(unit if font else _ascii(unit) or "value")
        year_axis(ax, [int(y) for y in group["target_year"]])
        ax.legend(fontsize=8)
        fig.tight_layout()
        stem = re.sub(r"[^\w.-]", "_", f"{concept}-targets")
        for ext in ("png", "svg"):
            fig.savefig(folder / f"{stem}.{ext}")
        plt.close(fig)


def _ascii(text: object) -> str:
    """Text a font without CJK glyphs can show: ASCII as is, else nothing (the slug names the line)."""
    value = str(text)
    return value if value.isascii() else ""
