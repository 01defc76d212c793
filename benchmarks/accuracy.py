"""Accuracy against hand annotations: the project's own texts, then the real pages of ../shared/real-dev/.

    python benchmarks/accuracy.py            # both tables
    python benchmarks/accuracy.py --real -v  # the real pages only, with every miss on stderr
    python benchmarks/accuracy.py --pages -v # the constructed pages of tests/data/pages/ only

Own texts (tests/data/gold/): a prediction matches a gold indicator when line, value and unit are
equal and the labels overlap (one contains the other, or they share two consecutive characters);
matching is one to one. Concept accuracy is over matched indicators.

Real pages (../shared/real-dev/, scored as its README says; see tests/realdev.py): entity, year,
level per page; headings (recall over annotated lines, precision over the sections found);
indicators (line, value and unit equal, half of the gold label's characters in the predicted label).
The same figures gate the test suite (tests/test_realdev.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import realdev
import rolcompare as rc
from gold import GOLD_REPORTS, HELD_OUT, load_gold, misses, score


def own_texts() -> None:
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


def real_pages(verbose: bool, folder: Path = realdev.REAL_DEV) -> None:
    names = realdev.names(folder)
    if not names:
        print(realdev.SKIP_REASON)
        return
    scores = [realdev.score_page(n, rc.read(realdev.page(n, folder)), folder) for n in names]
    print("| page | entity | year | level | headings found/annotated | indicators matched/gold/predicted |")
    print("|---|---|---|---|---|---|")
    for s in scores:
        m = s.report.meta
        mark = {True: "ok", False: "**no**"}
        print(
            f"| {s.name} | {mark[s.entity]} {m.entity} | {mark[s.year]} {m.year} | {mark[s.level]} {m.level} | "
            f"{s.headings.found}/{s.headings.expected} (+{len(s.headings.extra)}) | "
            f"{s.indicators.matched}/{s.indicators.gold}/{s.indicators.predicted} |"
        )
        if verbose:
            _misses(s)
    t = realdev.totals(scores)
    print()
    print(
        "| pages | entity | year | level | heading recall | heading precision | indicator precision | indicator recall |"
    )
    print("|---|---|---|---|---|---|---|---|")
    print(
        f"| {t.pages} | {t.entity:.3f} | {t.year:.3f} | {t.level:.3f} | {t.heading_recall:.3f} | "
        f"{t.heading_precision:.3f} | {t.indicator_precision:.3f} | {t.indicator_recall:.3f} |"
    )


def _misses(s: realdev.PageScore) -> None:
    err = sys.stderr
    if not s.entity or not s.level:
        print(f"  {s.name}: entity {s.report.meta.entity!r} as written {s.report.meta.entity_as_written!r}", file=err)
    for h in s.headings.missed:
        print(f"  {s.name}: heading missed {h}", file=err)
    for h in s.headings.extra:
        print(f"  {s.name}: heading extra {h}", file=err)
    for g in s.indicators.missed:
        print(f"  {s.name}: missed line {g['line']} {g['value']:g}{g['unit']} {g['label']}", file=err)
    for p in s.indicators.extra:
        print(f"  {s.name}: extra line {p.line} {p.value:g}{p.unit} {p.label}", file=err)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", action="store_true", help="only the real pages of ../shared/real-dev/")
    parser.add_argument("--pages", action="store_true", help="only the constructed pages of tests/data/pages/")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss to stderr")
    args = parser.parse_args()
    if args.pages:
        real_pages(args.verbose, realdev.PAGES)
        return
    if not args.real:
        own_texts()
        print()
        real_pages(args.verbose, realdev.PAGES)
        print()
    real_pages(args.verbose)


if __name__ == "__main__":
    main()
