"""Clustering scored pairs into entities, with analysts' judgements on top.

Pairs above the threshold are joined with a union-find, strongest first. Judgements weigh more
than scores: every active "same" is joined before any score, and an active "different" between
two records forbids any join that would put them in one entity, however strong the scores
along the way (the edge that would close the gap is skipped). Skipping edges strongest-first is
the greedy rule nomenklatura's resolver applies to negative judgements as well: it keeps the
best-supported merges and leaves the weakest link out.

When there is no judgement at all (the batch CSV path, the benchmarks) clustering is plain
connected components, done by scipy in compiled code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components


def components(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Component label of each of n nodes joined by the edges (left[i], right[i])."""
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    data = np.ones(len(left), dtype=np.int8)
    graph = coo_matrix((data, (left, right)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return labels.astype(np.int64)


def one_per_source(n: int, left: np.ndarray, right: np.ndarray, weight: np.ndarray,
                   source: np.ndarray) -> np.ndarray:
    """Components when linking only: each input holds no duplicates, so an entity holds at
    most one record of each source. Pairs are joined strongest first and a pair that would put
    two records of one source together is skipped: of two namesakes in one file, the one whose
    birth date also agrees wins the record of the other file, and the namesake stays alone
    (instead of all three joining through the shared name).

    Pairs of a component that holds at most one record of each source (most of them, in a
    clean linkage) cannot conflict and are joined in bulk; only the components where two
    records of one source meet go through the union-find loop."""
    if len(left) == 0:
        return components(n, left, right)
    label = components(n, left, right)
    code = source.astype(np.int64) + 1  # -1 (no source) is a source of its own
    n_src = int(code.max()) + 1
    per_source = np.bincount(label * n_src + code, minlength=(int(label.max()) + 1) * n_src)
    clash = per_source.reshape(-1, n_src).max(axis=1) > 1
    simple = ~clash[label[left]]
    rest = np.flatnonzero(~simple)
    rest = rest[np.argsort(-weight[rest], kind="stable")]
    parent = list(range(n))
    seen: dict[int, set[int]] = {}

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    src = source.tolist()
    kept = [int(k) for k in np.flatnonzero(simple)]
    for a, b, k in zip(left[rest].tolist(), right[rest].tolist(), rest.tolist(), strict=True):
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        sa = seen.get(ra) or {src[ra]}
        sb = seen.get(rb) or {src[rb]}
        if sa & sb:
            continue
        parent[rb] = ra
        seen[ra] = sa | sb
        seen.pop(rb, None)
        kept.append(k)
    idx = np.asarray(kept, dtype=np.int64)
    return components(n, left[idx], right[idx])


class UnionFind:
    """Union-find over hashable keys that remembers which groups must stay apart."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.apart: dict[str, set[str]] = {}  # root -> roots it must not join

    def find(self, x: str) -> str:
        parent = self.parent
        root = parent.setdefault(x, x)
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    def keep_apart(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        self.apart.setdefault(ra, set()).add(rb)
        self.apart.setdefault(rb, set()).add(ra)

    def may_join(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        return ra == rb or rb not in self.apart.get(ra, ())

    def union(self, a: str, b: str) -> bool:
        """Join a and b unless kept apart; True when they are (now) together."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if rb in self.apart.get(ra, ()):
            return False
        self.parent[rb] = ra
        moved = self.apart.pop(rb, set())
        if moved:
            self.apart.setdefault(ra, set()).update(moved)
            for other in moved:
                peers = self.apart[other]
                peers.discard(rb)
                peers.add(ra)
        return True


def cluster_with_judgements(
    scored: Iterable[tuple[str, str, float]],
    same: Sequence[tuple[str, str]] = (),
    different: Sequence[tuple[str, str]] = (),
) -> UnionFind:
    """Union-find of records: "same" judgements first, then "different" constraints, then
    scored pairs strongest first, each skipped if it would join what must stay apart."""
    uf = UnionFind()
    for a, b in same:
        uf.union(a, b)
    for a, b in different:
        uf.keep_apart(a, b)
    for a, b, _ in sorted(scored, key=lambda t: -t[2]):
        uf.union(a, b)
    return uf
