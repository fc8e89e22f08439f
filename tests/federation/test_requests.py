"""Requests for information, judicial requests and notices across nodes: each travels as a
signed, numbered sync message on the same outbox and inbox as shares; the owner's node keeps
its own history and audit; the answer travels back; the clocks are the same on both sides; a
notice published to an agency another node serves screens that node's holdings there."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from interlink.access import federation as access_federation
from interlink.audit import chain
from interlink.audit.anchor import Anchors
from interlink.cooperation import inbox as coop_inbox
from interlink.cooperation import legal_requests as machine
from interlink.cooperation import notices as nt
from interlink.cooperation import rfi
from interlink.core.errors import InvalidInput
from interlink.core.viewer import Viewer
from interlink.federation import outbox
from interlink.federation.tables import fed_outbox
from interlink.store import Actor, SQLStore
from interlink.store.tables import alerts
from tests.federation.helpers import DT, FR_ADMIN, Wire, person, three_nodes

ALI = Viewer("ali", "MA-DGSN", DT)
MARIE = Actor("marie", "FR-OFAST")
JUAN = Actor("juan", "ES-DAVA")


@pytest.fixture
def trio(make_store) -> tuple[SQLStore, SQLStore, SQLStore, Wire]:  # type: ignore[no-untyped-def]
    fr, ma, es = make_store(), make_store(fresh=True), make_store(fresh=True)
    return fr, ma, es, three_nodes(fr, ma, es, 18851)


def _history(store: SQLStore, agency: str, rid: str) -> list[tuple[str, str, datetime]]:
    detail = machine.show_request(store, agency, rid)
    return [(h.action, h.to_state, h.at) for h in detail.history]


def _verify(store: SQLStore) -> None:
    with store.reading() as conn:
        report = chain.verify(conn, anchors=Anchors.for_store(store.url))
    assert report.ok, report.problems


def _kinds(store: SQLStore, peer: str) -> list[str]:
    with store.reading() as conn:
        return list(conn.execute(select(fed_outbox.c.kind).where(fed_outbox.c.peer == peer)
                                 .order_by(fed_outbox.c.seq)).scalars())


def test_rfi_to_another_node_answered_with_a_grant(trio) -> None:  # type: ignore[no-untyped-def]
    fr, ma, _, wire_ = trio
    fr.write([person("fr-y", ["Youssef El Amrani"], "FR-OFAST", "1984-03-12")], FR_ADMIN)
    asked = rfi.open_remote(ma, ALI, "fr-y", "FR-OFAST", "seen at Tanger Med")
    assert asked.status == "open" and asked.owner == "FR-OFAST"
    # a second request while the first waits: refused here, nothing more travels
    with pytest.raises(Exception, match="fr-y"):
        rfi.open_remote(ma, ALI, "fr-y", "FR-OFAST", "again")
    # an owner this node serves itself is asked here, not across nodes
    with pytest.raises(InvalidInput, match="MA-DGST"):
        rfi.open_remote(ma, ALI, "x", "MA-DGST", "")
    assert [r["error"] for r in outbox.sync(ma, transport=wire_)] == [None, None]
    assert "request" in _kinds(ma, "fr") and "request" not in _kinds(ma, "es")
    # the owner's node has it, received at once, in its inbox
    [there] = rfi.list_requests(fr, "FR-OFAST", "incoming")
    assert (there.id, there.status, there.requester, there.requested_by) == (
        asked.id, "open", "MA-DGSN", "ali@ma")
    waiting = coop_inbox.inbox(fr, "FR-OFAST").of("request")
    assert [(i.code, i.params["id"]) for i in waiting] == [("inbox.rfi_waiting", asked.id)]
    # its receipt travels back
    outbox.sync(fr, transport=wire_)
    assert machine.get_request(ma, "MA-DGSN", asked.id).state == "received"
    # the owner grants: the record and the answer travel back together
    rfi.answer_request(fr, MARIE, asked.id, grant=True, reason="for the joint case")
    outbox.sync(fr, transport=wire_)
    [mine] = rfi.list_requests(ma, "MA-DGSN", "outgoing")
    assert mine.status == "granted" and mine.grant_id
    seen = access_federation.read_received(ma, ALI, "fr-y")
    assert seen.visibility.value == "full" and seen.record.owner == "FR-OFAST"
    answered = coop_inbox.inbox(ma, "MA-DGSN").of("answer")
    assert [i.params["record"] for i in answered] == ["fr-y"]
    # each side has its own history, with the same steps at the same times
    ours, theirs = _history(ma, "MA-DGSN", asked.id), _history(fr, "FR-OFAST", asked.id)
    assert [h[0] for h in ours] == ["create", "send", "receive", "accept", "execute"]
    assert ours == theirs
    # each side's audit names the other's message ids: the request arrived with the id the
    # requester's node delivered, the answer's steps with the ids the owner's node delivered
    with fr.reading() as conn:
        arrived = [e for e in chain.entries(conn, action="request")
                   if e.details.get("arrived")]
        fr_delivered = {m for e in chain.entries(conn, action="federation")
                        if e.reason == "delivered" for m in e.details["messages"]}
    with ma.reading() as conn:
        ma_delivered = {m for e in chain.entries(conn, action="federation")
                        if e.reason == "delivered" for m in e.details["messages"]}
        steps_in = [e.details["peer_message"] for e in chain.entries(conn, action="request")
                    if e.details.get("peer_message")]
    assert [e.details["message"] for e in arrived][0] in ma_delivered
    assert len(steps_in) == 3 and set(steps_in) <= fr_delivered
    for store in (fr, ma):
        _verify(store)


def test_rfi_about_what_the_asker_may_not_know_is_refused_alike(trio) -> None:  # type: ignore[no-untyped-def]
    fr, ma, _, wire_ = trio
    fr.write([person("fr-red", ["Hidden Person"], "FR-OFAST", tlp="RED")], FR_ADMIN)
    hidden = rfi.open_remote(ma, ALI, "fr-red", "FR-OFAST", "")
    absent = rfi.open_remote(ma, ALI, "fr-nothing", "FR-OFAST", "")
    outbox.sync(ma, transport=wire_)
    outbox.sync(fr, transport=wire_)
    got = {r.record_id: r for r in rfi.list_requests(ma, "MA-DGSN", "outgoing")}
    assert got["fr-red"].status == got["fr-nothing"].status == "refused"
    # the same answer for a record that exists and one that does not: no oracle
    assert got["fr-red"].answer.replace("fr-red", "X") == got["fr-nothing"].answer.replace(
        "fr-nothing", "X")
    assert {hidden.id, absent.id} == {got["fr-red"].id, got["fr-nothing"].id}


def test_judicial_request_clocks_the_same_on_both_sides(trio) -> None:  # type: ignore[no-untyped-def]
    fr, _, es, wire_ = trio
    es.write([person("es-1", ["Mateo Ruiz"], "ES-DAVA")], JUAN)
    t0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    made = machine.create_request(es, JUAN, type="eio", requested="FR-OFAST",
                                  subjects=["es-1"], purpose=DT, message="bank records",
                                  at=t0)
    machine.transition(es, JUAN, made.id, "send", at=t0 + timedelta(hours=2))
    outbox.sync(es, transport=wire_)
    # a judicial request waits there for its authority to register its receipt
    assert machine.get_request(fr, "FR-OFAST", made.id).state == "sent"
    assert [i.params["id"] for i in coop_inbox.inbox(fr, "FR-OFAST").of("request")] == [
        made.id]
    machine.transition(fr, MARIE, made.id, "receive", at=t0 + timedelta(days=1))
    machine.transition(fr, MARIE, made.id, "extend", at=t0 + timedelta(days=20),
                       reason="translation pending", details={"clock": "recognition"})
    # the requesting side may not take the requested side's step, here or there
    with pytest.raises(machine.WrongSide):
        machine.transition(es, JUAN, made.id, "accept")
    outbox.sync(fr, transport=wire_)
    ours = machine.show_request(es, "ES-DAVA", made.id)
    theirs = machine.show_request(fr, "FR-OFAST", made.id)
    assert [(c.name, c.started_at, c.due, c.extended) for c in ours.clocks] == [
        (c.name, c.started_at, c.due, c.extended) for c in theirs.clocks]
    [recognition] = [c for c in ours.clocks if c.name == "recognition"]
    assert recognition.extended and recognition.started_at == t0 + timedelta(days=1)
    assert _history(es, "ES-DAVA", made.id) == _history(fr, "FR-OFAST", made.id)
    # the requester withdraws: the owner's node has it withdrawn, its clocks stopped
    machine.transition(es, JUAN, made.id, "withdraw", reason="case closed")
    outbox.sync(es, transport=wire_)
    assert machine.get_request(fr, "FR-OFAST", made.id).state == "withdrawn"
    assert machine.due_list(fr, "FR-OFAST", t0 + timedelta(days=400)) == []
    for store in (fr, es):
        _verify(store)


def test_step_out_of_turn_from_a_peer_is_refused_and_audited(trio) -> None:  # type: ignore[no-untyped-def]
    fr, _, es, wire_ = trio
    es.write([person("es-2", ["Lucia Gomez"], "ES-DAVA")], JUAN)
    made = machine.create_request(es, JUAN, type="mla", requested="FR-OFAST",
                                  subjects=["es-2"], purpose=DT)
    machine.transition(es, JUAN, made.id, "send")
    # a peer claiming the requested side's step as an agency it does not serve
    with es.transaction() as conn:
        outbox.enqueue(conn, "fr", "request-step", {
            "request": made.id, "action": "accept", "at": None, "actor": "juan",
            "agency": "FR-OFAST", "reason": "", "details": {}})
    outbox.sync(es, transport=wire_)
    assert machine.get_request(fr, "FR-OFAST", made.id).state == "sent"
    with fr.reading() as conn:
        refused = [e.details for e in chain.entries(conn, action="federation")
                   if e.reason == "federation message refused: content"]
    assert refused and "FR-OFAST" in refused[-1]["refused"]


def test_notice_to_another_node_screens_there_and_its_withdrawal_follows(trio) -> None:  # type: ignore[no-untyped-def]
    fr, ma, es, wire_ = trio
    fr.write([person("fr-w", ["Youssef El Hamdaoui"], "FR-OFAST", "1984-03-12")], FR_ADMIN)
    ma.write([person("ma-1", ["Yusuf Al Hamdawi"], "MA-DGSN", "1984-03-12")],
             Actor("ma-admin", "MA-DGSN"))
    es.write([person("es-3", ["Youssef El Hamdaoui"], "ES-DAVA")], JUAN)
    pub = nt.issue_notice(fr, MARIE, "red", "fr-w", purpose=DT, scope=["MA-DGSN"],
                          reason="wanted", reference="2026/1")
    outbox.sync(fr, transport=wire_)
    assert "notice" in _kinds(fr, "ma") and "notice" not in _kinds(fr, "es")
    # on the Moroccan node: the notice for its agency, the subject received, an alert to the
    # owner of the look-alike, both in its inbox
    [there] = nt.list_notices(ma, "MA-DGSN")
    assert (there.id, there.issuer, there.subject, there.scope) == (
        pub.notice.id, "FR-OFAST", "fr-w", ["MA-DGSN"])
    assert nt.list_notices(ma, "MA-DGST") == [] and nt.list_notices(es, "ES-DAVA") == []
    assert access_federation.read_received(ma, ALI, "fr-w").visibility.value == "full"
    raised = nt.notice_alerts(ma, "MA-DGSN", pub.notice.id)
    assert [a["record_id"] for a in raised] == ["ma-1"]
    box = coop_inbox.inbox(ma, "MA-DGSN")
    assert [i.code for i in box.of("notice")] == ["inbox.notice"]
    assert [i.code for i in box.of("alert")] == ["inbox.notice_alert"]
    # the issuer learns of the match as a hit (owner and reference), on its own node
    outbox.sync(ma, transport=wire_)
    [hit] = nt.notice_alerts(fr, "FR-OFAST", pub.notice.id)
    assert hit["record_id"] == "ma-1" and "MA-DGSN" in hit["explanation"]
    assert "Al Hamdawi" not in hit["explanation"]
    # withdrawn: ended there, its alerts closed, its subject gone
    nt.end_notice(fr, MARIE, pub.notice.id, "arrested")
    outbox.sync(fr, transport=wire_)
    assert nt.list_notices(ma, "MA-DGSN") == []
    with ma.reading() as conn:
        status = conn.execute(select(alerts.c.status).where(
            alerts.c.list_name == f"notice:{pub.notice.id}")).scalars().all()
    assert status == ["closed"]
    assert access_federation.list_received(ma, ALI) == []
    for store in (fr, ma):
        _verify(store)
