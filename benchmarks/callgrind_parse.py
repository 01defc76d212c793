"""Instructions per parse, counted by valgrind (repeatable, unlike wall-clock time on a shared VM).

    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null python benchmarks/callgrind_parse.py 0
    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null python benchmarks/callgrind_parse.py 20
    # instructions per report = (Collected of the second - Collected of the first) / 20
    # add `keep` after the count to keep the text caches between reports (a corpus in one process),
    # `simplified` or `traditional` for the clean corpora of bench_parse.py (default: the mirror's copy)

Run it with the Python of an environment holding the compiled build (``ROLCOMPARE_COMPILE=1
pip install .``) to count that build.

PYTHONHASHSEED=0 fixes the layout of sets and dicts, which otherwise moves counts by ±0.1 %.

The texts are the first 20 of benchmarks/corpus.py's mutations of the seed (generated before
counting starts in both runs, so the difference is parsing only). Text caches are cleared
before each parse, so no report profits from the sentences of the one before.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import clear_text_caches, corpus_texts

import rolcompare as rc

options = sys.argv[2:]
kind = next((o for o in options if o in ("simplified", "traditional")), "mirror")
texts = corpus_texts(kind, 21)
rc.parse(texts[-1])  # warm: imports, dictionaries, regexes
keep = "keep" in options
for text in texts[: int(sys.argv[1])]:
    if not keep:
        clear_text_caches()  # each report on its own: nothing reused from the one before
    rc.parse(text)
