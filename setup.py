"""Build script. Everything is declared in pyproject.toml; this file only adds the optional
compiled build.

rolcompare is pure Python. With ``ROLCOMPARE_COMPILE=1`` in the environment, a (non-editable)
install or wheel build also compiles the parse pipeline's modules (the folders ``lexicon/`` and ``pipeline/`` and the
module ``match``, as ``rolcompare.COMPILED_PARTS`` lists them) with mypyc — the same source,
no other code — which parses about a fifth faster (docs/performance.md). It needs a C compiler
and Python's headers; the build fetches mypy and pydantic itself (mypyc type-checks the modules).

    ROLCOMPARE_COMPILE=1 pip install .
    python -c "import rolcompare; print(rolcompare.COMPILED)"   # True

An editable install (``pip install -e .``) is never compiled, whatever the environment says:
compiled modules would stand in for the sources you edit.
"""

from __future__ import annotations

import ast
import os
import sys
from pathlib import Path

from setuptools import setup

PACKAGE = Path(__file__).resolve().parent / "src" / "rolcompare"


def _compiled_parts() -> list[str]:
    """``rolcompare.COMPILED_PARTS``, read from the package's source (not imported: the build
    has none of its dependencies)."""
    for node in ast.parse((PACKAGE / "__init__.py").read_text("utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "COMPILED_PARTS" for t in node.targets):
            return list(ast.literal_eval(node.value))
    raise RuntimeError("src/rolcompare/__init__.py defines no COMPILED_PARTS")


def compiled_sources() -> list[str]:
    """Every module of the compiled parts: each folder's ``.py`` files, whatever they are named
    (a module added to ``pipeline/`` is compiled with no list to update), and each single module."""
    files: list[Path] = []
    for part in _compiled_parts():
        folder = PACKAGE / part
        files += sorted(folder.rglob("*.py")) if folder.is_dir() else [PACKAGE / f"{part}.py"]
    return [str(f.relative_to(PACKAGE.parent.parent)) for f in files]


def _compile_requested() -> bool:
    return os.environ.get("ROLCOMPARE_COMPILE", "").strip().lower() in ("1", "true", "yes")


def _editable() -> bool:
    """Whether setuptools is making an editable install (PEP 660 ``editable_wheel``, or ``develop``)."""
    return any(command in sys.argv for command in ("editable_wheel", "develop"))


def _ext_modules() -> list[object]:
    if not _compile_requested():
        return []
    if _editable():
        print("rolcompare: an editable install is not compiled (ROLCOMPARE_COMPILE ignored)", file=sys.stderr)
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:  # the build's first pass, before setup_requires brought mypy in
        return []
    return mypycify(compiled_sources(), opt_level="3", debug_level="0")


# mypyc is pinned to the release series this project's compiled build is tested with (CI builds
# it on every run): a new mypyc may compile differently. Raise the bound together with a green CI.
BUILD_REQUIRES = ["mypy>=2.4,<2.5", "pydantic>=2.5", "types-PyYAML"]

if __name__ == "__main__":  # (how setuptools runs this file; tests/test_build.py reads it without building)
    setup(ext_modules=_ext_modules(), setup_requires=BUILD_REQUIRES if _compile_requested() else [])
