"""The indicator concept taxonomy (``data/taxonomy.toml``) and matching labels against it."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rolcompare.schema import Direction


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    title: str
    direction: str  # higher | lower | neutral
    patterns: tuple[re.Pattern[str], ...]
    units: frozenset[str]
    kinds: frozenset[str]


@lru_cache(maxsize=1)
def taxonomy() -> tuple[Concept, ...]:
    """All concepts, in file order."""
    raw = tomllib.loads(resources.files("rolcompare").joinpath("data/taxonomy.toml").read_text("utf-8"))
    return tuple(
        Concept(
            id=c["id"],
            title=c.get("title", c["id"]),
            direction=c.get("direction", "neutral"),
            patterns=tuple(re.compile(p) for p in c["patterns"]),
            units=frozenset(c.get("units", ())),
            kinds=frozenset(c.get("kinds", ())),
        )
        for c in raw["concept"]
    )


@lru_cache(maxsize=4096)
def match_concept(label: str, unit: str, kind: str) -> str | None:
    """The concept whose pattern matches the longest span of ``label`` (None if none).

    Steps: 1. the patterns of the concepts that admit this unit and kind; 2. one search with
    all of them joined, so a label no concept names costs one regex call; 3. each pattern,
    the longest (then earliest) match winning, ties to the concept first in the file.
    """
    label = label.replace("“", "").replace("”", "")
    any_pattern, patterns = _patterns_for(unit, kind)
    if any_pattern is None or not any_pattern.search(label):
        return None
    best: tuple[int, int, str] | None = None  # (length, -start, id)
    for concept_id, pattern in patterns:
        m = pattern.search(label)
        if m and (best is None or (m.end() - m.start(), -m.start()) > best[:2]):
            best = (m.end() - m.start(), -m.start(), concept_id)
    return best[2] if best else None


@lru_cache(maxsize=256)
def _patterns_for(unit: str, kind: str) -> tuple[re.Pattern[str] | None, tuple[tuple[str, re.Pattern[str]], ...]]:
    """(all patterns joined, [(concept id, pattern)]) of the concepts that admit ``unit`` and ``kind``."""
    patterns = tuple(
        (concept.id, pattern)
        for concept in taxonomy()
        if (not concept.units or unit in concept.units)
        and (kind in concept.kinds if concept.kinds else kind not in ("percent", "rank"))
        for pattern in concept.patterns
    )
    joined = "|".join(f"(?:{p.pattern})" for _, p in patterns)
    return (re.compile(joined) if patterns else None), patterns


def concept_by_id(concept_id: str | None) -> Concept | None:
    return next((c for c in taxonomy() if c.id == concept_id), None)


def judge_direction(concept_id: str | None, kind: str, delta: float | None) -> Direction | None:
    """better/worse/neutral for a change of ``delta`` in a concept (ranks: lower is better)."""
    if delta is None:
        return None
    concept = concept_by_id(concept_id)
    preference = concept.direction if concept else ("lower" if kind == "rank" else "neutral")
    if delta == 0 or preference == "neutral":
        return "neutral"
    return "better" if (delta > 0) == (preference == "higher") else "worse"


def concepts_markdown() -> str:
    """docs/concepts.md: the taxonomy as a table (generated; a test keeps the copy current)."""
    lines = [
        "# Indicator concepts",
        "",
        "Generated from `src/rolcompare/data/taxonomy.toml` by `rolcompare.concepts.concepts_markdown()`;",
        "`tests/test_extract.py` keeps this copy current. Concept ids are a contract: researchers key on them.",
        "Direction says which way is better (`lower` for ranks and lost cases); patterns are matched",
        "against the indicator's label after normalization, the longest (then earliest) match wins.",
        "",
        "| concept | 名称 | direction | units / kinds | patterns |",
        "|---|---|---|---|---|",
    ]
    for c in taxonomy():
        constraint = " ".join(sorted(c.units)) or " ".join(sorted(c.kinds)) or "any"
        patterns = " · ".join(f"`{p.pattern}`" for p in c.patterns).replace("|", "\\|")
        lines.append(f"| `{c.id}` | {c.title} | {c.direction} | {constraint} | {patterns} |")
    return "\n".join(lines) + "\n"
