"""Search across scripts through the gate: full for what one may see, hits for the rest."""

from __future__ import annotations

from interlink.audit import chain
from tests.api.test_story import DT, PERSON, api  # noqa: F401 - the fixture

FR_PERSON = {"id": "fr-p1", "schema": "Person",
             "properties": {"name": ["Mohamed Amra"], "birthDate": ["1990-01-02"]}}
RED_PERSON = {"id": "fr-p2", "schema": "Person", "properties": {"name": ["Mohammed Omara"]}}
PASSPORT = {"id": "fr-pp1", "schema": "Passport",
            "properties": {"holder": ["fr-p1"], "number": ["12AB34567"]}}


def test_cross_script_search_gives_full_and_hit_only_results(api) -> None:  # noqa: F811
    client, tok, store = api
    client.post("/api/v1/records", headers=tok["ali"],
                json={"records": [PERSON], "terms": {"purposes": [DT]}})
    client.post("/api/v1/records", headers=tok["marie"],
                json={"records": [FR_PERSON, PASSPORT], "terms": {"purposes": [DT]}})
    client.post("/api/v1/records", headers=tok["marie"],
                json={"records": [RED_PERSON], "terms": {"purposes": [DT], "tlp": "RED"}})

    r = client.get("/api/v1/search", params={"q": "Mohamed Amra"}, headers=tok["ali"])
    assert r.status_code == 400  # no purpose, no search

    r = client.get("/api/v1/search", params={"q": "محمد عمره", "purpose": DT},
                   headers=tok["marie"])
    body = r.json()
    # her own records, in Latin script (her RED one too: it is hers)
    assert {x["id"] for x in body["results"]} == {"fr-p1", "fr-p2"}
    assert body["hits"] == [{"id": "ma-p1", "owner": "MA-DGSN", "reference": "ma-p1",
                             "hit_only": True, "score": 1.0}]

    r = client.get("/api/v1/search", params={"q": "Mohamed Amra", "purpose": DT},
                   headers=tok["ali"])
    body = r.json()
    assert [x["id"] for x in body["results"]] == ["ma-p1"]
    assert [x["id"] for x in body["hits"]] == ["fr-p1"]  # the RED record is not even a hit
    assert "properties" not in body["hits"][0]

    by_date = client.get("/api/v1/search", params={"q": "1990-01-02", "purpose": DT},
                         headers=tok["ali"]).json()
    assert {x["id"] for x in by_date["hits"]} == {"fr-p1"}
    by_doc = client.get("/api/v1/search", params={"q": "12 AB 34567", "purpose": DT},
                        headers=tok["ali"]).json()
    assert [x["id"] for x in by_doc["hits"]] == ["fr-pp1"]
    other = client.get("/api/v1/search", params={"q": "Mohamed Amra", "purpose": "terrorism"},
                       headers=tok["ali"]).json()
    # outside the purposes the partner's records were collected for: not even a hit
    assert [x["id"] for x in other["results"]] == ["ma-p1"] and other["hits"] == []

    with store.engine.connect() as conn:
        searches = list(chain.entries(conn, action="search"))
        refusals = list(chain.entries(conn, action="refusal"))
    assert searches[0].purpose == DT and set(searches[0].subjects) == {"fr-p1", "fr-p2", "ma-p1"}
    assert searches[0].details["query"] == "محمد عمره"
    assert refusals[0].actor == "ali" and "purpose" in refusals[0].reason
