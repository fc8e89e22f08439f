"""Federated hit/no-hit: asking every peer, and answering a peer's question.

Asking: the query goes to each peer as a signed message on the `query` channel, as the asking
agency, user and declared purpose; in pseudonymised mode (the default) it carries keyed
pseudonyms of its search keys under the pair key this node gave that peer, never the text. The
answer is signed by the peer and checked against its declared key.

Answering: the asking peer must serve the agency it asks as; the question is answered by
`interlink.access.federation.answer`, i.e. by this node's own gate for that agency and purpose
(full results only where a grant says so, hits as owner and reference, nothing otherwise), and
audited here like any search. Questions are numbered per peer: a replayed or stale one is
refused and logged, and so is one beyond `settings.FEDERATION_QUERIES_PER_MINUTE` from a peer
(a dictionary attack on pseudonyms needs many questions).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update

from interlink import settings
from interlink.core.viewer import Viewer
from interlink.federation import node as node_mod
from interlink.federation import wire
from interlink.federation.inbox import authenticate, refuse
from interlink.federation.outbox import QUERY_PATH, Transport, http_transport
from interlink.federation.peers import served_agencies
from interlink.federation.pseudo import pseudonyms, reverse, weigher
from interlink.federation.tables import fed_inbox, fed_pair_keys, fed_peers
from interlink.search.keys import query_keys
from interlink.store import SQLStore


def _now() -> datetime:
    return datetime.now(UTC)


def _pair_key(store: SQLStore, peer: str) -> tuple[str, str] | None:
    """The newest key the peer holds for our pseudonyms (id, secret), if any."""
    with store.reading() as conn:
        row = conn.execute(select(fed_pair_keys.c.key_id, fed_pair_keys.c.secret).where(
            fed_pair_keys.c.peer == peer, fed_pair_keys.c.direction == "out",
            fed_pair_keys.c.confirmed_at.is_not(None), fed_pair_keys.c.retired_at.is_(None))
            .order_by(fed_pair_keys.c.confirmed_at.desc())).first()
    return (row.key_id, row.secret) if row else None


def _next_seq(store: SQLStore, peer: str) -> int:
    with store.transaction() as conn:
        seq = conn.execute(select(fed_peers.c.q_out_seq).where(fed_peers.c.name == peer)
                           .with_for_update()).scalar_one() + 1
        conn.execute(update(fed_peers).where(fed_peers.c.name == peer).values(q_out_seq=seq))
    return seq


def ask(store: SQLStore, viewer: Viewer, query: str, mode: str = "pseudo", limit: int = 50,
        transport: Transport | None = None, extra_keys: list[str] | None = None,
        ) -> dict[str, dict[str, Any]]:
    """Each peer's answer (`results`, `hits`, `message`) or the reason it gave none.
    `extra_keys`: birth-date and document keys beside the name (a screening's facts)."""
    extra = [k for k in (extra_keys or []) if k[:2] in ("b:", "d:")]
    send = transport or http_transport
    key = node_mod.private_key(store)
    me = node_mod.show(store).name
    with store.reading() as conn:
        peers = conn.execute(select(fed_peers.c.name, fed_peers.c.url, fed_peers.c.public_key)
                             .order_by(fed_peers.c.name)).all()
    out: dict[str, dict[str, Any]] = {}
    for peer in peers:
        body: dict[str, Any] = {"agency": viewer.agency, "user": viewer.user,
                                "purpose": viewer.purpose.value if viewer.purpose else None,
                                "limit": limit, "mode": mode}
        if mode == "clear":
            body["query"] = query
            body["keys"] = extra
        else:
            pair = _pair_key(store, peer.name)
            if pair is None:
                out[peer.name] = {"error": "no_pair_key"}
                continue
            body["key_id"] = pair[0]
            body["pseudonyms"] = pseudonyms(pair[1], query_keys(query) + extra)
        message = wire.seal(key, sender=me, to=peer.name, channel="query",
                            seq=_next_seq(store, peer.name), kind="search", body=body)
        try:
            answer = send(peer.url, QUERY_PATH, message)
            reply = answer.get("answer")
            if not isinstance(reply, dict):
                out[peer.name] = {"error": str(answer.get("reason") or "no_answer"),
                                  "message": message["id"]}
                continue
            wire.check(reply, peer.public_key)
            if reply["body"].get("in_reply_to") != message["id"] or reply["to"] != me:
                raise wire.Refused("wrong_reply")
        except wire.Refused as exc:
            out[peer.name] = {"error": exc.reason, "message": message["id"]}
            continue
        except Exception as exc:  # noqa: BLE001 - a peer down is reported, not fatal
            out[peer.name] = {"error": f"unreachable: {type(exc).__name__}",
                              "message": message["id"]}
            continue
        out[peer.name] = {"results": reply["body"].get("results", []),
                          "hits": reply["body"].get("hits", []), "message": message["id"],
                          "answer": reply["id"]}
    return out


def answer(store: SQLStore, message: Any) -> tuple[int, dict[str, Any]]:
    """A peer's question answered (HTTP status, JSON): a signed answer, or the refusal."""
    from interlink.access import federation as access_federation

    try:
        peer = authenticate(store, message, "query")
        seq = message["seq"]
        with store.transaction() as conn:
            high = conn.execute(select(fed_peers.c.q_in_high).where(
                fed_peers.c.name == peer.name).with_for_update()).scalar_one()
            seen = conn.execute(select(fed_inbox.c.seq).where(
                fed_inbox.c.peer == peer.name, fed_inbox.c.channel == "query",
                fed_inbox.c.seq == seq)).first()
            if seen is not None:
                raise wire.Refused("replay", str(seq))
            if seq <= high - wire.WINDOW:
                raise wire.Refused("out_of_window", str(seq))
            recent = conn.execute(select(func.count()).select_from(fed_inbox).where(
                fed_inbox.c.peer == peer.name, fed_inbox.c.channel == "query",
                fed_inbox.c.received_at > _now() - timedelta(minutes=1))).scalar_one()
            if recent >= settings.FEDERATION_QUERIES_PER_MINUTE:
                raise wire.Refused("rate_limited", str(recent))
            conn.execute(fed_inbox.insert().values(
                peer=peer.name, channel="query", seq=seq, message_id=str(message["id"]),
                kind="search", body=None, received_at=_now(), applied_at=_now()))
            conn.execute(update(fed_peers).where(fed_peers.c.name == peer.name)
                         .values(q_in_high=max(high, seq)))
            served = served_agencies(conn, peer.name)
        body = message["body"]
        agency = str(body.get("agency"))
        if agency not in served:
            raise wire.Refused("agency_not_served", agency)
        viewer = Viewer(f"{str(body.get('user'))[:100]}@{peer.name}", agency,
                        body.get("purpose") or None)
        asked, weigh = 0, None
        if body.get("mode") == "clear":
            text = str(body.get("query", ""))[:200]
            extra = [str(k)[:64] for k in body.get("keys") or [] if str(k)[:2] in ("b:", "d:")]
            keys = query_keys(text) + extra[:16]
        else:
            with store.reading() as conn:
                secret = conn.execute(select(fed_pair_keys.c.secret).where(
                    fed_pair_keys.c.peer == peer.name, fed_pair_keys.c.direction == "in",
                    fed_pair_keys.c.key_id == str(body.get("key_id")))).scalar()
            if secret is None:
                raise wire.Refused("unknown_pair_key", str(body.get("key_id")))
            wanted = [str(p) for p in body.get("pseudonyms", [])][:64]
            keys, text = reverse(store, secret, wanted), None
            asked = len(set(wanted))
            weigh = weigher(store)
        found = access_federation.answer(store, viewer, keys, text,
                                         limit=min(int(body.get("limit", 50)), 200),
                                         peer=peer.name, message_id=str(message["id"]),
                                         asked=asked, weigh=weigh)
    except wire.Refused as exc:
        status = {"undeclared_key": 401, "bad_signature": 401, "agency_not_served": 403,
                  "rate_limited": 429}.get(exc.reason, 409)
        return status, refuse(store, message, exc.reason, exc.detail)
    key = node_mod.private_key(store)
    reply = wire.seal(key, sender=node_mod.show(store).name, to=peer.name, channel="answer",
                      seq=seq, kind="search-answer",
                      body={"in_reply_to": message["id"], **found})
    return 200, {"answer": reply}
