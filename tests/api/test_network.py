"""GET /network/...: the analysis sees only the viewer's graph."""

from __future__ import annotations

from tests.api.test_story import DT, api  # noqa: F401 - the fixture


def _payments(prefix: str) -> list[dict]:
    accounts = [{"id": f"{prefix}-a{i}", "schema": "BankAccount",
                 "properties": {"accountNumber": [f"{prefix.upper()}00{i}"]}} for i in range(3)]
    pays = [{"id": f"{prefix}-pay{i}", "schema": "Payment", "properties": {
        "payer": [f"{prefix}-a{i}"], "beneficiary": [f"{prefix}-a{(i + 1) % 3}"],
        "amount": ["50000"], "currency": ["EUR"], "date": [f"2026-01-0{i + 1}"]}}
        for i in range(3)]
    return accounts + pays


def test_network_is_the_viewers_own(api) -> None:  # noqa: F811
    client, tok, store = api
    client.post("/api/v1/records", headers=tok["ali"],
                json={"records": _payments("ma"), "terms": {"purposes": [DT]}})
    assert client.get("/api/v1/network/key-actors", headers=tok["ali"]).status_code == 400
    own = client.get("/api/v1/network/key-actors", params={"purpose": DT}, headers=tok["ali"])
    assert own.status_code == 200 and {a["id"] for a in own.json()} == {"ma-a0", "ma-a1", "ma-a2"}
    money = client.get("/api/v1/network/money", params={"purpose": DT}, headers=tok["ali"])
    kinds = {f["kind"] for f in money.json()}
    assert "round_trip" in kinds
    assert all(r.startswith("ma-pay") for f in money.json() for r in f["records"])
    theirs = client.get("/api/v1/network/key-actors", params={"purpose": DT},
                        headers=tok["marie"])
    assert theirs.json() == []
    assert client.get("/api/v1/network/communities", params={"purpose": DT},
                      headers=tok["marie"]).json() == []
    # each analysis is audited with its purpose and the ids its answer disclosed
    with store.engine.connect() as conn:
        from interlink.audit import chain

        analyses = list(chain.entries(conn, action="analysis"))
    by_kind = {(e.actor, e.details["view"]): e for e in analyses}
    assert set(by_kind[("ali", "key-actors")].subjects) == {"ma-a0", "ma-a1", "ma-a2"}
    money_ids = {x for f in money.json() for x in f["nodes"] + f["records"]}
    assert set(by_kind[("ali", "money")].subjects) == money_ids
    assert by_kind[("marie", "key-actors")].subjects == []
    assert by_kind[("marie", "key-actors")].purpose == DT
