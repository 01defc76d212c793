"""Stage 5: align texts and items — the matching that ``diff`` and within-report linkage share.

Two kinds of matching:
- **free text** (a plan against the sentences of a report): key terms are CJK character
  bigrams, weighted by how rare they are among the sentences being searched (IDF), with
  generic report words (法治, 政府, 加强, 推进…) weighted zero. The score is the share of the
  query's weight found in the candidate; the shared terms are returned as evidence words.
- **short strings** (indicator labels, section titles): rapidfuzz ratios.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, pairwise, repeat
from typing import Final

from rolcompare._lexicon import CJK, LABEL_VERBS, TOPICS
from rolcompare.schema import Commitment, Problem, Structure

_CJK_RUN: Final = re.compile(rf"[{CJK}A-Za-z0-9]+")
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
_STOP_BIGRAMS: Final = frozenset(w[i : i + 2] for w in STOP_WORDS for i in range(len(w) - 1))


@dataclass(slots=True)
class Match:
    score: float
    terms: list[str]


# terms are ints: a bigram ``ab`` is ``ord(a) | ord(b) << 32`` (two UTF-32 code units read as one
# 64-bit number), a topic is a negative number. Ints hash and compare in C, so these sets are
# several times cheaper to build than sets of two-character strings.
_TOPIC_CODE: Final = {word: -1 - i for i, topic in enumerate(TOPICS) for word in TOPICS[topic]}


def _longest_word_pattern(words: Iterable[str]) -> str:
    """A pattern matching, at each position, the longest of ``words`` that starts there — what
    ``"|".join(sorted(words, key=len, reverse=True))`` matches — grouped by first character, so
    the regex engine tries only the words that start with the character it reads."""
    groups: dict[str, set[str]] = {}
    for word in words:
        groups.setdefault(word[0], set()).add(word[1:])
    parts = []
    for first, rests in groups.items():
        longest_first = sorted(rests, key=len, reverse=True)  # (the empty rest, a whole word, last)
        parts.append(re.escape(first) + "(?:" + "|".join(map(re.escape, longest_first)) + ")")
    return "|".join(parts)


_TOPIC_RE: Final = re.compile(_longest_word_pattern(_TOPIC_CODE))
_NOT_IN_RUN: Final = re.compile(rf"[^{CJK}A-Za-z0-9]")
_LOW: Final = 0xFFFFFFFF


def _code(gram: str) -> int:
    return int.from_bytes(gram.encode("utf-32-le"), "little")


_STOP_CODES: Final = frozenset(map(_code, _STOP_BIGRAMS))


def _pair_views(text: str) -> tuple[memoryview, memoryview]:
    """The pairs of adjacent characters of ``text`` starting at even / odd positions, as ints:
    pair ``(2k, 2k+1)`` is item k of the first view, ``(2k+1, 2k+2)`` item k of the second."""
    data = memoryview(text.encode("utf-32-le"))
    return data[: len(data) // 8 * 8].cast("Q"), data[4 : 4 + max(0, len(data) - 4) // 8 * 8].cast("Q")


def _pair_list(text: str) -> list[int]:
    """The pairs of adjacent characters of ``text`` in order, as ints: item k is ``text[k : k + 2]``
    (the last item pairs the last character with NUL)."""
    even, odd = _pair_views(text + "\x00")
    pairs: list[int] = [0] * (len(even) + len(odd))
    pairs[0::2], pairs[1::2] = even, odd
    return pairs


def _pair_codes(text: str) -> set[int]:
    """Every pair of adjacent characters of ``text`` as one int (C-level work only)."""
    even, odd = _pair_views(text)
    return {*even, *odd}


def _topics(text: str) -> set[int]:
    return {_TOPIC_CODE[m.group(0)] for m in _TOPIC_RE.finditer(text)}


@lru_cache(maxsize=4096)  # enough for one compare; bounded so corpus workers stay small
def bigrams(text: str) -> frozenset[int]:
    """A text's key terms: its content bigrams (see ``_code``) and its topics (cached).

    Bigrams are pairs of adjacent characters inside a run of CJK letters, Latin letters
    and digits; stop bigrams (``STOP_WORDS``) are dropped; see ``_lexicon.TOPICS`` for the topics.
    """
    pairs = _pair_codes(_NOT_IN_RUN.sub("\x00", text))  # a pair with a NUL half crosses a run's end
    out = {c for c in pairs if c > _LOW and c & _LOW}  # (for these short texts: faster than set algebra)
    out -= _STOP_CODES
    out |= _topics(text)
    return frozenset(out)


@lru_cache(maxsize=4096)
def index_terms(text: str) -> frozenset[int]:
    """A searched text's terms: a superset of ``bigrams(text)`` that is cheaper to compute.

    It also holds pairs across punctuation and stop bigrams, which no query holds, so an
    intersection with a query's ``bigrams`` — the only use of these sets — is the same.
    """
    return frozenset(_pair_codes(text) | _topics(text))


def terms_by_text(texts: Sequence[str], terms: frozenset[int]) -> list[frozenset[int]]:
    """``[bigrams(t) & terms for t in texts]`` for ``terms`` made of ``bigrams``, cheaply.

    Steps: 1. join the texts with NUL (no pair spans two texts); 2. find the topics in one
    search of the joined text; 3. read all pairs of adjacent characters at once, in text order,
    and per text intersect ``terms`` with its slice of them (``set.intersection`` runs in C).
    Used to measure term rarity across a whole report for the few terms its queries hold.
    """
    joined = "\x00".join(texts)
    starts = list(accumulate((len(t) + 1 for t in texts), initial=0))
    topics: dict[int, set[int]] = {}
    if min(terms, default=0) < 0:  # some term is a topic (see is_topic)
        for m in _TOPIC_RE.finditer(joined):
            if (code := _TOPIC_CODE[m.group(0)]) in terms:
                topics.setdefault(bisect_right(starts, m.start()) - 1, set()).add(code)
    pairs = _pair_list(joined)
    out = []
    for i, (start, end) in enumerate(pairwise(starts)):  # text i: characters start .. end-2
        found = terms.intersection(pairs[start : max(start, end - 2)])  # (an empty text: none)
        out.append(found | topics[i] if i in topics else found)
    return out


def is_topic(term: int) -> bool:
    return term < 0


class Idf:
    """Rarity of terms among a collection of texts (document frequency → IDF, computed on demand)."""

    def __init__(self, sets: Sequence[frozenset[int]]) -> None:
        """``sets``: the terms of each text (IDF weights are right for the terms they hold:
        ``terms_by_text`` gives sets for a few terms cheaply)."""
        self.df: Counter[int] = Counter(chain.from_iterable(sets))
        self.n = max(1, len(sets))
        self.default = math.log(self.n + 1) + 0.7
        # the weight of a term by the number of texts holding it (index -1: a term none holds)
        most = max(self.df.values(), default=0)
        self._by_count = [math.log((self.n + 1) / (count + 0.5)) for count in range(most + 1)] + [self.default]
        self._weights: dict[int, float] = {}

    @classmethod
    def of_texts(cls, texts: Iterable[str]) -> Idf:
        """IDF of every term of ``texts``."""
        return cls([index_terms(text) for text in texts])

    def __call__(self, gram: int) -> float:
        weight = self._weights.get(gram)
        if weight is None:
            weight = self._weights[gram] = self._by_count[self.df.get(gram, -1)]
        return weight

    def weights(self, terms: frozenset[int]) -> dict[int, float]:
        """A mapping that holds the weight of each of ``terms`` (and of terms asked before)."""
        if missing := terms.difference(self._weights):
            counts = map(self.df.get, missing, repeat(-1))
            self._weights.update(zip(missing, map(self._by_count.__getitem__, counts), strict=True))  # (C loops)
        return self._weights


SHORTLIST_ABOVE: Final = 2000  # a collection larger than this is searched through a Shortlist (the longest real reports at hand: 624 sentences, 515 plans)
_MAX_POSTING: Final = 64  # a term held by more texts than this does not tell them apart


class Shortlist:
    """The texts of a large collection that share the most terms with a query, found through an
    inverted index; a term held by more than ``_MAX_POSTING`` texts is skipped. A query then costs
    a bounded number of steps whatever the collection's size, so comparing a report repeated a
    hundred times grows with its length, not with its square. Collections of at most
    ``SHORTLIST_ABOVE`` texts (every real report) are never shortlisted: their results are exact."""

    __slots__ = ("postings",)

    def __init__(self, grams: Sequence[frozenset[int]]) -> None:
        postings: dict[int, list[int]] = {}
        for i, terms in enumerate(grams):
            for term in terms:
                postings.setdefault(term, []).append(i)
        self.postings = {t: ids for t, ids in postings.items() if len(ids) <= _MAX_POSTING}

    def top(self, query: frozenset[int], k: int) -> list[int]:
        """Up to ``k`` indices of the texts sharing most of ``query``'s informative terms (ascending)."""
        counts: Counter[int] = Counter()
        for term in query:
            counts.update(self.postings.get(term, ()))
        return sorted(i for i, _ in counts.most_common(k))


class TextIndex:
    """Sentences to search, with IDF weights of their bigrams."""

    def __init__(
        self, texts: Sequence[str] | None, idf: Idf | None = None, grams: Sequence[frozenset[int]] | None = None
    ) -> None:
        """``idf``: rarity measured in another collection (default: in ``texts`` themselves);
        ``grams``: the texts' ``index_terms`` when the caller has them already. ``texts`` may be
        None when ``grams`` and ``idf`` are given and no evidence words will be asked for."""
        if texts is None and (grams is None or idf is None):
            raise ValueError("TextIndex needs the texts unless their grams and an Idf are given")
        self.texts = list(texts) if texts is not None else None
        self.grams = list(grams) if grams is not None else [index_terms(t) for t in self.texts or []]
        self.idf = idf or Idf.of_texts(self.texts or [])
        self.shortlist = Shortlist(self.grams) if len(self.grams) > SHORTLIST_ABOVE else None

    def best(self, query: str, k: int = 3, floor: float = 0.0, terms: bool = True) -> list[tuple[int, Match]]:
        """The k texts that contain most of ``query``, best first, scores ≥ floor.

        ``terms=False``: leave ``Match.terms`` empty (the evidence words cost more than the score).
        """
        q = bigrams(query)
        weight = self.idf.weights(q).__getitem__
        total = sum(map(weight, q))
        if not total:
            return []
        scored = []
        candidates = self.shortlist.top(q, max(32, 8 * k)) if self.shortlist is not None else range(len(self.grams))
        for i in candidates:
            shared = q & self.grams[i]
            if shared and (score := sum(map(weight, shared)) / total) >= floor:
                scored.append((score, i))
        scored.sort(key=lambda si: (-si[0], si[1]))
        if not terms:
            return [(i, Match(score, [])) for score, i in scored[:k]]
        if self.texts is None:
            raise ValueError("this TextIndex holds no texts to take evidence words from")
        texts = self.texts
        return [(i, Match(score, common_terms(query, texts[i]))) for score, i in scored[:k]]


def common_terms(query: str, other: str) -> list[str]:
    """The longest substrings of ``query`` also found in ``other`` that carry a content bigram.

    These are the evidence words shown to people (``营商环境``, ``事中事后监管``).
    """
    terms: list[str] = []
    i = 0
    while i < len(query) - 1:
        j = i + 2
        if query[i:j] not in other:
            i += 1
            continue
        while j < len(query) and query[i : j + 1] in other:
            j += 1
        term = query[i:j].strip("，。、；：（）《》“”0123456789—- ")
        if len(term) >= 2 and _has_content(term) and term not in terms:
            terms.append(term)
        i = j
    return terms


def _has_content(term: str) -> bool:
    return any((g := term[i : i + 2]) not in _STOP_BIGRAMS and _CJK_RUN.fullmatch(g) for i in range(len(term) - 1))


def pair_similarity(a: str, b: str) -> Match:
    """Symmetric similarity of two free texts (for plan ↔ plan, problem ↔ problem)."""
    score = pair_score_only(a, b)
    return Match(score, common_terms(a, b) if score else [])


def pair_score_only(a: str, b: str) -> float:
    """``pair_similarity(a, b).score`` without the evidence words (which cost far more)."""
    ga, gb = bigrams(a), bigrams(b)
    if not ga or not gb:
        return 0.0
    return len(ga & gb) / math.sqrt(len(ga) * len(gb))


@lru_cache(maxsize=8192)
def label_similarity(a: str, b: str) -> float:
    """Similarity of two short labels in [0, 1] (rapidfuzz); labels that differ only in the verb
    before what they count (制定重点工作任务清单 / 明确重点工作任务) compare by that object too."""
    from rapidfuzz import fuzz

    score = max(fuzz.ratio(a, b), 0.9 * fuzz.partial_ratio(a, b)) / 100.0
    oa, ob = _LEADING_VERB.sub("", a, count=1), _LEADING_VERB.sub("", b, count=1)
    if (oa != a or ob != b) and len(oa) >= 3 and len(ob) >= 3:
        score = max(score, 0.95 * fuzz.ratio(oa, ob) / 100.0)
    return score


_LEADING_VERB: Final = re.compile("^(?:" + "|".join([*LABEL_VERBS, "明确", "完善", "制定"]) + ")")


PROBLEM_PLAN_FLOOR = 0.12  # a plan holding this share of a problem's key terms answers it
PROBLEM_PLAN_CLEAR_WIN = (0.04, 1.3)  # below the floor, a best plan this far ahead still does
CONTINUES_FLOOR = 0.25


def link_plans(problems: list[Problem], commitments: list[Commitment], struct: Structure) -> None:
    """Within one report: the plans that answer each problem, the measures each plan continues.

    Scores are the share of the problem's (resp. plan's) key-term weight found in the plan
    (resp. measures section); weights are IDF among the report's sentences. Fills
    ``Problem.plans``, ``Commitment.answers`` and ``Commitment.continues`` in place.
    """
    from rolcompare.schema import PlanLink

    if not commitments:
        return
    queries = frozenset().union(*map(bigrams, [p.text for p in problems] + [c.text for c in commitments]))
    by_section = _sentences_by_section(struct)
    # the collection IDF weights are measured in: every sentence of the body (their order is moot)
    sentences = [s for group in by_section.values() for s in group]
    found = dict(zip(sentences, terms_by_text(sentences, queries), strict=True))  # (the queries' terms only)
    idf = Idf([found[s] for s in sentences])
    plans = [c for c in commitments if c.ordinal is not None or c.section is not None]
    indexes: dict[tuple[int, ...], TextIndex] = {}  # one per window of plans (one in a normal report)
    by_part: dict[int | None, list[int]] = {}
    for i, c in enumerate(plans):
        by_part.setdefault(_part(c.section), []).append(i)
    windows: dict[int | None, tuple[int, ...]] = {}
    for problem in problems:
        part = _part(problem.section)
        if part not in windows:
            windows[part] = _plans_window(part, by_part, len(plans))
        window = windows[part]
        if not window:
            continue
        if window not in indexes:
            indexes[window] = TextIndex([plans[i].text for i in window], idf=idf)
        ranked = indexes[window].best(problem.text, k=min(len(window), MAX_PLANS_PER_PROBLEM), terms=False)
        for j, match in _answering(ranked):
            plan = plans[window[j]]
            terms = common_terms(problem.text, plan.text)
            problem.plans.append(PlanLink(commitment=plan.id, score=round(match.score, 3), terms=terms))
            plan.answers.append(problem.id)
    _link_measures(commitments, struct, idf, found, by_section)


MAX_PLANS_PER_PROBLEM = 5  # the plans a problem can link to, best first


def _part(section: str | None) -> int | None:
    """The number of the top-level part a section id stands in (``3.2.1`` → 3)."""
    head = section.split(".", 1)[0] if section else ""
    return int(head) if head.isdigit() else None


def _plans_window(part: int | None, by_part: dict[int | None, list[int]], n_plans: int) -> tuple[int, ...]:
    """The plans (indices; ``by_part``: by their top-level part) a problem of top-level ``part``
    may be answered by: those of its own part, else those of the next part that has plans (else
    of the nearest before). A report repeated a hundred times then links each copy's problems to that
    copy's plans: linkage grows with the text, not with its square."""
    parts = [p for p in by_part if p is not None]
    if part is None or not parts:
        return tuple(range(n_plans))
    if part not in by_part:
        later = min((p for p in parts if p > part), default=None)
        part = later if later is not None else max(p for p in parts if p < part)
    return tuple(sorted(by_part[part] + by_part.get(None, [])))


def _answering(ranked: list[tuple[int, Match]]) -> list[tuple[int, Match]]:
    """The plans that answer a problem: all above the floor, else a clear best one."""
    above = [(i, m) for i, m in ranked if m.score >= PROBLEM_PLAN_FLOOR]
    if above or not ranked:
        return above
    low, lead = PROBLEM_PLAN_CLEAR_WIN
    best = ranked[0]
    runner_up = ranked[1][1].score if len(ranked) > 1 else 0.0
    return [best] if best[1].score >= low and best[1].score >= lead * runner_up else []


def _link_measures(
    commitments: list[Commitment],
    struct: Structure,
    idf: Idf,
    found: dict[str, frozenset[int]],
    sentences: dict[str | None, list[str]],
) -> None:
    """``found``: the commitments' terms in each sentence of the report; ``sentences``: the
    sentences of each section (both from ``link_plans``)."""
    measures = [s for s in struct.sections if "measures" in s.kinds and s.level >= 2]
    if not measures:
        return
    terms = frozenset().union(*(bigrams(c.text) for c in commitments))
    # a section holds the terms its title and its sentences hold; a query is made of `terms`
    titles = terms_by_text([s.title for s in measures], terms)
    grams = [
        title.union(*(found[x] for x in sentences.get(s.id, []))) for title, s in zip(titles, measures, strict=True)
    ]
    windows: dict[tuple[int, int], TextIndex] = {}  # (scores only: no evidence words, so no texts)
    plan_parts = sorted({p for c in commitments if (p := _part(c.section)) is not None})
    measure_parts = [_part(m.id) or 0 for m in measures]  # ascending: sections are in document order
    for c in commitments:
        lo, hi = _measures_window(_part(c.section), plan_parts, measure_parts)
        if (lo, hi) not in windows:
            windows[lo, hi] = TextIndex(None, idf=idf, grams=grams[lo:hi])
        best = windows[lo, hi].best(c.text, k=2, floor=CONTINUES_FLOOR, terms=False)
        c.continues = [measures[lo + i].id for i, _ in best]


def _measures_window(part: int | None, plan_parts: list[int], measure_parts: list[int]) -> tuple[int, int]:
    """The measures sections (a slice of them) a plan of top-level ``part`` may continue: those
    after the previous part with plans and up to its own — all of them in a report with one plans
    part; in a report repeated a hundred times, the copy's own (linkage grows with the text)."""
    if part is None:
        return 0, len(measure_parts)
    previous = plan_parts[bisect_left(plan_parts, part) - 1] if bisect_left(plan_parts, part) else 0
    return bisect_right(measure_parts, previous), bisect_right(measure_parts, part)


def _sentences_by_section(struct: Structure) -> dict[str | None, list[str]]:
    """The sentences of the report's body by section id, in document order within each."""
    from rolcompare.extract import split_sentences

    out: dict[str | None, list[str]] = {}
    for para in struct.paragraphs:
        out.setdefault(para.section, []).extend(split_sentences(para.text))
    return out
