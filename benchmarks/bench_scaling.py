"""Time and peak memory against input size: does a parse grow linearly with the text?

    python benchmarks/bench_scaling.py [--max-copies 1000] [--compare-copies 40]

Parses the seed repeated 1, 10, 100 and 1000 times (each copy a full report: the linkage of
problems to plans must stay within a copy); the seed's text as one 400 KB sentence (full stops and
semicolons made commas: a page whose punctuation was lost); one 400 KB "sentence" of nothing but
numbers (``受理三件`` repeated: twenty times the seed's indicators per byte, so its time per byte is
higher by that, its time per indicator is not); then compares the seed with itself, once as it
is and once repeated. Each case runs in a fresh process (peak memory is that process's maximum resident
size; small inputs are timed as the best of several runs). Prints µs per KB relative to the
seed's: within 1.5× means linear.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "reports" / "luzhou" / "2019.txt"

CHILD = r"""
import json, resource, sys, time
import rolcompare as rc
sys.path.insert(0, sys.argv[4])
from corpus import clear_text_caches
kind, copies = sys.argv[1], int(sys.argv[2])
seed = open(sys.argv[3], encoding="utf-8").read()
if kind == "dense":  # one sentence of numbers only
    text = "受理三件" * (copies // 12)
elif kind == "sentence":  # the seed's text as one sentence: its full stops and semicolons made commas
    one = seed.replace("。", "，").replace("；", "，").replace("\n", "")
    text = (one * (copies // len(one.encode()) + 1))[: copies // 3]
else:
    text = seed * copies
rc.compare(rc.parse(seed), rc.parse(seed))  # warm: imports, dictionaries, compiled patterns
best = float("inf")
for _ in range(max(1, 40 // copies) if kind in ("parse", "compare") else 1):  # small inputs: best of several
    clear_text_caches()  # (every run as the first: nothing cached from the one before)
    start = time.perf_counter()
    if kind == "compare":
        out = len(rc.compare(rc.parse(text), rc.parse(text)).to_json())
    else:
        out = len(rc.parse(text).to_json())
    best = min(best, time.perf_counter() - start)
seconds = best
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"kb": len(text.encode()) / 1024, "seconds": seconds, "peak_mb": peak, "json_mb": out / 1e6}))
"""


def run(kind: str, copies: int) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(copies), str(SEED), str(ROOT / "benchmarks")],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-copies", type=int, default=1000)
    parser.add_argument("--compare-copies", type=int, default=40)
    args = parser.parse_args()
    cases = [("parse", n) for n in (1, 10, 100, 1000) if n <= args.max_copies]
    cases += [("sentence", 400 * 1024), ("dense", 400 * 1024), ("compare", 1), ("compare", args.compare_copies)]
    base: dict[str, float] = {}
    print("| case | input | time | µs per KB | × the seed's | peak memory | JSON out |")
    print("|---|---|---|---|---|---|---|")
    for kind, n in cases:
        r = run(kind, n)
        per_kb = r["seconds"] * 1e6 / r["kb"]
        ref = base.setdefault("compare" if kind == "compare" else "parse", per_kb)
        label = {
            "parse": f"seed ×{n}",
            "sentence": "the seed's text as one sentence",
            "dense": "one 400 KB sentence of numbers (受理三件…)",
            "compare": f"compare seed ×{n} with itself",
        }[kind]
        print(
            f"| {label} | {r['kb']:,.0f} KB | {r['seconds']:.2f} s | {per_kb:,.0f} | {per_kb / ref:.2f} | "
            f"{r['peak_mb']:,.0f} MB | {r['json_mb']:.1f} MB |"
        )


if __name__ == "__main__":
    main()
