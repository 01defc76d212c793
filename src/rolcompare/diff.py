"""Two parsed reports of the same government → one :class:`ReportDiff` (``compare``).

Compare once into a typed report object; every renderer is a pure function of it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import chain
from typing import TYPE_CHECKING

from rolcompare.lexicon.concepts import judge_direction
from rolcompare.lexicon.grammar import split_sentences
from rolcompare.match import (
    SHORTLIST_ABOVE,
    Idf,
    Shortlist,
    TextIndex,
    bigrams,
    label_similarity,
    pair_score_only,
    terms_by_text,
)
from rolcompare.schema import (
    CommitmentFollowUp,
    DiffSummary,
    Evidence,
    IndicatorChange,
    ProblemFollowUp,
    ReportDiff,
    SectionDiff,
    SectionRef,
    TargetFollowUp,
)

if TYPE_CHECKING:  # pragma: no cover
    from rolcompare.lexicon.concepts import Concept
    from rolcompare.pipeline.targets import Outcome
    from rolcompare.schema import Commitment, Indicator, Problem, Report, Target, TargetStatus

LABEL_MATCH_FLOOR = 0.72  # indicators without a shared concept pair only this similar
CLAUSE_FOUND_FLOOR = 0.5  # share of a plan clause's key-term weight a sentence must hold
CLAUSE_MIN_GRAMS = 2  # clauses with fewer content bigrams are not checked (too generic)
REPEATED_FLOOR = 0.45  # plan ↔ plan similarity that counts as promised again
PROBLEM_PERSISTS_FLOOR = 0.35
RENAME_FLOOR = 0.5


def compare(old_r: Report, new_r: Report, tolerance: float | None = None) -> ReportDiff:
    """Year-over-year diff of two parsed reports (``rolcompare.compare`` also takes paths and text).

    Steps:
      1. pair indicators one to one (same concept, else similar label/unit) and judge each change;
      2. check each old commitment, clause by clause, against the new report's measures;
      3. follow up each old problem (addressed by new measures? listed again?);
      4. follow up each old target: the new report's outcome and a verdict (``tolerance``: how
         far an outcome may stand from an "about X" target and count as met; default
         ``APPROX_TOLERANCE``);
      5. diff the section trees; count everything into the summary.
    """
    indicators = diff_indicators(old_r.indicators, new_r.indicators)
    evidence_index = _Evidence(new_r, [x.text for x in old_r.commitments] + [x.text for x in old_r.problems])
    commitments = [follow_up_commitment(c, new_r, evidence_index) for c in old_r.commitments]
    problems = [follow_up_problem(p, new_r, evidence_index) for p in old_r.problems]
    sections = diff_sections(old_r, new_r)
    targets = follow_up_targets(old_r, new_r, APPROX_TOLERANCE if tolerance is None else tolerance)
    diff = ReportDiff(
        old=old_r.meta,
        new=new_r.meta,
        indicators=indicators,
        commitments=commitments,
        problems=problems,
        targets=targets,
        sections=sections,
    )
    diff.summary = summarize(diff)
    return diff


# ---------------------------------------------------------------- indicators
def diff_indicators(old: list[Indicator], new: list[Indicator]) -> list[IndicatorChange]:
    """Pair indicators one to one, best pairs first; the rest are removed / added."""
    same_measure: dict[tuple[str, str], list[tuple[int, Indicator]]] = {}  # only these can pair
    for j, n in enumerate(new):
        same_measure.setdefault((n.unit, n.kind), []).append((j, n))
    shortlists = {
        key: _LabelShortlist(group) for key, group in same_measure.items() if len(group) > PAIRS_SHORTLIST_ABOVE
    }
    scale = len(new) / max(1, len(old))  # where an old indicator's counterpart is expected: i × scale
    candidates = [
        (score, i, j)
        for i, o in enumerate(old)
        for j, n in _pair_candidates(o, round(i * scale), same_measure, shortlists)
        if (score := pair_score(o, n)) > 0
    ]
    candidates.sort(key=lambda c: (-c[0], abs(c[1] - c[2]), c[1] + c[2]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[tuple[int, int, float]] = []
    for score, i, j in candidates:
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((i, j, score))
    out = [_change(old[i], new[j], score) for i, j, score in sorted(pairs)]
    out += [_change(old[i], None, 0.0) for i in range(len(old)) if i not in used_old]
    out += [_change(None, new[j], 0.0) for j in range(len(new)) if j not in used_new]
    return out


# a unit group larger than this is paired through a shortlist: the longest real reports at hand
# (provincial work reports of 2025 in ../shared/real-full) have at most 82 indicators of one unit
PAIRS_SHORTLIST_ABOVE = 100


class _LabelShortlist:
    """A large group of the new report's indicators of one unit and kind: those of the same
    concept, and a shortlist of those with similar labels (see ``match.Shortlist``); each at most
    ``SHORTLIST_PAIRS``, the ones nearest the expected position first (in a report repeated many
    times, an indicator's own copy)."""

    def __init__(self, group: list[tuple[int, Indicator]]) -> None:
        self.group = group
        self.positions = [j for j, _ in group]  # ascending: the new report's order
        self.by_concept: dict[str, list[tuple[int, Indicator]]] = {}
        for item in group:
            if item[1].concept:
                self.by_concept.setdefault(item[1].concept, []).append(item)
        self.labels = Shortlist([bigrams(n.label) for _, n in group])

    def candidates(self, o: Indicator, expected: int) -> list[tuple[int, Indicator]]:
        same = _nearest(self.by_concept.get(o.concept, []), expected) if o.concept else []
        near = bisect_left(self.positions, expected)
        similar = [self.group[i] for i in self.labels.top(bigrams(o.label), SHORTLIST_PAIRS, near=near)]
        return list({j: (j, n) for j, n in same + similar}.values())


SHORTLIST_PAIRS = 8  # candidates of each kind an indicator of a shortlisted group is scored against


def _nearest(items: list[tuple[int, Indicator]], expected: int) -> list[tuple[int, Indicator]]:
    """The ``SHORTLIST_PAIRS`` items (ascending by position) nearest position ``expected``."""
    at = bisect_left(items, expected, key=lambda item: item[0])
    lo = max(0, min(at - SHORTLIST_PAIRS // 2, len(items) - SHORTLIST_PAIRS))
    return items[lo : lo + SHORTLIST_PAIRS]


def _pair_candidates(
    o: Indicator,
    expected: int,
    same_measure: dict[tuple[str, str], list[tuple[int, Indicator]]],
    shortlists: dict[tuple[str, str], _LabelShortlist],
) -> list[tuple[int, Indicator]]:
    """The new indicators ``o`` may pair with: all of its unit and kind (a bounded shortlist of them,
    near position ``expected``, in a group larger than any real report's)."""
    key = (o.unit, o.kind)
    return shortlists[key].candidates(o, expected) if key in shortlists else same_measure.get(key, [])


def pair_score(o: Indicator, n: Indicator) -> float:
    """How well two indicators of different years measure the same thing (0 = never)."""
    if o.unit != n.unit or o.kind != n.kind:
        return 0.0
    if o.concept and n.concept:
        if o.concept != n.concept:
            return 0.0
        if o.scope == n.scope:
            return 1.0
        return 0.95 if (o.scope is None or n.scope is None) else 0.6
    similarity = label_similarity(o.label, n.label)
    if o.scope != n.scope:
        similarity -= 0.05
    return round(similarity, 3) if similarity >= LABEL_MATCH_FLOOR else 0.0


def _change(o: Indicator | None, n: Indicator | None, score: float) -> IndicatorChange:
    ref = n or o
    assert ref is not None
    delta = pct = None
    status = "added" if o is None else "removed" if n is None else "changed"
    if o is not None and n is not None:
        delta = n.value - o.value
        pct = round(delta / o.value * 100, 2) if o.value else None
        if delta == 0 and o.qualifier == n.qualifier:
            status = "unchanged"
    concept = (o.concept if o else None) or (n.concept if n else None)
    return IndicatorChange(
        concept=concept,
        label_old=o.label if o else None,
        label_new=n.label if n else None,
        unit=ref.unit,
        scope=ref.scope,
        old=o.value if o else None,
        new=n.value if n else None,
        qualifier_old=o.qualifier if o else None,
        qualifier_new=n.qualifier if n else None,
        delta=delta,
        pct_change=pct,
        status=status,
        direction=judge_direction(concept, ref.kind, delta),
        match_score=score if o is not None and n is not None else 0.0,
        line_old=o.line if o else None,
        line_new=n.line if n else None,
    )


# ---------------------------------------------------------------- commitments
class _Evidence:
    """The new report's sentences of measures and responsibility, indexed for the clauses of
    ``old_texts`` (the old report's plans and problems): ``clauses[text]``.

    Only the terms of those clauses are indexed: their scores and IDF weights are the same as
    with every term, at a fraction of the cost. Heading lines are no evidence, nor is a sentence
    that shares words with a clause only inside a 《title》 (强化营商环境整治 is not carried out by
    citing 《优化营商环境条例》).
    """

    def __init__(self, report: Report, old_texts: list[str]) -> None:
        self.clauses = {text: plan_clauses(text) or [text] for text in old_texts}
        kinds = {s.id: set(s.kinds) for s in report.sections}
        self.rows: list[tuple[str, str | None, int]] = []
        for para in report.paragraphs:
            sec_kinds = kinds.get(para.section or "", set())
            if sec_kinds and not sec_kinds & {"measures", "responsibility", "other"}:
                continue
            self.rows.extend((s, para.section, para.line) for s in split_sentences(para.text))
        # (heading lines are no evidence: a part's title names a task, not what was done)
        texts = [r[0] for r in self.rows]
        terms = frozenset().union(*map(bigrams, chain.from_iterable(self.clauses.values())))
        grams = terms_by_text(texts, terms)
        self.index = TextIndex(texts, idf=Idf(grams), grams=grams)
        self.plans = _Similar([(x.id, x.text) for x in report.commitments])
        self.problems = _Similar([(x.id, x.text) for x in report.problems])


class _Similar:
    """The new report's plans (or problems), for "is this old one listed again?"."""

    def __init__(self, items: list[tuple[str, str]]) -> None:
        self.items = items
        self.shortlist = Shortlist([bigrams(t) for _, t in items]) if len(items) > SHORTLIST_ABOVE else None

    def most_similar(self, text: str, floor: float) -> str | None:
        """The id of the most similar item, if it is at least ``floor`` similar."""
        items = self.items
        if self.shortlist is not None:
            items = [items[i] for i in self.shortlist.top(bigrams(text), 32)]
        return _most_similar(text, items, floor)


_TITLE_WORKS = re.compile(r"《[^》]*》")


def _outside_titles(clause: str, sentence: str) -> bool:
    """Whether ``sentence`` shares a word with ``clause`` outside its 《titles》 (a citation alone
    shows no deed)."""
    if "《" not in sentence:
        return True
    shared = bigrams(clause) & bigrams(_TITLE_WORKS.sub("，", sentence))
    return any(term >= 0 for term in shared)  # (words, not topics: a topic is a negative term)


def plan_clauses(text: str) -> list[str]:
    """The actions of a plan: its clauses that say something specific (一项计划往往包含几个动作)."""
    from rolcompare.match import is_topic

    pieces = [c.strip() for c in re.split(r"[，；。：]", text) if c.strip()]
    return [c for c in pieces if sum(not is_topic(g) for g in bigrams(c)) >= CLAUSE_MIN_GRAMS]


def follow_up_commitment(c: Commitment, new: Report, ev: _Evidence) -> CommitmentFollowUp:
    """fulfilled / partial / not_found, with the evidence sentences and a repeated flag."""
    clauses = ev.clauses[c.text]
    best_scores, evidence = _clause_evidence(clauses, ev)
    found = len(evidence)
    status = "fulfilled" if found == len(clauses) else "partial" if found else "not_found"
    repeated_by = ev.plans.most_similar(c.text, REPEATED_FLOOR)
    return CommitmentFollowUp(
        commitment=c,
        status=status,
        repeated=repeated_by is not None,
        repeated_by=repeated_by,
        score=round(sum(best_scores) / len(best_scores), 3),
        clauses_found=found,
        clauses_total=len(clauses),
        evidence=evidence,
    )


def _clause_evidence(clauses: list[str], ev: _Evidence) -> tuple[list[float], list[Evidence]]:
    """Each clause's best score, and the evidence of the clauses found (score ≥ floor)."""
    scores: list[float] = []
    evidence: list[Evidence] = []
    for clause in clauses:
        ranked = [r for r in ev.index.best(clause, k=3) if _outside_titles(clause, ev.rows[r[0]][0])][:1]
        score = ranked[0][1].score if ranked else 0.0
        scores.append(score)
        if score >= CLAUSE_FOUND_FLOOR:
            i, match = ranked[0]
            sentence, section, line = ev.rows[i]
            evidence.append(
                Evidence(
                    sentence=sentence,
                    section=section,
                    line=line,
                    score=round(score, 3),
                    terms=match.terms,
                    clause=clause,
                )
            )
    return scores, evidence


def _most_similar(text: str, others: list[tuple[str, str]], floor: float) -> str | None:
    scored = [(pair_score_only(text, t), i) for i, t in others]
    best = max(scored, default=(0.0, None))
    return best[1] if best[0] >= floor else None


def follow_up_problem(p: Problem, new: Report, ev: _Evidence) -> ProblemFollowUp:
    """Is an old problem addressed by the new measures, and is it listed again?"""
    _, evidence = _clause_evidence(ev.clauses[p.text], ev)
    persists_as = ev.problems.most_similar(p.text, PROBLEM_PERSISTS_FLOOR)
    return ProblemFollowUp(
        problem=p,
        addressed=bool(evidence),
        persists=persists_as is not None,
        persists_as=persists_as,
        score=max((e.score for e in evidence), default=0.0),
        evidence=evidence,
    )


# ---------------------------------------------------------------- sections
def diff_sections(old: Report, new: Report) -> SectionDiff:
    """Parts and sub-sections added, removed or renamed (deepdiff on title-keyed trees)."""
    DeepDiff = _deepdiff()
    old_map, new_map = _title_tree(old), _title_tree(new)
    dd = DeepDiff({k: r.id for k, r in old_map.items()}, {k: r.id for k, r in new_map.items()}, view="tree")
    old_by_id = {r.id: r for r in old_map.values()}
    new_by_id = {r.id: r for r in new_map.values()}
    removed = [old_by_id[item.t1] for item in dd.get("dictionary_item_removed", [])]
    added = [new_by_id[item.t2] for item in dd.get("dictionary_item_added", [])]
    renamed = []
    for o in list(removed):
        best = max(
            (n for n in added if n.level == o.level),
            key=lambda n: label_similarity(o.title, n.title),
            default=None,
        )
        if best is not None and label_similarity(o.title, best.title) >= RENAME_FLOOR:
            renamed.append((o, best))
            removed.remove(o)
            added.remove(best)
    by_line = lambda ref: [int(x) for x in ref.id.split(".")]  # noqa: E731
    return SectionDiff(added=sorted(added, key=by_line), removed=sorted(removed, key=by_line), renamed=renamed)


def _deepdiff() -> type:
    """deepdiff's DeepDiff, imported without its optional pandas/polars support.

    deepdiff imports pandas at import time when it is installed (0.25 s), only to hash
    DataFrames; rolcompare diffs dicts of strings. When pandas is not loaded yet, it is
    hidden for the duration of that one import, which keeps `rolcompare compare` fast.
    """
    import sys

    if "deepdiff" not in sys.modules:
        hidden = [name for name in ("pandas", "polars") if name not in sys.modules]
        for name in hidden:
            sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` fail
        try:
            import deepdiff  # noqa: F401
        finally:
            for name in hidden:
                del sys.modules[name]
    from deepdiff import DeepDiff

    return DeepDiff


def _title_tree(report: Report) -> dict[str, SectionRef]:
    out: dict[str, SectionRef] = {}
    for s in report.sections:
        key = f"L{s.level}:{s.title}"
        while key in out:
            key += "'"
        out[key] = SectionRef(id=s.id, title=s.title, level=s.level)
    return out


# ---------------------------------------------------------------- summary and rules
def summarize(diff: ReportDiff) -> DiffSummary:
    ind = [c.status for c in diff.indicators]
    com = [c.status for c in diff.commitments]
    tgt = [t.status for t in diff.targets]
    return DiffSummary(
        targets_met=tgt.count("met"),
        targets_missed=tgt.count("missed"),
        targets_not_reported=tgt.count("not_reported"),
        targets_not_assessable=tgt.count("not_assessable"),
        indicators_changed=ind.count("changed"),
        indicators_unchanged=ind.count("unchanged"),
        indicators_added=ind.count("added"),
        indicators_removed=ind.count("removed"),
        better=sum(c.direction == "better" for c in diff.indicators),
        worse=sum(c.direction == "worse" for c in diff.indicators),
        commitments_fulfilled=com.count("fulfilled"),
        commitments_partial=com.count("partial"),
        commitments_not_found=com.count("not_found"),
        commitments_repeated=sum(c.repeated for c in diff.commitments),
        problems_addressed=sum(p.addressed for p in diff.problems),
        problems_persisting=sum(p.persists for p in diff.problems),
        sections_added=len(diff.sections.added),
        sections_removed=len(diff.sections.removed),
        sections_renamed=len(diff.sections.renamed),
    )


# ---------------------------------------------------------------- targets
APPROX_TOLERANCE = 0.5  # an outcome this close to an "about X" target meets it (percentage points; for counts, 5 %)


def follow_up_targets(old: Report, new: Report, tolerance: float) -> list[TargetFollowUp]:
    """Each old target against the new report's outcome of its concept (``pipeline.targets``):
    a work report's review part, or a rule-of-law report's measures."""
    from rolcompare.lexicon.concepts import concept_by_id
    from rolcompare.pipeline.targets import find_outcome, review_sections, review_units, reviews_many_years

    if not old.targets:
        return []
    many_years = False
    if new.meta.genre == "work_report":
        review: set[str] | None = review_sections(new.sections)
        many_years = reviews_many_years(new.sections)
    else:
        review = {s.id for s in new.sections if set(s.kinds) & {"measures", "responsibility"}}
    out = []
    units_of: dict[int | None, list[tuple[str, int, str | None]]] = {}  # the review's text, per target year
    for target in old.targets:
        concept = concept_by_id(target.concept) if target.concept else None
        if target.target_year not in units_of:
            units_of[target.target_year] = review_units(new.paragraphs, review, target.target_year, many_years)
        outcome = find_outcome(units_of[target.target_year], concept, target) if concept is not None else None
        out.append(judge_target(target, outcome, concept, tolerance))
    return out


def judge_target(target: Target, outcome: Outcome | None, concept: Concept | None, tolerance: float) -> TargetFollowUp:
    """The verdict (met, missed, not_reported, not_assessable), with the rule it used."""
    if target.absent or target.value is None:
        return TargetFollowUp(target=target, status="not_assessable", rule="no numeric target")
    if outcome is None:
        return TargetFollowUp(target=target, status="not_reported", rule="no figure in the new report's review")
    x, v = outcome.value, target.value
    position = "above" if x > (target.high or v) else "below" if x < (target.low or v) else "within"
    status, rule = _verdict(target, x, concept, tolerance)
    evidence = Evidence(sentence=outcome.sentence, section=outcome.section, line=outcome.line, score=1.0)
    return TargetFollowUp(
        target=target,
        status=status,
        outcome=x,
        outcome_unit=outcome.unit,
        position=position,
        rule=rule,
        evidence=evidence,
    )


def _verdict(target: Target, x: float, concept: Concept | None, tolerance: float) -> tuple[TargetStatus, str]:
    v = target.value or 0.0
    ceiling = concept is not None and concept.target == "ceiling"
    direction = concept.direction if concept is not None else "neutral"
    if target.comparator == "at_least" or (
        target.comparator == "range" and direction == "higher" and x > (target.high or v)
    ):
        floor = (target.low or v) if target.comparator == "range" else v
        return ("met" if x >= floor else "missed"), f"at least {floor:g}: outcome {x:g}"
    if target.comparator == "at_most" or (target.comparator == "approx" and ceiling):
        return (
            "met" if x <= v else "missed"
        ), f"at most {v:g}{' (the concept is a ceiling)' if ceiling else ''}: outcome {x:g}"
    if target.comparator == "range":
        low, high = target.low or v, target.high or v
        return ("met" if low <= x <= high else "missed"), f"range {low:g}–{high:g}: outcome {x:g}"
    allowed = tolerance if target.unit == "%" else abs(v) * 0.05
    if abs(x - v) <= allowed:
        return "met", f"{target.comparator} {v:g} ±{allowed:g}: outcome {x:g}"
    if direction == "neutral":
        return (
            "not_assessable",
            f"{target.comparator}: {x:g} is {abs(x - v):g} from {v:g}, and the concept has no better side",
        )
    better = (x > v) == (direction == "higher")
    return (
        "met" if better else "missed"
    ), f"{target.comparator}: {x:g} {'beyond' if better else 'short of'} {v:g} ± {allowed:g}"
