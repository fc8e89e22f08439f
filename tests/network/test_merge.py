"""One node per resolved entity: merging a network by clusters, on files and from the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from interlink.cli.network import register
from interlink.core import InvalidInput
from interlink.network import (
    key_actors,
    merge_clusters,
    read_clusters_csv,
    read_edges_csv,
    shortest_paths,
)
from tests.conftest import command_group, csv_rows
from tests.network.conftest import write_edges

# one man held by two agencies under two spellings: karim.ma and benali.fr
ROWS = [
    ("karim.ma", "a1"), ("karim.ma", "a2"), ("karim.ma", "a3"),
    ("benali.fr", "b1"), ("benali.fr", "b2"), ("benali.fr", "b3"),
    ("a1", "a2"), ("b1", "b2"), ("x", "a1"), ("x", "b1"), ("x", "y"), ("y", "z"),
    ("karim.ma", "benali.fr"),  # the two records of one man "call" each other
]
CLUSTERS = "id,cluster_id\nkarim.ma,P-KARIM\nbenali.fr,P-KARIM\na1,a1\n"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    edges = write_edges(tmp_path / "E.csv", ROWS)
    clusters = tmp_path / "CLUSTERS.csv"
    clusters.write_text(CLUSTERS, encoding="utf-8")
    return edges, clusters


def test_merge_makes_one_node_with_its_members_as_evidence(files: tuple[Path, Path]) -> None:
    edges, clusters = files
    raw = read_edges_csv(edges)
    net = merge_clusters(raw, read_clusters_csv(clusters))
    assert net.n == raw.n - 1
    karim = net.index["P-KARIM"]
    assert net.node_records(karim) == ("karim.ma", "benali.fr")
    assert sorted(net.ids[i] for i in net.neighbours(karim)) == ["a1", "a2", "a3", "b1", "b2",
                                                                  "b3"]
    # a record id still finds the merged node; evidence still cites the file's lines
    assert net.find("benali.fr") == karim
    path = shortest_paths(net, net.find("a3"), net.find("b3"))[0]
    assert path.length == 2
    assert all(e.startswith("E.csv:") for hop in path.hops for e in hop.evidence)
    # the tie between the two records of one man is no tie between actors
    assert net.summary()["edges"] == raw.summary()["edges"] - 1
    # raw: he is two actors behind the go-between x; resolved: one, ranked first
    raw_rank = {a.id: a.rank for a in key_actors(raw, top=None).actors}
    assert sorted((raw_rank["karim.ma"], raw_rank["benali.fr"])) == [2, 3]
    merged = key_actors(net, top=None).actors
    assert merged[0].id == "P-KARIM"
    assert merged[0].degree == 6


def test_merge_without_clusters_is_the_same_network(files: tuple[Path, Path]) -> None:
    raw = read_edges_csv(files[0])
    assert merge_clusters(raw, {}) is raw
    assert merge_clusters(raw, {"nobody": "C1"}) is raw


def test_bad_clusters_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "C.csv"
    bad.write_text("record,cluster\nx,y\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="id,cluster_id"):
        read_clusters_csv(bad)
    bad.write_text("id,cluster_id\nx,C1\nx,C2\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="line 3.*two clusters"):
        read_clusters_csv(bad)


def test_cli_clusters_on_every_file_command(files: tuple[Path, Path], tmp_path: Path) -> None:
    edges, clusters = files
    app: typer.Typer = command_group(register)

    def run(*args: str):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(app, ["network", *args, "--edges", str(edges),
                                        "--clusters", str(clusters)])

    out = tmp_path / "R.csv"
    result = run("key-actors", "--top", "3", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert csv_rows(out)[0]["node"] == "P-KARIM"
    out = tmp_path / "C.csv"
    result = run("communities", "--output", str(out))
    assert result.exit_code == 0, result.output
    nodes = [r["node"] for r in csv_rows(out)]
    assert "P-KARIM" in nodes and "karim.ma" not in nodes
    result = run("path", "a3", "benali.fr")
    assert result.exit_code == 0, result.output
    assert "path 1: 1 hop(s)" in result.output and "[P-KARIM]" in result.output
    for command in (("disrupt", "--k", "1"), ("routes",), ("money",)):
        result = run(*command)
        assert result.exit_code == 0, (command, result.output)
    assert "remove" in run("disrupt", "--k", "1").output
    out = tmp_path / "g.graphml"
    result = run("export", "--format", "graphml", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert "P-KARIM" in out.read_text(encoding="utf-8")


def test_merge_of_a_built_graph_matches_building_with_clusters() -> None:
    """The access layer may cache the viewer's raw graph and derive the resolved one."""
    from interlink.core import Viewer
    from interlink.network import build_network
    from tests.network.test_build import MA, case_records

    clusters = {"p3": "OMAR", "p4": "OMAR", "p1": "KARIM"}
    viewer = Viewer("ali", MA)
    built = build_network(case_records(), viewer, clusters)
    merged = merge_clusters(build_network(case_records(), viewer), clusters)
    assert sorted(merged.ids) == sorted(built.ids)
    omar = merged.index["OMAR"]
    assert sorted(merged.node_records(omar)) == ["p3", "p4"]
    assert merged.labels is not None and merged.labels[omar] == "Omar Idrissi"
    for node in merged.ids:
        a = sorted(merged.ids[j] for j in merged.neighbours(merged.index[node]))
        b = sorted(built.ids[j] for j in built.neighbours(built.index[node]))
        assert a == b, node
    # payments, routes and holdings follow the merged nodes
    assert len(merged.payments) == len(built.payments)
    assert len(merged.routes) == len(built.routes)


def test_merge_keeps_each_rows_period(tmp_path: Path) -> None:
    rows = [(a, b, "2008-Q1" if i % 2 else "2008-Q2") for i, (a, b) in enumerate(ROWS)]
    raw = read_edges_csv(write_edges(tmp_path / "P.csv", rows, "source,target,period"))
    clusters = tmp_path / "CLUSTERS.csv"
    clusters.write_text(CLUSTERS, encoding="utf-8")
    net = merge_clusters(raw, read_clusters_csv(clusters))
    assert net.periods == raw.periods == ["2008-Q2", "2008-Q1"]
    assert net.period is not None and raw.period is not None
    assert net.period.tolist() == raw.period.tolist()
    first = key_actors(net, top=1).actors[0]
    assert first.id == "P-KARIM"
    assert [r.params for r in first.reasons if r.code == "periods"] == [{"n": 2}]
