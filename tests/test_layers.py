"""The package's shape: imports run one way, no cycles, short functions.

The layers are declared once, in ``[tool.importlinter]`` of pyproject.toml; CI runs
``lint-imports`` on them and these tests run the same contract, and show that it fails when a
module gains a wrong arrow.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "rolcompare"
# the one upward tie the contract allows: the models' to_frame / to_markdown / to_html
ALLOWED_UPWARD = ("rolcompare.schema", "rolcompare.render.")

grimp = pytest.importorskip("grimp", reason="import-linter (the test extra) brings grimp")


def _lint_imports(src: Path, config: Path) -> subprocess.CompletedProcess[str]:
    code = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(config_filename=sys.argv[1], no_cache=True))"
    return subprocess.run(
        [sys.executable, "-c", code, str(config)],
        capture_output=True,
        text=True,
        cwd=config.parent,
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )


def test_the_layers_contract_holds() -> None:
    run = _lint_imports(ROOT / "src", ROOT / "pyproject.toml")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 kept, 0 broken" in run.stdout


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        ("lexicon/words.py", "from rolcompare import cli"),
        ("pipeline/structure.py", "from rolcompare.render import markdown"),
        ("sources/ingest.py", "from rolcompare.pipeline import run"),
        ("render/html.py", "from rolcompare import diff"),
        ("corpus.py", "from rolcompare import checker"),
    ],
    ids=[
        "lexicon-imports-cli",
        "stage-imports-renderer",
        "source-imports-pipeline",
        "renderer-imports-diff",
        "sibling",
    ],
)
def test_the_contract_fails_on_a_wrong_arrow(tmp_path: Path, module: str, forbidden: str) -> None:
    """A copy of the package with one forbidden import added (inside a function, where it costs
    nothing at import time and is easiest to miss) breaks the contract."""
    shutil.copytree(PACKAGE, tmp_path / "src" / "rolcompare", ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "src" / "rolcompare" / module
    target.write_text(
        target.read_text("utf-8") + textwrap.dedent(f"\n\ndef _wrong_arrow() -> None:\n    {forbidden}  # noqa\n"),
        "utf-8",
    )
    run = _lint_imports(tmp_path / "src", tmp_path / "pyproject.toml")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "BROKEN" in run.stdout and "0 kept, 1 broken" in run.stdout


def _graph() -> dict[str, set[str]]:
    """The import graph of the source tree (``src/``, not whatever build is installed)."""
    code = (
        "import grimp, json; g = grimp.build_graph('rolcompare', cache_dir=None); "
        "print(json.dumps({m: sorted(g.find_modules_directly_imported_by(m)) for m in g.modules}))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        timeout=120,
        check=True,
    )
    return {m: set(targets) for m, targets in json.loads(run.stdout).items()}


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle (a list of modules, first = last), or None."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for n in sorted(edges.get(m, ())):
            if state.get(n) == 1:
                return [*stack[stack.index(n) :], n]
            if n not in state and (found := visit(n)):
                return found
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(edges):
        if m not in state and (found := visit(m)):
            return found
    return None


def test_no_import_cycle() -> None:
    """Module by module, lazy imports inside functions included; only the allowed tie is left out."""
    edges = _graph()
    edges = {
        m: {n for n in targets if not (m == ALLOWED_UPWARD[0] and n.startswith(ALLOWED_UPWARD[1]))}
        for m, targets in edges.items()
    }
    assert _cycle(edges) is None, " → ".join(_cycle(edges) or [])


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set(), "c": {"b"}}) is None


def test_nothing_imports_the_facade_or_the_cli() -> None:
    """The library never imports the CLI (only ``__main__`` does), and no module reaches back up
    into the package's façade (``rolcompare/__init__``)."""
    edges = _graph()
    assert {m for m, targets in edges.items() if "rolcompare.cli" in targets} == {"rolcompare.__main__"}
    assert not {m for m, targets in edges.items() if "rolcompare" in targets}


def _functions() -> list[tuple[int, str]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                out.append((size, f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}"))
    return out


def test_no_function_over_60_lines() -> None:
    long = sorted(f for f in _functions() if f[0] > 60)
    assert not long, long


def test_module_names_do_not_shadow_the_public_functions() -> None:
    """``rolcompare.compare`` is a function, so there is no module ``compare`` (nor parse, check,
    read, panel) for it to be confused with."""
    import rolcompare

    names = {p.stem for p in PACKAGE.rglob("*.py")} | {p.name for p in PACKAGE.rglob("*") if p.is_dir()}
    assert not names & {"compare", "parse", "check", "read", "panel"}
    assert all(callable(getattr(rolcompare, f)) for f in ("compare", "parse", "check", "read", "panel"))


def test_dir_lists_the_public_api() -> None:
    """``dir(rolcompare)`` shows every name of ``__all__``, the lazily imported ones included."""
    import rolcompare

    assert set(rolcompare.__all__) <= set(dir(rolcompare))
    assert {"read", "parse", "compare", "check", "panel", "Report"} <= set(dir(rolcompare))
