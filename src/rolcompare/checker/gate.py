"""compare's ``--fail-on`` gate: the rules a ReportDiff can fail, and doubts about the pairing."""

from __future__ import annotations

from rolcompare.errors import UsageError
from rolcompare.pipeline.identify import entity_key
from rolcompare.schema import ReportDiff

FAIL_RULES = {
    "not-found": "a plan of the old report has no evidence in the new one",
    "partial": "a plan of the old report is only partly carried out",
    "repeated": "a plan of the old report is promised again",
    "worse": "an indicator moved in the wrong direction",
    "removed": "an indicator of the old report is missing from the new one",
    "persists": "a problem of the old report is listed again",
    "section-removed": "a part or section of the old report is missing",
    "target-missed": "a quantified target of the old report was missed",
}


def fired_rules(diff: ReportDiff, rules: list[str]) -> list[str]:
    """The rules (of ``FAIL_RULES``) that fire on ``diff``, each with a one-line reason."""
    validate_rules(rules)
    s = diff.summary
    counts = {
        "not-found": s.commitments_not_found,
        "partial": s.commitments_partial,
        "repeated": s.commitments_repeated,
        "worse": s.worse,
        "removed": s.indicators_removed,
        "persists": s.problems_persisting,
        "section-removed": s.sections_removed,
        "target-missed": s.targets_missed,
    }
    return [f"{rule}: {counts[rule]} × {FAIL_RULES[rule]}" for rule in rules if counts[rule]]


def validate_rules(rules: list[str]) -> None:
    """Raise a UsageError naming any rule not in ``FAIL_RULES``."""
    unknown = [r for r in rules if r not in FAIL_RULES]
    if unknown:
        raise UsageError(
            f"unknown compare rule {', '.join(unknown)}; choose from {', '.join(sorted(FAIL_RULES))}.",
            parameter="fail_on",
        )


def pairing_cautions(diff: ReportDiff) -> list[str]:
    """Reasons to doubt that the two reports are last year's and this year's of one government."""
    old, new = diff.old, diff.new
    out = []
    if entity_key(old) and entity_key(new) and entity_key(old) != entity_key(new):
        out.append(f"the reports are of different governments ({old.entity} / {new.entity}).")
    if old.year and new.year and new.year <= old.year:
        out.append(f"the new report covers {new.year}, not a year after the old one's {old.year}; swap them?")
    elif old.year and new.year and new.year > old.year + 1:
        out.append(f"the reports are {new.year - old.year} years apart; plans are checked against a later year.")
    return out
