"""Indicator extraction accuracy against the hand annotations in tests/data/gold/.

    python benchmarks/accuracy.py

A prediction matches a gold indicator when line, value and unit are equal and the labels
overlap (one contains the other, or they share two consecutive characters); matching is
one to one. Concept accuracy is over matched indicators.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import rolcompare as rc
from gold import GOLD_REPORTS, HELD_OUT, load_gold, misses, score


def main() -> None:
    print("| text | gold | predicted | matched | precision | recall | concept accuracy | qualifier accuracy |")
    print("|---|---|---|---|---|---|---|---|")
    for name, path in {**GOLD_REPORTS, **HELD_OUT}.items():
        gold, predicted = load_gold(name), rc.read(path).indicators
        s = score(gold, predicted)
        print(
            f"| {name} | {s.gold} | {s.predicted} | {s.matched} | {s.precision:.3f} | {s.recall:.3f} | "
            f"{s.concept_accuracy:.3f} | {s.qualifier_correct / max(1, s.matched):.3f} |"
        )
        missed, extra = misses(gold, predicted)
        for g in missed:
            print(f"  missed: line {g.line} {g.value:g}{g.unit} {g.label}", file=sys.stderr)
        for p in extra:
            print(f"  extra: line {p.line} {p.value:g}{p.unit} {p.label}", file=sys.stderr)


if __name__ == "__main__":
    main()
