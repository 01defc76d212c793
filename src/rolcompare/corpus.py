"""``rolcompare panel``: many reports, many years → tidy tables, trend plots, at corpus scale.

The unit of work is one entity (a folder ``reports/<entity>/`` with one file per year): a
worker parses its reports in year order, compares consecutive years, and returns plain
rows — never Report objects — so memory stays flat however large the corpus. Units run in
worker processes (or on a dask cluster) and their rows are streamed to the output. Results
are cached by content hash in ``.rolcompare-cache/`` (atomic writes: safe under concurrent runs).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from rolcompare.errors import InputError, RolcompareError, UsageError
from rolcompare.render.tables import (
    PANEL_COMMITMENT_COLUMNS,
    PANEL_ENTITY_COLUMNS,
    PANEL_ERROR_COLUMNS,
    PANEL_INDICATOR_COLUMNS,
    PANEL_PROBLEM_COLUMNS,
    PANEL_TARGET_COLUMNS,
    csv_bytes,
    parquet_bytes,
    spreadsheet_cell,
    typed,
)
from rolcompare.render.terminal import with_progress
from rolcompare.sources.files import DEFAULT_MAX_BYTES, refuse_inputs, report_folders, write_atomic

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from rolcompare.schema import Report

CACHE_DIR = ".rolcompare-cache"


@dataclass
class UnitResult:
    """Rows produced by one entity folder."""

    indicators: list[list[Any]] = field(default_factory=list)
    plans: list[list[Any]] = field(default_factory=list)
    problems: list[list[Any]] = field(default_factory=list)
    errors: list[list[Any]] = field(default_factory=list)
    targets: list[list[Any]] = field(default_factory=list)


@dataclass
class PanelTables:
    indicators: pd.DataFrame
    plans: pd.DataFrame
    problems: pd.DataFrame
    errors: pd.DataFrame
    targets: pd.DataFrame


def process_unit(paths: list[str], cache_dir: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> UnitResult:
    """Parse one entity's reports, compare consecutive years, return rows (cached by content)."""
    key = _unit_key(paths, max_bytes) if cache_dir else None
    if key and (hit := _cache_get(cache_dir, key)) is not None:  # type: ignore[arg-type]
        return hit
    result = _compute_unit(paths, max_bytes)
    if key:
        _cache_put(cache_dir, key, result)  # type: ignore[arg-type]
    return result


def _compute_unit(paths: list[str], max_bytes: int) -> UnitResult:
    """1. parse each file (an unreadable one becomes an error row); 2. settle the division
    names a text leaves ambiguous by the other reports; 3. compare consecutive years of the same
    entity (``entity_id``)."""
    from rolcompare.pipeline.identify import entity_key, settle
    from rolcompare.pipeline.run import read

    result = UnitResult()
    reports = []
    for path in paths:
        try:
            reports.append((path, read(path, max_bytes=max_bytes)))
        except RolcompareError as exc:
            result.errors.append([path, str(exc)])
    settle([r for _, r in reports])  # a name one year leaves ambiguous: the folder's other years
    for path, report in reports:
        result.indicators += _indicator_rows(report, path)
    # consecutive years of the same entity (a folder may hold several entities' reports)
    reports.sort(key=lambda pr: (entity_key(pr[1].meta) or "", pr[1].meta.year or 0))
    followed: dict[tuple[str, str], tuple[int | None, Any]] = {}  # (path, target id) → (next year, follow-up)
    for (old_path, old), (_, new) in pairwise(reports):
        same = entity_key(old.meta) is not None and entity_key(old.meta) == entity_key(new.meta)
        if same and old.meta.year and new.meta.year and new.meta.year == old.meta.year + 1:
            for f in _add_follow_up(result, old, new, old_path):
                followed[(old_path, f.target.id)] = (new.meta.year, f)
    result.targets = [
        _target_row(r, path, t, *followed.get((path, t.id), (None, None))) for path, r in reports for t in r.targets
    ]
    return result


def _target_row(report: Report, path: str, t: Any, next_year: int | None, f: Any) -> list[Any]:
    """A row of the targets table: the target, and its follow-up when next year's report is here."""
    return [
        *_who(report.meta), report.meta.year, t.target_year, t.id, t.concept, t.label, t.comparator, t.change,
        t.value, t.low, t.high, t.unit, next_year, f.status if f else None, f.outcome if f else None,
        f.rule if f else None, t.line, path,
    ]  # fmt: skip


def _who(meta: Any) -> list[Any]:
    """The identity columns that open every panel row (``PANEL_ENTITY_COLUMNS``)."""
    return [meta.entity_id or meta.entity, meta.entity, meta.adcode, meta.adcode_year]


def _indicator_rows(report: Report, path: str) -> list[list[Any]]:
    m = report.meta
    return [
        [
            *_who(m),
            m.year,
            i.concept,
            i.label,
            i.value,
            i.unit,
            i.qualifier,
            i.kind,
            i.scope,
            i.section,
            i.line,
            path,
            m.provenance,
        ]
        for i in report.indicators
    ]


def _add_follow_up(result: UnitResult, old: Report, new: Report, old_path: str) -> list[Any]:
    """Rows of the plans and problems tables for one pair of consecutive years; returns the
    targets' follow-ups."""
    from rolcompare.diff import compare

    diff = compare(old, new)
    who, year, next_year = _who(old.meta), old.meta.year, new.meta.year
    result.plans += [
        [
            *who,
            year,
            next_year,
            f.commitment.id,
            f.commitment.ordinal,
            f.commitment.text,
            f.status,
            f.repeated,
            f.score,
            f.commitment.line,
            old_path,
            old.meta.provenance,
        ]
        for f in diff.commitments
    ]
    result.problems += [
        [*who, year, next_year, p.problem.id, p.problem.text, p.addressed, p.persists, p.problem.line, old_path]
        for p in diff.problems
    ]
    return list(diff.targets)


# ---------------------------------------------------------------- cache
def _unit_key(paths: list[str], max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The cache key of one entity's reports: their bytes, and everything else that changes the
    result — the code's and the schema's version, the taxonomy and the division codes, the size limit. A file
    over the size limit is keyed by its size (never read into memory for hashing)."""
    from importlib.resources import files

    from rolcompare._version import __version__
    from rolcompare.schema import SCHEMA_VERSION

    digest = hashlib.sha256(f"{__version__}/{SCHEMA_VERSION}/{max_bytes}/".encode())
    for data in ("taxonomy.toml", "divisions.csv"):
        digest.update(hashlib.sha256(files("rolcompare.lexicon").joinpath(f"data/{data}").read_bytes()).digest())
    for path in paths:
        digest.update(path.encode("utf-8", "surrogateescape"))
        try:
            size = Path(path).stat().st_size
            if size > max_bytes:
                digest.update(f"<over the limit: {size}>".encode())
                continue
            with open(path, "rb") as handle:
                digest.update(hashlib.file_digest(handle, "sha256").digest())
        except OSError:
            digest.update(b"<unreadable>")
    return digest.hexdigest()


def _cache_get(cache_dir: str, key: str) -> UnitResult | None:
    """A cached result, or None for none, an unreadable one, or one of another shape."""
    try:
        data = json.loads((Path(cache_dir) / key[:2] / f"{key}.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    tables = ("indicators", "plans", "problems", "errors", "targets")
    if not isinstance(data, dict) or set(data) != set(tables):
        return None
    if not all(isinstance(data[t], list) and all(isinstance(row, list) for row in data[t]) for t in tables):
        return None
    return UnitResult(**data)


def _cache_put(cache_dir: str, key: str, result: UnitResult) -> None:
    folder = Path(cache_dir) / key[:2]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(result.__dict__, handle, ensure_ascii=False)
        os.replace(tmp, folder / f"{key}.json")  # atomic: concurrent runs never see half a file
    except OSError:
        pass  # a cache that cannot be written is only slower


# ---------------------------------------------------------------- running
def iter_units(
    units: list[list[Path]],
    workers: int = 0,
    engine: str = "process",
    scheduler: str | None = None,
    cache_dir: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[UnitResult]:
    """Results of all units, in completion order, from processes, a dask cluster, or inline."""
    jobs = [[str(p) for p in unit] for unit in units]
    if engine == "dask":
        yield from _iter_dask(jobs, scheduler, cache_dir, max_bytes)
        return
    if engine != "process":
        raise UsageError(f"unknown engine {engine!r}; choose process or dask.", parameter="engine")
    if cache_dir:  # answer cached units here: no worker process is started for them
        missing = []
        for job in jobs:
            hit = _cache_get(cache_dir, _unit_key(job, max_bytes))
            if hit is None:
                missing.append(job)
            else:
                yield hit
        jobs = missing
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(jobs) <= 1:
        for job in jobs:
            yield process_unit(job, cache_dir, max_bytes)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    pool = ProcessPoolExecutor(max_workers=min(workers, len(jobs)), initializer=_die_with_parent)
    try:
        futures = [pool.submit(process_unit, job, cache_dir, max_bytes) for job in jobs]
        for future in as_completed(futures):
            yield future.result()
    except BaseException:  # an error, Ctrl-C, SIGTERM: stop the workers now, do not wait for them
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _die_with_parent() -> None:
    """A worker ends when the panel process that started it ends, even when that one is killed
    with SIGKILL (Linux ``prctl(PR_SET_PDEATHSIG)``; elsewhere nothing is set)."""
    import ctypes
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # (not the command line's handler: SIGTERM ends a worker)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _iter_dask(
    jobs: list[list[str]], scheduler: str | None, cache_dir: str | None, max_bytes: int
) -> Iterator[UnitResult]:
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise UsageError(
            "the dask engine needs the optional extra: pip install 'rolcompare[dask]'.", parameter="engine"
        ) from None
    # without a scheduler: a cluster in this process, on this machine only — no dashboard on
    # 0.0.0.0, no guess of the machine's outside address (dask finds it by a UDP connect)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        from distributed import LocalCluster

        cluster = LocalCluster(
            processes=False, host="127.0.0.1", protocol="tcp://", dashboard_address=None, n_workers=1
        )
        client = Client(cluster)
    try:
        futures = client.map(process_unit, jobs, cache_dir=cache_dir, max_bytes=max_bytes, pure=False)
        for future in as_completed(futures):
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def panel_tables(
    paths: str | Path | list[str | Path],
    workers: int = 0,
    engine: str = "process",
    scheduler: str | None = None,
    cache: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> PanelTables:
    """All four tables in memory (for the Python API and tests)."""
    import pandas as pd

    roots = [Path(p) for p in (paths if isinstance(paths, list) else [paths])]
    units = [u for root in roots for u in report_folders(root)]
    cache_dir = str(_cache_root(roots[0])) if cache else None
    acc = UnitResult()
    for r in iter_units(units, workers, engine, scheduler, cache_dir, max_bytes):
        acc.indicators += r.indicators
        acc.plans += r.plans
        acc.problems += r.problems
        acc.targets += r.targets
        acc.errors += r.errors
    return PanelTables(
        indicators=_sorted(pd.DataFrame(acc.indicators, columns=PANEL_INDICATOR_COLUMNS), _ORDER),
        plans=_sorted(pd.DataFrame(acc.plans, columns=PANEL_COMMITMENT_COLUMNS), _ORDER),
        problems=_sorted(pd.DataFrame(acc.problems, columns=PANEL_PROBLEM_COLUMNS), _ORDER),
        targets=_sorted(pd.DataFrame(acc.targets, columns=PANEL_TARGET_COLUMNS), _ORDER),
        errors=typed(pd.DataFrame(acc.errors, columns=PANEL_ERROR_COLUMNS)),
    )


class PanelOptions(TypedDict, total=False):
    """The keyword options of ``panel``: those of ``panel_tables``, with its defaults."""

    workers: int
    engine: str
    scheduler: str | None
    cache: bool
    max_bytes: int


def panel(
    paths: str | Path | list[str | Path], *, wide: bool = False, balanced: bool = False, **options: Unpack[PanelOptions]
) -> pd.DataFrame:
    """One row per indicator of every report under ``paths`` (entity, year, concept, …); for the
    commitment, problem, target and error tables too, ``panel_tables``. ``wide``: entity-year
    rows × concept columns; ``balanced``: every entity × year, with ``report_missing``."""
    return research_table(panel_tables(paths, **options).indicators, wide, balanced)


_ORDER = ["entity_id", "year", "line"]
_KEY = ["entity_id", "year"]


def wide_table(indicators: pd.DataFrame) -> pd.DataFrame:
    """Entity-year rows × concept columns (the first value a report gives each concept, in the
    order of its lines), after the identity columns; indicators without a concept are left out."""
    data = indicators.dropna(subset=[*_KEY, "concept"])
    who = [c for c in PANEL_ENTITY_COLUMNS if c in data]
    if data.empty:
        return data[[*who, "year"]].reset_index(drop=True)
    table = data.pivot_table(index=_KEY, columns="concept", values="value", aggfunc="first")
    table.columns.name = None
    ids = data.drop_duplicates(_KEY)[[*who, "year"]]
    return typed(ids.merge(table.reset_index(), on=_KEY).reset_index(drop=True))


def balanced_table(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with a row for every entity × year of the corpus: ``report_missing`` is True
    where the entity has no row that year (no report, or none with an indicator); a missing
    year's name and code are the entity's latest. A wide table gets exactly |entities| ×
    |years| rows; a long one keeps its rows and gains one per gap."""
    import pandas as pd

    entities = sorted(frame["entity_id"].dropna().unique())
    years = sorted(int(y) for y in frame["year"].dropna().unique())
    grid = pd.MultiIndex.from_product([entities, years], names=_KEY).to_frame(index=False)
    grid["year"] = grid["year"].astype("Int64")
    present = frame.dropna(subset=_KEY)
    out = grid.merge(present, on=_KEY, how="left", indicator=True)
    missing = out.pop("_merge") == "left_only"
    latest = present.sort_values("year").groupby("entity_id").last()  # (last non-null value per column)
    for column in ("entity", "adcode", "adcode_year"):
        if column in out and column in latest:
            out.loc[missing, column] = out.loc[missing, "entity_id"].map(latest[column])
    out.insert(out.columns.get_loc("year") + 1, "report_missing", missing)
    order = [c for c in PANEL_ENTITY_COLUMNS if c in out] + [c for c in out if c not in PANEL_ENTITY_COLUMNS]
    return typed(out[order])


def research_table(indicators: pd.DataFrame, wide: bool, balanced: bool) -> pd.DataFrame:
    """The indicators table as a researcher asks for it: long or wide, balanced or not."""
    table = wide_table(indicators) if wide else indicators
    return balanced_table(table) if balanced else table


def _sorted(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    frame = typed(frame)
    if frame.empty:
        return frame
    return frame.sort_values(by, kind="stable", na_position="last").reset_index(drop=True)


def _cache_root(root: Path) -> Path:
    base = root if root.is_dir() else root.parent
    return base.resolve().parent / CACHE_DIR if base.name == "reports" else base.resolve() / CACHE_DIR


# ---------------------------------------------------------------- CLI
def run_panel(
    directory: Path,
    output: Path | None,
    plot: Path | None,
    workers: int,
    engine: str,
    scheduler: str | None,
    cache: bool,
    max_bytes: int,
    wide: bool = False,
    balanced: bool = False,
    quiet: bool = False,
) -> int:
    """The ``panel`` command: stream rows to CSV (or collect them for parquet, xlsx, dta or a wide
    or balanced table), plot, report errors. A ``.dta`` is always wide (one row per entity-year)."""
    units = report_folders(directory)
    if not units:
        raise InputError(f"{directory}: no report files (.txt .md .html .docx .pdf) found.")
    suffix = output.suffix.lower() if output else ".csv"
    if suffix not in (".csv", ".parquet", ".xlsx", ".dta"):
        raise UsageError(f"{output}: the panel is written as .csv, .parquet, .xlsx or .dta.")
    if suffix == ".dta" and output is None:
        raise UsageError("a .dta panel needs a file to write.", parameter="output")
    if output is not None and not (output.parent if str(output.parent) else Path(".")).is_dir():
        raise UsageError(f"{output}: the directory {output.parent} does not exist.")
    if output is not None and output.is_dir():
        raise UsageError(f"{output}: is a directory; name the file to write.")
    if output is not None:
        refuse_inputs(output, [directory])
    if suffix == ".parquet":
        try:
            import pyarrow  # noqa: F401  (pandas writes parquet with it)
        except ImportError:
            raise UsageError(
                "a .parquet panel needs pyarrow: pip install 'rolcompare[parquet]', or write .csv."
            ) from None
    cache_dir = str(_cache_root(directory)) if cache else None
    results = iter_units(units, workers, engine, scheduler, cache_dir, max_bytes)
    results = with_progress(results, len(units), "parsing reports", enabled=not quiet)
    writer = _TableWriter(output, suffix, keep_rows=plot is not None, wide=wide or suffix == ".dta", balanced=balanced)
    try:
        for r in results:
            writer.add(r)
        errors = writer.close()
    except BaseException:  # an error, Ctrl-C, SIGTERM: no half-written table is left behind
        writer.abort()
        raise
    for _source, message in errors:
        print(f"rolcompare: warning: {message}", file=sys.stderr)
    if plot is not None:
        from rolcompare.render.plots import plot_trends

        frame = writer.indicator_frame()
        notice = plot_trends(frame, plot, writer.target_frame())
        if notice:
            print(f"rolcompare: {notice}", file=sys.stderr)
    return 0


class _TableWriter:
    """Streams indicator rows to CSV as they arrive; parquet/xlsx are written at the end."""

    def __init__(
        self, output: Path | None, suffix: str, keep_rows: bool = False, wide: bool = False, balanced: bool = False
    ) -> None:
        import csv

        self.output, self.suffix, self.wide, self.balanced = output, suffix, wide, balanced
        self.streams = suffix == ".csv" and not (
            wide or balanced
        )  # a plain CSV streams; the rest are written at the end
        self.keep_rows = keep_rows or not self.streams
        self.plans: list[list[Any]] = []
        self.problems: list[list[Any]] = []
        self.targets: list[list[Any]] = []
        self.errors: list[list[Any]] = []
        self.rows: list[list[Any]] = []
        self._tmp: Path | None = None
        if self.streams:
            if output is None:
                self._handle = sys.stdout
            else:
                fd, tmp = tempfile.mkstemp(dir=output.parent if str(output.parent) else ".", suffix=".tmp")
                self._tmp = Path(tmp)
                self._handle = os.fdopen(fd, "w", encoding="utf-8-sig", newline="")
            self._csv = csv.writer(self._handle)
            self._csv.writerow(PANEL_INDICATOR_COLUMNS)

    def abort(self) -> None:
        """Drop the streamed CSV's temporary file (an existing output stays as it was)."""
        if self._tmp is not None:
            try:
                self._handle.close()
            finally:
                self._tmp.unlink(missing_ok=True)
                self._tmp = None

    def add(self, r: UnitResult) -> None:
        if self.streams:
            self._csv.writerows([spreadsheet_cell(v) for v in row] for row in r.indicators)
        if self.keep_rows:  # for plots and the formats written at the end
            self.rows += r.indicators
        self.plans += r.plans
        self.problems += r.problems
        self.targets += r.targets
        self.errors += r.errors

    def indicator_frame(self) -> pd.DataFrame:
        import pandas as pd

        return typed(pd.DataFrame(self.rows, columns=PANEL_INDICATOR_COLUMNS))

    def target_frame(self) -> pd.DataFrame:
        import pandas as pd

        return typed(pd.DataFrame(self.targets, columns=PANEL_TARGET_COLUMNS))

    def close(self) -> list[list[Any]]:
        import pandas as pd

        frames = {
            "plans": typed(pd.DataFrame(self.plans, columns=PANEL_COMMITMENT_COLUMNS)),
            "problems": typed(pd.DataFrame(self.problems, columns=PANEL_PROBLEM_COLUMNS)),
            "targets": self.target_frame(),
            "errors": typed(pd.DataFrame(self.errors, columns=PANEL_ERROR_COLUMNS)),
        }
        main = research_table(self.indicator_frame(), self.wide, self.balanced) if not self.streams else None
        if self.suffix == ".dta" and self.output is not None and main is not None:
            self._write_dta(main)
        elif self.suffix == ".csv" and main is not None:
            table = csv_bytes(main)
            if self.output is None:
                sys.stdout.write(table.decode("utf-8-sig"))
            else:
                write_atomic(self.output, table)
                for name, frame in frames.items():
                    write_atomic(self.output.with_suffix(f".{name}.csv"), csv_bytes(frame))
        elif self.suffix == ".csv":
            if self._tmp is not None and self.output is not None:
                self._handle.close()
                os.replace(self._tmp, self.output)
                for name, frame in frames.items():  # the side tables, each written atomically too
                    write_atomic(self.output.with_suffix(f".{name}.csv"), csv_bytes(frame))
            else:
                self._handle.flush()
        elif self.output is not None and self.suffix == ".parquet":
            write_atomic(self.output, parquet_bytes(main if main is not None else self.indicator_frame()))
            for name, frame in frames.items():
                write_atomic(self.output.with_suffix(f".{name}.parquet"), parquet_bytes(frame))
        elif self.output is not None:
            from rolcompare.render.excel import panel_xlsx

            write_atomic(
                self.output, panel_xlsx({"indicators": main if main is not None else self.indicator_frame(), **frames})
            )
        return self.errors

    def _write_dta(self, table: pd.DataFrame) -> None:
        """The wide table as Stata 118, and its variable map beside it (``x.variables.csv``)."""
        from rolcompare.lexicon.concepts import concept_by_id
        from rolcompare.render.stata import dta_bytes

        assert self.output is not None
        labels = {
            "entity_id": "主体标识 entity id", "entity": "主体 entity", "adcode": "行政区划代码 adcode",
            "adcode_year": "代码表年份 adcode year", "year": "年度 year", "report_missing": "无报告 report missing",
        }  # fmt: skip
        for column in table.columns:
            if (concept := concept_by_id(str(column))) is not None:
                labels[str(column)] = concept.title
        data, mapping = dta_bytes(table, labels)
        write_atomic(self.output, data)
        write_atomic(self.output.with_suffix(".variables.csv"), csv_bytes(mapping))
