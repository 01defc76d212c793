"""Pipeline stage 6: body paragraphs → indicators.

``extract_indicators(paragraphs)`` returns the :class:`Indicator` rows (docs/design.md, "What
counts as an indicator"): every reported number with a measure word, a percentage or a rank, its
value (multipliers folded in), unit, qualifier, label in the report's words, scope,
section, sentence and source line; years, dates, 《titles》, quoted names, ordinals and
heading numbers are never indicators.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from rolcompare.lexicon import words as lx
from rolcompare.lexicon.concepts import match_concept
from rolcompare.lexicon.grammar import mask_quoted, split_sentences
from rolcompare.lexicon.lazy import LazyPattern
from rolcompare.lexicon.numerals import parse_number
from rolcompare.schema import Indicator, IndicatorKind, Paragraph, Qualifier, build_many

# optional groups are written ``(?:X|)``: the same matches as ``(?:X)?``, tried in the same
# order, without the regex engine's general repeat machinery (a tenth fewer instructions)
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+|)[万亿千]?"
_CN_NUM = rf"[{lx.CN_NUMERAL_CHARS}]+"
_CN_RANGE = "|".join(lx.CN_RANGE_PAIRS)

_UNIT_ALT: Final = "|".join(map(re.escape, sorted([*lx.UNITS, "个百分点", "倍"], key=len, reverse=True)))
_PRE_ALT: Final = "|".join(sorted(lx.QUALIFIER_BEFORE, key=len, reverse=True))
_POST_ALT: Final = "|".join(lx.QUALIFIER_AFTER_UNIT)
_CANDIDATE: Final = re.compile(
    rf"(?P<rank>(?:第|排名第?)(?P<rnum>\d{{1,4}}|[一二三四五六七八九十]{{1,3}})(?:名|位))"
    rf"|(?P<rank2>(?:排名第|第(?:(?<=[居列]第)|(?<=[居列]全[国省市区州县]第)|(?<=排名全[国省市区州县]第)))(?P<rnum2>\d{{1,4}}|[一二三四五六七八九十]{{1,3}})(?![\d{lx.CJK}]))"
    rf"|(?P<first>首位|第一名)"
    rf"|(?P<ordinal>第(?:\d+|{_CN_NUM}))"
    rf"|(?P<cnpct>百分之(?P<cnpctnum>[{lx.CN_NUMERAL_CHARS}点]+))"
    rf"|(?:(?P<pre>{_PRE_ALT})|)(?P<num>{_ARABIC}|{_CN_NUM})(?:(?P<yu>余|多)|)"
    rf"(?:(?P<pct>%)|(?P<unit>{_UNIT_ALT})|)(?:(?P<post>{_POST_ALT})|)"
)
_CHENG_POST = "|".join(lx.CHENG_AFTER)
# read only where the candidate pattern's number is followed by a dash, 至 or 成 (rare): a range
# of Arabic numbers (6.5%－7%, 5-10个工作日) or a share in tenths (下降三成)
_RANGE_OR_SHARE: Final = LazyPattern(
    rf"(?P<cheng>(?P<chengnum>\d|[一二两三四五六七八九])成(?=[，。；、）]|$|{_CHENG_POST})(?P<chengpost>{_CHENG_POST}|))"
    rf"|(?P<lo>{_ARABIC})(?P<lopct>%|)[-—~～至](?P<hi>{_ARABIC})(?:(?P<rpct>%)|(?P<runit>{_UNIT_ALT}))"
)
_RANGE_NEXT: Final = frozenset("-—~～至成")
_CN_RANGE_RE: Final = LazyPattern(rf"(?P<clo>{_CN_RANGE})(?P<cmul>[十百千万]|)")
_CLAUSE_PUNCT: Final = "，。；：！？"
_NO_AFTER_PHRASE = _CLAUSE_PUNCT + "、）"  # a unit followed by one of these names nothing after it
_CN_NUM_BLOCKERS: Final = set("每逐统唯之周初星礼几同单专首万千百亿进合划不队收登着落数")  # (数十场: "dozens")
_SCOPE_RE: Final = re.compile("|".join(lx.SCOPES))
_SCOPE_FIRST: Final = frozenset(scope[0] for scope in lx.SCOPES)
_TRAILING_LAST: Final = frozenset(particle[-1] for particle in lx.LABEL_TRAILING)
_RANK_SCOPE_RE: Final = re.compile(rf"全国|全省|全市|(?:(?<=[居在列位至])|(?<![{lx.CJK}]))[{lx.CJK}]{{2,3}}省")
_VERB_RE: Final = re.compile("|".join(lx.LABEL_VERBS))
_DISTRIBUTE_RE: Final = re.compile(r"(?:均|都)(?:为|达到|达|是)?$|分别(?:为|是|达到|达)?$")
_TRAILING_REVERSED: Final = re.compile("(?:" + "|".join(re.escape(p[::-1]) for p in lx.LABEL_TRAILING) + ")+")
_TWO_OF_UNITS: Final = {"次", "场", "场次", "期", "批", "件"}
_BARE_COUNT_UNITS: Final = {"次", "件", "名", "人", "项", "场", "期", "批", "部", "篇", "个"}
_MAX_LABEL: Final = 16
_MAX_VERB_LABEL: Final = 24
_MAX_AFTER: Final = 16
_LOOK_AHEAD: Final = 48  # characters read after a number for its noun phrase
_LOOK_BACK: Final = 160  # characters searched before a bare verb for its earlier use
_AFTER_STOP: Final = re.compile(
    r"[，。；：！？]|\d|(?<=.{4})、|(?<=.{2})(?:到|在)|(?<=.)(?:均|都|已|共|全部|全面|分别|以及|及其)"
)


# The two classes below are plain classes, not dataclasses: a compiled build (setup.py) builds
# their instances in C, while a dataclass's generated __init__ would stay interpreted code.


class _Hit:
    """A number accepted as an indicator, before its label is attached."""

    __slots__ = ("end", "high", "kind", "low", "qualifier", "start", "unit", "value")

    def __init__(
        self, start: int, end: int, value: float, unit: str, qualifier: Qualifier, kind: IndicatorKind
    ) -> None:
        self.start = start
        self.end = end
        self.value = value
        self.unit = unit
        self.qualifier = qualifier
        self.kind = kind
        self.low: float | None = None
        self.high: float | None = None


class _SentenceState:
    """What labelling one number leaves for the next in the same sentence."""

    __slots__ = ("change", "consumed", "obj", "pending_labels", "prev_end", "prev_label")

    def __init__(self, obj: str | None = None) -> None:
        self.prev_end: int = 0
        self.prev_label: str | None = None
        self.pending_labels: list[str] = []
        self.obj: str | None = obj  # what the last label counted (or the sentence's topic)
        self.change: str | None = None  # the label of a change's second value (从…提速至…)
        self.consumed: int = 0  # where the words a label took from after its number end


def extract_indicators(paragraphs: list[Paragraph]) -> list[Indicator]:
    """Every indicator of the report, in document order, ids ``i1``, ``i2``, …"""
    rows: list[dict[str, object]] = []
    for para in paragraphs:
        for sentence in split_sentences(para.text):
            for label, scope, hit, obj in _scan_sentence(sentence):
                concept = _concept_for(label, hit, sentence, obj)
                rows.append(
                    {
                        "id": f"i{len(rows) + 1}",
                        "label": label,
                        "concept": concept,
                        "value": hit.value,
                        "unit": hit.unit,
                        "qualifier": hit.qualifier,
                        "low": hit.low,
                        "high": hit.high,
                        "kind": hit.kind,
                        "scope": scope,
                        "section": para.section,
                        "sentence": _context(sentence, hit),
                        "line": para.line,
                    }
                )
    return build_many(Indicator, rows)


_MAX_SENTENCE: Final = 300  # characters of a sentence an indicator keeps (more: a window around its number)


def _context(sentence: str, hit: _Hit) -> str:
    """The sentence an indicator came from; a very long one (a page flattened into one
    "sentence") as the window around the number, marked with …, so the output grows linearly."""
    if len(sentence) <= _MAX_SENTENCE:
        return sentence.rstrip("；")
    half = _MAX_SENTENCE // 2
    start = max(0, min(hit.start - half, len(sentence) - _MAX_SENTENCE))
    end = start + _MAX_SENTENCE
    return ("…" if start else "") + sentence[start:end] + ("…" if end < len(sentence) else "")


def _concept_for(label: str, hit: _Hit, sentence: str, obj: str | None) -> str | None:
    """The label's concept; a bare verb borrows the object named before it in the sentence
    (``收到行政复议申请386件，依法受理351件，审结330件`` → 受理/审结 行政复议申请), a rank its sentence."""
    outcome = _OUTCOME_END.search(label)
    if outcome is not None:  # 行政诉讼案件败诉: the outcome is what is counted, not the cases
        return match_concept(outcome.group(0), hit.unit, hit.kind)
    concept = match_concept(label, hit.unit, hit.kind)
    if concept is None and hit.kind == "rank":
        return match_concept(sentence[: hit.start], hit.unit, hit.kind)
    if concept is None and obj and hit.kind == "count" and len(label) <= 4 and _BARE_VERB.match(label):
        return match_concept(label + obj, hit.unit, hit.kind)
    return concept


_BARE_VERB: Final = re.compile(rf"^(?:依法|共|累计|其中|)(?:{'|'.join(lx.LABEL_VERBS)})")
_OUTCOME_END: Final = re.compile("(?:" + "|".join(sorted(lx.OUTCOME_WORDS, key=len, reverse=True)) + ")$")


def _object_of(label: str) -> str | None:
    """What a verb-object label counts (``收到行政复议申请`` → ``行政复议申请``), if it names one."""
    verb = _BARE_VERB.match(label)
    obj = label[verb.end() :] if verb else label
    if obj.startswith("有") and len(obj) > 3 and obj[1] not in "效序力关所":
        obj = obj[1:]  # 有行政复议案件4件 counts 行政复议案件
    return obj if len(obj) >= 3 else None


# a cheap test before the candidate search: a digit or %, a numeral followed by a measure
# word, 百分之, 首位 or 第一名. Every branch starts with one character class, so the regex engine
# skips ahead with that class instead of trying each branch at every position.
_MAY_HAVE_NUMBER: Final = re.compile(
    rf"[\d%{lx.CN_NUMERAL_CHARS}首第](?:(?<=[\d%])|(?<=[{lx.CN_NUMERAL_CHARS}])(?:余|多|)"
    rf"(?:{'|'.join(map(re.escape, lx.UNITS))}|(?<=[一二两三四五六七八九])成)|(?<=百)分之|(?<=首)位|(?<=第)一名"
    rf"|(?<=第)[一二三四五六七八九十])"  # (居全省第三, 排名第一: a rank in numerals, no 名 or 位)
)


def _scan_sentence(sentence: str) -> list[tuple[str, str | None, _Hit, str | None]]:
    """(label, scope, hit, object named before it) for every indicator in one sentence.

    Steps:
      1. mask 《titles》 and quoted names so their numbers are never read;
      2. find number candidates; keep ranks, percentages and numbers with a measure word;
      3. label each: the noun after the unit when one follows (with the verb or subject before
         the number, and the context of a bare noun), else the phrase before the number since the
         previous indicator or clause mark; scope from that phrase; a bare verb, outcome or rate
         takes the object named before it (承接10项 → 承接行政许可事项); the two values of a
         change (从…15天提速至5天) are labelled as before and after;
      4. 均/都 after a list of labels gives one indicator per label; 分别 pairs in order.
    """
    if not _MAY_HAVE_NUMBER.search(sentence):
        return []
    masked = mask_quoted(sentence)
    state = _SentenceState(_topic(sentence))
    results: list[tuple[str, str | None, _Hit, str | None]] = []
    for m in _candidates(masked):
        hit = _accept(m, masked)
        if hit is None:
            continue
        before = _before_region(sentence, masked, state.prev_end, hit.start)
        labels, scope = _labels_for(sentence, masked, hit, before, state)
        for label in labels:
            results.append((label, scope, hit, state.obj))
        state.prev_end, state.prev_label = max(hit.end, state.consumed), labels[-1] if labels else None
        if labels and not (state.obj and state.obj in labels[-1]):  # (a label built on the object keeps it)
            state.obj = _object_of(labels[-1]) or state.obj
    return results


_TOPIC: Final = LazyPattern(r"(?:对|针对)(?P<topic>[^，。；：]{2,30})，")


def _topic(sentence: str) -> str | None:
    """What a sentence opening ``对…的政府规范性文件，`` is about: the words after its last 的."""
    m = _TOPIC.get().match(sentence) if sentence[:1] in "对针" else None
    if not m:
        return None
    head = m.group("topic").rsplit("的", 1)[-1]
    return head if len(head) >= 2 else None


# where a candidate can start: a digit or numeral, 第, 首位, 排名, or a qualifier right before a
# number (约 近 超过 不到 …). One character class first (the regex engine skips ahead with
# it), then a look back at that character decides; most 不/大/多 in a text start nothing.
_NUM_START = rf"[\d{lx.CN_NUMERAL_CHARS}]"
_ANCHOR: Final = re.compile(
    rf"[\d{lx.CN_NUMERAL_CHARS}第首排{''.join(sorted({q[0] for q in lx.QUALIFIER_BEFORE}))}]"
    rf"(?:(?<=[\d{lx.CN_NUMERAL_CHARS}第])|(?<=首)位|(?<=排)名|"
    + "|".join(rf"(?<={re.escape(q[0])}){re.escape(q[1:])}(?={_NUM_START})" for q in lx.QUALIFIER_BEFORE)
    + ")"
)


def _candidates(masked: str) -> Iterator[re.Match[str]]:
    """What ``_CANDIDATE.finditer`` yields, tried only where a candidate can start (faster)."""
    pos = 0
    while (anchor := _ANCHOR.search(masked, pos)) is not None:
        m = _CANDIDATE.match(masked, anchor.start())
        if m is None:
            pos = anchor.start() + 1
            continue
        end = m.end()
        if masked[end : end + 1] in _RANGE_NEXT and m.group("num") is not None:
            m = _RANGE_OR_SHARE.get().match(masked, anchor.start()) or m
        yield m
        pos = m.end()


def _accept(m: re.Match[str], masked: str) -> _Hit | None:
    """Decide whether a candidate is an indicator and read its value (None if not)."""
    if m.re is not _CANDIDATE:  # (a match of _RANGE_OR_SHARE)
        return _share_hit(m) if m.group("cheng") else _range_hit(m, masked)
    ordinal, rank, rank2, first, cnpct, num, unit, pct = m.group(
        "ordinal", "rank", "rank2", "first", "cnpct", "num", "unit", "pct"
    )
    if ordinal:
        return None
    start, end = m.span()
    if rank or first or rank2:
        rnum = m.group("rnum") or m.group("rnum2") or "1"
        return _Hit(start, end, parse_number(rnum) or 1.0, lx.RANK_UNIT, "exact", "rank")
    if cnpct:
        value = _parse_cn_decimal(m.group("cnpctnum"))
        return None if value is None else _Hit(start, end, value, "%", "exact", "percent")
    if not (unit or pct):
        return None
    if not _plausible_number(num, m.start("num"), masked, unit):
        return None
    if not num[0].isdigit() and 2 <= len(num) <= 3 and (cn_range := _CN_RANGE_RE.get().fullmatch(num)):
        return _range_hit(cn_range, masked, start, end, unit)
    value = parse_number(num)
    if value is None:
        return None
    qualifier = _qualifier(m)
    if pct:
        return _Hit(start, end, value, "%", qualifier, "percent")
    kind: IndicatorKind = "count"
    if unit in lx.MONEY_UNITS:
        value, unit, kind = value * lx.MONEY_UNITS[unit], "元", "money"
    elif unit in lx.DURATION_UNITS:
        kind = "duration"
    elif unit in ("个百分点", "倍") or unit in lx.MEASURE_UNITS:
        kind = "other"
    return _Hit(start, end, value, unit, qualifier, kind)


_THIS: Final = frozenset("项年次级单部市县区季月届")
_UNIT_LAST: Final = frozenset(u[-1] for u in lx.UNITS)
_NAME_UNITS: Final = frozenset([*lx.NON_COUNT_AFTER_UNIT, "本"])


def _share_hit(m: re.Match[str]) -> _Hit:
    """下降三成 → 30 %: a share in tenths."""
    tenths = parse_number(m.group("chengnum")) or 0.0
    qualifier = {**lx.QUALIFIER_AFTER_NUMBER, **lx.QUALIFIER_AFTER_UNIT}.get(m.group("chengpost"), "exact")
    return _Hit(m.start(), m.end(), tenths * 10, "%", qualifier, "percent")  # type: ignore[arg-type]


def _range_hit(m: re.Match[str], masked: str, start: int = -1, end: int = -1, unit: str | None = None) -> _Hit | None:
    """6.5%－7%, 5-10个工作日 (a match of ``_RANGE_OR_SHARE``) or 两三场, 一两百人 (a numeral of the
    candidate pattern, with its span and unit): low and high, the value their midpoint."""
    if "lo" in m.re.groupindex:  # (a match of _RANGE_OR_SHARE, else of _CN_RANGE_RE)
        start, end = m.span()
        if m.group("lopct") and not m.group("rpct"):
            return None
        lo, hi, unit = parse_number(m.group("lo")), parse_number(m.group("hi")), m.group("runit")
        if not _plausible_number(m.group("lo"), start, masked, unit):
            return None
    else:
        lo, hi = (float(lx.CN_DIGITS[c]) for c in m.group("clo"))
        mul = {"十": 10, "百": 100, "千": 1000, "万": 10000}.get(m.group("cmul"), 1)
        lo, hi = lo * mul, hi * mul
    if lo is None or hi is None or not lo < hi:
        return None
    kind: IndicatorKind = "percent" if not unit else ("duration" if unit in lx.DURATION_UNITS else "count")
    if unit in lx.MONEY_UNITS:
        lo, hi, unit, kind = lo * lx.MONEY_UNITS[unit], hi * lx.MONEY_UNITS[unit], "元", "money"
    hit = _Hit(start, end, (lo + hi) / 2, unit or "%", "range", kind)
    hit.low, hit.high = lo, hi
    return hit


def _plausible_number(num: str, start: int, masked: str, unit: str | None) -> bool:
    """Reject numerals that are part of words, fixed phrases, dates or names."""
    prev = masked[start - 1] if start else ""
    if unit in _NAME_UNITS:
        at = start + len(num) + len(unit)
        if not _counts_after(masked[at : at + 1], unit):
            return False
    if prev == "手" and masked.endswith("人手", 0, start):
        return False  # 人手1册: an allocation per person, not a total
    if num[0].isdigit():
        if not prev:
            return True
        if "." in num and prev in _UNIT_LAST and not num.endswith(("万", "亿")):
            return False  # 万元2.3本项目: a section number glued to the text before it (案件3.2万件 is none)
        return not (prev.isdigit() or prev in ".·:/-" or (prev.isascii() and prev.isalpha()))
    if prev in _CN_NUM_BLOCKERS or prev == "第":
        return False
    if num in ("一", "两", "二"):
        at = start + len(num) + len(unit or "")
        after = masked[at : at + 1]
        if num == "两" and unit in _TWO_OF_UNITS:  # 召开两次座谈会, 开展两场培训: a count
            return after not in ("个", "级")
        return unit in _BARE_COUNT_UNITS and (not after or after in _CLAUSE_PUNCT)  # 讲法治课两次。
    window = masked[max(0, start - 2) : start + len(num) + 4]
    if any(phrase in window for phrase in lx.NON_COUNT_PHRASES):
        return False
    return not (len(num) == 1 and num in "千万亿" and unit in ("家", "户", "方", "里"))


def _counts_after(after: str, unit: str) -> bool:
    """Whether a measure word whose next character is ``after`` still counts (三家子, 三类水质 and
    本项目 do not: a name, a grade, "this project")."""
    return not after or after not in (_THIS if unit == "本" else lx.NON_COUNT_AFTER_UNIT[unit])


def _qualifier(m: re.Match[str]) -> Qualifier:
    yu, post, pre = m.group("yu", "post", "pre")
    if yu:
        return lx.QUALIFIER_AFTER_NUMBER[yu]  # type: ignore[return-value]
    if post:
        return lx.QUALIFIER_AFTER_UNIT[post]  # type: ignore[return-value]
    if pre:
        return lx.QUALIFIER_BEFORE[pre]  # type: ignore[return-value]
    return "exact"


def _parse_cn_decimal(text: str) -> float | None:
    whole, _, frac = text.partition("点")
    value = parse_number(whole)
    if value is None:
        return None
    if frac:
        digits = "".join(str(lx.CN_DIGITS.get(ch, "")) for ch in frac)
        value += float(f"0.{digits}") if digits else 0.0
    return value


# greedy: the match ends right after the last clause mark before the end position
_UP_TO_LAST_MARK: Final = re.compile(f".*[{_CLAUSE_PUNCT}]", re.DOTALL)


def _before_region(sentence: str, masked: str, prev_end: int, start: int) -> str:
    """The original text between the last clause mark (or previous indicator) and ``start``."""
    last = _UP_TO_LAST_MARK.match(masked, prev_end, start)
    return sentence[last.end() if last else prev_end : start]


def _labels_for(
    sentence: str, masked: str, hit: _Hit, before: str, state: _SentenceState
) -> tuple[list[str], str | None]:
    masked_before = masked[hit.start - len(before) : hit.start]
    scope_re = _RANK_SCOPE_RE if hit.kind == "rank" else _SCOPE_RE
    scope_match = scope_re.search(masked_before)
    scope = scope_match.group(0) if scope_match else None
    after = _after_phrase(sentence, masked, hit.end)
    raw = strip_leading(before.strip())
    core = strip_trailing(raw)
    stripped = _finish_label(core)  # (= _strip_label(before))
    if changed := _change_label(core, stripped, after, state):
        return [changed], scope
    if hit.kind == "rank" and (ranked := _rank_label(core, masked[hit.start : hit.end])):
        return [ranked], scope
    if after.startswith(_ADVERBS):  # 考核的盟市12个全部达标: what follows says what they did
        after = ""
    if after:
        if masked.startswith("、", hit.end + len(after)):  # 35个部门、18个乡镇: the next label starts after 部门
            state.consumed = hit.end + len(after)
        if held := _held_items(sentence, masked, hit.end + len(after)):
            return [_holder_label(core, held, after)], scope
        return [_join_after(stripped, raw, after)], scope
    if masked.startswith("、", hit.end) and (shared := _verbs_sharing_object(stripped)):
        state.pending_labels = shared[1:]  # 承接、调整审批事项7项、36项: one label per number
        return [shared[0]], scope
    tail = raw[len(core) :]
    if state.pending_labels and not stripped:
        return [state.pending_labels.pop(0)], scope
    if tail and (_DISTRIBUTE_RE.search(tail.replace("的", "")) or tail.startswith(("均", "都", "分别"))):
        respectively = tail.startswith("分别")
        parts = _split_list(stripped, respectively=respectively)
        if len(parts) > 1:
            if respectively:
                state.pending_labels = parts[1:]
                return [parts[0]], scope
            return parts, scope
    if not stripped:
        label = state.prev_label or after or _strip_label(_after_phrase(sentence, masked, hit.end, force=True))
        return [label or "?"], scope
    if state.obj is None and (earlier := _earlier_object(masked, stripped, hit.start - len(before))):
        return [stripped + earlier], scope
    return [_with_object(_shorten(stripped), state.obj)], scope


_CHANGE: Final = "|".join(sorted(lx.CHANGE_VERBS, key=len, reverse=True))
_CHANGE_AFTER: Final = LazyPattern(rf"(?P<verb>{_CHANGE})(?:至|为|到|)$")
_CHANGE_FIRST: Final = frozenset(verb[0] for verb in lx.CHANGE_VERBS)
_PAST_POINT: Final = LazyPattern(r"^(?:上年度?|去年|上一年|前年|年初|同期|(?:19|20)\d{2}年(?:底|末|初)?)(?:同期)?的?")
_CHANGE_FROM: Final = LazyPattern(r"(?P<subject>.*?)(?:从|由)(?:原来的|原先的|原来|原|)(?P<what>.*)$")
_BARE_LEAD: Final = re.compile("^(?:" + "|".join(lx.BARE_LABEL_LEADS) + ")+")
_BARE_RATE: Final = re.compile(r"[^\W\d_]{1,2}率")  # (a letter: CJK in these labels)
_OUTCOMES: Final = frozenset(lx.OUTCOME_WORDS)
_BARE_VERBS: Final = frozenset(lx.BARE_VERBS)


def _change_label(core: str, stripped: str, after: str, state: _SentenceState) -> str | None:
    """The labels of a change's two values: ``登记时限由原来的20个工作日缩短为7个工作日`` →
    ``登记时限`` and ``登记时限（缩短后）``."""
    if state.change is not None and (not stripped or _CHANGE_AFTER.get().fullmatch(stripped)):  # (提高到 was stripped)
        label, state.change = state.change, None
        return label
    if after[:1] not in _CHANGE_FIRST or not (verb := _CHANGE_AFTER.get().fullmatch(after)):
        return None
    if not (m := _CHANGE_FROM.get().match(core)):
        return None
    what = _PAST_POINT.get().sub("", m.group("what"))  # 由上年的62%提高到91%: 上年 is when, not what
    subject = _finish_label(what.strip("的")) or _finish_label(strip_trailing(m.group("subject")))
    if not subject:
        return None
    state.change = f"{subject}（{verb.group('verb')}后）"
    return subject


_EXAMPLES: Final = LazyPattern(r"[^，、；：]*等$")  # 区水务局等4个单位: the names before 等 are examples


def _held_items(sentence: str, masked: str, pos: int) -> str | None:
    """What the holders counted just before ``pos`` hold: ``12个部门45项证明事项清单`` →
    ``证明事项清单`` (the noun after the second count), or None."""
    if masked.startswith("的", pos):
        pos += 1
    if pos >= len(masked) or not (masked[pos].isdigit() or masked[pos] in lx.CN_NUMERAL_CHARS):
        return None
    m = _CANDIDATE.match(masked, pos)
    if m is None or not m.group("unit") or m.group("num") is None:
        return None
    held = _after_phrase(sentence, masked, m.end())
    return held if len(held) >= 2 else None


def _holder_label(core: str, held: str, holder: str) -> str:
    """公示了区教育局等12个部门45项…清单 → 公示…清单的部门: the verb, what is held, the holder."""
    lead = _VERB_RE.match(core)
    verb = lead.group(0) if lead else strip_trailing(_EXAMPLES.get().sub("", core)).removesuffix("了")
    verb = verb if len(verb) <= 4 else ""
    return f"{verb}{held}的{holder}"


_ADVERBS: Final = ("全部", "均", "都", "已", "全面", "分别", "共", "累计")
_ANY_BARE_VERB: Final = LazyPattern("|".join(sorted(lx.BARE_VERBS, key=len, reverse=True)))


def _verbs_sharing_object(label: str) -> list[str] | None:
    """``承接、调整行政许可事项`` → ``承接行政许可事项``, ``调整行政许可事项`` (or None)."""
    *verbs, last = label.split("、")
    if not verbs or not all(v in _BARE_VERBS or len(v) <= 2 for v in verbs):
        return None
    lead = _ANY_BARE_VERB.get().match(last)
    obj = last[lead.end() :] if lead else ""
    if not lead or len(obj) < 2:
        return None
    return [v + obj for v in verbs] + [last]


def _rank_label(core: str, rank: str) -> str:
    """A rank's label keeps its scope (区级排名第1 → 区级排名) and the word 排名."""
    label = _finish_label(core, keep_scope=True)
    if rank.startswith("排名") and label and not label.endswith("排名"):
        label += "排名"
    return label


def _join_after(stripped: str, raw: str, after: str) -> str:
    """The label when a noun phrase follows the unit: with the verb before the number (聘请56名法律
    顾问 → 聘请法律顾问), the subject before it (机关干部共312人完成年度考试), a phrase ending in 的
    (学习…条例的3个重点), or the context of a bare noun (县本级37个单位 → 县本级单位)."""
    if len(after) <= 2 and (core := strip_leading(strip_trailing(_EXAMPLES.get().sub("", raw)))):
        return _shorten(core + after)
    if not stripped:
        return after
    joined = stripped + ("的" if raw.endswith("的") and not stripped.endswith("的") else "") + after
    if len(joined) > _MAX_VERB_LABEL:
        return after
    bare = _BARE_LEAD.sub("", stripped)
    if joined[len(stripped)] == "的" or _VERB_RE.match(after) or len(bare) <= 2 or bare in _BARE_VERBS:
        return joined  # (one verb: 完善14项监管制度 → 完善监管制度)
    return after


_OBJECT_END: Final = LazyPattern(r"[，。；：、（“]|已|均|都|等|的|并|和|及")


def _earlier_object(masked: str, label: str, end: int) -> str | None:
    """A bare verb that repeats words used earlier in the sentence takes the object they had there:
    ``梳理保留证明事项已完成，其中梳理保留21项`` → ``证明事项``."""
    if not (2 <= len(label) <= 4) or (at := masked.rfind(label, max(0, end - _LOOK_BACK), end)) < 0:
        return None
    rest = masked[at + len(label) : at + len(label) + 12]
    stop = _OBJECT_END.get().search(rest)
    obj = rest[: stop.start() if stop else len(rest)]
    return obj if len(obj) >= 2 and "■" not in obj and not any(c.isdigit() for c in obj) else None


def _with_object(label: str, obj: str | None) -> str:
    """A bare verb, outcome or rate with the object named before it in the sentence."""
    if not obj or obj in label or len(label) > 6:
        return label
    bare = _BARE_LEAD.sub("", label)
    if _BARE_RATE.fullmatch(bare) and bare[:-1] in obj:
        return label  # 优良率 after 优良天数: the rate names its own object
    if bare in _OUTCOMES or _BARE_RATE.fullmatch(bare):
        return obj + label
    if bare in _BARE_VERBS:
        return obj if bare in obj else label + obj  # 公开 after 主动公开政府信息: the object says it
    return label


_NOT_IN_PREDICATE: Final = frozenset("，。；：、‘’《》■\ufffd")


def _after_phrase(sentence: str, masked: str, end: int, force: bool = False) -> str:
    """The noun phrase right after the unit (``52个单位列入正面清单`` → ``单位列入正面清单``).

    Reads at most ``_LOOK_AHEAD`` characters past ``end`` (never a copy of the rest of the
    sentence: a number's cost does not grow with the sentence it stands in)."""
    rest = masked[end : end + _LOOK_AHEAD]
    if rest.startswith("的"):
        end, rest = end + 1, rest[1:]
    if not rest or (not force and (rest[0] in _NO_AFTER_PHRASE or rest[0].isdigit())):
        return ""
    stop = _AFTER_STOP.search(rest)
    phrase = sentence[end : end + (stop.start() if stop else len(rest))]
    if len(phrase) > 14 and (verb := _VERB_RE.search(phrase, 2)):
        head, predicate = phrase[: verb.start()], phrase[verb.start() : verb.start() + _MAX_AFTER]
        plain = predicate.count("“") == predicate.count("”") and not any(
            c in _NOT_IN_PREDICATE or c.isdigit() for c in predicate
        )
        if len(head) <= 2 and plain:  # a bare noun doing something (六个社区开展…活动): what it does says which
            return _strip_label(f"{predicate}的{head}", keep_scope=True)
        phrase = head
    return _strip_label(phrase[:_MAX_AFTER], keep_scope=True)


def _strip_label(text: str, keep_scope: bool = False) -> str:
    """Without leading time words and connectives, trailing particles and (unless kept) a leading scope.

    One pass suffices: a second would change nothing (a property test holds it to that)."""
    return _finish_label(strip_trailing(strip_leading(text.strip())), keep_scope)


def _finish_label(text: str, keep_scope: bool = False) -> str:
    """``_strip_label`` after its first step: the scope (unless kept), then stray marks."""
    if not keep_scope and text[:1] in _SCOPE_FIRST and (scope := _SCOPE_RE.match(text)):
        text = strip_trailing(strip_leading(text[scope.end() :]))
    if "月" in text:  # a date is not what is counted: 5月市级排名, 诉求截至10月
        text = _MONTH.get().sub("", text)
    return text.strip("，、；：（ ")


_MONTH: Final = LazyPattern(r"^\d{1,2}月份?|(?:截至|截止|至)?\d{1,2}月(?:底|末|份)?$")


def strip_leading(text: str) -> str:
    """``text`` without the time words and connectives that open a clause (2019年, 全年, 其中 …)."""
    if not text or (text[0] not in lx.LABEL_LEADING_FIRST and not text[0].isdecimal()):
        return text  # (most labels: no regex call)
    m = lx.LABEL_LEADING.match(text)  # match, not sub: only position 0 is tried
    return text[m.end() :] if m else text


def strip_trailing(text: str) -> str:
    """``text`` without the particles that end a label before its number (共计, 达到, 均为 …)."""
    if text[-1:] not in _TRAILING_LAST or not text.endswith(lx.LABEL_TRAILING):
        return text  # (most labels: no regex call)
    m = _TRAILING_REVERSED.match(text[::-1])  # one anchored match on the reversed text
    if not m:
        return text
    out = text[: len(text) - m.end()]
    return out + "为" if out.endswith("行") and text[len(out) :].startswith("为") else out  # 违法行为 keeps 为


def _split_list(label: str, respectively: bool = False) -> list[str]:
    """The labels of a list that numbers are distributed over (均/都; 分别: ``respectively``), or ``[label]``.

    Items end alike (``清单覆盖率、计划完成率、结果公示率``), or all but the last end alike and
    the last adds what they share after that ending (``行政处罚决定书、行政许可决定书公开率`` →
    ``行政处罚决定书公开率``, ``行政许可决定书公开率``). Before 分别 the items need not end
    alike: it pairs them with the numbers that follow (``人大代表建议和政协提案分别为32件、45件``)."""
    parts = [p for p in re.split(r"、|和|与", label) if p]
    if len(parts) < 2 or not all(len(p) >= 2 for p in parts):
        return [label]
    if respectively or len({p[-1] for p in parts}) == 1:
        return parts
    *heads, last = parts
    end = heads[0][-1]
    cut = last.rfind(end)
    if all(p[-1] == end for p in heads) and cut > 0 and len(last) - cut > 2:  # a shared part of 2+ characters
        return [p + last[cut + 1 :] for p in heads] + [last]
    return [label]


_COORDINATED: Final = LazyPattern("|".join([*lx.LABEL_VERBS, "部署", "研究", "学习", "审议", "召开"]))


def _shorten(label: str) -> str:
    """Keep a long label's last verb phrase (``…平台公开信息`` → ``公开信息``)."""
    if len(label) <= _MAX_LABEL or (len(label) <= _MAX_VERB_LABEL and _VERB_RE.match(label)):
        return label
    if len(label) <= _MAX_VERB_LABEL and (last := label.rfind("、")) > 0 and _COORDINATED.get().match(label, last + 1):
        return label  # 专题学习…思想、部署…工作4场次: one number for both actions
    if "等" in label[:-2]:
        label = label[label.rindex("等", 0, len(label) - 2) + 1 :]
        if len(label) <= _MAX_LABEL:
            return label
    verbs = list(_VERB_RE.finditer(label))
    if verbs and verbs[-1].start() > 0 and len(label) - verbs[-1].start() >= 3:
        start = verbs[-1].start()
        for verb in reversed(verbs[:-1]):  # a run of verbs: 报送备案 starts at 报送
            if verb.end() != start:
                break
            start = verb.start()
        return label[start:]
    tail = label[-_MAX_LABEL:]
    cut = max(tail.find("、", 0, _MAX_LABEL // 2), tail.find("的", 0, _MAX_LABEL // 2))
    return tail[cut + 1 :] if cut >= 0 else tail
