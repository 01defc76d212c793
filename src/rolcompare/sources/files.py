"""Finding report files, and writing outputs safely: atomically, never over an input, never
replacing a special file.

``collect_files(paths, ignore)`` is how ``check`` and ``panel`` find reports: files as given,
directories searched for report suffixes (``REPORT_SUFFIXES``), hidden folders and README/SOURCES
files skipped, each file once.

``write_atomic(output, content, inputs)`` is what every ``-o`` of the command line and every
table of ``panel`` goes through:

- a regular file is written to a temporary file beside it and renamed into place, so a failed
  or interrupted run leaves an existing output untouched; the new file keeps the old one's mode
  (or gets the usual mode of a new file, not the temporary file's 0600);
- a symbolic link is followed: its target is written, the link stays;
- a device node, FIFO or socket (``/dev/null``, a pipe) is written through, never replaced;
- an output that is one of ``inputs`` (after following links) is refused.
"""

from __future__ import annotations

import fnmatch
import os
import stat
import tempfile
from pathlib import Path

from rolcompare.errors import UsageError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # the input size every reader refuses above, unless told otherwise


def write_atomic(output: Path, content: str | bytes, inputs: list[Path] | None = None) -> None:
    """Write ``content`` to ``output`` (see the module's docstring for the rules)."""
    target = output.resolve() if output.is_symlink() else output
    _refuse_inputs(output, target, inputs or [])
    data = content.encode("utf-8") if isinstance(content, str) else content
    mode = _existing_mode(target)
    if mode is not None and not stat.S_ISREG(mode):
        if stat.S_ISDIR(mode):
            raise UsageError(f"{output}: is a directory; give a file name.", parameter="output")
        _write_through(output, target, data)
        return
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(f"{output}: the directory {parent} does not exist.")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise UsageError(f"{output}: cannot write there ({exc.strerror}).") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, stat.S_IMODE(mode) if mode is not None else _new_file_mode())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UsageError(f"{output}: cannot write there ({exc.strerror}).") from None
    except BaseException:  # Ctrl-C, SIGTERM (the command line turns it into SystemExit), anything
        Path(tmp).unlink(missing_ok=True)
        raise


# the files a folder given as input is searched for (checker and corpus read this one list)
REPORT_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".docx", ".pdf"})


def refuse_inputs(output: Path, inputs: list[Path]) -> None:
    """Refuse an ``output`` that is one of ``inputs``, or a report file inside a folder given as
    input (``check reports/ -o reports/a/2020.txt`` would overwrite a report it read)."""
    _refuse_inputs(output, output.resolve() if output.is_symlink() else output, inputs)


def _refuse_inputs(output: Path, target: Path, inputs: list[Path]) -> None:
    if not target.exists():
        return
    resolved = target.resolve()
    for source in inputs:
        if not source.exists():
            continue
        where = source.resolve()
        inside = source.is_dir() and where in resolved.parents and resolved.suffix.lower() in REPORT_SUFFIXES
        if where == resolved or inside:
            raise UsageError(
                f"{output}: refusing to overwrite an input file; choose another output.", parameter="output"
            )


def _existing_mode(path: Path) -> int | None:
    try:
        return path.stat().st_mode
    except OSError:
        return None


def _write_through(output: Path, target: Path, data: bytes) -> None:
    """Write to a special file (a device, a FIFO) in place: it is never replaced by a regular file."""
    try:
        with open(target, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise UsageError(f"{output}: cannot write there ({exc.strerror}).") from None


def _new_file_mode() -> int:
    """The mode a new file gets from ``open`` under the process's umask (0o666 minus the umask)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def collect_files(paths: list[Path], ignore: list[str]) -> list[Path]:
    """Report files under ``paths`` (files as given; directories searched), minus ignored globs."""
    files: list[Path] = []
    for p in paths:
        if not p.exists():
            raise UsageError(f"{p}: no such file or directory.")
        if p.is_dir():
            files += sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in REPORT_SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
                and not f.name.upper().startswith(("README", "SOURCES"))
            )
        else:
            files.append(p)
    seen: set[Path] = set()
    unique = []
    for f in files:  # the same file under two spellings (reports/a.txt, ./reports/a.txt) is one file
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return [
        f for f in unique if not any(fnmatch.fnmatch(str(f), pat) or fnmatch.fnmatch(f.name, pat) for pat in ignore)
    ]


def report_folders(root: Path) -> list[list[Path]]:
    """Report files under ``root`` grouped by folder (one folder = one entity), each group sorted
    by name (= by year): the units ``panel`` works in."""
    groups: dict[Path, list[Path]] = {}
    for f in collect_files([root], []):
        groups.setdefault(f.parent, []).append(f)
    return [sorted(g) for _, g in sorted(groups.items())]
