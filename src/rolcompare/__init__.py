"""rolcompare — Chinese governments' annual rule-of-law reports (法治政府建设年度报告) as data.

The pipeline, stage by stage: ``ingest`` → ``normalize`` → ``structure`` → ``extract`` →
``align`` → ``diff`` → ``render``. The public API is what ``__all__`` lists::

    import rolcompare as rc
    report = rc.read("reports/luzhou/2019.txt")
    diff = rc.compare("reports/luzhou/2019.txt", "reports/luzhou/2020.txt")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rolcompare.errors import (
    ConfigError,
    InputError,
    RolcompareError,
    RuleFailure,
    UnsupportedFormatError,
    UsageError,
)

if TYPE_CHECKING:  # pragma: no cover
    from rolcompare.checker import check
    from rolcompare.corpus import panel
    from rolcompare.diff import compare
    from rolcompare.pipeline import parse, read
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

__version__ = "0.1.0"

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
    "read": "rolcompare.pipeline",
    "parse": "rolcompare.pipeline",
    "compare": "rolcompare.diff",
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


# the modules a ``ROLCOMPARE_COMPILE=1`` build compiles with mypyc (setup.py reads this list):
# the stages a parse spends its time in; schema, CLI and I/O stay interpreted
COMPILED_MODULES = ("normalize", "structure", "numbers", "concepts", "extract", "plans", "align")


def compiled_modules() -> dict[str, bool]:
    """For each module of ``COMPILED_MODULES``: whether it is installed compiled (not imported)."""
    from importlib.util import find_spec

    out = {}
    for name in COMPILED_MODULES:
        spec = find_spec(f"rolcompare.{name}")
        out[name] = spec is not None and spec.origin is not None and not spec.origin.endswith(".py")
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
