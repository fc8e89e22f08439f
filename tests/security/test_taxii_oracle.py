"""The TAXII endpoint tells nothing of what the caller may not see.

- a collection of a group the caller's agency is not in answers byte for byte as one that
  does not exist, on every path under it, whatever the page token or filters;
- a page token is only a position: forging one (pointing anywhere) never yields a record the
  gate refuses;
- a link the caller sees names its hidden end by what the link may point to, never by what
  the hidden record is: the STIX reference is the same whether that record is a person, a
  vessel, or does not exist at all;
- an erased record leaves the collection.
"""

from __future__ import annotations

import base64
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from interlink.export.stix import RECORD_EXTENSION
from interlink.policy.sharing import add_group
from tests.api.test_story import DT, api  # noqa: F401  (fixture)
from tests.conftest import ACTOR

TAXII = "application/taxii+json;version=2.1"


def _get(client, headers, path: str, **params: Any):  # type: ignore[no-untyped-def]
    return client.get(path, headers={**headers, "Accept": TAXII}, params=params)


def _served(body: dict[str, Any]) -> set[str]:
    return {o["extensions"][RECORD_EXTENSION]["record_id"] for o in body["objects"]
            if "record_id" in o.get("extensions", {}).get(RECORD_EXTENSION, {})}


def _write(client, tok, login: str, records: list[dict], **terms: Any) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/api/v1/records", headers=tok[login], json={
        "records": records, "terms": {"tlp": "AMBER", "purposes": [DT], **terms}})
    assert r.status_code == 201, r.text


def _grant(client, tok, login: str, record_id: str, group: str) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/api/v1/grants", headers=tok[login], json={
        "record_id": record_id, "recipient_group": group, "purposes": [DT], "reason": "x"})
    assert r.status_code == 201, r.text


@pytest.fixture
def world(api):  # noqa: F811  # type: ignore[no-untyped-def]
    client, tok, store = api
    add_group(store, "med", "Mediterranean", ["MA-DGSN", "FR-OFAST"], ACTOR)
    add_group(store, "secret", "MA only", ["MA-DGSN"], ACTOR)
    _write(client, tok, "ali", [
        {"id": "ma-seen", "schema": "Person", "properties": {"name": ["Seen"]}},
        {"id": "ma-hidden", "schema": "Person", "properties": {"name": ["Hidden"]}},
        {"id": "ma-vessel", "schema": "Vessel", "properties": {"name": ["MV Hidden"]}},
        {"id": "ma-link1", "schema": "UnknownLink",
         "properties": {"subject": ["ma-seen"], "object": ["ma-hidden"]}},
        {"id": "ma-link2", "schema": "UnknownLink",
         "properties": {"subject": ["ma-seen"], "object": ["ma-vessel"]}},
        {"id": "ma-link3", "schema": "UnknownLink",
         "properties": {"subject": ["ma-seen"], "object": ["nobody-at-all"]}},
    ])
    for rid in ("ma-seen", "ma-link1", "ma-link2", "ma-link3"):
        _grant(client, tok, "ali", rid, "med")
    _grant(client, tok, "ali", "ma-hidden", "secret")
    return client, tok, store


def _ids(client, tok, login: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    body = _get(client, tok[login], f"/taxii2/{DT}/collections/").json()
    return {c["alias"]: c["id"] for c in body["collections"]}


def test_forbidden_collection_is_an_unknown_one(world) -> None:  # type: ignore[no-untyped-def]
    client, tok, _ = world
    secret = _ids(client, tok, "ali")["secret"]
    assert "secret" not in _ids(client, tok, "marie")
    unknown = str(uuid.uuid4())
    token = base64.urlsafe_b64encode(b"2000-01-01T00:00:00+00:00\x1f").decode()
    for suffix, params in (("", {}), ("objects/", {}), ("objects/", {"limit": 1}),
                           ("objects/", {"next": token}),
                           ("objects/", {"match[type]": "identity"})):
        a = _get(client, tok["marie"], f"/taxii2/{DT}/collections/{secret}/{suffix}", **params)
        b = _get(client, tok["marie"], f"/taxii2/{DT}/collections/{unknown}/{suffix}",
                 **params)
        assert (a.status_code, a.content) == (b.status_code, b.content) == \
            (404, b.content)
        assert {k: v for k, v in a.headers.items() if k != "date"} == \
            {k: v for k, v in b.headers.items() if k != "date"}


def test_forged_page_tokens_serve_only_what_the_gate_allows(world) -> None:  # type: ignore[no-untyped-def]
    client, tok, _ = world
    med = _ids(client, tok, "marie")["med"]
    path = f"/taxii2/{DT}/collections/{med}/objects/"
    honest = _served(_get(client, tok["marie"], path, limit=1000).json())
    assert honest == {"ma-seen", "ma-link1", "ma-link2", "ma-link3"}
    for when in ("1970-01-01T00:00:00+00:00", datetime.now(UTC).isoformat()):
        for last in ("", "ma-hidden", "ma-a", "\uffff"):
            token = base64.urlsafe_b64encode(f"{when}\x1f{last}".encode()).decode()
            r = _get(client, tok["marie"], path, next=token, limit=1000)
            assert r.status_code == 200
            assert _served(r.json()) <= honest


def test_hidden_link_ends_are_named_alike(world) -> None:  # type: ignore[no-untyped-def]
    client, tok, _ = world
    med = _ids(client, tok, "marie")["med"]
    objects = _get(client, tok["marie"], f"/taxii2/{DT}/collections/{med}/objects/",
                   **{"match[type]": "relationship"}).json()["objects"]
    targets = {o["extensions"][RECORD_EXTENSION]["record_id"]: o["target_ref"] for o in objects}
    kinds = {rid: ref.split("--")[0] for rid, ref in targets.items()}
    # a hidden person, a hidden vessel and no record at all: the same kind of reference
    assert kinds == {"ma-link1": "identity", "ma-link2": "identity", "ma-link3": "identity"}
    # and no object of the hidden records is served
    all_ids = {o["id"] for o in _get(client, tok["marie"],
                                     f"/taxii2/{DT}/collections/{med}/objects/").json()["objects"]}
    assert not {targets["ma-link1"], targets["ma-link2"]} & all_ids
    # the owner, who sees the vessel, gets its true type
    mine = _get(client, tok["ali"], f"/taxii2/{DT}/collections/{med}/objects/",
                **{"match[type]": "relationship"}).json()["objects"]
    own = {o["extensions"][RECORD_EXTENSION]["record_id"]: o["target_ref"] for o in mine}
    assert own["ma-link2"].startswith("x-interlink-entity--")


def test_erased_records_leave_the_collection(world) -> None:  # type: ignore[no-untyped-def]
    client, tok, store = world
    med = _ids(client, tok, "marie")["med"]
    path = f"/taxii2/{DT}/collections/{med}/objects/"
    assert "ma-seen" in _served(_get(client, tok["marie"], path).json())
    from interlink.store import Actor

    store.erase("ma-seen", Actor("sara", "MA-DGSN", "supervisor"), "retention ended")
    assert "ma-seen" not in _served(_get(client, tok["marie"], path).json())
