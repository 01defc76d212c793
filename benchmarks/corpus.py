"""Synthesize report texts by mutating real ones: numbers changed, script converted, paragraphs dropped.

Used by the benchmarks (never by tests): ``python benchmarks/corpus.py OUT_DIR N`` writes
OUT_DIR/<entity>/<year>.txt for N reports, ten years per entity, deterministic for a seed.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "reports" / "luzhou" / "2019.txt"]  # the seed: synthesized reports are of seed size
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)


def base_texts() -> list[str]:
    return [_FRONT.sub("", p.read_text("utf-8")) for p in SOURCES]


def mutate(text: str, rng: random.Random, year: int, entity: str, keep_script: bool = False) -> str:
    """A new report: numbers scaled, some paragraphs dropped, maybe (3 in 10) traditional script
    unless ``keep_script`` (the random draw is made either way: the same rng gives the same numbers)."""

    def scale(m: re.Match[str]) -> str:
        value = m.group(0)
        if len(value) == 4 and value.startswith(("19", "20")):
            return value  # leave years alone
        number = float(value) * rng.uniform(0.6, 1.6)
        return f"{number:.2f}" if "." in value else str(max(1, round(number)))

    lines = text.splitlines()
    title = f"{entity}人民政府{year}年度法治政府建设工作报告"
    body = [line for i, line in enumerate(lines[1:]) if i < 3 or rng.random() > 0.1]
    out = "\n".join([title, *body]).replace("2019年", f"{year}年").replace("2020年", f"{year + 1}年")
    out = _NUMBER.sub(scale, out)
    if rng.random() < 0.3 and not keep_script:
        from rolcompare.pipeline.normalize import to_traditional

        out = to_traditional(out)
    return out + "\n"


def corpus_texts(kind: str, n: int) -> list[str]:
    """``n`` mutations of a base text: the seed ``mirror`` (as served), ``simplified`` or
    ``traditional`` (its clean text), or ``short``: the constructed 5 KB 2020 example."""
    from rolcompare.pipeline.normalize import normalize_text, to_traditional

    if kind == "short":
        base = _FRONT.sub("", (ROOT / "reports" / "luzhou" / "2020.txt").read_text("utf-8"))
    else:
        base = base_texts()[0]
    if kind in ("simplified", "traditional"):
        base = normalize_text(base) + "\n"
        base = to_traditional(base) if kind == "traditional" else base
    rng = random.Random(1)
    # the simplified corpus stays simplified (official sites serve simplified text); before
    # 2026-11-27 three in ten of its reports were converted to traditional script by mistake
    keep = kind == "simplified"
    return [mutate(base, rng, 2011 + i % 10, f"示例{i:04d}市", keep_script=keep) for i in range(n)]


def clear_text_caches() -> None:
    """Forget every result cached by text (sentences, key terms, concepts of labels).

    A benchmark that calls this before each report measures reports that share nothing
    with the ones before them — the honest figure for a corpus of different governments.
    """
    from rolcompare.lexicon.concepts import match_concept
    from rolcompare.lexicon.grammar import split_sentences
    from rolcompare.match import bigrams, index_terms, label_similarity

    for cached in (split_sentences, bigrams, index_terms, label_similarity, match_concept):
        cached.cache_clear()


def time_command(args: list[str], runs: int) -> list[float]:
    """Wall-clock seconds of ``python -m rolcompare ARGS``, once per run."""
    import subprocess
    import time

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "rolcompare", *args], check=True)
        times.append(time.perf_counter() - start)
    return times


def write_corpus(folder: Path, n: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    texts = base_texts()
    paths = []
    for i in range(n):
        entity, year = f"示例{i // 10:04d}市", 2011 + i % 10
        path = folder / f"e{i // 10:04d}" / f"{year}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(mutate(texts[i % len(texts)], rng, year, entity), "utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    out, count = Path(sys.argv[1]), int(sys.argv[2])
    written = write_corpus(out, count)
    size = sum(p.stat().st_size for p in written)
    print(f"wrote {len(written)} reports, {size / 1e6:.1f} MB, to {out}")
