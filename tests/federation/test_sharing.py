"""Sharing across nodes: a grant to an agency a peer serves sends the record with its
envelope; the receiving node enforces it; revocation, erasure and new versions follow; a peer
that was down catches up in order; nothing is applied twice."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from interlink.access import federation as access_federation
from interlink.core.errors import InvalidInput, NotFound
from interlink.core.viewer import Viewer
from interlink.federation import outbox, peers
from interlink.federation.tables import fed_received
from interlink.policy.sharing import make_grant, revoke_grant
from interlink.store import Actor, SQLStore
from tests.federation.helpers import DT, FR_ADMIN, Wire, join, make_node, person

ALI = Viewer("ali", "MA-DGSN", DT)
OTHER = Viewer("omar", "MA-DGST", DT)  # another agency on the receiving node


@pytest.fixture
def pair(make_store) -> tuple[SQLStore, SQLStore, Wire]:  # type: ignore[no-untyped-def]
    fr, ma = make_store(), make_store(fresh=True)
    wire_ = Wire()
    wire_.nodes[make_node(fr, "fr", 18811, [("FR-OFAST", "FR")])] = fr
    wire_.nodes[make_node(ma, "ma", 18812, [("MA-DGSN", "MA"), ("MA-DGST", "MA")])] = ma
    join(fr, ma)
    for s in (fr, ma):
        outbox.sync(s, transport=wire_)
    return fr, ma, wire_


def test_only_named_agencies_see_a_received_record(pair) -> None:  # type: ignore[no-untyped-def]
    fr, ma, wire_ = pair
    fr.write([person("fr-1", ["Samir Haddad"], "FR-OFAST", tlp="GREEN")], FR_ADMIN)
    make_grant(fr, FR_ADMIN, record_id="fr-1", recipient_agency="MA-DGSN", purposes=[DT])
    outbox.sync(fr, transport=wire_)
    assert access_federation.read_received(ma, ALI, "fr-1").visibility == "full"
    with pytest.raises(NotFound):  # not even a hit for an agency the grant does not name
        access_federation.read_received(ma, OTHER, "fr-1")
    assert access_federation.list_received(ma, OTHER) == []
    with pytest.raises(NotFound):  # a purpose the grant was not made for
        access_federation.read_received(ma, Viewer("ali", "MA-DGSN", "terrorism"), "fr-1")


def test_grant_made_before_the_peer_was_declared_is_sent(make_store) -> None:  # type: ignore[no-untyped-def]
    fr, ma = make_store(), make_store(fresh=True)
    wire_ = Wire()
    wire_.nodes[make_node(fr, "fr", 18821, [("FR-OFAST", "FR")])] = fr
    wire_.nodes[make_node(ma, "ma", 18822, [("MA-DGSN", "MA")])] = ma
    from interlink.core import Agency

    fr.add_agency(Agency.create("MA-DGSN", "MA", name="DGSN"), FR_ADMIN)
    fr.write([person("fr-9", ["Early Grant"], "FR-OFAST")], FR_ADMIN)
    make_grant(fr, FR_ADMIN, record_id="fr-9", recipient_agency="MA-DGSN", purposes=[DT])
    outbox.refresh(fr)  # the grant's audit entry is read before any peer exists
    join(fr, ma)
    outbox.sync(fr, transport=wire_)
    assert access_federation.read_received(ma, ALI, "fr-9").record.id == "fr-9"


def test_h2_and_amber_strict_not_passed_on_red_named_only(pair) -> None:  # type: ignore[no-untyped-def]
    fr, ma, wire_ = pair
    fr.write([person("fr-h2", ["Nadia H2"], "FR-OFAST", handling="H2"),
              person("fr-st", ["Nadia Strict"], "FR-OFAST", tlp="AMBER+STRICT"),
              person("fr-h0", ["Nadia Open"], "FR-OFAST"),
              person("fr-red", ["Nadia Red"], "FR-OFAST", tlp="RED")], FR_ADMIN)
    for rid in ("fr-h2", "fr-st", "fr-h0"):
        make_grant(fr, FR_ADMIN, record_id=rid, recipient_agency="MA-DGSN", purposes=[DT])
    make_grant(fr, FR_ADMIN, record_id="fr-red", recipient_agency="MA-DGSN", purposes=[DT],
               users=["ali"])
    outbox.sync(fr, transport=wire_)
    ma_actor = Actor("ali", "MA-DGSN")
    with pytest.raises(InvalidInput, match="H2"):
        access_federation.regrant(ma, ma_actor, "fr-h2", "MA-DGST", [DT])
    with pytest.raises(InvalidInput, match="AMBER"):
        access_federation.regrant(ma, ma_actor, "fr-st", "MA-DGST", [DT])
    gid = access_federation.regrant(ma, ma_actor, "fr-h0", "MA-DGST", [DT])
    assert gid and access_federation.read_received(ma, OTHER, "fr-h0").visibility == "full"
    # RED: the named user only
    assert access_federation.read_received(ma, ALI, "fr-red").visibility == "full"
    with pytest.raises(NotFound):
        access_federation.read_received(ma, Viewer("karim", "MA-DGSN", DT), "fr-red")


def test_revocation_erasure_and_new_versions_follow(pair) -> None:  # type: ignore[no-untyped-def]
    fr, ma, wire_ = pair
    fr.write([person("fr-a", ["Youssef Amrani"], "FR-OFAST"),
              person("fr-b", ["Leila Amrani"], "FR-OFAST")], FR_ADMIN)
    ga = make_grant(fr, FR_ADMIN, record_id="fr-a", recipient_agency="MA-DGSN", purposes=[DT])
    make_grant(fr, FR_ADMIN, record_id="fr-b", recipient_agency="MA-DGSN", purposes=[DT])
    outbox.sync(fr, transport=wire_)
    regrant = access_federation.regrant(ma, Actor("ali", "MA-DGSN"), "fr-a", "MA-DGST", [DT])
    assert regrant
    # a new version (review date extended) reaches the receiving node
    fr.extend_review("fr-b", date.today() + timedelta(days=4000), FR_ADMIN, "still needed")
    outbox.sync(fr, transport=wire_)
    assert access_federation.read_received(ma, ALI, "fr-b").version == 2
    revoke_grant(fr, ga.id, FR_ADMIN, reason="case closed")
    fr.erase("fr-b", FR_ADMIN, "wrong person")
    outbox.sync(fr, transport=wire_)
    for viewer, rid in ((ALI, "fr-a"), (OTHER, "fr-a"), (ALI, "fr-b")):
        with pytest.raises(NotFound):
            access_federation.read_received(ma, viewer, rid)
    with ma.reading() as conn:
        gone = {r.record_id: (r.record, r.gone_reason) for r in conn.execute(
            select(fed_received))}
    assert gone == {"fr-a": (None, "revoked"), "fr-b": (None, "erased")}


def test_peer_down_catches_up_in_order_nothing_twice(pair) -> None:  # type: ignore[no-untyped-def]
    fr, ma, wire_ = pair
    fr.write([person(f"fr-{i}", [f"Person Number{i}"], "FR-OFAST") for i in range(5)],
             FR_ADMIN)
    wire_.down.add("http://127.0.0.1:18812")
    grants = [make_grant(fr, FR_ADMIN, record_id=f"fr-{i}", recipient_agency="MA-DGSN",
                         purposes=[DT]) for i in range(5)]
    [first] = outbox.sync(fr, transport=wire_)
    assert first["delivered"] == 0 and "down" in first["error"]
    revoke_grant(fr, grants[0].id, FR_ADMIN)
    outbox.refresh(fr)
    [status] = [s for s in peers.status(fr) if s["peer"] == "ma"]
    assert status["backlog"] == 6 and "down" in status["last_error"]
    wire_.down.clear()
    [second] = outbox.sync(fr, transport=wire_)
    assert second == {"peer": "ma", "delivered": 6, "error": None}
    assert [s for s in peers.status(fr) if s["peer"] == "ma"][0]["backlog"] == 0
    with pytest.raises(NotFound):  # the revocation came after its share: applied after it
        access_federation.read_received(ma, ALI, "fr-0")
    assert len(access_federation.list_received(ma, ALI)) == 4
    # a full re-send (an acknowledgement lost): every copy a duplicate, nothing applied twice
    from interlink.federation.tables import fed_outbox

    with fr.transaction() as conn:
        conn.execute(fed_outbox.update().values(delivered_at=None))
    [third] = outbox.sync(fr, transport=wire_)
    assert third["delivered"] == 7  # the pair key, 5 shares and the revocation
    assert len(access_federation.list_received(ma, ALI)) == 4
