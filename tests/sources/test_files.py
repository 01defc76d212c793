"""Writing outputs (``rolcompare.sources.files``): atomic, never over an input, never replacing a special file."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE_2020, SEED
from rolcompare.cli import main
from rolcompare.errors import UsageError
from rolcompare.sources.files import write_atomic


def test_a_symlink_is_followed_and_kept(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    write_atomic(link, "new")
    assert link.is_symlink() and target.read_text() == "new"


def test_a_fifo_is_written_through_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    write_atomic(fifo, "through the pipe")
    assert reader.communicate(timeout=10)[0] == b"through the pipe"
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_device_node_is_never_replaced(tmp_path: Path) -> None:
    """A null device made for the test (never the system's /dev/null) stays a device."""
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError):
        pytest.skip("making a device node needs root")
    before = node.stat()
    write_atomic(node, "discarded")
    after = node.stat()
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_an_existing_file_keeps_its_mode_and_a_new_one_gets_the_usual_mode(tmp_path: Path) -> None:
    old = tmp_path / "old.md"
    old.write_text("x")
    old.chmod(0o640)
    write_atomic(old, "y")
    assert stat.S_IMODE(old.stat().st_mode) == 0o640
    new = tmp_path / "new.md"
    write_atomic(new, "z")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask


def test_a_report_inside_an_input_folder_is_never_overwritten(tmp_path: Path) -> None:
    folder = tmp_path / "reports" / "qs"
    folder.mkdir(parents=True)
    report = folder / "2020.txt"
    report.write_bytes(SAMPLE_2020.read_bytes())
    assert main(["check", str(tmp_path / "reports"), "-o", str(report)]) == 2
    assert report.read_bytes() == SAMPLE_2020.read_bytes()
    with pytest.raises(UsageError):
        write_atomic(report, "x", [tmp_path / "reports"])


def test_panel_never_overwrites_its_input_file(tmp_path: Path) -> None:
    report = tmp_path / "2020.txt"
    report.write_bytes(SAMPLE_2020.read_bytes())
    assert main(["panel", str(report), "-o", str(tmp_path / "2020.csv")]) == 0  # (a different file: fine)
    csv_input = tmp_path / "in.csv"
    csv_input.write_text("x")
    out = tmp_path / "2020.txt"
    assert main(["panel", str(tmp_path), "-o", str(out)]) == 2  # a .txt output: refused before reading
    assert out.read_bytes() == SAMPLE_2020.read_bytes()


def _corpus(tmp_path: Path, entities: int) -> Path:
    """A corpus of ``entities`` folders, each with the seed and the 2020 example."""
    corpus = tmp_path / "corpus"
    for i in range(entities):
        d = corpus / f"e{i:02d}"
        d.mkdir(parents=True)
        (d / "2019.txt").write_bytes(SEED.read_bytes())
        (d / "2020.txt").write_bytes(SAMPLE_2020.read_bytes())
    return corpus


def test_sigterm_leaves_no_temporary_file(tmp_path: Path) -> None:
    """A panel killed with SIGTERM while streaming its CSV leaves neither a half table nor a tmp file."""
    corpus = _corpus(tmp_path, 60)
    out = tmp_path / "out" / "panel.csv"
    out.parent.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "rolcompare", "panel", str(corpus), "-o", str(out), "--workers", "1", "--no-cache"],
        cwd=ROOT,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not list(out.parent.glob("*.tmp")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    assert not list(out.parent.glob("*.tmp"))
    assert not out.exists() or proc.returncode == 0


def test_panel_workers_die_with_a_killed_panel(tmp_path: Path) -> None:
    """SIGKILL to the panel (no clean-up can run) still ends its worker processes."""
    if not Path("/proc").is_dir():
        pytest.skip("needs /proc to list child processes")
    corpus = _corpus(tmp_path, 80)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "rolcompare",
            "panel",
            str(corpus),
            "-o",
            str(tmp_path / "p.csv"),
            "--workers",
            "2",
            "--no-cache",
        ],
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
    )
    children: list[int] = []
    deadline = time.monotonic() + 60
    while len(children) < 2 and time.monotonic() < deadline and proc.poll() is None:
        children = [int(p) for p in (Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split())]
        time.sleep(0.05)
    if len(children) < 2:
        pytest.skip("the panel finished before its workers could be seen")
    proc.kill()
    proc.wait(timeout=30)
    deadline = time.monotonic() + 20
    alive = children
    while alive and time.monotonic() < deadline:
        alive = [c for c in children if Path(f"/proc/{c}").exists() and "zombie" not in _state(c)]
        time.sleep(0.1)
    assert alive == []


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().split("State:")[1].split("\n")[0].lower()
    except (OSError, IndexError):
        return "gone"
