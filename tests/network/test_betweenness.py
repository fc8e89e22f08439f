"""Betweenness within a budget of work: source pivots in growing batches, bounded by the budget
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
    assert method.startswith("sampled (1 source pivots") and "stopped by budget" in method
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


def test_source_dependencies_summed_over_every_source_are_the_exact_betweenness() -> None:
    """The level-by-level accumulation (large graphs) is Brandes's: over all sources, divided
    by the (n - 1)(n - 2) ordered pairs, it is NetworKit's exact normalised betweenness (and
    NetworkX's), on a graph with several components and many equal shortest paths."""
    from interlink.network.betweenness import source_dependency

    rng = np.random.default_rng(1)
    n = 300
    net = network_from_arrays(n, rng.integers(0, n, 700), rng.integers(0, n, 700))
    a, b, _ = net.pairs
    graph = net.to_networkit(weighted=False)
    summed = sum(source_dependency(graph, a, b, n, s) for s in range(n))
    exact, method = betweenness(net)  # below the exact limit: Brandes
    assert method == "exact (Brandes)"
    assert np.allclose(summed / ((n - 1) * (n - 2)), exact, atol=1e-12)
    simple = nx.Graph(list(zip(a.tolist(), b.tolist(), strict=True)))
    simple.add_nodes_from(range(n))
    reference = nx.betweenness_centrality(simple)
    assert np.allclose(exact, [reference[i] for i in range(n)], atol=1e-12)


def test_pivots_by_levels_within_the_budget_and_networkits_when_too_deep(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from interlink.network import betweenness as module

    net, graph = _ba(600)
    scores, method = betweenness(net, exact_limit=0, budget_s=60.0)
    assert "level by level" in method and "settled" in method
    exact = nx.betweenness_centrality(graph)
    top = sorted(exact, key=lambda v: -exact[v])[:10]
    assert int(np.argmax(scores)) in top
    again, _ = betweenness(net, exact_limit=0, budget_s=60.0)
    assert np.array_equal(scores, again)  # seeded
    one, method = betweenness(net, exact_limit=0, budget_s=0.0)
    assert method.startswith("sampled (1 source pivots") and "stopped by budget" in method
    monkeypatch.setattr(module, "MAX_LEVELS", 1)  # too deep: NetworKit's pivots instead
    _, method = betweenness(net, exact_limit=0, budget_s=0.0)
    assert "level by level" not in method
