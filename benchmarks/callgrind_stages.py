"""Instructions per parse stage, counted by valgrind: run one stage alone on ten mutated reports.

    for stage in normalize structure indicators plans link copy; do
      PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null python benchmarks/callgrind_stages.py 0 $stage
      PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null python benchmarks/callgrind_stages.py 10 $stage
    done
    # instructions per report and stage = (Collected of the second - Collected of the first) / 10

Each stage's input is prepared before counting starts; text caches are cleared before each
call. ``link`` works on deep copies of the commitments and problems (it fills them in place):
subtract ``copy``, which only makes those copies.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import base_texts, clear_text_caches, mutate

from rolcompare.pipeline import run as p

rng = random.Random(1)
texts = [mutate(base_texts()[0], rng, 2011 + i % 10, f"示例{i:04d}市") for i in range(11)]
normalized = [p.normalize(t) for t in texts]
structures = [p.structure(n.lines) for n in normalized]
commitments = [p.extract_commitments(s, 2015) for s in structures]
problems = [p.extract_problems(s) for s in structures]


def run(stage: str, i: int) -> None:
    clear_text_caches()
    if stage == "normalize":
        p.normalize(texts[i])
    elif stage == "structure":
        p.structure(normalized[i].lines)
    elif stage == "indicators":
        p.extract_indicators(structures[i].paragraphs)
    elif stage == "plans":
        p.extract_commitments(structures[i], 2015)
        p.extract_problems(structures[i])
    elif stage in ("link", "copy"):
        plans = [c.model_copy(deep=True) for c in commitments[i]]
        issues = [x.model_copy(deep=True) for x in problems[i]]
        if stage == "link":
            p.link_commitments(issues, plans, structures[i])
    else:
        raise SystemExit(f"unknown stage {stage!r}")


run(sys.argv[2], 10)  # warm: imports, dictionaries, regexes, models
for index in range(int(sys.argv[1])):
    run(sys.argv[2], index)
