"""Parse throughput (MB/s of input, one core) and the cold start of `rolcompare parse`.

    python benchmarks/bench_parse.py [--reports 200] [--runs 10]

Four corpora of distinct mutations (benchmarks/corpus.py): the seed as the mirror
served it (traditional script, pinyin annotations, stray commas), its clean simplified text (as
an official site serves a report), that text in traditional script, and a short report (the
constructed 2020 example, 5 KB: fixed costs per report weigh more). The reports of a corpus
share many sentences and labels, so every text cache is forgotten before each report (the
honest figure for reports of different governments); the last line keeps the caches (one
process parsing related reports). Prints the build (interpreted or compiled, see setup.py),
then one line per measurement. Time the compiled build by running this script with the Python
of an environment where ``ROLCOMPARE_COMPILE=1 pip install .`` installed rolcompare.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import ROOT, clear_text_caches, corpus_texts, time_command

_SCRATCH = Path(tempfile.mkdtemp(prefix="rolcompare-bench-"))  # -o never names a device or system path


def throughput(texts: list[str], share_caches: bool) -> tuple[float, float, float]:
    """(MB/s, ms per report, mean KB). ``share_caches=False`` forgets every text cache before
    each report (reports sharing nothing); True keeps them, as one process parsing a corpus does."""
    import rolcompare as rc

    rc.parse(texts[0])  # warm: dictionaries, regexes, taxonomy
    size = sum(len(t.encode("utf-8")) for t in texts)
    best = float("inf")
    for _ in range(3):  # best of three passes: the machine is shared and noisy
        clear_text_caches()  # no help from the previous pass
        elapsed = 0.0
        for text in texts:
            if not share_caches:
                clear_text_caches()
            start = time.perf_counter()
            rc.parse(text)
            elapsed += time.perf_counter() - start
        best = min(best, elapsed)
    n = len(texts)
    return size / best / 1e6, best / n * 1000, size / n / 1000


def cold_start(runs: int) -> list[float]:
    return time_command(["parse", str(ROOT / "reports/luzhou/2019.txt"), "-o", str(_SCRATCH / "out")], runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    import rolcompare

    build = (
        "compiled (mypyc)" if rolcompare.COMPILED else "interpreted (ROLCOMPARE_COMPILE=1 pip install . compiles it)"
    )
    print(f"rolcompare {rolcompare.__version__}, {build}, Python {sys.version.split()[0]}")
    runs = [
        ("mirror", False, "seed as the mirror served it, caches cleared before each report"),
        ("simplified", False, "clean simplified text, caches cleared"),
        ("traditional", False, "clean traditional text, caches cleared"),
        ("short", False, "a short report, the 5 KB constructed example, caches cleared"),
        ("mirror", True, "seed as the mirror served it, caches kept"),
    ]
    for kind, share, what in runs:
        mbps, ms, kb = throughput(corpus_texts(kind, args.reports), share)
        print(
            f"parse throughput ({what}): {mbps:.2f} MB/s on one core ({ms:.2f} ms per report, "
            f"mean size {kb:.1f} KB, {args.reports} reports, best of 3 passes)"
        )
    times = cold_start(args.runs)
    print(
        f"cold start `rolcompare parse seed -o FILE`: min {min(times):.3f} s, median {statistics.median(times):.3f} s "
        f"({args.runs} runs)"
    )


if __name__ == "__main__":
    main()
