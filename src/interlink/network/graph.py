"""The network: nodes with their source records, and typed, weighted edges with evidence.

Edges are kept one row per piece of evidence (a Family record, a call, a payment, a row of an
edges file), in numpy arrays so that a ten-million-edge graph costs a few hundred megabytes,
not gigabytes of Python objects. Algorithms run on an aggregated simple graph (one edge per
pair of nodes, weights summed) that is built once and cached; evidence for a hop is looked up
back in the rows, so every finding can cite the records it comes from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from interlink.core.messages import invalid
from interlink.network.engine import single_thread

if TYPE_CHECKING:
    import networkit as nk
    from scipy.sparse import csr_matrix

EVIDENCE_SEP = ";"


@dataclass(frozen=True, slots=True)
class PaymentFact:
    """A payment as the money analysis sees it: between accounts where known (else parties)."""

    id: str
    records: tuple[str, ...]
    source: int  # node index of the paying account, or of the payer
    target: int  # node index of the receiving account, or of the beneficiary
    amount: float | None
    currency: str
    date: str  # ISO 8601, "" when unknown


@dataclass(frozen=True, slots=True)
class RouteFact:
    """One movement between countries: a seizure's route, a trip, a payment across borders."""

    kind: str  # "seizure", "trip", "payment"
    commodity: str  # what moved: cocaine, cannabis_resin, ..., "people", or a currency
    countries: tuple[str, ...]  # origin, transit..., destination (ISO alpha-2, lower case)
    quantity: float | None
    unit: str
    date: str
    records: tuple[str, ...]


@dataclass
class Network:
    """Nodes and evidence rows. Build with `interlink.network.build` or `edgefile`."""

    ids: list[str]
    src: np.ndarray
    dst: np.ndarray
    weight: np.ndarray
    kind: np.ndarray  # index into `kinds`
    kinds: list[str]
    evidence: list[str] | None = None  # per row, record ids joined by ";"
    evidence_source: str = ""  # when `evidence` is None: the file (or "row") rows come from
    evidence_lines: np.ndarray | None = None  # ... and the line of each row in that file
    labels: list[str] | None = None
    schemata: list[str] | None = None
    countries: list[str] | None = None  # per node, ISO codes joined by ";"
    records: list[tuple[str, ...]] | None = None  # per node, its source records
    topics: list[str] | None = None  # per node, FtM topics joined by ";"
    payments: list[PaymentFact] = field(default_factory=list)
    routes: list[RouteFact] = field(default_factory=list)
    # Node -> accounts it holds (for "follow the money from a person").
    holdings: dict[int, set[int]] = field(default_factory=dict)
    # Repeated evidence of one kind between two nodes counts with diminishing returns
    # (weight x (1 + ln count)): thirty calls between a logistician and a driver do not tie
    # them thirty times more than a marriage ties a couple. Graphs built from records use
    # it; a file's weights are summed as given.
    damped: bool = False
    # Per row, its period (index into `periods`; -1: none): an edges file's `period` column,
    # e.g. the wiretap phase or the quarter. Key actors are then ranked in each period and
    # their role scores averaged (`actors.key_actors`): a boss who holds his cell in every
    # phase outranks one who shows up in a single busy phase of the summed graph.
    period: np.ndarray | None = None
    periods: list[str] = field(default_factory=list)
    # Per row, the date its evidence carries (ISO 8601; "" when none: a family tie, a shared
    # phone): a call's, a payment's, a meeting's, a relation's start. `periods_from_dates`
    # turns them into periods when the analyst asks for them.
    dates: list[str] | None = None

    def __post_init__(self) -> None:
        self.src = np.asarray(self.src, dtype=np.int64)
        self.dst = np.asarray(self.dst, dtype=np.int64)
        self.weight = np.asarray(self.weight, dtype=np.float64)
        self.kind = np.asarray(self.kind, dtype=np.int16)
        if not (len(self.src) == len(self.dst) == len(self.weight) == len(self.kind)):
            raise ValueError("edge arrays differ in length")
        if self.period is not None:
            self.period = np.asarray(self.period, dtype=np.int32)
            if len(self.period) != len(self.src):
                raise ValueError("edge arrays differ in length")

    # -- nodes ------------------------------------------------------------------------------

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def m(self) -> int:
        """Evidence rows (not distinct pairs: see `pairs`)."""
        return len(self.src)

    @cached_property
    def index(self) -> dict[str, int]:
        return {node: i for i, node in enumerate(self.ids)}

    def label(self, i: int) -> str:
        if self.labels is not None and self.labels[i]:
            return self.labels[i]
        return self.ids[i]

    def schema(self, i: int) -> str:
        return self.schemata[i] if self.schemata is not None else ""

    def node_records(self, i: int) -> tuple[str, ...]:
        return self.records[i] if self.records is not None else ()

    def node_countries(self, i: int) -> list[str]:
        if self.countries is None or not self.countries[i]:
            return []
        return self.countries[i].split(EVIDENCE_SEP)

    def node_topics(self, i: int) -> list[str]:
        if self.topics is None or not self.topics[i]:
            return []
        return self.topics[i].split(EVIDENCE_SEP)

    def find(self, ref: str) -> int:
        """A node by id, by one of its source records, or by its exact label (if unique)."""
        ref = ref.strip()
        found = self.index.get(ref)
        if found is not None:
            return found
        if self.records is not None:
            for i, recs in enumerate(self.records):
                if ref in recs:
                    return i
        if self.labels is not None:
            folded = ref.casefold()
            hits = [i for i, lab in enumerate(self.labels) if lab.casefold() == folded]
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                ids = ", ".join(self.ids[i] for i in hits[:5])
                raise invalid("network.ambiguous_node", "ref", value=ref, n=len(hits), ids=ids)
        raise invalid("network.no_node", "ref", value=ref)

    # -- edges ------------------------------------------------------------------------------

    def row_evidence(self, row: int) -> tuple[str, ...]:
        if self.evidence is not None:
            return tuple(self.evidence[row].split(EVIDENCE_SEP))
        source = self.evidence_source or "row"
        if self.evidence_lines is not None:
            return (f"{source}:{int(self.evidence_lines[row])}",)
        return (f"{source}#{row}",)

    def row_kind(self, row: int) -> str:
        return self.kinds[int(self.kind[row])]

    @cached_property
    def pairs(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The simple undirected graph: (a, b, weight) with a < b, parallel rows summed and
        self-loops dropped (a person calling his own second phone ties him to nobody).
        Sorted by (a, b), which `to_networkit` and `adjacency` build on without sorting again."""
        a = np.minimum(self.src, self.dst)
        b = np.maximum(self.src, self.dst)
        keep = a != b
        n = np.int64(max(self.n, 1))
        if keep.all():  # no self-loop (the usual case): no copies through the mask
            key, weight, kind = a * n + b, self.weight, self.kind
        else:
            key, weight, kind = a[keep] * n + b[keep], self.weight[keep], self.kind[keep]
        del a, b
        if self.damped and len(key):
            kinds = np.int64(max(len(self.kinds), 1))
            by_kind, total, count = group_sum(key * kinds + kind, weight,
                                              int(n) * int(n) * int(kinds))
            weight = total / count * (1.0 + np.log(count))
            key = by_kind // kinds
        uniq, w, _count = group_sum(key, weight, int(n) * int(n))
        first, second = np.divmod(uniq, n)
        return first, second, w

    @cached_property
    def _row_lookup(self) -> tuple[np.ndarray, np.ndarray]:
        a = np.minimum(self.src, self.dst)
        b = np.maximum(self.src, self.dst)
        key = a * np.int64(max(self.n, 1)) + b
        order = np.argsort(key, kind="stable")
        return key[order], order

    def rows_between(self, u: int, v: int) -> list[int]:
        """The evidence rows of the edge u-v (either direction)."""
        a, b = min(u, v), max(u, v)
        key = np.int64(a) * np.int64(max(self.n, 1)) + np.int64(b)
        keys, order = self._row_lookup
        lo = int(np.searchsorted(keys, key, side="left"))
        hi = int(np.searchsorted(keys, key, side="right"))
        return sorted(int(r) for r in order[lo:hi])

    def edge_summary(self, u: int, v: int) -> tuple[list[str], list[str]]:
        """Kinds (most common first) and evidence ids of the edge u-v."""
        counts: dict[str, int] = {}
        evidence: list[str] = []
        for row in self.rows_between(u, v):
            kind = self.row_kind(row)
            counts[kind] = counts.get(kind, 0) + 1
            evidence.extend(self.row_evidence(row))
        kinds = sorted(counts, key=lambda k: -counts[k])
        return kinds, list(dict.fromkeys(evidence))

    @cached_property
    def adjacency(self) -> csr_matrix:
        """Symmetric CSR matrix of the simple graph (weights summed)."""
        from scipy.sparse import csr_matrix

        a, b, w = self.pairs
        # the lower triangle's entries first, then the upper's: with the pairs sorted by
        # (a, b), scipy's counting sort by row then leaves every row's columns in order, so
        # the matrix needs no sort of its twenty million entries at ten million edges
        rows = np.concatenate([b, a])
        cols = np.concatenate([a, b])
        data = np.concatenate([w, w])
        return csr_matrix((data, (rows, cols)), shape=(self.n, self.n))

    def neighbours(self, i: int) -> np.ndarray:
        adj = self.adjacency
        return adj.indices[adj.indptr[i] : adj.indptr[i + 1]]

    def to_networkit(self, weighted: bool = True) -> nk.Graph:
        """An undirected NetworKit graph of the simple graph (cached per weighting)."""
        return self._nk_weighted if weighted else self._nk_unweighted

    @cached_property
    def _nk_weighted(self) -> nk.Graph:
        return self._make_nk(True)

    @cached_property
    def _nk_unweighted(self) -> nk.Graph:
        import networkit as nk

        # copying the weighted graph without weights takes 0.1 s where building another
        # from the edge arrays takes 2 s (3M edges); a network that was never asked for its
        # weighted graph (a period's, scored for its k-core) is built unweighted at once
        if "_nk_weighted" not in self.__dict__:
            return self._make_nk(False)
        with single_thread():  # a copy in the weighted graph's order (see `_make_nk`)
            return nk.graphtools.toUnweighted(self._nk_weighted)

    def _make_nk(self, weighted: bool) -> nk.Graph:
        import networkit as nk

        a, b, w = self.pairs
        if not weighted:
            w = np.ones(len(a), dtype=np.float64)
        if len(a) == 0:  # NetworKit refuses empty arrays ("invalid input format")
            return nk.Graph(self.n, weighted=weighted, directed=False)
        # from a CSR matrix of the upper triangle (each edge once), not from COO: on a random
        # graph of 1,000,000 nodes / 10,000,000 edges GraphFromCoo took 13 s of CPU (20-36 s
        # wall on the shared machine) and GraphFromCsr 1.7 s (2.9 s), the same graph. The
        # pairs are sorted by (a, b): the matrix's arrays are theirs as they are, not sorted
        # again by scipy (1.5-4 s at ten million edges).
        # On one thread: built by two, each node's neighbours come in the order the threads
        # happened to add them (61 builds of 1,500 of a 584-edge graph under load differed),
        # and Leiden, which visits neighbours in that order, then found another partition:
        # key actors changed with the load (fifteenth pass). One thread lists them in the
        # CSR's order, ascending, every time; at 10,000,000 edges 4.8-7.1 s of wall against
        # 4.5 s on two threads (load 10)
        with single_thread():
            return nk.GraphFromCsr(_upper_csr(self.n, a, b, w), directed=False,
                                   weighted=weighted)

    # -- subgraphs --------------------------------------------------------------------------

    def subgraph(self, nodes: Iterable[int]) -> Network:
        """The induced subgraph on `nodes` (indices), keeping evidence, payments and routes."""
        keep = sorted(set(int(i) for i in nodes))
        remap = np.full(self.n, -1, dtype=np.int64)
        remap[keep] = np.arange(len(keep))
        rows = (remap[self.src] >= 0) & (remap[self.dst] >= 0)
        pick = np.nonzero(rows)[0]

        def take(values: Sequence | None) -> list | None:
            return None if values is None else [values[i] for i in keep]

        payments = [
            PaymentFact(p.id, p.records, int(remap[p.source]), int(remap[p.target]),
                        p.amount, p.currency, p.date)
            for p in self.payments
            if remap[p.source] >= 0 and remap[p.target] >= 0
        ]
        holdings = {
            int(remap[k]): {int(remap[x]) for x in v if remap[x] >= 0}
            for k, v in self.holdings.items()
            if remap[k] >= 0
        }
        # evidence is spelled out per row, so a subgraph of a file-built network still cites
        # the lines of the original file
        evidence = [EVIDENCE_SEP.join(self.row_evidence(int(r))) for r in pick]
        return Network(
            ids=[self.ids[i] for i in keep],
            src=remap[self.src[pick]], dst=remap[self.dst[pick]],
            weight=self.weight[pick], kind=self.kind[pick], kinds=list(self.kinds),
            evidence=evidence, labels=take(self.labels), schemata=take(self.schemata),
            countries=take(self.countries), records=take(self.records),
            topics=take(self.topics), payments=payments, routes=list(self.routes),
            holdings=holdings, damped=self.damped,
            period=self.period[pick] if self.period is not None else None,
            periods=list(self.periods),
            dates=[self.dates[int(r)] for r in pick] if self.dates is not None else None,
        )

    def periods_from_dates(self, by: str = "quarter") -> Network:
        """Give each row the period its date falls in (`by`: "month", "quarter", "half" or
        "year"; labels "2008-03", "2008-Q1", "2008-H1", "2008", in time order), so that key
        actors are ranked per period as with an edges file's `period` column. A row without a
        date holds in every period. Periods from the records' own dates: who leads a cell
        quarter after quarter, not who one busy quarter makes central. In place; returns the
        network. Without any dated row the network is left without periods."""
        if by not in PERIOD_UNITS:
            raise invalid("network.period_unit", "periods", value=by,
                          expected=", ".join(PERIOD_UNITS))
        labels = [_period_label(d, by) for d in self.dates] if self.dates else []
        periods = sorted({x for x in labels if x})
        if not periods:
            self.period, self.periods = None, []
            return self
        code = {x: i for i, x in enumerate(periods)}
        self.period = np.array([code[x] if x else -1 for x in labels], dtype=np.int32)
        self.periods = periods
        return self

    def in_period(self, p: int) -> tuple[Network, np.ndarray]:
        """The rows of period `p` (an index into `periods`), and the rows without a period
        (a family tie, a shared document holds throughout), on the nodes they touch; and
        those nodes' indices here (ascending), to put scores back in line across periods.
        Evidence, payments and routes are left out: a period's network is for scoring, the
        reasons cite the whole network. Only the period's nodes, not all: twelve periods of
        a 200,000-node graph would each carry the nodes the others use."""
        if self.period is None:
            raise ValueError("the network has no periods")
        rows = np.flatnonzero((self.period == p) | (self.period < 0))
        src, dst = self.src[rows], self.dst[rows]
        # the nodes touched, ascending, and each one's number among them, by a mark per node
        # and a running count: no sort (np.unique with its inverse sorted 1.7 million ids per
        # period of ten million edges)
        touched = np.zeros(self.n, dtype=bool)
        touched[src] = True
        touched[dst] = True
        nodes = np.flatnonzero(touched)
        number = np.cumsum(touched, dtype=np.int64) - 1
        pick = nodes.tolist()
        ids = [self.ids[i] for i in pick]
        return Network(
            ids=ids, src=number[src], dst=number[dst],
            weight=self.weight[rows], kind=self.kind[rows], kinds=self.kinds,
            labels=[self.labels[i] for i in pick] if self.labels is not None else None,
            schemata=[self.schemata[i] for i in pick] if self.schemata is not None else None,
            damped=self.damped), nodes

    def summary(self) -> dict[str, int]:
        a, _, _ = self.pairs
        return {"nodes": self.n, "edges": int(len(a)), "evidence_rows": self.m,
                "payments": len(self.payments), "routes": len(self.routes)}


PERIOD_UNITS = ("month", "quarter", "half", "year")


def _period_label(day: str, by: str) -> str:
    """The period an ISO 8601 date ("2008-03-14", "2008-03", "2008", with a time or not)
    falls in, "" when it says too little (a year alone has no quarter) or is no date."""
    day = day.strip()
    year = day[:4]
    if len(year) < 4 or not year.isdigit():
        return ""
    if by == "year":
        return year
    month = day[5:7]
    if len(day) < 7 or day[4] != "-" or not month.isdigit() or not 1 <= int(month) <= 12:
        return ""
    if by == "month":
        return f"{year}-{month}"
    if by == "quarter":
        return f"{year}-Q{(int(month) - 1) // 3 + 1}"
    return f"{year}-H{(int(month) - 1) // 6 + 1}"


def distinct(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of an integer array, sorted, and how many times each occurs.

    `np.unique` without `return_inverse` hashes in this numpy (2.4): 31 s of CPU for twenty
    million random int64 on the shared machine, where a sort and a comparison of neighbours
    take 1.4 s. Graph code calls this instead."""
    if len(keys) == 0:
        return np.asarray(keys, dtype=np.int64), np.zeros(0, dtype=np.int64)
    ordered = np.sort(keys)
    starts = np.flatnonzero(_firsts(ordered))
    return ordered[starts], np.diff(np.append(starts, len(ordered)))


def _firsts(ordered: np.ndarray) -> np.ndarray:
    """True where a sorted array's value differs from the one before (and at 0)."""
    first = np.empty(len(ordered), dtype=bool)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return first


def group_sum(key: np.ndarray, weight: np.ndarray, bound: int,
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct keys (sorted), the sum of the weights of each and how many rows it has.

    Done by one sort, not `np.unique(return_inverse=True)` (an argsort, 5-8 s for ten million
    keys on the shared machine, against 1.4 s for a sort): equal weights (a file without a
    weight column, a synthetic graph) need only the keys sorted; else each key is packed with
    its row number into one unsigned 64-bit word when `bound` (keys are below it) leaves room,
    so one sort orders the rows by key, ties in row order; a stable argsort where it does not.
    Each key's weights are summed in row order, as `np.bincount` did before: the sums are the
    same to the last bit."""
    rows = len(key)
    if rows == 0:
        return key.astype(np.int64), np.zeros(0), np.zeros(0, dtype=np.int64)
    if weight.min() == weight.max():  # one weight: the order of the rows does not matter
        keys = np.sort(key)
        weights = np.broadcast_to(weight[:1], (rows,))
    else:
        row_bits = max(int(rows - 1).bit_length(), 1)
        if bound > 0 and (bound - 1).bit_length() + row_bits <= 64:
            packed = (key.astype(np.uint64) << np.uint64(row_bits)) | np.arange(
                rows, dtype=np.uint64)
            packed.sort()
            order = (packed & np.uint64((1 << row_bits) - 1)).astype(np.int64)
            keys = (packed >> np.uint64(row_bits)).astype(np.int64)
            del packed
        else:
            order = np.argsort(key, kind="stable")
            keys = key[order]
        weights = weight[order]
    first = _firsts(keys)
    if first.all():  # no repeated key: nothing to sum
        return keys, np.array(weights, dtype=np.float64), np.ones(rows, dtype=np.int64)
    starts = np.flatnonzero(first)
    counts = np.diff(np.append(starts, rows))
    group = np.cumsum(first) - 1
    sums = np.bincount(group, weights=weights, minlength=len(starts))
    return keys[starts], sums, counts


def _upper_csr(n: int, a: np.ndarray, b: np.ndarray, w: np.ndarray) -> csr_matrix:
    """The CSR matrix of pairs (a, b, w) already sorted by (a, b), a < b: row pointers from
    the count of each row, the columns and weights as they are (no COO conversion, no sort)."""
    from scipy.sparse import csr_matrix

    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(a, minlength=n), out=indptr[1:])
    return csr_matrix((w, b, indptr), shape=(n, n))
