"""/api/v1/charts: a user's saved charts, drawn again from what they may see now."""

from __future__ import annotations

from tests.api.test_story import DT, api  # noqa: F401 - the fixture

RECORDS = [
    {"id": "ma-p1", "schema": "Person", "properties": {"name": ["Karim Benali"]}},
    {"id": "ma-p2", "schema": "Person", "properties": {"name": ["Youssef Alaoui"]}},
    {"id": "ma-p3", "schema": "Person", "properties": {"name": ["Nadia Tazi"]}},
    {"id": "ma-k1", "schema": "Associate", "properties": {
        "person": ["ma-p1"], "associate": ["ma-p2"]}},
    {"id": "ma-k2", "schema": "Associate", "properties": {
        "person": ["ma-p2"], "associate": ["ma-p3"]}},
]


def test_save_list_open_delete(api) -> None:  # noqa: F811
    client, tok, _store = api
    r = client.post("/api/v1/records", headers=tok["ali"],
                    json={"records": RECORDS, "terms": {"purposes": [DT]}})
    assert r.status_code == 201, r.text
    made = client.post("/api/v1/charts", params={"purpose": DT}, headers=tok["ali"], json={
        "name": "Benali cell", "centres": ["ma-p1"], "notes": "ask FIOD about ma-p3",
        "depth": 2})
    assert made.status_code == 201, made.text
    chart = made.json()
    assert chart["centres"] == ["ma-p1"] and chart["notes"] == "ask FIOD about ma-p3"
    listed = client.get("/api/v1/charts", headers=tok["ali"]).json()
    assert [c["name"] for c in listed] == ["Benali cell"]
    opened = client.get(f"/api/v1/charts/{chart['id']}", params={"purpose": DT},
                        headers=tok["ali"])
    assert opened.status_code == 200, opened.text
    ids = {n["data"]["id"] for n in opened.json()["elements"]["nodes"]}
    assert ids == {"ma-p1", "ma-p2", "ma-p3"}  # depth 2 from ma-p1
    # the same chart at depth 1 stops at the neighbour
    near = client.post("/api/v1/charts", params={"purpose": DT}, headers=tok["ali"], json={
        "name": "near", "centres": ["ma-p1"], "depth": 1}).json()
    drawn = client.get(f"/api/v1/charts/{near['id']}", params={"purpose": DT},
                       headers=tok["ali"]).json()
    assert {n["data"]["id"] for n in drawn["elements"]["nodes"]} == {"ma-p1", "ma-p2"}
    assert client.delete(f"/api/v1/charts/{chart['id']}", headers=tok["ali"]).status_code == 204
    assert client.get(f"/api/v1/charts/{chart['id']}", params={"purpose": DT},
                      headers=tok["ali"]).status_code == 404
    assert [c["name"] for c in client.get("/api/v1/charts", headers=tok["ali"]).json()] == [
        "near"]


def test_refused_without_a_visible_centre(api) -> None:  # noqa: F811
    client, tok, _store = api
    client.post("/api/v1/records", headers=tok["ali"],
                json={"records": RECORDS, "terms": {"purposes": [DT]}})
    # marie (another agency) cannot centre a chart on ali's records, nor on nothing
    for centres in (["ma-p1"], ["no-such-record"]):
        r = client.post("/api/v1/charts", params={"purpose": DT}, headers=tok["marie"],
                        json={"name": "x", "centres": centres})
        assert r.status_code == 400 and r.json()["field"] == "centres"
    bad = client.post("/api/v1/charts", params={"purpose": DT}, headers=tok["ali"],
                      json={"name": "", "centres": ["ma-p1"]})
    assert bad.status_code == 422
