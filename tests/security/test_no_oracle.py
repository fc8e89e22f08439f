"""No oracle in errors: writing, granting, requesting, judging or opening a record you may not
see answers exactly as for a record that does not exist (same status, same body), never its
owner, TLP, handling code or purposes; and another agency's id never blocks your import.

Found: a grant of a hidden record answered "record X is H2: no onward sharing without
FR-OFAST's consent" or "was not collected for: ..." (owner, handling and purposes told), a
judgement on it 400 with its id where an absent one said the same at another status, and an
import of an id held by another agency was refused with "record X is held by FR-OFAST".
"""

from __future__ import annotations

import json
from pathlib import Path

from interlink.core.envelope import Envelope
from interlink.ingest.pipeline import ingest
from interlink.store import Actor
from tests.leaks import shows
from tests.security.conftest import DT, World

TELLS = ("FR-OFAST", "RED", "H0", "H2", "AMBER", "drug_trafficking", "Omara")


def _same(hidden, absent, hidden_id: str = "fr-red", absent_id: str = "no-such") -> None:  # type: ignore[no-untyped-def]
    assert hidden.status_code == absent.status_code, (hidden.text, absent.text)
    assert hidden.status_code >= 400
    assert hidden.text.replace(hidden_id, "ID") == absent.text.replace(absent_id, "ID")
    if hidden.headers["content-type"].startswith("application/json"):  # a page names purposes
        for tell in TELLS:                                                # in its own menus
            assert not shows(hidden.text, tell)


def test_granting_a_record_you_may_not_see(world: World) -> None:
    for rid in ("fr-red", "fr-p1"):  # invisible, and seen only as a hit
        _same(world.grant("pepe", rid, "MA-DGSN"), world.grant("pepe", "no-such", "MA-DGSN"),
              rid)


def test_requesting_information_on_a_record_you_may_not_know_of(world: World) -> None:
    ask = lambda rid: world.api.post(  # noqa: E731
        "/api/v1/requests", headers=world.as_("pepe"),
        json={"record_id": rid, "purpose": DT, "message": "who is he?"})
    _same(ask("fr-red"), ask("no-such"))


def test_judging_a_pair_with_a_hidden_record(world: World) -> None:
    judge = lambda rid: world.api.post(  # noqa: E731
        "/api/v1/resolution/judgements", headers=world.as_("ali"),
        json={"left_id": "ma-p1", "right_id": rid, "verdict": "same", "purpose": DT})
    _same(judge("fr-red"), judge("no-such"))


def test_extending_the_review_of_another_agencys_record(world: World) -> None:
    extend = lambda rid: world.api.post(  # noqa: E731
        f"/api/v1/records/{rid}/extend", headers=world.as_("pepe"),
        json={"review_by": "2031-01-01", "reason": "still needed"})
    _same(extend("fr-red"), extend("no-such"))


def test_reading_and_opening_on_every_surface(world: World) -> None:
    read = lambda rid: world.api.get(f"/api/v1/records/{rid}",  # noqa: E731
                                     params={"purpose": DT}, headers=world.as_("pepe"))
    _same(read("fr-red"), read("no-such"))
    entity = lambda rid: world.api.get(f"/api/v1/resolution/entities/{rid}",  # noqa: E731
                                       params={"purpose": DT}, headers=world.as_("pepe"))
    _same(entity("fr-red"), entity("no-such"))
    page = lambda rid: world.browser("pepe").get(f"/entity/{rid}")  # noqa: E731
    _same(page("fr-red"), page("no-such"))


def test_an_id_held_by_another_agency_does_not_block_a_write(world: World) -> None:
    r = world.write("pepe", {"id": "fr-red", "schema": "Person",
                             "properties": {"name": ["Juan Garcia"]}})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["created"] == 1 and "FR-OFAST" not in r.text
    mine = body["renamed"]["fr-red"]
    assert mine.startswith("es-dava-")
    theirs = world.store.get("fr-red")
    assert theirs is not None and theirs.owner == "FR-OFAST"
    assert theirs.entity.caption == "Mohammed Omara"  # untouched
    assert world.store.get(mine).owner == "ES-DAVA"  # type: ignore[union-attr]


def test_an_id_held_by_another_agency_does_not_block_an_import(world: World,
                                                               tmp_path: Path) -> None:
    """The clashing record gets an owner-scoped id and the references to it in the same file
    follow, so the import is whole; re-importing gives the same ids (nothing new)."""
    lines = [
        {"id": "fr-red", "schema": "Person", "properties": {"name": ["Juan Garcia"]}},
        {"id": "es-own", "schema": "Person", "properties": {"name": ["Ana Lopez"]}},
        {"id": "es-link", "schema": "Associate",
         "properties": {"person": ["fr-red"], "associate": ["es-own"]}},
    ]
    path = tmp_path / "es.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    envelope = Envelope(owner="ES-DAVA", purposes=[DT])
    report = ingest(world.store, [path], envelope, Actor("pepe", "ES-DAVA"))
    assert report.result.created == 3 and not report.errors
    mine = report.renamed["fr-red"]
    link = world.store.get("es-link")
    assert link is not None and link.entity.get("person") == [mine]
    assert world.store.get("fr-red").owner == "FR-OFAST"  # type: ignore[union-attr]
    again = ingest(world.store, [path], envelope, Actor("pepe", "ES-DAVA"))
    assert again.result.unchanged == 3 and again.renamed == report.renamed


def test_reading_through_the_fast_layer_once_the_token_is_held(world: World,
                                                               monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """api.fast answers plain reads and searches past FastAPI's routing once a token is held:
    the same attack there (a hidden id against an absent one, a search for the hidden
    record's name) learns nothing either."""
    from tests.api.fast_layer import counting

    read = lambda rid: world.api.get(f"/api/v1/records/{rid}",  # noqa: E731
                                     params={"purpose": DT}, headers=world.as_("pepe"))
    read("no-such")  # the token verified by FastAPI once, and held
    taken = counting(monkeypatch)
    _same(read("fr-red"), read("no-such"))
    found = world.api.get("/api/v1/search", params={"q": "Mohammed Omara", "purpose": DT},
                          headers=world.as_("pepe"))
    assert len(taken) == 3  # all three answered by the fast layer
    assert found.status_code == 200
    assert "fr-red" not in found.text and not shows(found.text, "RED")
