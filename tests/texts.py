"""Small report texts written for the tests in the official style, and the mirror's noise.

Nothing here is copied from a web page: the generators assemble sentences written for
this project.
"""

from __future__ import annotations

import random

from hypothesis import strategies as st

ENTITIES = ["青山市人民政府", "白石县人民政府", "云岭市司法局", "江南区人民政府", "河西省人民政府"]
MEASURES = [
    "深化“放管服”改革，全市政务服务事项网上可办率达到95%。",
    "全年受理行政复议案件120件，审结110件。",
    "加强规范性文件监督管理，审核市政府规范性文件30件。",
    "开展行政执法人员培训，累计培训1500余人次。",
    "全市共建立人民调解委员会300个，调解矛盾纠纷2000件。",
    "全市政府网站主动公开政府信息12000条。",
    "严格落实重大行政决策程序，聘请法律顾问56名。",
]
PROBLEMS = ["行政执法规范化水平仍有差距", "法治宣传教育针对性不强", "基层法治工作力量薄弱"]
PLANS = ["深入推进依法行政", "加强行政执法队伍建设", "深化法治宣传教育", "完善行政复议工作机制"]
CN = "一二三四五六七八九十"


def report_text(entity: str, year: int, n_sub: int = 3) -> str:
    """A clean simplified report with the four parts, (一)… sub-sections and numbers."""
    lines = [
        f"{entity}{year}年度法治政府建设工作报告",
        f"{year}年，{entity[:3]}认真落实法治政府建设各项任务，取得明显成效。",
        "一、法治建设第一责任人履职情况",
        "主要负责人切实履行推进法治建设第一责任人职责，全年开展会前学法12次。",
        "二、推进法治政府建设主要举措和成效",
    ]
    for i in range(n_sub):
        lines.append(f"（{CN[i]}）{PLANS[i % len(PLANS)]}。{MEASURES[i % len(MEASURES)]}")
    lines.append(f"三、存在的问题和{year + 1}年工作打算")
    lines.append("但仍存在一些不足：" + "；".join(PROBLEMS) + "。")
    lines.append(
        f"{year + 1}年，我们将重点做好以下工作：" + "；".join(f"{CN[i]}是{p}" for i, p in enumerate(PLANS)) + "。"
    )
    return "\n".join(lines) + "\n"


def add_mirror_noise(text: str, rng: random.Random, rate: float = 0.15) -> str:
    """The mirror site's dirt: pinyin after random characters, commas before punctuation."""
    syllables = ["shè", "bào", "shí", "wù", "diǎn", "dòng", "xiàng", "zé", "lǐng", "yuàn"]
    out = []
    for ch in text:
        out.append(ch)
        if "\u4e00" <= ch <= "\u9fff" and rng.random() < rate:
            out.append(f"({rng.choice(syllables)})")
        if ch in "，。、；" and rng.random() < 0.5:
            out.insert(len(out) - 1, ",")
    return "".join(out)


@st.composite
def reports(draw: st.DrawFn) -> str:
    entity = draw(st.sampled_from(ENTITIES))
    year = draw(st.integers(2015, 2030))
    return report_text(entity, year, draw(st.integers(1, 7)))
