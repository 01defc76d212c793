"""The optional compiled build (setup.py, ``ROLCOMPARE_COMPILE=1``): the same source either way.

CI runs the whole suite twice: on the editable (interpreted) install with
``ROLCOMPARE_EXPECT_COMPILED=0`` and on a compiled install with ``ROLCOMPARE_EXPECT_COMPILED=1``,
so a build that silently fell back to the interpreted modules cannot pass as compiled.
"""

from __future__ import annotations

import os
import runpy
from pathlib import Path

import pytest

import rolcompare

ROOT = Path(__file__).resolve().parent.parent


def test_setup_compiles_the_modules_the_package_names() -> None:
    """setup.py reads the list from the package's source; every name is a module of it."""
    setup_py = runpy.run_path(str(ROOT / "setup.py"), run_name="setup")  # (not __main__: builds nothing)
    assert setup_py["_compiled_modules"]() == list(rolcompare.COMPILED_MODULES)
    for name in rolcompare.COMPILED_MODULES:
        assert (ROOT / "src" / "rolcompare" / f"{name}.py").is_file()


def test_all_or_none_compiled() -> None:
    """A mix means a stale or partial build: compiled modules beside edited sources."""
    states = rolcompare.compiled_modules()
    assert len(set(states.values())) == 1, states
    assert rolcompare.COMPILED is states["extract"]


@pytest.mark.skipif("ROLCOMPARE_EXPECT_COMPILED" not in os.environ, reason="set by .ci/run for each of its two runs")
def test_the_build_ci_asked_for() -> None:
    assert rolcompare.COMPILED is (os.environ["ROLCOMPARE_EXPECT_COMPILED"] == "1")
