"""Parse throughput (MB/s of input, one core) and the cold start of `rolcompare parse`.

    python benchmarks/bench_parse.py [--reports 200] [--runs 10]

Texts are distinct mutations of the shipped reports (benchmarks/corpus.py), so caches
keyed on sentences do not flatter the figure. Prints one line per measurement.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import ROOT, base_texts, mutate, time_command


def throughput(n: int) -> tuple[float, float, float]:
    import rolcompare as rc

    rng = random.Random(1)
    texts = [mutate(base_texts()[0], rng, 2011 + i % 10, f"示例{i:04d}市") for i in range(n)]
    rc.parse(texts[0])  # warm: dictionaries, regexes, taxonomy
    size = sum(len(t.encode("utf-8")) for t in texts)
    best = float("inf")
    for _ in range(3):  # best of three passes: the machine is shared and noisy
        from rolcompare.align import bigrams, index_terms

        bigrams.cache_clear()  # no help from the sentence caches of the previous pass
        index_terms.cache_clear()
        start = time.perf_counter()
        for text in texts:
            rc.parse(text)
        best = min(best, time.perf_counter() - start)
    return size / best / 1e6, best / n * 1000, size / n / 1000


def cold_start(runs: int) -> list[float]:
    return time_command(["parse", str(ROOT / "reports/luzhou/2019.txt"), "-o", "/dev/null"], runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    mbps, ms, kb = throughput(args.reports)
    print(
        f"parse throughput: {mbps:.2f} MB/s on one core ({ms:.2f} ms per report, mean size {kb:.1f} KB, "
        f"{args.reports} reports, best of 3 passes)"
    )
    times = cold_start(args.runs)
    print(
        f"cold start `rolcompare parse seed -o /dev/null`: min {min(times):.3f} s, median {statistics.median(times):.3f} s "
        f"({args.runs} runs)"
    )


if __name__ == "__main__":
    main()
