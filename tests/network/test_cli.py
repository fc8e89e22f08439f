"""The `interlink network` command line contract, on files and on the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from interlink.cli import state
from interlink.cli.network import register
from interlink.core import Agency, InvalidInput
from interlink.store import Actor, open_store
from tests.conftest import command_group, csv_rows
from tests.network.conftest import rec, write_edges


@pytest.fixture
def app() -> typer.Typer:
    return command_group(register)


def run(app: typer.Typer, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["network", *args])



def test_key_actors_contract(app: typer.Typer, broker_csv: Path, tmp_path: Path) -> None:
    out = tmp_path / "RANKING.csv"
    result = run(app, "key-actors", "--edges", str(broker_csv), "--top", "3", "--output",
                 str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines()[0] == (
        "rank,node,score,reason,role,reason_code,reason_params")
    ranking = csv_rows(out)
    assert [r["rank"] for r in ranking] == ["1", "2", "3"]
    assert ranking[0]["node"] == "X"
    assert "bridges 2 cells" in ranking[0]["reason"]
    assert ranking[0]["role"] == ranking[0]["reason_code"] == "broker"
    assert json.loads(ranking[0]["reason_params"])["cells"] == 2
    assert 0 < float(ranking[0]["score"]) <= 1


def test_communities_contract(app: typer.Typer, broker_csv: Path, tmp_path: Path) -> None:
    out = tmp_path / "C.csv"
    result = run(app, "communities", "--edges", str(broker_csv), "--output", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines()[0] == "node,community"
    members = {r["node"]: r["community"] for r in csv_rows(out)}
    assert len(members) == 11
    assert members["a3"] == members["a4"] != members["b3"]
    assert "Leiden" in result.output


def test_path_prints_evidence(app: typer.Typer, broker_csv: Path) -> None:
    result = run(app, "path", "a3", "b3", "--edges", str(broker_csv), "--k", "2")
    assert result.exit_code == 0, result.output
    assert "path 1: 4 hop(s)" in result.output
    assert "path 2: 4 hop(s)" in result.output
    assert "evidence broker.csv:" in result.output


def test_money_routes_disrupt_export(app: typer.Typer, tmp_path: Path) -> None:
    edges = write_edges(tmp_path / "pay.csv", [
        ("FRONT", "NL", "payment", 100000, "EUR", "2025-03-01"),
        ("NL", "AE", "payment", 98500, "EUR", "2025-03-05"),
        ("AE", "FRONT", "payment", 97000, "EUR", "2025-03-12"),
    ], header="source,target,type,amount,currency,date")
    result = run(app, "money", "--edges", str(edges))
    assert result.exit_code == 0, result.output
    assert "round trip of 100,000.00 EUR" in result.output
    assert "payments: pay.csv:2, pay.csv:3, pay.csv:4" in result.output
    result = run(app, "money", "--edges", str(edges), "--from", "NL", "--hops", "1",
                 "--direction", "forward", "--output", str(tmp_path / "m.csv"))
    assert result.exit_code == 0, result.output
    assert "1 payment(s) within 1 hop(s) of NL" in result.output
    assert csv_rows(tmp_path / "m.csv")[0]["records"] == "pay.csv:3"
    result = run(app, "disrupt", "--edges", str(edges), "--k", "1")
    assert result.exit_code == 0, result.output
    assert "1. remove" in result.output
    result = run(app, "disrupt", "--edges", str(edges), "--remove", "NL")
    assert "largest component 2" in result.output
    result = run(app, "routes", "--edges", str(edges))
    assert result.exit_code == 0 and "no routes" in result.output
    result = run(app, "export", "--edges", str(edges), "--format", "gexf", "--output",
                 str(tmp_path / "g.gexf"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "g.gexf").read_text(encoding="utf-8").startswith("<?xml")


def test_bad_input_is_one_error(app: typer.Typer, tmp_path: Path) -> None:
    bad = tmp_path / "E.csv"
    bad.write_text("source,target,weight\nA,B,1\nB,C,x\n", encoding="utf-8")
    result = run(app, "key-actors", "--edges", str(bad), "--output", str(tmp_path / "r.csv"))
    assert isinstance(result.exception, InvalidInput)
    assert "E.csv: line 3: weight x is not a number" in str(result.exception)
    assert not (tmp_path / "r.csv").exists()  # nothing half-written
    result = run(app, "key-actors")
    assert isinstance(result.exception, InvalidInput)
    assert "--agency" in str(result.exception)
    good = write_edges(tmp_path / "g.csv", [("A", "B")])
    result = run(app, "path", "A", "Nobody", "--edges", str(good))
    assert isinstance(result.exception, InvalidInput)


def test_store_as_viewer(app: typer.Typer, tmp_path: Path,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store(str(tmp_path / "s.db"), create=True)
    for code, country in (("MA-DGSN", "MA"), ("FR-OFAST", "FR")):
        store.add_agency(Agency.create(code, country, name=code), Actor("t"))
    ma, fr = "MA-DGSN", "FR-OFAST"
    store.write([
        rec(ma, "p1", "Person", name="Karim Benali"),
        rec(ma, "p2", "Person", name="Yassine Tazi"),
        rec(ma, "p3", "Person", name="Omar Idrissi"),
        rec(ma, "f1", "Family", person="p1", relative="p2"),
        rec(ma, "a1", "Associate", person="p2", associate="p3"),
        rec(fr, "q1", "Person", name="Source FR"),
        rec(fr, "q2", "Person", name="Contact FR"),
        rec(fr, "qa", "Associate", person="q1", associate="q2"),
    ], Actor("t"))
    store.close()
    monkeypatch.setattr(state, "STORE_URL", str(tmp_path / "s.db"))
    out = tmp_path / "r.csv"
    result = run(app, "key-actors", "--agency", "MA-DGSN", "--purpose", "drug_trafficking",
                 "--output", str(out))
    assert result.exit_code == 0, result.output
    ranking = csv_rows(out)
    assert ranking[0]["node"] == "p2"
    assert {r["node"] for r in ranking} == {"p1", "p2", "p3"}  # nothing of FR-OFAST
    result = run(app, "path", "Karim Benali", "p3", "--agency", "MA-DGSN")
    assert result.exit_code == 0, result.output
    assert "family; evidence f1" in result.output
    assert "associate; evidence a1" in result.output
    result = run(app, "path", "p1", "q1", "--agency", "MA-DGSN")
    assert isinstance(result.exception, InvalidInput)  # FR's record is not in MA's graph
    result = run(app, "key-actors", "--agency", "XX-NOBODY")
    assert isinstance(result.exception, InvalidInput)


def test_store_periods_from_the_records_dates(app: typer.Typer, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store(str(tmp_path / "s.db"), create=True)
    store.add_agency(Agency.create("MA-DGSN", "MA", name="MA-DGSN"), Actor("t"))
    ma = "MA-DGSN"
    people = [rec(ma, f"p{i}", "Person", name=f"Person {i}") for i in range(6)]
    calls = [rec(ma, f"k{i}", "Call", caller="p0", receiver=f"p{i}", date=f"2025-0{i}-10")
             for i in range(1, 6)]
    store.write([*people, *calls], Actor("t"))
    store.close()
    monkeypatch.setattr(state, "STORE_URL", str(tmp_path / "s.db"))
    out = tmp_path / "r.csv"
    result = run(app, "key-actors", "--agency", ma, "--purpose", "drug_trafficking",
                 "--periods", "quarter", "--output", str(out))
    assert result.exit_code == 0, result.output
    first = csv_rows(out)[0]
    assert first["node"] == "p0"
    assert "ranked over 2 periods" in first["reason"]  # January-March, April-May


def test_export_ego_network_csv(app: typer.Typer, broker_csv: Path, tmp_path: Path) -> None:
    result = run(app, "export", "--edges", str(broker_csv), "--format", "csv", "--output",
                 str(tmp_path / "ego"), "--ego", "X", "--depth", "1")
    assert result.exit_code == 0, result.output
    nodes = csv_rows(tmp_path / "ego-nodes.csv")
    assert sorted(r["id"] for r in nodes) == ["X", "a1", "a2", "b1", "b2"]
    edges = csv_rows(tmp_path / "ego-edges.csv")
    assert len(edges) == 6
    assert all(r["evidence"].startswith("broker.csv:") for r in edges)
    result = run(app, "export", "--edges", str(broker_csv), "--format", "pdf", "--output",
                 str(tmp_path / "g.pdf"))
    assert isinstance(result.exception, InvalidInput)
