"""Graph building from records: edges with evidence, resolved clusters, and the policy gate."""

from __future__ import annotations

from pathlib import Path

import pytest

from interlink.core import Agency, Viewer
from interlink.core.errors import InvalidInput
from interlink.network import build_network, key_actors, network_from_store
from interlink.store import Actor, open_store
from tests.network.conftest import rec

MA = "MA-DGSN"
FR = "FR-OFAST"


def case_records() -> list:
    return [
        rec(MA, "p1", "Person", name="Karim Benali", phone="+212600000001"),
        rec(MA, "p2", "Person", name="Yassine Tazi", phone="+212600000001"),
        rec(MA, "p3", "Person", name="Omar Idrissi", idNumber="AB123"),
        rec(MA, "p4", "Person", name="Omar Idrissy", idNumber="AB123"),
        rec(MA, "c1", "Company", name="Rif Trading SARL"),
        rec(MA, "f1", "Family", person="p1", relative="p3", relationship="brother"),
        rec(MA, "d1", "Directorship", director="p2", organization="c1"),
        rec(MA, "s1", "Seizure", name="1 t cannabis resin", commodity="cannabis resin",
            involved=["p1", "p4"], originCountry="ma", country="es", destinationCountry="fr",
            quantity="1000", unit="kg", date="2025-01-02"),
        rec(MA, "k1", "Call", caller="p1", receiverNumber="+212600000099", date="2025-01-01"),
        rec(MA, "p5", "Person", name="Hamid Kettani", phone="+212600000099"),
        rec(FR, "q1", "Person", name="Secret Source"),
        rec(FR, "a1", "Associate", person="q1", associate="p1"),
    ]


def _kinds(net, a: str, b: str) -> tuple[list[str], list[str]]:
    return net.edge_summary(net.index[a], net.index[b])


def test_edges_with_evidence() -> None:
    net = build_network(case_records(), Viewer("ali", MA))
    assert set(net.ids) == {"p1", "p2", "p3", "p4", "p5", "c1"}
    assert _kinds(net, "p1", "p3") == (["family"], ["f1"])
    assert _kinds(net, "p2", "c1") == (["directorship"], ["d1"])
    assert _kinds(net, "p1", "p2") == (["shared_phone"], ["p1", "p2"])
    assert _kinds(net, "p3", "p4") == (["shared_id"], ["p3", "p4"])
    assert _kinds(net, "p1", "p4") == (["co_involved"], ["s1"])
    # a call to a bare number reaches the one person known to hold it
    assert _kinds(net, "p1", "p5") == (["call"], ["k1"])
    route = net.routes[0]
    assert (route.kind, route.commodity, route.countries) == ("seizure", "cannabis resin",
                                                            ("ma", "es", "fr"))
    assert route.records == ("s1",)
    assert "commodity:cannabis resin" in net.node_topics(net.index["p1"])


def test_policy_gate_keeps_other_agencies_out() -> None:
    net = build_network(case_records(), Viewer("marie", FR))
    # FR sees its own person; its Associate record points at a Moroccan record it cannot
    # see, so it gives no edge and no node for p1
    assert net.ids == ["q1"]
    assert net.m == 0
    ma = build_network(case_records(), Viewer("ali", MA))
    assert "q1" not in ma.index
    assert all("a1" not in ev for ev in ma.evidence or [])


def test_clusters_merge_records_and_deduplicate_relations() -> None:
    records = [
        rec(MA, "ma-p1", "Person", name="كريم بنعلي"),
        rec(MA, "ma-p2", "Person", name="Yassine Tazi"),
        rec(MA, "ma-f1", "Associate", person="ma-p1", associate="ma-p2"),
        rec(MA, "ma-x1", "Associate", person="ma-p1", associate="ma-p2"),
        rec(MA, "ma-p1b", "Person", name="Karim Benali"),
    ]
    clusters = {"ma-p1": "P1", "ma-p1b": "P1", "ma-f1": "L1", "ma-x1": "L1"}
    net = build_network(records, Viewer("ali", MA), clusters)
    assert net.ids == ["P1", "ma-p2"]
    assert net.node_records(0) == ("ma-p1", "ma-p1b")
    assert net.m == 1  # two agencies' records of one relation: one edge citing both
    assert net.row_evidence(0) == ("ma-f1", "ma-x1")


def test_payments_between_accounts() -> None:
    records = [
        rec(MA, "p1", "Person", name="A"),
        rec(MA, "c1", "Company", name="B SARL"),
        rec(MA, "acc1", "BankAccount", iban="MA64011519000001205000534921", country="ma"),
        rec(MA, "acc2", "BankAccount", iban="FR7630006000011234567890189", country="fr"),
        rec(MA, "o1", "Ownership", owner="p1", asset="acc1"),
        rec(MA, "pay1", "Payment", payer="p1", payerAccount="acc1", beneficiary="c1",
            beneficiaryAccount="acc2", amount="5000", currency="EUR", date="2025-02-01"),
    ]
    net = build_network(records, Viewer("ali", MA))
    (p,) = net.payments
    assert (net.ids[p.source], net.ids[p.target], p.amount, p.records) == (
        "acc1", "acc2", 5000.0, ("pay1",))
    assert net.holdings[net.index["p1"]] == {net.index["acc1"]}
    assert _kinds(net, "p1", "c1") == (["payment"], ["pay1"])
    assert [r.countries for r in net.routes] == [("ma", "fr")]


def test_store_graph_honours_the_gate(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"), create=True)
    for code, country in ((MA, "MA"), (FR, "FR")):
        store.add_agency(Agency.create(code, country, name=code), Actor("t"))
    store.write(case_records(), Actor("t"))
    ma = network_from_store(store, Viewer("ali", MA, "drug_trafficking"))
    fr = network_from_store(store, Viewer("marie", FR, "drug_trafficking"))
    assert set(ma.ids) == {"p1", "p2", "p3", "p4", "p5", "c1"}
    assert fr.ids == ["q1"]
    store.close()


def test_store_graph_follows_grants(tmp_path: Path) -> None:
    """A record the owner shared with the viewer enters his graph; its neighbours that were
    not shared (the viewer gets at most a hit on them) do not, nor does a hit-level grant."""
    from interlink.policy.sharing import make_grant

    store = open_store(str(tmp_path / "s.db"), create=True)
    for code, country in ((MA, "MA"), (FR, "FR")):
        store.add_agency(Agency.create(code, country, name=code), Actor("t"))
    store.write([
        rec(MA, "p1", "Person", name="Karim Benali"),
        rec(MA, "p2", "Person", name="Yassine Tazi"),
        rec(MA, "p3", "Person", name="Omar Idrissi"),
        rec(MA, "f1", "Family", person="p1", relative="p2"),
        rec(MA, "a1", "Associate", person="p2", associate="p3"),
        rec(FR, "q1", "Person", name="Contact FR"),
    ], Actor("t"))
    owner = Actor("ali", MA)
    for record_id in ("p1", "p2", "f1"):
        make_grant(store, owner, record_id=record_id, recipient_agency=FR, purposes=["other"])
    make_grant(store, owner, record_id="p3", recipient_agency=FR, purposes=["other"],
               level="hit")
    fr = network_from_store(store, Viewer("marie", FR, "other"), batch=2)
    assert set(fr.ids) == {"p1", "p2", "q1"}
    assert fr.edge_summary(fr.index["p1"], fr.index["p2"]) == (["family"], ["f1"])
    # without the purpose the records were collected for, the grants do not apply
    assert set(network_from_store(store, Viewer("marie", FR, "terrorism")).ids) == {"q1"}
    store.close()


def test_periods_from_the_records_dates() -> None:
    """Calls, payments, meetings and dated relations put their tie in the period of their
    date; a tie without one (a shared phone, an undated family tie) holds in every period;
    key actors are then ranked per period."""
    records = [
        rec(MA, "p1", "Person", name="Karim Benali", phone="+212600000001"),
        rec(MA, "p2", "Person", name="Yassine Tazi", phone="+212600000001"),
        rec(MA, "p3", "Person", name="Omar Idrissi"),
        rec(MA, "p4", "Person", name="Hamid Kettani"),
        rec(MA, "f1", "Family", person="p1", relative="p3", relationship="brother"),
        rec(MA, "a1", "Associate", person="p3", associate="p4", startDate="2024-11-30"),
        rec(MA, "k1", "Call", caller="p1", receiver="p4", date="2025-01-01T10:00:00"),
        rec(MA, "k2", "Call", caller="p2", receiver="p4", date="2025-05-20"),
        rec(MA, "s1", "Seizure", name="1 t cannabis resin", commodity="cannabis resin",
            involved=["p2", "p3"], date="2025-02-14"),
    ]
    net = build_network(records, Viewer("ali", MA), periods="quarter")
    assert net.periods == ["2024-Q4", "2025-Q1", "2025-Q2"]
    assert net.period is not None and net.dates is not None

    def period_of(a: str, b: str) -> list[str]:
        rows = net.rows_between(net.index[a], net.index[b])
        return sorted(net.periods[net.period[r]] if net.period[r] >= 0 else "-" for r in rows)

    assert period_of("p1", "p4") == ["2025-Q1"]  # the call of 1 January
    assert period_of("p2", "p4") == ["2025-Q2"]
    assert period_of("p3", "p4") == ["2024-Q4"]  # the association's start
    assert period_of("p2", "p3") == ["2025-Q1"]  # the seizure's date
    assert period_of("p1", "p3") == ["-"]  # an undated family tie: every period
    assert period_of("p1", "p2") == ["-"]  # a shared phone
    assert net.periods_from_dates("year").periods == ["2024", "2025"]
    assert net.periods_from_dates("month").periods == ["2024-11", "2025-01", "2025-02",
                                                       "2025-05"]
    ranking = key_actors(net.periods_from_dates("quarter"), top=None)
    assert any(r.code == "periods" and r.params["n"] == 3 for r in ranking.actors[0].reasons)
    # no period asked for, or no dated row: no periods
    assert build_network(records, Viewer("ali", MA)).period is None
    undated = [r for r in records if r.id in ("p1", "p2", "p3", "f1")]
    assert build_network(undated, Viewer("ali", MA), periods="quarter").period is None
    with pytest.raises(InvalidInput):
        net.periods_from_dates("fortnight")
