"""Every rule of ``rolcompare check``: id, default severity, what it checks (English and Chinese)
and an example. Rule ids are a contract; docs/check.md has one anchor per id.

Sources: the five contents of an annual report (法治政府建设与责任落实督察工作规定, 2019, art. 25);
the heading order of official documents (GB/T 9704-2012: 一、 → （一） → 1. → （1））; the arithmetic
a careful reviewer checks. Examples are constructed, not quoted from real reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from rolcompare.schema import Severity


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    family: str  # report · corpus · consistency · structure · suppression
    en: str
    zh: str
    example: str = ""

    @property
    def detail_en(self) -> str:
        """What makes the rule fire, in full (docs/check.md's table)."""
        return DETAILS_EN.get(self.id, self.en)

    @property
    def detail_zh(self) -> str:
        return DETAILS_ZH.get(self.id, self.zh)


_RULES = [
    Rule(
        "missing-part",
        "error",
        "report",
        "one of the regulation's required parts is absent",
        "缺少规定的必备内容（第一责任人履职、主要举措和成效、存在的问题、下一年度工作打算）",
        "一份报告只有“主要工作”和“下一步打算”两部分：没有“存在的问题”",
    ),
    Rule(
        "missing-other",
        "info",
        "structure",
        "no part on other matters (其他), the regulation's fifth content",
        "没有“其他需要报告的情况”部分（督察工作规定第二十五条第五项）",
        "四个部分齐全，但没有“其他”部分",
    ),
    Rule(
        "no-year",
        "error",
        "report",
        "the year the report covers is not found",
        "未识别报告年度",
        "标题与首句都没有“2023年”之类的年份",
    ),
    Rule(
        "no-entity",
        "error",
        "report",
        "the government or department is not found",
        "未识别报告主体",
        "标题只写“法治政府建设年度报告”，首句也没有主体",
    ),
    Rule(
        "ambiguous-division",
        "warning",
        "report",
        "the entity's place name is borne by several divisions and neither the text nor the folder says which",
        "主体地名对应多个行政区划，正文和同目录报告都不能确定是哪一个（未赋行政区划代码）",
        "“朝阳区人民政府”：北京市和长春市都有朝阳区，正文未提所属省市",
    ),
    Rule(
        "year-mismatch",
        "error",
        "report",
        "the file name's year differs from the year in the text",
        "文件名年份与正文年份不一致",
        "文件 2022.txt 报告的是2021年",
    ),
    Rule(
        "duplicate-report",
        "error",
        "corpus",
        "the same entity and year appear twice",
        "同一主体同一年度的报告重复",
        "reports/x/2022.txt 与 reports/x/2022.docx",
    ),
    Rule("damaged-text", "warning", "report", "text damaged beyond repair", "文本损坏，无法修复", "建设?瀛|<"),
    Rule(
        "empty-plans",
        "warning",
        "report",
        "a plans part with no commitment",
        "工作打算部分没有具体事项",
        "“四、下一步工作打算”之下只有一句总括",
    ),
    Rule(
        "problem-without-plan",
        "warning",
        "report",
        "a problem no plan answers",
        "某个问题没有对应的工作打算",
        "问题“执法人员专业素质不高”，打算中无培训等回应",
    ),
    Rule(
        "unaddressed-plan",
        "warning",
        "corpus",
        "last year's plan has no evidence in this report",
        "上年报告的工作打算在本年报告中未见落实",
        "上年打算“建成行政执法监督平台”，本年无相关举措",
    ),
    Rule(
        "indicator-worse",
        "info",
        "corpus",
        "an indicator moved in the wrong direction since last year",
        "指标较上年向不利方向变化",
        "行政诉讼败诉率由3%升至6%",
    ),
    Rule(
        "unparseable", "error", "report", "the file cannot be read as a report", "文件无法读取为报告", "一个损坏的 DOCX"
    ),
    Rule(
        "part-exceeds-total",
        "warning",
        "consistency",
        "a part is larger than its total (其中/含/包括)",
        "分项大于总数",
        "全年受理案件120件，其中行政处罚类150件",
    ),
    Rule(
        "parts-exceed-total",
        "warning",
        "consistency",
        "the parts of a total add up to more than it (分别)",
        "各分项之和大于总数",
        "共办理建议50件，市、县两级分别为30件、25件",
    ),
    Rule("rate-over-100", "warning", "consistency", "a rate above 100 %", "比率超过100%", "按期办结率达105%"),
    Rule(
        "rate-disagrees",
        "warning",
        "consistency",
        "a rate disagrees with the counts it is the rate of",
        "比率与其分子分母不符",
        "受理复议案件50件，审结40件，结案率96%",
    ),
    Rule(
        "conflicting-values",
        "info",
        "consistency",
        "the same indicator with two values in one report",
        "同一指标在同一报告中数值不同",
        "前文“受理复议案件50件”，后文“受理复议案件56件”",
    ),
    Rule(
        "yoy-mismatch",
        "warning",
        "consistency",
        "a change over last year disagrees with last year's report",
        "同比变化与上年报告不符",
        "本年“受理60件，同比增长20%”，上年报告为受理40件",
    ),
    Rule(
        "heading-order",
        "warning",
        "structure",
        "sibling headings out of order (a number skipped or repeated)",
        "同级标题序号不连续或重复",
        "（一）（二）（四）",
    ),
    Rule(
        "heading-level-skip",
        "info",
        "structure",
        "a heading skips a level of 一、→（一）→1.→（1）",
        "标题层级跳级（GB/T 9704：一、→（一）→1.→（1））",
        "“一、”之下直接是“1.”",
    ),
    Rule(
        "unused-suppression",
        "warning",
        "suppression",
        "a suppression that no longer matches any finding",
        "不再匹配任何发现的忽略标记",
        "<!-- rolcompare-ignore rate-over-100 --> 所在行已无该问题",
    ),
]

RULES: dict[str, Rule] = {r.id: r for r in _RULES}

# the full conditions, for the generated tables of docs/check.md and docs/zh/check.md
DETAILS_EN: Final = {
    "missing-part": "no level-1 part on one of the regulation's required contents (督察工作规定 art. 25): 第一责任人履职 (responsibility), 主要举措和成效 (measures), 存在的问题 (problems), 下一年度工作打算 (plans)",
    "missing-other": "no part on other matters to report (其他), the fifth content of art. 25",
    "no-year": "the covered year is found neither in the title nor in the first sentence (front matter `year:` fixes it)",
    "no-entity": "the government or department is not found (front matter `entity:` fixes it)",
    "ambiguous-division": "the entity's place name (朝阳区) is borne by several divisions and neither the text nor the folder's other reports say which: no `adcode` (front matter `adcode:` fixes it)",
    "year-mismatch": "the file is named `<year>.*` and the text covers another year",
    "duplicate-report": "two files are the same entity and year",
    "damaged-text": "a span the mirror mangled (`?` glued to Chinese, orphan pinyin, U+FFFD); one finding per span",
    "empty-plans": "a plans part lists no commitment",
    "problem-without-plan": "a problem no plan of the same report answers",
    "unaddressed-plan": "last year's report of the same entity is in the corpus (or beside the file as `<year-1>.*`, or given with `--previous`) and one of its plans has no evidence in this report (the `not_found` of `compare`)",
    "indicator-worse": "an indicator moved in the wrong direction since last year (per the taxonomy)",
    "unparseable": "the file cannot be read (binary, undecodable, damaged DOCX/PDF, PDF without text layer …)",
    "part-exceeds-total": "a part after 其中 / 含 / 包括 is larger than the total before it, in the same unit (`受理120件，其中不予受理150件`)",
    "parts-exceed-total": "the parts listed after 分别 add up to more than the total (共 / 合计 / 总计 / 累计 …) before them (`共50件，…分别为30件、25件`)",
    "rate-over-100": "a rate or share (…率, 占比, 比例, 比重) above 100 %; not a growth (增长, 提高 …) nor a rate against a plan (完成率, 执行率), which may exceed it",
    "rate-disagrees": "a rate disagrees by more than 0.6 percentage points with its own counts in the same sentence: 结案率 / 审结率 / 办结率 / 办复率 / 败诉率 / 纠错率 against the counts their verbs open (`受理50件，审结40件，结案率96%`: 40 / 50 = 80 %)",
    "conflicting-values": "one concept, scope and unit with two exact values in one report (uncertain: the contexts may differ)",
    "yoy-mismatch": "a change claimed over last year (`同比增长20%`, `比上年增加12件`) that does not lead back, within 2 %, to last year's report's figure of the same concept and scope; `not_assessable` (info) when last year's report has no such figure",
    "heading-order": "sibling headings of one style not numbered 1, 2, 3 … (a number skipped or repeated)",
    "heading-level-skip": "a heading skips a level of the official order 一、 → （一） → 1. → （1） (GB/T 9704-2012), e.g. `1.` directly under `一、`",
    "unused-suppression": "a per-file ignore or an inline marker that matches no finding (a stale suppression hides the next real problem)",
}

DETAILS_ZH: Final = {
    "missing-part": "缺少督察工作规定第二十五条要求的某一项必备内容的一级标题：第一责任人履职（responsibility）、主要举措和成效（measures）、存在的问题（problems）、下一年度工作打算（plans）",
    "missing-other": "没有“其他需要报告的情况”部分（第二十五条第五项）",
    "no-year": "标题和首句都找不到报告所涵盖的年度（前置信息写 `year:` 即可）",
    "no-entity": "找不到报告主体（政府或部门）（前置信息写 `entity:` 即可）",
    "ambiguous-division": "主体地名（如朝阳区）对应多个行政区划，正文和同目录其他年度的报告都不能确定是哪一个，因此不赋 `adcode`（前置信息写 `adcode:` 即可）",
    "year-mismatch": "文件名为 `<年份>.*`，正文所涵盖的却是另一年度",
    "duplicate-report": "两个文件是同一主体、同一年度",
    "damaged-text": "镜像站点损坏的文字（`?` 粘在汉字上、残留拼音、U+FFFD 替换符）；每处一条",
    "empty-plans": "工作打算部分没有列出任何具体事项",
    "problem-without-plan": "某个存在的问题，本报告没有任何一项工作打算回应",
    "unaddressed-plan": "同一主体上一年度的报告在语料中（或以 `<年份-1>.*` 放在同目录，或用 `--previous` 指定），其中某项工作打算在本年报告中找不到落实的证据（即 `compare` 的 `not_found`）",
    "indicator-worse": "某指标较上年向不利方向变化（方向见指标概念表）",
    "unparseable": "文件无法读取（二进制、无法解码、DOCX/PDF 损坏、PDF 没有文字层……）",
    "part-exceeds-total": "“其中/含/包括”之后的分项大于之前的总数，且单位相同（`受理120件，其中不予受理150件`）",
    "parts-exceed-total": "“分别”之后列出的各分项之和大于之前的总数（共/合计/总计/累计……）（`共50件，…分别为30件、25件`）",
    "rate-over-100": "比率或比重（……率、占比、比例、比重）超过100%；增长（增长、提高……）和对计划的完成率、执行率可以超过，不在此列",
    "rate-disagrees": "同一句中的比率与其分子分母相差超过0.6个百分点：结案率、审结率、办结率、办复率、败诉率、纠错率与其动词对应的数量（`受理50件，审结40件，结案率96%`：40 / 50 = 80%）",
    "conflicting-values": "同一报告中同一概念、范围和单位有两个不同的精确数值（不确定：两处语境可能不同）",
    "yoy-mismatch": "声称的同比变化（`同比增长20%`、`比上年增加12件`）推算出的上年数值，与上年报告中同一概念、同一范围的数值相差超过2%；上年报告没有该数值时为 `not_assessable`（提示）",
    "heading-order": "同一样式的同级标题没有按1、2、3……编号（跳号或重号）",
    "heading-level-skip": "标题跳过了公文层级 一、→（一）→1.→（1）（GB/T 9704-2012）中的一级，如“一、”下直接出现“1.”",
    "unused-suppression": "某条按文件忽略或行内标记不再匹配任何发现（过时的忽略会掩盖下一个真问题）",
}


def rules_text(rule_id: str | None = None) -> str:
    """``rolcompare rules``: one line per rule; with an id, that rule explained with its example."""
    if rule_id is None:
        width = max(map(len, RULES))
        return "".join(f"{r.id:<{width}}  {r.severity:<7}  {r.en} · {r.zh}\n" for r in _RULES)
    r = RULES[rule_id]
    return (
        f"{r.id} ({r.severity}, {r.family})\n  {r.detail_en}\n  {r.detail_zh}\n"
        + (f"  例 example: {r.example}\n" if r.example else "")
        + f"  docs/check.md#{r.id}\n"
    )


RULES_TABLE_BEGIN: Final = "<!-- rules table: generated by rolcompare.checker.rules.rules_markdown() -->"
RULES_TABLE_END: Final = "<!-- end of rules table -->"


def rules_markdown() -> str:
    """The bilingual rule table of docs/check.md and docs/zh/check.md (a test keeps both current)."""
    lines = [
        RULES_TABLE_BEGIN,
        "| 规则 rule | 默认级别 default | 触发条件 | fires when |",
        "|---|---|---|---|",
    ]
    for r in _RULES:
        lines.append(f'| <a id="{r.id}"></a>`{r.id}` | {r.severity} | {r.detail_zh} | {r.detail_en} |')
    return "\n".join([*lines, RULES_TABLE_END]) + "\n"
