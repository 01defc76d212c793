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


def test_setup_compiles_every_module_of_the_compiled_parts() -> None:
    """setup.py compiles whole folders: every module the package reports on, and no other."""
    setup_py = runpy.run_path(str(ROOT / "setup.py"), run_name="setup")  # (not __main__: builds nothing)
    sources = setup_py["compiled_sources"]()
    as_modules = {s.removeprefix("src/rolcompare/").removesuffix(".py").replace("/", ".") for s in sources}
    as_modules = {m.removesuffix(".__init__") for m in as_modules}
    assert as_modules == set(rolcompare.compiled_modules())
    assert {"pipeline.indicators", "lexicon.words", "match"} <= as_modules
    assert all((ROOT / s).is_file() for s in sources)


def test_all_or_none_compiled() -> None:
    """A mix means a stale or partial build: compiled modules beside edited sources."""
    states = rolcompare.compiled_modules()
    assert len(set(states.values())) == 1, states
    assert rolcompare.COMPILED is states["pipeline.indicators"]


@pytest.mark.skipif("ROLCOMPARE_EXPECT_COMPILED" not in os.environ, reason="set by .ci/run for each of its two runs")
def test_the_build_ci_asked_for() -> None:
    assert rolcompare.COMPILED is (os.environ["ROLCOMPARE_EXPECT_COMPILED"] == "1")
