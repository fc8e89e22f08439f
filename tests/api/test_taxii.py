"""The TAXII 2.1 endpoint: discovery, one collection per sharing group of the caller's agency,
objects paged and filtered, and nothing a read through the gate would refuse."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from interlink.audit import chain
from interlink.export.stix import RECORD_EXTENSION
from interlink.policy.sharing import add_group
from tests.api.test_story import DT, api  # noqa: F401  (fixture)
from tests.conftest import ACTOR, free_port

TAXII = "application/taxii+json;version=2.1"


def record_ids(objects: list[dict[str, Any]]) -> list[str]:
    return [o["extensions"][RECORD_EXTENSION]["record_id"] for o in objects
            if "record_id" in o.get("extensions", {}).get(RECORD_EXTENSION, {})]


@pytest.fixture
def shared(api):  # noqa: F811  # type: ignore[no-untyped-def]
    """MA-DGSN shares people and a link into `med` (MA, FR) and one person into `atl` (MA, ES);
    FR-OFAST's analyst marie reads as a member of `med` only."""
    client, tok, store = api
    add_group(store, "med", "Mediterranean", ["MA-DGSN", "FR-OFAST"], ACTOR)
    add_group(store, "atl", "Atlantic", ["MA-DGSN", "ES-DAVA"], ACTOR)
    people = [{"id": f"ma-p{i}", "schema": "Person",
               "properties": {"name": [f"Suspect {i}"]}} for i in range(5)]
    link = {"id": "ma-fam", "schema": "Family",
            "properties": {"person": ["ma-p0"], "relative": ["ma-p1"]}}
    r = client.post("/api/v1/records", headers=tok["ali"], json={
        "records": [*people, link], "terms": {"tlp": "AMBER", "purposes": [DT]}})
    assert r.status_code == 201, r.text
    other = client.post("/api/v1/records", headers=tok["ali"], json={
        "records": [{"id": "ma-other", "schema": "Person", "properties": {"name": ["Other"]}}],
        "terms": {"tlp": "AMBER", "purposes": ["terrorism"]}})
    assert other.status_code == 201
    granted = {}
    for rid in ["ma-p0", "ma-p1", "ma-p2", "ma-p3", "ma-fam"]:
        g = client.post("/api/v1/grants", headers=tok["ali"], json={
            "record_id": rid, "recipient_group": "med", "purposes": [DT], "reason": "JIT"})
        assert g.status_code == 201, g.text
        granted[rid] = g.json()["id"]
    g = client.post("/api/v1/grants", headers=tok["ali"], json={
        "record_id": "ma-p4", "recipient_group": "atl", "purposes": [DT], "reason": "x"})
    assert g.status_code == 201, g.text
    return client, tok, store, granted


def get(client, headers, path: str, **params: Any):  # type: ignore[no-untyped-def]
    return client.get(path, headers={**headers, "Accept": TAXII}, params=params)


def collections(client, headers) -> dict[str, str]:  # type: ignore[no-untyped-def]
    r = get(client, headers, f"/taxii2/{DT}/collections/")
    assert r.status_code == 200 and r.headers["content-type"].startswith(
        "application/taxii+json")
    return {c["alias"]: c["id"] for c in r.json()["collections"]}


def test_discovery_and_collections(shared) -> None:  # type: ignore[no-untyped-def]
    client, tok, _, _ = shared
    assert client.get("/taxii2/").status_code == 401  # the API's bearer tokens, as everywhere
    disc = get(client, tok["marie"], "/taxii2/")
    assert disc.status_code == 200
    assert f"/taxii2/{DT}/" in disc.json()["api_roots"]
    assert disc.headers["content-type"].startswith(TAXII)
    root = get(client, tok["marie"], f"/taxii2/{DT}/").json()
    assert root["versions"] == [TAXII]
    assert collections(client, tok["marie"]).keys() == {"med"}
    assert collections(client, tok["ali"]).keys() == {"med", "atl"}
    one = get(client, tok["marie"], f"/taxii2/{DT}/collections/"
                                    f"{collections(client, tok['marie'])['med']}/").json()
    assert one["can_read"] is True and one["can_write"] is False
    assert one["media_types"] == ["application/stix+json;version=2.1"]
    wrong = client.get("/taxii2/", headers={**tok["marie"], "Accept": "text/html"})
    assert wrong.status_code == 406
    # what a person reads in MISP or OpenCTI is in the language asked for
    french = {**tok["marie"], "Accept": TAXII, "Accept-Language": "fr"}
    listed = client.get(f"/taxii2/{DT}/collections/", headers=french).json()["collections"]
    assert listed[0]["description"] == "Fiches partagées dans le groupe de partage med"
    assert "stupéfiants" in client.get(f"/taxii2/{DT}/", headers=french).json()["description"]
    refused = client.get("/taxii2/nothing/", headers=french)
    assert refused.status_code == 404 and refused.json()["title"].startswith("Aucune")


def test_objects_paged_and_filtered(shared) -> None:  # type: ignore[no-untyped-def]
    client, tok, _, _ = shared
    med = collections(client, tok["marie"])["med"]
    path = f"/taxii2/{DT}/collections/{med}/objects/"
    seen: list[str] = []
    params: dict[str, Any] = {"limit": 2}
    pages = 0
    while True:
        r = get(client, tok["marie"], path, **params)
        assert r.status_code == 200, r.text
        body = r.json()
        got = record_ids(body["objects"])
        assert len(got) <= 2
        seen += got
        pages += 1
        if not body["more"]:
            break
        params = {"limit": 2, "next": body["next"]}
    assert sorted(seen) == ["ma-fam", "ma-p0", "ma-p1", "ma-p2", "ma-p3"]
    assert len(seen) == len(set(seen)) and pages >= 3
    # every marking an object names is served with it
    full = get(client, tok["marie"], path, limit=100).json()["objects"]
    ids = {o["id"] for o in full}
    assert all(m in ids for o in full for m in o.get("object_marking_refs", ()))
    # match[type]: only relationships (the family link)
    rels = get(client, tok["marie"], path, **{"match[type]": "relationship"}).json()["objects"]
    assert [o["type"] for o in rels] == ["relationship"] and record_ids(rels) == ["ma-fam"]
    # added_after: nothing written after the last one
    last = get(client, tok["marie"], path, limit=100)
    after = last.headers["X-TAXII-Date-Added-Last"]
    assert get(client, tok["marie"], path, added_after=after).json()["objects"] == []
    # a bad page token answers as an unknown collection does
    bad = get(client, tok["marie"], path, next="not-a-token")
    assert bad.status_code == 404


def test_gated_like_every_read(shared) -> None:  # type: ignore[no-untyped-def]
    client, tok, store, granted = shared
    med = collections(client, tok["marie"])["med"]
    path = f"/taxii2/{DT}/collections/{med}/objects/"
    listed = record_ids(get(client, tok["marie"], path, limit=100).json()["objects"])
    assert "ma-p4" not in listed  # shared with the Atlantic group only
    assert "ma-other" not in listed  # never shared
    # another purpose: the grants were made for drug trafficking only
    other = get(client, tok["marie"], f"/taxii2/terrorism/collections/{med}/objects/").json()
    assert record_ids(other["objects"]) == []
    # a revoked grant ends it
    assert client.delete(f"/api/v1/grants/{granted['ma-p2']}", headers=tok["ali"],
                         params={"reason": "done"}).status_code == 204
    after = record_ids(get(client, tok["marie"], path, limit=100).json()["objects"])
    assert "ma-p2" not in after and "ma-p0" in after
    # audited: each page a consultation naming what it served, with the purpose and group
    with store.engine.connect() as conn:
        taxii = [e for e in chain.entries(conn, action="consultation")
                 if e.details.get("view") == "taxii"]
    assert taxii and all(e.actor == "marie" and e.details["collection"] == "med"
                         for e in taxii)
    assert set(listed) <= {x for e in taxii for x in e.subjects}
    assert {e.purpose for e in taxii} == {DT, "terrorism"}


def test_unknown_and_forbidden_collections_answer_alike(shared) -> None:  # type: ignore[no-untyped-def]
    client, tok, _, _ = shared
    atl = collections(client, tok["ali"])["atl"]  # exists, but FR-OFAST is not a member
    unknown = str(uuid.uuid4())
    for suffix in ("", "objects/"):
        a = get(client, tok["marie"], f"/taxii2/{DT}/collections/{atl}/{suffix}")
        b = get(client, tok["marie"], f"/taxii2/{DT}/collections/{unknown}/{suffix}")
        assert a.status_code == b.status_code == 404
        assert a.json() == b.json()
        assert a.headers["content-type"] == b.headers["content-type"]
    assert get(client, tok["marie"], "/taxii2/no_such_purpose/").json() == b.json()


def test_wholesale_grants_to_the_group(shared) -> None:  # type: ignore[no-untyped-def]
    """A supervisor's grant of all her agency's records to the group fills the collection
    with them, still only for the purposes they were collected for."""
    client, tok, _, _ = shared
    med = collections(client, tok["marie"])["med"]
    path = f"/taxii2/{DT}/collections/{med}/objects/"
    before = set(record_ids(get(client, tok["marie"], path, limit=100).json()["objects"]))
    assert "ma-p4" not in before
    g = client.post("/api/v1/grants", headers=tok["sara"], json={
        "recipient_group": "med", "purposes": [DT], "reason": "joint investigation team"})
    assert g.status_code == 201, g.text
    after = set(record_ids(get(client, tok["marie"], path, limit=100).json()["objects"]))
    assert after == before | {"ma-p4"}  # not ma-other: collected for terrorism only


def test_manifest_lists_what_objects_serves(shared) -> None:  # type: ignore[no-untyped-def]
    client, tok, _, _ = shared
    med = collections(client, tok["marie"])["med"]
    base = f"/taxii2/{DT}/collections/{med}/"
    objects = get(client, tok["marie"], base + "objects/", limit=100).json()["objects"]
    made = {o["id"]: o["modified"] for o in objects
            if "record_id" in o.get("extensions", {}).get(RECORD_EXTENSION, {})}
    listed = get(client, tok["marie"], base + "manifest/", limit=100)
    assert listed.status_code == 200 and listed.headers["content-type"].startswith(TAXII)
    entries = listed.json()["objects"]
    assert {e["id"]: e["version"] for e in entries} == made
    assert all(e["media_type"] == "application/stix+json;version=2.1" for e in entries)
    atl = collections(client, tok["ali"])["atl"]
    assert get(client, tok["marie"], f"/taxii2/{DT}/collections/{atl}/manifest/"
               ).status_code == 404


class _Bearer:
    """requests' auth hook: the API token in the Authorization header."""

    def __init__(self, header: dict[str, str]) -> None:
        self.header = header

    def __call__(self, request):  # type: ignore[no-untyped-def]
        request.headers.update(self.header)
        return request


def test_the_client_misp_and_opencti_use_reads_it(shared) -> None:  # type: ignore[no-untyped-def]
    """taxii2-client (what OpenCTI's TAXII connector and MISP's tooling are built on), against
    a real server on a loopback port: discovery, API root, collections, paged objects."""
    import threading
    import time

    import uvicorn
    from taxii2client.v21 import Server, as_pages

    from interlink.server import create_app

    _, tok, store, _ = shared
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    threading.Thread(target=server.run, daemon=True).start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    try:
        auth = _Bearer(tok["marie"])
        taxii = Server(f"http://127.0.0.1:{port}/taxii2/", auth=auth)
        roots = {r.url.rstrip("/").rsplit("/", 1)[-1]: r for r in taxii.api_roots}
        root = roots[DT]
        assert root.versions == [TAXII]
        (med,) = root.collections
        assert med.title == "Mediterranean" and med.can_read and not med.can_write
        served: list[str] = []
        for page in as_pages(med.get_objects, per_request=2):
            served += record_ids(page.get("objects", []))
        assert sorted(served) == ["ma-fam", "ma-p0", "ma-p1", "ma-p2", "ma-p3"]
    finally:
        server.should_exit = True
        time.sleep(0.3)
