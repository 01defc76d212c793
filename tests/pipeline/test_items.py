from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

import rolcompare as rc
from conftest import DATA
from rolcompare.pipeline.items import split_enumeration
from rolcompare.pipeline.normalize import to_traditional
from texts import add_mirror_noise

SEED_PLANS = [
    ("一是", "及时制定2020年法治政府建设重点工作安排，不折不扣完成《法治政府建设实施纲要（2015—2020年）》各项工作任务"),
    ("二是", "积极贯彻落实《优化营商环境条例》，进一步加强“放管服”改革，强化营商环境整治，加强事中事后监管"),
    ("三是", "加强队伍建设，著力解决法治政府建设队伍业务素质与新时代工作要求的适应性问题"),
    ("四是", "进一步完善法治政府建设考核评估方式，促使各地各部门对标提升法治政府建设水平"),
]


def test_seed_commitments(seed_report) -> None:
    got = [(c.ordinal, c.text, c.target_year, c.section, c.line) for c in seed_report.commitments]
    assert got == [(o, t, 2020, "3", 35) for o, t in SEED_PLANS]


def test_seed_problems(seed_report) -> None:
    texts = [p.text for p in seed_report.problems]
    assert len(texts) == 4
    assert texts[0].startswith("对照中共中央、国务院《法治政府建设实施纲要") and texts[0].endswith("需要加大工作力度")
    assert texts[1].startswith("法治化营商环境需要进一步优化") and texts[1].endswith("事中事后监管服务还不到位")
    assert texts[2].startswith("机构改革后部分政府职能部门") and texts[2].endswith("等问题")
    assert texts[3] == "法治政府建设队伍业务水平与现实需求存在一定的差距"
    assert all(p.line == 34 for p in seed_report.problems)


def test_seed_problem_plan_links(seed_report) -> None:
    links = {p.id: [x.commitment for x in p.plans] for p in seed_report.problems}
    assert links["p2"] == ["c2"]  # business environment → 二是
    assert links["p3"] == ["c3"] and links["p4"] == ["c3"]  # staffing → 三是
    assert "营商环境" in "".join(seed_report.problems[1].plans[0].terms)
    assert not [w for w in seed_report.warnings if w.code == "problem-without-plan"]


def test_commitment_continues_measures(seed_report) -> None:
    assert "2.1.1" in seed_report.commitments[1].continues  # 营商环境 plan continues 优化法治化营商环境


CN = "一二三四五六七八九十"
PLAN_TEXTS = [
    "深入推进依法行政",
    "加强行政执法队伍建设",
    "深化法治宣传教育",
    "完善行政复议工作机制",
    "推进政务公开标准化",
    "健全矛盾纠纷化解机制",
    "提升公共法律服务水平",
    "规范重大行政决策程序",
    "加强规范性文件备案审查",
    "推进综合行政执法改革",
    "强化审计监督",
    "完善考核评估办法",
]
STYLES = {
    "yishi": lambda i: f"{CN[i] if i < 10 else '十' + CN[i - 10]}是",
    "diyi": lambda i: f"第{CN[i] if i < 10 else '十' + CN[i - 10]}，",
    "paren": lambda i: f"（{CN[i] if i < 10 else '十' + CN[i - 10]}）",
    "arabic": lambda i: f"{i + 1}.",
    "circled": lambda i: chr(ord("①") + i),
}


def plans_report(n: int, style: str, inline: bool) -> str:
    head = "青山市人民政府2020年度法治政府建设工作报告\n一、主要举措和成效\n全年受理案件3件。\n二、2021年工作打算\n"
    marks = [STYLES[style](i) for i in range(n)]
    if inline:
        body = "2021年，我们将重点做好以下工作：" + "；".join(f"{m}{PLAN_TEXTS[i]}" for i, m in enumerate(marks)) + "。"
    else:
        body = "\n".join(f"{m}{PLAN_TEXTS[i]}。" for i, m in enumerate(marks))
    return head + body + "\n"


@given(st.integers(1, 12), st.sampled_from(list(STYLES)), st.booleans(), st.integers(0, 1000))
def test_n_plans_in_every_style(n: int, style: str, inline: bool, seed: int) -> None:
    if inline and style in ("paren", "arabic", "circled") and n == 1:
        inline = False  # a lone inline marker is not an enumeration
    if not inline and style in ("yishi", "diyi"):
        inline = True  # 一是/第一 are inline by nature
    text = plans_report(n, style, inline)
    expected = [(STYLES[style](i).rstrip("，"), PLAN_TEXTS[i]) for i in range(n)]
    for variant in (text, add_mirror_noise(text, random.Random(seed)), to_traditional(text)):
        report = rc.parse(variant)
        assert [(c.ordinal, c.text) for c in report.commitments] == expected
        assert all(c.target_year == 2021 for c in report.commitments)


def test_split_enumeration_drops_preamble() -> None:
    items = split_enumeration("2021年，我们将继续努力：一是加强领导；二是完善制度；三是强化考核。")
    assert items == [("一是", "加强领导"), ("二是", "完善制度"), ("三是", "强化考核")]


def test_plans_as_own_part_with_subsections() -> None:
    report = rc.read(DATA / "reports" / "yunling-2021.txt")
    assert [(c.ordinal, c.target_year) for c in report.commitments] == [
        ("（一）", 2022),
        ("（二）", 2022),
        ("（三）", 2022),
        ("（四）", 2022),
    ]
    assert report.commitments[1].text.startswith("提升行政执法质量。开展行政执法人员全员轮训")
    assert [p.text for p in report.problems] == [
        "行政执法规范化水平仍有差距，部分基层执法人员素质不高，执法程序不够规范",
        "行政复议纠错率偏高，部分行政行为合法性审查不到位",
        "法治宣传教育针对性不强，基层群众法治意识有待进一步提高",
    ]
    links = {p.id: next(x.commitment for x in p.plans) for p in report.problems}
    assert links == {"p1": "c2", "p2": "c3", "p3": "c4"}


def test_department_report_with_diyi_plans() -> None:
    report = rc.read(DATA / "reports" / "baishi-sifaju-2020.txt")
    assert [c.ordinal for c in report.commitments] == ["第一", "第二", "第三"]
    assert report.commitments[0].text == "深入实施“八五”普法规划，创新普法形式，增强农村普法实效"
    assert len(report.problems) == 3
    assert [x.commitment for x in report.problems[1].plans] == ["c2"]  # 司法所力量 → 司法所建设


def test_forward_looking_sentence_outside_plans() -> None:
    text = (
        "青山市人民政府2020年度法治政府建设工作报告\n一、主要举措和成效\n"
        "全年受理案件3件。2021年将全面推行行政执法公示制度。\n二、存在的问题\n一是基层力量薄弱；二是宣传不够。\n"
    )
    report = rc.parse(text)
    assert [(c.text, c.target_year, c.section) for c in report.commitments] == [
        ("2021年将全面推行行政执法公示制度", 2021, "1")
    ]


def test_problem_without_plan_warning() -> None:
    text = (
        "青山市人民政府2020年度法治政府建设工作报告\n一、存在的问题\n一是档案管理不规范；二是执法队伍力量薄弱。\n"
        "二、2021年工作打算\n一是加强执法队伍建设；二是完善考核办法。\n"
    )
    report = rc.parse(text)
    flagged = [w for w in report.warnings if w.code == "problem-without-plan"]
    assert len(flagged) == 1 and "档案管理" in flagged[0].message


@pytest.mark.parametrize(
    "lead",
    ["但仍然存在一些不足，如：", "但也存在一些问题，主要是：", "对照要求，还存在以下不足："],
    ids=["ru", "zhuyaoshi", "yixia"],
)
def test_problem_list_styles(lead: str) -> None:
    text = (
        f"青山市人民政府2020年度法治政府建设工作报告\n一、存在的问题\n2020年工作取得成效，{lead}"
        "执法人员素质不高；宣传教育针对性不强；基层法治力量薄弱等等。\n二、2021年工作打算\n一是加强培训；二是改进宣传。\n"
    )
    assert [p.text for p in rc.parse(text).problems] == ["执法人员素质不高", "宣传教育针对性不强", "基层法治力量薄弱"]


def test_inline_circled_problems_and_paren_plans_on_one_line() -> None:
    text = (
        "中共青山县委 青山县人民政府\n关于2022年度法治政府建设情况的报告\n第一部分 2022年法治政府建设工作情况\n"
        "全县政务服务事项可网办率达到99.2%。\n第二部分 存在的问题\n"
        "①部分乡镇法治机构不健全；②行政执法人员培训不够系统；③公众参与决策的渠道还不够畅通。\n"
        "第三部分 2023年工作计划\n（一）完善乡镇法治机构。（二）开展行政执法人员全员培训。（三）拓宽公众参与决策渠道。\n"
    )
    report = rc.parse(text)
    assert report.meta.entity == "青山县人民政府" and report.meta.year == 2022
    assert [p.text for p in report.problems] == [
        "部分乡镇法治机构不健全",
        "行政执法人员培训不够系统",
        "公众参与决策的渠道还不够畅通",
    ]
    assert [(c.ordinal, c.text, c.target_year) for c in report.commitments] == [
        ("（一）", "完善乡镇法治机构", 2023),
        ("（二）", "开展行政执法人员全员培训", 2023),
        ("（三）", "拓宽公众参与决策渠道", 2023),
    ]
    assert [[x.commitment for x in p.plans] for p in report.problems] == [["c1"], ["c2"], ["c3"]]


@given(st.text(alphabet="但是同时等行政执法。；，、 \n\u3000\t", max_size=30))
def test_clean_equals_its_regex_definition(text: str) -> None:
    import re

    from rolcompare.pipeline.items import _LEADING, _clean

    expected = re.sub(r"(?:等等|等)?[。；，、\s]*$", "", _LEADING.sub("", text.strip())).strip()
    assert _clean(text) == expected


@given(st.text(alphabet="一二三十是其第（）12.、，：；。的工作", max_size=30))
def test_marker_hints_are_in_every_marker(text: str) -> None:
    """split_enumeration skips a style when its hint character is absent: no marker is lost."""
    from rolcompare.pipeline.items import _MARKER_HINTS, _MARKER_RES

    for style, hint in _MARKER_HINTS.items():
        if _MARKER_RES[style].search(text):
            assert hint in text


@given(st.text(alphabet="一二三十是其第（）12.、，：；。的工作 \u3000", max_size=40))
def test_marker_search_equals_the_look_behind_definition(text: str) -> None:
    """``_markers`` finds what ``finditer`` finds with the boundary as a look-behind."""
    import re

    from rolcompare.pipeline.items import _MARKER_RES, MARKER_STYLES, _markers

    for style, body in MARKER_STYLES.items():
        plain = re.compile(rf"(?:^|(?<=[。；;，：:\s]))(?P<ord>{body})[，、：,]?")
        assert [m.span() for m in _markers(_MARKER_RES[style], text)] == [m.span() for m in plain.finditer(text)]


@given(st.text(alphabet="一二三十是的工作12.、，", max_size=30))
def test_marker_styles_that_open_with_a_class_equal_their_look_behind_forms(text: str) -> None:
    import re

    from rolcompare.pipeline.items import _CN, MARKER_STYLES

    look_behind_forms = {"shi": rf"(?<![{_CN}])[{_CN}]{{1,3}}是(?=[^的])", "arabic": r"(?<![\d.])\d{1,2}[.、](?!\d)"}
    for style, form in look_behind_forms.items():
        spans = [m.span() for m in re.finditer(MARKER_STYLES[style], text)]
        assert spans == [m.span() for m in re.finditer(form, text)]


@pytest.mark.parametrize(
    "path",
    sorted([*DATA.glob("**/*.txt"), *(DATA.parent.parent / "reports").glob("*/*.txt")]),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_parts_found_once_serve_both_extractors(path) -> None:
    """Passing ``find_parts(struct)`` (as the pipeline does) changes nothing, and neither
    extractor changes the parts it is given."""
    from rolcompare.pipeline.items import extract_commitments, extract_problems, find_parts
    from rolcompare.pipeline.meta import split_front_matter
    from rolcompare.pipeline.normalize import normalize
    from rolcompare.pipeline.structure import structure
    from rolcompare.sources.ingest import ingest

    _, body, _ = split_front_matter(ingest(path).text, str(path))
    struct = structure(normalize(body).lines)
    parts = find_parts(struct)
    before = (dict(parts.item_sections), list(parts.plan_paragraphs), list(parts.problem_paragraphs))
    assert extract_commitments(struct, 2019, parts) == extract_commitments(struct, 2019)
    assert extract_problems(struct, parts) == extract_problems(struct)
    assert (parts.item_sections, parts.plan_paragraphs, parts.problem_paragraphs) == before
