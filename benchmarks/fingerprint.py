"""The output fingerprint: one SHA-256 over everything the library writes for a fixed set of texts.

    python benchmarks/fingerprint.py            # prints the digest and the number of documents
    python benchmarks/fingerprint.py -v DIR     # also writes each document to DIR, to diff two runs

A change that must not change behaviour (a restructuring, a speed-up, the compiled build) keeps
the digest byte-identical. The documents, through the public API only:
1. every text in ``reports/`` and ``tests/data`` (and ``../shared``'s real pages when present):
   the parsed report as JSON;
2. 120 mutations of the seed from ``corpus.py`` (mirror, simplified, traditional): parsed JSON;
3. 60 compares of consecutive mutations and the two Luzhou reports: the diff as JSON, Markdown
   and HTML, and its frames as CSV;
4. ``check`` of ``reports/`` and of ``tests/data``: the findings as JSON;
5. ``panel`` of ``reports/`` as CSV;
6. the CLI: ``parse`` (json, markdown), ``compare`` (markdown, json) and ``check`` (text, github,
   junit, json) of the Luzhou reports, stdout and exit code.
The inputs' own digest is printed too, so a change of the corpus generator is not mistaken for a
change of the output.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import ROOT, corpus_texts

import rolcompare as rc

SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


def report_files() -> list[Path]:
    roots = [ROOT / "reports", ROOT / "tests" / "data", ROOT.parent / "shared" / "real-dev"]
    files = [p for root in roots if root.is_dir() for p in sorted(root.rglob("*")) if p.suffix in SUFFIXES]
    return [p for p in files if p.name != "README.md"]


def documents() -> tuple[dict[str, str], str]:
    """The fingerprinted documents by name, and the digest of the inputs."""
    docs: dict[str, str] = {}
    inputs = hashlib.sha256()
    for path in report_files():
        inputs.update(path.read_bytes())
        report = rc.read(path)
        docs[f"read/{path.relative_to(ROOT.parent)}"] = report.model_dump_json()
        docs[f"read/{path.relative_to(ROOT.parent)}.csv"] = report.indicators_frame().to_csv(index=False)
    texts = [t for kind in ("mirror", "simplified", "traditional") for t in corpus_texts(kind, 40)]
    for i, text in enumerate(texts):
        inputs.update(text.encode())
        docs[f"parse/{i:03d}"] = rc.parse(text).model_dump_json()
    pairs = [(rc.parse(a), rc.parse(b)) for a, b in zip(texts[0:120:2], texts[1:120:2], strict=True)]
    luzhou = ROOT / "reports" / "luzhou"
    pairs.append((rc.read(luzhou / "2019.txt"), rc.read(luzhou / "2020.txt")))
    for i, (old, new) in enumerate(pairs):
        diff = rc.compare(old, new)
        docs[f"compare/{i:03d}.json"] = diff.model_dump_json()
        docs[f"compare/{i:03d}.md"] = diff.to_markdown()
        docs[f"compare/{i:03d}.html"] = diff.to_html()
        for name, frame in diff.to_frame().items():
            docs[f"compare/{i:03d}.{name}.csv"] = frame.to_csv(index=False)
    for folder in (ROOT / "reports", ROOT / "tests" / "data"):
        findings = rc.check([folder])
        docs[f"check/{folder.name}"] = "\n".join(f.model_dump_json() for f in findings)
    docs["panel/reports.csv"] = rc.panel([ROOT / "reports"]).to_csv(index=False)
    docs.update(cli_documents())
    return docs, inputs.hexdigest()


def cli_documents() -> dict[str, str]:
    import subprocess

    luzhou = [str(ROOT / "reports" / "luzhou" / f"{year}.txt") for year in (2019, 2020)]
    commands = {
        "parse.json": ["parse", luzhou[0]],
        "parse.md": ["parse", luzhou[0], "--format", "md"],
        "compare.md": ["compare", *luzhou],
        "compare.json": ["compare", *luzhou, "--format", "json"],
        **{f"check.{f}": ["check", str(ROOT / "reports"), "--format", f] for f in ("text", "github", "junit", "json")},
    }
    out = {}
    for name, args in commands.items():
        run = subprocess.run([sys.executable, "-m", "rolcompare", *args], capture_output=True, text=True, cwd=ROOT)
        out[f"cli/{name}"] = f"exit {run.returncode}\n{run.stdout}"
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-v", "--write", metavar="DIR", type=Path, help="write each document to DIR")
    args = parser.parse_args()
    docs, inputs = documents()
    digest = hashlib.sha256()
    for name in sorted(docs):
        digest.update(name.encode() + b"\0" + docs[name].encode() + b"\0")
        if args.write:
            target = args.write / name.replace("/", "__")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(docs[name], "utf-8")
    print(f"inputs {inputs}")
    print(f"output {digest.hexdigest()}  ({len(docs)} documents)")


if __name__ == "__main__":
    main()
