"""Key actors, communities, paths and ego networks on graphs whose answers are known, and
against NetworkX where the algorithms are the same."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from interlink.core import InvalidInput
from interlink.network import (
    detect_communities,
    ego_network,
    key_actors,
    network_from_arrays,
    read_edges_csv,
    shortest_paths,
)
from tests.network.conftest import two_cliques_with_broker, write_edges


def test_broker_between_two_cliques_ranks_first(broker_csv: Path) -> None:
    net = read_edges_csv(broker_csv)
    result = key_actors(net, top=3)
    top = result.actors[0]
    assert top.id == "X"
    assert "bridges 2 cells" in top.reason
    assert "100% of shortest paths between" in top.reason
    assert result.betweenness_method == "exact (Brandes)"
    assert [a.rank for a in result.actors] == [1, 2, 3]


def test_two_cliques_are_two_communities(broker_csv: Path) -> None:
    net = read_edges_csv(broker_csv)
    found = detect_communities(net)
    m = {net.ids[i]: int(c) for i, c in enumerate(found.membership)}
    assert len({m[f"a{i}"] for i in range(1, 6)}) == 1
    assert len({m[f"b{i}"] for i in range(1, 6)}) == 1
    assert m["a1"] != m["b1"]
    assert "Leiden" in found.algorithm
    assert sorted(c.size for c in found.communities) in ([5, 6], [5, 5, 1])


def _random_graph(n: int, m: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    src = rng.integers(0, n, m)
    dst = rng.integers(0, n, m)
    weight = rng.integers(1, 5, m).astype(float)
    return src, dst, weight


def _nx_graph(net) -> nx.Graph:  # type: ignore[no-untyped-def]
    a, b, w = net.pairs
    graph = nx.Graph()
    graph.add_nodes_from(range(net.n))
    graph.add_weighted_edges_from(zip(a.tolist(), b.tolist(), w.tolist(), strict=True))
    return graph


def test_pagerank_and_betweenness_equal_networkx() -> None:
    src, dst, weight = _random_graph(300, 900, 7)
    net = network_from_arrays(300, src, dst, weight)
    result = key_actors(net, top=None, explain=False)
    graph = _nx_graph(net)
    pr = nx.pagerank(graph, alpha=0.85, weight="weight", tol=1e-12)
    assert np.allclose(result.pagerank, [pr[i] for i in range(300)], atol=1e-6)
    bc = nx.betweenness_centrality(graph, normalized=True)
    assert np.allclose(result.betweenness, [bc[i] for i in range(300)], atol=1e-9)


def test_large_networks_pagerank_tolerance_keeps_the_top() -> None:
    # the looser tolerance of networks from PERIOD_CELLS_EDGES edges: the same top 20 and
    # scores within 1e-6 of the tight one on a hub-heavy graph (checked here on 20,000 nodes)
    from interlink.network.actors import PAGERANK_TOL, PAGERANK_TOL_LARGE, _pagerank

    graph = nx.barabasi_albert_graph(20_000, 5, seed=3)
    edges = np.array(graph.edges(), dtype=np.int64)
    net = network_from_arrays(20_000, edges[:, 0], edges[:, 1])
    tight, loose = _pagerank(net, PAGERANK_TOL), _pagerank(net, PAGERANK_TOL_LARGE)
    assert PAGERANK_TOL_LARGE > PAGERANK_TOL
    assert np.abs(tight - loose).max() < 1e-6
    assert np.argsort(-tight, kind="stable")[:20].tolist() == np.argsort(
        -loose, kind="stable")[:20].tolist()
    assert loose.sum() == pytest.approx(1.0)


def test_sampled_betweenness_above_the_exact_limit() -> None:
    # source pivots in growing batches, whatever the shape: with hubs ...
    hubs = nx.barabasi_albert_graph(400, 1, seed=1)  # largest degree 25x the mean
    a, b = (np.array(x) for x in zip(*hubs.edges(), strict=True))
    net = network_from_arrays(400, a, b)
    result = key_actors(net, top=5, exact_limit=100, explain=False)
    assert "source pivots" in result.betweenness_method
    exact = key_actors(net, top=None, explain=False).betweenness
    assert int(np.argmax(result.betweenness)) in set(np.argsort(-exact)[:5].tolist())
    # ... and without
    src, dst, _ = _random_graph(400, 1200, 3)
    flat = network_from_arrays(400, src, dst)
    sampled = key_actors(flat, top=None, exact_limit=100, explain=False)
    assert "source pivots" in sampled.betweenness_method
    exact = key_actors(flat, top=None, explain=False).betweenness
    assert np.corrcoef(sampled.betweenness, exact)[0, 1] > 0.95
    # KADABRA (error bound, no time bound) on request
    kadabra = key_actors(net, top=5, exact_limit=100, explain=False, betweenness="kadabra")
    assert kadabra.betweenness_method.startswith("sampled (KADABRA")


def test_schema_filter_and_reasons_on_records() -> None:
    src, dst, _ = _random_graph(30, 60, 1)
    net = network_from_arrays(30, src, dst)
    net.schemata = ["Person" if i % 2 else "Company" for i in range(30)]
    result = key_actors(net, top=5, schema="Person")
    assert all(a.node % 2 == 1 for a in result.actors)
    assert all("ties to" in a.reason for a in result.actors)


def test_shortest_and_k_shortest_paths_with_evidence(tmp_path: Path) -> None:
    path = write_edges(tmp_path / "e.csv", [
        ("A", "B", 1, "call"), ("B", "D", 1, "family"),
        ("A", "C", 1, "associate"), ("C", "D", 1, "payment"),
        ("A", "E", 1, "call"), ("E", "F", 1, "call"), ("F", "D", 1, "call"),
    ], header="source,target,weight,type")
    net = read_edges_csv(path)
    a, d = net.find("A"), net.find("D")
    paths = shortest_paths(net, a, d, k=5)
    assert [p.length for p in paths] == [2, 2, 3]
    first = paths[0]
    assert [net.ids[i] for i in first.nodes][0::2] == ["A", "D"]
    hop = first.hops[0]
    assert hop.evidence[0].startswith("e.csv:")
    lines = {h.evidence[0] for p in paths for h in p.hops}
    assert lines == {f"e.csv:{i}" for i in range(2, 9)}
    graph = _nx_graph(net)
    expected = [len(p) - 1 for p in nx.shortest_simple_paths(graph, a, d)]
    assert [p.length for p in paths] == expected
    assert shortest_paths(net, a, d, k=1)[0].length == 2
    with pytest.raises(InvalidInput):
        shortest_paths(net, a, a)


def test_no_path_between_components(tmp_path: Path) -> None:
    net = read_edges_csv(write_edges(tmp_path / "e.csv", [("A", "B"), ("C", "D")]))
    assert shortest_paths(net, net.find("A"), net.find("D"), k=3) == []


def test_ego_network(broker_csv: Path) -> None:
    net = read_edges_csv(broker_csv)
    ego = ego_network(net, net.find("X"), depth=1)
    assert sorted(ego.ids) == ["X", "a1", "a2", "b1", "b2"]
    assert ego.summary()["edges"] == 6  # X's four ties, a1-a2 and b1-b2
    # evidence still points at the lines of the original file
    assert all(ev.startswith("broker.csv:") for ev in ego.evidence or [])
    assert len(ego_network(net, net.find("X"), depth=2).ids) == 11


def test_find_by_record_and_label() -> None:
    net = network_from_arrays(2, np.array([0]), np.array([1]), ids=["n1", "n2"])
    net.labels = ["Karim Benali", "Omar"]
    net.records = [("r1", "r2"), ("r3",)]
    assert net.find("r2") == 0
    assert net.find("karim benali") == 0
    with pytest.raises(InvalidInput, match="no node"):
        net.find("nobody")


def test_broker_graph_reference(broker_csv: Path) -> None:
    """The hand-made graph itself, so the tests above rest on what it is meant to be."""
    edges = two_cliques_with_broker()
    assert len(edges) == 24
