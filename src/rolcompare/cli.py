"""Stage 8: the command line (typer). Errors are caught in exactly one place: ``main``.

Exit codes (design §4 (docs/design.md)): 0 ok · 1 a --fail-on rule fired / error-level findings · 2 bad input
or bad usage. Bad input gets one sentence on stderr, never a traceback. ``-o`` writes
atomically and never overwrites an input file.
"""

from __future__ import annotations

import contextlib
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # saves ~20 ms of entry-point scanning at start

import typer

from rolcompare.errors import RolcompareError, UsageError
from rolcompare.sources.files import DEFAULT_MAX_BYTES, write_atomic

app = typer.Typer(
    name="rolcompare",
    help="Parse and compare Chinese governments' annual rule-of-law reports (法治政府建设年度报告).",
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

Quiet = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar (it shows only on a terminal, never in CI).")
]
MaxBytes = Annotated[int, typer.Option("--max-bytes", help="Refuse input files larger than this many bytes.")]
Output = Annotated[
    Path | None, typer.Option("-o", "--output", help="Write to this file (atomically) instead of stdout.")
]


class ParseFormat(StrEnum):
    json = "json"
    md = "md"
    table = "table"


class CompareFormat(StrEnum):
    md = "md"
    json = "json"
    html = "html"
    csv = "csv"
    xlsx = "xlsx"


class CheckFormat(StrEnum):
    text = "text"
    github = "github"
    junit = "junit"
    json = "json"
    sarif = "sarif"


def _read(path: Path, max_bytes: int) -> Any:
    """A report from a file, or from standard input for ``-``."""
    from rolcompare.pipeline.run import read, read_bytes

    if str(path) == "-":
        return read_bytes(sys.stdin.buffer.read(max_bytes + 1), "<stdin>", max_bytes=max_bytes)
    return read(path, max_bytes=max_bytes)


def _version(value: bool) -> None:
    if value:
        from rolcompare._version import __version__

        typer.echo(f"rolcompare {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Parse and compare Chinese governments' annual rule-of-law reports (法治政府建设年度报告)."""


@app.command()
def parse(
    file: Annotated[Path, typer.Argument(help="Report file: txt, md, html, docx or pdf; - for standard input.")],
    fmt: Annotated[
        ParseFormat, typer.Option("--format", "-f", help="json (the schema), md or table (for people).")
    ] = ParseFormat.json,
    output: Output = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> int:
    """Parse one report into the common schema."""
    report = _read(file, max_bytes)
    if fmt is ParseFormat.json:
        _emit(report.to_json() + "\n", output, inputs=[file])
    elif fmt is ParseFormat.md:
        from rolcompare.render.markdown import report_markdown

        _emit(report_markdown(report), output, inputs=[file])
    else:
        from rich.console import Console

        if output is not None:
            raise UsageError("--format table is for the terminal; use md or json with -o.")
        from rolcompare.render.terminal import report_table

        report_table(report, Console())
    return 0


@app.command()
def compare(
    old: Annotated[Path, typer.Argument(help="Last year's report (- for standard input).")],
    new: Annotated[Path, typer.Argument(help="This year's report (- for standard input).")],
    fmt: Annotated[
        CompareFormat | None,
        typer.Option("--format", "-f", help="md, json, html, csv or xlsx (default: from -o's suffix, else md)."),
    ] = None,
    output: Output = None,
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on",
            help="Comma-separated rules that make the exit code 1: "
            "not-found, partial, repeated, worse, removed, persists, section-removed, target-missed.",
        ),
    ] = "",
    target_tolerance: Annotated[
        float | None,
        typer.Option(
            "--target-tolerance",
            help="How far an outcome may stand from an 'about X' target and meet it (percentage points; default 0.5).",
        ),
    ] = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> int:
    """Year-over-year diff: indicators, last year's plans and targets, problems, structure."""
    from rolcompare.checker import fired_rules, pairing_cautions, validate_rules
    from rolcompare.diff import compare as run_compare
    from rolcompare.pipeline.identify import settle

    rules = [r.strip() for r in fail_on.split(",") if r.strip()]
    validate_rules(rules)  # before any work
    fmt = _compare_format(fmt, output)
    if target_tolerance is not None and target_tolerance < 0:
        raise UsageError(f"--target-tolerance {target_tolerance}: give a tolerance ≥ 0.")
    if str(old) == str(new) == "-":
        raise UsageError("only one of the two reports can come from standard input (-).")
    pair = [_read(old, max_bytes), _read(new, max_bytes)]
    settle(pair)  # a name one of them leaves ambiguous: the other's code, when it is one of the candidates
    diff = run_compare(pair[0], pair[1], tolerance=target_tolerance)
    for caution in pairing_cautions(diff):
        typer.echo(f"rolcompare: warning: {caution}", err=True)
    _emit_diff(diff, fmt, output, inputs=[old, new])
    fired = fired_rules(diff, rules)
    for line in fired:
        typer.echo(f"rolcompare: --fail-on {line}", err=True)
    return _done(1 if fired else 0)


_SUFFIX_FORMATS = {
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".xlsx": "xlsx",
}


def _compare_format(fmt: CompareFormat | None, output: Path | None) -> CompareFormat:
    """--format, else the format -o's suffix names, else md; a mismatch is refused, never written."""
    implied = _SUFFIX_FORMATS.get(output.suffix.lower()) if output is not None else None
    if fmt is None:
        return CompareFormat(implied or "md")
    if implied is not None and implied != fmt.value:
        raise UsageError(f"-o {output} names a .{implied} file but --format is {fmt.value}; make them agree.")
    return fmt


def _emit_diff(diff, fmt: CompareFormat, output: Path | None, inputs: list[Path]) -> None:
    from rolcompare.render.excel import diff_xlsx
    from rolcompare.render.html import diff_html
    from rolcompare.render.markdown import diff_markdown
    from rolcompare.render.tables import diff_csv

    if fmt is CompareFormat.md:
        _emit(diff_markdown(diff), output, inputs)
    elif fmt is CompareFormat.json:
        _emit(diff.to_json() + "\n", output, inputs)
    elif fmt is CompareFormat.html:
        _emit(diff_html(diff), output, inputs)
    elif fmt is CompareFormat.csv:
        _emit(diff_csv(diff), output, inputs)
        if output is not None:  # the other tables beside it: out.commitments.csv, …
            for table in ("commitments", "problems", "sections"):
                _emit(diff_csv(diff, table), output.with_suffix(f".{table}.csv"), inputs)
    else:
        if output is None:
            raise UsageError("--format xlsx needs -o FILE.xlsx (it is binary).")
        _emit(diff_xlsx(diff), output, inputs)


RuleList = Annotated[
    list[str] | None, typer.Option(help="Rule ids, comma-separated or repeated (see `rolcompare rules`).")
]


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="Report files or directories (reports/<entity>/<year>.*).")],
    fmt: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text, github, junit, json or sarif.")
    ] = CheckFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    config: Annotated[
        Path | None, typer.Option("--config", help="rolcompare.toml or pyproject.toml to read [tool.rolcompare] from.")
    ] = None,
    select: RuleList = None,
    ignore: RuleList = None,
    previous: Annotated[
        Path | None, typer.Option("--previous", help="Last year's report, when it is not among the paths.")
    ] = None,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="Report only findings not in this baseline file.")
    ] = None,
    write_baseline: Annotated[
        Path | None, typer.Option("--write-baseline", help="Write today's findings as the baseline, and exit 0.")
    ] = None,
    quiet: Quiet = False,
    output: Output = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> int:
    """CI check of new reports: parts, year/entity, numbers that contradict each other, last year's plans."""
    from rolcompare.checker import check as run_check
    from rolcompare.checker import exit_code, load_config
    from rolcompare.checker.suppress import baseline_json

    cfg = load_config(config, start=paths[0] if paths else Path.cwd())
    _apply_rule_options(cfg, select, ignore, baseline if write_baseline is None else None)
    if write_baseline is not None:
        cfg.baseline = None  # (the new baseline holds every finding of today)
    findings = run_check(paths, config=cfg, max_bytes=max_bytes, previous=previous, progress=not quiet)
    if write_baseline is not None:
        _emit(baseline_json(findings), write_baseline, inputs=paths)
        typer.echo(f"rolcompare: wrote {len(findings)} findings to the baseline {write_baseline}.", err=True)
        return 0
    _emit(_findings_text(findings, fmt, output), output, inputs=paths)
    return _done(exit_code(findings, strict=strict))


def _apply_rule_options(cfg: Any, select: list[str] | None, ignore: list[str] | None, baseline: Path | None) -> None:
    """--select / --ignore / --baseline over the configuration (rule ids checked)."""
    from rolcompare.checker import RULES

    def ids(values: list[str] | None, flag: str) -> set[str]:
        out = {r.strip() for v in values or [] for r in v.split(",") if r.strip()}
        unknown = sorted(out - set(RULES))
        if unknown:
            raise UsageError(f"{flag} {', '.join(unknown)}: no such rule; `rolcompare rules` lists them.")
        return out

    if select:
        cfg.select = ids(select, "--select")
    cfg.disable |= ids(ignore, "--ignore")
    if baseline is not None:
        cfg.baseline = str(baseline)


def _findings_text(findings: list[Any], fmt: CheckFormat, output: Path | None) -> str:
    from dataclasses import asdict

    from rolcompare.checker import RULES
    from rolcompare.render.findings import render_findings

    rules = [asdict(r) for r in RULES.values()] if fmt is CheckFormat.sarif else None
    return render_findings(findings, fmt.value, color=output is None and sys.stdout.isatty(), rules=rules)


@app.command()
def rules(
    rule: Annotated[str | None, typer.Argument(help="A rule id: explain it, with an example.")] = None,
) -> int:
    """List check's rules (id, severity, English, 中文), or explain one."""
    from rolcompare.checker import RULES, rules_text

    if rule is not None and rule not in RULES:
        raise UsageError(f"{rule}: no such rule; `rolcompare rules` lists them.")
    typer.echo(rules_text(rule), nl=False)
    return 0


@app.command()
def panel(
    directory: Annotated[Path, typer.Argument(help="Directory of reports (reports/<entity>/<year>.*).")],
    output: Output = None,
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Write one trend chart per concept (PNG and SVG) here.")
    ] = None,
    workers: Annotated[int, typer.Option("--workers", help="Worker processes (default: number of cores).")] = 0,
    engine: Annotated[str, typer.Option("--engine", help="process (default) or dask.")] = "process",
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="dask.distributed scheduler address.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write .rolcompare-cache/.")] = False,
    wide: Annotated[bool, typer.Option("--wide", help="One row per entity and year, one column per concept.")] = False,
    balanced: Annotated[
        bool, typer.Option("--balanced", help="A row for every entity × year, with report_missing.")
    ] = False,
    quiet: Quiet = False,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> int:
    """Many reports, many years → one tidy table (csv, parquet, xlsx, or dta for Stata)."""
    from rolcompare.corpus import run_panel

    if workers < 0:
        raise UsageError(f"--workers {workers}: give a number of worker processes ≥ 1, or 0 for one per core.")
    if plot is not None and plot.exists() and not plot.is_dir():
        raise UsageError(f"--plot {plot}: names a file; give a folder to write the charts into.")

    return _done(
        run_panel(
            directory,
            output=output,
            plot=plot,
            workers=workers,
            engine=engine,
            scheduler=scheduler,
            cache=not no_cache,
            max_bytes=max_bytes,
            wide=wide,
            balanced=balanced,
            quiet=quiet,
        )
    )


@app.command()
def schema() -> int:
    """Print the JSON Schema of Report, ReportDiff and Finding."""
    import json

    from rolcompare.schema import json_schemas

    typer.echo(json.dumps(json_schemas(), ensure_ascii=False, indent=2))
    return 0


@app.command()
def version() -> int:
    """Print the version."""
    from rolcompare._version import __version__

    typer.echo(__version__)
    return 0


def _emit(content: str | bytes, output: Path | None, inputs: list[Path]) -> None:
    """Print to stdout, or write ``output`` atomically (never over an input file)."""
    if output is None:
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
        else:
            sys.stdout.write(content)
        sys.stdout.flush()
        return
    write_atomic(output, content, inputs)


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``rolcompare`` and ``python -m rolcompare``; returns the exit code.

    The one place where errors become messages: a :class:`RolcompareError` prints its
    sentence and exits with its code; usage errors are typer's (exit 2).
    """
    _exit_on_sigterm()
    _tolerant_streams()
    try:
        app(args=argv, prog_name="rolcompare", standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except RolcompareError as exc:
        typer.echo(f"rolcompare: error: {with_flag_hint(exc)}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        typer.echo("rolcompare: interrupted.", err=True)
        return 130
    return 0


# what the command line adds to a library error about one argument: the flag that sets it
FLAG_HINTS = {
    "max_bytes": "raise the limit with --max-bytes",
    "output": "-o",
    "fail_on": "--fail-on",
    "engine": "--engine",
    "plot": "--plot",
    "baseline": "--baseline or baseline = in [tool.rolcompare]",
}


def with_flag_hint(error: RolcompareError) -> str:
    """The error's sentence, with the flag its argument is set by: ``… 10 bytes (raise the limit
    with --max-bytes).``"""
    hint = FLAG_HINTS.get(error.parameter or "")
    message = str(error)
    if not hint:
        return message
    return f"{message.removesuffix('.')} ({hint})."


def _tolerant_streams() -> None:
    """A terminal whose encoding cannot show a character (``PYTHONIOENCODING=gbk`` and ``≈``, ``·``
    or U+FFFD) gets a replacement character, never a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
            with contextlib.suppress(ValueError, OSError):  # (one that cannot be reconfigured stays)
                reconfigure(errors="replace")


def _exit_on_sigterm() -> None:
    """SIGTERM ends the command as Ctrl-C does, through the code's clean-up (temporary files)."""
    import signal
    import threading

    def terminate(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, terminate)


def _done(code: int) -> int:
    """Finish a command with an exit code (typer's standalone mode needs Exit for non-zero)."""
    if code:
        raise typer.Exit(code)
    return code
