"""Lookup data of the pipeline: heading patterns, kind words, units, numerals, qualifiers, scopes.

Where the content comes from: the governing regulation's five required contents
(法治政府建设与责任落实督察工作规定, 2019, art. 25-26) for the part kinds; DESIGN.md §9 for
the starting word lists; and the wording observed in reports/luzhou/2019.txt and the
report texts written for the tests. Grow these lists from real reports, and add a test
case with every new word. The indicator concept taxonomy lives in ``data/taxonomy.toml``.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------- characters
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "，。、；：！？（）《》“”‘’「」『』【】…—·"
PINYIN_LETTERS = "a-zü" + "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_VOWELS = "aeiouüvāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# one pinyin syllable: optional initial, 1-3 vowels, optional final n/ng/r. Written for the
# regex engine's speed, same matches as ``(?:[initials]h?)?[vowels]{1,3}(?:ng|n|r)?|h?[mnń]g?``
# (a test holds it to that): the vowel run is possessive ({1,3}+, Python ≥ 3.11: nothing after
# it is a vowel, so giving one back never helps a match), and the optional groups are written as
# alternatives with an empty last one (``(?:ng|n|r|)`` tries the same things in the same order
# as ``(?:ng|n|r)?`` without the engine's general repeat machinery). Together: removing the
# mirror's annotations costs about half the instructions.
PINYIN_SYLLABLE = rf"(?:[bpmfdtnlgkhjqxrzcsyw]h?|)[{_VOWELS}]{{1,3}}+(?:ng|n|r|)|h?[mnń]g?"

# ---------------------------------------------------------------- numerals
CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "零〇○一二两三四五六七八九十百千万亿"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
CN_ORDINALS = "一二三四五六七八九十"  # heading and enumeration numbers: 一、 （二） 三是 第四

# ---------------------------------------------------------------- section kinds (DESIGN §1)
KIND_PATTERNS: dict[str, str] = {
    "responsibility": r"第一责任人|履职|履行.{0,8}职责|责任落实|主要负责人|党政主要负责",
    "measures": r"举措|成效|主要工作|工作情况|工作成效|主要做法|取得的成绩|进展|推进法治政府建设(?!.*问题)",
    "problems": r"存在的?问题|问题和不足|不足|差距|短板|薄弱",
    "plans": r"打算|安排|下一步|计划|思路|展望|\d{4}年(?:度)?(?:工作|重点)",
    "other": r"其他|其它",
}

# ---------------------------------------------------------------- metadata
LEVEL_SUFFIXES: list[tuple[str, str]] = [
    # (regex on the entity without 人民政府, level); department first: "XX市司法局" is a department
    (r"(?:局|厅|委员会|委|办公室|办|中心|院|署|部|队|所|站)$", "department"),
    (r"(?:省|自治区|北京市|上海市|天津市|重庆市)$", "province"),
    (r"(?:区|新区)$", "district"),
    (r"(?:县|旗|自治县|县级市)$", "county"),
    (r"(?:市|州|自治州|盟|地区)$", "city"),
]
TITLE_WORDS = r"报告|法治政府|依法行政|法治建设"

# ---------------------------------------------------------------- indicators (DESIGN §9)
# measure words, longest first so that 件次 wins over 件
UNITS = sorted(
    [
        "件次",
        "人次",
        "场次",
        "户次",
        "个工作日",
        "工作日",
        "小时",
        "分钟",
        "万元",
        "亿元",
        "千元",
        "元",
        "件",
        "项",
        "个",
        "次",
        "人",
        "名",
        "家",
        "所",
        "条",
        "份",
        "部",
        "场",
        "期",
        "批",
        "处",
        "卷",
        "支",
        "类",
        "张",
        "套",
        "篇",
        "户",
        "宗",
        "起",
        "例",
        "座",
        "台",
        "亩",
        "天",
        "位",
        "本",
        "万册",
        "册",
        "期次",
        "余次",
        "公里",
        "平方米",
        "吨",
        "辆",
        "家次",
        "批次",
        "个次",
    ],
    key=len,
    reverse=True,
)
MONEY_UNITS = {"元": 1, "千元": 1_000, "万元": 10_000, "亿元": 100_000_000}
DURATION_UNITS = {"天", "个工作日", "工作日", "小时", "分钟"}
QUALIFIER_BEFORE = {
    "约": "approx",
    "近": "approx",
    "大约": "approx",
    "超过": "at_least",
    "逾": "at_least",
    "超": "at_least",
    "多达": "at_least",
    "不低于": "at_least",
    "不少于": "at_least",
    "不到": "at_most",
    "不足": "at_most",
    "不超过": "at_most",
    "未超过": "at_most",
}
QUALIFIER_AFTER_NUMBER = {"余": "at_least", "多": "at_least"}
QUALIFIER_AFTER_UNIT = {"以上": "at_least", "左右": "approx", "上下": "approx", "以内": "at_most", "以下": "at_most"}

SCOPES = sorted(
    [
        "全市",
        "全县",
        "全区",
        "全省",
        "全州",
        "全旗",
        "全国",
        "市本级",
        "县本级",
        "区本级",
        "省本级",
        "市级",
        "县级",
        "区级",
        "省级",
        "区县",
        "市政府",
        "县政府",
        "区政府",
        "省政府",
        "州政府",
        "各部门",
        "各区县",
        "乡镇",
        "街道",
    ],
    key=len,
    reverse=True,
)
LABEL_VERBS = sorted(
    [
        "受理",
        "办理",
        "审结",
        "审查",
        "审核",
        "备案",
        "报送",
        "公开",
        "培训",
        "开展",
        "组织",
        "召开",
        "设立",
        "建立",
        "出台",
        "制定",
        "修订",
        "废止",
        "取消",
        "下放",
        "承接",
        "调解",
        "评查",
        "移送",
        "聘请",
        "出具",
        "办结",
        "清理",
        "发布",
        "举办",
        "解答",
        "化解",
        "查处",
        "立案",
        "作出",
        "提供",
        "接待",
        "收到",
        "录入",
        "公示",
        "印发",
        "完成",
        "新增",
        "减少",
        "压减",
        "精简",
        "建成",
        "运行",
        "推出",
        "征集",
        "培育",
        "认定",
    ],
    key=len,
    reverse=True,
)
# stripped from the start of a label
_LEADING_WORDS = [
    "全年",
    "今年",
    "去年",
    "年内",
    "当年",
    "同期",
    "上半年",
    "下半年",
    "其中",
    "另外",
    "另",
    "同时",
    "此外",
    "并且",
    "并",
    "共",
    "以及",
    "还",
    "也",
    "已",
    "先后",
    "累计",
    "总计",
    "合计",
]
LABEL_LEADING = re.compile(rf"^(?:[，、；：]|\d{{4}}年度?|{'|'.join(_LEADING_WORDS)})+")
# the characters LABEL_LEADING can start with (besides digits): a quick test before the regex
LABEL_LEADING_FIRST = frozenset("，、；：" + "".join(w[0] for w in _LEADING_WORDS))
# stripped from the end of a label (longest first; repeatedly)
LABEL_TRAILING = tuple(
    sorted(
        [
            "共计",
            "共",
            "累计",
            "合计",
            "总计",
            "达到",
            "达",
            "均为",
            "均达到",
            "均达",
            "均",
            "都为",
            "都达到",
            "都",
            "分别为",
            "分别达到",
            "分别",
            "为",
            "是",
            "有",
            "约",
            "近",
            "超过",
            "逾",
            "不到",
            "不足",
            "不超过",
            "不低于",
            "不少于",
            "已",
            "同比",
            "提升至",
            "提高到",
            "提高至",
            "上升至",
            "下降至",
            "降至",
            "升至",
            "跃升至",
            "增至",
            "增加到",
            "保持在",
            "稳定在",
            "在",
            "至",
            "到",
            "的",
        ],
        key=len,
        reverse=True,
    )
)
# fixed expressions whose numeral is not a count
NON_COUNT_PHRASES = (
    "两条线",
    "一张网",
    "一件事",
    "一次办",
    "一网通",
    "一窗",
    "一站式",
    "一体化",
    "两个维护",
    "四个意识",
    "四个自信",
    "三项制度",
    "一把手",
    "一揽子",
)
# words that make a 第N an ordinal; 第N名/位 is a rank
RANK_UNITS = ("名", "位")

# ---------------------------------------------------------------- topics (plan/problem matching)
# Words that name the same subject in different wording; a text mentioning any of them gets
# the topic as an extra matching term (so 队伍年龄结构老化 meets 加强队伍建设).
TOPICS: dict[str, tuple[str, ...]] = {
    "staffing": ("队伍", "工作人员", "人才", "编制", "人员力量", "工作力量", "干部", "素质", "执法人员"),
    "business_environment": ("营商环境", "放管服", "审批", "商事", "市场主体", "证明事项", "减证"),
    "assessment": ("考核", "评估", "督察", "督查", "督导", "问责"),
    "publicity": ("普法", "法治宣传", "法治意识", "宣传教育", "学法"),
    "reconsideration_litigation": ("复议", "应诉", "诉讼", "败诉", "纠错"),
    "enforcement": ("执法", "处罚", "行政强制", "案卷"),
    "normative_documents": ("规范性文件", "合法性审查", "合法性审核", "备案审查"),
    "decision_making": ("重大行政决策", "决策程序", "专家论证", "风险评估"),
    "disclosure": ("政务公开", "信息公开", "公开政府信息"),
    "legal_services": ("法律服务", "法律援助", "公证", "法律顾问", "司法所"),
    "mediation": ("调解", "矛盾纠纷", "信访", "仲裁"),
    "legislation": ("立法", "地方性法规", "规章"),
}
