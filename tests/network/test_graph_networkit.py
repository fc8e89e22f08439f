"""The NetworKit graph of a network (built from a CSR matrix of the upper triangle) holds
exactly the simple graph: each pair once, its weight, no self-loop, isolated nodes kept."""

from __future__ import annotations

import numpy as np

from interlink.network import network_from_arrays


def test_the_networkit_graph_is_the_simple_graph() -> None:
    rng = np.random.default_rng(7)
    n = 300
    src = rng.integers(0, n - 20, 2000)  # the last 20 nodes stay isolated
    dst = rng.integers(0, n - 20, 2000)
    weight = rng.uniform(0.5, 2.0, 2000)
    net = network_from_arrays(n, src, dst, weight)
    a, b, w = net.pairs
    for weighted in (True, False):
        graph = net.to_networkit(weighted=weighted)
        assert graph.numberOfNodes() == n and not graph.isDirected()
        assert graph.numberOfEdges() == len(a) and graph.numberOfSelfLoops() == 0
        got = {(min(u, v), max(u, v)): graph.weight(u, v) for u, v in graph.iterEdges()}
        want = dict(zip(zip(a.tolist(), b.tolist(), strict=True),
                        (w if weighted else np.ones(len(w))).tolist(), strict=True))
        assert got.keys() == want.keys()
        assert all(abs(got[k] - want[k]) < 1e-9 for k in want)
    assert all(net.to_networkit().degree(v) == 0 for v in range(n - 20, n))
