"""rolcompare — Chinese governments' annual rule-of-law reports (法治政府建设年度报告) as data.

The public API is what ``__all__`` lists::

    import rolcompare as rc
    report = rc.read("reports/luzhou/2019.txt")
    diff = rc.compare("reports/luzhou/2019.txt", "reports/luzhou/2020.txt")

The package, layer by layer (each imports only the layers below it; CONTRIBUTING.md has the map):
``cli`` → ``checker`` · ``corpus`` → ``diff`` · ``render/`` → ``pipeline/`` → ``match`` →
``sources/`` → ``lexicon/`` → ``schema`` · ``errors``. A parse runs the stages of ``pipeline/``
in order: ingest → meta (head) → normalize → structure → indicators → items → link.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rolcompare._version import __version__
from rolcompare.errors import (
    ConfigError,
    InputError,
    RolcompareError,
    RuleFailure,
    UnsupportedFormatError,
    UsageError,
)

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from rolcompare.checker import check
    from rolcompare.corpus import panel
    from rolcompare.pipeline.run import parse, read
    from rolcompare.schema import (
        Commitment,
        CommitmentFollowUp,
        Finding,
        Indicator,
        IndicatorChange,
        Problem,
        ProblemFollowUp,
        Report,
        ReportDiff,
        ReportMeta,
        Section,
    )

    COMPILED: bool

__all__ = [
    "COMPILED",
    "Commitment",
    "CommitmentFollowUp",
    "ConfigError",
    "Finding",
    "Indicator",
    "IndicatorChange",
    "InputError",
    "Problem",
    "ProblemFollowUp",
    "Report",
    "ReportDiff",
    "ReportMeta",
    "RolcompareError",
    "RuleFailure",
    "Section",
    "UnsupportedFormatError",
    "UsageError",
    "__version__",
    "check",
    "compare",
    "panel",
    "parse",
    "read",
]

_LAZY = {
    "read": "rolcompare.pipeline.run",
    "parse": "rolcompare.pipeline.run",
    "check": "rolcompare.checker",
    "panel": "rolcompare.corpus",
    **{
        name: "rolcompare.schema"
        for name in (
            "Commitment",
            "CommitmentFollowUp",
            "Finding",
            "Indicator",
            "IndicatorChange",
            "Problem",
            "ProblemFollowUp",
            "Report",
            "ReportDiff",
            "ReportMeta",
            "Section",
        )
    },
}


def compare(old: Report | str | Path, new: Report | str | Path, target_tolerance: float | None = None) -> ReportDiff:
    """Year-over-year diff of two reports, each a path, report text or a parsed :class:`Report`
    (see ``rolcompare.diff.compare`` for the steps). ``target_tolerance``: how far an outcome may
    stand from an "about X" target and meet it (percentage points; default
    ``rolcompare.diff.APPROX_TOLERANCE``, 0.5)."""
    from rolcompare.diff import compare as compare_reports
    from rolcompare.pipeline.identify import is_ambiguous, settle

    pair = [_as_report(old), _as_report(new)]
    copy = [r is item and is_ambiguous(r) for r, item in zip(pair, (old, new), strict=True)]
    pair = [r.model_copy(deep=True) if c else r for r, c in zip(pair, copy, strict=True)]
    settle(pair)  # (on a copy of a Report given: a caller's objects are never changed)
    return compare_reports(pair[0], pair[1], tolerance=target_tolerance)


def _as_report(item: Report | str | Path) -> Report:
    """A parsed report: a Report as it is, a path read, report text parsed."""
    from pathlib import Path

    from rolcompare.pipeline.run import parse, read
    from rolcompare.schema import Report

    if isinstance(item, Report):
        return item
    if isinstance(item, Path) or (isinstance(item, str) and _looks_like_path(item)):
        return read(item)
    if isinstance(item, str):
        return parse(item)
    raise UsageError(f"compare takes a path, report text or a Report, not {type(item).__name__}.")


def _looks_like_path(text: str) -> bool:
    """A string is a path unless it holds a line break or reads as report text (CJK with
    sentence punctuation or a number and no path separator or suffix) and names no file."""
    import re
    from pathlib import Path

    if "\n" in text or len(text) >= 1024:
        return False
    if "/" in text or "\\" in text or re.fullmatch(r"\.[A-Za-z0-9]{1,5}", Path(text).suffix):
        return True
    try:
        if Path(text).exists():
            return True
    except OSError:
        return False
    return not any("\u4e00" <= ch <= "\u9fff" for ch in text)


# the parts a ``ROLCOMPARE_COMPILE=1`` build compiles with mypyc, every module in them (setup.py
# reads this tuple): the word lists and grammar, the parse stages and the matcher, where a parse
# spends its time; schema, sources, diff, renderers and the CLI stay interpreted
COMPILED_PARTS = ("lexicon", "pipeline", "match")


def compiled_modules() -> dict[str, bool]:
    """Each module of ``COMPILED_PARTS`` (``pipeline.normalize``, …): whether it is installed
    compiled. Asks the import system's finders; imports only the packages, not the modules."""
    import pkgutil
    from importlib.util import find_spec

    out = {}
    for part in COMPILED_PARTS:
        spec = find_spec(f"rolcompare.{part}")
        assert spec is not None, part
        names = [part]
        if spec.submodule_search_locations:
            names += [f"{part}.{m.name}" for m in pkgutil.iter_modules(spec.submodule_search_locations)]
        for name in names:
            found = find_spec(f"rolcompare.{name}")
            origin = found.origin if found is not None else None
            out[name] = origin is not None and not origin.endswith(".py")
    return out


def __getattr__(name: str) -> Any:
    """Import the models and the pipeline on first use, so ``import rolcompare`` stays fast.

    ``COMPILED``: True when the parse pipeline is installed compiled (see setup.py)."""
    if name == "COMPILED":
        return all(compiled_modules().values())
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'rolcompare' has no attribute {name!r}")


def __dir__() -> list[str]:
    """What ``dir(rolcompare)`` and ``help()`` list: the public API, lazy names included."""
    return sorted({*globals(), *__all__})
