"""Instructions per `compare` of two parsed reports, counted by valgrind (repeatable).

    OPENBLAS_NUM_THREADS=1 PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null python benchmarks/callgrind_compare.py 0
    OPENBLAS_NUM_THREADS=1 PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null python benchmarks/callgrind_compare.py 10
    # instructions per compare = (Collected of the second - Collected of the first) / 10

The pairs (mutations of the seed, years 2019 and 2020) are parsed before counting starts in
both runs, so the difference is comparing only.

Set OPENBLAS_NUM_THREADS=1 as well: compare loads pandas, whose numpy starts OpenBLAS threads
that spin while idle, and valgrind counts their instructions too (±1.5 M per compare otherwise).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import base_texts, mutate

import rolcompare as rc

rng = random.Random(3)
seed = base_texts()[0]
pairs = [
    (rc.parse(mutate(seed, rng, 2019, f"示例{i}市")), rc.parse(mutate(seed, rng, 2020, f"示例{i}市")))
    for i in range(11)
]
rc.compare(*pairs[-1])  # warm: imports, taxonomy
for old, new in pairs[: int(sys.argv[1])]:
    rc.compare(old, new)
