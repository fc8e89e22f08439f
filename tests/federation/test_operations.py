"""Joint operations across nodes (issue 16): the French lead invites a Moroccan agency its
peer node serves; the Moroccan node holds the operation for its agency (same gate: on the
list, or nothing), the agency joins there, the step travels to the lead's node, which takes it
as its own (the group changes, the grants into it travel); each side shares into it; the lead
closes and access ends on both nodes. A peer down meanwhile catches up; a join that crosses
the closing is refused on the lead's node and the Moroccan copy is put right; an agency not
on the list, or another node, learns nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from interlink.access import federation as access_federation
from interlink.audit import chain
from interlink.audit.anchor import Anchors
from interlink.audit.entry import AuditEntry
from interlink.audit.table import audit_log
from interlink.cooperation import inbox as coop_inbox
from interlink.cooperation import operations as ops
from interlink.core.codes import Purpose
from interlink.core.errors import NotFound
from interlink.core.viewer import Viewer
from interlink.federation import outbox, peers
from interlink.federation.tables import fed_outbox
from interlink.store import Actor, SQLStore
from tests.federation.helpers import DT, Wire, person, three_nodes

MARIE = Actor("marie", "FR-OFAST")
ALI = Actor("ali", "MA-DGSN")
MA_URL = "http://127.0.0.1:18882"
FR_URL = "http://127.0.0.1:18881"


@pytest.fixture
def trio(make_store) -> tuple[SQLStore, SQLStore, SQLStore, Wire]:  # type: ignore[no-untyped-def]
    fr, ma, es = make_store(), make_store(fresh=True), make_store(fresh=True)
    return fr, ma, es, three_nodes(fr, ma, es, 18881)


def _viewer(actor: Actor) -> Viewer:
    assert actor.agency is not None
    return Viewer(actor.user, actor.agency, Purpose.parse(DT))


def _members(store: SQLStore, agency: str, op_id: str) -> dict[str, str]:
    return {m.agency: m.status for m in ops.get_operation(store, agency, op_id).members}


def _verify(store: SQLStore) -> None:
    with store.reading() as conn:
        report = chain.verify(conn, anchors=Anchors.for_store(store.url))
    assert report.ok, report.problems


def _operation_entries(store: SQLStore) -> list[tuple[str, str | None, str]]:
    with store.reading() as conn:
        rows = conn.execute(select(audit_log).where(audit_log.c.action == "operation")
                            .order_by(audit_log.c.seq)).all()
    return [(e.actor, e.agency, str(e.details.get("action")))
            for e in (AuditEntry.from_row(r) for r in rows)]


def _kinds(store: SQLStore, peer: str) -> list[str]:
    with store.reading() as conn:
        return list(conn.execute(select(fed_outbox.c.kind).where(fed_outbox.c.peer == peer)
                                 .order_by(fed_outbox.c.seq)).scalars())


def test_invite_join_share_and_close_across_nodes(trio) -> None:  # type: ignore[no-untyped-def]
    fr, ma, es, wire_ = trio
    fr.write([person("fr-1", ["Samir Haddad"], "FR-OFAST")], MARIE)
    ma.write([person("ma-1", ["Karim Bennani"], "MA-DGSN")], ALI)
    op = ops.create_operation(fr, MARIE, "Andes", partners=["MA-DGSN"], purposes=[DT],
                              starts="2026-01-01", ends="2026-06-30")
    ops.share(fr, MARIE, op.id, ["fr-1"])
    outbox.sync(fr, transport=wire_)
    # the Moroccan node holds it for its agency: listed, invited, in its inbox
    [held] = ops.list_operations(ma, "MA-DGSN")
    assert (held.id, held.name, held.lead, held.state) == (op.id, "Andes", "FR-OFAST", "open")
    assert _members(ma, "MA-DGSN", op.id) == {"FR-OFAST": "member", "MA-DGSN": "invited"}
    assert len(coop_inbox.inbox(ma, "MA-DGSN").of("invitation")) == 1
    # invited is not a member: nothing shared into the operation reached Morocco yet
    with pytest.raises(NotFound):
        access_federation.read_received(ma, _viewer(ALI), "fr-1")
    # the Moroccan agency joins on its own node; the step reaches the lead's node
    ops.join(ma, ALI, op.id, contact="Cdt. Alami")
    outbox.sync(ma, transport=wire_)
    assert _members(fr, "FR-OFAST", op.id)["MA-DGSN"] == "member"
    assert ("ali@ma", "MA-DGSN", "join") in _operation_entries(fr)
    assert ("ali", "MA-DGSN", "join") in _operation_entries(ma)
    # the lead's node now sends what was shared into the operation, and the list
    outbox.sync(fr, transport=wire_)
    assert access_federation.read_received(ma, _viewer(ALI), "fr-1").record.id == "fr-1"
    assert _members(ma, "MA-DGSN", op.id)["MA-DGSN"] == "member"
    # Morocco shares into the operation on its node: the record reaches the French lead
    ops.share(ma, ALI, op.id, ["ma-1"])
    outbox.sync(ma, transport=wire_)
    assert access_federation.read_received(fr, _viewer(MARIE), "ma-1").record.id == "ma-1"
    # the lead closes: closed on both nodes, and access ends both ways
    ops.close(fr, MARIE, op.id, reason="done")
    outbox.sync(fr, transport=wire_)
    assert ops.get_operation(ma, "MA-DGSN", op.id).state == "closed"
    with pytest.raises(NotFound):
        access_federation.read_received(ma, _viewer(ALI), "fr-1")
    outbox.sync(ma, transport=wire_)
    with pytest.raises(NotFound):
        access_federation.read_received(fr, _viewer(MARIE), "ma-1")
    # the Spanish node, on no list, heard nothing of it
    assert "operation" not in _kinds(fr, "es") and "operation" not in _kinds(ma, "es")
    assert ops.list_operations(es, "ES-DAVA") == []
    for store in (fr, ma, es):
        _verify(store)


def test_an_agency_not_invited_sees_nothing_and_errors_do_not_tell(trio) -> None:  # type: ignore[no-untyped-def]
    fr, ma, _, wire_ = trio
    op = ops.create_operation(fr, MARIE, "Andes", partners=["MA-DGSN"], purposes=[DT])
    outbox.sync(fr, transport=wire_)
    # the other Moroccan agency: no operation listed, and the same error as for none at all
    assert ops.list_operations(ma, "MA-DGST") == []
    errors = []
    for op_id in (op.id, "0123456789ab"):
        with pytest.raises(LookupError) as caught:
            ops.get_operation(ma, "MA-DGST", op_id)
        errors.append(type(caught.value))
    assert errors[0] is errors[1]
    with pytest.raises(LookupError):
        ops.join(ma, Actor("driss", "MA-DGST"), op.id)
    # a step from the peer for an agency not on the list, or for no such operation, is
    # refused alike on the lead's node, and nothing is sent back
    before = _kinds(fr, "ma")
    with fr.transaction() as conn:
        for op_id in (op.id, "0123456789ab"):
            with pytest.raises(LookupError):
                ops.take_remote_step(conn, "ma", "m-1", {"operation": op_id, "action": "join",
                                                         "agency": "MA-DGST"},
                                     {"MA-DGSN", "MA-DGST"})
    assert _kinds(fr, "ma") == before
    assert _members(fr, "FR-OFAST", op.id) == {"FR-OFAST": "member", "MA-DGSN": "invited"}


def test_a_peer_down_meanwhile_catches_up_in_order(trio) -> None:  # type: ignore[no-untyped-def]
    fr, ma, _, wire_ = trio
    fr.write([person("fr-1", ["Samir Haddad"], "FR-OFAST")], MARIE)
    wire_.down.add(MA_URL)
    op = ops.create_operation(fr, MARIE, "Andes", partners=["MA-DGSN"], purposes=[DT])
    ops.invite(fr, MARIE, op.id, "MA-DGST")
    ops.share(fr, MARIE, op.id, ["fr-1"])
    [result] = outbox.sync(fr, peer="ma", transport=wire_)
    assert result["delivered"] == 0 and result["error"]
    [status] = [s for s in peers.status(fr) if s["peer"] == "ma"]
    assert status["backlog"] >= 2 and status["last_error"]
    wire_.down.clear()
    outbox.sync(fr, peer="ma", transport=wire_)
    assert _members(ma, "MA-DGST", op.id) == {"FR-OFAST": "member", "MA-DGSN": "invited",
                                              "MA-DGST": "invited"}
    # Morocco joins while the French node is down: kept, then taken when it is back
    wire_.down.add(FR_URL)
    ops.join(ma, ALI, op.id)
    [result] = outbox.sync(ma, peer="fr", transport=wire_)
    assert result["delivered"] == 0 and result["error"]
    assert _members(fr, "FR-OFAST", op.id)["MA-DGSN"] == "invited"
    wire_.down.clear()
    outbox.sync(ma, peer="fr", transport=wire_)
    assert _members(fr, "FR-OFAST", op.id)["MA-DGSN"] == "member"
    # the lead closes while Morocco is down; Morocco catches up: the share and the closing
    # arrive in order, and the record is gone again
    ops.close(fr, MARIE, op.id)
    wire_.down.add(MA_URL)
    outbox.sync(fr, peer="ma", transport=wire_)
    assert ops.get_operation(ma, "MA-DGSN", op.id).state == "open"
    wire_.down.clear()
    outbox.sync(fr, peer="ma", transport=wire_)
    assert ops.get_operation(ma, "MA-DGSN", op.id).state == "closed"
    with pytest.raises(NotFound):
        access_federation.read_received(ma, _viewer(ALI), "fr-1")
    # each closing step received is audited on the Moroccan node with its message id
    with ma.reading() as conn:
        notes = [AuditEntry.from_row(r) for r in conn.execute(select(audit_log).where(
            audit_log.c.action == "federation")).all()]
    received = [n.details for n in notes if n.reason == "operation received"]
    assert [d["state"] for d in received if d["operation"] == op.id][-1] == "closed"
    assert all(d["message"] for d in received)
    for store in (fr, ma):
        _verify(store)


def test_a_join_crossing_the_closing_is_refused_and_the_copy_put_right(trio) -> None:  # type: ignore[no-untyped-def]
    fr, ma, _, wire_ = trio
    op = ops.create_operation(fr, MARIE, "Andes", partners=["MA-DGSN"], purposes=[DT])
    outbox.sync(fr, transport=wire_)
    ops.close(fr, MARIE, op.id)          # not yet heard of in Morocco
    ops.join(ma, ALI, op.id)             # Morocco joins its copy, still open there
    outbox.sync(ma, transport=wire_)     # the join reaches a closed operation: refused
    assert _members(fr, "FR-OFAST", op.id)["MA-DGSN"] == "invited"
    assert ("ali@ma", "MA-DGSN", "join") not in _operation_entries(fr)
    outbox.sync(fr, transport=wire_)     # the closing, and the operation as it stands
    held = ops.get_operation(ma, "MA-DGSN", op.id)
    assert held.state == "closed" and held.member("MA-DGSN").status == "invited"  # type: ignore[union-attr]
    for store in (fr, ma):
        _verify(store)


def test_the_member_on_the_peer_node_sees_and_joins_it_through_its_own_api(trio) -> None:  # type: ignore[no-untyped-def]
    """The Moroccan node's API: the invited agency's user lists the operation, opens it and
    joins; the other Moroccan agency's user gets the same 404 as for an operation that does
    not exist; the join reaches the lead's node."""
    from fastapi.testclient import TestClient

    from interlink.api import create_api
    from interlink.identity import accounts
    from tests.federation.helpers import ADMIN

    fr, ma, _, wire_ = trio
    op = ops.create_operation(fr, MARIE, "Andes", partners=["MA-DGSN"], purposes=[DT])
    outbox.sync(fr, transport=wire_)
    tokens = {}
    for login, agency in (("ali", "MA-DGSN"), ("driss", "MA-DGST")):
        accounts.add_user(ma, login, agency, "liaison_officer", ADMIN)
        tokens[login] = {"Authorization":
                         f"Bearer {accounts.create_token(ma, login, ADMIN)[1]}"}
    client = TestClient(create_api(ma))
    listed = client.get("/api/v1/operations", headers=tokens["ali"]).json()
    assert [(o["id"], o["name"], o["lead"]) for o in listed] == [(op.id, "Andes", "FR-OFAST")]
    shown = client.get(f"/api/v1/operations/{op.id}", headers=tokens["ali"])
    assert shown.status_code == 200 and shown.json()["state"] == "open"
    assert client.get("/api/v1/operations", headers=tokens["driss"]).json() == []
    hidden = client.get(f"/api/v1/operations/{op.id}", headers=tokens["driss"])
    absent = client.get("/api/v1/operations/0123456789ab", headers=tokens["driss"])
    assert hidden.status_code == absent.status_code == 404
    assert hidden.json() == absent.json()
    refused = client.post(f"/api/v1/operations/{op.id}/join", headers=tokens["driss"])
    assert refused.status_code == 404 and refused.json() == client.post(
        "/api/v1/operations/0123456789ab/join", headers=tokens["driss"]).json()
    joined = client.post(f"/api/v1/operations/{op.id}/join", headers=tokens["ali"],
                         json={"contact": "Cdt. Alami"})
    assert joined.status_code == 200
    outbox.sync(ma, transport=wire_)
    assert _members(fr, "FR-OFAST", op.id) == {"FR-OFAST": "member", "MA-DGSN": "member"}


def test_a_peer_cannot_take_over_a_local_group_or_operation(trio) -> None:  # type: ignore[no-untyped-def]
    """A snapshot whose id names a group or an operation this node has already is refused:
    a peer cannot add its agencies to a local group by naming its operation after it."""
    from interlink.core.errors import InvalidInput
    from interlink.policy.sharing import add_group
    from interlink.store.tables import group_members

    fr, ma, _, _ = trio
    add_group(ma, "op-local1", "Moroccan group", ["MA-DGSN"], ALI)
    own = ops.create_operation(ma, ALI, "Atlas", purposes=[DT])
    for op_id in ("local1", own.id):
        data = {"id": op_id, "name": "x", "lead": "FR-OFAST", "purposes": DT, "state": "open",
                "members": [{"agency": "FR-OFAST", "role": "lead", "status": "member"},
                            {"agency": "MA-DGSN", "role": "partner", "status": "member"}]}
        with ma.transaction() as conn, pytest.raises(InvalidInput):
            ops.take_remote(conn, "fr", data, {"FR-OFAST"}, {"MA-DGSN", "MA-DGST"})
    with ma.reading() as conn:
        assert set(conn.execute(select(group_members.c.agency).where(
            group_members.c.group_id == "op-local1")).scalars()) == {"MA-DGSN"}
    assert ops.get_operation(ma, "MA-DGSN", own.id).lead == "MA-DGSN"


def test_the_member_on_the_peer_node_sees_it_on_its_own_pages(trio) -> None:  # type: ignore[no-untyped-def]
    """The Moroccan node's web pages: the invited agency's user sees the operation in the
    list and on its page; the other agency's user gets the page an unknown operation gets."""
    from fastapi.testclient import TestClient

    from interlink.identity import add_user
    from interlink.server import create_app
    from tests.federation.helpers import ADMIN

    fr, ma, _, wire_ = trio
    op = ops.create_operation(fr, MARIE, "Opération Andes", partners=["MA-DGSN"],
                              purposes=[DT])
    outbox.sync(fr, transport=wire_)
    clients = {}
    for login, agency in (("ali", "MA-DGSN"), ("driss", "MA-DGST")):
        add_user(ma, login, agency, "liaison_officer", ADMIN, password="a long enough password")
        client = TestClient(create_app(ma))
        r = client.post("/login", data={"login": login, "password": "a long enough password",
                                         "purpose": DT, "next": "/"}, follow_redirects=False)
        assert r.status_code == 303, r.text
        clients[login] = client
    assert "Opération Andes" in clients["ali"].get("/operations").text
    page = clients["ali"].get(f"/operations/{op.id}")
    assert page.status_code == 200 and "Opération Andes" in page.text and "FR-OFAST" in page.text
    assert "Opération Andes" not in clients["driss"].get("/operations").text
    hidden = clients["driss"].get(f"/operations/{op.id}")
    absent = clients["driss"].get("/operations/0123456789ab")
    assert hidden.status_code == absent.status_code == 404
    assert "Opération Andes" not in hidden.text
    assert hidden.text.replace(op.id, "") == absent.text.replace("0123456789ab", "")
