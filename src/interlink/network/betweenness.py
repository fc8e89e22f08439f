"""Betweenness (share of shortest paths through each node) within a budget of work.

Exact (Brandes, NetworKit) up to `exact_limit` nodes. Above, sampled by source pivots drawn at
random (numpy, seeded), one at a time, each one's dependencies accumulated level by level from
a NetworKit BFS (`source_dependency`), until the estimate settles or the budget is spent,
with a cap on the pivots (NetworKit's EstimateBetweenness, in growing batches, for graphs too
deep for that):

- each pivot costs one BFS and a few passes over the ties whatever the graph's shape, so the
  budget is counted in nodes and ties visited (`VISITS_PER_S`), not read off the clock: the
  number of pivots, and so the estimate, depends on the graph alone, never on the machine's
  load, and the time is bounded by the budget at the measured rate (at least one pivot);
- KADABRA (NetworKit) bounds the error, not the time: it stops early on graphs whose hubs carry
  most shortest paths, but needs its worst-case sample count elsewhere (72 s on a 20,000-node
  random graph, and a 200,000-node preferential-attachment graph made `key-actors` take 195 s).
  It stays available as `method="kadabra"` for those who want its error bound.

The running mean over all pivots is the estimate. It has settled when the top `STABLE_TOP`
nodes are the same set, but for one node trading places at the cut, at 2^k and 2^(k+1) pivots
(the ranking is what key actors use, not the third decimal).
"""

from __future__ import annotations

import time

import numpy as np

from interlink.core.messages import invalid
from interlink.network.engine import RANDOM, single_thread, threads_for
from interlink.network.graph import Network

EXACT_LIMIT = 5000  # nodes: exact betweenness below, sampled above
BUDGET_S = 8.0  # seconds of one core for the sampled estimate, counted as work (below)
# The budget buys pivots by the work each one does (it visits every node and tie: a BFS and a
# few numpy passes), at VISITS_PER_S nodes + ties a second of one core, measured: 9.4-12.1
# million on the three 200,000-node / 1,000,000-tie shapes (preferential attachment, random,
# planted; load 9, fifteenth pass). Read off the clock instead, the pivots followed the load:
# on 20,000 nodes / 100,000 ties in six periods three runs at load 11-12 stopped at 20, 22 and
# 23 pivots and ranked three different top 20s. Counted, the answer is the same at any load;
# only the wall time grows with it. NetworKit's EstimateBetweenness (graphs too deep for the
# level-by-level pass) costs ESTIMATE_COST times as much a pivot: 6-10 s of CPU against
# 1.2-1.5 s at 10,000,000 ties, 0.38-0.46 against 0.13-0.17 at 1,000,000
VISITS_PER_S = 10_000_000
ESTIMATE_COST = 5
MAX_PIVOTS = 1024
SETTLE_PIVOTS = 16  # pivots before the estimate may be called settled
STABLE_TOP = 20
SEED = 42
# Each pivot's dependencies are accumulated level by level in numpy from a NetworKit BFS
# (`source_dependency`), not by EstimateBetweenness: on a million nodes / ten million edges its
# one pivot took 6-10 s of CPU against 1.2-1.5 s (its predecessor lists), on 200,000 / 1,000,000
# 0.38-0.46 s against 0.13-0.17 s, the same on a twelfth of that; and its pivots are drawn by
# numpy, not from NetworKit's one seed, so that threads of ours (periods, Leiden) can run
# beside it. EstimateBetweenness remains for graphs too deep for one numpy pass per level.
MAX_LEVELS = 2_000  # BFS levels: deeper (a long chain), one numpy pass per level costs too much


def betweenness(
    net: Network, exact_limit: int = EXACT_LIMIT, method: str = "auto",
    budget_s: float = BUDGET_S,
) -> tuple[np.ndarray, str]:
    """Per node, the share of shortest paths between pairs of other nodes through it
    (normalised as NetworkX does), and a line saying how it was computed."""
    import networkit as nk

    if net.n < 3 or len(net.pairs[0]) == 0:
        return np.zeros(net.n), "none"
    graph = net.to_networkit(weighted=False)
    edges = graph.numberOfEdges()
    if net.n <= exact_limit:
        algo = nk.centrality.Betweenness(graph, normalized=True)
        with threads_for(edges):
            algo.run()
        return np.asarray(algo.scores()), "exact (Brandes)"
    if method == "kadabra":
        algo = nk.centrality.KadabraBetweenness(graph, 0.01, 0.1)
        with threads_for(edges), RANDOM:
            algo.run()
        return np.asarray(algo.scores()), "sampled (KADABRA, error 0.01, confidence 0.9)"
    if method not in ("auto", "pivots"):
        raise invalid("network.betweenness_method", "betweenness", value=method)
    a, b, _w = net.pairs
    found = _array_pivots(graph, a, b, net.n, budget_s)
    return found if found is not None else _pivots(graph, edges, budget_s)


def source_dependency(graph: object, a: np.ndarray, b: np.ndarray, n: int, s: int,
                      ) -> np.ndarray | None:
    """Brandes's dependency of every node on source `s` (the share of the shortest paths from
    s to every other node through it, summed), from the simple graph's pairs (a, b) and a
    NetworKit BFS of `graph` (its distances only): the ties between consecutive levels are
    the shortest-path DAG; path counts go down it level by level, dependencies back up.
    None when the BFS is deeper than MAX_LEVELS."""
    import networkit as nk

    bfs = nk.distance.BFS(graph, s, storePaths=False)
    bfs.run()
    dist = np.asarray(bfs.getDistances())
    # a node not reached is at the largest double (not infinity): -2 for it
    level = np.where(dist < n, dist, -2).astype(np.int32)
    deepest = int(level.max())
    if deepest > MAX_LEVELS:
        return None
    la, lb = level[a], level[b]
    down = (lb == la + 1) & (la >= 0)  # a is one level above b: a is b's predecessor
    up = (la == lb + 1) & (lb >= 0)
    parent = np.concatenate([a[down], b[up]])
    child = np.concatenate([b[down], a[up]])
    del la, lb, down, up
    # by the child's level (a radix sort: levels fit in 16 bits)
    order = np.argsort(level[child].astype(np.int16), kind="stable")
    parent, child = parent[order], child[order]
    bounds = np.searchsorted(level[child], np.arange(1, deepest + 2))
    sigma = np.zeros(n)
    sigma[s] = 1.0
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):  # levels 1, 2, ... down
        np.add.at(sigma, child[lo:hi], sigma[parent[lo:hi]])
    delta = np.zeros(n)
    for lo, hi in zip(bounds[-2::-1], bounds[:0:-1], strict=True):  # deepest level first
        p, c = parent[lo:hi], child[lo:hi]
        np.add.at(delta, p, sigma[p] / sigma[c] * (1.0 + delta[c]))
    delta[s] = 0.0
    return delta


def _array_pivots(graph: object, a: np.ndarray, b: np.ndarray, n: int, budget_s: float,
                  ) -> tuple[np.ndarray, str] | None:
    """Sampled betweenness from source pivots drawn at random (seeded), one at a time by
    `source_dependency`, until the top settles, the cap or the budget (`pivots_within`):
    the estimate is n / pivots times the summed dependencies, normalised as NetworkX does
    (over (n - 1)(n - 2) ordered pairs). None when the graph is too deep for it."""
    start = time.perf_counter()
    allowed = pivots_within(budget_s, n + len(a))
    rng = np.random.default_rng(SEED)
    total = np.zeros(n)
    done = 0
    top_before: set[int] | None = None
    stable = deep = False
    while True:
        dependency = source_dependency(graph, a, b, n, int(rng.integers(n)))
        if dependency is None:
            if done == 0:
                return None
            deep = True
            break
        total += dependency
        done += 1
        if done & (done - 1) == 0:  # at 1, 2, 4, 8, ... pivots, as NetworKit's batches double
            keep = min(STABLE_TOP, n - 1)
            top = set(np.argsort(-total, kind="stable")[:keep].tolist())
            # settled: at most one node in or out of the top at the cut (near-equal nodes
            # trading the last place; on a 600-node preferential-attachment graph the exact
            # set was never the same twice in 1,024 pivots, one swap from 128 on)
            stable = (top_before is not None and len(top ^ top_before) <= 2
                      and done >= SETTLE_PIVOTS)
            top_before = top
        if stable or done >= allowed:
            break
    why = ("settled" if stable else "a source too deep" if deep
           else "cap" if done >= MAX_PIVOTS else "budget")
    scores = total * (n / done) / max((n - 1) * (n - 2), 1)
    elapsed = time.perf_counter() - start  # said, not used: the pivots do not depend on it
    return scores, (f"sampled ({done} source pivots in {elapsed:.1f} s, stopped by {why}; "
                    "dependencies accumulated level by level)")


def pivots_within(budget_s: float, visits: int, cost: float = 1.0) -> int:
    """The source pivots `budget_s` seconds of one core buy on a graph whose pivot visits
    `visits` nodes and ties (`cost` times the level-by-level pass's work a visit): fixed by
    the graph, not by the clock, so the estimate does not depend on the load. At least one,
    at most MAX_PIVOTS."""
    return int(min(MAX_PIVOTS, max(1, budget_s * VISITS_PER_S // (max(visits, 1) * cost))))


def _pivots(graph: object, edges: int, budget_s: float) -> tuple[np.ndarray, str]:
    """NetworKit's EstimateBetweenness, for graphs too deep for the level-by-level pass: in
    batches of 1, 1, 2, 4, ... pivots until the top settles or the budget's pivots are done.
    Each batch runs on one thread: run in parallel, each thread draws its own pivots and the
    estimate depends on how many threads there are (a period scored in a thread of ours has
    one, the whole network all the cores)."""
    import networkit as nk

    start = time.perf_counter()
    total: np.ndarray | None = None
    done = 0
    allowed = pivots_within(budget_s, graph.numberOfNodes() + edges,  # type: ignore[attr-defined]
                            ESTIMATE_COST)
    batch = 1
    top_before: set[int] | None = None
    stable = False
    rounds = 0
    with single_thread():
        while True:
            algo = nk.centrality.EstimateBetweenness(graph, batch, True, False)
            with RANDOM:  # seeded and run without another thread reseeding in between
                nk.setSeed(SEED + rounds, False)
                algo.run()
            scores = np.asarray(algo.scores()) * batch
            total = scores if total is None else total + scores
            done += batch
            rounds += 1
            top = set(np.argsort(-total, kind="stable")[:STABLE_TOP].tolist())
            stable = top_before is not None and top == top_before and done >= SETTLE_PIVOTS
            top_before = top
            if stable or done >= allowed:
                break
            # double the pivots, within what is left of the budget (and so of the cap)
            batch = min(done, allowed - done)
    assert total is not None
    elapsed = time.perf_counter() - start
    why = "settled" if stable else ("cap" if done >= MAX_PIVOTS else "budget")
    return total / done, (f"sampled ({done} source pivots in {elapsed:.1f} s, stopped by "
                          f"{why})")
