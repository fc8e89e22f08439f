"""Networks from plain files: an edges CSV, or arrays (for synthetic benchmark graphs).

The CSV has a header with `source,target` and optionally `weight`, `type` (the edge kind),
`amount`, `currency`, `date` (which make a row a payment the money analysis can follow),
`evidence` (record ids, separated by ";") and `period` (a label: the wiretap phase, the
quarter; key actors are then ranked in each period and their role scores averaged; a row
without one holds in every period). A `date` column also dates every row, so that
`Network.periods_from_dates` (`interlink network key-actors --periods quarter`) can cut the
file into months, quarters, half-years or years when it has no period column. Without an
evidence column a row's evidence is its line in the file (`E.csv:12`), so findings on a file
still say where they come from. A bad row refuses the whole file, naming the line and the field.
"""

from __future__ import annotations

import csv
import math
from array import array
from pathlib import Path

import numpy as np

from interlink.core.csvfiles import read_header
from interlink.core.messages import invalid
from interlink.network.graph import EVIDENCE_SEP, Network, PaymentFact

REQUIRED = ("source", "target")
OPTIONAL = ("weight", "type", "amount", "currency", "date", "evidence", "period")


def _number(text: str, path: Path, line: int, name: str, positive: bool) -> float:
    try:
        value = float(text)
    except ValueError:
        raise invalid("file.not_number", name, file=path.name, line=line, column=name,
                      value=text) from None
    if not math.isfinite(value) or (positive and value <= 0):
        raise invalid("file.not_positive", name, file=path.name, line=line, column=name,
                      value=text)
    return value


def read_edges_csv(path: Path | str) -> Network:
    """Read an edges CSV into a network; refuse the file on the first bad row."""
    path = Path(path)
    if not path.exists():
        raise invalid("file.missing", file=path.name)
    ids: list[str] = []
    index: dict[str, int] = {}
    src = array("q")
    dst = array("q")
    weights = array("d")
    kind = array("h")
    kinds: list[str] = []
    kind_code: dict[str, int] = {}
    evidence: list[str] = []  # only with an evidence column; else the line numbers
    lines = array("q")
    period = array("i")
    periods: list[str] = []
    period_code: dict[str, int] = {}
    dates: list[str] = []  # per row, with a date column: `--periods month|...` reads them
    payments: list[PaymentFact] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = read_header(reader, path.name, REQUIRED, OPTIONAL,
                             expected="source,target[,weight,type]")
        col = {name: header.index(name) for name in header}
        s_col, t_col = col["source"], col["target"]
        w_col, k_col = col.get("weight"), col.get("type")
        e_col, a_col = col.get("evidence"), col.get("amount")
        c_col, d_col = col.get("currency"), col.get("date")
        p_col = col.get("period")
        width = len(header)
        line = 1
        for row in reader:
            line = reader.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # blank line
            if len(row) != width:
                raise invalid("file.line_fields", file=path.name, line=line, n=len(row),
                              expected=width, columns=",".join(header))
            s = row[s_col].strip()
            t = row[t_col].strip()
            if not s or not t:
                column = "source" if not s else "target"
                raise invalid("file.line_empty", column, file=path.name, line=line,
                              column=column)
            i = index.get(s)
            if i is None:
                i = index[s] = len(ids)
                ids.append(s)
            j = index.get(t)
            if j is None:
                j = index[t] = len(ids)
                ids.append(t)
            w = 1.0
            if w_col is not None and row[w_col].strip():
                w = _number(row[w_col], path, line, "weight", positive=True)
            k = row[k_col].strip().lower() if k_col is not None else ""
            k = k or "link"
            code = kind_code.get(k)
            if code is None:
                code = kind_code[k] = len(kinds)
                kinds.append(k)
            src.append(i)
            dst.append(j)
            weights.append(w)
            kind.append(code)
            lines.append(line)
            if p_col is not None:
                label = row[p_col].strip()
                code = period_code.get(label, -1) if label else -1
                if label and code < 0:
                    code = period_code[label] = len(periods)
                    periods.append(label)
                period.append(code)  # -1: a row without a period holds in every period
            if d_col is not None:
                dates.append(row[d_col].strip())
            ev = row[e_col].strip() if e_col is not None else ""
            ev = ev or f"{path.name}:{line}"
            if e_col is not None:
                evidence.append(ev)
            if a_col is not None and row[a_col].strip():
                amount = _number(row[a_col], path, line, "amount", positive=True)
                currency = row[c_col].strip().upper() if c_col is not None else ""
                day = row[d_col].strip() if d_col is not None else ""
                payments.append(PaymentFact(f"{path.name}:{line}",
                                            tuple(ev.split(EVIDENCE_SEP)), i, j, amount,
                                            currency, day))
    if not ids:
        raise invalid("file.no_edges", file=path.name)
    return Network(
        ids=ids, src=np.frombuffer(src, dtype=np.int64), dst=np.frombuffer(dst, dtype=np.int64),
        weight=np.frombuffer(weights, dtype=np.float64), kind=np.frombuffer(kind, dtype=np.int16),
        kinds=kinds, evidence=evidence if e_col is not None else None,
        evidence_source=path.name, evidence_lines=np.frombuffer(lines, dtype=np.int64),
        payments=payments,
        period=np.frombuffer(period, dtype=np.int32) if p_col is not None else None,
        periods=periods,
        dates=dates if d_col is not None else None,
    )


def network_from_arrays(
    n: int, src: np.ndarray, dst: np.ndarray, weight: np.ndarray | None = None,
    ids: list[str] | None = None,
) -> Network:
    """A network from integer edge arrays (synthetic graphs): node ids are "0".."n-1" unless
    given, evidence is the row number."""
    weight = np.ones(len(src), dtype=np.float64) if weight is None else weight
    return Network(
        ids=ids if ids is not None else [str(i) for i in range(n)],
        src=src, dst=dst, weight=weight, kind=np.zeros(len(src), dtype=np.int16),
        kinds=["link"], evidence=None, evidence_source="row",
    )
