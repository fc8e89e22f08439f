"""Two agencies through the API: invisible, hit only, granted, full, revoked, all audited."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from interlink.core import Agency
from interlink.identity import add_user, create_token
from interlink.server import create_app
from interlink.store import Actor
from tests.conftest import ACTOR

PASSWORD = "a long enough password"
DT = "drug_trafficking"


@pytest.fixture
def api(store):  # type: ignore[no-untyped-def]
    store.add_agency(Agency.create("ES-DAVA", "ES", name="DAVA"), ACTOR)
    add_user(store, "ali", "MA-DGSN", "analyst", ACTOR, password=PASSWORD)
    add_user(store, "sara", "MA-DGSN", "supervisor", ACTOR, password=PASSWORD)
    add_user(store, "marie", "FR-OFAST", "analyst", ACTOR, password=PASSWORD)
    client = TestClient(create_app(store))
    tokens = {}
    for login in ("ali", "sara", "marie"):
        r = client.post("/api/v1/auth/login", json={"login": login, "password": PASSWORD})
        assert r.status_code == 200, r.text
        tokens[login] = {"Authorization": f"Bearer {r.json()['token']}"}
    return client, tokens, store


PERSON = {"id": "ma-p1", "schema": "Person",
          "properties": {"name": ["محمد عمره"], "birthDate": ["1990-01-02"]}}


def test_the_whole_story(api) -> None:  # type: ignore[no-untyped-def]
    client, tok, store = api
    r = client.post("/api/v1/records", headers=tok["ali"], json={
        "records": [PERSON], "terms": {"tlp": "AMBER", "purposes": [DT], "handling": "H2"}})
    assert r.status_code == 201 and r.json()["created"] == 1
    own = client.get("/api/v1/records/ma-p1", headers=tok["ali"])
    assert own.status_code == 200 and own.json()["properties"]["name"] == ["محمد عمره"]

    # the partner: no purpose, nothing; with a purpose, a hit only (owner and reference)
    assert client.get("/api/v1/records/ma-p1", headers=tok["marie"]).status_code == 404
    hit = client.get("/api/v1/records/ma-p1", params={"purpose": DT}, headers=tok["marie"])
    assert hit.status_code == 200
    assert hit.json() == {"id": "ma-p1", "hit_only": True, "owner": "MA-DGSN",
                          "reference": "ma-p1"}
    absent = client.get("/api/v1/records/nope", params={"purpose": DT}, headers=tok["marie"])
    assert absent.status_code == 404 and absent.json() == client.get(
        "/api/v1/records/ma-p1", headers=tok["marie"]).json()  # same 404 for both

    g = client.post("/api/v1/grants", headers=tok["ali"], json={
        "record_id": "ma-p1", "recipient_agency": "FR-OFAST", "purposes": [DT],
        "reason": "RFI from OFAST"})
    assert g.status_code == 201, g.text
    full = client.get("/api/v1/records/ma-p1", params={"purpose": DT}, headers=tok["marie"])
    assert full.json()["hit_only"] is False and full.json()["properties"]["birthDate"]
    # H2: the recipient cannot pass it on
    again = client.post("/api/v1/grants", headers=tok["marie"], json={
        "record_id": "ma-p1", "recipient_agency": "ES-DAVA", "purposes": [DT],
        "parent": g.json()["id"]})
    assert again.status_code == 400 and "H2" in again.json()["detail"]
    # only the grantor revokes
    assert client.delete(f"/api/v1/grants/{g.json()['id']}",
                         headers=tok["marie"]).status_code == 400
    assert client.delete(f"/api/v1/grants/{g.json()['id']}",
                         headers=tok["ali"]).status_code == 204
    after = client.get("/api/v1/records/ma-p1", params={"purpose": DT}, headers=tok["marie"])
    assert after.json()["hit_only"] is True

    # audited, and the supervisor sees her agency's log and its verification
    assert client.get("/api/v1/audit", headers=tok["ali"]).status_code == 403
    log = client.get("/api/v1/audit", headers=tok["sara"], params={"limit": 1000}).json()
    actions = [e["action"] for e in log]
    assert "grant" in actions and "revocation" in actions and "collection" in actions
    assert all(e["agency"] == "MA-DGSN" for e in log)
    assert client.get("/api/v1/audit/verify", headers=tok["sara"]).json()["ok"] is True
    with store.engine.connect() as conn:
        from interlink.audit import chain

        reads = [e for e in chain.entries(conn, action="consultation", agency="FR-OFAST")]
    assert [e.details["result"] for e in reads] == ["none", "hit", "none", "none", "full",
                                                     "hit"]
    assert reads[1].purpose == DT


def test_tokens_and_login(api) -> None:  # type: ignore[no-untyped-def]
    client, tok, store = api
    assert client.get("/api/v1/records/x").status_code == 401
    bad = {"Authorization": "Bearer il_0000000000000000_nope"}
    assert client.get("/api/v1/records/x", headers=bad).status_code == 401
    token_id, token = create_token(store, "marie", Actor("t"))
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/records/x", headers=headers).status_code == 404
    from interlink.identity import revoke_token

    revoke_token(store, token_id, Actor("t"))
    assert client.get("/api/v1/records/x", headers=headers).status_code == 401
    codes = [client.post("/api/v1/auth/login", json={"login": "ali", "password": "wrong"})
             .status_code for _ in range(6)]
    assert codes[:4] == [401] * 4 and codes[-1] == 429  # 1 login above + 4 wrong, then limited


def test_bad_input_is_refused_whole(api) -> None:  # type: ignore[no-untyped-def]
    client, tok, store = api
    r = client.post("/api/v1/records", headers=tok["ali"], json={"records": [
        PERSON, {"id": "x", "schema": "Person", "properties": {"birthDate": ["1990-13-01"]}}]})
    assert r.status_code == 400
    assert r.json()["detail"]["errors"][0]["field"] == "birthDate"
    assert store.count() == 0
    r = client.post("/api/v1/records", headers=tok["ali"],
                    json={"records": [PERSON], "terms": {"tlp": "ORANGE"}})
    assert r.status_code == 400 and "TLP" in r.json()["detail"]
    huge = client.post("/api/v1/records", headers={**tok["ali"], "Content-Length": "99999999999"},
                       content=b"{}")
    assert huge.status_code == 413
    bad = client.get("/api/v1/records/ma-p1", params={"purpose": "x' OR 1=1 --"},
                     headers=tok["marie"])
    assert bad.status_code == 400
