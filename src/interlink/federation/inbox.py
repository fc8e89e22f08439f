"""Receiving a peer's messages: checked, numbered, applied in order, exactly once.

Each message is refused, and the refusal written to the audit log, when it is not for this
node, is signed by a key that is not the one declared for its sender (or by no peer at all),
has a bad signature, repeats a sequence number already received (a replay: the first copy's
effect stands, nothing is applied twice), or runs more than `wire.WINDOW` ahead of the last
message applied. A message that arrives ahead of a gap waits in `fed_inbox` until the gap is
filled, so a revocation is never applied before the share it revokes. The sequence number moves
in the same transaction as the message's effect: a node that stops mid-way applies nothing
twice and loses nothing.

What a message may do is bounded by what its sender serves: a peer sends only records owned by
an agency it serves, and only to agencies of this node (never to another peer's); a record this
node did not receive from that peer cannot be revoked, changed or erased by it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, select, update
from sqlalchemy.engine import Connection

from interlink.audit import chain
from interlink.core.envelope import parse_date
from interlink.core.errors import DomainError
from interlink.core.messages import invalid
from interlink.core.record import Record
from interlink.federation import wire
from interlink.federation.node import show
from interlink.federation.peers import by_key, served_agencies
from interlink.federation.tables import (
    fed_inbox,
    fed_node,
    fed_pair_keys,
    fed_peer_agencies,
    fed_peers,
    fed_received,
    fed_received_grants,
)
from interlink.store import SQLStore
from interlink.store.tables import agencies

ACTOR = "federation"
#: refusals of one batch logged one by one; the rest in one entry that counts them
LOGGED_PER_BATCH = 20


def _now() -> datetime:
    return datetime.now(UTC)


def refuse(store: SQLStore, message: Any, reason: str, detail: str = "") -> dict[str, Any]:
    """Log a refused message (who claimed to send it, its id and sequence, why)."""
    msg = message if isinstance(message, dict) else {}
    store.audit("refusal", ACTOR, reason=f"federation message refused: {reason}",
                details={"peer": str(msg.get("from"))[:128], "message": str(msg.get("id"))[:64],
                         "seq": msg.get("seq"), "kind": str(msg.get("kind"))[:32],
                         "channel": str(msg.get("channel"))[:8], "refused": reason,
                         "detail": detail[:200]})
    return {"id": msg.get("id"), "seq": msg.get("seq"), "status": "refused", "reason": reason}


def authenticate(store: SQLStore, message: Any, channel: str, me: str | None = None,
                 known: dict[str, Any] | None = None) -> Any:
    """The declared peer that signed this message, for this node (`me`, its name), on this
    channel; else `wire.Refused`. `known`: peers already read in this batch, by name (a
    batch of 200 from one peer reads its row once)."""
    if not isinstance(message, dict):
        raise wire.Refused("malformed", "not an object")
    sender = str(message.get("from"))
    if known is not None and sender in known:
        row = known[sender]
    else:
        with store.reading() as conn:
            row = by_key(conn, sender)
        if known is not None:
            known[sender] = row
    wire.check(message, row.public_key if row is not None else None)
    if message["to"] != (me or show(store).name):
        raise wire.Refused("wrong_recipient", str(message["to"]))
    if message["channel"] != channel:
        raise wire.Refused("wrong_channel", str(message["channel"]))
    return row


def receive(store: SQLStore, messages: list[Any]) -> list[dict[str, Any]]:
    """Take a batch of sync messages; one result per message: applied, held (waiting for an
    earlier one), duplicate (already had: not applied again) or refused (with the reason).
    The batch is taken in one transaction (a crash takes all of it or none: the sender sends
    again what was not acknowledged); refusals are logged after it commits."""
    results: list[dict[str, Any] | None] = [None] * len(messages)
    refusals: list[tuple[int, Any, str, str]] = []
    accepted: list[tuple[int, str, dict[str, Any]]] = []
    me = show(store).name
    known: dict[str, Any] = {}
    for i, message in enumerate(messages):
        try:
            peer = authenticate(store, message, "sync", me, known)
            accepted.append((i, peer.name, message))
        except wire.Refused as exc:
            refusals.append((i, message, exc.reason, exc.detail))
    if accepted:
        with store.transaction() as conn:
            conn.info[_CACHE] = {}
            try:
                for i, peer, message in accepted:
                    reason, out = _take(store, conn, peer, message)
                    if reason:
                        refusals.append((i, message, reason, ""))
                    else:
                        results[i] = out
            finally:
                conn.info.pop(_CACHE, None)
    for n, (i, message, reason, detail) in enumerate(sorted(refusals, key=lambda r: r[0])):
        code = "replay" if reason == "duplicate" else reason
        if n < LOGGED_PER_BATCH:
            out = refuse(store, message, code, detail)
        else:  # a flood is logged once, not once per message (the log is not a sink)
            out = {"id": message.get("id") if isinstance(message, dict) else None,
                   "seq": message.get("seq") if isinstance(message, dict) else None,
                   "status": "refused", "reason": code}
        # a copy of a message already applied (a retry after a lost answer): acknowledged so
        # the sender stops, and not applied again
        if reason == "duplicate":
            out["status"] = "duplicate"
        results[i] = out
    if len(refusals) > LOGGED_PER_BATCH:
        store.audit("refusal", ACTOR, reason="federation messages refused",
                    details={"more": len(refusals) - LOGGED_PER_BATCH,
                             "reasons": sorted({r[2] for r in refusals})})
    return [r for r in results if r is not None]


def _take(store: SQLStore, conn: Connection, peer: str, message: dict[str, Any]
          ) -> tuple[str, dict[str, Any]]:
    """A refusal reason, or "" and the result."""
    seq, mid = message["seq"], str(message["id"])
    applied = conn.execute(select(fed_peers.c.in_seq).where(fed_peers.c.name == peer)
                           .with_for_update()).scalar_one()
    had = conn.execute(select(fed_inbox.c.message_id).where(
        fed_inbox.c.peer == peer, fed_inbox.c.channel == "sync", fed_inbox.c.seq == seq)
    ).first()
    if had is not None or seq <= applied:
        # the same message again is a retry; another under a used number, a replay
        return ("duplicate" if had is not None and had.message_id == mid else "replay"), {}
    if seq > applied + wire.WINDOW:
        return "out_of_window", {}
    if seq == applied + 1:  # the next one (the usual case): applied as it came, then any held
        conn.execute(fed_inbox.insert().values(
            peer=peer, channel="sync", seq=seq, message_id=mid, kind=str(message["kind"]),
            body=None, received_at=_now(), applied_at=_now()))
        _apply(store, conn, peer, str(message["kind"]), message["body"], mid)
        _apply_ready(store, conn, peer, seq)
        return "", {"id": mid, "seq": seq, "status": "applied"}
    conn.execute(fed_inbox.insert().values(
        peer=peer, channel="sync", seq=seq, message_id=mid, kind=str(message["kind"]),
        body=json.dumps(message["body"], ensure_ascii=False), received_at=_now()))
    done = _apply_ready(store, conn, peer, applied)
    return "", {"id": mid, "seq": seq, "status": "applied" if done >= seq else "held"}


def _apply_ready(store: SQLStore, conn: Connection, peer: str, applied: int) -> int:
    """Apply every held message that follows the last applied one; the new last applied."""
    while True:
        row = conn.execute(select(fed_inbox).where(
            fed_inbox.c.peer == peer, fed_inbox.c.channel == "sync",
            fed_inbox.c.seq == applied + 1, fed_inbox.c.applied_at.is_(None))).first()
        if row is None:
            break
        _apply(store, conn, peer, row.kind, json.loads(row.body or "{}"), row.message_id)
        applied += 1
        conn.execute(update(fed_inbox).where(and_(
            fed_inbox.c.peer == peer, fed_inbox.c.channel == "sync", fed_inbox.c.seq == row.seq))
            .values(applied_at=_now(), body=None))
    conn.execute(update(fed_peers).where(fed_peers.c.name == peer).values(in_seq=applied))
    return applied


#: key of `Connection.info` under which `receive` keeps, for one batch's transaction, what
#: every message of it would read again: this node's agencies and those each peer serves
#: (no sync message changes either)
_CACHE = "interlink.federation.inbox"


def _cached(conn: Connection, key: str, read: Any) -> Any:
    cache = conn.info.get(_CACHE)
    if cache is None:
        return read()
    if key not in cache:
        cache[key] = read()
    return cache[key]


def _local_agencies(conn: Connection) -> set[str]:
    """This node's own agencies: those no peer serves."""
    def read() -> set[str]:
        served = set(conn.execute(select(fed_peer_agencies.c.agency)).scalars())
        return set(conn.execute(select(agencies.c.code)).scalars()) - served
    return set(_cached(conn, "local", read))


def _served_agencies(conn: Connection, peer: str) -> set[str]:
    return set(_cached(conn, f"served:{peer}", lambda: served_agencies(conn, peer)))


def _note(conn: Connection, peer: str, mid: str, reason: str, subjects: list[str],
          **details: Any) -> None:
    chain.append(conn, "federation", ACTOR, reason=reason, subjects=subjects,
                 details={"peer": peer, "message": mid, **details})


def _apply(store: SQLStore, conn: Connection, peer: str, kind: str, body: dict[str, Any],
           mid: str) -> None:
    """One message's effect. A message whose content is refused still takes its place in
    the sequence (so later ones are not blocked) and its refusal is audited."""
    try:
        if kind == "pair-key":
            key_id, secret = str(body["key_id"]), str(body["secret"])
            conn.execute(fed_pair_keys.insert().values(
                peer=peer, direction="in", key_id=key_id, secret=secret, created_at=_now(),
                confirmed_at=_now()))
            _note(conn, peer, mid, "pair key received", [], key_id=key_id)
        elif kind == "share":
            _share(conn, peer, body, mid)
        elif kind == "update":
            _update(conn, peer, body, mid)
        elif kind == "revoke":
            _revoke(conn, peer, body, mid)
        elif kind == "erase":
            _gone(conn, peer, [str(body["record"])], "erased", mid)
        elif kind == "request":
            _request(store, conn, peer, body, mid)
        elif kind == "request-step":
            _request_step(store, conn, peer, body, mid)
        elif kind == "notice":
            _notice(store, conn, peer, body, mid)
        elif kind == "notice-hits":
            _notice_hits(store, conn, peer, body, mid)
        elif kind == "operation":
            _operation(conn, peer, body, mid)
        elif kind == "operation-step":
            _operation_step(conn, peer, body, mid)
        elif kind == "notice-end":
            from interlink.cooperation import notices

            notices.end_remote(conn, peer, mid, str(body["notice"]), str(body["state"]),
                               str(body.get("reason") or ""), str(body.get("by") or ""))
        else:
            raise invalid("federation.unknown_kind", "kind", value=kind)
    except (DomainError, LookupError, KeyError, TypeError, ValueError) as exc:
        _note(conn, peer, mid, "federation message refused: content", [], kind=kind,
              refused=str(exc)[:200])


def _served(conn: Connection, peer: str, agency: str) -> str:
    if agency not in _served_agencies(conn, peer):
        raise invalid("federation.agency_not_served", "agency", agency=agency, peer=peer)
    return agency


def _request(store: SQLStore, conn: Connection, peer: str, body: dict[str, Any],
             mid: str) -> None:
    """A request from an agency the peer serves to one of this node's: kept with its
    history. A request for information is received at once (as the platform does locally)
    and, when this node's gate would not let the asking agency know of its subject (absent,
    not the requested agency's, or not visible to it), refused at once with the same reason
    either way: the requester learns nothing it could not learn from a search."""
    from interlink.cooperation import legal_requests as machine
    from interlink.core.codes import Purpose
    from interlink.core.messages import render
    from interlink.core.viewer import Viewer
    from interlink.policy import Visibility
    from interlink.policy.sharing import judge
    from interlink.store import Actor

    data = body["request"]
    _served(conn, peer, str(data["requesting"]))
    if str(data["requested"]) not in _local_agencies(conn):
        raise invalid("federation.not_local_agency", "requested", agency=data["requested"])
    made = machine.take_remote(conn, peer, mid, data, list(body.get("events") or []))
    if made.type != "rfi":
        return  # a judicial request waits for its authority to register its receipt
    here = Actor("federation", made.requested)
    machine.transition(store, here, made.id, "receive", conn=conn)
    subject = made.subjects[0] if made.subjects else ""
    record = store.get(subject) if subject else None
    seen = Visibility.NONE
    if record is not None and record.owner == made.requested and made.purpose:
        seen = judge(store, [record], Viewer(made.created_by, made.requesting,
                                             Purpose.parse(made.purpose)))[0]
    if seen is Visibility.NONE:
        machine.transition(store, here, made.id, "refuse", conn=conn,
                           reason=render("federation.request_subject_unknown",
                                         {"id": subject, "agency": made.requested}))


def _request_step(store: SQLStore, conn: Connection, peer: str, body: dict[str, Any],
                  mid: str) -> None:
    """A step the other side took on a request between it and this node: taken here by the
    same state machine, under the same time, as that side (a step out of turn or out of
    state is refused like a local one, and the refusal audited). The message says how many
    of this side's steps the other had seen (`seen`): steps taken here since then crossed it
    in flight, and `legal_requests.reconcile` decides between them by the rule both nodes
    apply."""
    from interlink.cooperation import legal_requests as machine
    from interlink.store import Actor

    agency = _served(conn, peer, str(body["agency"]))
    at = machine.parse_when(str(body["at"])) if body.get("at") else None
    details = dict(body.get("details") or {})
    details.pop("superseded_by", None)  # only this node's reconciliation marks a step
    details["peer_message"] = mid
    actor = Actor(f"{body.get('actor') or 'unknown'}@{peer}", agency)
    if body.get("seen") is None:  # a peer that does not say what it had seen
        machine.transition(store, actor, str(body["request"]), str(body["action"]), at=at,
                           reason=str(body.get("reason") or ""), details=details, conn=conn)
        return
    me = conn.execute(select(fed_node.c.name).where(fed_node.c.id == 1)).scalar_one()
    machine.reconcile(store, actor, str(body["request"]), str(body["action"]),
                      seen=int(body["seen"]), nodes=(me, peer), at=at,
                      reason=str(body.get("reason") or ""), details=details, conn=conn)


def _notice(store: SQLStore, conn: Connection, peer: str, body: dict[str, Any],
            mid: str) -> None:
    """A notice published by an agency the peer serves to agencies of this node: its subject
    is the record received before it; this node screens its holdings for it and sends the
    issuer's hits back (in this same transaction, so they are never lost)."""
    from interlink.cooperation import notices
    from interlink.federation.outbox import enqueue

    data = body["notice"]
    _served(conn, peer, str(data["issuer"]))
    held = conn.execute(select(fed_received).where(
        fed_received.c.record_id == str(data["subject"]), fed_received.c.peer == peer)).first()
    if held is None or held.record is None:
        raise invalid("federation.notice_subject", "subject", id=data["subject"],
                      notice=data["id"], peer=peer)
    record = Record.from_dict(json.loads(held.record))
    notice, hits = notices.take_remote(store, conn, peer, mid, data, record,
                                       _local_agencies(conn))
    if hits:
        enqueue(conn, peer, "notice-hits", {"notice": notice.id, "hits": hits,
                                            "in_reply_to": mid})


def _notice_hits(store: SQLStore, conn: Connection, peer: str, body: dict[str, Any],
                 mid: str) -> None:
    from interlink.cooperation import notices

    issuer = conn.execute(select(notices.notices.c.issuer).where(
        notices.notices.c.id == str(body["notice"]))).scalar()
    if issuer is None or issuer not in _local_agencies(conn):
        raise invalid("federation.notice_unknown", "notice", id=str(body["notice"]))
    subject = conn.execute(select(notices.notices.c.subject).where(
        notices.notices.c.id == str(body["notice"]))).scalar()
    found = store.get(str(subject)) if subject else None
    notices.take_remote_hits(conn, peer, mid, str(body["notice"]), list(body["hits"]),
                             _served_agencies(conn, peer),
                             query_name=found.entity.caption if found else "")


def _operation(conn: Connection, peer: str, body: dict[str, Any], mid: str) -> None:
    """The snapshot of a joint operation led by an agency the peer serves, listing agencies
    of this node: held here (`operations.take_remote`)."""
    from interlink.cooperation import operations as ops

    done = ops.take_remote(conn, peer, body["operation"], _served_agencies(conn, peer),
                           _local_agencies(conn))
    _note(conn, peer, mid, "operation received", [], **done)


def _operation_step(conn: Connection, peer: str, body: dict[str, Any], mid: str) -> None:
    """A join or leave, on the peer, of an operation led here. Refused (closed meanwhile, not
    invited any more): the peer gets the operation as it stands here, so its copy is right
    again; an operation not here, or not listing the agency, gets nothing back."""
    from interlink.cooperation import operations as ops
    from interlink.federation.outbox import enqueue

    try:
        ops.take_remote_step(conn, peer, mid, body, _served_agencies(conn, peer))
    except DomainError:
        data = ops.snapshot(conn, str(body["operation"]))
        if data is not None and any(m["agency"] == body["agency"] for m in data["members"]):
            enqueue(conn, peer, "operation", {"operation": data, "in_reply_to": mid})
        raise


def _record(conn: Connection, peer: str, data: dict[str, Any]) -> Record:
    record = Record.from_dict(data)
    if record.owner not in _served_agencies(conn, peer):
        raise invalid("federation.owner_not_served", "owner", agency=record.owner, peer=peer)
    return record


def _share(conn: Connection, peer: str, body: dict[str, Any], mid: str) -> None:
    grant, data = body["grant"], body["record"]
    record = _record(conn, peer, data)
    if grant["grantor"] != record.owner:
        raise invalid("federation.owner_grant", "grantor")
    local = _local_agencies(conn)
    recipients = [a for a in grant["recipients"] if a in local]
    if not recipients:
        raise invalid("federation.no_local_recipient", "recipients")
    version = int(data.get("version") or 1)
    held = conn.execute(select(fed_received).where(fed_received.c.record_id == record.id)
                        ).first()
    if held is not None and held.peer != peer:
        raise invalid("federation.other_peer", "record", id=record.id)
    text = json.dumps(record.to_dict(), ensure_ascii=False)
    if held is None:
        conn.execute(fed_received.insert().values(record_id=record.id, peer=peer,
                                                  owner=record.owner, version=version,
                                                  record=text, received_at=_now()))
    elif held.record is None or version >= held.version:
        conn.execute(update(fed_received).where(fed_received.c.record_id == record.id).values(
            record=text, version=version, gone_at=None, gone_reason=None))
    until = parse_date(grant["valid_until"]) if grant.get("valid_until") else None
    for agency in recipients:
        gid = f"{grant['id']}:{agency}"
        if conn.execute(select(fed_received_grants.c.id).where(
                fed_received_grants.c.id == gid)).first() is None:
            conn.execute(fed_received_grants.insert().values(
                id=gid, grant_id=str(grant["id"]), peer=peer, record_id=record.id,
                grantor=grant["grantor"], recipient_agency=agency,
                purposes=",".join(sorted(grant["purposes"])),
                users=json.dumps(sorted(u.lower() for u in grant.get("users") or [])),
                level=grant["level"], valid_until=until, revoked=False, parent=None,
                received_at=_now()))
    _note(conn, peer, mid, "record received", [record.id], grant=grant["id"],
          recipients=recipients, version=version, owner=record.owner)


def _update(conn: Connection, peer: str, body: dict[str, Any], mid: str) -> None:
    record = _record(conn, peer, body["record"])
    version = int(body["record"].get("version") or 1)
    held = conn.execute(select(fed_received).where(fed_received.c.record_id == record.id,
                                                   fed_received.c.peer == peer)).first()
    if held is None or held.record is None or version <= held.version:
        return  # nothing held to update (revoked, erased, never sent) or an older version
    conn.execute(update(fed_received).where(fed_received.c.record_id == record.id).values(
        record=json.dumps(record.to_dict(), ensure_ascii=False), version=version))
    _note(conn, peer, mid, "new version received", [record.id], version=version)


def _revoke(conn: Connection, peer: str, body: dict[str, Any], mid: str) -> None:
    gid = str(body["grant"])
    which = and_(fed_received_grants.c.grant_id == gid, fed_received_grants.c.peer == peer)
    if body.get("agencies"):  # one member left a sharing group: revoked for it alone
        which = and_(which, fed_received_grants.c.recipient_agency.in_(
            [str(a) for a in body["agencies"]]))
    conn.execute(update(fed_received_grants).where(which).values(revoked=True))
    _note(conn, peer, mid, "grant revoked by its owner", [str(r) for r in body["records"]],
          grant=gid, owner_reason=str(body.get("reason", ""))[:200])
    # a record no live grant of the owner's holds any more is gone from this node
    for rid in body["records"]:
        live = conn.execute(select(fed_received_grants.c.id).where(
            fed_received_grants.c.record_id == str(rid), fed_received_grants.c.peer == peer,
            fed_received_grants.c.revoked.is_(False))).first()
        if live is None:
            _gone(conn, peer, [str(rid)], "revoked", mid)


def _gone(conn: Connection, peer: str, ids: list[str], why: str, mid: str) -> None:
    """Remove the content of received records (revoked or erased by the owner), keeping
    that they were held, until when and why."""
    mine = list(conn.execute(select(fed_received.c.record_id).where(
        fed_received.c.record_id.in_(ids), fed_received.c.peer == peer)).scalars())
    if not mine:
        return
    conn.execute(update(fed_received).where(fed_received.c.record_id.in_(mine)).values(
        record=None, gone_at=_now(), gone_reason=why))
    conn.execute(update(fed_received_grants).where(
        fed_received_grants.c.record_id.in_(mine)).values(revoked=True))
    _note(conn, peer, mid, f"received record removed: {why} by its owner", mine, removed=why)
