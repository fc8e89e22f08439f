"""Betweenness within a time budget: source pivots in growing batches, bounded by the budget
and the cap, stopped early once the top settles."""

from __future__ import annotations

import networkx as nx
import numpy as np

from interlink.network import network_from_arrays
from interlink.network.betweenness import MAX_PIVOTS, betweenness


def _ba(n: int, seed: int = 1):  # type: ignore[no-untyped-def]
    graph = nx.barabasi_albert_graph(n, 2, seed=seed)
    a, b = (np.array(x) for x in zip(*graph.edges(), strict=True))
    return network_from_arrays(n, a, b), graph


def test_no_budget_is_one_batch() -> None:
    net, _ = _ba(600)
    scores, method = betweenness(net, exact_limit=0, budget_s=0.0)
    assert method.startswith("sampled (1 source pivots") and "time budget" in method
    assert scores.shape == (600,) and scores.max() > 0


def test_settles_before_the_cap_and_finds_the_top() -> None:
    net, graph = _ba(600)
    scores, method = betweenness(net, exact_limit=0, budget_s=60.0)
    done = int(method.split("(")[1].split()[0])
    assert "settled" in method and done < MAX_PIVOTS
    exact = nx.betweenness_centrality(graph)
    top = sorted(exact, key=lambda v: -exact[v])[:10]
    assert int(np.argmax(scores)) in top
    # deterministic: seeded batches
    again, _ = betweenness(net, exact_limit=0, budget_s=60.0)
    assert np.array_equal(scores, again)
