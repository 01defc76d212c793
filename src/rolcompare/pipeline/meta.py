"""Pipeline stages 1, 3 and 5: front matter, the report's head, and its metadata (entity, covered year, level).

Real pages put a lot above the report: breadcrumbs, publication lines, pipe tables of 信息公开
pages, the title twice or in two lines, a cover letter's addressee, a delivery date. And many
reports have no title at all: the reporting body is only the subject of the first sentence
(``2022年，市水务局坚持…``), or a self-reference (``现将我局…情况报告如下``) whose full name
stands further down.

- ``read_head(lines)`` separates the head (chrome, title, addressee, dates) from the body;
- ``infer_meta(head, paragraphs)`` finds title, entity, year and level, each by a cascade;
- ``split_front_matter(text)`` reads YAML front matter, and ``merge_meta(...)`` lets it override
  what was inferred;
- ``year_from_file_name(path)`` is the year a file's name gives (``check``'s year-mismatch rule).

An entity is normalized to the body's full name (``北京市`` → ``北京市人民政府``, ``东湖街道`` →
``东湖街道办事处``, ``中共青山市水务局党组`` → ``青山市水务局``, ``人社局`` →
``人力资源和社会保障局``); the name as the page writes it is kept in ``entity_as_written``. What
cannot be found stays ``None`` (with a warning from the pipeline): page chrome never becomes a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Final, get_args

from rolcompare.errors import ConfigError
from rolcompare.lexicon.divisions import long_place_names
from rolcompare.lexicon.grammar import find_year, match_heading
from rolcompare.lexicon.words import (
    AUTONOMOUS_PREFECTURES,
    CHROME_LINE,
    DATE_LINE,
    DELIVERY_LINE,
    DEPARTMENT_SHORT_FORMS,
    LEVEL_SUFFIXES,
    PROVINCES,
    TITLE_PHRASE,
    VERTICAL_BODY,
)
from rolcompare.schema import Genre, Level, Line, Paragraph, ReportMeta, Section

# a letter: in normalized report text, a CJK character (``[^\W\d_]`` compiles in a tenth of a
# millisecond; a class of the CJK code-point range takes a millisecond each time it is written)
_L = r"[^\W\d_]"
# ---------------------------------------------------------------- the grammar of a body's name
_LEVEL_WORD = "地区|新区|街道|省|市|州(?!市)|盟|县|旗|区|镇|乡"
_AUTONOMOUS = "自治区|自治州|自治县|自治旗|特别行政区"
# one place: 1-3 characters and a level word (重庆市, 长寿区, 北城街街道), or an autonomous
# one (宁夏回族自治区); never "全市", "我县", "本区" or a preposition before a name; 州 before 市
# is part of the city's name (郑州市 is not 郑州 + 市)
_PLACE_CHAR = rf"(?![的了以在把将坚持认按照紧终绕着这我们该其与对为及等是年月党现由a-zA-Z]){_L}"
# the divisions whose names are longer than that (呼和浩特市, 阿鲁科尔沁旗), from the code table
_LONG_PLACES = "|".join(map(re.escape, long_place_names()))
_PLACE = (
    rf"(?:(?![全本各][省市县区州旗盟镇乡])"
    rf"(?:{_LONG_PLACES}|(?:{_PLACE_CHAR}){{2,9}}?(?:{_AUTONOMOUS})|(?:{_PLACE_CHAR}){{1,3}}?(?:{_LEVEL_WORD})))"
)
_BARE = rf"(?:{_AUTONOMOUS}|省|市|县|区|州|镇|乡)"  # a level word standing for the body's own place
_NAME_CHAR = rf"(?![的了以在把将坚持深认真按照紧始终围绕着这我们各全本该其与对为及等是年月日党a-zA-Z]){_L}"
_BODY = rf"(?:人民政府|政府|行政公署|街道办事处|办事处|(?:{_NAME_CHAR}){{1,14}}?(?:委员会|办公室|局|委|厅|部|署|中心|院|总队|支队|大队|银行|分行))"
_JOINT = rf"(?:党委|党工委|委)(?:和|、|与)?(?:{_BARE})?(?:人民)?政府"
_PARTY = r"(?:党组|党委|党工委)"
# a vertically managed body's national name before its local branch (国家税务总局青岛市税务局)
_VERTICAL = rf"{VERTICAL_BODY}(?={_PLACE})"
_ORG = (
    rf"(?P<cpc>中共|中国共产党)?(?P<vertical>{_VERTICAL})?(?P<place>(?:{_PLACE})+|{_BARE})?"
    rf"(?:(?P<joint>{_JOINT})|(?P<body>{_BODY})(?P<party>{_PARTY})?)?"
)
_ORG_AT: Final = re.compile(_ORG)


@cache
def _in_text(what: str) -> re.Pattern[str]:
    """Names (``org``) or places (``places``) anywhere in a text: compiled on first use (most
    reports never need them, and a name pattern takes milliseconds to compile)."""
    return re.compile(rf"(?<!{_L})(?:{_ORG})" if what == "org" else rf"(?<!{_L})(?:{_PLACE})+")


_SELF: Final = re.compile(r"(?:我|本)(?P<type>局|委|厅|部|办|中心|院|街道|镇|乡|县|市|区|州|省)")
_SHORT_FORMS: Final = sorted(DEPARTMENT_SHORT_FORMS, key=len, reverse=True)

# ---------------------------------------------------------------- the head of a page
_CHROME: Final = re.compile(CHROME_LINE)
_TITLE: Final = re.compile(TITLE_PHRASE)
_DATE_LINE: Final = re.compile(DATE_LINE)
_DELIVERY: Final = re.compile(DELIVERY_LINE)
_DOC_NUMBER: Final = re.compile(r"^[^\W\d_]{1,10}（\d{4}）\d{1,4}号$")
_ADDRESSEE: Final = re.compile(rf"^(?:{_L}|[、，（）\s]){{2,40}}：$")  # (各县（市、区）人民政府：)
_RUN_ON_TITLE: Final = re.compile(r"^([^，。；：！？]{4,70}?(?:的报告|报告))(?=\w)")
_LABEL_LINE: Final = re.compile(rf"{_L}+")
_HEAD_WINDOW = 16
# a notice that publishes the report (X办公室关于印发Y的通知): the report is Y
_NOTICE: Final = re.compile(r"关于印发(?P<inner>.{6,60}?)的通知$")
_NOTICE_LINE: Final = re.compile(r"^现将[^。]{0,80}印发给你们")


@dataclass(slots=True)
class Head:
    """What ``read_head`` returns: the title (if any) and the body lines after the head."""

    title: str | None = None
    body: list[Line] = field(default_factory=list)


def read_head(lines: list[Line]) -> Head:
    """Split the page's head from the report's body.

    Steps (over the first lines, up to the first heading or sentence):
      1. page chrome (breadcrumbs, 发布时间/来源/字号/打印 lines, pipe tables, bare dates, short
         site labels before the title) is skipped;
      2. the title: a line naming the genre (…法治政府建设…报告/情况), joined with the issuer line
         above it when the title is split (``中共青山市水务局党组`` / ``2022年度…报告``), or the
         head of a first line that runs on into the text (``…情况的报告2023年，县政府…``);
      3. after the title: its repetitions (whole or split), delivery and date lines, doc
         numbers and an addressee (``市政府：``) are skipped too; a notice that publishes the
         report (``…关于印发X的通知``, ``现将《X》印发给你们``) gives way to X's title.
    """
    head = Head()
    window = min(len(lines), _HEAD_WINDOW)
    i = 0
    while i < window:
        text = lines[i].text
        if _starts_body(text):
            break
        if _is_chrome(text):
            i += 1
        elif head.title is None and _is_title(text):
            head.title = _published(text)
            i += 1
        elif head.title is None and i + 1 < len(lines) and _is_issuer(text) and _is_title(lines[i + 1].text):
            head.title = f"{text} {lines[i + 1].text}"
            i += 2
        elif _is_head_line(text, head.title):
            i += 1
        else:
            break
    head.body = lines[i:]
    if head.title is None and head.body:
        _run_on_title(head)
    return head


_TITLE_LABEL: Final = re.compile(r"^(?:名称|标题|题名|文件名称|信息名称)\s*[：:]\s*\|?\s*")


def _published(title: str) -> str:
    """The report's own title: X when the line is the notice that publishes it (``…关于印发《X》的
    通知``), or the title in 《》 a page wraps it in, or after a 信息公开 table's 名称： label."""
    title = _TITLE_LABEL.sub("", title)
    m = _NOTICE.search(title)
    inner = m.group("inner") if m else title
    return inner[1:-1] if inner.startswith("《") and inner.endswith("》") else inner


def _starts_body(text: str) -> bool:
    return match_heading(text) is not None or (len(text) > 90 and not _CHROME.search(text[:40]))


def _is_title(text: str) -> bool:
    if len(text) > 80 or any(p in text for p in "。！？") or text.startswith(("现将", "按照", "根据")):
        return False
    return (text.endswith(("报告", "情况", "总结")) and _TITLE.search(text) is not None) or (
        "报告" in text and _TITLE.search(text) is not None and "如下" not in text
    )


def _is_issuer(text: str) -> bool:
    """A line that is only a body's name, or two (``中共XX县委 XX县人民政府``)."""
    parts = text.split()
    return 0 < len(parts) <= 3 and all(_whole_org(p) is not None for p in parts)


def _is_chrome(text: str) -> bool:
    """Breadcrumbs, publication lines, page tools, pipe tables of 信息公开 pages."""
    return (_CHROME.search(text) is not None and len(text) <= 160) or text.count("|") >= 2


def _is_head_line(text: str, title: str | None) -> bool:
    """A repetition of the title, a date, a doc number, an addressee, a site label."""
    if _DATE_LINE.fullmatch(text) or _DELIVERY.match(text) or _DOC_NUMBER.match(text) or _NOTICE_LINE.match(text):
        return True
    if title is not None:
        squeezed = text.replace(" ", "")
        if squeezed and squeezed in title.replace(" ", ""):
            return True
    if _ADDRESSEE.match(text) and "如下" not in text:
        return True
    # a short label above the title (区内新闻, 政务公开): no punctuation, not a name
    return title is None and len(text) <= 10 and _LABEL_LINE.fullmatch(text) is not None and not _is_issuer(text)


def _run_on_title(head: Head) -> None:
    first = head.body[0]
    m = _RUN_ON_TITLE.match(first.text)
    if m and _is_title(m.group(1)):
        head.title = m.group(1)
        head.body[0] = Line(first.no, first.text[m.end() :])


# ---------------------------------------------------------------- names
@dataclass(slots=True)
class Org:
    """A body's name as written, in its parts."""

    written: str
    place: str = ""
    bare: str = ""  # a level word alone (省, 市, 自治区): the place is the reporter's own, unnamed
    body: str = ""  # 人民政府, 公安局, 街道办事处 … ("" for a place alone)
    joint: bool = False  # 市委市政府, 党委和政府: the government reports
    vertical: str = ""  # 国家税务总局 before 青岛市税务局: the national body a local branch belongs to

    @property
    def is_department(self) -> bool:
        return bool(self.body) and self.body not in _GOVERNMENT_BODIES and not self.joint


def _org_from(m: re.Match[str]) -> Org | None:
    place, body = m.group("place") or "", m.group("body") or ""
    joint = m.group("joint") is not None
    if not (place or body):
        return None
    bare = place if re.fullmatch(_BARE, place) else ""
    if bare and not (body or joint):
        return None  # "市" alone is no name
    return Org(m.group(0), "" if bare else place, bare, body, joint, m.group("vertical") or "")


def _whole_org(text: str) -> Org | None:
    m = _ORG_AT.fullmatch(text)
    return _org_from(m) if m else None


def _org_at_start(text: str) -> Org | None:
    m = _ORG_AT.match(text)
    if not m or not m.group(0):
        return None
    return _org_from(m)


def canonical(org: Org) -> str:
    """The full name: ``X人民政府`` for a government, ``X街道办事处`` for a street, a department's
    full name (short forms expanded, 党组 and 中共 dropped), autonomous prefectures in full."""
    return org.vertical + _DOUBLED_LEVEL.sub(r"\1", _canonical(org))  # 白石县县民政局: a doubled level word


_DOUBLED_LEVEL: Final = re.compile(r"(省|市|县|区|州|镇|乡)\1")


_GOVERNMENT_BODIES: Final = ("人民政府", "政府", "行政公署", "街道办事处", "办事处")


def _canonical(org: Org) -> str:
    place = _full_place(org.bare or org.place)
    if org.joint or org.body in ("人民政府", "政府", "行政公署") or not org.body:
        return place + _government_of(place)
    if org.body in ("街道办事处", "办事处"):
        return place + ("办事处" if place.endswith("街道") else org.body)
    return place + _full_department(org.body)


def _government_of(place: str) -> str:
    """A place's government: 人民政府; a street's 办事处; a 地区's or 盟's 行政公署."""
    if place.endswith("街道"):
        return "办事处"
    return "行政公署" if place.endswith(("地区", "盟")) else "人民政府"


def _full_place(place: str) -> str:
    for short, full in AUTONOMOUS_PREFECTURES.items():
        if place.startswith(short) and not place.startswith(full):
            return full + place[len(short) :]
    return place


def _full_department(body: str) -> str:
    for short in _SHORT_FORMS:
        if body.endswith(short) and not body.endswith(DEPARTMENT_SHORT_FORMS[short]):
            return body[: -len(short)] + DEPARTMENT_SHORT_FORMS[short]
    return body


# ---------------------------------------------------------------- the entity cascade
_OPENING_LEAD: Final = re.compile(
    r"^(?:(?:\d{4}|[二〇○零一三四五六七八九]{4})年(?:度)?(?:以来|来|中)?，?)?"
    r"(?:(?:在|按照|根据)[^。；]{1,80}?(?:下|要求|部署)，)*"
)
_REPORT_AS_FOLLOWS: Final = re.compile(r"现将[^。；]{0,60}?(?:报告|汇报|总结)如下")
_REPORTER: Final = re.compile(
    r"现将(?P<who>[^。；，]{1,40}?)(?:\d{4}年度?|今年|本年度|上年度|全年|的)?(?:法治|依法行政|有关|相关|具体|工作|推进)"
)
_ISSUER_PART: Final = re.compile(
    r"^(?P<issuer>.+?)\s*(?:关于|（?(?:19|20)\d{2}|[二〇○]{2}[〇○零一二三四五六七八九]{2}|年度|法治政府|依法行政|法治建设)"
)


_JOINT_ISSUER = rf"(?:中共|中国共产党)?(?:{_PLACE})+(?:党委|委)\s*(?P<government>(?:{_PLACE})+(?:人民政府|政府))"


@dataclass(slots=True)
class Entity:
    name: str | None = None
    as_written: str | None = None
    department: bool = False


def find_entity(head: Head, paragraphs: list[Paragraph], signature: list[str] | None = None) -> Entity:
    """The reporting body.

    Steps:
      1. the issuer part of the title (before 关于 / the year / 法治…), government first when a
         party committee and a government report jointly;
      2. the subject of the first sentence, after its year and ``在…领导下，`` leads
         (``2022年，市水务局坚持…``), or the body in ``现将…报告如下``;
      3. a work report's speaker: ``我代表X…报告`` (X: 国务院, or a government);
      4. a self-reference (``我局``, ``本镇``) or a name without its place (``市公安局``, ``省政府``,
         ``自治区党委和政府``) is resolved against the full names in the first paragraphs,
         《titles》 included, and a province named there;
      5. the issuer that signs the report at its end (a full name above the closing date), when
         nothing was found, or for a self-reference or a place-less name it fits; unresolved, a
         name is kept as written.
    """
    found = _title_entity(head.title) if head.title else None
    if found is None and paragraphs:
        found = _opening_entity(paragraphs[0].text)
    if found is None:
        found = _delegate(paragraphs[:8])
    if found is not None and found[0] == "国务院":
        return Entity("国务院", "国务院", False)
    signed = _signed(signature or [])
    if found is None:
        if signed is not None:
            return Entity(canonical(signed), signed.written, signed.is_department)
        return Entity(department=_self_department(paragraphs[:3]))
    org, written = found
    text = " ".join(p.text for p in paragraphs[:12])  # (where a short name is resolved)
    if isinstance(org, str):  # a self-reference
        resolved = _resolve_self(org, text) or (signed if signed is not None and _fits_self(signed, org) else None)
        return Entity(canonical(resolved) if resolved else None, written, org in "局委厅部办中心院")
    if org.bare or (org.is_department and not org.place):
        resolved = _resolve_placeless(org, text) or (signed if signed is not None and _fits(signed, org) else None)
        if resolved is not None:
            org = resolved
    return Entity(canonical(org), written, org.is_department)


def _signed(signature: list[str]) -> Org | None:
    """The body that signs the report: a full name (with its place) among the closing lines."""
    for line in signature:
        org = _whole_org("".join(line.split()))
        if org is not None and org.place and (org.body or org.joint):
            return org
    return None


def _fits_self(signed: Org, kind: str) -> bool:
    """我区 fits a district's government, 我局 a bureau: the signer is what the text calls itself."""
    if kind in "局委厅部办中心院":
        return signed.is_department and signed.body.endswith(kind)
    return not signed.is_department and signed.place.endswith(kind)


def _fits(signed: Org, org: Org) -> bool:
    """市公安局 fits 青山市公安局, 区政府 fits 长寿区人民政府: same body, the place at the level named."""
    same_body = (
        _full_department(signed.body) == _full_department(org.body) if org.is_department else not signed.is_department
    )
    return same_body and (not org.bare or signed.place.endswith(org.bare))


_DELEGATE: Final = re.compile(r"我代表(国务院|[^，。；、]{2,24}?人民政府)[，,]?(?:向|现在向)")


def _delegate(paragraphs: list[Paragraph]) -> tuple[Org | str, str] | None:
    """The body a work report is given for: ``我代表X，向…`` (X: 国务院, or a government)
    (a place-less name is resolved like any other)."""
    for para in paragraphs:
        if m := _DELEGATE.search(para.text[:200]):
            name = m.group(1)
            if name == "国务院":
                return name, name
            org = _whole_org(name)
            return (org, name) if org is not None else None
    return None


_LEAD_ISSUER: Final = re.compile(
    r"^(?:关于|(?:(?:19|20)\d{2}|[二〇○]{2}[〇○零一二三四五六七八九]{2})年度?)(?P<issuer>.+?)\s*"
    r"(?:（?(?:19|20)\d{2}|[二〇○]{2}[〇○零一二三四五六七八九]{2}|年度|法治政府|依法行政|法治建设)"
)


def _title_entity(title: str) -> tuple[Org | str, str] | None:
    """The issuer of a title: before 关于 or the year (``X关于2022年…``, ``X2022年…``), or after
    them when the title opens with one (``关于X2022年…``, ``2022年度X法治政府建设…``)."""
    title = title.strip()
    m = _LEAD_ISSUER.match(title) or _ISSUER_PART.match(title)
    if not m:
        return None
    issuer = m.group("issuer").strip(" ，、")
    if "委" in issuer and (
        joint := re.fullmatch(_JOINT_ISSUER, issuer)
    ):  # 中共XX市委XX市人民政府: the government reports
        issuer = joint.group("government")
    orgs = [(o, p) for p in issuer.split() if (o := _whole_org(p)) is not None]
    if not orgs:
        return None
    government = [(o, p) for o, p in orgs if not o.is_department]
    return government[-1] if len(orgs) > 1 and government else orgs[-1]


def _opening_entity(first: str) -> tuple[Org | str, str] | None:
    """The subject of the first sentence when it is a named body, else the body of 现将…报告如下,
    else the subject as it is (a self-reference or a name without its place)."""
    rest = first[_OPENING_LEAD.match(first).end() :]  # type: ignore[union-attr]
    subject: tuple[Org | str, str] | None = None
    if s := _SELF.match(rest):
        subject = s.group("type"), s.group(0)
    elif org := _org_at_start(rest):
        if org.place:
            return org, org.written
        subject = org, org.written
    if m := _REPORTER.search(first[:300]):
        who = m.group("who")
        if s := _SELF.fullmatch(who):
            return subject or (s.group("type"), who)
        if org := _whole_org(who):
            return org, who
    return subject


def _self_department(paragraphs: list[Paragraph]) -> bool:
    """No name, but the text speaks as a department (我局, 作为…部门)."""
    text = " ".join(p.text[:300] for p in paragraphs)
    return re.search(r"我(?:局|委|厅)|作为[^，。]{0,12}部门", text) is not None


def _candidates(text: str) -> list[Org]:
    out = []
    for m in _in_text("org").finditer(text):
        org = _org_from(m) if m.group(0) else None
        if org is not None and org.place and (org.body or org.joint):
            out.append(org)
    return out


def _resolve_self(kind: str, text: str) -> Org | None:
    """我局 → the first full name in the text whose body is a 局 (我镇 → a 镇, 我县 → a place in 县)."""
    for org in _candidates(text):
        if org.is_department and org.body.endswith(kind):
            return org
    for m in _in_text("places").finditer(text):
        if m.group(0).endswith(kind) and not _is_generic_place(m.group(0)):
            return Org(m.group(0), m.group(0))
    return None


def _is_generic_place(place: str) -> bool:
    return re.fullmatch(rf"(?:{_BARE})+", place) is not None


def _resolve_placeless(org: Org, text: str) -> Org | None:
    """市公安局 → 郑州市公安局 when the text names it; 自治区党委和政府, 省卫生健康委员会 → in the
    one province the text names (a city's department: only by its full name, cities being many)."""
    body = _full_department(org.body) if org.is_department else None
    for cand in _candidates(text):
        same_body = body is not None and cand.is_department and _full_department(cand.body) == body
        if same_body and (not org.bare or cand.place.endswith(org.bare)):
            return cand
    if org.bare in ("省", "自治区", "市") and (not org.is_department or org.bare != "市"):
        province = _named_province(text, org.bare)  # 省政府, 自治区党委和政府, 省卫生健康委员会
        if province:
            return Org(org.written, province, "", org.body, org.joint)
    return None


def _named_province(text: str, level: str) -> str | None:
    """The one province-level division the text names whose level word is ``level``."""
    names = {
        full for short, full in PROVINCES.items() if full.endswith(level) and re.search(rf"{short}(?![藏族州])", text)
    }
    return names.pop() if len(names) == 1 else None


# ---------------------------------------------------------------- year and level
_DATE: Final = re.compile(r"(?:\d{4}|[二〇零一三四五六七八九○]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月")
_QUOTED: Final = re.compile(r"《[^》]*》|“[^”]*”")


def _year(text: str) -> int | None:
    """The first year of ``text`` that is not a date's (2019年12月) nor inside 《》 or quotes."""
    return find_year(_DATE.sub("", _QUOTED.sub("", text)))


def covered_year(head: Head, paragraphs: list[Paragraph], sections: list[Section] | None = None) -> int | None:
    """The year the report covers.

    Steps:
      1. the title's year;
      2. the first sentence's: its leading year (``2022年，…``) or the one in ``现将…报告如下``;
      3. the year of the first level-1 heading that names one and is not the plans part
         (``一、2022年度法治政府建设主要举措``);
      4. the first year (not a date, not in 《》 or quotes) of the first body paragraphs.
    A publication or delivery date never counts: the head skipped those lines, and a year
    followed by its month is a date.
    """
    if head.title and (year := _year(head.title)):
        return year
    for p in paragraphs[:2]:
        if (m := _REPORT_AS_FOLLOWS.search(p.text[:300])) and (year := _year(m.group(0))):
            return year
        if year := _year(p.text.split("。")[0][:12]):
            return year
    for s in sections or []:
        if s.level == 1 and "plans" not in s.kinds and (year := _year(s.title)):
            return year
    for p in paragraphs[:8]:
        if year := _year(p.text[:400]):
            return year
    return None


def infer_level(entity: str | None) -> Level | None:
    """Administrative level from the entity's canonical name."""
    if not entity:
        return None
    if entity == "国务院":
        return "other"  # the national government (the levels of the schema stop at province)
    name = entity.split()[-1]
    for pattern, level in LEVEL_SUFFIXES:
        if re.search(pattern, name):
            return level  # type: ignore[return-value]
    return "other"


def infer_meta(
    head: Head, paragraphs: list[Paragraph], sections: list[Section] | None = None, signature: list[str] | None = None
) -> ReportMeta:
    """Title, entity (canonical and as written), covered year, level and genre (``sections``: the
    section tree, which tells a work report by its review part; ``signature``: the closing
    issuer and date lines)."""
    entity = find_entity(head, paragraphs, signature or [])
    level = infer_level(entity.name) if entity.name else ("department" if entity.department else None)
    return ReportMeta(
        title=head.title,
        entity=entity.name,
        entity_as_written=entity.as_written if entity.name else None,
        year=covered_year(head, paragraphs, sections),
        level=level,
        genre=infer_genre(head, paragraphs, sections or []),
    )


_WORK_REPORT: Final = re.compile(r"政府工作报告|向大会报告政府工作|报告政府工作")


def infer_genre(head: Head, paragraphs: list[Paragraph], sections: list[Section]) -> Genre:
    """work_report when the title or the opening says 政府工作报告 (报告政府工作), or the report has a
    review part (工作回顾) and a targets sentence (预期目标); else rule_of_law."""
    opening = " ".join([head.title or "", *(p.text for p in paragraphs[:3])])
    if _WORK_REPORT.search(opening):
        return "work_report"
    reviews = any(s.level == 1 and "工作回顾" in s.title for s in sections)
    return "work_report" if reviews and any("预期目标" in p.text for p in paragraphs) else "rule_of_law"


def merge_meta(inferred: ReportMeta, front: dict[str, Any], script: str, source: str | None) -> ReportMeta:
    """Front matter overrides what was inferred (an entity given there also sets the level)."""
    from rolcompare.pipeline.normalize import to_simplified

    fields = inferred.model_dump()
    fields.update(script=script, source=front.get("source") or source)
    for key in ("entity", "year", "title", "level", "provenance", "genre"):
        if front.get(key) is not None:
            fields[key] = to_simplified(front[key]) if isinstance(front[key], str) else front[key]
    if front.get("entity"):
        fields["entity_as_written"] = None
        if not front.get("level"):
            fields["level"] = infer_level(fields["entity"])
    return ReportMeta(**fields)


def year_from_file_name(path: Path) -> int | None:
    """The year a report file's name gives (``reports/<entity>/2019.txt`` → 2019), or None."""
    m = re.fullmatch(r"((?:19|20)\d{2})", path.stem)
    return int(m.group(1)) if m else None


# ---------------------------------------------------------------- front matter
FRONT_MATTER_KEYS: Final = {
    "entity", "year", "source", "retrieved", "provenance", "note", "title", "level", "genre", "adcode",
}  # fmt: skip
_LEVELS: Final = get_args(Level)


def split_front_matter(text: str, name: str = "<text>") -> tuple[dict[str, Any], str, int]:
    """Split YAML front matter; returns (fields, body, line number of the body's first line)."""
    text = text.lstrip("\ufeff")
    if not text.startswith("---"):
        return {}, text, 1
    lines = text.splitlines(keepends=True)
    if lines[0].strip() != "---":
        return {}, text, 1
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return _load_front_matter("".join(lines[1:i]), name), "".join(lines[i + 1 :]), i + 2
    return {}, text, 1


def _load_front_matter(block: str, name: str) -> dict[str, Any]:
    import yaml

    # libyaml's safe loader when PyYAML was built with it (the usual wheels): same results as
    # yaml.safe_load, a quarter of the time for the 2020 example's block (0.29 → 0.07 ms), which
    # was the largest fixed cost of parsing a short report
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        fields = yaml.load(block, Loader=loader) or {}  # (a safe loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        raise ConfigError(f"{name}: the front matter is not valid YAML{where}; fix or remove it.", path=name) from None
    if not isinstance(fields, dict):
        raise ConfigError(f"{name}: the front matter must be key: value lines.", path=name)
    unknown = sorted(set(map(str, fields)) - FRONT_MATTER_KEYS)
    if unknown:
        raise ConfigError(
            f"{name}: unknown front matter key {', '.join(unknown)}; allowed: {', '.join(sorted(FRONT_MATTER_KEYS))}.",
            path=name,
        )
    if fields.get("provenance") not in (None, "official", "constructed", "unknown"):
        raise ConfigError(f"{name}: front matter provenance must be official or constructed.", path=name)
    if fields.get("year") is not None and (not isinstance(fields["year"], int) or isinstance(fields["year"], bool)):
        raise ConfigError(f"{name}: front matter year must be a number such as 2019.", path=name)
    for key in ("entity", "title", "source", "note"):
        if fields.get(key) is not None and not isinstance(fields[key], str):
            raise ConfigError(f"{name}: front matter {key} must be text.", path=name)
    if fields.get("genre") not in (None, "rule_of_law", "work_report"):
        raise ConfigError(f"{name}: front matter genre must be rule_of_law or work_report.", path=name)
    level = fields.get("level")
    if level is not None and level not in _LEVELS:
        raise ConfigError(f"{name}: front matter level must be one of {', '.join(_LEVELS)}.", path=name)
    if fields.get("adcode") is not None:
        fields["adcode"] = _adcode(fields["adcode"], name)
    return fields


def _adcode(value: Any, name: str) -> str:
    """A front matter adcode: six digits (YAML may read 110105 as a number)."""
    text = str(value) if isinstance(value, int | str) and not isinstance(value, bool) else ""
    if not re.fullmatch(r"[1-9]\d{5}", text):
        raise ConfigError(f"{name}: front matter adcode must be a six-digit division code such as 110105.", path=name)
    return text
