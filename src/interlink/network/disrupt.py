"""Disruption: which k actors to take out to fragment the network most, and what taking out a
chosen set ("what if these five are arrested") does to it.

Fragmentation is measured as reachability: the number of pairs of nodes still connected to
each other (Borgatti's key-player problem, KPP-Neg), with the size of the largest component
beside it. The greedy search removes, k times, the node whose removal disconnects the most
pairs. The effect of removing any one node is computed for all nodes at once from one
depth-first search (the pieces a cut vertex leaves are the subtrees below it in the DFS tree
whose low-link does not climb above it), so each of the k steps costs one pass over the graph
instead of one pass per candidate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from interlink.core.messages import invalid
from interlink.network.graph import Network

OBJECTIVES = ("reachability", "lcc")


@dataclass
class Fragmentation:
    nodes: int  # nodes left
    components: int  # connected components of two or more nodes
    largest: int  # size of the largest component
    reachable_pairs: int  # pairs of nodes connected by some path


@dataclass
class Removal:
    node: int
    after: Fragmentation


@dataclass
class DisruptionPlan:
    before: Fragmentation
    steps: list[Removal]  # in the order chosen, each with the state after it
    objective: str

    @property
    def after(self) -> Fragmentation:
        return self.steps[-1].after if self.steps else self.before


def _pairs(sizes: np.ndarray) -> int:
    sizes = sizes.astype(np.int64)
    return int((sizes * (sizes - 1) // 2).sum())


def fragmentation(net: Network, removed: Iterable[int] = ()) -> Fragmentation:
    """Components, largest component and reachable pairs once `removed` are taken out."""
    from scipy.sparse.csgraph import connected_components

    alive = np.ones(net.n, dtype=bool)
    alive[list(removed)] = False
    adj = net.adjacency[alive][:, alive]
    if adj.shape[0] == 0:
        return Fragmentation(0, 0, 0, 0)
    _count, labels = connected_components(adj, directed=False)
    sizes = np.bincount(labels)
    return Fragmentation(int(alive.sum()), int((sizes >= 2).sum()), int(sizes.max()),
                         _pairs(sizes))


def removal_effect(net: Network, nodes: Iterable[int]) -> DisruptionPlan:
    """The effect of removing a chosen set, one node after the other."""
    chosen = list(dict.fromkeys(int(i) for i in nodes))
    if not chosen:
        raise invalid("network.no_node_to_remove", "nodes")
    steps = [Removal(v, fragmentation(net, chosen[: i + 1])) for i, v in enumerate(chosen)]
    return DisruptionPlan(fragmentation(net), steps, "chosen set")


def key_players(
    net: Network,
    k: int,
    objective: str = "reachability",
    candidates: Iterable[int] | None = None,
) -> DisruptionPlan:
    """Greedily choose k nodes whose removal fragments the network most."""
    if k < 1:
        raise invalid("network.k_min", "k")
    if objective not in OBJECTIVES:
        raise invalid("network.objective", "objective", allowed=", ".join(OBJECTIVES))
    adj = net.adjacency
    indptr = adj.indptr.tolist()
    indices = adj.indices.tolist()
    alive = [True] * net.n
    allowed = None if candidates is None else {int(c) for c in candidates}
    degree = np.diff(adj.indptr)
    steps: list[Removal] = []
    removed: list[int] = []
    for _ in range(min(k, net.n)):
        loss, largest_after = _all_removals(indptr, indices, alive)
        best = None
        best_key = None
        for v in range(net.n):
            if not alive[v] or (allowed is not None and v not in allowed):
                continue
            key = ((loss[v], -largest_after[v]) if objective == "reachability"
                   else (-largest_after[v], loss[v]))
            key = (*key, int(degree[v]), -v)
            if best_key is None or key > best_key:
                best, best_key = v, key
        if best is None:
            break
        alive[best] = False
        removed.append(best)
        steps.append(Removal(best, fragmentation(net, removed)))
    return DisruptionPlan(fragmentation(net), steps, objective)


def _all_removals(indptr: list[int], indices: list[int], alive: list[bool],
                  ) -> tuple[list[int], list[int]]:
    """For every alive node: pairs disconnected by removing it, and the largest component
    left afterwards (iterative Hopcroft-Tarjan DFS)."""
    n = len(alive)
    disc = [-1] * n
    low = [0] * n
    size = [1] * n
    cut_sum = [0] * n  # nodes in the pieces cut off below v
    cut_pairs = [0] * n  # pairs inside those pieces
    cut_max = [0] * n  # largest of those pieces
    loss = [0] * n
    largest_in = [0] * n  # largest piece of v's own component after removing v
    comp_of: list[int] = [-1] * n
    comp_sizes: list[int] = []
    t = 0
    for root in range(n):
        if not alive[root] or disc[root] != -1:
            continue
        cid = len(comp_sizes)
        members = [root]
        disc[root] = low[root] = t
        t += 1
        stack = [[root, -1, indptr[root]]]
        while stack:
            frame = stack[-1]
            v, parent, ptr = frame
            if ptr < indptr[v + 1]:
                frame[2] = ptr + 1
                w = indices[ptr]
                if not alive[w]:
                    continue
                if disc[w] == -1:
                    disc[w] = low[w] = t
                    t += 1
                    members.append(w)
                    stack.append([w, v, indptr[w]])
                elif w != parent and disc[w] < low[v]:
                    low[v] = disc[w]
            else:
                stack.pop()
                if stack:
                    u = stack[-1][0]
                    if low[v] < low[u]:
                        low[u] = low[v]
                    size[u] += size[v]
                    if low[v] >= disc[u]:
                        s = size[v]
                        cut_sum[u] += s
                        cut_pairs[u] += s * (s - 1) // 2
                        if s > cut_max[u]:
                            cut_max[u] = s
        total = len(members)
        comp_sizes.append(total)
        all_pairs = total * (total - 1) // 2
        for v in members:
            comp_of[v] = cid
            rest = total - 1 - cut_sum[v]
            loss[v] = all_pairs - cut_pairs[v] - rest * (rest - 1) // 2
            largest_in[v] = max(cut_max[v], rest)
    # the largest component after removing v: its own pieces or the largest other component
    order = sorted(range(len(comp_sizes)), key=lambda c: -comp_sizes[c])
    first = order[0] if order else -1
    second_size = comp_sizes[order[1]] if len(order) > 1 else 0
    first_size = comp_sizes[first] if order else 0
    largest_after = [0] * n
    for v in range(n):
        if alive[v]:
            other = second_size if comp_of[v] == first else first_size
            largest_after[v] = max(largest_in[v], other)
    return loss, largest_after
