"""check's configuration: ``[tool.rolcompare]`` in pyproject.toml, or rolcompare.toml.

Unknown keys, rules and values are a ConfigError (exit 2): a typo must not switch a rule off.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rolcompare.checker.rules import RULES
from rolcompare.errors import ConfigError, UsageError

CONFIG_KEYS = {"severity", "disable", "select", "ignore", "per-file-ignores", "baseline", "thresholds"}
THRESHOLD_KEYS = {"damaged_text_max": None}


@dataclass
class CheckConfig:
    severity: dict[str, str] = field(default_factory=dict)
    disable: set[str] = field(default_factory=set)
    ignore: list[str] = field(default_factory=list)
    damaged_text_max: int | None = None  # above this many damaged spans, damaged-text is an error
    source: str | None = None
    select: set[str] | None = None  # only these rules (None: all)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)  # file glob → rules off there
    baseline: str | None = None  # a baseline file: its findings are not reported again


def load_config(path: Path | None, start: Path | None = None) -> CheckConfig:
    """Read ``path`` (rolcompare.toml or pyproject.toml), else search upward from ``start``."""
    if path is None:
        path = _find_config(start or Path.cwd())
        if path is None:
            return CheckConfig()
    if not path.is_file():
        raise UsageError(f"{path}: no such configuration file.")
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}).") from None
    section = data.get("tool", {}).get("rolcompare", {}) if path.name == "pyproject.toml" else data
    return parse_config(section, str(path))


def _find_config(start: Path) -> Path | None:
    here = (start if start.is_dir() else start.parent).resolve()
    for folder in (here, *here.parents):
        if (folder / "rolcompare.toml").is_file():
            return folder / "rolcompare.toml"
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "[tool.rolcompare" in pyproject.read_text("utf-8", "replace"):
            return pyproject
    return None


def parse_config(section: dict[str, Any], source: str = "<config>") -> CheckConfig:
    """Validate a ``[tool.rolcompare]`` table; unknown keys and values are a ConfigError."""
    unknown = sorted(set(section) - CONFIG_KEYS)
    if unknown:
        raise ConfigError(
            f"{source}: unknown key {', '.join(unknown)} in [tool.rolcompare]; allowed: {', '.join(sorted(CONFIG_KEYS))}."
        )
    _expect(section, "severity", dict, "a table of rule = level", source)
    _expect(section, "disable", list, "a list of rule ids", source)
    _expect(section, "ignore", list, "a list of file globs", source)
    _expect(section, "thresholds", dict, "a table of thresholds", source)
    if not all(isinstance(g, str) for g in section.get("ignore", [])):
        raise ConfigError(f'{source}: ignore must be a list of file globs (strings), like ignore = ["drafts/*"].')
    severity = section.get("severity", {})
    for rule, level in severity.items():
        _known_rule(rule, source)
        if level not in ("error", "warning", "info", "off"):
            raise ConfigError(f"{source}: severity of {rule} must be error, warning, info or off, not {level!r}.")
    disable = set(section.get("disable", []))
    for rule in disable:
        _known_rule(rule, source)
    thresholds = section.get("thresholds", {})
    bad = sorted(set(thresholds) - set(THRESHOLD_KEYS))
    if bad:
        raise ConfigError(f"{source}: unknown threshold {', '.join(bad)}; allowed: {', '.join(THRESHOLD_KEYS)}.")
    limit = thresholds.get("damaged_text_max")
    if limit is not None and (not isinstance(limit, int) or limit < 0):
        raise ConfigError(f"{source}: thresholds.damaged_text_max must be a whole number ≥ 0.")
    select = section.get("select")
    per_file = section.get("per-file-ignores", {})
    _expect(section, "select", list, "a list of rule ids", source)
    _expect(section, "per-file-ignores", dict, 'a table of "file glob" = [rule ids]', source)
    _expect(section, "baseline", str, "the path of a baseline file", source)
    for rule in select or []:
        _known_rule(rule, source)
    for glob, rules in per_file.items():
        if not isinstance(rules, list):
            raise ConfigError(f'{source}: per-file-ignores."{glob}" must be a list of rule ids, not {rules!r}.')
        for rule in rules:
            _known_rule(rule, source)
    return CheckConfig(
        select=set(select) if select is not None else None,
        per_file_ignores={str(g): list(r) for g, r in per_file.items()},
        baseline=section.get("baseline"),
        severity=dict(severity),
        disable=disable | {r for r, lv in severity.items() if lv == "off"},
        ignore=list(section.get("ignore", [])),
        damaged_text_max=limit,
        source=source,
    )


def _expect(section: dict[str, Any], key: str, kind: type, what: str, source: str) -> None:
    if key in section and not isinstance(section[key], kind):
        raise ConfigError(f"{source}: {key} in [tool.rolcompare] must be {what}, not {section[key]!r}.")


def _known_rule(rule: str, source: str) -> None:
    if not isinstance(rule, str):
        raise ConfigError(f"{source}: rule ids are strings, not {rule!r}; rules are {', '.join(RULES)}.")
    if rule not in RULES:
        raise ConfigError(f"{source}: unknown rule {rule!r}; rules are {', '.join(RULES)}.")
