"""Peers: the other nodes this node exchanges with, their public keys and the agencies each
serves.

Declaring a peer is a trust decision, so it is audited, and it is the only way a key becomes
one this node accepts messages from. The agencies a peer serves bound what it may do: it may
search only as one of them, and send only records owned by one of them; a grant reaches it
only for them. An agency a peer serves is added here as an agency (if absent) so that owners
can name it in grants like any other.
"""

from __future__ import annotations

import base64
import contextlib
import ipaddress
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection

from interlink.audit import chain
from interlink.core.agency import Agency, parse_agency_code
from interlink.core.errors import NotFound
from interlink.core.messages import error, invalid
from interlink.federation.node import decode_public, ensure
from interlink.federation.tables import (
    fed_inbox,
    fed_outbox,
    fed_pair_keys,
    fed_peer_agencies,
    fed_peers,
    fed_sent,
)
from interlink.store import Actor, SQLStore


def _now() -> datetime:
    return datetime.now(UTC)


def check_url(url: str) -> str:
    """HTTPS, or plain HTTP on a loopback address only (tests, a node and its proxy)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise invalid("peer.url", "url")
    if parts.scheme == "http":
        host = parts.hostname
        loopback = host == "localhost"
        with contextlib.suppress(ValueError):
            loopback = loopback or ipaddress.ip_address(host).is_loopback
        if not loopback:
            raise invalid("peer.http_loopback", "url")
    return url.strip().rstrip("/")


@dataclass(frozen=True)
class Peer:
    name: str
    url: str
    public_key: str
    agencies: tuple[str, ...]
    out_seq: int = 0
    in_seq: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "url": self.url, "public_key": self.public_key,
                "agencies": list(self.agencies)}


def _peer(conn: Connection, row: Any) -> Peer:
    agencies = tuple(sorted(conn.execute(select(fed_peer_agencies.c.agency).where(
        fed_peer_agencies.c.peer == row.name)).scalars()))
    return Peer(row.name, row.url, row.public_key, agencies, row.out_seq, row.in_seq)


def get(store: SQLStore, name: str) -> Peer:
    with store.reading() as conn:
        row = conn.execute(select(fed_peers).where(fed_peers.c.name == name)).first()
        if row is None:
            raise error(NotFound, "peer.unknown", "name", name=name)
        return _peer(conn, row)


def list_peers(store: SQLStore) -> list[Peer]:
    with store.reading() as conn:
        return [_peer(conn, r) for r in conn.execute(select(fed_peers).order_by(fed_peers.c.name))]


def by_key(conn: Connection, name: str) -> Any:
    """The declared peer of that name (its row), or None."""
    return conn.execute(select(fed_peers).where(fed_peers.c.name == name)).first()


def peers_serving(conn: Connection, agencies: set[str]) -> dict[str, set[str]]:
    """peer -> the agencies among these that it serves."""
    out: dict[str, set[str]] = {}
    if not agencies:
        return out
    for peer, agency in conn.execute(select(fed_peer_agencies.c.peer, fed_peer_agencies.c.agency)
                                     .where(fed_peer_agencies.c.agency.in_(sorted(agencies)))):
        out.setdefault(peer, set()).add(agency)
    return out


def served_agencies(conn: Connection, peer: str) -> set[str]:
    return set(conn.execute(select(fed_peer_agencies.c.agency)
                            .where(fed_peer_agencies.c.peer == peer)).scalars())


def new_pair_key(conn: Connection, peer: str) -> dict[str, str]:
    """A fresh key for the pseudonyms of this node's queries to `peer` (sent to it signed)."""
    key_id, secret = secrets.token_hex(8), base64.b64encode(secrets.token_bytes(32)).decode()
    conn.execute(fed_pair_keys.insert().values(peer=peer, direction="out", key_id=key_id,
                                               secret=secret, created_at=_now()))
    return {"key_id": key_id, "secret": secret}


def add(store: SQLStore, actor: Actor, name: str, url: str, key: str,
        agencies: list[str]) -> Peer:
    """Declare a peer. Its agencies are added here if absent; a pair key for the pseudonyms is
    sent to it, and so is every live grant already made to one of its agencies."""
    node = ensure(store)
    if not name.strip() or any(c.isspace() for c in name) or name == node.name:
        raise invalid("peer.name", "name")
    decode_public(key)
    url = check_url(url)
    codes = sorted({parse_agency_code(a) for a in agencies})
    if not codes:
        raise invalid("peer.agencies", "agency")
    for code in codes:
        if store.get_agency(code) is None:
            store.add_agency(Agency.create(code, code.split("-", 1)[0],
                                           name=f"{code} (peer {name})"), actor)
    with store.transaction() as conn:
        if by_key(conn, name) is not None:
            raise invalid("peer.exists", "name", name=name)
        taken = conn.execute(select(fed_peer_agencies).where(
            fed_peer_agencies.c.agency.in_(codes))).first()
        if taken is not None:
            raise invalid("peer.agency_taken", "agency", agency=taken.agency,
                          peer=taken.peer)
        conn.execute(fed_peers.insert().values(name=name, url=url, public_key=key.strip(),
                                               added_at=_now(), out_seq=0, in_seq=0,
                                               q_out_seq=0, q_in_high=0))
        conn.execute(fed_peer_agencies.insert(), [{"peer": name, "agency": c} for c in codes])
        chain.append(conn, "federation", actor.user, agency=actor.agency,
                     reason="peer declared",
                     details={"peer": name, "url": url, "key": key.strip(), "agencies": codes})
        from interlink.federation.outbox import enqueue, enqueue_existing_grants

        enqueue(conn, name, "pair-key", new_pair_key(conn, name))
    with store.transaction() as conn:
        enqueue_existing_grants(store, conn, name)
    return get(store, name)


def remove(store: SQLStore, actor: Actor, name: str) -> None:
    """Forget a peer: its key is no longer accepted and nothing more is sent to it. What it
    received stays there (ask its operators to erase; revocations cannot be sent any more)."""
    with store.transaction() as conn:
        if by_key(conn, name) is None:
            raise error(NotFound, "peer.unknown", "name", name=name)
        pending = conn.execute(select(func.count()).select_from(fed_outbox).where(
            fed_outbox.c.peer == name, fed_outbox.c.delivered_at.is_(None))).scalar_one()
        for table in (fed_peer_agencies, fed_pair_keys, fed_outbox, fed_inbox, fed_sent):
            conn.execute(delete(table).where(table.c.peer == name))
        conn.execute(delete(fed_peers).where(fed_peers.c.name == name))
        chain.append(conn, "federation", actor.user, agency=actor.agency,
                     reason="peer removed", details={"peer": name, "undelivered": pending})


def rotate_key(store: SQLStore, actor: Actor, name: str) -> str:
    """A new pair key for the pseudonyms of queries to `name`; the old one is used until the
    peer has the new one, then retired. Returns the new key id."""
    with store.transaction() as conn:
        if by_key(conn, name) is None:
            raise error(NotFound, "peer.unknown", "name", name=name)
        from interlink.federation.outbox import enqueue

        made = new_pair_key(conn, name)
        enqueue(conn, name, "pair-key", made)
        chain.append(conn, "federation", actor.user, agency=actor.agency,
                     reason="pair key rotated", details={"peer": name, "key_id": made["key_id"]})
    return made["key_id"]


def status(store: SQLStore) -> list[dict[str, Any]]:
    """Per peer: messages waiting (backlog), the oldest waiting, the last delivery and error."""
    out = []
    with store.reading() as conn:
        for row in conn.execute(select(fed_peers).order_by(fed_peers.c.name)):
            waiting = conn.execute(select(func.count(), func.min(fed_outbox.c.created_at))
                                   .where(fed_outbox.c.peer == row.name,
                                          fed_outbox.c.delivered_at.is_(None))).first()
            held = conn.execute(select(func.count()).select_from(fed_inbox).where(
                fed_inbox.c.peer == row.name, fed_inbox.c.channel == "sync",
                fed_inbox.c.applied_at.is_(None))).scalar_one()
            out.append({
                "peer": row.name, "url": row.url, "backlog": waiting[0] if waiting else 0,
                "oldest_waiting": waiting[1].isoformat() if waiting and waiting[1] else None,
                "sent_seq": row.out_seq, "applied_seq": row.in_seq, "held": held,
                "last_delivered_at": (row.last_delivered_at.isoformat()
                                      if row.last_delivered_at else None),
                "last_error": row.last_error,
                "last_error_at": row.last_error_at.isoformat() if row.last_error_at else None,
            })
    return out


def set_error(store: SQLStore, name: str, error: str | None) -> None:
    with store.transaction() as conn:
        # the last error stays on show (with its time) after later deliveries succeed
        values: dict[str, Any] = ({"last_error": error, "last_error_at": _now()}
                                  if error is not None else {"last_delivered_at": _now()})
        conn.execute(update(fed_peers).where(fed_peers.c.name == name).values(**values))
