"""The parse pipeline run in order (the stages are listed in ``rolcompare.pipeline``).

``parse(text)`` parses text in memory; ``read(path)`` reads a file first (``sources.ingest``).
"""

from __future__ import annotations

import re
from pathlib import Path

from rolcompare.errors import InputError
from rolcompare.pipeline.identify import context_of, identify, level_of
from rolcompare.pipeline.indicators import extract_indicators
from rolcompare.pipeline.items import extract_commitments, extract_problems, find_parts
from rolcompare.pipeline.link import link_commitments
from rolcompare.pipeline.meta import infer_meta, merge_meta, read_head, split_front_matter
from rolcompare.pipeline.normalize import normalize
from rolcompare.pipeline.structure import structure, work_report_kinds
from rolcompare.pipeline.targets import extract_targets
from rolcompare.schema import ParseWarning, Report, Structure
from rolcompare.sources.files import DEFAULT_MAX_BYTES
from rolcompare.sources.ingest import ingest, ingest_bytes

_REQUIRED_KINDS = ("responsibility", "measures", "problems", "plans")
_WORK_REPORT_KINDS = ("review", "targets", "tasks")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def read(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """Read a report file (txt, md, html, docx, pdf) into a :class:`Report`; a Report's own
    JSON (what ``rolcompare parse`` writes) is read back as that Report."""
    source = ingest(path, max_bytes=max_bytes)
    if source.text.lstrip()[:1] == "{" and '"schema_version"' in source.text[:200]:
        return _report_json(source.text, source.source or str(path))
    return parse(source.text, source=source.source)


def read_bytes(data: bytes, name: str = "<stdin>", *, max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """``read`` for bytes already in memory (``rolcompare parse -`` reads standard input)."""
    source = ingest_bytes(data, name, max_bytes=max_bytes)
    if source.text.lstrip()[:1] == "{" and '"schema_version"' in source.text[:200]:
        return _report_json(source.text, name)
    return parse(source.text, source=name)


def _report_json(text: str, name: str) -> Report:
    from pydantic import ValidationError

    try:
        return Report.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise InputError(
            f"{name}: JSON with a schema_version but not a rolcompare Report ({where}: {first['msg']}).", path=name
        ) from None


def parse(text: str, source: str | None = None) -> Report:
    """Parse report text already in memory into a :class:`Report`.

    Steps:
      1. split YAML front matter (its fields override what is inferred); drop <!-- comments -->;
      2. normalize (script, pinyin, punctuation, damaged spans) keeping source line numbers;
      3. the head (page chrome, title, addressee) apart from the body; the section tree and
         paragraphs of the body; metadata (entity, year, level) from head and first paragraphs;
      4. extract indicators, commitments and problems;
      5. link each problem to the plans that answer it; quantified targets;
      6. the entity's id and division code (``identify``); report-level warnings.
    """
    front, body, first_line = split_front_matter(text, source or "<text>")
    if "<!--" in body:  # comments (check's suppression markers among them) are no report text
        body = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), body)
    normalized = normalize(body, first_line=first_line)
    head = read_head(normalized.lines)
    struct = structure(head.body)
    meta = merge_meta(
        infer_meta(head, struct.paragraphs, struct.sections, struct.signature), front, normalized.script, source
    )
    if meta.genre == "work_report":
        work_report_kinds(struct.sections)
    indicators = extract_indicators(struct.paragraphs)
    parts = find_parts(struct)
    commitments = extract_commitments(struct, meta.year, parts)
    problems = extract_problems(struct, parts)
    link_commitments(problems, commitments, struct)
    targets = extract_targets(struct.sections, struct.paragraphs, commitments, meta.genre, meta.year)
    if meta.genre == "work_report" and meta.year is None and targets:
        meta.year = targets[0].target_year  # a work report's year is the one it sets targets for (its delivery)
    report = Report(
        meta=meta,
        sections=struct.sections,
        indicators=indicators,
        commitments=commitments,
        problems=problems,
        targets=targets,
        warnings=[*normalized.warnings, *struct.warnings],
        paragraphs=struct.paragraphs,
    )
    _identify(report, front.get("adcode"), level_given=front.get("level") is not None)
    report.warnings.extend(_report_warnings(report, struct))
    return report


def _identify(report: Report, adcode: str | None, level_given: bool) -> None:
    """The entity's id and code; a government's level as its code tells it (front matter's wins)."""
    meta = report.meta
    found = identify(meta.entity, meta.year, context_of(report), adcode=adcode)
    found.apply_to(meta)
    if not level_given:
        meta.level = level_of(found.adcode, meta.level)
    if found.warning is not None:
        report.warnings.append(found.warning)


def _report_warnings(report: Report, struct: Structure) -> list[ParseWarning]:
    out: list[ParseWarning] = []
    if report.meta.year is None:
        out.append(
            ParseWarning(
                code="no-year", message="the year the report covers was not found in the title or first sentence"
            )
        )
    if report.meta.entity is None:
        out.append(ParseWarning(code="no-entity", message="the government or department was not found in the title"))
    present = {k for s in struct.sections if s.level == 1 for k in s.kinds}
    required = _WORK_REPORT_KINDS if report.meta.genre == "work_report" else _REQUIRED_KINDS
    if report.targets:
        present.add("targets")  # (a targets sentence inside the tasks part: the targets are there)
    for kind in required:
        if kind not in present:
            out.append(ParseWarning(code="missing-part", message=f"no part on {kind} ({_KIND_ZH[kind]}) was found"))
    for problem in report.problems:
        if not problem.plans:
            out.append(
                ParseWarning(
                    code="problem-without-plan",
                    message=f"no plan answers the problem “{problem.text[:30]}”",
                    line=problem.line,
                )
            )
    return out


_KIND_ZH = {
    "review": "工作回顾",
    "targets": "总体要求和主要预期目标",
    "tasks": "工作任务",
    "responsibility": "第一责任人履职情况",
    "measures": "主要举措和成效",
    "problems": "存在的问题",
    "plans": "下一年度工作安排",
}
