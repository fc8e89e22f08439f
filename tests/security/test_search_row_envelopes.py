"""The search page built from stored rows shares one envelope among records whose columns are
all the same, and their terms among records that differ only in dates or source reference
(store/sql.py `_envelope_of`). An attacker's angle on it: records of the same terms but of
another owner, another TLP, another purpose, an expired review date or another source
reference, read one after the other through the fast search and read, must each be judged on
their own envelope, never on a neighbour's cached one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.security.conftest import DT, World

NAME = "Youssef Benali"
#: (writer, id, terms): each differs from the first in one column only
TWINS: list[tuple[str, str, dict[str, Any]]] = [
    ("marie", "t-base", {"source_ref": "ref-A"}),
    ("marie", "t-ref", {"source_ref": "ref-B"}),
    ("ali", "t-owner", {"source_ref": "ref-A"}),
    ("marie", "t-red", {"source_ref": "ref-A", "tlp": "RED"}),
    ("marie", "t-purpose", {"source_ref": "ref-A", "purposes": ["other"]}),
    ("marie", "t-expired", {"source_ref": "ref-A", "review_by": "2020-01-01"}),
    ("marie", "t-due", {"source_ref": "ref-A", "review_by": "2099-01-01"}),
]


@pytest.fixture
def twins(world: World) -> Iterator[tuple[World, TestClient]]:
    for who, rid, terms in TWINS:
        record = {"id": rid, "schema": "Person", "properties": {"name": [NAME]}}
        body = {"records": [record], "terms": {"purposes": [DT], **terms}}
        r = world.api.post("/api/v1/records", headers=world.as_(who), json=body)
        assert r.status_code == 201, r.text
    grant = world.api.post("/api/v1/grants", headers=world.as_("marc"), json={
        "record_id": None, "recipient_agency": "ES-DAVA", "purposes": [DT]})
    assert grant.status_code in (200, 201), grant.text
    with TestClient(world.app, raise_server_exceptions=False) as client:
        yield world, client


def test_each_twin_is_judged_on_its_own_envelope(twins: tuple[World, TestClient]) -> None:
    world, client = twins
    h = world.as_("pepe")
    for _ in range(2):  # the second time through the process's caches (tokens, envelopes)
        found = client.get("/api/v1/search", params={"q": NAME, "purpose": DT, "limit": 50},
                           headers=h)
        assert found.status_code == 200
        body = found.json()
        full = {r["id"] for r in body["results"]}
        hits = {r["id"]: r for r in body["hits"]}
        # a wholesale AMBER grant of FR-OFAST's: its live records in full, nothing of RED's
        # or of the expired one, the other purpose's and MA-DGSN's as hits at most
        assert {"t-base", "t-ref", "t-due"} <= full
        assert not {"t-red", "t-expired", "t-purpose", "t-owner"} & full
        assert "t-red" not in hits and "t-expired" not in hits
        reads = {rid: client.get(f"/api/v1/records/{rid}", params={"purpose": DT}, headers=h)
                 for _, rid, _ in TWINS}
        absent = client.get("/api/v1/records/t-none", params={"purpose": DT}, headers=h)
        for rid in ("t-red", "t-expired"):
            assert (reads[rid].status_code, reads[rid].content) == (
                absent.status_code, absent.content), rid
        assert reads["t-owner"].json()["hit_only"] is True
        for rid, ref, review in (("t-base", "ref-A", None), ("t-ref", "ref-B", None),
                                 ("t-due", "ref-A", "2099-01-01")):
            env = reads[rid].json()["envelope"]
            assert (env["owner"], env["tlp"], env["source_ref"]) == ("FR-OFAST", "AMBER", ref)
            if review:
                assert env["review_by"] == review
        shown = {r["id"]: r["envelope"] for r in body["results"]}
        for rid, env in shown.items():  # a full result's envelope is its own record's
            assert env == reads[rid].json()["envelope"], rid
