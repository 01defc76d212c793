"""Findings a project has decided to live with: per-file ignores, inline markers, a baseline.

- ``[tool.rolcompare] per-file-ignores = {"reports/old/*" = ["rate-over-100"]}``: rules off for
  files matching a glob;
- in a txt or md report, ``<!-- rolcompare-ignore RULE[,RULE…] -->`` suppresses those rules on its
  own line and the next (so it can stand alone above the line it is about), and
  ``<!-- rolcompare-ignore-file RULE[,RULE…] -->`` in the whole file. The parser drops these
  comments, so they never become report text;
- a suppression (of either kind) that matches no finding is itself a finding,
  ``unused-suppression``: a stale marker hides the next real problem;
- a baseline (``check --write-baseline FILE``; ``--baseline FILE`` or ``baseline =`` in the
  configuration) holds the fingerprints of known findings; they are not reported again. A
  fingerprint is the rule, the file and the evidence text — never the line number, so editing a
  report elsewhere does not bring old findings back.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
from pathlib import Path
from typing import Final

from rolcompare.checker.config import CheckConfig
from rolcompare.checker.rules import RULES
from rolcompare.errors import ConfigError
from rolcompare.schema import Finding

MARKER: Final = re.compile(r"<!--\s*rolcompare-ignore(-file)?\s+([a-z0-9][a-z0-9,\s-]*?)\s*-->")
_LINE_REF: Final = re.compile(r":\d+\)")  # (path:line) in a message: a line number, not evidence
BASELINE_VERSION: Final = 1


def fingerprint(f: Finding) -> str:
    """The finding's identity across edits: rule, file and evidence text (no line numbers)."""
    evidence = " | ".join(e.text for e in f.consistency.evidence) if f.consistency else _LINE_REF.sub(")", f.message)
    return hashlib.sha256(f"{f.rule}\0{Path(f.file).as_posix()}\0{evidence}".encode()).hexdigest()[:32]


def suppress(findings: list[Finding], files: list[Path], cfg: CheckConfig) -> list[Finding]:
    """Steps: 1. per-file ignores; 2. inline markers; 3. stale suppressions become findings;
    4. every finding gets its fingerprint; the baseline's are dropped."""
    kept, stale = _per_file(findings, cfg)
    for path in files:
        if path.suffix.lower() in (".txt", ".md", ".markdown"):
            kept, unused = _inline(kept, path)
            stale += unused
    kept = [f.model_copy(update={"fingerprint": fingerprint(f)}) for f in kept + stale]
    if cfg.baseline:
        known = read_baseline(Path(cfg.baseline))
        kept = [f for f in kept if f.fingerprint not in known]
    return kept


def _per_file(findings: list[Finding], cfg: CheckConfig) -> tuple[list[Finding], list[Finding]]:
    used: set[tuple[str, str]] = set()
    kept = []
    for f in findings:
        hit = next(
            ((g, r) for g, rules in cfg.per_file_ignores.items() for r in rules if r == f.rule and _matches(f.file, g)),
            None,
        )
        if hit is None:
            kept.append(f)
        else:
            used.add(hit)
    source = cfg.source or "configuration"
    stale = [
        _unused(source, None, f'per-file-ignores "{glob}" = {rule} matches no finding')
        for glob, rules in cfg.per_file_ignores.items()
        for rule in rules
        if (glob, rule) not in used
    ]
    return kept, stale


def _matches(file: str, glob: str) -> bool:
    return fnmatch.fnmatch(Path(file).as_posix(), glob) or fnmatch.fnmatch(Path(file).name, glob)


def markers(text: str) -> list[tuple[int | None, set[str]]]:
    """The markers of a report's text: (line, rules), line None for a whole-file marker."""
    out: list[tuple[int | None, set[str]]] = []
    for no, line in enumerate(text.split("\n"), start=1):
        if "rolcompare-ignore" not in line:
            continue
        for m in MARKER.finditer(line):
            rules = {r for r in re.split(r"[,\s]+", m.group(2)) if r}
            out.append((None if m.group(1) else no, rules))
    return out


def _inline(findings: list[Finding], path: Path) -> tuple[list[Finding], list[Finding]]:
    try:
        text = path.read_bytes().decode("utf-8", "replace")  # (markers are ASCII: any ASCII-based encoding)
    except OSError:
        return findings, []
    found = markers(text)
    if not found:
        return findings, []
    used: set[tuple[int | None, str]] = set()
    kept = []
    for f in findings:
        hit = None
        if Path(f.file) == path:
            hit = next(((ln, r) for ln, rules in found for r in rules if r == f.rule and _covers(ln, f.line)), None)
        if hit is None:
            kept.append(f)
        else:
            used.add(hit)
    stale = [
        _unused(
            str(path), line, f"the marker for {rule} matches no finding" if rule in RULES else f"unknown rule {rule}"
        )
        for line, rules in found
        for rule in sorted(rules)
        if (line, rule) not in used
    ]
    return kept, stale


def _covers(marker_line: int | None, line: int | None) -> bool:
    return marker_line is None or (line is not None and line in (marker_line, marker_line + 1))


def _unused(file: str, line: int | None, message: str) -> Finding:
    return Finding(
        rule="unused-suppression", severity=RULES["unused-suppression"].severity, file=file, line=line, message=message
    )


def baseline_json(findings: list[Finding]) -> str:
    """A baseline file of ``findings``: their fingerprints, with rule, file and message to read."""
    rows = [
        {"fingerprint": f.fingerprint or fingerprint(f), "rule": f.rule, "file": f.file, "message": f.message}
        for f in findings
    ]
    return json.dumps({"rolcompare_baseline": BASELINE_VERSION, "findings": rows}, ensure_ascii=False, indent=2) + "\n"


def read_baseline(path: Path) -> set[str]:
    """The fingerprints of a baseline file (a ConfigError when it is missing or not one)."""
    try:
        data = json.loads(path.read_text("utf-8"))
        return {str(row["fingerprint"]) for row in data["findings"]}
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such baseline file.", parameter="baseline") from None
    except (OSError, ValueError, KeyError, TypeError):
        raise ConfigError(f"{path}: not a rolcompare baseline file.", parameter="baseline") from None
