"""The story of issue 4 end to end: ingest, invisible, hit only, request, grant, full view,
revoke, invisible again; all audited; the audit verifies."""

from __future__ import annotations

from interlink.audit import chain
from tests.api.test_story import DT, PERSON, api  # noqa: F401 - the fixture


def test_hit_request_grant_revoke(api) -> None:  # noqa: F811
    client, tok, store = api
    client.post("/api/v1/records", headers=tok["ali"],
                json={"records": [PERSON], "terms": {"purposes": [DT]}})
    get = lambda: client.get("/api/v1/records/ma-p1", params={"purpose": DT},  # noqa: E731
                             headers=tok["marie"])
    assert client.get("/api/v1/records/ma-p1", headers=tok["marie"]).status_code == 404
    hits = client.get("/api/v1/search", params={"q": "Mohamed Amra", "purpose": DT},
                      headers=tok["marie"]).json()["hits"]
    assert hits[0]["owner"] == "MA-DGSN" and get().json()["hit_only"] is True

    nothing = client.post("/api/v1/requests", headers=tok["marie"],
                          json={"record_id": "nope", "purpose": DT})
    assert nothing.status_code == 404
    r = client.post("/api/v1/requests", headers=tok["marie"], json={
        "record_id": hits[0]["reference"], "purpose": DT, "message": "Joint case JIT-2026/4"})
    assert r.status_code == 201, r.text
    request_id = r.json()["id"]
    incoming = client.get("/api/v1/requests", headers=tok["ali"]).json()
    assert [x["id"] for x in incoming] == [request_id] and incoming[0]["requester"] == "FR-OFAST"
    assert client.get("/api/v1/requests", headers=tok["marie"]).json() == []
    # the requester cannot answer her own request
    assert client.post(f"/api/v1/requests/{request_id}/answer", headers=tok["marie"],
                       json={"decision": "grant", "reason": "me"}).status_code == 400
    a = client.post(f"/api/v1/requests/{request_id}/answer", headers=tok["ali"],
                    json={"decision": "grant", "reason": "same network"})
    assert a.status_code == 200 and a.json()["status"] == "granted"
    assert get().json()["hit_only"] is False
    assert client.delete(f"/api/v1/grants/{a.json()['grant_id']}",
                         headers=tok["ali"]).status_code == 204
    assert get().json()["hit_only"] is True

    # a second request is refused, with its reason
    r2 = client.post("/api/v1/requests", headers=tok["marie"],
                     json={"record_id": "ma-p1", "purpose": DT}).json()
    refused = client.post(f"/api/v1/requests/{r2['id']}/answer", headers=tok["ali"],
                          json={"decision": "refuse", "reason": "ongoing undercover operation"})
    assert refused.json()["status"] == "refused"
    outgoing = client.get("/api/v1/requests", params={"box": "outgoing"},
                          headers=tok["marie"]).json()
    assert [x["answer"] for x in outgoing] == ["same network", "ongoing undercover operation"]

    with store.engine.connect() as conn:
        actions = [e.action for e in chain.entries(conn)]
        assert chain.verify(conn).ok
    for action in ("collection", "consultation", "search", "request", "grant", "revocation",
                   "refusal"):
        assert action in actions, action
