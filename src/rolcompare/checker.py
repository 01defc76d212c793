"""``rolcompare check``: a CI gate for new reports (rules, configuration, output formats).

Rule ids are a contract (docs/check.md). Each finding has a rule, a severity, a file, a
line and one sentence. Configuration lives in ``[tool.rolcompare]`` of pyproject.toml or
in rolcompare.toml; unknown keys are an error.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rolcompare.errors import ConfigError, InputError, UsageError
from rolcompare.pipeline.meta import year_from_file_name
from rolcompare.schema import Finding, Report, ReportDiff, Severity
from rolcompare.sources.files import DEFAULT_MAX_BYTES, REPORT_SUFFIXES, collect_files

RULES: dict[str, tuple[Severity, str]] = {
    "missing-part": ("error", "one of the regulation's required parts is absent"),
    "no-year": ("error", "the year the report covers is not found"),
    "no-entity": ("error", "the government or department is not found"),
    "year-mismatch": ("error", "the file name's year differs from the year in the text"),
    "duplicate-report": ("error", "the same entity and year appear twice"),
    "damaged-text": ("warning", "text damaged beyond repair"),
    "empty-plans": ("warning", "a plans part with no commitment"),
    "problem-without-plan": ("warning", "a problem no plan answers"),
    "unaddressed-plan": ("warning", "last year's plan has no evidence in this report"),
    "indicator-worse": ("info", "an indicator moved in the wrong direction since last year"),
    "unparseable": ("error", "the file cannot be read as a report"),
}

CONFIG_KEYS = {"severity", "disable", "ignore", "thresholds"}
THRESHOLD_KEYS = {"damaged_text_max": None}


@dataclass
class CheckConfig:
    severity: dict[str, str] = field(default_factory=dict)
    disable: set[str] = field(default_factory=set)
    ignore: list[str] = field(default_factory=list)
    damaged_text_max: int | None = None  # above this many damaged spans, damaged-text is an error
    source: str | None = None


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
    return CheckConfig(
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


def check(
    paths: Sequence[str | Path] | str | Path, config: CheckConfig | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[Finding]:
    """Check report files and directories; returns the findings, sorted by file and line.

    Steps:
      1. collect report files (directories searched, ignored globs dropped);
      2. parse each; an unreadable file is an ``unparseable`` finding;
      3. per-report rules from the parse (parts, year, entity, damaged text, plans);
      4. corpus rules: duplicates; last year's report of the same entity → unaddressed
         plans and worse indicators;
      5. apply the configuration: rules off, severities.
    """
    from rolcompare.pipeline.run import read

    cfg = config or CheckConfig()
    items = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    findings: list[Finding] = []
    reports: dict[Path, Report] = {}
    files = collect_files(items, cfg.ignore)
    if not files:
        raise UsageError(f"{', '.join(map(str, items))}: no report files to check (txt, md, html, docx, pdf).")
    for f in files:
        try:
            reports[f] = read(f, max_bytes=max_bytes)
        except (InputError, ConfigError) as exc:  # one bad file (bad front matter too) is one finding
            findings.append(finding("unparseable", f, str(exc)))
            continue
        findings += report_findings(f, reports[f], cfg)
    findings += corpus_findings(reports)
    return _configure(findings, cfg)


def finding(rule: str, path: Path, message: str, line: int | None = None) -> Finding:
    """A finding of ``rule`` at its default severity (configuration may change it later)."""
    return Finding(rule=rule, severity=RULES[rule][0], file=str(path), line=line, message=message)


def report_findings(path: Path, report: Report, cfg: CheckConfig) -> list[Finding]:
    """Findings about one report on its own."""
    out = [finding(w.code, path, w.message, w.line) for w in report.warnings if w.code in RULES]
    damaged = sum(w.code == "damaged-text" for w in report.warnings)
    if cfg.damaged_text_max is not None and damaged > cfg.damaged_text_max:
        out = [f.model_copy(update={"severity": "error"}) if f.rule == "damaged-text" else f for f in out]
    named_year = year_from_file_name(path)
    if named_year and report.meta.year and named_year != report.meta.year:
        out.append(
            finding("year-mismatch", path, f"the file is named {named_year} but the report covers {report.meta.year}")
        )
    plan_parts = [s for s in report.sections if s.level == 1 and "plans" in s.kinds]
    if plan_parts and not any(c.ordinal is not None for c in report.commitments):
        out.append(
            finding(
                "empty-plans", path, f"the plans part “{plan_parts[0].title}” lists no commitment", plan_parts[0].line
            )
        )
    return out


def corpus_findings(reports: dict[Path, Report]) -> list[Finding]:
    """Findings that need more than one report: duplicates and last year's follow-up."""
    from rolcompare.diff import compare

    out: list[Finding] = []
    by_key: dict[tuple[str, int], Path] = {}
    for path, report in reports.items():
        entity, year = report.meta.entity, report.meta.year
        if not entity or not year:
            continue
        if (entity, year) in by_key:
            out.append(finding("duplicate-report", path, f"{entity} {year} is also in {by_key[(entity, year)]}"))
            continue
        by_key[(entity, year)] = path
    for (entity, year), path in by_key.items():
        previous = by_key.get((entity, year - 1)) or _previous_beside(path, year)
        if previous is None or previous == path:
            continue
        prev_report = reports.get(previous) or _try_read(previous)
        if prev_report is not None and (prev_report.meta.entity, prev_report.meta.year) == (entity, year - 1):
            out += follow_up_findings(compare(prev_report, reports[path]), path, previous)
    return out


def follow_up_findings(diff: ReportDiff, path: Path, previous: Path) -> list[Finding]:
    """``unaddressed-plan`` and ``indicator-worse`` findings of a report against last year's."""
    year = diff.old.year
    plans = [
        finding(
            "unaddressed-plan",
            path,
            f"{year} plan “{f.commitment.text[:40]}” ({previous}:{f.commitment.line}) has no evidence in this report",
        )
        for f in diff.commitments
        if f.status == "not_found"
    ]
    worse = [
        finding(
            "indicator-worse",
            path,
            f"{c.label_new or c.concept}: {c.old:g} → {c.new:g}{c.unit} ({c.concept or 'no concept'})",
            c.line_new,
        )
        for c in diff.indicators
        if c.direction == "worse"
    ]
    return plans + worse


def _previous_beside(path: Path, year: int) -> Path | None:
    for candidate in sorted(path.parent.glob(f"{year - 1}.*")):
        if candidate.suffix.lower() in REPORT_SUFFIXES:
            return candidate
    return None


def _try_read(path: Path) -> Report | None:
    from rolcompare.pipeline.run import read

    try:
        return read(path)
    except InputError:
        return None


def _configure(findings: list[Finding], cfg: CheckConfig) -> list[Finding]:
    out = []
    for f in findings:
        if f.rule in cfg.disable:
            continue
        if f.rule in cfg.severity:
            f = f.model_copy(update={"severity": cfg.severity[f.rule]})
        out.append(f)
    return sorted(out, key=lambda f: (f.file, f.line or 0, f.rule))


def exit_code(findings: list[Finding], strict: bool = False) -> int:
    """1 when a finding is at error level (or warning level with ``strict``), else 0."""
    failing = {"error", "warning"} if strict else {"error"}
    return 1 if any(f.severity in failing for f in findings) else 0


# ---------------------------------------------------------------- compare's --fail-on gate
FAIL_RULES = {
    "not-found": "a plan of the old report has no evidence in the new one",
    "partial": "a plan of the old report is only partly carried out",
    "repeated": "a plan of the old report is promised again",
    "worse": "an indicator moved in the wrong direction",
    "removed": "an indicator of the old report is missing from the new one",
    "persists": "a problem of the old report is listed again",
    "section-removed": "a part or section of the old report is missing",
}


def fired_rules(diff: ReportDiff, rules: list[str]) -> list[str]:
    """The rules (of ``FAIL_RULES``) that fire on ``diff``, each with a one-line reason."""
    validate_rules(rules)
    s = diff.summary
    counts = {
        "not-found": s.commitments_not_found,
        "partial": s.commitments_partial,
        "repeated": s.commitments_repeated,
        "worse": s.worse,
        "removed": s.indicators_removed,
        "persists": s.problems_persisting,
        "section-removed": s.sections_removed,
    }
    return [f"{rule}: {counts[rule]} × {FAIL_RULES[rule]}" for rule in rules if counts[rule]]


def validate_rules(rules: list[str]) -> None:
    """Raise a UsageError naming any rule not in ``FAIL_RULES``."""
    unknown = [r for r in rules if r not in FAIL_RULES]
    if unknown:
        raise UsageError(
            f"unknown compare rule {', '.join(unknown)}; choose from {', '.join(sorted(FAIL_RULES))}.",
            parameter="fail_on",
        )


def pairing_cautions(diff: ReportDiff) -> list[str]:
    """Reasons to doubt that the two reports are last year's and this year's of one government."""
    old, new = diff.old, diff.new
    out = []
    if old.entity and new.entity and old.entity != new.entity:
        out.append(f"the reports are of different governments ({old.entity} / {new.entity}).")
    if old.year and new.year and new.year <= old.year:
        out.append(f"the new report covers {new.year}, not a year after the old one's {old.year}; swap them?")
    elif old.year and new.year and new.year > old.year + 1:
        out.append(f"the reports are {new.year - old.year} years apart; plans are checked against a later year.")
    return out
