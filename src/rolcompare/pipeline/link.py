"""Pipeline stage 8: within one report, link each problem to the plans that answer it
and each plan (commitment) to the measures sections it continues.

Linking is bounded: a problem is matched only against the commitments of its own top-level part
(or the nearest part with plans), at most ``MAX_PLANS_PER_PROBLEM`` of them, so its cost grows
with the text, not with its square. The scores come from ``rolcompare.match``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from rolcompare.lexicon.grammar import split_sentences
from rolcompare.match import Idf, Match, TextIndex, bigrams, common_terms, terms_by_text
from rolcompare.schema import Commitment, CommitmentLink, Problem, Structure

PROBLEM_PLAN_FLOOR = 0.12  # a plan holding this share of a problem's key terms answers it
PROBLEM_PLAN_CLEAR_WIN = (0.04, 1.3)  # below the floor, a best plan this far ahead still does
CONTINUES_FLOOR = 0.25


def link_commitments(problems: list[Problem], commitments: list[Commitment], struct: Structure) -> None:
    """Within one report: the plans that answer each problem, the measures each plan continues.

    Scores are the share of the problem's (resp. plan's) key-term weight found in the plan
    (resp. measures section); weights are IDF among the report's sentences. Fills
    ``Problem.plans``, ``Commitment.answers`` and ``Commitment.continues`` in place.
    """
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
            problem.plans.append(CommitmentLink(commitment=plan.id, score=round(match.score, 3), terms=terms))
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
    sentences of each section (both from ``link_commitments``)."""
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
    out: dict[str | None, list[str]] = {}
    for para in struct.paragraphs:
        out.setdefault(para.section, []).extend(split_sentences(para.text))
    return out
