"""Federation as a viewer sees it: searches that reach peers, answers given to peers, and
records received from peers.

- `search(scope="federation")`: the local search, plus each peer's answer for the viewer's
  agency and purpose (the query travels as keyed pseudonyms unless `mode="clear"`); audited
  here with every peer's message id and the references it returned.
- `answer`: a peer's question, answered for the agency it asks as, by this node's gate: full
  results where a grant says so, hits (owner and reference) otherwise, nothing for records the
  agency may not know of; audited with the peer and its message id.
- `read_received` / `list_received`: records received from peers, put through the policy gate
  with the grants they came with. Unlike a local record, a received one is invisible to every
  agency its grants do not name (no hit either): the owner shared it with those agencies, not
  with this node. `regrant` passes one on where the owner's terms allow (never H2, never
  TLP:AMBER+STRICT), backed by the received grant, so the owner's revocation ends both.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from interlink.access.audit import disclose
from interlink.access.records import NOT_FOUND, gate
from interlink.access.search import CANDIDATES, MIN_SCORE, Scorer, refuse
from interlink.access.search import search as local_search
from interlink.core.codes import TLP, HandlingCode, Purpose
from interlink.core.errors import NotFound
from interlink.core.messages import invalid
from interlink.core.record import Record
from interlink.core.viewer import Viewer
from interlink.federation.tables import fed_received, fed_received_grants
from interlink.policy import Visibility
from interlink.policy.gate import PolicyContext, visibility
from interlink.policy.grants import Grant
from interlink.screen.entry import Entry
from interlink.search.keys import record_keys
from interlink.store import Actor, SQLStore


def search(store: SQLStore, viewer: Viewer, query: str, scope: str = "local",
           mode: str = "pseudo", limit: int = 50, transport: Any = None) -> dict[str, Any]:
    """The local search, and with `scope="federation"` every peer's answer beside it."""
    if scope not in ("local", "federation"):
        raise invalid("federation.scope", "scope")
    if mode not in ("pseudo", "clear"):
        raise invalid("federation.mode", "mode")
    out: dict[str, Any] = local_search(store, viewer, query, limit).to_dict()
    out["scope"] = scope
    if scope == "local":
        return out
    out["mode"] = mode
    out["peers"] = search_peers(store, viewer, query, mode, limit, transport)
    return out


def search_peers(store: SQLStore, viewer: Viewer, query: str, mode: str = "pseudo",
                 limit: int = 50, transport: Any = None) -> dict[str, dict[str, Any]]:
    """Every peer's answer to `query` for the viewer's agency and purpose, audited here with
    each peer's message and answer ids and the references it returned. The federated half of
    `search`, apart so that the web search can page its local half itself (its own audit)
    and still ask the peers exactly as the API does."""
    if mode not in ("pseudo", "clear"):
        raise invalid("federation.mode", "mode")
    if viewer.purpose is None:
        refuse(store, viewer, "search without a declared purpose", {"view": "federation"})
        raise invalid("access.purpose_search", "purpose")
    from interlink.federation.query import ask

    answers = ask(store, viewer, query, mode=mode, limit=limit, transport=transport)
    store.audit("search", viewer.user, agency=viewer.agency,
                purpose=viewer.purpose.value if viewer.purpose else None,
                details={"view": "federation", "mode": mode, "peers": {
                    name: {"message": a.get("message"), "answer": a.get("answer"),
                           "error": a.get("error"),
                           "results": [r.get("id") for r in a.get("results", [])],
                           "hits": [h.get("id") for h in a.get("hits", [])]}
                    for name, a in answers.items()}})
    return answers


def screen(store: SQLStore, viewer: Viewer, entries: list[Entry], mode: str = "pseudo",
           transport: Any = None) -> list[dict[str, Any]]:
    """Screen people (name, birth dates, document numbers) against every peer: one alert per
    query and record a peer answers with (hits as owner and reference, full where granted).
    Each peer audits each question; this node audits the screening with every message id."""
    if viewer.purpose is None:
        raise invalid("access.purpose_screening", "purpose")
    if not entries:
        raise invalid("access.nothing_to_screen", "queries")
    if mode not in ("pseudo", "clear"):
        raise invalid("federation.mode", "mode")
    from interlink.federation.query import ask

    alerts: list[dict[str, Any]] = []
    asked: dict[str, list[str | None]] = {}
    for entry in entries:
        extra = [k for d in entry.birth_dates for k in (f"b:{d}", f"b:{d[:4]}")]
        extra += [f"d:{n}" for n in entry.id_numbers]
        for peer, a in ask(store, viewer, entry.name, mode=mode, limit=20,
                           transport=transport, extra_keys=extra).items():
            asked.setdefault(peer, []).append(a.get("message"))
            for found in a.get("results", []) + a.get("hits", []):
                alerts.append({"query_id": entry.id, "node": peer, "id": found["id"],
                               "owner": found["owner"], "score": found["score"],
                               "hit_only": found.get("hit_only", False)})
    store.audit("screening", viewer.user, agency=viewer.agency,
                purpose=viewer.purpose.value,
                details={"view": "federation", "mode": mode, "queries": len(entries),
                         "alerts": [f"{a['node']}:{a['id']}" for a in alerts],
                         "messages": asked})
    return alerts


def answer(store: SQLStore, viewer: Viewer, keys: list[str], query: str | None, limit: int,
           peer: str, message_id: str, asked: int = 0,
           weigh: Callable[[str], float] | None = None) -> dict[str, Any]:
    """A peer's question as this node's gate answers it for `viewer` (the asking agency).
    With pseudonyms (`query` None), `keys` are the node's own keys the `asked` pseudonyms
    matched: a record must share a name or document key with them, a birth date alone is no
    match (unless the question was only dates).

    Pseudonymised answers cannot be scored by how alike the names are (this node never sees
    the query's name), so by the keys: with `weigh` (this node's key frequencies,
    `pseudo.weigher`), the weight of the keys a record shares with the question over the
    weight of the question's keys (those this node does not hold weigh as the rarest) and of
    the record's own name keys the question lacks. A key many namesakes share counts for
    little, a record whose name says more than was asked ranks below one that says just that;
    without it, the share of the question's keys."""
    if viewer.purpose is None:
        refuse(store, viewer, "search without a declared purpose", {"peer": peer})
        raise invalid("access.purpose_search", "purpose")
    wanted = set(keys)
    asked_weight = 1.0
    if weigh is not None:
        rarest = weigh("")  # a key this node does not hold
        asked_weight = sum(weigh(k) for k in wanted) + max(asked - len(wanted), 0) * rarest
    candidates = store.get_many(store.find_keys(sorted(wanted), limit=max(4 * limit,
                                                                            CANDIDATES)))
    results: list[dict[str, Any]] = []
    hits: list[dict[str, Any]] = []
    scorer = Scorer(query) if query is not None else None
    for record, seen in zip(candidates, gate(store, candidates, viewer), strict=True):
        if seen is Visibility.NONE:
            continue
        if scorer is not None and any(k.startswith("n:") for k in wanted):
            kind = "person" if record.schema == "Person" else "company"
            score = scorer(record.entity.names, kind)
            if score < MIN_SCORE:
                continue
        else:  # pseudonyms: the share of the query's keys the record has
            held = set(record_keys(record.schema, record.entity.properties))
            shared = held & wanted
            if not any(k[:2] in ("n:", "d:") for k in shared) and len(wanted) < asked:
                continue
            if weigh is None:
                score = len(shared) / max(asked, len(wanted), 1)
            else:
                own = sum(weigh(k) for k in held - wanted if k.startswith("n:"))
                score = sum(weigh(k) for k in shared) / (asked_weight + own)
        if seen is Visibility.FULL:
            results.append({"id": record.id, "schema": record.schema,
                            "caption": record.entity.caption, "owner": record.owner,
                            "score": round(score, 3), "properties": record.entity.properties,
                            "envelope": record.envelope.to_dict()})
        else:
            hits.append({"id": record.id, "owner": record.owner, "reference": record.id,
                         "hit_only": True, "score": round(score, 3)})
    results = sorted(results, key=lambda r: -r["score"])[:limit]
    hits = sorted(hits, key=lambda r: -r["score"])[:limit]
    disclose(store, viewer, "federation", [r["id"] for r in results + hits], action="search",
             peer=peer, message=message_id, mode="clear" if query is not None else "pseudo",
             query=query, keys=len(wanted), full=len(results), hits=len(hits))
    return {"results": results, "hits": hits}


# -- records received from peers -----------------------------------------------------------

def _grants(conn: Any, record_id: str) -> list[Grant]:
    rows = conn.execute(select(fed_received_grants).where(
        fed_received_grants.c.record_id == record_id)).all()
    return [Grant(id=r.id, grantor=r.grantor, recipient_agency=r.recipient_agency,
                  record_id=r.record_id,
                  purposes=frozenset(Purpose.parse(p) for p in r.purposes.split(",") if p),
                  users=frozenset(json.loads(r.users)), level=r.level,
                  valid_until=r.valid_until, revoked=r.revoked, parent=r.parent) for r in rows]


@dataclass(frozen=True)
class Received:
    record: Record
    visibility: Visibility
    peer: str
    version: int
    grants: tuple[Grant, ...]

    def to_dict(self) -> dict[str, Any]:
        r = self.record
        if self.visibility is not Visibility.FULL:
            return {"id": r.id, "hit_only": True, "owner": r.owner, "reference": r.id,
                    "node": self.peer}
        env = r.envelope
        return {**r.to_dict(), "version": self.version, "hit_only": False, "node": self.peer,
                "onward_sharing": not (env.handling is HandlingCode.H2
                                       or env.tlp is TLP.AMBER_STRICT),
                "conditions": env.conditions}


def _judge(store: SQLStore, viewer: Viewer, record_id: str) -> Received | None:
    with store.reading() as conn:
        row = conn.execute(select(fed_received).where(fed_received.c.record_id == record_id)
                           ).first()
        if row is None or row.record is None:
            return None
        grants = _grants(conn, record_id)
    record = Record.from_dict(json.loads(row.record))
    today = datetime.now(UTC).date()
    # only the agencies the owner's grants (or a re-grant under them) name may know of it
    named = {g.recipient_agency for g in grants if g.active(today)}
    if viewer.agency not in named:
        return None
    seen = visibility(record, viewer, PolicyContext(grants=tuple(grants), today=today))
    if seen is Visibility.HIT and not any(
            g.recipient_agency == viewer.agency and g.level == "hit" for g in grants):
        seen = Visibility.NONE  # the gate's default hit is for local records, not these
    if seen is Visibility.NONE:
        return None
    return Received(record, seen, row.peer, row.version, tuple(grants))


def read_received(store: SQLStore, viewer: Viewer, record_id: str) -> Received:
    """A received record as the viewer may see it; `NotFound` alike for absent, gone and not
    theirs. Audited whatever the outcome."""
    shown = _judge(store, viewer, record_id)
    disclose(store, viewer, "received", [record_id],
             result=shown.visibility.value if shown else Visibility.NONE.value)
    if shown is None:
        raise NotFound(NOT_FOUND, "id")
    return shown


def list_received(store: SQLStore, viewer: Viewer) -> list[Received]:
    """Received records the viewer's agency was granted and may see now."""
    with store.reading() as conn:
        ids = sorted(set(conn.execute(select(fed_received_grants.c.record_id).where(
            fed_received_grants.c.recipient_agency == viewer.agency,
            fed_received_grants.c.revoked.is_(False))).scalars()))
    found = [s for s in (_judge(store, viewer, i) for i in ids) if s is not None]
    disclose(store, viewer, "received list", [s.record.id for s in found])
    return found


def _other_node(store: SQLStore, agency: str, record_id: str) -> Exception | None:
    """An onward grant to an agency another node serves is refused: only the owner's node
    speaks for a record across nodes (a grant row here would send nothing there, yet look
    like sharing), so the owner is asked instead."""
    from interlink.federation.peers import peers_serving

    with store.reading() as conn:
        served = peers_serving(conn, {agency.strip().upper()})
    if served:
        return invalid("federation.regrant_other_node", "recipient_agency", id=record_id,
                       agency=agency.strip().upper(), peer=next(iter(served)))
    return None


def regrant(store: SQLStore, actor: Actor, record_id: str, recipient_agency: str,
            purposes: list[str], users: Sequence[str] = (), reason: str = "") -> str:
    """Pass a received record on to another agency of this node, where its envelope allows:
    H2, TLP:AMBER+STRICT and TLP:RED never (RED stays with the people the owner named), never
    to an agency another node serves; for purposes it was granted for.
    Backed by the received grant: the owner's revocation ends it too. Audited either way."""
    from interlink.audit import chain

    if actor.agency is None:
        raise invalid("grant.by_agency")
    viewer = Viewer(actor.user, actor.agency)
    wanted = frozenset(Purpose.parse(p) for p in purposes)
    if not wanted:
        raise invalid("grant.purpose_required", "purposes")
    held = None
    for p in wanted:
        held = _judge(store, Viewer(actor.user, actor.agency, p), record_id)
        if held is None or held.visibility is not Visibility.FULL:
            raise NotFound(NOT_FOUND, "record_id")
    assert held is not None
    env = held.record.envelope
    refused: Exception | None = None
    if env.handling is HandlingCode.H2:
        refused = invalid("grant.h2", "record_id", id=record_id, agency=env.owner)
    elif env.tlp is TLP.AMBER_STRICT:
        refused = invalid("grant.amber_strict", "record_id", id=record_id)
    elif env.tlp is TLP.RED:
        # for the eyes of the people the owner named: not passed on, even to named people
        # (the gate would never honour it: the re-grant's grantor is an agency, not one of
        # them), so the grant is refused rather than made to show nothing
        refused = invalid("federation.regrant_red", "record_id", id=record_id,
                          agency=env.owner)
    if refused is None:
        refused = _other_node(store, recipient_agency, record_id)
    if refused is not None:
        # the refusal's code and parameters in the log: the reader's language renders them
        refuse(store, viewer, str(refused), {"record": record_id, "to": recipient_agency,
                                             "view": "federation regrant",
                                             "code": getattr(refused, "code", None),
                                             "owner": env.owner, "node": held.peer})
        raise refused
    recipient = store.require_agency(recipient_agency).code
    today = datetime.now(UTC).date()
    parent = next((g for g in held.grants if g.recipient_agency == actor.agency
                   and g.active(today) and wanted <= g.purposes), None)
    if parent is None:
        raise invalid("federation.not_held", "purposes", agency=actor.agency, id=record_id)
    gid = f"local-{secrets.token_hex(8)}"
    with store.transaction() as conn:
        conn.execute(fed_received_grants.insert().values(
            id=gid, grant_id=gid, peer=None, record_id=record_id, grantor=actor.agency,
            recipient_agency=recipient, purposes=",".join(sorted(p.value for p in wanted)),
            users=json.dumps(sorted(u.strip().lower() for u in users if u.strip())),
            level="full", valid_until=None, revoked=False, parent=parent.id,
            received_at=datetime.now(UTC)))
        # a `federation` entry, not a `grant` one: the log's count of grants is checked
        # against the grants table, and this grant lives with the received ones
        chain.append(conn, "federation", actor.user, agency=actor.agency, recipient=recipient,
                     subjects=[record_id], reason=reason or "received record passed on",
                     details={"regrant": gid, "received_from": held.peer,
                              "parent": parent.id,
                              "purposes": sorted(p.value for p in wanted)})
    return gid
