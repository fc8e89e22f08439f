"""Key actors: who holds the network together, with a reason an analyst can check.

Four measures, each catching a different kind of importance:
- degree (distinct ties) and strength (weighted ties): the busy hubs, a cell's leader;
- weighted PageRank: tied to those who are themselves well tied;
- betweenness (share of shortest paths through the actor; hop counts): the go-between.
  Exact (Brandes) up to `exact_limit` nodes, sampled above (KADABRA on graphs with hubs,
  source pivots on graphs without), so a million-node graph takes seconds, not hours;
- brokerage: how many other communities (cells) the actor has direct ties into.

The combined score is a weighted mean of the four, each scaled to its maximum, and every actor
gets a reason spelling out the facts behind its rank.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass

import numpy as np

from interlink.core.errors import InvalidInput
from interlink.network.communities import Communities, detect_communities
from interlink.network.engine import threads_for
from interlink.network.graph import Network

EXACT_LIMIT = 5000  # nodes: exact betweenness below, sampled above
PAIR_SHARE_LIMIT = 3000  # nodes: "X% of shortest paths between A and B" computed below
MIN_CELL = 3  # communities smaller than this are stragglers, not cells to bridge
HUB_RATIO = 20  # largest degree / mean degree from which KADABRA is used
PIVOT_BUDGET = 60_000_000  # edges x pivots: 6 pivots on 10M edges, 512 under 120,000
MIN_PIVOTS, MAX_PIVOTS = 8, 512
MIX = {"pagerank": 0.3, "betweenness": 0.3, "strength": 0.2, "brokerage": 0.2}


@dataclass
class ActorScore:
    rank: int
    node: int
    id: str
    label: str
    score: float
    degree: int
    strength: float
    pagerank: float
    betweenness: float
    brokerage: int  # other communities tied into
    community: int
    reason: str = ""


@dataclass
class KeyActors:
    actors: list[ActorScore]  # best first
    communities: Communities
    betweenness_method: str
    pagerank: np.ndarray
    betweenness: np.ndarray


def _pagerank(net: Network) -> np.ndarray:
    import networkit as nk

    if net.n == 0:
        return np.zeros(0)
    graph = net.to_networkit(weighted=True)
    # isolated nodes (sinks) spread their rank over all nodes, as in NetworkX and the usual
    # Markov-chain definition, so scores sum to 1 and match a reference implementation
    pr = nk.centrality.PageRank(graph, damp=0.85, tol=1e-8,
                                distributeSinks=nk.centrality.SinkHandling.DistributeSinks)
    with threads_for(graph.numberOfEdges()):
        pr.run()
    scores = np.asarray(pr.scores())
    # NetworKit leaves out the mass of isolated nodes; rescaled to sum 1 the scores equal
    # NetworkX's pagerank to 1e-10 (tested)
    total = scores.sum()
    return scores / total if total > 0 else scores


def _betweenness(net: Network, exact_limit: int, method: str = "auto",
                 ) -> tuple[np.ndarray, str]:
    """Share of shortest paths (between pairs of other nodes) through each node.

    Exact (Brandes) up to `exact_limit` nodes. Above, sampled, by one of two NetworKit kernels
    (`method` "auto" picks by the graph's degrees):
    - KADABRA bounds the error (0.01, confidence 0.9). Its sampling stops early when a few hubs
      carry most shortest paths, as in criminal and social networks: 17 s on the benchmark's
      1,000,000-node graph with hubs. Without hubs it needs its worst-case sample count: 72 s
      on a 20,000-node random graph.
    - Source pivots (EstimateBetweenness) cost pivots x one BFS whatever the graph: the time is
      predictable, the estimate coarser (8 pivots on 10,000,000 edges share 9 of KADABRA's top
      20 on that graph).
    So KADABRA runs where the largest degree is at least HUB_RATIO times the mean, pivots
    elsewhere.
    """
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
    if method == "auto":
        a, b, _ = net.pairs
        degree = np.bincount(a, minlength=net.n) + np.bincount(b, minlength=net.n)
        method = "kadabra" if degree.max() >= HUB_RATIO * degree.mean() else "pivots"
    if method == "kadabra":
        algo = nk.centrality.KadabraBetweenness(graph, 0.01, 0.1)
        with threads_for(edges):
            algo.run()
        return np.asarray(algo.scores()), "sampled (KADABRA, error 0.01, confidence 0.9)"
    if method != "pivots":
        raise InvalidInput(f"unknown betweenness method {method!r} (auto, kadabra, pivots)")
    pivots = int(min(MAX_PIVOTS, max(MIN_PIVOTS, PIVOT_BUDGET // max(edges, 1))))
    algo = nk.centrality.EstimateBetweenness(graph, pivots, True, True)
    with threads_for(edges):
        algo.run()
    return np.asarray(algo.scores()), f"sampled ({pivots} source pivots)"


def brokerage(net: Network, membership: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per node: number of other cells (communities of MIN_CELL or more) it has direct ties
    into, and the share of its tie weight that goes outside its own community."""
    a, b, w = net.pairs
    n = net.n
    sizes = np.bincount(membership, minlength=1) if n else np.zeros(0, dtype=np.int64)
    cross = membership[a] != membership[b]
    ca, cb, wc = a[cross], b[cross], w[cross]
    nodes = np.concatenate([ca, cb])
    other = np.concatenate([membership[cb], membership[ca]])
    big = sizes[other] >= MIN_CELL
    key = np.unique(nodes[big] * np.int64(max(len(sizes), 1)) + other[big])
    count = np.bincount(key // max(len(sizes), 1), minlength=n).astype(np.int64)
    strength = np.bincount(a, weights=w, minlength=n) + np.bincount(b, weights=w, minlength=n)
    external = np.bincount(ca, weights=wc, minlength=n) + np.bincount(cb, weights=wc,
                                                                      minlength=n)
    share = np.divide(external, strength, out=np.zeros(n), where=strength > 0)
    return count, share


def key_actors(
    net: Network,
    top: int | None = 20,
    communities: Communities | None = None,
    exact_limit: int = EXACT_LIMIT,
    schema: str | None = None,
    explain: bool = True,
    betweenness: str = "auto",
) -> KeyActors:
    """Rank the network's actors; `top` keeps the best (None: all), `schema` keeps one kind
    (e.g. "Person"), `explain=False` skips the reasons (benchmarks), `betweenness` is
    "auto", "kadabra" or "pivots" for graphs above `exact_limit`."""
    n = net.n
    a, b, w = net.pairs
    degree = np.bincount(a, minlength=n) + np.bincount(b, minlength=n)
    strength = np.bincount(a, weights=w, minlength=n) + np.bincount(b, weights=w, minlength=n)
    pagerank = _pagerank(net)
    between, method = _betweenness(net, exact_limit, betweenness)
    if communities is None:
        communities = detect_communities(net, scores=pagerank, describe=explain)
    bridges, _share = brokerage(net, communities.membership)

    def scaled(x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        top_ = x.max() if len(x) else 0.0
        return x / top_ if top_ > 0 else np.zeros_like(x)

    score = (MIX["pagerank"] * scaled(pagerank) + MIX["betweenness"] * scaled(between)
             + MIX["strength"] * scaled(strength) + MIX["brokerage"] * scaled(bridges))
    candidates = np.arange(n)
    if schema is not None and net.schemata is not None:
        candidates = np.array([i for i in range(n) if net.schemata[i] == schema],
                              dtype=np.int64)
    order = candidates[np.lexsort((candidates, -score[candidates]))]
    if top is not None:
        order = order[:top]
    pr_rank = _ranks(pagerank)
    bt_rank = _ranks(between)
    actors = [
        ActorScore(
            rank=r, node=int(i), id=net.ids[i], label=net.label(int(i)),
            score=float(score[i]), degree=int(degree[i]), strength=float(strength[i]),
            pagerank=float(pagerank[i]), betweenness=float(between[i]),
            brokerage=int(bridges[i]), community=int(communities.membership[i]),
        )
        for r, i in enumerate(order, 1)
    ]
    if explain:
        pair_share = _PairShare(net, communities.membership) if n <= PAIR_SHARE_LIMIT else None
        for actor in actors:
            actor.reason = _reason(net, actor, communities, pr_rank, bt_rank, pair_share)
    return KeyActors(actors, communities, method, pagerank, between)


def _ranks(x: np.ndarray) -> np.ndarray:
    """1 for the largest value (ties share the better rank)."""
    if len(x) == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.argsort(-x, kind="stable")
    sorted_x = -x[order]
    first = np.searchsorted(sorted_x, sorted_x, side="left") + 1
    ranks = np.empty(len(x), dtype=np.int64)
    ranks[order] = first
    return ranks


def _reason(
    net: Network,
    actor: ActorScore,
    comms: Communities,
    pr_rank: np.ndarray,
    bt_rank: np.ndarray,
    pair_share: _PairShare | None,
) -> str:
    v = actor.node
    parts: list[str] = []
    membership = comms.membership
    neighbours = net.neighbours(v)
    sizes = np.bincount(membership)
    touched = Counter(int(membership[u]) for u in neighbours
                      if membership[u] != membership[v] and sizes[membership[u]] >= MIN_CELL)
    named = bool(comms.communities)

    def cname(cid: int) -> str:
        return comms.name(net, cid) if named else f"C{cid}"

    if touched:
        own = int(membership[v])
        cells = [own, *sorted(touched, key=lambda c: -touched[c])]
        parts.append(f"bridges {len(cells)} cells ({', '.join(cname(c) for c in cells[:4])}"
                     f"{', ...' if len(cells) > 4 else ''})")
        if pair_share is not None:
            best = max(((pair_share.share(v, own, c), c) for c in cells[1:3]), default=None)
            if best is not None and best[0] > 0:
                parts.append(f"{best[0]:.0%} of shortest paths between {cname(own)} and "
                             f"{cname(best[1])}")
    if actor.betweenness > 0 and bt_rank[v] <= 10:
        parts.append(f"on {actor.betweenness:.1%} of all shortest paths (#{bt_rank[v]})")
    if pr_rank[v] <= 10:
        parts.append(f"PageRank #{pr_rank[v]}")
    kinds: Counter[str] = Counter()
    rows = np.nonzero((net.src == v) | (net.dst == v))[0] if net.m <= 2_000_000 else []
    for row in rows:
        kinds[net.row_kind(int(row))] += 1
    ties = f"ties to {actor.degree} actor(s)"
    if kinds:
        ties += ": " + ", ".join(f"{c} {k}" for k, c in kinds.most_common(4))
    parts.append(ties)
    return "; ".join(parts)


class _PairShare:
    """Share of the shortest paths between two communities that pass through a node, with
    BFS results cached per source (small graphs only)."""

    def __init__(self, net: Network, membership: np.ndarray) -> None:
        adj = net.adjacency
        self.indptr = adj.indptr.tolist()
        self.indices = adj.indices.tolist()
        self.membership = membership
        self._bfs: dict[int, tuple[dict[int, int], dict[int, int]]] = {}

    def bfs(self, s: int) -> tuple[dict[int, int], dict[int, int]]:
        found = self._bfs.get(s)
        if found is not None:
            return found
        dist = {s: 0}
        sigma = {s: 1}
        queue = deque([s])
        indptr, indices = self.indptr, self.indices
        while queue:
            u = queue.popleft()
            du = dist[u] + 1
            su = sigma[u]
            for x in indices[indptr[u] : indptr[u + 1]]:
                dx = dist.get(x)
                if dx is None:
                    dist[x] = du
                    sigma[x] = su
                    queue.append(x)
                elif dx == du:
                    sigma[x] += su
        self._bfs[s] = (dist, sigma)
        return dist, sigma

    def share(self, v: int, ca: int, cb: int, limit: int = 200) -> float:
        """Mean, over pairs (s in A, t in B) that are connected, of the fraction of shortest
        s-t paths through v (v itself excluded from both sides)."""
        membership = self.membership
        side_a = [int(i) for i in np.nonzero(membership == ca)[0] if i != v][:limit]
        side_b = {int(i) for i in np.nonzero(membership == cb)[0] if i != v}
        if not side_a or not side_b:
            return 0.0
        dist_v, sigma_v = self.bfs(v)
        total = 0.0
        pairs = 0
        for s in side_a:
            dist_s, sigma_s = self.bfs(s)
            dsv = dist_v.get(s)
            for t in side_b:
                dst = dist_s.get(t)
                if dst is None:
                    continue
                pairs += 1
                dvt = dist_v.get(t)
                if dsv is not None and dvt is not None and dsv + dvt == dst:
                    total += sigma_v[s] * sigma_v[t] / sigma_s[t]
        return total / pairs if pairs else 0.0
