"""Signed, numbered messages: replay, reordering beyond the window, a bad signature and an
undeclared key are refused and logged; within the window, order is restored before applying."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from interlink.access import federation as access_federation
from interlink.audit import chain
from interlink.core.viewer import Viewer
from interlink.federation import inbox, node, outbox, wire
from interlink.federation.tables import fed_outbox, fed_received
from interlink.policy.sharing import make_grant, revoke_grant
from interlink.store import SQLStore
from tests.federation.helpers import DT, FR_ADMIN, Wire, join, make_node, person


@pytest.fixture
def pair(make_store) -> tuple[SQLStore, SQLStore, Wire]:  # type: ignore[no-untyped-def]
    fr, ma = make_store(), make_store(fresh=True)
    wire_ = Wire()
    wire_.nodes[make_node(fr, "fr", 18801, [("FR-OFAST", "FR")])] = fr
    wire_.nodes[make_node(ma, "ma", 18802, [("MA-DGSN", "MA"), ("MA-DGST", "MA")])] = ma
    join(fr, ma)
    outbox.sync(fr, transport=wire_)
    outbox.sync(ma, transport=wire_)
    return fr, ma, wire_


def _refusals(store: SQLStore) -> list[str]:
    with store.reading() as conn:
        return [e.details.get("refused") for e in chain.entries(conn, action="refusal")]


def _sealed(store: SQLStore, to: str, seq: int, kind: str = "erase",
            body: dict | None = None) -> dict:  # type: ignore[type-arg]
    return wire.seal(node.private_key(store), sender=node.show(store).name, to=to,
                     channel="sync", seq=seq, kind=kind, body=body or {"record": "x"})


def test_grant_travels_and_replay_is_refused(pair) -> None:  # type: ignore[no-untyped-def]
    fr, ma, wire_ = pair
    fr.write([person("fr-1", ["Mohamed Benali"], "FR-OFAST", "1980-02-01")], FR_ADMIN)
    make_grant(fr, FR_ADMIN, record_id="fr-1", recipient_agency="MA-DGSN", purposes=[DT])
    [sent] = outbox.sync(fr, transport=wire_)
    assert sent["error"] is None and sent["delivered"] == 1
    seen = access_federation.read_received(ma, Viewer("ali", "MA-DGSN", DT), "fr-1")
    assert seen.to_dict()["envelope"]["owner"] == "FR-OFAST"
    # the same message again (a retry, or a replay): acknowledged as a duplicate, not applied
    with fr.reading() as conn:
        row = conn.execute(select(fed_outbox).where(fed_outbox.c.kind == "share")).one()
    again = wire.seal(node.private_key(fr), sender="fr", to="ma", channel="sync",
                      seq=row.seq, kind="share", body=json.loads(row.body),
                      message_id=row.message_id)
    assert inbox.receive(ma, [again])[0]["status"] == "duplicate"
    # another message under a number already used: a replay, refused
    forged = _sealed(fr, "ma", row.seq, "erase", {"record": "fr-1"})
    assert inbox.receive(ma, [forged])[0] == {"id": forged["id"], "seq": row.seq,
                                              "status": "refused", "reason": "replay"}
    assert access_federation.read_received(ma, Viewer("ali", "MA-DGSN", DT), "fr-1")
    assert _refusals(ma).count("replay") == 2


def test_bad_signature_and_undeclared_key_refused_and_logged(pair) -> None:  # type: ignore[no-untyped-def]
    fr, ma, _ = pair
    message = _sealed(fr, "ma", 50)
    message["body"] = {"record": "y"}  # changed after signing
    assert inbox.receive(ma, [message])[0]["reason"] == "bad_signature"
    # a key nobody declared, claiming to be fr
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    rogue = wire.seal(Ed25519PrivateKey.generate(), sender="fr", to="ma", channel="sync",
                      seq=51, kind="erase", body={"record": "x"})
    assert inbox.receive(ma, [rogue])[0]["reason"] == "undeclared_key"
    stranger = dict(rogue, **{"from": "nobody"})
    assert inbox.receive(ma, [stranger])[0]["reason"] == "undeclared_key"
    # meant for another node
    other = _sealed(fr, "es", 52)
    assert inbox.receive(ma, [other])[0]["reason"] == "wrong_recipient"
    assert {"bad_signature", "undeclared_key", "wrong_recipient"} <= set(_refusals(ma))


def test_reorder_within_window_is_held_beyond_refused(pair) -> None:  # type: ignore[no-untyped-def]
    fr, ma, wire_ = pair
    fr.write([person("fr-2", ["Karim Ziani"], "FR-OFAST")], FR_ADMIN)
    g = make_grant(fr, FR_ADMIN, record_id="fr-2", recipient_agency="MA-DGSN", purposes=[DT])
    outbox.refresh(fr)
    revoke_grant(fr, g.id, FR_ADMIN)
    outbox.refresh(fr)
    with fr.reading() as conn:
        rows = conn.execute(select(fed_outbox).where(fed_outbox.c.delivered_at.is_(None))
                            .order_by(fed_outbox.c.seq)).all()
    assert [r.kind for r in rows] == ["share", "revoke"]
    msgs = [wire.seal(node.private_key(fr), sender="fr", to="ma", channel="sync", seq=r.seq,
                      kind=r.kind, body=json.loads(r.body), message_id=r.message_id)
            for r in rows]
    # the revocation first: held; the share then applies both, in order
    assert inbox.receive(ma, [msgs[1]])[0]["status"] == "held"
    assert inbox.receive(ma, [msgs[0]])[0]["status"] == "applied"
    with ma.reading() as conn:
        held = conn.execute(select(fed_received).where(fed_received.c.record_id == "fr-2")
                            ).one()
    assert held.record is None and held.gone_reason == "revoked"
    far = _sealed(fr, "ma", rows[-1].seq + wire.WINDOW + 1)
    assert inbox.receive(ma, [far])[0]["reason"] == "out_of_window"
    assert "out_of_window" in _refusals(ma)


def test_peer_may_not_send_records_of_agencies_it_does_not_serve(pair) -> None:  # type: ignore[no-untyped-def]
    fr, ma, wire_ = pair
    rec = person("ma-own", ["Forged"], "MA-DGSN")  # claims to be the receiver's own agency
    body = {"grant": {"id": "gx", "grantor": "MA-DGSN", "recipients": ["MA-DGSN"],
                      "purposes": [DT], "users": [], "level": "full", "valid_until": None},
            "record": {**rec.to_dict(), "version": 1}}
    with fr.transaction() as conn:
        outbox.enqueue(conn, "ma", "share", body)
    outbox.deliver(fr, "ma", transport=wire_)
    with ma.reading() as conn:
        assert conn.execute(select(fed_received)).first() is None
        notes = [e.details for e in chain.entries(conn, action="federation")]
    assert any("not an agency fr serves" in str(d.get("refused")) for d in notes)
