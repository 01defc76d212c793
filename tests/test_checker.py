from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import rolcompare as rc
from conftest import ROOT, SAMPLE_2020, SEED
from rolcompare.checker import CheckConfig, check, load_config, parse_config
from rolcompare.cli import main
from rolcompare.errors import ConfigError
from rolcompare.render.findings import github_line, junit_xml, render_findings
from rolcompare.schema import Finding

GOOD = """青山市人民政府{year}年度法治政府建设工作报告
{year}年，青山市认真落实法治政府建设各项任务。
一、法治建设第一责任人履职情况
主要负责人切实履行第一责任人职责，开展会前学法12次。
二、推进法治政府建设主要举措和成效
全年受理行政复议案件{cases}件，主动公开政府信息{disclosed}条。加强行政执法队伍建设，组织执法培训。深化法治宣传教育。
三、存在的问题
一是行政执法队伍力量薄弱；二是法治宣传教育针对性不强。
四、{next}年工作打算
一是加强行政执法队伍建设；二是深化法治宣传教育；三是推进智慧法院诉讼服务中心标准化建设。
"""


def good(year: int = 2020, cases: int = 120, disclosed: int = 5000) -> str:
    return GOOD.format(year=year, next=year + 1, cases=cases, disclosed=disclosed)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def rules_of(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


# each rule: (files to write, expected to fire); and a clean twin that must not fire
TRIGGERS = {
    "missing-part": (
        {"qs/2020.txt": good().replace("三、存在的问题\n一是行政执法队伍力量薄弱；二是法治宣传教育针对性不强。\n", "")},
        True,
    ),
    "no-year": ({"qs/report.txt": good().replace("2020年度", "").replace("2020年，", "")}, True),
    "no-entity": (
        {
            "qs/2020.txt": good()
            .replace("青山市人民政府2020年度法治政府建设工作报告", "2020年度法治政府建设工作报告")
            .replace("2020年，青山市", "2020年，我们")
        },
        True,
    ),
    "year-mismatch": ({"qs/2019.txt": good(2020)}, True),
    "duplicate-report": ({"qs/2020.txt": good(), "qs-copy/2020.txt": good()}, True),
    "damaged-text": ({"qs/2020.txt": good().replace("全年受理", "全年受?cái)理")}, True),
    "empty-plans": (
        {
            "qs/2020.txt": good().replace(
                "一是加强行政执法队伍建设；二是深化法治宣传教育；三是推进智慧法院诉讼服务中心标准化建设。", ""
            )
        },
        True,
    ),
    "problem-without-plan": ({"qs/2020.txt": good().replace("二是法治宣传教育针对性不强", "二是档案管理不规范")}, True),
    "unaddressed-plan": ({"qs/2020.txt": good(2020), "qs/2021.txt": good(2021)}, True),
    "indicator-worse": ({"qs/2020.txt": good(2020, disclosed=5000), "qs/2021.txt": good(2021, disclosed=4000)}, True),
    "unparseable": ({"qs/2020.txt": "\x00\x01binary" * 30}, True),
}


@pytest.mark.parametrize("rule", list(TRIGGERS))
def test_rule_fires(tmp_path: Path, rule: str) -> None:
    files, _ = TRIGGERS[rule]
    for name, text in files.items():
        write(tmp_path, name, text)
    findings = check([tmp_path])
    assert rule in rules_of(findings), findings
    fired = next(f for f in findings if f.rule == rule)
    assert fired.severity == {"indicator-worse": "info"}.get(rule, fired.severity)
    assert fired.message and "\n" not in fired.message


@pytest.mark.parametrize("rule", list(TRIGGERS))
def test_rule_quiet_on_a_clean_report(tmp_path: Path, rule: str) -> None:
    write(tmp_path, "qs/2020.txt", good(2020))
    write(
        tmp_path,
        "qs/2021.txt",
        good(2021)
        .replace("三是推进智慧法院诉讼服务中心标准化建设", "三是完善考核办法")
        .replace("组织执法培训。", "组织执法培训。推进智慧法院诉讼服务中心标准化建设。"),
    )
    assert rule not in rules_of(check([tmp_path]))


def test_seed_passes_with_warnings_only() -> None:
    findings = check([SEED])
    assert findings and {f.severity for f in findings} == {"warning", "info"}
    assert rules_of(findings) == {"damaged-text", "missing-other"}  # (the seed has no part on 其他)
    assert main(["check", str(SEED)]) == 0


def test_shipped_corpus_has_no_errors() -> None:
    findings = check([ROOT / "reports"])
    assert not [f for f in findings if f.severity == "error"]
    assert "unaddressed-plan" in rules_of(findings)  # 2019's 三是 is not carried out in 2020


def test_exit_codes(tmp_path: Path) -> None:
    write(tmp_path, "qs/2019.txt", good(2020))
    assert main(["check", str(tmp_path)]) == 1
    assert main(["check", str(SEED), "--strict"]) == 1
    assert main(["check", str(tmp_path / "nothing-here")]) == 2


WORKFLOW_COMMAND = re.compile(r"^::(error|warning|notice) file=[^,:\n]+(,line=\d+)?(,title=[^,:\n]+)?::[^\n]+$")


def test_github_format_matches_workflow_command_syntax() -> None:
    findings = [
        Finding(rule="damaged-text", severity="warning", file="reports/a,b:c.txt", line=12, message="50% 损坏\n下一行"),
        Finding(rule="no-year", severity="error", file="r/2020.txt", message="未找到年度"),
        Finding(rule="indicator-worse", severity="info", file="r/2021.txt", line=3, message="x: 5 → 4"),
    ]
    lines = render_findings(findings, "github").splitlines()
    assert len(lines) == 3
    assert all(WORKFLOW_COMMAND.match(line) for line in lines), lines
    assert lines[0] == "::warning file=reports/a%2Cb%3Ac.txt,line=12,title=rolcompare damaged-text::50%25 损坏%0A下一行"
    assert lines[1].startswith("::error file=r/2020.txt,title=") and lines[2].startswith("::notice ")
    assert github_line(findings[1]).endswith("::未找到年度")


def test_junit_is_xml_with_one_testcase_per_file(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "2019.txt")
    write(tmp_path, "qs/2019.txt", good(2020))
    findings = check([tmp_path])
    root = ET.fromstring(junit_xml(findings, files=[str(tmp_path / "2019.txt")]))
    cases = root.findall(".//testcase")
    assert sorted(c.get("name") for c in cases) == sorted({str(tmp_path / "2019.txt"), str(tmp_path / "qs/2019.txt")})
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    assert failed == [str(tmp_path / "qs/2019.txt")]


def test_json_format(tmp_path: Path, capsys) -> None:
    assert main(["check", str(SEED), "--format", "json"]) == 0
    import json

    data = json.loads(capsys.readouterr().out)
    assert {d["rule"] for d in data} == {"damaged-text", "missing-other"}
    assert all(len(d["fingerprint"]) == 32 and "consistency" in d for d in data)


def test_config_severity_disable_ignore(tmp_path: Path) -> None:
    write(tmp_path, "qs/2019.txt", good(2020))
    shutil.copy(SEED, tmp_path / "luzhou-2019.txt")
    cfg = parse_config(
        {"severity": {"year-mismatch": "warning"}, "disable": ["damaged-text", "missing-other"], "ignore": ["*/skip/*"]}
    )
    write(tmp_path, "skip/2020.txt", "\x00binary" * 20)
    findings = check([tmp_path], config=cfg)
    assert {(f.rule, f.severity) for f in findings} == {("year-mismatch", "warning")}


def test_config_threshold_makes_damage_an_error() -> None:
    cfg = parse_config({"thresholds": {"damaged_text_max": 2}})
    assert {f.severity for f in check([SEED], config=cfg) if f.rule == "damaged-text"} == {"error"}


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ({"colour": 1}, "unknown key colour"),
        ({"severity": {"nope": "error"}}, "unknown rule"),
        ({"severity": {"no-year": "fatal"}}, "must be error, warning, info or off"),
        ({"thresholds": {"speed": 1}}, "unknown threshold"),
    ],
    ids=["key", "rule", "level", "threshold"],
)
def test_config_errors(section: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_config(section)


def test_config_found_in_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.rolcompare]\ndisable = ["damaged-text"]\n', "utf-8")
    (tmp_path / "reports").mkdir()
    assert load_config(None, start=tmp_path / "reports").disable == {"damaged-text"}
    (tmp_path / "pyproject.toml").write_text("[tool.rolcompare]\nbogus = 1\n", "utf-8")
    assert main(["check", str(SEED), "--config", str(tmp_path / "pyproject.toml")]) == 2


def test_python_api() -> None:
    findings = rc.check([SEED, SAMPLE_2020])
    assert all(isinstance(f, Finding) for f in findings)


@pytest.mark.parametrize(
    "table",
    [{"severity": 5}, {"ignore": [1]}, {"ignore": "drafts/*"}, {"disable": "no-year"}, {"disable": [3]}],
    ids=["severity-number", "ignore-number", "ignore-string", "disable-string", "disable-number"],
)
def test_config_values_of_the_wrong_type_are_config_errors(table: dict) -> None:
    with pytest.raises(ConfigError):
        parse_config(table, "pyproject.toml")


def test_junit_output_parses_whatever_the_file_names_and_messages_hold() -> None:
    bad = Finding(rule="no-year", severity="error", file="reports/a\x01b.txt", line=3, message="年度\x07缺失\x1b[31m")
    root = ET.fromstring(junit_xml([bad]))
    assert root.find(".//failure") is not None


# ---------------------------------------------------------------- SARIF, baselines, suppressions, rule options
CHECK_DATA = Path(__file__).parent / "data" / "check"


def test_sarif_validates_against_the_sarif_schema(tmp_path: Path) -> None:
    import jsonschema

    schema = json.loads((Path(__file__).parent / "data" / "sarif" / "sarif-2.1.0.json").read_text("utf-8"))
    out = tmp_path / "check.sarif"
    code = main(
        [
            "check",
            str(CHECK_DATA / "rate-counts.txt"),
            str(CHECK_DATA / "heading-order.txt"),
            "-f",
            "sarif",
            "-o",
            str(out),
        ]
    )
    assert code == 1  # the two are the same entity and year: duplicate-report, an error
    log = json.loads(out.read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(log)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["rate-disagrees"]["helpUri"] == "docs/check.md#rate-disagrees"
    results = {
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
        for r in run["results"]
        if "region" in r["locations"][0]["physicalLocation"]
    }
    assert ("rate-disagrees", 12) in results and ("heading-order", 13) in results
    bad = dict(log, version="2.0")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(bad)


def test_a_baseline_holds_old_findings_through_edits_elsewhere(tmp_path: Path) -> None:
    report = tmp_path / "2023.txt"
    report.write_text((CHECK_DATA / "rate-counts.txt").read_text("utf-8"), "utf-8")
    baseline = tmp_path / ".rolcompare-baseline.json"
    assert main(["check", str(report), "--write-baseline", str(baseline)]) == 0
    assert "rate-disagrees" in baseline.read_text("utf-8")
    text = report.read_text("utf-8")
    edited = text.replace(
        "（一）深化行政复议体制改革\n", "（一）深化行政复议体制改革\n县政府统筹推进复议工作，渠道进一步畅通。\n"
    )
    report.write_text(edited.replace("按期", "按时"), "utf-8")  # lines moved, other wording changed
    old = {f.rule for f in rc.check([report])}
    cfg = CheckConfig(baseline=str(baseline))
    assert "rate-disagrees" in old and not {f.rule for f in rc.check([report], config=cfg)} & old
    report.write_text(edited + "全年受理行政复议申请30件，审结20件，结案率90%。\n", "utf-8")  # a new one
    new = [(f.rule, f.line) for f in rc.check([report], config=cfg) if f.rule == "rate-disagrees"]
    assert new == [("rate-disagrees", edited.count("\n") + 1)]


def test_inline_markers_suppress_and_a_stale_one_is_reported(tmp_path: Path) -> None:
    report = tmp_path / "2023.txt"
    lines = (CHECK_DATA / "rate-counts.txt").read_text("utf-8").split("\n")
    lines[11] += " <!-- rolcompare-ignore rate-disagrees -->"
    lines[13] += " <!-- rolcompare-ignore rate-over-100 -->"
    report.write_text("\n".join(lines), "utf-8")
    findings = rc.check([report])
    assert "rate-disagrees" not in {f.rule for f in findings}
    assert [(f.rule, f.line) for f in findings if f.rule == "unused-suppression"] == [("unused-suppression", 14)]
    assert "rolcompare-ignore" not in rc.read(report).model_dump_json()  # markers are no report text


def test_per_file_ignores_and_stale_ones(tmp_path: Path) -> None:
    cfg = parse_config(
        {"per-file-ignores": {"*rate-counts*": ["rate-disagrees"], "*nothing*": ["rate-over-100"]}}, "cfg"
    )
    findings = rc.check([CHECK_DATA / "rate-counts.txt"], config=cfg)
    assert "rate-disagrees" not in {f.rule for f in findings}
    stale = [f for f in findings if f.rule == "unused-suppression"]
    assert len(stale) == 1 and "*nothing*" in stale[0].message and stale[0].file == "cfg"
    with pytest.raises(ConfigError):
        parse_config({"per-file-ignores": {"*": ["no-such-rule"]}}, "cfg")


def test_select_and_ignore_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(CHECK_DATA / "rate-counts.txt")
    assert main(["check", path, "-f", "json", "--select", "rate-disagrees,heading-order"]) == 0
    assert {f["rule"] for f in json.loads(capsys.readouterr().out)} == {"rate-disagrees"}
    assert main(["check", path, "-f", "json", "--ignore", "rate-disagrees"]) == 0
    assert "rate-disagrees" not in {f["rule"] for f in json.loads(capsys.readouterr().out)}
    assert main(["check", path, "--select", "bogus"]) == 2
    assert "bogus: no such rule" in capsys.readouterr().err


def test_rules_lists_every_rule_and_explains_one(capsys: pytest.CaptureFixture[str]) -> None:
    from rolcompare.checker import RULES

    assert main(["rules"]) == 0
    listing = capsys.readouterr().out
    assert all(r in listing for r in RULES) and "比率与其分子分母不符" in listing
    assert main(["rules", "part-exceeds-total"]) == 0
    one = capsys.readouterr().out
    assert "例 example" in one and "其中" in one and "docs/check.md#part-exceeds-total" in one
    assert main(["rules", "bogus"]) == 2


@pytest.mark.parametrize("doc", ["docs/check.md", "docs/zh/check.md"], ids=["en", "zh"])
def test_the_rule_tables_in_docs_are_generated_and_current(doc: str) -> None:
    """Both check docs carry the bilingual table rules_markdown() makes from the rules; every
    rule has its Chinese and English condition."""
    from rolcompare.checker.rules import DETAILS_EN, DETAILS_ZH, RULES, rules_markdown

    assert set(DETAILS_EN) == set(DETAILS_ZH) == set(RULES)
    text = (ROOT / doc).read_text("utf-8")
    assert rules_markdown() in text, f"{doc} is stale: paste rolcompare.checker.rules.rules_markdown() in"
