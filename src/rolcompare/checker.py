"""``rolcompare check``: a CI gate for new reports (rules, configuration, output formats).

Rule ids are a contract (docs/check.md). Each finding has a rule, a severity, a file, a
line and one sentence. Configuration lives in ``[tool.rolcompare]`` of pyproject.toml or
in rolcompare.toml; unknown keys are an error.
"""

from __future__ import annotations

import fnmatch
import json
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from rolcompare.errors import ConfigError, InputError, UsageError
from rolcompare.files import REPORT_SUFFIXES
from rolcompare.schema import Finding, Report, ReportDiff, Severity

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


def collect_files(paths: list[Path], ignore: list[str]) -> list[Path]:
    """Report files under ``paths`` (files as given; directories searched), minus ignored globs."""
    files: list[Path] = []
    for p in paths:
        if not p.exists():
            raise UsageError(f"{p}: no such file or directory.")
        if p.is_dir():
            files += sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in REPORT_SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
                and not f.name.upper().startswith(("README", "SOURCES"))
            )
        else:
            files.append(p)
    seen: set[Path] = set()
    unique = []
    for f in files:  # the same file under two spellings (reports/a.txt, ./reports/a.txt) is one file
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return [
        f for f in unique if not any(fnmatch.fnmatch(str(f), pat) or fnmatch.fnmatch(f.name, pat) for pat in ignore)
    ]


def check(
    paths: Sequence[str | Path] | str | Path, config: CheckConfig | None = None, max_bytes: int = 20 * 1024 * 1024
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
    from rolcompare.pipeline import read

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
    named_year = _year_from_name(path)
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
    from rolcompare.pipeline import read

    try:
        return read(path)
    except InputError:
        return None


def _year_from_name(path: Path) -> int | None:
    m = re.fullmatch(r"((?:19|20)\d{2})", path.stem)
    return int(m.group(1)) if m else None


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


# ---------------------------------------------------------------- output formats
def render_findings(findings: list[Finding], fmt: str, color: bool = False) -> str:
    if fmt == "github":
        return "".join(github_line(f) + "\n" for f in findings)
    if fmt == "junit":
        return junit_xml(findings)
    if fmt == "json":
        return json.dumps([f.model_dump() for f in findings], ensure_ascii=False, indent=2) + "\n"
    return text_report(findings, color)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_line(f: Finding) -> str:
    """A GitHub Actions workflow command: ``::error file=…,line=…,title=…::message``."""
    command = {"error": "error", "warning": "warning", "info": "notice"}[f.severity]
    props = [f"file={_escape_property(f.file)}"]
    if f.line:
        props.append(f"line={f.line}")
    props.append(f"title={_escape_property('rolcompare ' + f.rule)}")
    return f"::{command} {','.join(props)}::{_escape_data(f.message)}"


_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def junit_xml(findings: list[Finding], files: list[str] | None = None) -> str:
    """JUnit XML: one testcase per file; error-level findings are failures. Characters XML 1.0
    cannot hold (control characters from a file name or a report) are left out, so the file parses."""
    return _NOT_IN_XML.sub("", _junit_xml(findings, files))


def _junit_xml(findings: list[Finding], files: list[str] | None = None) -> str:
    names = sorted({f.file for f in findings} | set(files or []))
    failures = sum(any(f.severity == "error" for f in findings if f.file == n) for n in names)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites><testsuite name="rolcompare check" tests="{len(names)}" failures="{failures}" errors="0">',
    ]
    for name in names:
        mine = [f for f in findings if f.file == name]
        parts.append(f'<testcase classname="rolcompare.check" name={quoteattr(name)}>')
        for f in mine:
            if f.severity == "error":
                parts.append(
                    f"<failure type={quoteattr(f.rule)} message={quoteattr(f.message)}>"
                    f"{escape(f'{name}:{f.line or 0}: {f.rule}: {f.message}')}</failure>"
                )
        others = [f for f in mine if f.severity != "error"]
        if others:
            parts.append(
                "<system-out>"
                + escape("\n".join(f"{f.severity} {f.rule} L{f.line or '-'}: {f.message}" for f in others))
                + "</system-out>"
            )
        parts.append("</testcase>")
    parts.append("</testsuite></testsuites>")
    return "\n".join(parts) + "\n"


def text_report(findings: list[Finding], color: bool = False) -> str:
    """Findings grouped per file, with a closing count line."""
    if not findings:
        return "rolcompare check: no findings.\n"
    colors = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"} if color else {}
    reset = "\033[0m" if color else ""
    lines: list[str] = []
    for name in dict.fromkeys(f.file for f in findings):
        lines.append(name)
        for f in (x for x in findings if x.file == name):
            where = f"L{f.line}" if f.line else "  -"
            lines.append(f"  {where:>5} {colors.get(f.severity, '')}{f.severity:<7}{reset} {f.rule}: {f.message}")
    counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}
    lines.append(f"rolcompare check: {counts['error']} errors, {counts['warning']} warnings, {counts['info']} notes.")
    return "\n".join(lines) + "\n"
