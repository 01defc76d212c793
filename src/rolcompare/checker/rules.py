"""Every rule of ``rolcompare check``: id, default severity, what it checks (English and Chinese)
and an example. Rule ids are a contract; docs/check.md has one anchor per id.

Sources: the five contents of an annual report (法治政府建设与责任落实督察工作规定, 2019, art. 25);
the heading order of official documents (GB/T 9704-2012: 一、 → （一） → 1. → （1））; the arithmetic
a careful reviewer checks. Examples are constructed, not quoted from real reports.
"""

from __future__ import annotations

from dataclasses import dataclass

from rolcompare.schema import Severity


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    family: str  # report · corpus · consistency · structure · suppression
    en: str
    zh: str
    example: str = ""


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


def rules_text(rule_id: str | None = None) -> str:
    """``rolcompare rules``: one line per rule; with an id, that rule explained with its example."""
    if rule_id is None:
        width = max(map(len, RULES))
        return "".join(f"{r.id:<{width}}  {r.severity:<7}  {r.en} · {r.zh}\n" for r in _RULES)
    r = RULES[rule_id]
    return (
        f"{r.id} ({r.severity}, {r.family})\n  {r.en}\n  {r.zh}\n"
        + (f"  例 example: {r.example}\n" if r.example else "")
        + f"  docs/check.md#{r.id}\n"
    )
