"""`rolcompare check` over a directory of N report files (default 1,000), as a whole process.

python benchmarks/bench_check.py [--reports 1000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import write_corpus


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp) / "reports", args.reports)
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "rolcompare", "check", str(Path(tmp) / "reports"), "--format", "json"],
            capture_output=True,
        )
        elapsed = time.perf_counter() - start
    print(
        f"rolcompare check on {args.reports} reports: {elapsed:.1f} s (exit {proc.returncode}, "
        f"{len(proc.stdout) // 1024} KiB of findings)"
    )


if __name__ == "__main__":
    main()
