"""The resolution routes: review through the gate, judge, retract, the entity view."""

from __future__ import annotations

from interlink.audit import chain
from interlink.resolve import resolve_store
from interlink.store import Actor
from tests.api.test_story import DT, api  # noqa: F401 - the fixture


def _person(rid: str, name: str, born: str) -> dict:
    return {"id": rid, "schema": "Person", "properties": {"name": [name], "birthDate": [born]}}


def test_review_judge_retract_entity(api) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    client, tok, store = api
    for who, people in (("ali", [_person("ma-1", "محمد عمره", "1990-03-04"),
                                 _person("ma-2", "كريم بناني", "1979-11-02")]),
                        ("marie", [_person("fr-1", "Mohamed Amra", "1990-03-04"),
                                   _person("fr-2", "Karim Bennani", "1979-11-02")])):
        r = client.post("/api/v1/records", headers=tok[who],
                        json={"records": people, "terms": {"purposes": [DT]}})
        assert r.status_code == 201, r.text
    resolve_store(store, Actor("operator", None))
    get = lambda who, path, **p: client.get(f"/api/v1/resolution/{path}",  # noqa: E731
                                            params={"purpose": DT, **p}, headers=tok[who])

    # nothing shared yet: MA is offered no cross-agency pair, and its entity is built from
    # what it sees in full only: FR's member is not even named (that another agency's record
    # resembles this one is no answer to any search MA made)
    assert get("ali", "candidates").json() == []
    entity = get("ali", "entities/ma-1").json()
    assert [m["id"] for m in entity["members"]] == ["ma-1"]
    assert entity["hits"] == []
    assert get("ali", "entities/nope").status_code == 404
    assert client.get("/api/v1/resolution/candidates", headers=tok["ali"]).status_code == 422

    grant = client.post("/api/v1/grants", headers=tok["marie"], json={
        "record_id": "fr-1", "recipient_agency": "MA-DGSN", "purposes": [DT], "reason": "JIT"})
    assert grant.status_code == 201, grant.text
    pairs = get("ali", "candidates").json()
    assert [(p["left_id"], p["right_id"]) for p in pairs] == [("fr-1", "ma-1")]
    assert pairs[0]["left"]["properties"]["name"] == ["Mohamed Amra"]
    assert pairs[0]["explanation"]["comparisons"]

    bad = client.post("/api/v1/resolution/judgements", headers=tok["ali"], json={
        "left_id": "ma-2", "right_id": "fr-2", "verdict": "same", "purpose": DT})
    assert bad.status_code == 404  # fr-2 is not MA's to see: as if it did not exist
    assert client.post("/api/v1/resolution/judgements", headers=tok["ali"], json={
        "left_id": "ma-2", "right_id": "no-such", "verdict": "same", "purpose": DT,
    }).json() == bad.json()
    made = client.post("/api/v1/resolution/judgements", headers=tok["ali"], json={
        "left_id": "ma-1", "right_id": "fr-1", "verdict": "different", "purpose": DT,
        "reason": "different fathers"})
    assert made.status_code == 201, made.text
    jid = made.json()["id"]
    assert get("ali", "entities/ma-1").json()["members"][0]["id"] == "ma-1"
    assert len(get("ali", "entities/ma-1").json()["members"]) == 1
    listed = client.get("/api/v1/resolution/judgements", headers=tok["ali"]).json()
    assert [j["id"] for j in listed] == [jid]
    assert client.get("/api/v1/resolution/judgements", headers=tok["marie"]).json() == []
    assert client.post(f"/api/v1/resolution/judgements/{jid}/retract", headers=tok["marie"],
                       json={}).status_code == 400
    r = client.post(f"/api/v1/resolution/judgements/{jid}/retract", headers=tok["ali"],
                    json={"reason": "checked the fathers again"})
    assert r.status_code == 200 and r.json()["active"] is False
    entity = get("ali", "entities/ma-1").json()
    assert sorted(m["id"] for m in entity["members"]) == ["fr-1", "ma-1"]
    assert entity["members"][0]["envelope"]["owner"] in ("FR-OFAST", "MA-DGSN")

    with store.engine.connect() as conn:
        actions = [e.action for e in chain.entries(conn)]
        assert chain.verify(conn).ok
    assert {"judgement", "retraction", "consultation", "resolution"} <= set(actions)
