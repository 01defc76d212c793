"""Stage 5, align: key terms of texts, IDF weights, searching, within-report linkage."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from rolcompare.match import (
    STOP_WORDS,
    Idf,
    TextIndex,
    bigrams,
    common_terms,
    index_terms,
    is_topic,
    pair_similarity,
    terms_by_text,
)

# characters of every kind a bigram must tell apart: CJK, Latin, digits, punctuation, spaces,
# a character outside the BMP (two UTF-16 code units) and NUL
CJK_RANGES = [("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"), ("\uf900", "\ufaff")]
ALPHABET = "营商环境法治政府建设行政复议审批队伍考核ABab09，。、；（）《》“” \n\x00𠀀"


def string_bigrams(text: str) -> set[str]:
    """The definition ``bigrams`` implements, written the slow, obvious way."""
    in_run = [any(lo <= ch <= hi for lo, hi in CJK_RANGES) or (ch.isascii() and ch.isalnum()) for ch in text]
    runs = "".join(ch if keep else " " for ch, keep in zip(text, in_run, strict=True)).split()
    stop = {w[i : i + 2] for w in STOP_WORDS for i in range(len(w) - 1)}
    return {run[i : i + 2] for run in runs for i in range(len(run) - 1)} - stop


def decode(term: int) -> str:
    return term.to_bytes(8, "little").decode("utf-32-le")


CASES = [
    ("plain", "优化营商环境", {"优化", "化营", "营商", "商环", "环境"}),
    ("stop bigrams dropped", "加强法治政府建设", {"强法"}),
    ("punctuation ends a run", "审批，队伍", {"审批", "队伍"}),
    ("latin and digits", "12345热线", {"12", "23", "34", "45", "5热", "热线"}),
    ("one character", "审", set()),
    ("empty", "", set()),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bigrams(text: str, expected: set[str]) -> None:
    assert {decode(t) for t in bigrams(text) if not is_topic(t)} == expected


def test_topics_are_terms() -> None:
    # 审批 and 营商环境 belong to one topic: the topic is one term, whichever word names it
    assert {t for t in bigrams("简化审批") if is_topic(t)} == {t for t in bigrams("营商环境") if is_topic(t)} != set()
    assert not any(is_topic(t) for t in bigrams("简化流程"))


@given(st.text(alphabet=ALPHABET, max_size=60))
def test_bigrams_match_their_definition(text: str) -> None:
    assert {decode(t) for t in bigrams(text) if not is_topic(t)} == string_bigrams(text)


@given(
    st.lists(st.text(alphabet=ALPHABET, max_size=40), max_size=6),
    st.lists(st.text(alphabet=ALPHABET, max_size=30), max_size=4),
)
@example(texts=["", "00"], queries=["00"])  # an empty text first: its slice of pairs is empty
def test_cheap_term_sets_agree_with_bigrams(texts: list[str], queries: list[str]) -> None:
    terms = frozenset().union(*map(bigrams, queries + texts[:1]))  # (some terms surely occur)
    assert terms_by_text(texts, terms) == [bigrams(t) & terms for t in texts]
    assert all(index_terms(t) >= bigrams(t) for t in texts)


def test_idf_prefers_rare_terms() -> None:
    texts = ["加强行政执法", "规范行政执法", "行政复议案件"]
    idf = Idf.of_texts(texts)
    (common,) = bigrams("行政") & index_terms(texts[0])
    (rare,) = bigrams("复议") - {t for t in bigrams("复议") if is_topic(t)}
    assert idf(rare) > idf(common) > 0


def test_idf_of_given_sets_equals_idf_of_texts() -> None:
    texts = ["加强行政执法队伍建设", "规范行政执法", "营商环境持续优化", "审批事项压减"]
    queries = frozenset(bigrams("行政执法队伍") | bigrams("优化营商环境"))
    full, cheap = Idf.of_texts(texts), Idf(terms_by_text(texts, queries))
    assert all(full(t) == cheap(t) for t in queries)


def test_weights_follow_the_idf_formula() -> None:
    """Bulk and one-by-one weights are log((n + 1) / (df + 0.5)), or the default for unseen terms."""
    import math

    texts = ["加强行政执法队伍建设", "规范行政执法", "营商环境持续优化", "审批事项压减"]
    terms = frozenset(bigrams("行政执法队伍") | bigrams("优化营商环境") | bigrams("从未出现"))
    bulk, single = Idf.of_texts(texts), Idf.of_texts(texts)
    weights = bulk.weights(terms)
    n = len(texts)
    for term in terms:
        df = sum(term in index_terms(text) for text in texts)
        expected = math.log(n + 1) + 0.7 if df == 0 else math.log((n + 1) / (df + 0.5))
        assert weights[term] == single(term) == expected


def test_text_index_best() -> None:
    index = TextIndex(["深化行政审批制度改革", "加强行政执法队伍建设", "开展普法宣传"])
    ranked = index.best("执法队伍素质不高")
    assert [i for i, _ in ranked] == [1]  # the only text sharing a term
    assert ranked[0][1].terms == ["执法队伍"] and 0.3 < ranked[0][1].score < 1


def test_text_index_without_texts_scores_the_same_and_refuses_evidence() -> None:
    texts = ["深化行政审批制度改革", "加强行政执法队伍建设", "开展普法宣传"]
    full = TextIndex(texts)
    bare = TextIndex(None, idf=full.idf, grams=full.grams)
    for query in ("执法队伍素质不高", "审批改革", "普法宣传不到位"):
        assert bare.best(query, terms=False) == full.best(query, terms=False)
    with pytest.raises(ValueError, match="no texts"):
        bare.best("执法队伍素质不高")
    with pytest.raises(ValueError, match="needs the texts"):
        TextIndex(None, grams=full.grams)


def test_common_terms_and_pair_similarity() -> None:
    assert common_terms("优化法治化营商环境", "营商环境持续向好") == ["营商环境"]
    same = pair_similarity("加强执法队伍建设", "加强执法队伍建设")
    assert same.score == pytest.approx(1.0)
    assert pair_similarity("加强执法队伍建设", "开展普法宣传").score < 0.2


@given(st.text(alphabet="执法人员考核评估风险公开政府信息审批营商环境立法规章。\x00", max_size=60))
def test_topic_pattern_finds_what_the_longest_first_alternation_finds(text: str) -> None:
    import re

    from rolcompare.match import _TOPIC_CODE, _TOPIC_RE

    plain = re.compile("|".join(sorted(map(re.escape, _TOPIC_CODE), key=len, reverse=True)))
    assert [m.span() for m in _TOPIC_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]


@given(st.integers(0, 10_000))
def test_shortlist_finds_the_best_text_when_its_terms_are_informative(seed: int) -> None:
    """Over SHORTLIST_ABOVE texts the index searches a shortlist; when no term is held by more
    than 64 texts, the best text it finds is the one an exact scan finds."""
    import random

    from rolcompare.match import SHORTLIST_ABOVE, TextIndex

    rng = random.Random(seed)
    alphabet = [chr(0x4E00 + i) for i in range(3000)]
    texts = ["".join(rng.sample(alphabet, 12)) for _ in range(SHORTLIST_ABOVE + 100)]
    query = texts[rng.randrange(len(texts))][2:10]
    index = TextIndex(texts)
    assert index.shortlist is not None
    exact = TextIndex(texts)
    exact.shortlist = None
    assert index.best(query, k=1)[0][0] == exact.best(query, k=1)[0][0]


def test_a_real_report_is_compared_exactly(seed_report, sample_report) -> None:
    """The seed's sentences, plans and problems are searched exhaustively, never shortlisted."""
    from rolcompare.diff import _Evidence

    ev = _Evidence(seed_report, [c.text for c in sample_report.commitments])
    assert ev.index.shortlist is None and ev.plans.shortlist is None and ev.problems.shortlist is None


@given(
    st.text(alphabet="法治政府建设加强队伍执法规范监督，。", max_size=40),
    st.text(alphabet="法治政府建设加强队伍执法规范监督，。", max_size=40),
)
def test_pair_score_only_equals_the_score_of_pair_similarity(a: str, b: str) -> None:
    from rolcompare.match import pair_score_only, pair_similarity

    assert pair_score_only(a, b) == pair_similarity(a, b).score


def test_the_longest_real_reports_at_hand_are_compared_exactly() -> None:
    """The 2025 provincial work reports (hundreds of plans and sentences) stay below the shortlist."""
    import glob
    from pathlib import Path

    import rolcompare as rc
    from rolcompare.diff import _Evidence

    root = Path(__file__).resolve().parent.parent.parent / "shared" / "real-full" / "provinces-2025"
    files = sorted(glob.glob(str(root / "*.txt")))
    if not files:
        pytest.skip(f"the real work reports are not here ({root}): put shared/ beside the checkout")
    for f in files:
        report = rc.read(f)
        ev = _Evidence(report, [c.text for c in report.commitments[:3]])
        assert ev.index.shortlist is None and ev.plans.shortlist is None, f
