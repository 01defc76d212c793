"""The head of a page and the report's metadata (``rolcompare.pipeline.meta``).

Every text here is written for these tests in the layouts real government sites use (see
``../shared/real-dev/`` for the real pages; none of their sentences is copied): breadcrumbs and
publication lines above the title, the title twice or split, no title at all, a cover letter's
addressee, a party group or a joint committee reporting, short forms of the body's name.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

import rolcompare as rc
from rolcompare.pipeline.meta import Org, _whole_org, canonical, infer_level
from texts import reports

BODY = "一、主要举措和成效\n（一）深化改革。全年受理行政复议案件12件。\n二、存在的问题\n基层力量薄弱。\n"


def _meta(head: str) -> rc.ReportMeta:
    return rc.parse(head + BODY).meta


CASES = [
    # (id, head, entity, entity_as_written, year, level)
    (
        "title-city",
        "云岭市人民政府关于2021年法治政府建设情况的报告\n",
        "云岭市人民政府",
        "云岭市人民政府",
        2021,
        "city",
    ),
    ("title-place-only", "白石县2021年法治政府建设年度报告\n", "白石县人民政府", "白石县", 2021, "county"),
    (
        "title-cn-year",
        "云岭市司法局二〇二〇年度法治政府建设工作报告\n",
        "云岭市司法局",
        "云岭市司法局",
        2020,
        "department",
    ),
    (
        "title-district-space",
        "北川市江南区人民政府 关于2022年度法治政府建设情况的报告\n",
        "北川市江南区人民政府",
        "北川市江南区人民政府",
        2022,
        "district",
    ),
    (
        "title-no-report-word",
        "河西省公安厅2023年法治政府建设工作情况\n",
        "河西省公安厅",
        "河西省公安厅",
        2023,
        "department",
    ),
    (
        "breadcrumb-date-source",
        "网站支持IPv6\n当前位置：首页 > 政务公开 > 法治政府建设\n\n青山市2019年度法治政府建设情况报告\n"
        "2020-04-01 09:30     来源：青山市司法局\n【字体：大 中 小】 打印\n",
        "青山市人民政府",
        "青山市",
        2019,
        "city",
    ),
    (
        "pipe-table",
        "索引号： | 11500-2021-0042 | 发布机构： | 白石县应急管理局 |\n生效日期： | 2022-01-20 | 废止日期： | |\n"
        "白石县应急局2021年度法治政府建设情况报告\n",
        "白石县应急管理局",
        "白石县应急局",
        2021,
        "department",
    ),
    (
        "title-twice-split",
        "您当前的位置：首页 >政务公开 >年报\n云岭市北山区石桥镇人民政府 关于2020年度法治政府建设情况的报告\n"
        "日期：2021-03-30\n云岭市北山区石桥镇人民政府\n关于2020年度法治政府建设情况的报告\n",
        "云岭市北山区石桥镇人民政府",
        "云岭市北山区石桥镇人民政府",
        2020,
        "township",
    ),
    (
        "party-group-split",
        "\n中共青山市水务局党组\n2022年度法治政府建设报告\n",
        "青山市水务局",
        "中共青山市水务局党组",
        2022,
        "department",
    ),
    (
        "street-title-repeated",
        "西湖街道2023年度法治政府建设情况报告\n西湖街道2023年度法治政府建设情况报告\n",
        "西湖街道办事处",
        "西湖街道",
        2023,
        "township",
    ),
    (
        "no-title-subject",
        "2022年，省卫生健康委坚持依法行政，法治建设取得新成效。\n",
        "省卫生健康委员会",
        "省卫生健康委",
        2022,
        "department",
    ),
    (
        "no-title-lead-phrases",
        "2024年，在县委、县政府的坚强领导下，在县人大的监督支持下，白石县市场监管局认真落实各项部署。\n",
        "白石县市场监督管理局",
        "白石县市场监管局",
        2024,
        "department",
    ),
    (
        "no-title-place-only",
        "2021年，云岭市坚持以法治思想为指导，扎实推进法治政府建设。\n",
        "云岭市人民政府",
        "云岭市",
        2021,
        "city",
    ),
    (
        "self-reference-resolved",
        "按照上级有关要求，现将我局2023年度法治政府建设情况报告如下：\n"
        "2023年，青山市北湖区人社局把法治建设摆在重要位置。\n",
        "青山市北湖区人力资源和社会保障局",
        "我局",
        2023,
        "department",
    ),
    (
        "self-reference-in-title-brackets",
        "2023年，我局坚持依法行政，制定《云岭区人力社保局重大行政决策程序规定》。现将情况报告如下：\n",
        "云岭区人力资源和社会保障局",
        "我局",
        2023,
        "department",
    ),
    (
        "placeless-name-resolved",
        "现将市自然资源局2020年度法治政府建设工作报告如下：\n2020年以来，北川市自然资源局全面推进依法行政。\n",
        "北川市自然资源局",
        "市自然资源局",
        2020,
        "department",
    ),
    (
        "joint-region",
        "2021年，自治区党委和政府坚持依法治区，认真落实视察广西时的重要指示。\n",
        "广西壮族自治区人民政府",
        "自治区党委和政府",
        2021,
        "province",
    ),
    (
        "joint-city-committee",
        "中共云岭市委 云岭市人民政府\n关于2022年度法治政府建设情况的报告\n",
        "云岭市人民政府",
        "云岭市人民政府",
        2022,
        "city",
    ),
    (
        "autonomous-prefecture-short",
        "甘孜州司法局2021年度法治政府建设情况报告\n",
        "甘孜藏族自治州司法局",
        "甘孜州司法局",
        2021,
        "department",
    ),
    (
        "addressee-cover-letter",
        "市政府并市委：\n2020年，在市委市政府的坚强领导下，市交通运输局扎实推进法治政府建设。现将2020年度工作情况报告如下：\n",
        "市交通运输局",
        "市交通运输局",
        2020,
        "department",
    ),
    (
        "delivery-to-congress",
        "青山市人民政府关于2019年度法治政府建设情况的报告\n——2020年6月28日在青山市第十六届人大常委会第二十次会议上\n"
        "主任、副主任、秘书长、各位委员：\n",
        "青山市人民政府",
        "青山市人民政府",
        2019,
        "city",
    ),
    (
        "no-year-in-opening",
        "现将我局法治政府建设年度情况报告如下：\n2018年度，白石县民政局成立法治政府建设工作领导小组。\n",
        "白石县民政局",
        "我局",
        2018,
        "department",
    ),
    (
        "ministry",
        "2022年，在党中央、国务院的领导下，水利部深入推进依法行政。\n",
        "水利部",
        "水利部",
        2022,
        "department",
    ),
    (
        "run-on-first-line",
        "示例网—资料每日更新www.example.com河西省人民政府关于2023年度法治政府建设情况的报告2023年，省政府坚持依法行政。",
        "河西省人民政府",
        "河西省人民政府",
        2023,
        "province",
    ),
]


@pytest.mark.parametrize(
    ("head", "entity", "written", "year", "level"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_meta_from_head(head: str, entity: str, written: str, year: int, level: str) -> None:
    meta = _meta(head)
    assert (meta.entity, meta.entity_as_written, meta.year, meta.level) == (entity, written, year, level)


def test_title_is_found_behind_chrome() -> None:
    meta = _meta("当前位置：首页 > 信息公开\n青山市2019年度法治政府建设情况报告\n发布时间：2020-04-01\n")
    assert meta.title == "青山市2019年度法治政府建设情况报告"


def test_publication_year_never_counts() -> None:
    meta = _meta("发布时间：2023年3月1日\n现将有关情况报告如下：\n")
    assert meta.year is None
    assert "no-year" in {w.code for w in rc.parse("发布时间：2023年3月1日\n现将有关情况报告如下：\n" + BODY).warnings}


def test_year_in_title_beats_a_heading_repeating_last_year() -> None:
    report = rc.parse("西湖街道2025年法治政府建设年度报告\n一、2024年法治政府建设基本情况\n全年召开会议4次。\n")
    assert report.meta.year == 2025


def test_chrome_is_no_entity() -> None:
    report = rc.parse("当前位置：首页 > 政务公开 >\n区内新闻\n现将有关情况报告如下：\n" + BODY)
    assert report.meta.entity is None
    assert "no-entity" in {w.code for w in report.warnings}


def test_unnamed_department_keeps_its_level() -> None:
    meta = _meta("市政府：\n2020年，作为生态环境部门，我们全力推进污染防治。现将2020年度工作情况报告如下：\n")
    assert (meta.entity, meta.level) == (None, "department")


@pytest.mark.parametrize(
    ("org", "name"),
    [
        (Org("北京市", place="北京市"), "北京市人民政府"),
        (Org("朝阳区政府", place="朝阳区", body="政府"), "朝阳区人民政府"),
        (Org("东湖街道", place="东湖街道"), "东湖街道办事处"),
        (Org("聚奎镇", place="聚奎镇"), "聚奎镇人民政府"),
        (Org("北湖区人社局", place="北湖区", body="人社局"), "北湖区人力资源和社会保障局"),
        (Org("海南州教育局", place="海南州", body="教育局"), "海南藏族自治州教育局"),
        (Org("白石县县民政局", place="白石县", body="县民政局"), "白石县民政局"),
        (Org("市委市政府", place="南宁市", joint=True), "南宁市人民政府"),
    ],
    ids=[
        "place",
        "government-short",
        "street",
        "town",
        "short-department",
        "autonomous-prefecture",
        "doubled",
        "joint",
    ],
)
def test_canonical(org: Org, name: str) -> None:
    assert canonical(org) == name


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("郑州市人力资源和社会保障局", "郑州市人力资源和社会保障局"),
        ("杭州市上城区人社局", "杭州市上城区人力资源和社会保障局"),
        ("清河县市场监管局", "清河县市场监督管理局"),
        ("石柱土家族自治县公安局", "石柱土家族自治县公安局"),
        ("宁夏回族自治区党委和政府", "宁夏回族自治区人民政府"),
        ("中共青山市水务局党组", "青山市水务局"),
        ("北城街街道办事处", "北城街街道办事处"),
    ],
    ids=["zhou-shi", "district-short-form", "shi-chang", "autonomous-county", "joint-region", "party-group", "street"],
)
def test_names_are_read_in_parts(written: str, name: str) -> None:
    org = _whole_org(written)
    assert org is not None and canonical(org) == name


@pytest.mark.parametrize(
    ("entity", "level"),
    [
        ("泸州市人民政府", "city"),
        ("白石县人民政府", "county"),
        ("江南区人民政府", "district"),
        ("河西省人民政府", "province"),
        ("重庆市人民政府", "province"),
        ("宁夏回族自治区人民政府", "province"),
        ("东湖街道办事处", "township"),
        ("聚奎镇人民政府", "township"),
        ("云岭市司法局", "department"),
        ("交通运输部", "department"),
    ],
    ids=lambda v: v,
)
def test_infer_level(entity: str, level: str) -> None:
    assert infer_level(entity) == level


CHROME = [
    "当前位置：首页 > 政务公开 > 法治政府建设年度报告\n",
    "发布时间：2021-03-15 10:20 来源：本网 浏览次数：356\n",
    "【字体：大 中 小】 打印 关闭窗口\n",
    "索引号： | 0001-2021-00007 | 发布机构： | 本网 |\n",
]


def _fields(report: rc.Report, shift: int) -> tuple:
    ind = [(i.label, i.value, i.unit, i.qualifier, i.concept, i.section, i.line - shift) for i in report.indicators]
    sec = [(s.id, s.number, s.title, s.kinds, s.line - shift) for s in report.sections]
    com = [(c.text, c.section, c.line - shift) for c in report.commitments]
    pro = [(p.text, p.section, p.line - shift) for p in report.problems]
    m = report.meta
    return (m.entity, m.entity_as_written, m.year, m.level, m.title), ind, sec, com, pro


@given(reports(), st.lists(st.sampled_from(CHROME), min_size=1, max_size=3), st.booleans(), st.integers(0, 99))
def test_page_chrome_above_a_report_changes_no_field(text: str, chrome: list[str], repeat: bool, seed: int) -> None:
    """A breadcrumb, publication lines and a repeated title above any report change nothing."""
    title, rest = text.split("\n", 1)
    rng = random.Random(seed)
    above = "".join(rng.sample(chrome, len(chrome)))
    dirty = above + title + "\n" + (title + "\n" if repeat else "") + rest
    shift = above.count("\n") + (1 if repeat else 0)
    assert _fields(rc.parse(dirty), shift) == _fields(rc.parse(text), 0)


_PARTS = "一、主要工作\n全年办理案件3件。\n二、存在的问题\n基层力量薄弱。\n三、下一步打算\n加强队伍建设。\n"

SIGNED_CASES = [
    # (id, text, entity, entity_as_written): the closing issuer and date sign the report
    (
        "nothing-else",
        "关于2023年度法治政府建设工作情况的报告\n2023年，全区坚持依法行政。\n",
        "白石县人民政府",
        "白石县人民政府",
    ),
    (
        "self-reference",
        "关于2023年度法治政府建设工作情况的报告\n2023年，我县坚持依法行政。\n",
        "白石县人民政府",
        "我县",
    ),
    (
        "place-less",
        "关于2023年度法治政府建设工作情况的报告\n2023年，县政府坚持依法行政。\n",
        "白石县人民政府",
        "县政府",
    ),
]


@pytest.mark.parametrize(("text", "entity", "written"), [c[1:] for c in SIGNED_CASES], ids=[c[0] for c in SIGNED_CASES])
def test_the_signature_names_the_body(text: str, entity: str, written: str) -> None:
    meta = rc.parse(text + _PARTS + "白石县人民政府\n2024年1月20日\n").meta
    assert (meta.entity, meta.entity_as_written, meta.year) == (entity, written, 2023)


def test_a_signature_that_does_not_fit_is_not_taken() -> None:
    """我局 is a bureau: a government signing does not name it."""
    text = (
        "关于2023年度法治政府建设工作情况的报告\n2023年，我局坚持依法行政。\n"
        + _PARTS
        + "白石县人民政府\n2024年1月20日\n"
    )
    assert rc.parse(text).meta.entity is None


def test_a_notice_that_publishes_the_report_gives_way_to_it() -> None:
    text = (
        "云岭市人民政府办公室关于印发云岭市2022年法治政府建设年度报告的通知\n"
        "各县（市、区）人民政府，市政府各部门：\n"
        "现将《云岭市2022年法治政府建设年度报告》印发给你们，请认真贯彻落实。\n"
        "云岭市2022年法治政府建设年度报告\n"
        "2022年，市政府坚持依法行政。\n" + _PARTS
    )
    report = rc.parse(text)
    assert (report.meta.title, report.meta.entity, report.meta.year) == (
        "云岭市2022年法治政府建设年度报告",
        "云岭市人民政府",
        2022,
    )
    assert report.paragraphs[0].text.startswith("2022年，市政府")


def test_a_title_in_book_brackets_is_the_title() -> None:
    assert rc.parse("《白石县2023年法治政府建设年度报告》\n" + _PARTS).meta.title == "白石县2023年法治政府建设年度报告"


@pytest.mark.parametrize(
    ("head", "entity"),
    [
        ("国家税务总局云岭市税务局2022年法治政府建设年度报告\n", "国家税务总局云岭市税务局"),
        ("2022年，国家税务总局白石县税务局坚持依法治税，现将有关情况报告如下。\n", "国家税务总局白石县税务局"),
        ("国家税务总局2022年法治政府建设年度报告\n", "国家税务总局"),
    ],
    ids=["title", "opening", "national"],
)
def test_a_vertically_managed_branch_keeps_its_national_name(head: str, entity: str) -> None:
    meta = rc.parse(head + _PARTS).meta
    assert (meta.entity, meta.level) == (entity, "department")


def test_a_vertical_branch_gets_its_places_code() -> None:
    meta = rc.parse("国家税务总局青岛市税务局2022年法治政府建设年度报告\n" + _PARTS).meta
    assert (meta.entity_id, meta.adcode) == ("山东省/青岛市/税务局", "370200")


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("白石县人民政府法治政府建设情况报告\n一、2022年度法治政府建设主要举措和成效\n全年办理案件3件。\n", 2022),
        ("白石县人民政府法治政府建设情况报告\n一、主要举措\n全年办理案件3件。\n二、2023年工作打算\n加强建设。\n", None),
    ],
    ids=["measures-heading", "not-the-plans-heading"],
)
def test_a_level_one_headings_year_is_the_covered_year(text: str, year: int | None) -> None:
    assert rc.parse(text).meta.year == year


@pytest.mark.parametrize(
    ("head", "entity", "level"),
    [
        ("大兴安岭地区行政公署2022年法治政府建设年度报告\n", "大兴安岭地区行政公署", "city"),
        ("阿拉善盟2022年法治政府建设年度报告\n", "阿拉善盟行政公署", "city"),
    ],
    ids=["written", "place-only"],
)
def test_a_prefecture_regions_government_is_its_administrative_office(head: str, entity: str, level: str) -> None:
    meta = rc.parse(head + _PARTS).meta
    assert (meta.entity, meta.level) == (entity, level)


@pytest.mark.parametrize(
    ("head", "entity", "adcode"),
    [
        ("呼和浩特市人民政府2022年法治政府建设年度报告\n", "呼和浩特市人民政府", "150100"),
        (
            "新疆维吾尔自治区乌鲁木齐市人民政府2022年法治政府建设年度报告\n",
            "新疆维吾尔自治区乌鲁木齐市人民政府",
            "650100",
        ),
        ("2022年，乌鲁木齐市司法局坚持依法行政，现将有关情况报告如下。\n", "乌鲁木齐市司法局", "650100"),
        ("阿鲁科尔沁旗2022年法治政府建设年度报告\n", "阿鲁科尔沁旗人民政府", "150421"),
        ("齐齐哈尔市富拉尔基区人民政府2022年法治政府建设年度报告\n", "齐齐哈尔市富拉尔基区人民政府", "230206"),
    ],
    ids=["city", "city-in-region", "department-in-opening", "banner", "district-of-a-long-city"],
)
def test_places_longer_than_three_characters_are_names(head: str, entity: str, adcode: str) -> None:
    """The name grammar takes 1–3 characters and a level word; longer real names come from the
    division table (lexicon.divisions.long_place_names)."""
    meta = rc.parse(head + _PARTS).meta
    assert (meta.entity, meta.adcode) == (entity, adcode)


@pytest.mark.parametrize(
    ("title", "entity"),
    [
        ("关于白石县2022年法治政府建设情况的报告", "白石县人民政府"),
        ("2022年度白石县法治政府建设情况报告", "白石县人民政府"),
        ("二〇二二年白石县法治政府建设工作报告", "白石县人民政府"),
        ("关于报送2022年度法治政府建设情况的报告", None),
    ],
    ids=["after-guanyu", "after-the-year", "after-a-numeral-year", "none-named"],
)
def test_a_title_may_name_its_issuer_after_its_first_words(title: str, entity: str | None) -> None:
    meta = rc.parse(title + "\n" + _PARTS).meta
    assert (meta.entity, meta.year) == (entity, 2022)


@pytest.mark.parametrize(
    ("head", "first"),
    [
        ("白石县人民政府门户网站\n白石县2022年法治政府建设年度报告\n", "全年办理案件3件。"),
        ("名称：| 白石县2022年法治政府建设年度报告\n白石县2022年法治政府建设年度报告\n", "全年办理案件3件。"),
        ("白石县2022年法治政府建设年度报告\n通过政府门户网站公开信息23条。\n", "通过政府门户网站公开信息23条。"),
    ],
    ids=["site-name-line", "table-name-label", "a-sentence-naming-the-site-is-text"],
)
def test_site_names_and_table_labels_are_page_chrome(head: str, first: str) -> None:
    report = rc.parse(head + "一、主要工作\n全年办理案件3件。\n")
    assert report.meta.title == "白石县2022年法治政府建设年度报告"
    assert report.paragraphs[0].text == first


@pytest.mark.parametrize(
    "name", ["中国人民银行", "海关总署", "国家林业和草原局", "国务院国有资产监督管理委员会"], ids=str
)
def test_national_bodies_are_departments(name: str) -> None:
    meta = rc.parse(f"{name}2022年法治政府建设年度报告\n" + _PARTS).meta
    assert (meta.entity, meta.level, meta.adcode) == (name, "department", None)
