"""The viewer's graph brought up to date after a change (issue 14, point 3): writes,
updates, grants, revocations and erasures are read back from the audit log and only the
records they name are judged again; the graph must then be the one a full rebuild from the
store gives, node for node and link for link, raw and resolved alike."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from interlink.access import graph
from interlink.core import Agency, Envelope, Record, Viewer
from interlink.network import Network, network_from_store
from interlink.policy.sharing import make_grant, revoke_grant
from interlink.store import Actor, SQLStore

DT = "drug_trafficking"
MA = Actor(user="ali", agency="MA-DGSN")
FR = Actor(user="marie", agency="FR-OFAST")
PHONE = "+212600000001"


def rec(agency: str, id_: str, schema: str, **props: Any) -> Record:
    properties = {k: v if isinstance(v, list) else [v] for k, v in props.items()}
    return Record.from_dict({"id": id_, "schema": schema, "properties": properties},
                            Envelope(owner=agency, purposes=frozenset({DT})))


def canonical(net: Network) -> dict[str, Any]:
    """Everything the analyses read, independent of node numbering."""
    ids = net.ids
    assert net.labels is not None and net.records is not None and net.evidence is not None
    return {
        "nodes": {ids[i]: (net.labels[i], net.schema(i), net.countries[i],  # type: ignore[index]
                           net.records[i], net.topics[i])  # type: ignore[index]
                  for i in range(net.n)},
        "edges": sorted(
            (ids[a], ids[b], net.kinds[k], round(w, 9), ev)
            for a, b, w, k, ev in zip(net.src.tolist(), net.dst.tolist(), net.weight.tolist(),
                                      net.kind.tolist(), net.evidence, strict=True)),
        "payments": sorted(
            (p.id, p.records, ids[p.source], ids[p.target], p.amount, p.currency, p.date)
            for p in net.payments),
        "routes": sorted(repr(dataclasses.astuple(r)) for r in net.routes),
        "holdings": {ids[k]: sorted(ids[v] for v in vs) for k, vs in net.holdings.items()},
    }


def _check(store: SQLStore, viewer: Viewer, resolved: bool, how: str) -> Network:
    cached = graph.graph_for(store, viewer, wait=None, resolved=resolved)
    assert cached is not None and cached.how == how
    clusters = graph.clusters_seen(store, viewer) if resolved else None
    assert canonical(cached.net) == canonical(network_from_store(store, viewer, clusters))
    return cached.net


@pytest.mark.parametrize("resolved", [False, True])
def test_incremental_graph_equals_a_full_rebuild(store: SQLStore, resolved: bool) -> None:
    graph.clear()
    viewer = Viewer("ali", "MA-DGSN", DT)
    store.write([
        rec("MA-DGSN", "ma-p1", "Person", name="Karim Benali", phone=PHONE, country="ma"),
        rec("MA-DGSN", "ma-p2", "Person", name="Youssef Alaoui"),
        rec("MA-DGSN", "ma-k1", "Associate", person="ma-p1", associate="ma-p2"),
        rec("MA-DGSN", "ma-a1", "BankAccount", accountNumber="MA001"),
        rec("MA-DGSN", "ma-a2", "BankAccount", accountNumber="MA002"),
        rec("MA-DGSN", "ma-own", "Ownership", owner="ma-p1", asset="ma-a1"),
        rec("MA-DGSN", "ma-pay1", "Payment", payer="ma-p1", payerAccount="ma-a1",
            beneficiary="ma-a2", amount="25000", currency="EUR", date="2024-02-01"),
    ], MA)
    store.write([
        rec("FR-OFAST", "fr-p1", "Person", name="Karim BENALI", phone=PHONE, country="fr"),
        rec("FR-OFAST", "fr-p2", "Person", name="Luc Martin"),
    ], FR)
    first = _check(store, viewer, resolved, "full")
    assert "fr-p1" not in first.ids

    # new records: a person and a call to him
    store.write([rec("MA-DGSN", "ma-p3", "Person", name="Nadia Tazi"),
                 rec("MA-DGSN", "ma-c1", "Call", caller="ma-p2", receiver="ma-p3",
                     date="2024-03-05")], MA)
    net = _check(store, viewer, resolved, "incremental")
    assert "ma-p3" in net.ids

    # an update: a new name, the phone gone, an address
    store.write([rec("MA-DGSN", "ma-p1", "Person", name="Karim Ben Ali", country="ma",
                     address="12 rue de Fes, Rabat")], MA)
    net = _check(store, viewer, resolved, "incremental")
    assert net.label(net.index["ma-p1"]) == "Karim Ben Ali"

    # a grant brings a French record in, with the phone it shares with ma-p2 now
    store.write([rec("MA-DGSN", "ma-p2", "Person", name="Youssef Alaoui", phone=PHONE)], MA)
    made = make_grant(store, FR, record_id="fr-p1", recipient_agency="MA-DGSN",
                      purposes=[DT], reason="RFI")
    net = _check(store, viewer, resolved, "incremental")
    assert "fr-p1" in net.ids and net.rows_between(net.index["fr-p1"], net.index["ma-p2"])

    # its revocation takes it out again
    revoke_grant(store, made.id, FR, "case closed")
    net = _check(store, viewer, resolved, "incremental")
    assert "fr-p1" not in net.ids

    # an erasure takes the person and his call out
    store.erase("ma-p3", MA, "wrongly collected")
    net = _check(store, viewer, resolved, "incremental")
    assert "ma-p3" not in net.ids and not any("ma-c1" in e for e in net.evidence or [])

    # a change that is not about named records (a new agency) rebuilds from the store
    store.add_agency(Agency.create("ES-DAVA", "ES", name="DAVA"), MA)
    _check(store, viewer, resolved, "full")


def test_changed_records_reads_the_audit_log(store: SQLStore) -> None:
    graph.clear()
    start = graph.fingerprint(store)
    since = max(start[:-1])
    store.write([rec("MA-DGSN", "ma-x", "Person", name="X"),
                 rec("MA-DGSN", "ma-y", "Person", name="Y")], MA)
    assert graph.changed_records(store, since) == {"ma-x", "ma-y"}
    assert graph.changed_records(store, since, limit=1) is None  # too many: rebuild
    store.add_agency(Agency.create("ES-DAVA", "ES", name="DAVA"), MA)
    assert graph.changed_records(store, since) is None
