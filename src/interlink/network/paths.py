"""Paths between two entities (shortest and k shortest, by hops) and ego networks.

Paths count hops, as an analyst reads a link chart ("he is three steps from the supplier");
among paths of equal length the one over stronger ties (more evidence) comes first. Every hop
carries the kinds of tie and the ids of the records that prove it. The k shortest simple paths
use Yen's algorithm over a breadth-first search, so a query on a million-node graph touches
only what it needs.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np

from interlink.core.messages import invalid
from interlink.network.graph import Network


@dataclass
class Hop:
    source: int
    target: int
    kinds: list[str]
    evidence: list[str]


@dataclass
class Path:
    nodes: list[int]
    hops: list[Hop]

    @property
    def length(self) -> int:
        return len(self.hops)


class _Searcher:
    def __init__(self, net: Network) -> None:
        adj = net.adjacency
        self.indptr = adj.indptr
        self.indices = adj.indices
        self.data = adj.data
        self.net = net

    def neighbours(self, u: int) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = self.indptr[u], self.indptr[u + 1]
        return self.indices[lo:hi], self.data[lo:hi]

    def shortest(self, s: int, t: int, banned_nodes: set[int] = frozenset(),  # type: ignore[assignment]
                 banned_edges: set[tuple[int, int]] = frozenset(),  # type: ignore[assignment]
                 ) -> list[int] | None:
        """Fewest hops from s to t; among equals, the strongest first tie at each step."""
        if s in banned_nodes or t in banned_nodes:
            return None
        parent = {s: -1}
        queue = deque([s])
        while queue:
            u = queue.popleft()
            if u == t:
                break
            nbrs, weights = self.neighbours(u)
            for j in np.argsort(-weights, kind="stable"):
                x = int(nbrs[j])
                if x in parent or x in banned_nodes or (u, x) in banned_edges:
                    continue
                parent[x] = u
                queue.append(x)
        if t not in parent:
            return None
        path = [t]
        while parent[path[-1]] != -1:
            path.append(parent[path[-1]])
        return path[::-1]

    def to_path(self, nodes: list[int]) -> Path:
        hops = []
        for u, v in zip(nodes, nodes[1:], strict=False):
            kinds, evidence = self.net.edge_summary(u, v)
            hops.append(Hop(u, v, kinds, evidence))
        return Path(nodes, hops)


def shortest_paths(net: Network, source: int, target: int, k: int = 1) -> list[Path]:
    """Up to k shortest simple paths from source to target (Yen), each hop with evidence."""
    if k < 1:
        raise invalid("network.k_min", "k")
    if source == target:
        raise invalid("network.same_node", "target")
    search = _Searcher(net)
    first = search.shortest(source, target)
    if first is None:
        return []
    found: list[list[int]] = [first]
    candidates: list[list[int]] = []
    while len(found) < k:
        last = found[-1]
        for i in range(len(last) - 1):
            spur, root = last[i], last[: i + 1]
            banned_edges: set[tuple[int, int]] = set()
            for path in found:
                if path[: i + 1] == root and len(path) > i + 1:
                    banned_edges.add((path[i], path[i + 1]))
                    banned_edges.add((path[i + 1], path[i]))
            spur_path = search.shortest(spur, target, set(root[:-1]), banned_edges)
            if spur_path is not None:
                whole = root[:-1] + spur_path
                if whole not in found and whole not in candidates:
                    candidates.append(whole)
        if not candidates:
            break
        candidates.sort(key=len)
        found.append(candidates.pop(0))
    return [search.to_path(p) for p in found]


def ego_network(net: Network, centre: int, depth: int = 1, limit: int = 5000) -> Network:
    """The subgraph of everyone within `depth` hops of `centre` (at most `limit` nodes, the
    nearest first), with all the edges among them and their evidence."""
    if depth < 0:
        raise invalid("network.depth_min", "depth")
    seen = {centre: 0}
    queue = deque([centre])
    while queue and len(seen) < limit:
        u = queue.popleft()
        if seen[u] >= depth:
            continue
        for x in net.neighbours(u):
            x = int(x)
            if x not in seen:
                seen[x] = seen[u] + 1
                queue.append(x)
                if len(seen) >= limit:
                    break
    return net.subgraph(seen)
