"""The output formats of ``rolcompare check``: text, GitHub workflow commands, JUnit XML, JSON.

Pure functions of the findings: every rule is decided in ``checker``.
"""

from __future__ import annotations

import json
import re
from xml.sax.saxutils import escape, quoteattr

from rolcompare.schema import Finding


def render_findings(findings: list[Finding], fmt: str, color: bool = False) -> str:
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
