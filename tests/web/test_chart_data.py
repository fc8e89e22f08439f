"""The chart's data as analysts use it (issue 14, point 4): every link lists its evidence
records with their owner agency and date, a name in any script can be the centre, and an
agency is never told of evidence it may not see. On the small world of tests/security."""

from __future__ import annotations

from typing import Any

from interlink.audit import chain
from tests.security.conftest import PHONE, World, world  # noqa: F401  (the world fixture)

FR_SHARED = {"id": "fr-shared", "schema": "Person",
             "properties": {"name": ["Youssef Benali"], "phone": [PHONE]}}


def _data(w: World, login: str, ids: str, **more: Any) -> dict[str, Any]:
    r = w.browser(login).get("/chart/data", params={"ids": ids, "depth": 2, "raw": 1, **more})
    assert r.status_code == 200, r.text
    return r.json()


def _edge(data: dict[str, Any], a: str, b: str) -> dict[str, Any]:
    for e in data["edges"]:
        if {e["data"]["source"], e["data"]["target"]} == {a, b}:
            return e["data"]
    raise AssertionError(f"no link {a}~{b} in {[e['data']['id'] for e in data['edges']]}")


def test_each_link_names_its_evidence_with_owner(world: World) -> None:  # noqa: F811
    assert world.write("marie", FR_SHARED).status_code == 201
    assert world.grant("marie", "fr-shared", "MA-DGSN").status_code == 201
    data = _data(world, "ali", "ma-p1")
    edge = _edge(data, "ma-p1", "fr-shared")
    owners = {s["id"]: s["owner"] for s in edge["sources"]}
    assert owners.get("fr-shared") == "FR-OFAST" and owners.get("ma-p1") == "MA-DGSN"
    assert [s["id"] for s in edge["sources"]] == edge["evidence"]
    assert all(set(s) == {"id", "owner", "date"} for s in edge["sources"])


def test_a_link_is_dated_by_its_evidence(world: World) -> None:  # noqa: F811
    assert world.write("ali", {"id": "ma-p2", "schema": "Person",
                               "properties": {"name": ["Rachid Tazi"]}}).status_code == 201
    assert world.write("ali", {"id": "ma-call", "schema": "Call", "properties": {
        "caller": ["ma-p1"], "receiver": ["ma-p2"], "date": ["2024-03-05"]}}).status_code == 201
    edge = _edge(_data(world, "ali", "ma-p1"), "ma-p1", "ma-p2")
    assert {"id": "ma-call", "owner": "MA-DGSN", "date": "2024-03-05"} in edge["sources"]
    assert edge["date"] == "2024-03-05"
    # a person's birth date never dates a link (fr-p1 has one; ma-p1 none)
    assert all(s["date"] != "1990-01-02" for e in _data(world, "ali", "ma-p1")["edges"]
               for s in e["data"]["sources"])


def test_expand_by_entity_type(world: World) -> None:  # noqa: F811
    for record in ({"id": "ma-p2", "schema": "Person", "properties": {"name": ["Rachid Tazi"]}},
                   {"id": "ma-call", "schema": "Call",
                    "properties": {"caller": ["ma-p1"], "receiver": ["ma-p2"]}},
                   {"id": "ma-co", "schema": "Company", "properties": {"name": ["Tazi SARL"]}},
                   {"id": "ma-dir", "schema": "Directorship",
                    "properties": {"director": ["ma-p1"], "organization": ["ma-co"]}}):
        assert world.write("ali", record).status_code == 201
    every = {n["data"]["id"] for n in _data(world, "ali", "ma-p1", depth=1)["nodes"]}
    assert {"ma-p1", "ma-p2", "ma-co"} <= every
    companies = _data(world, "ali", "ma-p1", depth=1, types="Company")
    assert {n["data"]["id"] for n in companies["nodes"]} == {"ma-p1", "ma-co"}
    assert {n["data"]["schema"] for n in companies["nodes"]} == {"Person", "Company"}
    people = _data(world, "ali", "ma-p1", depth=1, types="Person")
    assert "ma-co" not in {n["data"]["id"] for n in people["nodes"]}
    assert "ma-p2" in {n["data"]["id"] for n in people["nodes"]}
    # the page offers the types of the viewer's graph
    page = world.browser("ali").get("/chart", params={"ids": "ma-p1"}).text
    assert '<option value="Company">' in page


def test_evidence_the_viewer_may_not_see_is_never_named(world: World) -> None:  # noqa: F811
    # fr-red (TLP:RED, not shared) holds the same phone as ma-p1: the French analyst's graph
    # links them only if it holds ma-p1, which MA never shared; ali's graph never holds fr-red
    assert world.write("marie", FR_SHARED).status_code == 201
    assert world.grant("marie", "fr-shared", "MA-DGSN").status_code == 201
    text = world.browser("ali").get("/chart/data", params={"ids": "ma-p1", "depth": 3}).text
    assert "fr-red" not in text and "RED-ID-99" not in text
    assert "fr-red" not in world.browser("ali").get(
        "/chart/gexf", params={"ids": "ma-p1", "depth": 3}).text
    # once fr-red is granted to ali alone, ali sees it as evidence; aya (same agency) does not
    assert world.grant("marie", "fr-red", "MA-DGSN", users=["ali"]).status_code == 201
    seen = _data(world, "ali", "ma-p1")
    assert "fr-red" in {s["id"] for e in seen["edges"] for s in e["data"]["sources"]}
    assert "fr-red" not in world.browser("aya").get(
        "/chart/data", params={"ids": "ma-p1", "depth": 3}).text


def test_a_name_in_any_script_can_be_the_centre(world: World) -> None:  # noqa: F811
    assert world.write("marie", FR_SHARED).status_code == 201
    assert world.grant("marie", "fr-shared", "MA-DGSN").status_code == 201
    # the Latin spelling of the Arabic name of ma-p1
    found = world.browser("ali").get("/chart/search", params={"q": "Mohamed Amra"}).json()
    assert "ma-p1" in [r["id"] for r in found["results"]]
    assert all(r["owner"] for r in found["results"])
    by_name = _data(world, "ali", "محمد عمره")
    centres = [n["data"]["id"] for n in by_name["nodes"] if n["data"]["centre"]]
    assert centres == ["ma-p1"]
    # the record id still works, and draws the same chart
    by_id = _data(world, "ali", "ma-p1")
    assert sorted(n["data"]["id"] for n in by_id["nodes"]) == sorted(
        n["data"]["id"] for n in by_name["nodes"])
    # a name nobody the viewer sees bears draws nothing
    assert _data(world, "ali", "Karim Strict")["nodes"] == []
    # each name typed was searched as the search page does it, audited with its query
    with world.store.engine.connect() as conn:
        queries = [e.details.get("query") for e in chain.entries(conn, action="search")
                   if e.actor == "ali"]
    assert "Mohamed Amra" in queries and "محمد عمره" in queries


def test_gexf_export(world: World) -> None:  # noqa: F811
    assert world.write("marie", FR_SHARED).status_code == 201
    assert world.grant("marie", "fr-shared", "MA-DGSN").status_code == 201
    r = world.browser("ali").get("/chart/gexf", params={"ids": "ma-p1", "depth": 2})
    assert r.status_code == 200 and "<gexf" in r.text and "fr-shared" in r.text
    assert r.headers["content-disposition"].endswith('.gexf"')


def _centre_records(w: World, login: str, rid: str) -> list[str]:
    r = w.browser(login).get("/chart/data", params={"ids": rid, "depth": 1})
    return next(n["data"]["records"] for n in r.json()["nodes"] if n["data"]["centre"])


def test_merge_and_split_from_the_chart(world: World) -> None:  # noqa: F811
    assert world.write("ali", {"id": "ma-p2", "schema": "Person",
                               "properties": {"name": ["Rachid Tazi"]}}).status_code == 201
    assert sorted(_centre_records(world, "ali", "ma-p1")) == ["ma-p1"]
    csrf = world.csrf("ali", "/chart?ids=ma-p1")
    post = world.browser("ali").post
    form = {"csrf": csrf, "left_id": "ma-p1", "right_id": "ma-p2", "reason": "same phone"}
    assert post("/chart/judge", data={**form, "verdict": "same"}).status_code == 200
    assert sorted(_centre_records(world, "ali", "ma-p1")) == ["ma-p1", "ma-p2"]
    assert post("/chart/judge", data={**form, "verdict": "different"}).status_code == 200
    assert sorted(_centre_records(world, "ali", "ma-p1")) == ["ma-p1"]
    # a record the judge may not see is refused as unknown; a verdict must be one of the two
    hidden = post("/chart/judge", data={**form, "right_id": "fr-red", "verdict": "same"})
    assert hidden.status_code == 404 and "Mohammed Omara" not in hidden.text
    assert post("/chart/judge", data={**form, "verdict": "maybe"}).status_code == 400
    # without the page's token, nothing is judged
    assert post("/chart/judge", data={**form, "csrf": "0" * 32,
                                      "verdict": "same"}).status_code in (400, 403)
    assert sorted(_centre_records(world, "ali", "ma-p1")) == ["ma-p1"]

