"""Parse throughput of two installs (e.g. interpreted and compiled) timed in alternating processes.

    python benchmarks/bench_builds.py PYTHON_A PYTHON_B [--pairs 6] [--reports 100]

PYTHON_A and PYTHON_B are the interpreters of two environments with rolcompare installed (for
example one from ``pip install .`` and one from ``ROLCOMPARE_COMPILE=1 pip install .``). The
machine's speed drifts by a fifth within minutes, so the two are measured in turns, each turn a
fresh process running the loop of ``bench_parse.py`` (text caches cleared before each report,
best of three passes) on the mirror, simplified and traditional corpora. Prints one line per
process, then the median and range per build and corpus and the per-pair ratios B / A.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

CORPORA = ("mirror", "simplified", "traditional")


def child(reports: int) -> None:
    """Measure this interpreter's install; print one JSON line."""
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_parse import throughput
    from corpus import corpus_texts

    import rolcompare

    figures = {kind: throughput(corpus_texts(kind, reports), share_caches=False)[0] for kind in CORPORA}
    print(json.dumps({"compiled": bool(rolcompare.COMPILED), **figures}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pythons", nargs="*")
    parser.add_argument("--pairs", type=int, default=6)
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.reports)
        return
    if len(args.pythons) != 2:
        parser.error("give the interpreters of exactly two environments")
    runs: dict[str, list[dict[str, float]]] = {p: [] for p in args.pythons}
    for _ in range(args.pairs):
        for python in args.pythons:
            command = [python, __file__, "--child", "--reports", str(args.reports)]
            result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
            runs[python].append(result)
            build = "compiled" if result["compiled"] else "interpreted"
            print(f"{build:11} {python}: " + "  ".join(f"{k} {result[k]:.2f}" for k in CORPORA), flush=True)
    a, b = args.pythons
    for kind in CORPORA:
        for python in args.pythons:
            values = [r[kind] for r in runs[python]]
            print(
                f"{kind:11} {python}: median {statistics.median(values):.2f} MB/s ({min(values):.2f}–{max(values):.2f})"
            )
        ratios = [rb[kind] / ra[kind] for ra, rb in zip(runs[a], runs[b], strict=True)]
        print(f"{kind:11} B / A per pair: " + ", ".join(f"{r:.2f}" for r in ratios))


if __name__ == "__main__":
    main()
