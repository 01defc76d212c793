"""The output formats of ``rolcompare check``: text, GitHub workflow commands, JUnit XML, JSON.

Pure functions of the findings: every rule is decided in ``checker``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from rolcompare.schema import Finding


def render_findings(
    findings: list[Finding], fmt: str, color: bool = False, rules: list[dict[str, Any]] | None = None
) -> str:
    """``findings`` in one of check's formats; ``rules`` (id, severity, en, zh) describe the rules
    in SARIF."""
    if fmt == "sarif":
        return json.dumps(sarif(findings, rules or []), ensure_ascii=False, indent=2) + "\n"
    if fmt == "github":
        return "".join(github_line(f) + "\n" for f in findings)
    if fmt == "junit":
        return junit_xml(findings)
    if fmt == "json":
        return json.dumps([f.model_dump() for f in findings], ensure_ascii=False, indent=2) + "\n"
    return text_report(findings, color)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_line(f: Finding) -> str:
    """A GitHub Actions workflow command: ``::error file=…,line=…,title=…::message``."""
    command = {"error": "error", "warning": "warning", "info": "notice"}[f.severity]
    props = [f"file={_escape_property(f.file)}"]
    if f.line:
        props.append(f"line={f.line}")
    props.append(f"title={_escape_property('rolcompare ' + f.rule)}")
    return f"::{command} {','.join(props)}::{_escape_data(f.message)}"


_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def junit_xml(findings: list[Finding], files: list[str] | None = None) -> str:
    """JUnit XML: one testcase per file; error-level findings are failures. Characters XML 1.0
    cannot hold (control characters from a file name or a report) are left out, so the file parses."""
    return _NOT_IN_XML.sub("", _junit_xml(findings, files))


def _junit_xml(findings: list[Finding], files: list[str] | None = None) -> str:
    names = sorted({f.file for f in findings} | set(files or []))
    failures = sum(any(f.severity == "error" for f in findings if f.file == n) for n in names)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites><testsuite name="rolcompare check" tests="{len(names)}" failures="{failures}" errors="0">',
    ]
    for name in names:
        mine = [f for f in findings if f.file == name]
        parts.append(f'<testcase classname="rolcompare.check" name={quoteattr(name)}>')
        for f in mine:
            if f.severity == "error":
                parts.append(
                    f"<failure type={quoteattr(f.rule)} message={quoteattr(f.message)}>"
                    f"{escape(f'{name}:{f.line or 0}: {f.rule}: {f.message}')}</failure>"
                )
        others = [f for f in mine if f.severity != "error"]
        if others:
            parts.append(
                "<system-out>"
                + escape("\n".join(f"{f.severity} {f.rule} L{f.line or '-'}: {f.message}" for f in others))
                + "</system-out>"
            )
        parts.append("</testcase>")
    parts.append("</testsuite></testsuites>")
    return "\n".join(parts) + "\n"


def text_report(findings: list[Finding], color: bool = False) -> str:
    """Findings grouped per file, with a closing count line."""
    if not findings:
        return "rolcompare check: no findings.\n"
    colors = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"} if color else {}
    reset = "\033[0m" if color else ""
    lines: list[str] = []
    for name in dict.fromkeys(f.file for f in findings):
        lines.append(name)
        for f in (x for x in findings if x.file == name):
            where = f"L{f.line}" if f.line else "  -"
            lines.append(f"  {where:>5} {colors.get(f.severity, '')}{f.severity:<7}{reset} {f.rule}: {f.message}")
    counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}
    lines.append(f"rolcompare check: {counts['error']} errors, {counts['warning']} warnings, {counts['info']} notes.")
    return "\n".join(lines) + "\n"


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def sarif(findings: list[Finding], rules: list[dict[str, Any]]) -> dict[str, Any]:
    """A SARIF 2.1.0 log (GitHub code scanning reads it): one run, the rules with ``helpUri``
    anchors in docs/check.md, one result per finding with its file and line."""
    from rolcompare._version import __version__

    index = {r["id"]: i for i, r in enumerate(rules)}
    driver = {
        "name": "rolcompare",
        "version": __version__,
        "rules": [
            {
                "id": r["id"],
                "shortDescription": {"text": r["en"]},
                "fullDescription": {"text": f"{r['en']} · {r['zh']}"},
                "helpUri": f"docs/check.md#{r['id']}",
                "defaultConfiguration": {"level": _SARIF_LEVEL[r["severity"]]},
            }
            for r in rules
        ],
    }
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": [_sarif_result(f, index) for f in findings]}],
    }


def _sarif_result(f: Finding, index: dict[str, int]) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": {"uri": Path(f.file).as_posix()}}
    if f.line:
        location["region"] = {"startLine": f.line}
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "level": _SARIF_LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": location}],
    }
    if f.rule in index:
        result["ruleIndex"] = index[f.rule]
    if f.fingerprint:
        result["partialFingerprints"] = {"rolcompare/v1": f.fingerprint}
    if f.consistency is not None:
        result["properties"] = f.consistency.model_dump()
    return result
