"""``check``: report files → findings (per report, across the corpus, configured).

Rule ids are a contract (docs/check.md, ``checker.rules``). Each finding has a rule, a severity,
a file, a line and one sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rolcompare.checker.config import CheckConfig
from rolcompare.checker.consistency import consistency_findings, yoy_findings
from rolcompare.checker.rules import RULES
from rolcompare.errors import ConfigError, InputError, UsageError
from rolcompare.pipeline.identify import entity_key, settle
from rolcompare.pipeline.meta import year_from_file_name
from rolcompare.render.terminal import with_progress
from rolcompare.schema import Finding, Report, ReportDiff
from rolcompare.sources.files import DEFAULT_MAX_BYTES, REPORT_SUFFIXES, collect_files


def check(
    paths: Sequence[str | Path] | str | Path,
    config: CheckConfig | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    previous: str | Path | None = None,
    progress: bool = False,
) -> list[Finding]:
    """Check report files and directories; returns the findings, sorted by file and line.
    ``progress``: a progress bar on a terminal's stderr while the files are read.

    ``previous``: last year's report, for reports whose own last year is not in the corpus (nor
    beside them as ``<year-1>.*``).

    Steps:
      1. collect report files (directories searched, ignored globs dropped);
      2. parse each; an unreadable file is an ``unparseable`` finding; a division name the text
         leaves ambiguous is resolved by the same folder's other reports (``identify.settle``);
      3. per-report rules from the parse (parts, year, entity, damaged text, plans) and the
         consistency rules (numbers that contradict each other, heading order);
      4. corpus rules: duplicates; last year's report of the same entity → unaddressed
         plans, worse indicators, changes over last year that disagree with it;
      5. suppressions: per-file ignores, inline markers (and the stale ones), the baseline;
      6. apply the configuration: rules selected or off, severities.
    """
    from rolcompare.checker.suppress import suppress
    from rolcompare.pipeline.run import read

    cfg = config or CheckConfig()
    items = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    findings: list[Finding] = []
    reports: dict[Path, Report] = {}
    files = collect_files(items, cfg.ignore)
    if not files:
        raise UsageError(f"{', '.join(map(str, items))}: no report files to check (txt, md, html, docx, pdf).")
    for f in with_progress(files, len(files), "checking reports", enabled=progress):
        try:
            reports[f] = read(f, max_bytes=max_bytes)
        except (InputError, ConfigError) as exc:  # one bad file (bad front matter too) is one finding
            findings.append(finding("unparseable", f, str(exc)))
    last_year = read(Path(previous), max_bytes=max_bytes) if previous is not None else None
    settle_folders(reports, last_year)
    for f, report in reports.items():
        findings += report_findings(f, report, cfg)
    findings += corpus_findings(reports, last_year)
    return _configure(suppress(findings, files, cfg), cfg)


def settle_folders(reports: dict[Path, Report], last_year: Report | None = None) -> None:
    """Each folder's reports (and the report given as last year's) settle, together, the division
    names their texts leave ambiguous."""
    by_folder: dict[Path, list[Report]] = {}
    for path, report in reports.items():
        by_folder.setdefault(path.parent, []).append(report)
    for group in by_folder.values():
        settle([*group, last_year] if last_year is not None else group)


def finding(rule: str, path: Path, message: str, line: int | None = None) -> Finding:
    """A finding of ``rule`` at its default severity (configuration may change it later)."""
    return Finding(rule=rule, severity=RULES[rule].severity, file=str(path), line=line, message=message)


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
    if not any(s.level == 1 and "other" in s.kinds for s in report.sections):
        out.append(finding("missing-other", path, "no part on other matters to report (其他)"))
    return out + consistency_findings(report, str(path))


def corpus_findings(reports: dict[Path, Report], last_year: Report | None = None) -> list[Finding]:
    """Findings that need more than one report: duplicates and last year's follow-up
    (``last_year``: the report to follow up when a report's own is not in the corpus)."""
    from rolcompare.diff import compare

    out: list[Finding] = []
    by_key: dict[tuple[str, int], Path] = {}
    for path, report in reports.items():
        entity, year = entity_key(report.meta), report.meta.year
        if not entity or not year:
            continue
        if (entity, year) in by_key:
            out.append(finding("duplicate-report", path, f"{entity} {year} is also in {by_key[(entity, year)]}"))
            continue
        by_key[(entity, year)] = path
    for (entity, year), path in by_key.items():
        previous = by_key.get((entity, year - 1)) or _previous_beside(path, year)
        prev_report = (reports.get(previous) or _try_read(previous)) if previous not in (None, path) else None
        if prev_report is None or (entity_key(prev_report.meta), prev_report.meta.year) != (entity, year - 1):
            prev_report, previous = _given_last_year(last_year, entity)
        if prev_report is not None and previous is not None:
            out += follow_up_findings(compare(prev_report, reports[path]), path, previous)
            out += yoy_findings(reports[path], prev_report, str(path))
    return out


def _given_last_year(last_year: Report | None, entity: str) -> tuple[Report | None, Path | None]:
    """The report given as last year's, for a report of ``entity``: not when it names another body."""
    if last_year is None or (entity_key(last_year.meta) and entity_key(last_year.meta) != entity):
        return None, None
    return last_year, Path(last_year.meta.source or "previous")


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
        if f.rule in cfg.disable or (cfg.select is not None and f.rule not in cfg.select):
            continue
        unsure = f.consistency is not None and f.consistency.status != "fail"  # stays at info
        if f.rule in cfg.severity and not unsure:
            f = f.model_copy(update={"severity": cfg.severity[f.rule]})
        out.append(f)
    return sorted(out, key=lambda f: (f.file, f.line or 0, f.rule))


def exit_code(findings: list[Finding], strict: bool = False) -> int:
    """1 when a finding is at error level (or warning level with ``strict``), else 0."""
    failing = {"error", "warning"} if strict else {"error"}
    return 1 if any(f.severity in failing for f in findings) else 0
