"""Steps of one request taken on both nodes at the same time: each node takes its own step
before it hears of the other's, both messages cross in flight, and whichever arrives first
both nodes end in the same state by the rule both apply (`legal_requests.reconcile`): an
answer of the requested side stands over a withdrawal, a withdrawal over any other step. The
losing steps stay in both histories marked as superseded, and both audits say so."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from interlink.access import federation as access_federation
from interlink.audit import chain
from interlink.audit.anchor import Anchors
from interlink.cooperation import legal_requests as machine
from interlink.cooperation import rfi
from interlink.core.errors import NotFound
from interlink.core.viewer import Viewer
from interlink.federation import outbox
from interlink.store import Actor, SQLStore
from tests.federation.helpers import DT, FR_ADMIN, Wire, person, three_nodes

ALI = Viewer("ali", "MA-DGSN", DT)
MARIE = Actor("marie", "FR-OFAST")
JUAN = Actor("juan", "ES-DAVA")
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def trio(make_store) -> tuple[SQLStore, SQLStore, SQLStore, Wire]:  # type: ignore[no-untyped-def]
    fr, ma, es = make_store(), make_store(fresh=True), make_store(fresh=True)
    return fr, ma, es, three_nodes(fr, ma, es, 18871)


def _lines(store: SQLStore, agency: str, rid: str) -> list[tuple[str, str, str, str | None]]:
    """The history as a set both nodes can be compared on: who, what, when, and whether it
    was superseded (the order of two crossing lines is each node's order of arrival)."""
    detail = machine.show_request(store, agency, rid)
    return sorted((h.agency, h.action, h.at.isoformat(), h.superseded_by)
                  for h in detail.history)


def _reconciled(store: SQLStore, rid: str) -> list[dict]:  # type: ignore[type-arg]
    with store.reading() as conn:
        return [e.details["reconciled"] for e in chain.entries(conn, action="request")
                if e.details.get("request") == rid and "reconciled" in e.details]


def _verify(store: SQLStore) -> None:
    with store.reading() as conn:
        report = chain.verify(conn, anchors=Anchors.for_store(store.url))
    assert report.ok, report.problems


def _cross(first: SQLStore, second: SQLStore, wire_: Wire) -> None:
    """Deliver what each node queued (both steps already taken), `first`'s messages first,
    then once more both ways (what the reconciliations themselves send: nothing)."""
    for store in (first, second, first, second):
        assert all(r["error"] is None for r in outbox.sync(store, transport=wire_))


@pytest.mark.parametrize("first", ["requester", "owner"])
def test_withdrawal_crossing_the_owners_progress_wins_on_both_nodes(trio, first) -> None:  # type: ignore[no-untyped-def]
    fr, _, es, wire_ = trio
    es.write([person("es-1", ["Mateo Ruiz"], "ES-DAVA")], JUAN)
    made = machine.create_request(es, JUAN, type="mla", requested="FR-OFAST",
                                  subjects=["es-1"], purpose=DT, message="bank records", at=T0)
    machine.transition(es, JUAN, made.id, "send", at=T0 + timedelta(hours=1))
    outbox.sync(es, transport=wire_)
    # the owner receives and accepts, the requester withdraws: neither has heard of the other
    machine.transition(fr, MARIE, made.id, "receive", at=T0 + timedelta(hours=2))
    machine.transition(fr, MARIE, made.id, "accept", at=T0 + timedelta(hours=4))
    machine.transition(es, JUAN, made.id, "withdraw", at=T0 + timedelta(hours=3),
                       reason="case closed")
    _cross(es if first == "requester" else fr, fr if first == "requester" else es, wire_)
    ours, theirs = (machine.get_request(es, "ES-DAVA", made.id),
                    machine.get_request(fr, "FR-OFAST", made.id))
    assert ours.state == theirs.state == "withdrawn"
    assert ours.answer == theirs.answer == "case closed"
    history = _lines(es, "ES-DAVA", made.id)
    assert history == _lines(fr, "FR-OFAST", made.id)
    assert [(a, act, by) for a, act, _, by in history if act in ("receive", "accept",
                                                                  "withdraw")] == [
        ("ES-DAVA", "withdraw", None), ("FR-OFAST", "accept", "ES-DAVA"),
        ("FR-OFAST", "receive", "ES-DAVA")]
    # the superseded steps count for nothing: no clock runs on either side
    assert machine.due_list(fr, "FR-OFAST", T0 + timedelta(days=400)) == []
    assert machine.due_list(es, "ES-DAVA", T0 + timedelta(days=400)) == []
    # both nodes audited the outcome, naming the same steps the same way
    for store in (es, fr):
        last = _reconciled(store, made.id)[-1]
        assert last["winner"] == "ES-DAVA" and last["state"] == "withdrawn"
        _verify(store)
    done = {tuple(sorted(r["superseded"])) for s in (es, fr) for r in _reconciled(s, made.id)}
    assert {x for t in done for x in t} == {"FR-OFAST#1", "FR-OFAST#2"}
    # nothing is left to take on either side
    with pytest.raises(machine.WrongState):
        machine.transition(fr, MARIE, made.id, "start")


@pytest.mark.parametrize("first", ["requester", "owner"])
def test_answer_crossing_a_withdrawal_stands_with_its_grant(trio, first) -> None:  # type: ignore[no-untyped-def]
    fr, ma, _, wire_ = trio
    fr.write([person("fr-y", ["Youssef El Amrani"], "FR-OFAST", "1984-03-12")], FR_ADMIN)
    asked = rfi.open_remote(ma, ALI, "fr-y", "FR-OFAST", "seen at Tanger Med")
    outbox.sync(ma, transport=wire_)  # the owner's node has it (received at once)
    # the owner grants (accept, grant, execute) while the asker withdraws
    rfi.answer_request(fr, MARIE, asked.id, grant=True, reason="for the joint case")
    machine.transition(ma, Actor("ali", "MA-DGSN"), asked.id, "withdraw",
                       reason="no longer needed")
    with pytest.raises(NotFound):
        access_federation.read_received(ma, ALI, "fr-y")
    _cross(ma if first == "requester" else fr, fr if first == "requester" else ma, wire_)
    ours, theirs = (machine.get_request(ma, "MA-DGSN", asked.id),
                    machine.get_request(fr, "FR-OFAST", asked.id))
    assert ours.state == theirs.state == "executed"
    assert ours.grant_id == theirs.grant_id and ours.grant_id
    assert ours.answer == theirs.answer == "for the joint case"
    [mine] = rfi.list_requests(ma, "MA-DGSN", "outgoing")
    assert mine.status == "granted"
    # the answer's record is there in full: the withdrawal that crossed it did not undo it
    assert access_federation.read_received(ma, ALI, "fr-y").visibility.value == "full"
    history = _lines(ma, "MA-DGSN", asked.id)
    assert history == _lines(fr, "FR-OFAST", asked.id)
    superseded = [(a, act, by) for a, act, _, by in history if by]
    assert superseded == [("MA-DGSN", "withdraw", "FR-OFAST")]
    for store in (ma, fr):
        last = _reconciled(store, asked.id)[-1]
        assert last["winner"] == "FR-OFAST" and last["state"] == "executed"
        assert "MA-DGSN#3" in last["superseded"]  # create, send, withdraw
        _verify(store)
    # on the asker's node the owner's steps arrived one by one: its receipt and acceptance
    # first lost to the withdrawal, then the execution won and reinstated them
    reinstated = {x for r in _reconciled(ma, asked.id) for x in r["reinstated"]}
    assert reinstated == {"FR-OFAST#1", "FR-OFAST#2"}


def _received_mla(fr, es, wire_, record: str, name: str):  # type: ignore[no-untyped-def]
    """An MLA request from ES-DAVA to FR-OFAST about a new record, sent and received, each node
    knowing the other's steps: the point where the tests below make steps cross."""
    es.write([person(record, [name], "ES-DAVA")], JUAN)
    made = machine.create_request(es, JUAN, type="mla", requested="FR-OFAST",
                                  subjects=[record], purpose=DT, at=T0)
    machine.transition(es, JUAN, made.id, "send", at=T0 + timedelta(hours=1))
    outbox.sync(es, transport=wire_)
    machine.transition(fr, MARIE, made.id, "receive", at=T0 + timedelta(hours=2))
    outbox.sync(fr, transport=wire_)  # the requester knows of the receipt
    return made


def test_refusal_crossing_a_withdrawal_both_close_as_refused(trio) -> None:  # type: ignore[no-untyped-def]
    fr, _, es, wire_ = trio
    made = _received_mla(fr, es, wire_, "es-2", "Lucia Gomez")
    # both close at once: the owner refuses (later), the requester withdraws (earlier)
    machine.transition(fr, MARIE, made.id, "refuse", at=T0 + timedelta(hours=6),
                       reason="outside our competence")
    machine.transition(es, JUAN, made.id, "withdraw", at=T0 + timedelta(hours=5),
                       reason="sent to the wrong office")
    _cross(fr, es, wire_)
    for store, agency in ((es, "ES-DAVA"), (fr, "FR-OFAST")):
        got = machine.get_request(store, agency, made.id)
        assert (got.state, got.answer) == ("refused", "outside our competence")
        [outcome] = _reconciled(store, made.id)
        assert outcome["superseded"] == ["ES-DAVA#3"] and outcome["reinstated"] == []
        _verify(store)
    assert _lines(es, "ES-DAVA", made.id) == _lines(fr, "FR-OFAST", made.id)
    # the receipt both had before the crossing is not touched
    assert [by for a, act, _, by in _lines(es, "ES-DAVA", made.id) if act == "receive"] == [
        None]


def test_steps_that_do_not_cross_are_taken_as_before(trio) -> None:  # type: ignore[no-untyped-def]
    fr, _, es, wire_ = trio
    made = _received_mla(fr, es, wire_, "es-3", "Pablo Ortiz")
    machine.transition(es, JUAN, made.id, "withdraw", at=T0 + timedelta(hours=3),
                       reason="case closed")
    outbox.sync(es, transport=wire_)
    for store in (es, fr):
        assert _reconciled(store, made.id) == []
    assert _lines(es, "ES-DAVA", made.id) == _lines(fr, "FR-OFAST", made.id)
    assert all(by is None for *_, by in _lines(fr, "FR-OFAST", made.id))
    assert machine.get_request(fr, "FR-OFAST", made.id).state == "withdrawn"
