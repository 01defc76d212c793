from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import rolcompare as rc
from gold import GOLD_REPORTS, HELD_OUT, load_gold, score
from rolcompare.lexicon.numerals import parse_cn_integer, parse_number
from rolcompare.pipeline.normalize import to_traditional


def indicators(sentence: str) -> list[tuple[float, str, str]]:
    report = rc.parse(f"某市2020年法治政府建设报告\n一、主要举措和成效\n{sentence}\n")
    return [(i.value, i.unit, i.qualifier) for i in report.indicators]


NUMBER_CASES = [
    ("arabic", "受理行政复议案件278件。", [(278, "件", "exact")]),
    ("thousands", "受理群众诉求1,286件。", [(1286, "件", "exact")]),
    ("decimal-percent", "网上可办率达到98.5%。", [(98.5, "%", "exact")]),
    ("fullwidth", "网上可办率达到９８．５％。", [(98.5, "%", "exact")]),
    ("wan", "新增市场主体2.3万户。", [(23000, "户", "exact")]),
    ("wan-jianci", "全年减少证明材料150万件次。", [(1_500_000, "件次", "exact")]),
    ("yi-yuan", "减税降费335.58亿元。", [(33_558_000_000, "元", "exact")]),
    ("wan-yuan", "挽回经济损失约3,400万元。", [(34_000_000, "元", "approx")]),
    ("cn-numeral", "办理法律援助案件一百二十件。", [(120, "件", "exact")]),
    ("cn-thousands", "培训执法人员两千余人次。", [(2000, "人次", "at_least")]),
    ("cn-shi-yu", "开展培训十余次。", [(10, "次", "at_least")]),
    ("qian-yu", "发放资料3千余份。", [(3000, "份", "at_least")]),
    ("jin-qian", "受理申请近千件。", [(1000, "件", "approx")]),
    ("chaoguo", "培训超过300人次。", [(300, "人次", "at_least")]),
    ("yishang", "覆盖企业500家以上。", [(500, "家", "at_least")]),
    ("zuoyou", "参与群众3000人左右。", [(3000, "人", "approx")]),
    ("budao", "平均办理时间不到5个工作日。", [(5, "个工作日", "at_most")]),
    ("cn-percent", "调解成功率百分之九十七点五。", [(97.5, "%", "exact")]),
    ("rank", "信用监测排名跃升至第9名。", [(9, "", "rank")]),
    ("rank-cn", "综合考评居全省第一位。", [(1, "", "rank")]),
    ("rank-no-word", "全省排名第7，全市排名第2。", [(7, "", "rank"), (2, "", "rank")]),
    ("rank-ju", "营商环境评价居全国第11。", [(11, "", "rank")]),
    ("shouwei", "在全省排名居首位。", [(1, "", "rank")]),
    ("percentage-points", "败诉率较上年下降3个百分点。", [(3, "个百分点", "exact")]),
    ("two-units", "开展会前学法13次23件。", [(13, "次", "exact"), (23, "件", "exact")]),
    ("cases-people", "移送涉嫌犯罪案件20件25人。", [(20, "件", "exact"), (25, "人", "exact")]),
    ("distributed", "清单覆盖率、计划完成率、结果公示率均达到100%。", [(100, "%", "exact")] * 3),
    ("year-is-count", "全市共建立人民调解委员会2018个。", [(2018, "个", "exact")]),
    ("bare-two-at-clause-end", "带头讲法治课两次。", [(2, "次", "exact")]),
    ("two-meetings", "工作专班召开两次座谈会。", [(2, "次", "exact")]),
    ("sentence-opens-with-number", "审核文件12件。106项事项入驻中心。", [(12, "件", "exact"), (106, "项", "exact")]),
    ("class-hours", "累计授课120课时，抽查3批次。", [(120, "课时", "exact"), (3, "批次", "exact")]),
    ("wan-renci", "培训1.2万人次。", [(12000, "人次", "exact")]),
    ("months", "提前7个月完成任务。", [(7, "个月", "exact")]),
    ("formal-numerals", "收缴罚款伍仟元。", [(5000, "元", "exact")]),
    ("cheng", "行政复议案件下降三成，七成以上得到化解。", [(30, "%", "exact"), (70, "%", "at_least")]),
    ("range-cn", "开展培训两三场。", [(2.5, "场", "range")]),
    ("range-cn-hundreds", "培训一两百人。", [(150, "人", "range")]),
    ("range-percent", "预期增长6.5%－7%。", [(6.75, "%", "range")]),
    ("range-em-dash", "控制在5.0%—5.5%。", [(5.25, "%", "range")]),
    ("range-unit", "办理时限压缩到5-10个工作日。", [(7.5, "个工作日", "range")]),
    ("quoted-name-then-count", "评选出“最佳实践”5个。", [(5, "个", "exact")]),
    ("glued-section-number", "投入资金12万元2.3本项目总投资较大。", [(120000, "元", "exact")]),
    ("glued-section-number-count", "投入资金12万元2.3个试点稳步推进。", [(120000, "元", "exact")]),
    ("rank-in-numerals", "在全省考核中居全省第三。", [(3, "", "exact")]),
    ("category-name", "八类严重暴力案件破案率达100%。", [(100, "%", "exact")]),
    ("concentration", "PM2.5平均浓度为28微克/立方米。", [(28, "微克/立方米", "exact")]),
    ("rank-first-in-numerals", "在全市综合考评中排名第一。", [(1, "", "exact")]),
    ("rank-scope-between", "在全市综合考评中排名全市第一。", [(1, "", "exact")]),
    ("rank-position", "综合排名位居全省第五。", [(5, "", "exact")]),
    (
        "decimal-wan-after-a-noun-ending-in-a-unit",  # 案件 ends in 件: 3.2万 is no section number
        "办理行政处罚案件3.2万件，其中适用简易程序1.1万余件。",
        [(32000, "件", "exact"), (11000, "件", "at_least")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), [c[1:] for c in NUMBER_CASES], ids=[c[0] for c in NUMBER_CASES])
def test_numbers(sentence: str, expected: list[tuple[float, str, str]]) -> None:
    got = indicators(sentence)
    assert [(v, u, q if q != "rank" else "exact") for v, u, q in expected] == got


NOT_INDICATORS = [
    ("year", "2019年，全市法治政府建设取得成效。"),
    ("year-du", "及时报告2018年度法治政府建设情况。"),
    ("title", "印发《法治政府建设实施纲要（2015—2020年）》和《某某市60项工作清单》。"),
    ("quoted-slogan", "制定规范行政执法“十个不准”措施，开展“0证明城市”创建。"),
    ("ordinal", "开展第七轮执法行动，成立第二届委员会，被评为首批示范所。"),
    ("date", "“12·4”宪法宣传周期间，12月4日组织活动。"),
    ("yishi", "一是加强领导；二是完善制度。"),
    ("vague-dozens", "开展宣传数十场，覆盖群众数万人。"),
    ("idiom", "推进“放管服”改革，实行收支两条线管理，走进千家万户。"),
    ("article", "建立一个中心，出台一批制度。"),
    ("no-unit", "拨打12345热线。"),
    ("pm25", "PM2.5平均浓度持续下降。"),
    ("this-year", "1本年度计划正在制定。"),
    ("place-name", "北川河王家桥、青石河三家子监测点水质稳定。"),
    ("water-class", "监测点均为三类水质，境内消除五类水体。"),
    ("per-head", "机关干部人手1册普法手册。"),
    ("cheng-verb", "三成为共识，十成立。"),
]


@pytest.mark.parametrize("sentence", [c[1] for c in NOT_INDICATORS], ids=[c[0] for c in NOT_INDICATORS])
def test_never_indicators(sentence: str) -> None:
    assert indicators(sentence) == []


LABEL_CASES = [
    ("verb-object", "2019年全市受理行政复议案件278件。", "受理行政复议案件", "全市", "reconsideration.cases_received"),
    ("noun-after", "设立法院调解室13个。", "设立法院调解室", None, None),
    ("noun-after-unit", "为112家民营企业开展免费体检。", "民营企业开展免费体检", None, None),
    ("scope-city-level", "市本级取消证明事项949件。", "取消证明事项", "市本级", "certification.cancelled"),
    ("rewording", "全市受理行政复议申请312件。", "受理行政复议申请", "全市", "reconsideration.cases_received"),
    ("rate", "行政机关负责人出庭应诉率达到100%。", "行政机关负责人出庭应诉率", None, "litigation.head_appearance_rate"),
    (
        "borrowed-object",
        "收到行政复议申请386件，依法受理351件。",
        "依法受理行政复议申请",
        None,
        "reconsideration.cases_received",
    ),
    ("first-instance", "行政诉讼一审案件十九件。", "行政诉讼一审案件", None, "litigation.cases"),
    ("law-to-villages", "开展送法下乡活动近百场。", "开展送法下乡活动", None, "publicity.events"),
    ("bare-verb-borrows", "县本级取消行政许可事项5项、承接12项。", "承接行政许可事项", None, None),
    ("outcome-borrows", "有行政复议案件7件，撤销2件。", "行政复议案件撤销", None, None),
    ("bare-rate-borrows", "受理群众来信来访152件，办结率98%。", "群众来信来访办结率", None, None),
    ("topic-object", "对县政府制定的行政规范性文件，建议修改4份。", "建议修改行政规范性文件", None, None),
    ("verb-joins-noun", "深化改革，完善14项监管制度。", "完善监管制度", None, None),
    (
        "subject-joins-predicate",
        "组织机关干部共312人完成年度法律知识考试。",
        "组织机关干部完成年度法律知识考试",
        None,
        None,
    ),
    ("bare-noun-keeps-context", "县本级37个单位共梳理清单。", "县本级单位", "县本级", None),
    ("change-to", "登记时限由原来的20个工作日缩短为7个工作日。", "登记时限（缩短后）", None, None),
    ("rank-scope", "其中3月县级排名第2。", "县级排名", None, None),
    ("enumerated-noun-after", "全县35个部门、18个乡镇全部建立法律顾问制度。", "乡镇", None, None),
    ("change-from-last-year", "网上办件量由上年的62%提高到91%。", "网上办件量（提高后）", None, None),
    (
        "kept-for-years",
        "行政机关负责人出庭应诉率连续三年保持100%。",
        "行政机关负责人出庭应诉率",
        None,
        "litigation.head_appearance_rate",
    ),
    ("gongji", "共计开展各类检查12次。", "开展各类检查", None, None),
    ("rate-names-its-object", "全年优良天数326天，优良率89.3%。", "优良率", None, None),
    ("xingwei-keeps-wei", "查处交通违法行为12.3万起。", "查处交通违法行为", None, None),
    ("gongxiang-is-a-word", "建成智慧法庭3个、共享法庭26个。", "共享法庭", None, None),
    ("zaice-is-a-word", "在册社区矫正对象296人。", "在册社区矫正对象", None, None),
    ("gong-in-all", "共建立人民调解委员会12个。", "建立人民调解委员会", None, "mediation.committees"),
]


# one number over a list (均/都/分别): the labels it is distributed to
DISTRIBUTED_CASES = [
    ("same-ending", "清单覆盖率、计划完成率、结果公示率均达到100%。", ["清单覆盖率", "计划完成率", "结果公示率"]),
    (
        "shared-tail",
        "行政处罚决定书、行政许可决定书、行政强制决定书公开率均达到100%。",
        ["行政处罚决定书公开率", "行政许可决定书公开率", "行政强制决定书公开率"],
    ),
    ("shared-tail-two", "执法人员和执法辅助人员持证率都为100%。", ["执法人员持证率", "执法辅助人员持证率"]),
    ("no-list", "行政执法决定书公开率均达到100%。", ["行政执法决定书公开率"]),
    ("no-shared-ending", "复议决定和诉讼判决履行率均达到100%。", ["复议决定和诉讼判决履行率"]),
]


def test_change_to_value_is_labelled_after_the_change() -> None:
    labels = [i.label for i in rc.parse("县本级许可事项从承诺办理时限15天提速至5天。").indicators]
    assert labels == ["承诺办理时限", "承诺办理时限（提速后）"]


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("公示了区教育局等12个部门45项证明事项清单。", "公示证明事项清单的部门"),
        ("下放了区水务局等4个单位9项审批权限。", "下放审批权限的单位"),
    ],
    ids=["published", "cancelled"],
)
def test_holders_are_labelled_by_what_they_hold(sentence: str, label: str) -> None:
    assert rc.parse(sentence).indicators[0].label == label


def test_verbs_sharing_one_object_take_one_number_each() -> None:
    got = [(i.label, i.value) for i in rc.parse("承接、调整审批事项7项、36项。").indicators]
    assert got == [("承接审批事项", 7), ("调整审批事项", 36)]


def test_an_adverb_after_the_number_leaves_the_label_before_it() -> None:
    assert [i.label for i in rc.parse("考核的盟市12个全部达标。").indicators] == ["考核的盟市"]


def test_range_keeps_low_and_high() -> None:
    (ind,) = rc.parse("全年开展培训两三场。").indicators
    assert (ind.low, ind.high, ind.value, ind.qualifier, ind.kind) == (2, 3, 2.5, "range", "count")


def test_respectively_pairs_items_with_numbers() -> None:
    """分别 pairs list items with the numbers that follow, whether or not the items end alike."""
    report = rc.parse(
        "某县2022年法治政府建设报告\n一、主要举措和成效\n办理人大代表建议和政协委员提案分别为32件、45件。\n"
    )
    assert [(i.label, i.value) for i in report.indicators] == [("办理人大代表建议", 32.0), ("政协委员提案", 45.0)]


@pytest.mark.parametrize(
    ("sentence", "labels"), [c[1:] for c in DISTRIBUTED_CASES], ids=[c[0] for c in DISTRIBUTED_CASES]
)
def test_one_number_distributed_over_a_list(sentence: str, labels: list[str]) -> None:
    report = rc.parse(f"某市2020年法治政府建设报告\n一、主要举措和成效\n{sentence}\n")
    assert [i.label for i in report.indicators] == labels
    assert {(i.value, i.unit) for i in report.indicators} == {(100.0, "%")}


@pytest.mark.parametrize(
    ("sentence", "label", "scope", "concept"), [c[1:] for c in LABEL_CASES], ids=[c[0] for c in LABEL_CASES]
)
def test_labels_scopes_concepts(sentence: str, label: str, scope: str | None, concept: str | None) -> None:
    report = rc.parse(f"某市2020年法治政府建设报告\n一、主要举措和成效\n{sentence}\n")
    last = report.indicators[-1]
    assert (last.label, last.scope, last.concept) == (label, scope, concept)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一百二十", 120),
        ("两千", 2000),
        ("十三", 13),
        ("十", 10),
        ("二〇一九", 2019),
        ("一亿二千万", 120_000_000),
        ("三千五百万", 35_000_000),
    ],
)
def test_cn_numerals(text: str, value: int) -> None:
    assert parse_cn_integer(text) == value


@pytest.mark.parametrize(
    ("text", "value"), [("1.5万", 15000), ("3千", 3000), ("1,286", 1286), ("335.58亿", 33_558_000_000)]
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


# ---------------------------------------------------------------- accuracy gate
PRECISION_FLOOR = 0.95
RECALL_FLOOR = 0.95
CONCEPT_FLOOR = 0.9


@pytest.mark.parametrize("name", [*GOLD_REPORTS, *HELD_OUT])
def test_accuracy_gate(name: str) -> None:
    result = score(load_gold(name), rc.read({**GOLD_REPORTS, **HELD_OUT}[name]).indicators)
    assert result.precision >= PRECISION_FLOOR, result
    assert result.recall >= RECALL_FLOOR, result
    assert result.concept_accuracy >= CONCEPT_FLOOR, result


def test_seed_indicator_examples(seed_report) -> None:
    by_label = {(i.label, i.value): i for i in seed_report.indicators}
    training = by_label[("培训", 2500)]
    assert (training.unit, training.qualifier, training.concept, training.line) == (
        "人次",
        "at_least",
        "enforcement.training",
        21,
    )
    assert training.section == "2.4.2"
    assert "累计培训2500余人次" in training.sentence


# ---------------------------------------------------------------- properties
UNITS = ["件", "件次", "人次", "个", "项", "名", "家", "次", "条", "份"]
QUALIFIED = [
    ("{n}{u}", "exact"),
    ("{n}余{u}", "at_least"),
    ("约{n}{u}", "approx"),
    ("超过{n}{u}", "at_least"),
    ("{n}{u}以上", "at_least"),
    ("不到{n}{u}", "at_most"),
    ("近{n}{u}", "approx"),
]
TEMPLATES = ["全市共受理行政复议案件{x}，较上年有所增加。", "2021年累计培训执法人员{x}。", "市本级办理各类事项{x}；"]


@given(st.integers(3, 999_999), st.sampled_from(UNITS), st.sampled_from(QUALIFIED), st.sampled_from(TEMPLATES))
def test_number_in_template_round_trips(n: int, unit: str, qualified: tuple[str, str], template: str) -> None:
    form, qualifier = qualified
    got = indicators(template.format(x=form.format(n=n, u=unit)))
    assert got == [(float(n), unit, qualifier)]


@given(
    st.integers(1990, 2035),
    st.text(alphabet="法治政府建设实施纲要条例办法规定", min_size=2, max_size=10),
    st.integers(1, 500),
)
def test_years_and_titles_never_indicators(year: int, title: str, n: int) -> None:
    got = indicators(f"{year}年，印发《{title}{n}项》，制定“{title}{n}条”，{year}年度工作完成。")
    assert got == []


@given(st.sampled_from(list(GOLD_REPORTS)))
def test_extraction_is_script_invariant(name: str) -> None:
    text = GOLD_REPORTS[name].read_text("utf-8")
    simplified = rc.parse(text).indicators
    traditional = rc.parse(to_traditional(text)).indicators
    assert [(i.value, i.unit, i.label, i.concept, i.line) for i in traditional] == [
        (i.value, i.unit, i.label, i.concept, i.line) for i in simplified
    ]


def test_docs_concepts_table_is_current() -> None:
    from conftest import ROOT
    from rolcompare.lexicon.concepts import concepts_markdown, taxonomy

    ids = [c.id for c in taxonomy()]
    assert len(ids) == len(set(ids)), "concept ids must be unique"
    assert (ROOT / "docs" / "concepts.md").read_text("utf-8") == concepts_markdown(), (
        "docs/concepts.md is stale: regenerate it with rolcompare.lexicon.concepts.concepts_markdown()"
    )


@given(
    st.text(
        alphabet="0123456789.,%第首位名排约近超过逾不到足大多达余以上左右一二两三十百千万亿件次人个项元是统进步《》“”，。",
        max_size=80,
    )
)
def test_anchored_candidate_search_equals_finditer(text: str) -> None:
    from rolcompare.pipeline.indicators import _CANDIDATE, _candidates

    assert [m.span() for m in _candidates(text)] == [m.span() for m in _CANDIDATE.finditer(text)]


@given(
    st.text(
        alphabet="0123456789.,%第首位名排约近超过逾不到足大多达余以上左右一二两三十百千万亿件次人个项元是统进步《》“”，。",
        max_size=80,
    )
)
def test_candidate_pattern_equals_its_plain_form(text: str) -> None:
    """``(?:X|)`` in the candidate pattern matches what the plain ``(?:X)?`` does."""
    import re

    from rolcompare.lexicon import words as lx
    from rolcompare.pipeline.indicators import _CANDIDATE, _CN_NUM, _POST_ALT, _PRE_ALT, _UNIT_ALT

    _CHENG = "|".join(lx.CHENG_AFTER)

    arabic = r"\d+(?:,\d{3})*(?:\.\d+)?[万亿千]?"
    plain = re.compile(
        rf"(?P<rank>(?:第|排名第?)(?P<rnum>\d{{1,4}}|[一二三四五六七八九十]{{1,3}})(?:名|位))"
        rf"|(?P<rank2>(?:排名第|第(?:(?<=[居列]第)|(?<=[居列]全[国省市区州县]第)))(?P<rnum2>\d{{1,4}}|[一二三四五六七八九十]{{1,3}})(?![\d{lx.CJK}]))"
        rf"|(?P<first>首位|第一名)"
        rf"|(?P<ordinal>第(?:\d+|{_CN_NUM}))"
        rf"|(?P<cnpct>百分之(?P<cnpctnum>[{lx.CN_NUMERAL_CHARS}点]+))"
        rf"|(?P<pre>{_PRE_ALT})?(?P<num>{arabic}|{_CN_NUM})(?P<yu>余|多)?"
        rf"(?:(?P<pct>%)|(?P<unit>{_UNIT_ALT}))?(?P<post>{_POST_ALT})?"
    )
    got = [(m.span(), m.groupdict()) for m in _CANDIDATE.finditer(text)]
    assert got == [(m.span(), m.groupdict()) for m in plain.finditer(text)]


FAST_PATH_ALPHABET = "0123456789.%第首位名一两三十百千万亿分之余多件次人个项元是统进步成伍仟，。；：！？《》"


@given(st.text(alphabet=FAST_PATH_ALPHABET, max_size=60))
def test_number_prefilter_equals_its_definition(text: str) -> None:
    """The prefilter, written for speed, accepts exactly the sentences its plain definition does."""
    import re

    from rolcompare.lexicon import words as lx
    from rolcompare.pipeline.indicators import _MAY_HAVE_NUMBER

    units = "|".join(map(re.escape, lx.UNITS))
    plain = re.compile(
        rf"[\d%]|[{lx.CN_NUMERAL_CHARS}](?:余|多)?(?:{units})|[一二两三四五六七八九]成|百分之|首位|第一名"
        r"|第[一二三四五六七八九十]"  # (a rank in numerals: 居全省第三)
    )
    assert bool(_MAY_HAVE_NUMBER.search(text)) == bool(plain.search(text))


@given(st.text(alphabet=FAST_PATH_ALPHABET, max_size=40), st.data())
def test_before_region_starts_after_the_last_clause_mark(text: str, data: st.DataObject) -> None:
    import re

    from rolcompare.pipeline.indicators import _before_region

    start = data.draw(st.integers(0, len(text)))
    prev_end = data.draw(st.integers(0, start))
    cut = max([prev_end, *(m.end() for m in re.finditer("[，。；：！？]", text[:start]) if m.end() > prev_end)])
    assert _before_region(text, text, prev_end, start) == text[cut:start]


@given(st.text(alphabet="全市本级共计累计达到均为其中全年2019年度，、；：（ 受理案件", max_size=24), st.booleans())
def test_label_stripping_is_one_pass(text: str, keep_scope: bool) -> None:
    """Stripping once equals stripping, taking the scope off, and stripping again."""
    from rolcompare.pipeline.indicators import _SCOPE_RE, _strip_label, strip_leading, strip_trailing

    twice = strip_trailing(strip_leading(text.strip()))
    if not keep_scope and (scope := _SCOPE_RE.match(twice)):
        twice = twice[scope.end() :]
    assert _strip_label(text, keep_scope) == strip_trailing(strip_leading(twice)).strip("，、；：（ ")


CONCEPT_ALPHABET = "受理行政复议案件申请收到审结诉讼败诉率规范性文件审核备案查报送清理政府规章出台公开信息培训执法证移送建议调解纠纷法律援助咨询普法活动信用排名“”"


CONCEPT_WORDS = [
    "受理",
    "行政",
    "复议",
    "案件",
    "申请",
    "收到",
    "审结",
    "应诉",
    "诉讼",
    "作为被告的",
    "败诉",
    "率",
    "规范性文件",
    "合法性审查",
    "审核",
    "通过",
    "备案审查",
    "报送备案",
    "报备",
    "纠正",
    "撤销",
    "清理",
    "政府规章",
    "报送",
    "出台",
    "制定",
    "规章",
    "立法",
    "联系点",
    "主动公开",
    "信息",
    "政府",
    "培训",
    "执法证",
    "移送",
    "建议",
    "涉嫌犯罪",
    "证明事项",
    "取消",
    "材料",
    "减少",
    "调解",
    "化解",
    "矛盾",
    "纠纷",
    "法律援助",
    "咨询",
    "解答",
    "会前学法",
    "信用",
    "排名",
    "审计",
    "项目",
    "普法",
    "法律",
    "进",
    "活动",
    "水源地",
    "达标率",
    "饮用水",
    "优良比例",
    "一网通办率",
    "全市",
    "共",
    "“",
    "”",
]


@given(
    st.one_of(
        st.text(alphabet=CONCEPT_ALPHABET, max_size=20),
        st.lists(st.sampled_from(CONCEPT_WORDS), max_size=6).map("".join),
    ),
    st.sampled_from(["件", "人次", "个", "场", "名", "%"]),
    st.sampled_from(["count", "percent", "rank", "money"]),
)
def test_concept_matching_equals_its_definition(label: str, unit: str, kind: str) -> None:
    """The fast matcher (one joined search first) gives what trying every pattern gives."""
    from rolcompare.lexicon.concepts import match_concept, taxonomy

    text = label.replace("“", "").replace("”", "")
    best = None
    for concept in taxonomy():
        if (concept.units and unit not in concept.units) or (concept.kinds and kind not in concept.kinds):
            continue
        if not concept.kinds and kind in ("percent", "rank"):
            continue
        for pattern in concept.patterns:
            m = pattern.search(text)
            if m and (best is None or (len(m.group(0)), -m.start()) > best[:2]):
                best = (len(m.group(0)), -m.start(), concept.id)
    assert match_concept(label, unit, kind) == (best[2] if best else None)


def _label_alphabet() -> str:
    from rolcompare.lexicon import words as lx

    words = [*lx._LEADING_WORDS, *lx.LABEL_TRAILING, *lx.SCOPES, "，、；：0123456789年度受理案件"]
    return "".join(sorted(set("".join(words))))


@given(st.text(alphabet=_label_alphabet(), max_size=12))
def test_label_quick_tests_skip_only_texts_the_regexes_leave(text: str) -> None:
    """strip_leading / strip_trailing / the scope test skip their regex only where it cannot match."""
    from rolcompare.lexicon import words as lx
    from rolcompare.pipeline.indicators import _SCOPE_FIRST, _SCOPE_RE, _TRAILING_REVERSED

    if lx.LABEL_LEADING.match(text):
        assert text[0] in lx.LABEL_LEADING_FIRST or text[0].isdecimal()
    if _TRAILING_REVERSED.match(text[::-1]):
        assert text.endswith(lx.LABEL_TRAILING)
    if _SCOPE_RE.match(text):
        assert text[0] in _SCOPE_FIRST


def test_concept_matching_without_the_private_regex_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """If ``re._parser`` goes away, patterns have no required word: same concepts, only slower."""
    import re
    import sys

    from rolcompare.lexicon import concepts

    labels = [("受理行政复议案件", "件", "count"), ("办理人大代表建议", "件", "count"), ("开展普法活动", "场", "count")]
    expected = [concepts.match_concept.__wrapped__(*args) for args in labels]
    monkeypatch.delattr(re, "_parser")
    monkeypatch.setitem(sys.modules, "re._parser", None)  # (import now raises ImportError)
    concepts._patterns_for.cache_clear()
    try:
        assert concepts._required_word("受理.{0,6}复议") == ""
        assert [concepts.match_concept.__wrapped__(*args) for args in labels] == expected
        assert expected[0] is not None
    finally:
        concepts._patterns_for.cache_clear()


@pytest.mark.parametrize(
    "text",
    ["共" + "九" * 400 + "件。", "共" + "9" * 400 + "件。", "罚款" + "9" * 400 + "亿元。"],
    ids=["cn-numeral-overflow", "digits-overflow", "money-overflow"],
)
def test_a_number_no_float_holds_is_no_indicator(text: str) -> None:
    report = rc.parse(text)
    assert report.indicators == []
    assert "Infinity" not in report.to_json()


def test_a_flattened_page_keeps_output_linear() -> None:
    """One 'sentence' of 8,000 numbers: each indicator keeps a window of it, not all of it."""
    text = "受理三件" * 8000
    report = rc.parse(text)
    assert len(report.indicators) == 8000
    assert max(len(i.sentence) for i in report.indicators) <= 302
    assert len(report.to_json()) < 1000 * len(report.indicators)
    assert report.indicators[4000].sentence.startswith("…") and report.indicators[4000].sentence.endswith("…")
