"""The outbox: what this node owes each peer, built from the audit chain, delivered at least
once, in order.

Every grant, revocation, erasure, new version, request step and notice is an audit entry
written in the same transaction as the change; `refresh` reads the chain from where it last
stopped and turns the entries that concern a peer's agencies into numbered messages (one
sequence per peer). So nothing can change without the outbox hearing of it, even a change made
while the server was down or by the command line, and a crash between the change and the
outbox loses nothing: the cursor moves in the same transaction as the messages it produced.

`deliver` sends a peer's waiting messages in sequence order, signed, and marks each one the
peer acknowledged (applied, held for a gap, or already had). A peer that is down keeps its
backlog, and `interlink peer status` shows it and the last error; the next delivery resumes
from the first unacknowledged message. While a server runs, `delivery` does both every few
seconds.
"""

from __future__ import annotations

import json
import ssl
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection

from interlink.audit import chain
from interlink.audit.entry import AuditEntry
from interlink.audit.table import audit_log
from interlink.federation import node as node_mod
from interlink.federation import wire
from interlink.federation.peers import peers_serving, set_error
from interlink.federation.tables import (
    fed_node,
    fed_outbox,
    fed_pair_keys,
    fed_peer_agencies,
    fed_peers,
    fed_sent,
)
from interlink.store import SQLStore
from interlink.store.tables import grants, group_members

#: what sends a batch of messages to a peer and returns its answer (JSON); tests and the
#: benchmark pass one that calls another node in-process
Transport = Callable[[str, str, dict[str, Any]], dict[str, Any]]

BATCH = 200
#: records of a wholesale grant queued per multi-row insert
SEND_CHUNK = 1000


def _now() -> datetime:
    return datetime.now(UTC)


def enqueue(conn: Connection, peer: str, kind: str, body: dict[str, Any]) -> int:
    """Add a message for `peer` in the caller's transaction; its sequence number."""
    seq = conn.execute(select(fed_peers.c.out_seq).where(fed_peers.c.name == peer)
                       .with_for_update()).scalar_one() + 1
    conn.execute(update(fed_peers).where(fed_peers.c.name == peer).values(out_seq=seq))
    conn.execute(fed_outbox.insert().values(
        peer=peer, seq=seq, message_id=wire.new_id(), kind=kind,
        body=json.dumps(body, ensure_ascii=False, default=str), created_at=_now(), attempts=0))
    return seq


def enqueue_many(conn: Connection, peer: str, kind: str, bodies: list[dict[str, Any]]
                 ) -> list[int]:
    """`enqueue` for many messages at once (a wholesale grant: one per record): one sequence
    update and one multi-row insert instead of three statements per message, the same rows."""
    if not bodies:
        return []
    first = conn.execute(select(fed_peers.c.out_seq).where(fed_peers.c.name == peer)
                         .with_for_update()).scalar_one() + 1
    seqs = list(range(first, first + len(bodies)))
    conn.execute(update(fed_peers).where(fed_peers.c.name == peer).values(out_seq=seqs[-1]))
    now = _now()
    conn.execute(fed_outbox.insert(), [
        {"peer": peer, "seq": seq, "message_id": wire.new_id(), "kind": kind,
         "body": json.dumps(body, ensure_ascii=False, default=str), "created_at": now,
         "attempts": 0} for seq, body in zip(seqs, bodies, strict=True)])
    return seqs


def _grant_body(row: Any, recipients: Iterable[str]) -> dict[str, Any]:
    return {"id": row.id, "grantor": row.grantor, "recipients": sorted(recipients),
            "purposes": row.purposes.split(","), "users": json.loads(row.users),
            "level": row.level,
            "valid_until": row.valid_until.isoformat() if row.valid_until else None}


def _recipients(conn: Connection, row: Any) -> set[str]:
    if row.recipient_agency is not None:
        return {row.recipient_agency}
    return set(conn.execute(select(group_members.c.agency).where(
        group_members.c.group_id == row.recipient_group)).scalars())


def _live(row: Any) -> bool:
    return row.revoked_at is None and (row.valid_until is None
                                       or row.valid_until >= date.today())


def _send_grant(store: SQLStore, conn: Connection, row: Any, only: str | None = None) -> int:
    """Messages for a live grant made by a record's owner to agencies served by peers: the
    record with its envelope, once per peer, grant and record. A re-grant (by a recipient) is
    not sent across nodes: only the owner's node speaks for a record."""
    if not _live(row):
        return 0
    targets = peers_serving(conn, _recipients(conn, row))
    if only is not None:
        targets = {p: a for p, a in targets.items() if p == only}
    if not targets:
        return 0
    if row.record_id is not None:
        found = store.get(row.record_id)
        records = [found] if found is not None else []
    else:  # wholesale: every record the grantor owns
        records = list(store.iter_records(owner=row.grantor))
    sent = 0
    for peer, agencies in sorted(targets.items()):
        # what this grant already sent the peer, read once (a wholesale grant names every
        # record of its owner: one query per record made a 100,000-record grant crawl)
        done = set(conn.execute(select(fed_sent.c.record_id).where(
            fed_sent.c.peer == peer, fed_sent.c.grant_id == row.id,
            fed_sent.c.ended_at.is_(None))).scalars())
        todo = [r for r in records if r.owner == row.grantor and r.id not in done]
        body = _grant_body(row, agencies)
        for start in range(0, len(todo), SEND_CHUNK):
            chunk = todo[start:start + SEND_CHUNK]
            enqueue_many(conn, peer, "share", [
                {"grant": body, "record": {**record.to_dict(), "version": record.version}}
                for record in chunk])
            now = _now()
            conn.execute(fed_sent.insert(), [
                {"peer": peer, "grant_id": row.id, "record_id": record.id,
                 "version": record.version or 1, "sent_at": now} for record in chunk])
            sent += len(chunk)
    return sent


def enqueue_existing_grants(store: SQLStore, conn: Connection, peer: str) -> int:
    """Every live grant already made to an agency `peer` serves (a peer declared after the
    grant): sent now, as if made now."""
    n = 0
    for row in conn.execute(select(grants).where(grants.c.revoked_at.is_(None))).all():
        n += _send_grant(store, conn, row, only=peer)
    return n


def _open_sent(conn: Connection, column: Any, values: list[str]) -> list[Any]:
    if not values:
        return []
    return list(conn.execute(select(fed_sent).where(column.in_(values),
                                                    fed_sent.c.ended_at.is_(None))).all())


def _follow(store: SQLStore, conn: Connection, entry: AuditEntry) -> None:
    details = entry.details or {}
    if entry.action == "grant" and details.get("grant"):
        row = conn.execute(select(grants).where(grants.c.id == details["grant"])).first()
        if row is not None:
            _send_grant(store, conn, row)
    elif entry.action == "group" and details.get("group") and details.get("joined"):
        for row in conn.execute(select(grants).where(
                grants.c.recipient_group == details["group"], grants.c.revoked_at.is_(None))):
            _send_grant(store, conn, row)
    elif entry.action == "group" and details.get("group") and details.get("left"):
        _left_group(conn, str(details["group"]), str(details["left"]))
    elif entry.action == "revocation" and details.get("grant"):
        by_peer: dict[str, list[str]] = {}
        for s in _open_sent(conn, fed_sent.c.grant_id, [details["grant"]]):
            by_peer.setdefault(s.peer, []).append(s.record_id)
        for peer, ids in sorted(by_peer.items()):
            enqueue(conn, peer, "revoke", {"grant": details["grant"], "records": sorted(ids),
                                           "reason": entry.reason})
        conn.execute(update(fed_sent).where(fed_sent.c.grant_id == details["grant"],
                                            fed_sent.c.ended_at.is_(None))
                     .values(ended_at=_now()))
    elif entry.action == "erasure":
        rows = _open_sent(conn, fed_sent.c.record_id, list(entry.subjects))
        for peer, rid in sorted({(s.peer, s.record_id) for s in rows}):
            enqueue(conn, peer, "erase", {"record": rid})
        if rows:
            conn.execute(update(fed_sent).where(fed_sent.c.record_id.in_(list(entry.subjects)),
                                                fed_sent.c.ended_at.is_(None))
                         .values(ended_at=_now()))
    elif entry.action in ("request", "refusal") and details.get("request"):
        _follow_request(conn, entry)
    elif entry.action == "notice" and details.get("notice"):
        _follow_notice(conn, entry)
    elif entry.action == "operation" and details.get("operation"):
        _follow_operation(conn, entry)
    elif entry.action in ("collection", "alteration"):
        subjects = list(entry.subjects)
        for start in range(0, len(subjects), 500):
            rows = _open_sent(conn, fed_sent.c.record_id, subjects[start:start + 500])
            for peer, rid in sorted({(s.peer, s.record_id) for s in rows}):
                record = store.get(rid)
                if record is None:
                    continue
                stale = [s for s in rows if s.peer == peer and s.record_id == rid
                         and s.version < (record.version or 0)]
                if not stale:
                    continue
                enqueue(conn, peer, "update", {"record": {**record.to_dict(),
                                                          "version": record.version}})
                conn.execute(update(fed_sent).where(fed_sent.c.peer == peer,
                                                    fed_sent.c.record_id == rid)
                             .values(version=record.version))


#: the keys of a request's audit entry that are not the step's own details
_STEP_KEYS = ("request", "type", "action", "from", "to", "at")


def _is_local(conn: Connection, agency: str | None) -> bool:
    """An agency this node serves itself (no peer serves it)."""
    return agency is not None and not peers_serving(conn, {agency})


def _follow_request(conn: Connection, entry: AuditEntry) -> None:
    """A step of a request between an agency of this node and one a peer serves travels to
    that peer: the sending with the request and its dated history so far (the draft and its
    edits stay here until then), every later step as itself. A step received from the peer
    (written here under its agency) is not sent back."""
    from interlink.cooperation.tables import legal_request_events, legal_requests

    details = entry.details or {}
    action = str(details.get("action") or "")
    # a reconciliation of crossing steps (no action of its own) is each node's own decision
    if action in ("", "create", "edit") or not _is_local(conn, entry.agency):
        return
    row = conn.execute(select(legal_requests).where(
        legal_requests.c.id == str(details["request"]))).first()
    if row is None or entry.agency not in (row.requesting, row.requested):
        return
    other = row.requested if entry.agency == row.requesting else row.requesting
    served = peers_serving(conn, {other})
    if not served:
        return
    [peer] = served
    if action == "send":
        events = []
        for e in conn.execute(select(legal_request_events).where(
                legal_request_events.c.request_id == row.id)
                .order_by(legal_request_events.c.id)):
            events.append({"action": e.action, "from_state": e.from_state,
                           "to_state": e.to_state, "at": e.at.isoformat(), "actor": e.actor,
                           "agency": e.agency, "reason": e.reason,
                           "details": json.loads(e.details or "{}")})
            if e.action == "send":
                break  # what followed travels as steps of its own, in order
        enqueue(conn, peer, "request", {"request": {
            "id": row.id, "type": row.type, "requesting": row.requesting,
            "requested": row.requested, "created_by": row.created_by,
            "legal_basis": row.legal_basis, "subjects": json.loads(row.subjects),
            "measures": json.loads(row.measures), "attachments": json.loads(row.attachments),
            "purpose": row.purpose, "urgency": row.urgency, "message": row.message,
            "deadline": row.deadline.isoformat() if row.deadline else None,
            "created_at": row.created_at.isoformat()}, "events": events})
        return
    enqueue(conn, peer, "request-step", {
        "request": row.id, "action": action, "at": details.get("at"), "actor": entry.actor,
        "agency": entry.agency, "reason": entry.reason,
        "seen": _seen(conn, row.id, str(entry.agency), other, action, details.get("at")),
        "details": {k: v for k, v in details.items() if k not in _STEP_KEYS}})


def _seen(conn: Connection, request_id: str, agency: str, other: str, action: str,
          at: Any) -> int | None:
    """How many of the other side's steps this node held when `agency` took this step: the
    other side's lines recorded before it. The receiving node compares it with its own count
    to find the steps that crossed this one in flight (`legal_requests.reconcile`). Counted
    from the history's own order, so it is right however late the outbox reads the chain."""
    from interlink.cooperation.clocks import utc
    from interlink.cooperation.tables import legal_request_events as events

    lines = conn.execute(select(events.c.id, events.c.agency, events.c.action, events.c.at)
                         .where(events.c.request_id == request_id)
                         .order_by(events.c.id)).all()
    when = datetime.fromisoformat(str(at)) if at else None
    mine = [r.id for r in lines if r.agency == agency and r.action == action
            and (when is None or utc(r.at) == utc(when))]
    if not mine:
        return None
    return sum(1 for r in lines if r.agency == other and r.id < mine[-1])


def _follow_notice(conn: Connection, entry: AuditEntry) -> None:
    """A notice this node's agency published, and its end, reach every peer serving an
    agency in its scope (the grants that publish its subject travel before it)."""
    from interlink.cooperation.tables import notices

    details = entry.details or {}
    action = str(details.get("action") or "")
    if action not in ("issue", "withdrawn", "cancelled"):
        return
    row = conn.execute(select(notices).where(notices.c.id == str(details["notice"]))).first()
    if row is None or not _is_local(conn, row.issuer):
        return
    scope = json.loads(row.scope)
    if "*" in scope:
        targets: dict[str, set[str]] = {}
        for peer, agency in conn.execute(select(fed_peer_agencies.c.peer,
                                                fed_peer_agencies.c.agency)):
            targets.setdefault(peer, set()).add(agency)
    else:
        targets = peers_serving(conn, set(scope))
    for peer, agencies in sorted(targets.items()):
        if action == "issue":
            enqueue(conn, peer, "notice", {"notice": {
                "id": row.id, "type": row.type, "issuer": row.issuer, "subject": row.subject,
                "scope": sorted(agencies), "purpose": row.purpose, "reason": row.reason,
                "reference": row.reference, "published_at": row.published_at.isoformat(),
                "published_by": row.published_by}})
        else:
            enqueue(conn, peer, "notice-end", {"notice": row.id, "state": action,
                                               "reason": entry.reason, "by": entry.actor})


def _follow_operation(conn: Connection, entry: AuditEntry) -> None:
    """A step of a joint operation. Led here: every peer serving an agency on its list gets
    the operation's snapshot (read now, so a late refresh sends the latest; each replaces the
    last). Led on a peer: a join or leave by an agency of this node travels to the lead's
    node, which takes it as its own step (a step received from there is not sent back)."""
    from interlink.cooperation import operations as ops
    from interlink.cooperation.tables import operation_members, operations

    details = entry.details or {}
    action = str(details.get("action") or "")
    if action not in ops.SNAPSHOT_STEPS:
        return
    op_id = str(details["operation"])
    lead = conn.execute(select(operations.c.lead).where(operations.c.id == op_id)).scalar()
    if lead is None:
        return
    if _is_local(conn, lead):
        listed = set(conn.execute(select(operation_members.c.agency).where(
            operation_members.c.operation_id == op_id)).scalars())
        targets = peers_serving(conn, listed)
        if targets:
            data = ops.snapshot(conn, op_id)
            for peer in sorted(targets):
                enqueue(conn, peer, "operation", {"operation": data})
        return
    if action not in ("join", "leave") or not _is_local(conn, entry.agency):
        return
    for peer in sorted(peers_serving(conn, {lead})):
        enqueue(conn, peer, "operation-step", {
            "operation": op_id, "action": action, "agency": entry.agency,
            "actor": entry.actor, "contact": details.get("contact"),
            "at": entry.at.isoformat()})


def _left_group(conn: Connection, group: str, agency: str) -> None:
    """An agency served by a peer left a sharing group: what it received through grants to the
    group is revoked for it there (other members on that peer keep theirs)."""
    served = peers_serving(conn, {agency})
    if not served:
        return
    [peer] = served
    ids = list(conn.execute(select(grants.c.id).where(grants.c.recipient_group == group))
               .scalars())
    for gid in ids:
        rows = [s for s in _open_sent(conn, fed_sent.c.grant_id, [gid]) if s.peer == peer]
        if not rows:
            continue
        enqueue(conn, peer, "revoke", {"grant": gid, "records": sorted(r.record_id for r in rows),
                                       "agencies": [agency], "reason": f"left group {group}"})
        members = set(conn.execute(select(group_members.c.agency).where(
            group_members.c.group_id == group)).scalars())
        if not peers_serving(conn, members).get(peer):  # nobody left there: the peer is done
            conn.execute(update(fed_sent).where(fed_sent.c.grant_id == gid,
                                                fed_sent.c.peer == peer)
                         .values(ended_at=_now()))


FOLLOWED = ("grant", "group", "revocation", "erasure", "collection", "alteration", "request",
            "refusal", "notice", "operation")


def refresh(store: SQLStore) -> int:
    """Read the audit chain after the cursor and queue what peers must hear. Returns the
    number of entries followed."""
    node_mod.ensure(store)
    n = 0
    with store.transaction() as conn:
        cursor = conn.execute(select(fed_node.c.audit_cursor).where(fed_node.c.id == 1)
                              .with_for_update()).scalar_one()
        has_peers = conn.execute(select(fed_peers.c.name).limit(1)).first() is not None
        last = conn.execute(select(func.max(audit_log.c.seq))).scalar() or 0
        after = cursor
        while has_peers:  # only the entries that matter (reads are most of a log)
            rows = conn.execute(select(audit_log).where(
                audit_log.c.seq > after, audit_log.c.seq <= last,
                audit_log.c.action.in_(FOLLOWED)).order_by(audit_log.c.seq).limit(2000)).all()
            if not rows:
                break
            for row in rows:
                _follow(store, conn, AuditEntry.from_row(row))
                n += 1
            after = rows[-1].seq
        if last != cursor:
            conn.execute(update(fed_node).where(fed_node.c.id == 1).values(audit_cursor=last))
    return n


@lru_cache(maxsize=4)
def tls_context(ca: str | None, client_cert: str | None) -> ssl.SSLContext:
    """The TLS context peers are reached with: their certificates checked against `ca` (the
    system's authorities when unset), this node's certificate presented when `client_cert`
    names one (PEM with its key: mutual TLS). Built here rather than by httpx's `verify=PATH,
    cert=PATH`, which ignores the certificate whenever the authority is given as a path (the
    client then presents none and a peer requiring one hangs up)."""
    context = ssl.create_default_context(cafile=ca) if ca else ssl.create_default_context()
    if client_cert:
        context.load_cert_chain(client_cert)
    return context


def http_transport(url: str, path: str, payload: dict[str, Any]) -> dict[str, Any]:
    """POST JSON to a peer over HTTPS (plain HTTP only on loopback: `peers.check_url`)."""
    import httpx

    from interlink import settings

    verify = tls_context(settings.FEDERATION_CA, settings.FEDERATION_CLIENT_CERT)
    with httpx.Client(timeout=30.0, verify=verify) as client:
        response = client.post(f"{url}{path}", json=payload)
    if response.status_code >= 500:
        raise ConnectionError(f"HTTP {response.status_code}")
    data = response.json()
    if response.status_code >= 400 and not isinstance(data, dict):
        raise ConnectionError(f"HTTP {response.status_code}")
    return {"status_code": response.status_code, **data}


INBOX_PATH = "/api/v1/federation/node/inbox"
QUERY_PATH = "/api/v1/federation/node/query"


def deliver(store: SQLStore, peer: str, transport: Transport | None = None) -> dict[str, Any]:
    """Send `peer` its waiting messages in order until none is left or one fails. Returns
    how many were acknowledged and the error, if any (also kept for `peer status`)."""
    send = transport or http_transport
    key = node_mod.private_key(store)
    me = node_mod.show(store).name
    acked, error = 0, None
    while True:
        with store.reading() as conn:
            url = conn.execute(select(fed_peers.c.url).where(fed_peers.c.name == peer)
                               ).scalar_one()
            rows = conn.execute(select(fed_outbox).where(
                fed_outbox.c.peer == peer, fed_outbox.c.delivered_at.is_(None))
                .order_by(fed_outbox.c.seq).limit(BATCH)).all()
        if not rows:
            break
        messages = [wire.seal(key, sender=me, to=peer, channel="sync", seq=r.seq, kind=r.kind,
                              body=json.loads(r.body), message_id=r.message_id,
                              at=r.created_at.isoformat()) for r in rows]
        try:
            answer = send(url, INBOX_PATH, {"messages": messages})
        except Exception as exc:  # noqa: BLE001 - any failure to reach the peer is kept, shown
            error = f"{type(exc).__name__}: {exc}"
        else:
            results = {r.get("id"): r for r in answer.get("results", [])}
            ok = [r for r in rows
                  if results.get(r.message_id, {}).get("status") in ("applied", "held",
                                                                     "duplicate")]
            with store.transaction() as conn:
                ids = [r.message_id for r in ok]
                if ids:
                    conn.execute(update(fed_outbox).where(fed_outbox.c.message_id.in_(ids))
                                 .values(delivered_at=_now()))
                    for r in ok:
                        if r.kind == "pair-key":
                            _confirm_key(conn, peer, json.loads(r.body)["key_id"])
                    chain.append(conn, "federation", "federation", reason="delivered",
                                 recipient=None,
                                 details={"peer": peer, "messages": ids,
                                          "seq": [ok[0].seq, ok[-1].seq]})
                bad = [r for r in rows if r not in ok]
                if bad:
                    conn.execute(update(fed_outbox).where(
                        fed_outbox.c.message_id == bad[0].message_id)
                        .values(attempts=bad[0].attempts + 1))
            acked += len(ok)
            if len(ok) < len(rows):
                first = results.get(rows[len(ok)].message_id) or {}
                error = f"refused by {peer}: {first.get('reason') or answer.get('detail')}"
        if error is not None:
            break
    set_error(store, peer, error)
    return {"peer": peer, "delivered": acked, "error": error}


def _confirm_key(conn: Connection, peer: str, key_id: str) -> None:
    """The peer holds this key now: it becomes the one queries use, and older ones retire."""
    now = _now()
    conn.execute(update(fed_pair_keys).where(
        fed_pair_keys.c.peer == peer, fed_pair_keys.c.direction == "out",
        fed_pair_keys.c.key_id == key_id).values(confirmed_at=now))
    conn.execute(update(fed_pair_keys).where(
        fed_pair_keys.c.peer == peer, fed_pair_keys.c.direction == "out",
        fed_pair_keys.c.key_id != key_id, fed_pair_keys.c.retired_at.is_(None))
        .values(retired_at=now))


def sync(store: SQLStore, peer: str | None = None,
         transport: Transport | None = None) -> list[dict[str, Any]]:
    """Queue what the audit chain says peers must hear, then deliver to one peer or all."""
    refresh(store)
    with store.reading() as conn:
        names = [peer] if peer else list(conn.execute(select(fed_peers.c.name)
                                                      .order_by(fed_peers.c.name)).scalars())
    return [deliver(store, name, transport) for name in names]
