"""CSV files in, clusters out: the batch contract of `interlink resolve --input`.

Inputs have an `id` column and any of the resolver's columns (frame.INPUT_COLUMNS); other
columns are ignored. With several inputs, ids are kept as they are when they are unique across
all files, and are otherwise taken per file as `FILE_STEM:id`. Everything is read and checked
before anything is resolved or written, and a bad file or row is refused naming it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from interlink.core.csvfiles import write_csv
from interlink.core.messages import invalid
from interlink.resolve.frame import INPUT_COLUMNS, Frame, build

USABLE = tuple(c for c in INPUT_COLUMNS if c != "schema")


def read_input(path: Path) -> pd.DataFrame:
    """One input file as strings ('' when empty), checked: an `id` on every row, unique."""
    if not path.exists():
        raise invalid("file.missing", file=path.name)
    if path.is_dir():
        raise invalid("file.directory", file=path.name)
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig",
                            skipinitialspace=False)
    except UnicodeDecodeError as exc:
        raise invalid("file.not_utf8", file=path.name, offset=exc.start) from None
    except pd.errors.EmptyDataError:
        raise invalid("file.empty_expected", file=path.name, columns="id") from None
    except pd.errors.ParserError:
        raise invalid("file.not_csv", file=path.name) from None
    table.columns = [str(c).strip().lower() for c in table.columns]
    if "id" not in table.columns:
        raise invalid("file.no_id_column", "id", file=path.name, columns=list(table.columns))
    if not any(c in table.columns for c in USABLE):
        raise invalid("file.no_compare_column", file=path.name, allowed=list(USABLE))
    ids = table["id"].str.strip()
    empty = np.flatnonzero((ids == "").to_numpy())
    if len(empty):
        raise invalid("file.row_empty", "id", file=path.name, row=int(empty[0]) + 2,
                      column="id")
    dup = ids.duplicated().to_numpy()
    if dup.any():
        row = int(np.flatnonzero(dup)[0])
        raise invalid("file.duplicate_id", "id", file=path.name, row=row + 2,
                      id=str(ids.iloc[row]))
    table["id"] = ids
    return table


def load_inputs(paths: Sequence[Path]) -> tuple[Frame, list[str]]:
    """The frame of all inputs (source = file) and the output id of each row, in order."""
    if not paths:
        raise invalid("resolve.no_input")
    tables = [read_input(p) for p in paths]
    stems = [p.stem for p in paths]
    if len(set(stems)) != len(stems):
        stems = [str(p) for p in paths]
    all_ids = [i for t in tables for i in t["id"].tolist()]
    prefixed = len(paths) > 1 and len(set(all_ids)) != len(all_ids)
    out_ids: list[str] = []
    sources: list[str] = []
    parts = []
    for stem, table in zip(stems, tables, strict=True):
        ids = table["id"].tolist()
        out_ids += [f"{stem}:{i}" for i in ids] if prefixed else ids
        sources += [stem] * len(ids)
        parts.append(table[[c for c in table.columns if c in USABLE]])
    data = pd.concat(parts, ignore_index=True).fillna("")
    return build(np.array(out_ids, dtype=object), data, np.array(sources, dtype=object)), out_ids


def write_clusters(path: Path, ids: Sequence[str], clusters: Sequence[str]) -> None:
    """CLUSTERS.csv (`id,cluster_id`, one row per input row), written atomically."""
    write_csv(path, ["id", "cluster_id"], zip(ids, clusters, strict=True))
