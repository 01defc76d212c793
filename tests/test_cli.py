from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE_2020, SEED
from rolcompare.cli import main


def run(*args: str) -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "rolcompare", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    return proc.returncode, proc.stdout, proc.stderr


def test_parse_json_is_the_schema() -> None:
    code, out, err = run("parse", str(SEED))
    assert code == 0, err
    data = json.loads(out)
    assert data["meta"]["entity"] == "泸州市人民政府" and data["schema_version"] == "4"
    assert len(data["sections"]) == 31


@pytest.mark.parametrize("fmt", ["md", "table"])
def test_parse_human_formats(fmt: str, capsys) -> None:
    assert main(["parse", str(SEED), "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "受理行政复议案件" in out and "一是" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["parse", "missing.txt"], "no such file"),
        (["compare", str(SEED), "missing.txt"], "no such file"),
        (["compare", str(SEED), str(SAMPLE_2020), "--fail-on", "bogus"], "unknown compare rule bogus; choose from"),
        (["parse", str(SEED), "-o", str(SEED)], "refusing to overwrite an input file"),
    ],
    ids=["parse-missing", "compare-missing", "unknown-rule", "overwrite-input"],
)
def test_bad_input_is_one_sentence_and_exit_2(args: list[str], message: str) -> None:
    code, _out, err = run(*args)
    assert code == 2
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def _library_error(call) -> str:
    import rolcompare as rc

    with pytest.raises(rc.RolcompareError) as info:
        call()
    return str(info.value)


def _over_limit() -> None:
    from rolcompare.pipeline.run import read

    read(SEED, max_bytes=100)


def _unknown_rule() -> None:
    from rolcompare.checker import validate_rules

    validate_rules(["bogus"])


def _overwrite_input() -> None:
    from rolcompare.sources.files import write_atomic

    write_atomic(SEED, "x", [SEED])


def _unknown_engine() -> None:
    from rolcompare.corpus import panel

    panel(SEED.parent, engine="bogus")


@pytest.mark.parametrize(
    ("call", "args", "flag"),
    [
        (_over_limit, ["parse", str(SEED), "--max-bytes", "100"], "(raise the limit with --max-bytes)."),
        (_unknown_rule, ["compare", str(SEED), str(SAMPLE_2020), "--fail-on", "bogus"], "(--fail-on)."),
        (_overwrite_input, ["parse", str(SEED), "-o", str(SEED)], "(-o)."),
        (_unknown_engine, ["panel", str(SEED.parent), "--engine", "bogus"], "(--engine)."),
    ],
    ids=["max-bytes", "fail-on", "output", "engine"],
)
def test_library_messages_name_the_problem_and_the_cli_adds_the_flag(call, args: list[str], flag: str) -> None:
    library = _library_error(call)
    assert "--" not in library and "-o" not in library.split(), library
    code, _out, err = run(*args)
    assert code == 2 and err.strip().endswith(flag), err
    assert library.removesuffix(".") in err


@pytest.mark.parametrize(
    "content", [b"", b"\x00\x01\x02binary" * 50, b"\xff\xfe\xfd\xfc" * 10], ids=["empty", "binary", "garbage"]
)
def test_unreadable_files_exit_2(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    code, _, err = run("parse", str(bad))
    assert code == 2 and str(bad) in err and "Traceback" not in err


def test_fail_on_fires_with_exit_1() -> None:
    code, out, err = run("compare", str(SEED), str(SAMPLE_2020), "--fail-on", "not-found,worse")
    assert code == 1
    assert "not-found: 1" in err and "worse: 1" in err
    assert "上年工作打算落实情况" in out


def test_fail_on_quiet_when_nothing_fires() -> None:
    assert run("compare", str(SEED), str(SEED), "--fail-on", "worse,removed")[0] == 0


@pytest.mark.parametrize("fmt", ["md", "json", "html", "csv", "xlsx"])
def test_compare_writes_every_format_atomically(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"diff.{fmt}"
    out.write_text("old content")
    assert main(["compare", str(SEED), str(SAMPLE_2020), "--format", fmt, "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data != b"old content" and len(data) > 500
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    if fmt == "csv":
        assert (tmp_path / "diff.commitments.csv").exists()


def test_failed_run_leaves_existing_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("keep me")
    assert main(["parse", str(tmp_path / "missing.txt"), "-o", str(out)]) == 2
    assert out.read_text() == "keep me"


def test_schema_command_and_docs_copy_is_current() -> None:
    code, out, _ = run("schema")
    assert code == 0
    assert json.loads(out) == json.loads((ROOT / "docs" / "schema.json").read_text("utf-8")), (
        "docs/schema.json is stale: run `rolcompare schema > docs/schema.json`"
    )


def test_cli_starts_without_heavy_imports() -> None:
    code = (
        "import sys, rolcompare.cli; heavy = [m for m in ('pandas', 'opencc', 'deepdiff', 'trafilatura', 'docx', 'pypdf')"
        " if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_compare_warns_when_reports_do_not_pair(tmp_path: Path) -> None:
    code, _, err = run("compare", str(SAMPLE_2020), str(SEED))
    assert code == 0 and "not a year after" in err
    other = tmp_path / "2020.txt"
    other.write_text("青山市人民政府2020年度法治政府建设工作报告\n一、主要举措和成效\n受理案件3件。\n", "utf-8")
    assert "different governments" in run("compare", str(SEED), str(other))[2]


@pytest.mark.parametrize("command", ["parse", "panel"])
def test_unwritable_output_is_one_sentence(tmp_path: Path, command: str) -> None:
    target = tmp_path / "missing-dir" / "out.csv"
    source = str(SEED) if command == "parse" else str(ROOT / "reports")
    code, _, err = run(command, source, "-o", str(target))
    assert code == 2 and "Traceback" not in err and "does not exist" in err


def test_write_failure_is_one_sentence(tmp_path: Path, monkeypatch, capsys) -> None:
    """A full disk or a read-only folder (simulated: CI runs as root) gives exit 2, not a traceback."""
    import tempfile

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    assert main(["parse", str(SEED), "-o", str(tmp_path / "out.json")]) == 2
    assert "cannot write there (Permission denied)" in capsys.readouterr().err
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize("suffix", ["xlsx", "json", "html", "csv", "md"])
def test_compare_format_follows_the_output_suffix(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"diff.{suffix}"
    assert main(["compare", str(SEED), str(SAMPLE_2020), "-o", str(out)]) == 0
    data = out.read_bytes()
    expected = {"xlsx": data[:2] == b"PK", "json": data[:1] == b"{", "html": b"<html" in data[:300].lower()}
    assert expected.get(suffix, data[:1] not in (b"{", b"P", b"<"))


def test_compare_refuses_a_format_the_output_suffix_contradicts(tmp_path: Path) -> None:
    out = tmp_path / "diff.xlsx"
    code, _, err = run("compare", str(SEED), str(SAMPLE_2020), "--format", "md", "-o", str(out))
    assert code == 2 and "xlsx" in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_compare_reads_parse_json_back_as_a_report(tmp_path: Path) -> None:
    parsed = tmp_path / "2019.json"
    assert main(["parse", str(SEED), "-o", str(parsed)]) == 0
    import rolcompare as rc

    diff = rc.compare(parsed, SAMPLE_2020)
    assert diff.old.entity == "泸州市人民政府"
    assert diff.summary.indicators_removed < 50  # (read as text, all ~70 would be "removed")


def test_json_that_is_no_report_is_one_sentence(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"schema_version": "2", "meta": 5, "说明": "不是报告"}', "utf-8")
    code, _, err = run("parse", str(bad))
    assert code == 2 and "not a rolcompare Report" in err and "Traceback" not in err


def test_check_of_an_empty_folder_is_exit_2(tmp_path: Path) -> None:
    code, _, err = run("check", str(tmp_path))
    assert code == 2 and "no report files" in err


def test_check_counts_a_file_under_two_spellings_once(tmp_path: Path) -> None:
    import rolcompare as rc

    report = tmp_path / "qs" / "2020.txt"
    report.parent.mkdir()
    report.write_bytes(SAMPLE_2020.read_bytes())
    once = rc.check([report])
    assert rc.check([report, tmp_path / "qs" / ".." / "qs" / "2020.txt"]) == once


def test_check_reports_bad_front_matter_as_one_finding(tmp_path: Path) -> None:
    import rolcompare as rc

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "2020.txt").write_text(
        "---\nnonsense_key: 1\n---\n某某报告\n一、主要举措\n受理案件3件。\n", "utf-8"
    )
    (tmp_path / "a" / "2021.txt").write_bytes(SAMPLE_2020.read_bytes())
    findings = rc.check([tmp_path])
    assert [f.rule for f in findings if f.file.endswith("2020.txt")] == ["unparseable"]
    assert any(f.file.endswith("2021.txt") for f in findings) or len(findings) == 1


def test_a_file_name_that_is_not_utf8_reaches_every_output(tmp_path: Path) -> None:
    import os

    name = os.fsdecode(bytes(tmp_path) + b"/r\xff.txt")
    Path(name).write_bytes(SAMPLE_2020.read_bytes())
    out = tmp_path / "out.json"
    assert main(["parse", name, "-o", str(out)]) == 0
    assert "\ufffd" in json.loads(out.read_text("utf-8"))["meta"]["source"]
    code, _, err = run("parse", os.fsdecode(bytes(tmp_path) + b"/missing\xff.txt"))
    assert code == 2 and "Traceback" not in err


@pytest.mark.parametrize(
    ("args", "words"),
    [(["--workers", "-1"], "--workers"), (["--plot", "FILE"], "--plot")],
    ids=["negative-workers", "plot-is-a-file"],
)
def test_panel_bad_options_are_one_sentence(tmp_path: Path, args: list[str], words: str) -> None:
    (tmp_path / "FILE").write_text("x")
    args = [str(tmp_path / "FILE") if a == "FILE" else a for a in args]
    code, _, err = run("panel", str(ROOT / "reports"), *args, "-o", str(tmp_path / "p.csv"))
    assert code == 2 and words in err and len(err.strip().splitlines()) == 1


def test_output_to_a_gbk_terminal_does_not_crash() -> None:
    """≈, ·, → and U+FFFD have no GBK code: they are replaced, never a UnicodeEncodeError."""
    import os

    proc = subprocess.run(
        [sys.executable, "-m", "rolcompare", "compare", str(SEED), str(SAMPLE_2020)],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "gbk"},
    )
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr
    assert "泸州市人民政府".encode("gbk") in proc.stdout


def test_version_flag() -> None:
    import rolcompare

    code, out, _ = run("--version")
    assert code == 0 and out.strip() == f"rolcompare {rolcompare.__version__}"


def _stdin(args: list[str], data: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "rolcompare", *args], input=data, capture_output=True, cwd=ROOT, timeout=120
    )


def test_dash_reads_standard_input() -> None:
    seed = SEED.read_bytes()
    parsed = _stdin(["parse", "-"], seed)
    assert parsed.returncode == 0 and json.loads(parsed.stdout)["meta"]["source"] == "<stdin>"
    assert json.loads(parsed.stdout)["indicators"] == json.loads(run("parse", str(SEED))[1])["indicators"]
    compared = _stdin(["compare", "-", str(SAMPLE_2020)], seed)
    assert compared.returncode == 0 and "法治政府建设报告对比" in compared.stdout.decode()
    for args, data, message in [
        (["parse", "-"], b"", "the input is empty"),
        (["compare", "-", "-"], seed, "only one of the two reports"),
        (["parse", "-", "--max-bytes", "100"], seed, "over the limit of 100 bytes"),
    ]:
        bad = _stdin(args, data)
        assert bad.returncode == 2 and message in bad.stderr.decode(), bad.stderr
