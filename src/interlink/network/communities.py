"""Communities (the cells of a network): Leiden, with each cell's size, activity and key actor.

NetworKit's ParallelLeiden (NetworKit >= 10) is used; where an older NetworKit has no Leiden,
PLM (parallel Louvain with refinement) stands in, and `algorithm` says which one ran. Community
numbers are ordered by size, largest first, so "C0" is the same cell from run to run on a
graph whose partition is stable.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from interlink.network.engine import RANDOM, single_thread
from interlink.network.graph import Network, distinct

SEED = 42
# Leiden's refinement rounds: three on graphs under LARGE_EDGES edges, one from there on. On a
# 200,000-node / 1,000,000-edge graph of planted communities one round reaches modularity
# 0.755 against 0.757 for three, in 3.5 s instead of 9 s (2 shared cores); on graphs without
# communities (random, preferential attachment) the extra rounds polish a partition that
# means little (0.22 against 0.28) for 8 s more.
LARGE_EDGES = 500_000


@dataclass
class Community:
    id: int
    members: list[int]  # node indices, most central first
    activity: str
    key_actor: int

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def activity_code(self) -> str:
        """The activity as a message code of `core.messages` (the surfaces translate it)."""
        return activity_message(self.activity)[0]

    @property
    def activity_params(self) -> dict[str, object]:
        return activity_message(self.activity)[1]


@dataclass
class Communities:
    membership: np.ndarray  # node index -> community id
    communities: list[Community]
    algorithm: str
    modularity: float

    def name(self, net: Network, cid: int) -> str:
        """A name an analyst can read: "C3 (around Karim BENALI)"."""
        community = self.communities[cid]
        return f"C{cid} (around {net.label(community.key_actor)})"


def _partition(net: Network, resolution: float, seed: int) -> tuple[np.ndarray, str, float]:
    graph = net.to_networkit(weighted=True)
    with RANDOM:  # seeded and run without another thread reseeding in between
        return _leiden(net, graph, resolution, seed)


def _leiden(net: Network, graph: Any, resolution: float, seed: int,
            ) -> tuple[np.ndarray, str, float]:
    import networkit as nk

    nk.setSeed(seed, False)
    if hasattr(nk.community, "ParallelLeiden"):
        large = graph.numberOfEdges() >= LARGE_EDGES
        # from LARGE_EDGES, nodes are visited in their order, not shuffled: on 1,000,000
        # nodes / 10,000,000 edges of planted communities 3.4 s of CPU instead of 4.9 for the
        # same modularity (0.7256), on the random graph 10.8 s instead of 13.4 (0.1218 against
        # 0.1220); at 200,000 / 1,000,000 the modularity moves by 0.0003 (random, planted) or
        # rises (preferential attachment, 0.246 against 0.241). RESULTS.md, issue 14, fourth pass
        algo = nk.community.ParallelLeiden(graph, iterations=1 if large else 3,
                                           randomize=not large, gamma=resolution)
        name = "Leiden (NetworKit ParallelLeiden)"
    else:  # pragma: no cover - NetworKit < 10
        algo = nk.community.PLM(graph, refine=True, gamma=resolution)
        name = "Louvain with refinement (NetworKit PLM; no Leiden in this NetworKit)"
    # on one thread whatever the graph's size: ParallelLeiden on two threads finds a partition
    # that depends on how the threads interleave (a 400-node graph: 58 different partitions in
    # 200 runs; 200,000 nodes / 1,000,000 edges: three runs, three partitions), so the cells,
    # and the key actors, changed from run to run and with the load; on one thread the same
    # partition every time (fifteenth pass). Its seed is held with `RANDOM` (`_partition`)
    with single_thread():
        algo.run()
    partition = algo.getPartition()
    modularity = nk.community.Modularity().getQuality(partition, graph) if net.m else 0.0
    return np.asarray(partition.getVector(), dtype=np.int64), name, float(modularity)


def detect_communities(
    net: Network,
    scores: np.ndarray | Callable[[], np.ndarray] | None = None,
    resolution: float = 1.0,
    seed: int = SEED,
    describe: bool = True,
) -> Communities:
    """Partition the network; `scores` (e.g. PageRank) picks each community's key actor
    (weighted degree when not given); a callable is asked for them only once the partition
    is found (PageRank computed in another thread meanwhile). `describe=False` skips the
    per-community summaries, which a million-node benchmark does not need."""
    if net.n == 0:
        return Communities(np.zeros(0, dtype=np.int64), [], "none (empty graph)", 0.0)
    raw, algorithm, modularity = _partition(net, resolution, seed)
    # renumber: largest community first, ties by smallest member
    sizes = np.bincount(raw)
    first = np.full(len(sizes), net.n, dtype=np.int64)
    np.minimum.at(first, raw, np.arange(net.n))
    order = np.lexsort((first, -sizes))
    present = order[sizes[order] > 0]
    new_id = np.empty(len(sizes), dtype=np.int64)
    new_id[present] = np.arange(len(present))
    membership = new_id[raw]
    if callable(scores):
        scores = scores()
    if scores is None:
        a, b, w = net.pairs
        scores = np.bincount(a, weights=w, minlength=net.n) + np.bincount(
            b, weights=w, minlength=net.n)
    communities: list[Community] = []
    if describe:
        by = np.argsort(membership, kind="stable")
        bounds = np.searchsorted(membership[by], np.arange(len(present) + 1))
        ties = _inside_ties(net, membership)
        for cid in range(len(present)):
            members = by[bounds[cid] : bounds[cid + 1]]
            members = members[np.argsort(-scores[members], kind="stable")]
            ids = members.tolist()
            communities.append(Community(cid, ids, activity(net, ids, ties.get(cid)), ids[0]))
    return Communities(membership, communities, algorithm, modularity)


def _inside_ties(net: Network, membership: np.ndarray) -> dict[int, tuple[str, int]]:
    """Per community, its most common kind of tie between members and how many (one numpy
    pass over the evidence rows, not a loop per community)."""
    if net.m == 0:
        return {}
    inside = membership[net.src] == membership[net.dst]
    inside &= net.src != net.dst
    kinds = np.int64(max(len(net.kinds), 1))
    key = membership[net.src[inside]] * kinds + net.kind[inside]
    uniq, counts = distinct(key)
    best: dict[int, tuple[str, int]] = {}
    for k, c in zip(uniq.tolist(), counts.tolist(), strict=True):
        cid, kind = divmod(k, int(kinds))
        if cid not in best or c > best[cid][1]:
            best[cid] = (net.kinds[kind], c)
    return best


def activity(net: Network, members: list[int], ties: tuple[str, int] | None = None) -> str:
    """What a community mainly does: the commodity its members were seized with, else their
    most common topic, else the most common kind of tie between them."""
    commodities: Counter[str] = Counter()
    topics: Counter[str] = Counter()
    # no topics (an edges file, a synthetic graph): no pass over the members at all
    for i in members if net.topics is not None else ():
        for topic in net.node_topics(i):
            if topic.startswith("commodity:"):
                commodities[topic.split(":", 1)[1]] += 1
            else:
                topics[topic] += 1
    if commodities:
        what, count = commodities.most_common(1)[0]
        return f"{what} ({count} member(s) in seizures)"
    if topics:
        what, count = topics.most_common(1)[0]
        return f"{what} ({count} member(s))"
    if len(members) < 2:
        return "isolated"
    if ties is not None:
        return f"ties mostly {ties[0]} ({ties[1]})"
    return "unknown"


_ACTIVITIES = (
    (re.compile(r"^(?P<commodity>.+) \((?P<n>\d+) member\(s\) in seizures\)$"),
     "cell.commodity"),
    (re.compile(r"^(?P<topic>.+) \((?P<n>\d+) member\(s\)\)$"), "cell.topic"),
    (re.compile(r"^ties mostly (?P<link>\S+) \((?P<count>\d+)\)$"), "cell.ties"),
)


def activity_message(text: str) -> tuple[str, dict[str, object]]:
    """What `activity` wrote, as a message code and parameters ("cocaine (3 member(s) in
    seizures)" is `cell.commodity`, n=3), so a reader gets it in their language and plural."""
    if text in ("isolated", "unknown"):
        return f"cell.{text}", {}
    for pattern, code in _ACTIVITIES:
        found = pattern.match(text)
        if found:
            params: dict[str, object] = dict(found.groupdict())
            for name in ("n", "count"):
                if name in params:
                    params[name] = int(str(params[name]))
            return code, params
    return "", {}
