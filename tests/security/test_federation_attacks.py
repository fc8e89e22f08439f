"""Attacks on federation, each found while building it, each a test.

A peer is trusted to speak for the agencies it serves and for nothing else: it may not ask as
another agency, send records of an agency it does not serve, grant to agencies that are not
this node's, touch records another peer sent, nor replay what it or anyone else sent. A peer
removed is a stranger. Received records are invisible to agencies their grants do not name,
and never enter local searches. A pseudonymised question leaves no query text on the peer.
"""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from interlink.access import federation as access_federation
from interlink.access import search as local_search
from interlink.audit import chain
from interlink.cooperation import rfi
from interlink.core.errors import NotFound
from interlink.core.viewer import Viewer
from interlink.federation import inbox, node, outbox, peers, query, wire
from interlink.federation.tables import fed_received
from interlink.identity import add_user
from interlink.policy.sharing import make_grant
from interlink.server import create_app
from interlink.store import SQLStore
from tests.federation.helpers import ADMIN, DT, FR_ADMIN, Wire, person, three_nodes
from tests.leaks import shows

ALI = Viewer("ali", "MA-DGSN", DT)


@pytest.fixture
def three(make_store) -> tuple[SQLStore, SQLStore, SQLStore, Wire]:  # type: ignore[no-untyped-def]
    fr, ma, es = make_store(), make_store(fresh=True), make_store(fresh=True)
    w = three_nodes(fr, ma, es, 18841)
    fr.write([person("fr-1", ["Youssef El Amrani"], "FR-OFAST", "1984-03-12")], FR_ADMIN)
    make_grant(fr, FR_ADMIN, record_id="fr-1", recipient_agency="MA-DGSN", purposes=[DT])
    outbox.sync(fr, transport=w)
    return fr, ma, es, w


def _send(sender: SQLStore, to: str, kind: str, body: dict, w: Wire) -> None:  # type: ignore[type-arg]
    with sender.transaction() as conn:
        outbox.enqueue(conn, to, kind, body)
    assert outbox.deliver(sender, to, transport=w)["error"] is None


def test_another_peer_cannot_revoke_or_erase_what_it_did_not_send(three) -> None:  # type: ignore[no-untyped-def]
    fr, ma, es, w = three
    [grant_id] = {json.loads(r)["grant"]["id"] for r in _shares(fr)}
    _send(es, "ma", "revoke", {"grant": grant_id, "records": ["fr-1"]}, w)
    _send(es, "ma", "erase", {"record": "fr-1"}, w)
    assert access_federation.read_received(ma, ALI, "fr-1").visibility == "full"


def _shares(fr: SQLStore) -> list[str]:
    from interlink.federation.tables import fed_outbox

    with fr.reading() as conn:
        return list(conn.execute(select(fed_outbox.c.body).where(
            fed_outbox.c.kind == "share")).scalars())


def test_a_peer_cannot_overwrite_another_peers_record(three) -> None:  # type: ignore[no-untyped-def]
    fr, ma, es, w = three
    fake = person("fr-1", ["Someone Else"], "ES-DAVA")
    _send(es, "ma", "share", {"grant": {"id": "g", "grantor": "ES-DAVA",
                                        "recipients": ["MA-DGSN"], "purposes": [DT],
                                        "users": [], "level": "full", "valid_until": None},
                              "record": {**fake.to_dict(), "version": 9}}, w)
    shown = access_federation.read_received(ma, ALI, "fr-1")
    assert shown.record.entity.names == ["Youssef El Amrani"] and shown.peer == "fr"


def test_a_grant_to_an_agency_of_another_peer_is_refused(three) -> None:  # type: ignore[no-untyped-def]
    fr, ma, es, w = three
    rec = person("es-1", ["Juan Perez"], "ES-DAVA")
    _send(es, "ma", "share", {"grant": {"id": "g2", "grantor": "ES-DAVA",
                                        "recipients": ["FR-OFAST"], "purposes": [DT],
                                        "users": [], "level": "full", "valid_until": None},
                              "record": {**rec.to_dict(), "version": 1}}, w)
    with ma.reading() as conn:
        assert conn.execute(select(fed_received).where(fed_received.c.record_id == "es-1")
                            ).first() is None


def test_a_question_replayed_or_relayed_is_refused(three) -> None:  # type: ignore[no-untyped-def]
    fr, ma, es, w = three
    q = wire.seal(node.private_key(ma), sender="ma", to="fr", channel="query", seq=500,
                  kind="search", body={"agency": "MA-DGSN", "user": "ali", "mode": "clear",
                                       "purpose": DT, "query": "Youssef El Amrani"})
    assert query.answer(fr, q)[0] == 200
    assert query.answer(fr, q) == (409, query.answer(fr, q)[1])
    # the same signed question sent on to Spain: not addressed there
    code, body = query.answer(es, q)
    assert code == 401 or body["reason"] == "wrong_recipient"


def test_a_removed_peer_is_a_stranger(three) -> None:  # type: ignore[no-untyped-def]
    fr, ma, es, w = three
    peers.remove(ma, ADMIN, "es")
    msg = wire.seal(node.private_key(es), sender="es", to="ma", channel="sync", seq=99,
                    kind="erase", body={"record": "x"})
    assert inbox.receive(ma, [msg])[0]["reason"] == "undeclared_key"


def test_received_records_stay_out_of_local_search_and_other_agencies(three) -> None:  # type: ignore[no-untyped-def]
    fr, ma, es, w = three
    for viewer in (ALI, Viewer("omar", "MA-DGST", DT)):
        found = local_search(ma, viewer, "Youssef El Amrani")
        assert found.results == found.hits == []
    with pytest.raises(NotFound):
        access_federation.read_received(ma, Viewer("omar", "MA-DGST", DT), "fr-1")


def test_pseudonymised_question_leaves_no_text_on_the_peer(three) -> None:  # type: ignore[no-untyped-def]
    fr, ma, es, w = three
    access_federation.search(ma, ALI, "Youssef El Amrani", scope="federation", transport=w)
    with fr.reading() as conn:
        dumped = json.dumps([e.__dict__ for e in chain.entries(conn)], default=str)
    assert "Youssef" not in dumped
    # the name's sound key as a key is written (a word of its own), not three letters that a
    # random base64url peer key or signature may hold by chance (it did: "...SvYSF2f...")
    assert not shows(dumped, "YSF")


def test_signature_checks_hold_over_http_shape(three) -> None:  # type: ignore[no-untyped-def]
    fr, ma, es, w = three
    msg = wire.seal(node.private_key(fr), sender="fr", to="ma", channel="sync", seq=7,
                    kind="erase", body={"record": "fr-1"})
    msg["kind"] = "share"  # tampered
    assert inbox.receive(ma, [msg])[0]["reason"] == "bad_signature"
    assert inbox.receive(ma, ["not a message"])[0]["reason"] == "malformed"
    assert access_federation.read_received(ma, ALI, "fr-1").visibility == "full"


def test_questions_beyond_the_rate_limit_are_refused(three, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from interlink import settings

    fr, ma, es, w = three
    monkeypatch.setattr(settings, "FEDERATION_QUERIES_PER_MINUTE", 3)
    codes = []
    for seq in range(700, 705):
        q = wire.seal(node.private_key(ma), sender="ma", to="fr", channel="query", seq=seq,
                      kind="search", body={"agency": "MA-DGSN", "user": "ali", "mode": "clear",
                                           "purpose": DT, "query": "Youssef El Amrani"})
        codes.append(query.answer(fr, q)[0])
    assert codes == [200, 200, 200, 429, 429]
    with fr.reading() as conn:
        assert [e.details["refused"] for e in chain.entries(conn, action="refusal")
                ].count("rate_limited") == 2


def test_a_flood_of_junk_is_logged_once_not_per_message(three) -> None:  # type: ignore[no-untyped-def]
    fr, ma, es, w = three
    with ma.reading() as conn:
        before = len(list(chain.entries(conn, action="refusal")))
    results = inbox.receive(ma, [{"junk": i} for i in range(500)])
    assert len(results) == 500 and {r["reason"] for r in results} == {"malformed"}
    with ma.reading() as conn:
        after = list(chain.entries(conn, action="refusal"))
    assert len(after) - before == inbox.LOGGED_PER_BATCH + 1
    assert after[-1].details == {"more": 480, "reasons": ["malformed"]}


def test_the_web_request_on_a_peers_hit_tells_a_hidden_record_from_none(three) -> None:  # type: ignore[no-untyped-def]
    """The attack of `test_no_oracle` on the federated-hit page and its form: asking the French
    node, through the Moroccan web pages, about a RED record and about an id that does not
    exist gives the same page, the same answer to the form, and the same refusal back."""
    fr, ma, _, w = three
    fr.write([person("fr-red", ["Hidden Person"], "FR-OFAST", tlp="RED")], FR_ADMIN)
    add_user(ma, "ali", "MA-DGSN", "analyst", ADMIN, password="a long enough password")
    client = TestClient(create_app(ma))
    assert client.post("/login", data={"login": "ali", "password": "a long enough password",
                                       "purpose": DT, "next": "/"},
                       follow_redirects=False).status_code == 303
    pages = {rid: client.get(f"/entity/{rid}", params={"owner": "FR-OFAST"})
             for rid in ("fr-red", "fr-nothing")}
    assert {p.status_code for p in pages.values()} == {200}
    assert pages["fr-red"].text.replace("fr-red", "X") == pages["fr-nothing"].text.replace(
        "fr-nothing", "X")
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', pages["fr-red"].text)
    assert token
    sent = {rid: client.post("/requests", data={"record_id": rid, "owner": "FR-OFAST",
                                                "csrf": token.group(1)},
                             follow_redirects=False) for rid in ("fr-red", "fr-nothing")}
    assert {s.status_code for s in sent.values()} == {303}
    outbox.sync(ma, transport=w)
    outbox.sync(fr, transport=w)
    got = {r.record_id: r for r in rfi.list_requests(ma, "MA-DGSN", "outgoing")}
    assert got["fr-red"].status == got["fr-nothing"].status == "refused"
    assert got["fr-red"].answer.replace("fr-red", "X") == got["fr-nothing"].answer.replace(
        "fr-nothing", "X")
