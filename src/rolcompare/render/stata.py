"""The panel for Stata: a ``.dta`` file of version 118 (Unicode), and the table that maps its
variable names back to the concept ids.

Stata allows 32 characters a name, and letters, digits and ``_``: a concept id such as
``reconsideration.applications_received`` becomes ``reconsideration_applications_rec`` (a clash
gets ``_2``, ``_3``…). Variable labels carry the Chinese titles (80 characters at most); the
entity and entity_id are categorical variables, so their Chinese names are value labels; adcode
stays text (a six-digit code, to merge on with a yearbook's).
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

_NOT_IN_NAME = re.compile(r"[^A-Za-z0-9_]")


def stata_names(columns: list[str]) -> dict[str, str]:
    """Each column's Stata variable name: legal, at most 32 characters, unique."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for column in columns:
        base = _NOT_IN_NAME.sub("_", column) or "v"
        base = base if not base[0].isdigit() else f"v{base}"
        name, n = base[:32], 1
        while name in used:
            n += 1
            name = f"{base[: 32 - len(str(n)) - 1]}_{n}"
        used.add(name)
        out[column] = name
    return out


def dta_bytes(frame: pd.DataFrame, labels: dict[str, str]) -> tuple[bytes, pd.DataFrame]:
    """The ``.dta`` (version 118) of ``frame``, and its mapping table (variable, column, label).
    ``labels``: a label per column (the concepts' Chinese titles)."""
    import pandas as pd

    names = stata_names([str(c) for c in frame.columns])
    data = frame.rename(columns=names)
    for column in ("entity_id", "entity"):
        if column in data:
            data[column] = data[column].astype("category")
    for column in data.columns:
        if str(data[column].dtype) in ("Int64", "boolean"):  # (Stata has no missing integer: a gap is a float's .)
            whole = "int32" if str(data[column].dtype) == "Int64" else "int8"
            data[column] = data[column].astype("float64") if data[column].isna().any() else data[column].astype(whole)
        elif str(data[column].dtype) == "bool":
            data[column] = data[column].astype("int8")
    variable_labels = {names[c]: labels.get(str(c), str(c))[:80] for c in frame.columns}
    buf = io.BytesIO()
    data.to_stata(buf, version=118, write_index=False, variable_labels=variable_labels)
    mapping = pd.DataFrame(
        {"variable": list(names.values()), "column": list(names), "label": [variable_labels[v] for v in names.values()]}
    )
    return buf.getvalue(), mapping
