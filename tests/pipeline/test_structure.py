from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

import rolcompare as rc
from rolcompare.lexicon.grammar import classify_kinds, match_heading
from rolcompare.pipeline.normalize import to_traditional
from texts import add_mirror_noise, reports

SEED_LEVEL2 = [
    "坚持高位推动",
    "强化清单管理",
    "推动以创促建",
    "加快政府职能转变",
    "提高制度建设质量",
    "严格履行决策法定程序",
    "提高行政执法效能",
    "自觉接受各界监督",
    "有效化解矛盾纠纷",
]
SEED_LEVEL3 = [
    "优化法治化营商环境",
    "创新“减证便民”举措",
    "深化“信用泸州”建设",
    "强化生态环境保护",
    "加强重点领域立法",
    "加强规范性文件监督管理",
    "严格落实依法决策机制",
    "大力推行专家参与重大行政决策",
    "常态推行行政执法“三项制度”",
    "加强行政执法规范化建设",
    "加强执法协调监督",
    "自觉接受人大监督、民主监督",
    "自觉接受司法监督",
    "强化审计监督力度",
    "全面推进政务公开",
    "健全矛盾纠纷多元化解机制",
    "加强行政复议应诉工作",
    "深化公共法律服务体系建设",
    "运用科技创新社会治理",
]


def test_seed_meta(seed_report) -> None:
    meta = seed_report.meta
    assert (meta.entity, meta.year, meta.script, meta.level) == ("泸州市人民政府", 2019, "traditional", "city")
    assert meta.title == "泸州市人民政府 2019年度法治政府建设工作报告"


def test_seed_level1_parts_and_kinds(seed_report) -> None:
    parts = [(s.id, s.title, s.kinds) for s in seed_report.sections if s.level == 1]
    assert parts == [
        ("1", "法治建设第一责任人履职情况", ["responsibility"]),
        ("2", "推进法治政府建设主要举措和成效", ["measures"]),
        ("3", "存在的问题和2020年工作打算", ["problems", "plans"]),
    ]


def test_seed_level2_and_level3_titles(seed_report) -> None:
    assert [s.title for s in seed_report.sections if s.level == 2] == SEED_LEVEL2
    assert [s.title for s in seed_report.sections if s.level == 3] == SEED_LEVEL3


def test_seed_section_ids_and_parents(seed_report) -> None:
    by_id = {s.id: s for s in seed_report.sections}
    assert by_id["2.6.2"].title == "加强行政复议应诉工作"
    assert by_id["2.6.2"].parent == "2.6" and by_id["2.6"].parent == "2"
    assert by_id["2.6.2"].line == 30 and by_id["2.6.2"].number == "2."
    assert by_id["1.1"].number == "（一）"
    assert seed_report.section("2.6.2") is by_id["2.6.2"] and seed_report.section("9") is None


HEADINGS = [
    ("cn-comma", "一、总体情况", "一、", "总体情况", ""),
    ("cn-dot", "二.存在的问题", "二.", "存在的问题", ""),
    ("cn-dot-normalized", "三。下一步打算", "三.", "下一步打算", ""),  # (一．/一. after normalization)
    ("paren-fullwidth", "（二）强化清单管理。印发文件。", "（二）", "强化清单管理", "印发文件。"),
    ("arabic-dot", "1.优化营商环境。全面深化改革。", "1.", "优化营商环境", "全面深化改革。"),
    ("arabic-comma", "2、推进政务服务标准化。全市…", "2、", "推进政务服务标准化", "全市…"),
    ("paren-arabic", "（3）加强审计", "（3）", "加强审计", ""),
    ("circled", "①完善制度", "①", "完善制度", ""),
    ("part", "第二部分 主要举措和成效", "第二部分", "主要举措和成效", ""),
]


@pytest.mark.parametrize(("line", "number", "title", "body"), [h[1:] for h in HEADINGS], ids=[h[0] for h in HEADINGS])
def test_heading_styles(line: str, number: str, title: str, body: str) -> None:
    heading = match_heading(line)
    assert heading is not None
    assert (heading.number, heading.title, heading.body) == (number, title, body)


@pytest.mark.parametrize(
    "line",
    [
        "2019年，全市受理案件278件。",
        "1.5万人次参加培训",
        "一是加强领导",
        "12·4宪法宣传周",
        "一、二季度全县办理案件12件。",
        "三、四月份开展专项检查。",
        "（一）（二）项目均已完成。",
    ],
    ids=["year", "decimal", "yishi", "date", "quarters", "months", "paren-pair"],
)
def test_not_headings(line: str) -> None:
    assert match_heading(line) is None


@pytest.mark.parametrize(
    ("title", "kinds"),
    [
        ("存在的问题和2020年工作打算", ["problems", "plans"]),
        ("主要举措和成效", ["measures"]),
        ("党政主要负责人履行推进法治建设第一责任人职责情况", ["responsibility"]),
        ("下一步工作安排", ["plans"]),
        ("存在的不足和原因", ["problems"]),
        ("其他需要报告的情况", ["other"]),
    ],
    ids=["problems+plans", "measures", "responsibility", "plans", "problems", "other"],
)
def test_classify_kinds(title: str, kinds: list[str]) -> None:
    assert classify_kinds(title) == kinds


def _shape(report: rc.Report) -> tuple:
    return (
        report.meta.entity,
        report.meta.year,
        report.meta.title,
        [(s.id, s.number, s.title, s.level, s.kinds, s.parent) for s in report.sections],
    )


@given(reports(), st.integers(0, 10_000))
def test_noise_and_script_leave_meta_and_tree_unchanged(text: str, seed: int) -> None:
    clean = rc.parse(text)
    assert _shape(rc.parse(add_mirror_noise(text, random.Random(seed)))) == _shape(clean)
    assert _shape(rc.parse(to_traditional(text))) == _shape(clean)


def test_front_matter_overrides_and_keeps_lines() -> None:
    text = "---\nentity: 青山市人民政府\nyear: 2021\nprovenance: constructed\n---\n某某报告\n一、主要举措和成效\n受理案件3件。\n"
    report = rc.parse(text)
    assert (report.meta.entity, report.meta.year, report.meta.provenance) == ("青山市人民政府", 2021, "constructed")
    assert report.sections[0].line == 7
    assert report.indicators[0].line == 8


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300) | reports().map(lambda t: t[: len(t) // 2]))
def test_parse_never_raises_on_arbitrary_text(text: str) -> None:
    report = rc.parse(text)
    assert all(s.line >= 1 for s in report.sections)
    assert all(i.line >= 1 for i in report.indicators)


UNNUMBERED = """青山区司法局2021年度法治政府建设工作报告
2021年，区司法局认真履行职责，现将有关情况报告如下。
主要工作和成效
全年办理法律援助案件156件，开展普法活动42场。
（一）加强执法监督。评查行政执法案卷60卷。
党政主要负责人履行推进法治建设第一责任人职责情况
局长带头学法，开展会前学法6次。
存在的问题和不足
一是普法形式单一；二是法律援助力量不足。
2022年工作打算
一是创新普法形式；二是充实法律援助力量。
青山区司法局
2022年3月25日
"""


def test_unnumbered_parts_and_signature_block() -> None:
    report = rc.parse(UNNUMBERED)
    parts = [(s.number, s.title, s.kinds) for s in report.sections if s.level == 1]
    assert parts == [
        ("", "主要工作和成效", ["measures"]),
        ("", "党政主要负责人履行推进法治建设第一责任人职责情况", ["responsibility"]),
        ("", "存在的问题和不足", ["problems"]),
        ("", "2022年工作打算", ["plans"]),
    ]
    assert [s.title for s in report.sections if s.level == 2] == ["加强执法监督"]
    assert [c.text for c in report.commitments] == ["创新普法形式", "充实法律援助力量"]  # not the signature
    assert not [w for w in report.warnings if w.code == "missing-part"]


def test_unnumbered_lines_are_not_parts_when_parts_are_numbered(seed_report) -> None:
    text = "某市2020年法治政府建设报告\n一、主要举措和成效\n主要做法\n受理案件3件。\n二、存在的问题\n一是力量薄弱。\n"
    assert [s.title for s in rc.parse(text).sections] == ["主要举措和成效", "存在的问题"]


FRONT_VALUES = st.one_of(
    st.integers(-5, 3000),
    st.text(max_size=12),
    st.booleans(),
    st.none(),
    st.lists(st.integers(), max_size=3),
    st.dates().map(str),
)


@given(
    st.dictionaries(
        st.sampled_from(["entity", "year", "source", "provenance", "level", "title", "note", "extra"]),
        FRONT_VALUES,
        max_size=4,
    )
)
def test_front_matter_gives_report_or_clean_error(fields: dict) -> None:
    import yaml

    text = (
        "---\n"
        + yaml.safe_dump(fields, allow_unicode=True)
        + "---\n某市2020年法治政府建设报告\n一、主要举措和成效\n受理案件3件。\n"
    )
    try:
        report = rc.parse(text)
    except rc.RolcompareError as exc:
        assert "\n" not in str(exc)
    else:
        assert report.indicators[0].line == text.count("\n", 0, text.index("受理案件")) + 1


@given(st.text(alphabet="一二三四五十第部分（）、：. 0123456789①⑳١٢年工作", max_size=12))
def test_heading_shortcut_skips_only_lines_no_style_matches(line: str) -> None:
    """match_heading returns at once on a line no style can start; that shortcut loses nothing."""
    from rolcompare.lexicon.grammar import _HEADING_STARTS, HEADING_STYLES

    if any(pattern.match(line) for _, pattern in HEADING_STYLES):
        assert line[0] in _HEADING_STARTS or line[0].isdecimal()


def test_full_width_dot_headings_make_parts() -> None:
    report = rc.parse(
        "白石县人民政府2022年法治政府建设年度报告\n一．主要举措\n全年办理案件3件。\n二．存在问题\n力量不足。\n"
    )
    assert [(s.number, s.title, s.level) for s in report.sections] == [("一.", "主要举措", 1), ("二.", "存在问题", 1)]


def test_chrome_after_the_signature_is_no_body_and_the_signer_is_kept() -> None:
    """An HTML page's extraction may put its 发布时间/来源 line last, after the signature."""
    text = (
        "关于2022年度法治政府建设情况的报告\n一、主要举措\n全年办理案件3件。\n"
        "白石县人民政府\n2023年2月20日\n发布时间：2023-03-01 来源：县司法局【字体：大中小】\n"
    )
    report = rc.parse(text)
    assert [p.text for p in report.paragraphs] == ["全年办理案件3件。"]
    assert report.meta.entity == "白石县人民政府"
