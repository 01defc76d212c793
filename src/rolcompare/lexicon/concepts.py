"""The indicator concept taxonomy (``data/taxonomy.toml``) and matching labels against it."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Final

from rolcompare.schema import Direction


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    title: str
    direction: str  # higher | lower | neutral
    patterns: tuple[re.Pattern[str], ...]
    units: frozenset[str]
    kinds: frozenset[str]
    target: str | None = None  # "ceiling": a target of "about X" is met at or below X
    anchors: tuple[re.Pattern[str], ...] = ()  # where an outcome is searched in a review


@lru_cache(maxsize=1)
def taxonomy() -> tuple[Concept, ...]:
    """All concepts, in file order."""
    raw = tomllib.loads(resources.files("rolcompare.lexicon").joinpath("data/taxonomy.toml").read_text("utf-8"))
    return tuple(
        Concept(
            id=c["id"],
            title=c.get("title", c["id"]),
            direction=c.get("direction", "neutral"),
            patterns=tuple(re.compile(p) for p in c["patterns"]),
            units=frozenset(c.get("units", ())),
            kinds=frozenset(c.get("kinds", ())),
            target=c.get("target"),
            anchors=tuple(re.compile(p) for p in c.get("anchors", ())),
        )
        for c in raw["concept"]
    )


@lru_cache(maxsize=4096)
def match_concept(label: str, unit: str, kind: str) -> str | None:
    """The concept whose pattern matches the longest span of ``label`` (None if none).

    Steps: 1. the patterns of the concepts that admit this unit and kind; 2. of those, the ones
    whose required word the label holds, found by the word's first character (a label no
    concept names costs no regex call); 3. each of these, the longest (then earliest) match
    winning, ties to the concept first in the file.
    """
    label = label.replace("“", "").replace("”", "")
    table = _patterns_for(unit, kind)
    firsts = table.firsts.intersection(label)
    if not firsts and not table.always:
        return None
    found = [entry for ch in firsts for entry in table.by_first[ch] if entry[3] in label]
    best: tuple[int, int, str] | None = None  # (length, -start, id)
    for _, concept_id, pattern, _ in sorted([*table.always, *found]):
        m = pattern.search(label)
        if m and (best is None or (m.end() - m.start(), -m.start()) > best[:2]):
            best = (m.end() - m.start(), -m.start(), concept_id)
    return best[2] if best else None


_Entry = tuple[int, str, re.Pattern[str], str]  # (file order, concept id, pattern, a word every match holds)


@dataclass(frozen=True, slots=True)
class _PatternTable:
    by_first: dict[str, list[_Entry]]  # by the first character of the required word
    firsts: frozenset[str]  # the keys of by_first
    always: list[_Entry]  # patterns with no required word


@lru_cache(maxsize=256)
def _patterns_for(unit: str, kind: str) -> _PatternTable:
    """The patterns of the concepts that admit ``unit`` and ``kind``, indexed for ``match_concept``."""
    entries = [
        (order, concept.id, pattern, _required_word(pattern.pattern))
        for order, (concept, pattern) in enumerate(
            (concept, pattern)
            for concept in taxonomy()
            if (not concept.units or unit in concept.units)
            and (kind in concept.kinds if concept.kinds else kind not in ("percent", "rank"))
            for pattern in concept.patterns
        )
    ]
    by_first: dict[str, list[_Entry]] = {}
    for entry in entries:
        if entry[3]:
            by_first.setdefault(entry[3][0], []).append(entry)
    return _PatternTable(by_first, frozenset(by_first), [e for e in entries if not e[3]])


def _required_word(pattern: str) -> str:
    """The longest run of literal characters at the top level of ``pattern`` ('' if none):
    every match holds it (``受理.{0,6}(?:行政)?复议(?:案件|申请)`` → ``受理``).

    Reads the pattern with the standard library's private regex parser (``re._parser``, Python
    3.11-3.13). Without it every pattern has no required word: matching is then the same, only
    slower (each pattern is tried on every label).
    """
    try:
        from re import _parser  # type: ignore[attr-defined]
    except ImportError:  # a Python whose re has no _parser (tests/pipeline/test_indicators.py simulates one)
        return ""
    runs, run = [""], ""
    for op, arg in _parser.parse(pattern):
        run = run + chr(arg) if op is _parser.LITERAL else ""
        runs.append(run)
    return max(runs, key=len)


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


_DIRECTION_ZH: Final = {"higher": "越高越好", "lower": "越低越好", "neutral": "无好坏"}


def concepts_markdown() -> str:
    """docs/concepts.md: the taxonomy as a table (generated; a test keeps the copy current)."""
    lines = [
        "# Indicator concepts 指标概念",
        "",
        "Generated from `src/rolcompare/lexicon/data/taxonomy.toml` by `rolcompare.lexicon.concepts.concepts_markdown()`;",
        "`tests/pipeline/test_indicators.py` keeps this copy current. Concept ids are a contract: researchers key on them.",
        "Direction says which way is better (`lower` for ranks and lost cases); patterns are matched",
        "against the indicator's label after normalization, the longest (then earliest) match wins.",
        "",
        "本表由 `taxonomy.toml` 生成，测试保证与代码一致。概念编号是对外约定，研究者据此合并数据。“方向”表示",
        "哪个方向更好（排名、败诉数为越低越好）；匹配式作用于规范化后的指标名称，取最长（其次最早）的匹配。",
        "",
        "| 概念 concept | 名称 title | 方向 direction | 单位或类型 units / kinds | 匹配式 patterns |",
        "|---|---|---|---|---|",
    ]
    for c in taxonomy():
        constraint = " ".join(sorted(c.units)) or " ".join(sorted(c.kinds)) or "any 不限"
        patterns = " · ".join(f"`{p.pattern}`" for p in c.patterns).replace("|", "\\|")
        lines.append(
            f"| `{c.id}` | {c.title} | {c.direction} {_DIRECTION_ZH[c.direction]} | {constraint} | {patterns} |"
        )
    return "\n".join(lines) + "\n"
