"""The text matcher that ``diff`` and within-report linkage (``pipeline.link``) share.

Two kinds of matching:
- **free text** (a plan against the sentences of a report): key terms are CJK character
  bigrams, weighted by how rare they are among the sentences being searched (IDF), with
  generic report words (法治, 政府, 加强, 推进…) weighted zero. The score is the share of the
  query's weight found in the candidate; the shared terms are returned as evidence words.
- **short strings** (indicator labels, section titles): rapidfuzz ratios.
"""

from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, pairwise, repeat
from typing import Final

from rolcompare.lexicon.words import CJK, LABEL_VERBS, STOP_WORDS, TOPICS

_CJK_RUN: Final = re.compile(rf"[{CJK}A-Za-z0-9]+")
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
    and digits; stop bigrams (``STOP_WORDS``) are dropped; see ``lexicon.words.TOPICS`` for the topics.
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

    def top(self, query: frozenset[int], k: int, near: int | None = None) -> list[int]:
        """Up to ``k`` indices of the texts sharing most of ``query``'s informative terms (ascending).

        ``near``: among texts that share as many terms, prefer those closest to this index (in a
        report repeated many times, a text's own copy rather than the first copies)."""
        counts: Counter[int] = Counter()
        for term in query:
            counts.update(self.postings.get(term, ()))
        if near is None:
            return sorted(i for i, _ in counts.most_common(k))
        return sorted(heapq.nsmallest(k, counts, key=lambda i: (-counts[i], abs(i - near))))


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
