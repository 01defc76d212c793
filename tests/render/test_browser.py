"""The HTML comparison in a real headless browser: it renders, its sorting works, it logs no
error, and its notebook fragment leaves an unrelated table's styles alone. Skipped (with the
reason) when no Chromium is installed: `apt install chromium` on Debian."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

BROWSER = next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no headless Chromium on this machine (apt install chromium)")


def _render(path: Path, fragment: str = "") -> tuple[str, str]:
    """The DOM after the page's scripts ran, and the browser's log."""
    args = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0"]
    run = subprocess.run([*args, "--dump-dom", path.as_uri() + fragment], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout, run.stderr


def test_the_comparison_renders_sorts_and_logs_no_error(sample_diff, tmp_path: Path) -> None:
    page = tmp_path / "diff.html"
    page.write_text(sample_diff.to_html(), "utf-8")
    dom, log = _render(page, "#sort=indicators:7")  # sort the indicators by their line column
    assert "法治政府建设报告对比" in dom and "上年工作打算落实情况" in dom
    assert 'id="indicators" data-sorted="7"' in dom
    table = dom[dom.index('id="indicators"') :]
    lines = [int(m) for m in re.findall(r"<td>(\d+)→", table[: table.index("</table>")])]
    assert lines and lines == sorted(lines)
    assert not re.search(r"Uncaught|CONSOLE.*(?:error|Error)", log), log[-2000:]


NOTEBOOK = """<!doctype html><html><head><meta charset='utf-8'></head><body>
<table id='other'><tr><td>unrelated 无关</td></tr></table>{fragment}
<script>var td=document.querySelector('#other td'),cs=getComputedStyle(td),b=getComputedStyle(document.body);
document.body.setAttribute('data-seen',[cs.borderTopStyle,cs.paddingTop,b.fontFamily,b.maxWidth].join('|'));</script>
</body></html>"""


def test_the_notebook_fragment_leaves_other_tables_alone(sample_diff, tmp_path: Path) -> None:
    bare, styled = tmp_path / "bare.html", tmp_path / "with.html"
    bare.write_text(NOTEBOOK.format(fragment=""), "utf-8")
    styled.write_text(NOTEBOOK.format(fragment=sample_diff._repr_html_()), "utf-8")
    seen = [re.search(r'data-seen="([^"]*)"', _render(p)[0]).group(1) for p in (bare, styled)]  # type: ignore[union-attr]
    assert seen[0] == seen[1], seen
    assert "法治政府建设报告对比" in _render(styled)[0]
