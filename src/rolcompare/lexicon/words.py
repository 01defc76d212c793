"""Lookup data of the pipeline: heading patterns, kind words, units, numerals, qualifiers, scopes.

Where the content comes from: the governing regulation's five required contents
(法治政府建设与责任落实督察工作规定, 2019, art. 25-26) for the part kinds; design §9 (docs/design.md) for
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
# the formal (大写) numerals of money and contracts: 伍仟元, 壹拾贰件
CN_FORMAL_DIGITS = {"壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
CN_DIGITS.update(CN_FORMAL_DIGITS)
CN_UNITS = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "零〇○一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
CN_ORDINALS = "一二三四五六七八九十"  # heading and enumeration numbers: 一、 （二） 三是 第四

# ---------------------------------------------------------------- section kinds (design §1 (docs/design.md))
KIND_PATTERNS: dict[str, str] = {
    "responsibility": r"第一责任人|履职|履行.{0,8}职责|责任落实|主要负责人|党政主要负责",
    "measures": r"举措|成效|主要工作|工作情况|工作成效|主要做法|取得的成绩|进展|推进法治政府建设(?!.*问题)",
    "problems": r"存在的?问题|问题和不足|不足|差距|短板|薄弱",
    "plans": r"打算|安排|下一步|计划|思路|展望|\d{4}年(?:度)?(?:工作|重点)",
    "other": r"其他|其它",
}
# the parts of a 政府工作报告 (work report): a review of last year (or five), this year's overall
# requirements and targets, the tasks, and the government's own conduct; a level-1 part after the
# review that names none of them is a part of the tasks
WORK_REPORT_KIND_PATTERNS: dict[str, str] = {
    "review": r"回顾",
    "targets": r"总体要求|总体部署|预期目标|主要目标",
    "government": r"政府自身建设|自身建设",
}

# ---------------------------------------------------------------- metadata
# Where this comes from: the names of China's administrative divisions (GB/T 2260: the 34
# provincial-level divisions and the 30 autonomous prefectures, whose short forms 宁夏 / 海南州
# stand for the full names), the usual official short forms of department names (人社局 for
# 人力资源和社会保障局), and the page layouts of government sites (breadcrumbs, publication
# lines, pipe tables of 信息公开 pages) seen in real report pages.
LEVEL_SUFFIXES: list[tuple[str, str]] = [
    # (regex on the canonical entity, level); departments first: "XX市司法局" is a department
    (r"(?:街道办事处|街道|镇人民政府|乡人民政府|镇|乡)$", "township"),
    (r"(?:地区|盟)行政公署$", "city"),  # a 地区's or 盟's government
    (r"(?:局|厅|委员会|委|办公室|办|中心|院|署|部|队|所|站|银行|分行)$", "department"),
    (r"(?:省|自治区|特别行政区|^北京市|^上海市|^天津市|^重庆市)(?:人民政府)?$", "province"),
    (r"(?:区|新区)(?:人民政府)?$", "district"),
    (r"(?:县|旗|自治县|自治旗)(?:人民政府)?$", "county"),
    (r"(?:市|州|自治州|盟|地区)(?:人民政府)?$", "city"),
]
# a report's title: the genre's words, then 报告 / 情况 / 总结 (法治政府建设工作情况)
TITLE_PHRASE = r"(?:法治政府|依法行政|法治建设|法治政府部门)[^。！？]{0,24}?(?:报告|情况|总结)"

# a vertically managed body's national name before its local branch (国家税务总局 in
# 国家税务总局青岛市税务局): pipeline.meta reads it as part of the name, pipeline.identify sets it
# aside to find the branch's place
VERTICAL_BODY = r"国家[^\W\d_]{2,12}?总局"
# the 34 provincial-level divisions, by the short name texts use (宁夏 → 宁夏回族自治区)
PROVINCES: dict[str, str] = {
    "北京": "北京市",
    "天津": "天津市",
    "上海": "上海市",
    "重庆": "重庆市",
    "河北": "河北省",
    "山西": "山西省",
    "辽宁": "辽宁省",
    "吉林": "吉林省",
    "黑龙江": "黑龙江省",
    "江苏": "江苏省",
    "浙江": "浙江省",
    "安徽": "安徽省",
    "福建": "福建省",
    "江西": "江西省",
    "山东": "山东省",
    "河南": "河南省",
    "湖北": "湖北省",
    "湖南": "湖南省",
    "广东": "广东省",
    "海南": "海南省",
    "四川": "四川省",
    "贵州": "贵州省",
    "云南": "云南省",
    "陕西": "陕西省",
    "甘肃": "甘肃省",
    "青海": "青海省",
    "台湾": "台湾省",
    "内蒙古": "内蒙古自治区",
    "广西": "广西壮族自治区",
    "西藏": "西藏自治区",
    "宁夏": "宁夏回族自治区",
    "新疆": "新疆维吾尔自治区",
    "香港": "香港特别行政区",
    "澳门": "澳门特别行政区",
}

AUTONOMOUS_PREFECTURES: dict[str, str] = {
    "延边州": "延边朝鲜族自治州",
    "恩施州": "恩施土家族苗族自治州",
    "湘西州": "湘西土家族苗族自治州",
    "阿坝州": "阿坝藏族羌族自治州",
    "甘孜州": "甘孜藏族自治州",
    "凉山州": "凉山彝族自治州",
    "黔东南州": "黔东南苗族侗族自治州",
    "黔南州": "黔南布依族苗族自治州",
    "黔西南州": "黔西南布依族苗族自治州",
    "楚雄州": "楚雄彝族自治州",
    "红河州": "红河哈尼族彝族自治州",
    "文山州": "文山壮族苗族自治州",
    "西双版纳州": "西双版纳傣族自治州",
    "大理州": "大理白族自治州",
    "德宏州": "德宏傣族景颇族自治州",
    "怒江州": "怒江傈僳族自治州",
    "迪庆州": "迪庆藏族自治州",
    "临夏州": "临夏回族自治州",
    "甘南州": "甘南藏族自治州",
    "海北州": "海北藏族自治州",
    "黄南州": "黄南藏族自治州",
    "海南州": "海南藏族自治州",
    "果洛州": "果洛藏族自治州",
    "玉树州": "玉树藏族自治州",
    "海西州": "海西蒙古族藏族自治州",
    "昌吉州": "昌吉回族自治州",
    "博州": "博尔塔拉蒙古自治州",
    "巴州": "巴音郭楞蒙古自治州",
    "克州": "克孜勒苏柯尔克孜自治州",
    "伊犁州": "伊犁哈萨克自治州",
}

# official short forms of department names → the full name (longest first when matching)
DEPARTMENT_SHORT_FORMS: dict[str, str] = {
    "人力社保局": "人力资源和社会保障局",
    "人社局": "人力资源和社会保障局",
    "人力社保厅": "人力资源和社会保障厅",
    "人社厅": "人力资源和社会保障厅",
    "卫生健康委": "卫生健康委员会",
    "卫健委": "卫生健康委员会",
    "卫健局": "卫生健康局",
    "发展改革委": "发展和改革委员会",
    "发改委": "发展和改革委员会",
    "发改局": "发展和改革局",
    "住房城乡建设局": "住房和城乡建设局",
    "住建局": "住房和城乡建设局",
    "住房城乡建设厅": "住房和城乡建设厅",
    "住建厅": "住房和城乡建设厅",
    "住建委": "住房和城乡建设委员会",
    "市场监管局": "市场监督管理局",
    "市场监管厅": "市场监督管理厅",
    "资规局": "自然资源和规划局",
    "应急局": "应急管理局",
    "应急厅": "应急管理厅",
    "医保局": "医疗保障局",
    "文旅局": "文化和旅游局",
    "文旅厅": "文化和旅游厅",
    "教体局": "教育和体育局",
    "工信局": "工业和信息化局",
    "工信厅": "工业和信息化厅",
    "经信局": "经济和信息化局",
    "科技局": "科学技术局",
    "科技厅": "科学技术厅",
    "退役军人局": "退役军人事务局",
    "城管局": "城市管理局",
    "林草局": "林业和草原局",
}

# page chrome: lines of a web page around the article (never report text)
CHROME_LINE = (
    r"当前位置|您的位置|您当前的?位置|所在位置|首页\s*[>＞»›]|[>＞»›]\s*正文|"
    r"(?:发布|发稿|发文|成文|生效|废止|更新|印发)(?:时间|日期)|(?:稿件|文章|信息|新闻)?来源\s*[：:]|作者\s*[：:]|"
    r"浏览(?:次数|量)|点击(?:数|率|量|次数)|阅读(?:次数|量)|访问量|字号\s*[：:]?|字体\s*[：:]|【\s*字体|打印|分享到|"
    r"关闭窗口|收藏本页|索引号|发布机构|所属主题|主题分类|信息分类|公开方式|公开范围|文\s*号\s*[：:]|"
    r"网站支持|IPv6|【\s*[大中小]\s*】|返回顶部|上一篇|下一篇|扫一扫|"
    r"^[^，。；：]{2,24}(?:门户网站|政府网站|政府网|人民政府网)$"  # the site's name above the title
)
# a date line of a page head (发布日期：2023-03-15, 二〇二三年三月十五日, with a time after it)
DATE_LINE = r"(?:日期|时间)?[：:]?\s*(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|[二〇○零一三四五六七八九十]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
# a delivery line under a title: the date and the meeting a report was given at (——2023年2月在…会议上)
DELIVERY_LINE = (
    r"^(?:——|—|--|（)?\s*(?:\d{4}|[二〇○零一三四五六七八九]{4})年.{1,6}月.{1,6}日.{0,40}(?:会议|会上|上）?$)"
)

# ---------------------------------------------------------------- indicators (design §9, docs/design.md)
# measure words, longest first so that 件次 wins over 件
# concentrations (PM2.5平均浓度为33μg/m³): a measurement, kind other
MEASURE_UNITS = ("微克/立方米", "μg/m³", "µg/m³", "毫克/立方米", "mg/m³", "毫克/升", "mg/L")
UNITS = sorted(
    [
        "件次",
        "人次",
        "场次",
        "户次",
        "个工作日",
        "个月",
        "课时",
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
        *MEASURE_UNITS,
    ],
    key=len,
    reverse=True,
)
MONEY_UNITS = {"元": 1, "千元": 1_000, "万元": 10_000, "亿元": 100_000_000}
DURATION_UNITS = {"天", "个工作日", "工作日", "小时", "分钟", "个月"}
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
        "处理",
        "公布",
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
    "共计",
    "共(?![享同治商性识青])",  # (共享法庭, 共同缔造: words, not 共 "in all"; 共建立 is 共 + 建立)
    "以及",
    "还",
    "也",
    "已",
    "先后",
    "累计",
    "总计",
    "合计",
    "将",
    "把",
    "对(?!外)",
    "在(?![线册岗职编])",  # (在线, 在册, 在岗: words)
]
LABEL_LEADING = re.compile(rf"^(?:[，、；：]|\d{{4}}年度?|{'|'.join(_LEADING_WORDS)})+")
# the characters LABEL_LEADING can start with (besides digits): a quick test before the regex
LABEL_LEADING_FIRST = frozenset(
    "，、；：" + "".join(w[0] for w in _LEADING_WORDS)
)  # (a regex word's first character is literal)
# stripped from the end of a label (longest first; repeatedly)
LABEL_TRAILING = tuple(
    sorted(
        [
            "共计",
            "共",
            "占",
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
            "保持",  # 出庭应诉率连续三年保持100%: the label is the rate
            *(f"连续{n}年" for n in "两三四五六七八九十多"),
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
    "八类严重",  # 八类严重暴力案件, 八类主要刑事案件: the name of a category of crimes
    "八类主要",
)
# Labels that name no object. A bare verb (承接10项 after 取消行政许可事项8项) takes the object
# named before it in the sentence, verb first (承接行政许可事项); an outcome (撤销1件 after
# 行政复议案件4件) and a bare rate (处理率) take it in front (行政复议案件撤销, 信访投诉处理率).
BARE_VERBS = (
    *LABEL_VERBS,
    "调整",
    "设定",
    "保留",
    "宣布失效",
    "失效",
    "修改",
    "转办",
    "督办",
    "答复",
    "办复",
    "解决",
    "整改",
)
OUTCOME_WORDS = (
    "撤销",
    "维持",
    "驳回",
    "纠正",
    "终止",
    "确认违法",
    "责令履行",
    "变更",
    "撤诉",
    "和解",
    "调解结案",
    "败诉",
    "胜诉",
    "不予受理",
    "尚未作出判决",
    "尚未审结",
    "结案",
)
BARE_LABEL_LEADS = ("建议", "依法", "共", "累计", "其中", "另", "已", "先后", "分别", "均", "全部", "予以", "决定")
# a range in words: 两三场 (2-3), 一两百人 (100-200), 三五天 (3-5); the pairs a range is written with
CN_RANGE_PAIRS = ("一两", "两三", "三四", "四五", "五六", "六七", "七八", "八九", "三五")
# 七成 = 70 %: what may follow 成 when it is a share (not 成为, 成立, 成效 …)
CHENG_AFTER = ("以上", "左右", "多", "余")
# a change from one value to another: 从15天提速至5天, 由原来的20个工作日缩短为7个工作日
CHANGE_VERBS = (
    "提速",
    "缩短",
    "压缩",
    "减少",
    "下降",
    "降低",
    "降",
    "提高",
    "提升",
    "增加",
    "增长",
    "上升",
    "压减",
    "精简",
    "减",
)
# a measure word followed by these is part of a name or a grade, not a count: 三家子 (a place),
# 三类水质 / 五类水体 (water-quality classes), 二级标准
NON_COUNT_AFTER_UNIT = {"家": ("子", "村", "庄", "屯", "湾", "坝", "沟", "岭", "寨", "堡", "营"), "类": ("水",)}
# the unit of a rank: a rank counts no thing (第3名 is rank 3, not 3 people)
RANK_UNIT = ""
# 第N after these is a rank even without 名/位 (居全国第11, 排名第5)
RANK_LEADS = (
    "排名",
    "居全国",
    "居全省",
    "居全市",
    "居全区",
    "居全州",
    "居全县",
    "列全国",
    "列全省",
    "列全市",
    "位居全国",
    "位居全省",
    "位居全市",
    "位列全国",
    "位列全省",
    "位列全市",
    "位居",
    "位列",
    "居",
    "列",
)

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


# ---------------------------------------------------------------- matching (match.py)
# generic words of these reports: they say nothing about which measure or plan is meant
STOP_WORDS = [
    "法治",
    "政府",
    "建设",
    "工作",
    "进一步",
    "加强",
    "推进",
    "全面",
    "深入",
    "完善",
    "健全",
    "提高",
    "提升",
    "各项",
    "落实",
    "开展",
    "坚持",
    "积极",
    "不断",
    "持续",
    "切实",
    "有效",
    "严格",
    "重点",
    "强化",
    "加大",
    "力度",
    "水平",
    "机制",
    "制度",
    "体系",
    "依法",
    "我们",
    "全市",
    "全县",
    "全区",
    "市政府",
    "县政府",
    "各地",
    "各部门",
    "存在",
    "问题",
    "需要",
    "一些",
    "部分",
    "仍然",
    "还有",
    "进行",
    "实现",
    "相关",
    "情况",
    "方面",
    "继续",
    "大力",
    "着力",
    "著力",
    "推动",
    "不折",
    "不扣",
    "贯彻",
    "中央",
    "国务院",
    "省委",
    "省政府",
    "市委",
    "要求",
    "新时代",
    "年度",
    "实施",
    "促使",
    "对标",
    "以及",
    "一定",
    "年法",
    "等等",
    "主要",
    "及时",
    "法治政府建设",
    "法治建设",
    "法治政府",
    "政府建设",
    "改革",
    "规范",
    "各类",
    "群众",
]


# ---------------------------------------------------------------- consistency rules (checker.consistency)
# rate word → (numerator verbs, denominator verbs); both counts must stand in the rate's sentence
RATE_COUNTS: dict[str, tuple[str, str]] = {
    "结案率": ("审结|结案|办结", "受理|收到|新收|立案"),
    "审结率": ("审结", "受理|收到|新收"),
    "办结率": ("办结", "受理|收到|交办|登记"),
    "办复率": ("办复|答复", "交办|收到|承办|办理"),
    "败诉率": ("败诉", "审结|结案|判决|裁判"),
    "纠错率": ("纠错|纠正|撤销", "审结|办结"),
}
# rates that may exceed 100 %: against a plan or a target (投资完成率 114 %), or a growth
RATES_OVER_100_ALLOWED = ("完成率", "执行率", "增长率", "增速", "超额")
# words that make a number a change, not a level (consistency rules, targets)
INCREASE_WORDS = ("增长", "增加", "上涨", "涨幅", "上升", "提高", "提升", "增幅")
DECREASE_WORDS = ("下降", "降低", "减少", "降幅")
