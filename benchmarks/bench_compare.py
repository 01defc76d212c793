"""Compares per second of already-parsed reports, and `rolcompare compare` as a whole process.

python benchmarks/bench_compare.py [--pairs 100] [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import ROOT, base_texts, mutate, time_command

_SCRATCH = Path(tempfile.mkdtemp(prefix="rolcompare-bench-"))  # -o never names a device or system path


def compares_per_second(pairs: int) -> float:
    import rolcompare as rc

    rng = random.Random(3)
    old_text = new_text = base_texts()[0]
    reports = [
        (rc.parse(mutate(old_text, rng, 2019, f"示例{i}市")), rc.parse(mutate(new_text, rng, 2020, f"示例{i}市")))
        for i in range(pairs)
    ]
    rc.compare(*reports[0])  # warm: imports, taxonomy
    start = time.perf_counter()  # one pass: every pair is compared once, as in real use
    for old, new in reports[1:]:
        rc.compare(old, new)
    return (pairs - 1) / (time.perf_counter() - start)


def whole_process(runs: int) -> list[float]:
    pair = [str(ROOT / "reports/luzhou/2019.txt"), str(ROOT / "reports/luzhou/2020.txt")]
    return time_command(["compare", *pair, "-o", str(_SCRATCH / "out")], runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(
        f"compare: {compares_per_second(args.pairs):.0f} compares/s of parsed seed-size reports "
        f"({args.pairs - 1} distinct pairs, one pass)"
    )
    times = whole_process(args.runs)
    print(
        f"`rolcompare compare 2019.txt 2020.txt -o FILE`: min {min(times):.3f} s, "
        f"median {statistics.median(times):.3f} s ({args.runs} runs)"
    )


if __name__ == "__main__":
    main()
