"""Disruption (key players, chosen removals), routes, exports and the edges file contract."""

from __future__ import annotations

import itertools
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from interlink.core import InvalidInput, Viewer
from interlink.network import (
    build_network,
    export,
    fragmentation,
    key_players,
    network_from_arrays,
    read_edges_csv,
    removal_effect,
    routes,
    transit_countries,
)
from interlink.network.disrupt import _all_removals
from tests.network.conftest import rec, write_edges


def test_removing_the_broker_splits_the_cliques(broker_csv: Path) -> None:
    net = read_edges_csv(broker_csv)
    plan = key_players(net, 1)
    assert net.ids[plan.steps[0].node] == "X"
    assert plan.before.reachable_pairs == 55
    assert plan.after.largest == 5
    assert plan.after.reachable_pairs == 20
    effect = removal_effect(net, [net.find("a1"), net.find("a2")])
    # without a1 and a2, a3..a5 lose their way to the broker: {a3,a4,a5} and {X,b1..b5}
    assert (effect.after.largest, effect.after.reachable_pairs) == (6, 3 + 15)
    assert effect.steps[0].after.largest == 10


def test_all_removals_equal_brute_force() -> None:
    rng = np.random.default_rng(5)
    n = 40
    net = network_from_arrays(n, rng.integers(0, n, 50), rng.integers(0, n, 50))
    adj = net.adjacency
    loss, largest = _all_removals(adj.indptr.tolist(), adj.indices.tolist(), [True] * n)
    before = fragmentation(net)
    for v in range(n):
        after = fragmentation(net, [v])
        assert loss[v] == before.reachable_pairs - after.reachable_pairs, v
        assert largest[v] == after.largest, v


def test_greedy_takes_the_best_removal_at_each_step() -> None:
    graph = nx.barbell_graph(6, 3)
    a, b = zip(*graph.edges(), strict=True)
    net = network_from_arrays(graph.number_of_nodes(), np.array(a), np.array(b))
    plan = key_players(net, 3)
    removed: list[int] = []
    for step in plan.steps:
        best = min(fragmentation(net, [*removed, v]).reachable_pairs
                   for v in range(net.n) if v not in removed)
        assert step.after.reachable_pairs == best
        removed.append(step.node)
    # greedy, not exhaustive: never better than the best pair found by brute force
    best_pair = min(fragmentation(net, list(c)).reachable_pairs
                    for c in itertools.combinations(range(net.n), 2))
    assert plan.steps[1].after.reachable_pairs >= best_pair
    with pytest.raises(InvalidInput):
        key_players(net, 0)


def test_routes_and_transit_countries() -> None:
    es = "ES-DAVA"
    seizures = [
        rec(es, f"s{i}", "Seizure", commodity="cocaine", originCountry="co", country=c,
            destinationCountry="es", quantity="100", unit="kg", date=f"2025-0{i + 1}-01")
        for i, c in enumerate(["sn", "sn", "ma"])
    ]
    net = build_network(seizures, Viewer("x", es))
    found = routes(net, "seizure")
    assert [(r.path, r.count) for r in found] == [("CO > SN > ES", 2), ("CO > MA > ES", 1)]
    assert found[0].quantity == {"kg": 200.0}
    assert found[0].records == ["s0", "s1"]
    assert [(t.country, t.count) for t in transit_countries(found)] == [("sn", 2), ("ma", 1)]


def test_exports_read_back(broker_csv: Path, tmp_path: Path) -> None:
    net = read_edges_csv(broker_csv)
    (graphml,) = export(net, "graphml", tmp_path / "g.graphml")
    (gexf,) = export(net, "gexf", tmp_path / "g.gexf")
    for graph in (nx.read_graphml(graphml), nx.read_gexf(gexf)):
        assert graph.number_of_nodes() == 11
        assert graph.number_of_edges() == 24
    edge = nx.read_graphml(graphml).edges["X", "a1"]
    assert edge["evidence"] == "broker.csv:22"
    nodes, edges = export(net, "csv", tmp_path / "g")
    assert nodes.read_text(encoding="utf-8").splitlines()[0] == "id,label,schema,countries,records"
    again = read_edges_csv(edges)  # the edge list is the --edges format
    assert again.summary()["edges"] == 24
    assert again.row_evidence(0) == ("broker.csv:2",)
    with pytest.raises(InvalidInput, match="unknown export format"):
        export(net, "pdf", tmp_path / "g.pdf")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty file"),
        ("from,to\nA,B\n", "row 1: missing column(s) source, target"),
        ("source,target,colour\nA,B,red\n", "unknown column(s) colour"),
        ("source,target\nA,B\nC,\n", "line 3: empty target"),
        ("source,target,weight\nA,B,1\nB,C,heavy\n", "line 3: weight heavy is not a number"),
        ("source,target,weight\nA,B,-2\n", "line 2: weight must be a positive number"),
        ("source,target\nA,B\nA,B,C\n", "line 3: 3 fields, expected 2"),
        ("source,target\n", "no edges"),
    ],
)
def test_bad_edges_file_names_the_row(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "E.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_edges_csv(path)


def test_edges_file_with_weights_and_types(tmp_path: Path) -> None:
    path = write_edges(tmp_path / "e.csv", [("A", "B", 2.5, "Call"), ("B", "A", 1, ""),
                                             ("C", "C", 1, "self")],
                       header="source,target,weight,type")
    net = read_edges_csv(path)
    assert net.ids == ["A", "B", "C"]
    a, b, w = net.pairs
    assert (a.tolist(), b.tolist(), w.tolist()) == ([0], [1], [3.5])  # summed, no self-loop
    assert net.edge_summary(0, 1) == (["call", "link"], ["e.csv:2", "e.csv:3"])
    with pytest.raises(InvalidInput, match="no such file"):
        read_edges_csv(tmp_path / "missing.csv")
