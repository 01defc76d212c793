"""`rolcompare panel` at corpus scale: time for 1k/5k/10k synthesized reports, peak memory, cached rerun.

    python benchmarks/bench_panel.py [--sizes 1000 5000 10000] [--workers 2]

The corpus is made by benchmarks/corpus.py (mutated copies of the shipped reports, ten
years per entity). Each run is a separate process; memory is the peak resident set of
the main process plus the largest worker (from getrusage).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import write_corpus

_RUN = """
import resource, sys, time
from rolcompare.cli import main
start = time.perf_counter()
code = main(sys.argv[1:])
elapsed = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{code} {elapsed:.3f} {own} {kids}", file=sys.stderr)
"""


def run_panel(folder: Path, workers: int, cache: bool) -> dict[str, float]:
    args = ["panel", str(folder), "-o", str(folder.parent / "panel.csv"), "--workers", str(workers)]
    if not cache:
        args.append("--no-cache")
    proc = subprocess.run([sys.executable, "-c", _RUN, *args], capture_output=True, text=True, check=True)
    code, elapsed, own, kids = proc.stderr.strip().splitlines()[-1].split()
    return {"exit": int(code), "seconds": float(elapsed), "peak_mb": (int(own) + int(kids)) / 1024}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "reports"
            paths = write_corpus(folder, n)
            megabytes = sum(p.stat().st_size for p in paths) / 1e6
            cold = run_panel(folder, args.workers, cache=True)
            warm = run_panel(folder, args.workers, cache=True)
            shutil.rmtree(Path(tmp) / ".rolcompare-cache", ignore_errors=True)
            print(
                json.dumps(
                    {
                        "reports": n,
                        "input_mb": round(megabytes, 1),
                        "workers": args.workers,
                        "first_run_s": cold["seconds"],
                        "reports_per_s": round(n / cold["seconds"], 1),
                        "peak_mb": round(cold["peak_mb"]),
                        "cached_rerun_s": warm["seconds"],
                        "rerun_speedup": round(cold["seconds"] / warm["seconds"], 1),
                    }
                )
            )


if __name__ == "__main__":
    main()
