"""Notices and diffusions published on the platform: a person put on every border at once.

Issuing a notice does three things in order:

1. **Publish** it to the agencies in its scope: a grant of the subject record, for the
   notice's purpose, to each of them. From then on the subject is in every one of their
   screening watchlists (screening uses what an agency sees in full) and their reads and
   searches find it, under the issuer's envelope and the gate's rules, like any other record.
2. **Screen** the store's holdings at once, every agency's watchlist records included: the
   subject's names and documents are looked up in the search keys (so the cost follows the
   number of look-alikes, not the size of the store) and each candidate is scored by the
   screener. An alert goes to the owner of each matching record, with the explanation; the
   issuer learns of matches in other agencies' records as hits only (owner and reference, no
   content), and of none that the gate hides from it.
3. **Withdrawing** or cancelling revokes those grants (the subject leaves every watchlist) and
   closes the alerts it raised.

Interpol public notices (JSON) import as records of the importing bureau and notices of their
type.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.engine import Connection

from interlink.audit import chain
from interlink.cooperation.clocks import utc
from interlink.cooperation.tables import notices
from interlink.core.codes import Purpose
from interlink.core.envelope import Envelope
from interlink.core.messages import cause, invalid
from interlink.core.record import Record
from interlink.core.viewer import Viewer
from interlink.identity.permissions import Permission, require
from interlink.names.explanation import codes
from interlink.policy import Visibility
from interlink.policy.sharing import judge, make_grant, revoke_grants
from interlink.screen import DEFAULT_THRESHOLD, Entry, Screener, Watchlist
from interlink.screen.decisions import alerts_of_list, close_alerts, raise_alerts
from interlink.search import record_keys
from interlink.store import Actor, SQLStore

TYPES = {
    "red": "red notice (wanted for arrest or extradition)",
    "yellow": "yellow notice (missing person)",
    "blue": "blue notice (more information on a person)",
    "green": "green notice (warning about a person)",
    "orange": "orange notice (imminent threat)",
    "purple": "purple notice (modus operandi, concealment)",
    "black": "black notice (unidentified body)",
    "un": "INTERPOL-United Nations Security Council special notice",
    "diffusion": "diffusion",
}
#: candidate look-ups per notice: the subject's look-alikes, far more than ever alert
CANDIDATES = 20_000


@dataclass(frozen=True)
class Notice:
    id: str
    type: str
    issuer: str
    subject: str
    scope: list[str]
    purpose: str
    reason: str
    reference: str
    state: str
    published_at: datetime
    ended_at: datetime | None = None
    ended_reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["published_at"] = utc(self.published_at).isoformat()
        data["ended_at"] = utc(self.ended_at).isoformat() if self.ended_at else None
        return data


@dataclass(frozen=True)
class Publication:
    """A notice as issued, with what its screening found."""

    notice: Notice
    screened: int  # candidate records scored
    owner_alerts: int  # alerts to owners of matching records
    issuer_hits: list[dict[str, Any]] = field(default_factory=list)  # owner and reference only
    grants: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {**self.notice.to_dict(), "screened": self.screened,
                "owner_alerts": self.owner_alerts, "issuer_hits": self.issuer_hits,
                "grants": self.grants}


def _row(r: Any) -> Notice:
    return Notice(r.id, r.type, r.issuer, r.subject, json.loads(r.scope), r.purpose, r.reason,
                  r.reference, r.state, r.published_at, r.ended_at, r.ended_reason)


def _list_name(notice_id: str) -> str:
    return f"notice:{notice_id}"


def issue_notice(
    store: SQLStore,
    actor: Actor,
    type: str,
    subject: str,
    *,
    purpose: str,
    scope: Iterable[str] | None = None,
    reason: str = "",
    reference: str = "",
    threshold: float = DEFAULT_THRESHOLD,
    at: datetime | None = None,
) -> Publication:
    """Issue a notice about a record the issuer owns, publish it to `scope` (agency codes;
    None: every agency) and screen the store for the subject at once."""
    require(actor, Permission.COORDINATE_OPERATIONS)
    if actor.agency is None:
        raise invalid("notice.by_agency")
    issuer = actor.agency
    kind = type.strip().lower()
    if kind not in TYPES:
        raise invalid("notice.unknown_type", "type", value=type, allowed=list(TYPES))
    purpose_code = Purpose.parse(purpose).value
    record = store.get(subject)
    if record is None or record.owner != issuer:
        raise invalid("notice.not_own_record", "subject", id=subject, agency=issuer)
    if purpose_code not in {p.value for p in record.envelope.purposes}:
        raise invalid("notice.purpose", "purpose", id=subject, purpose=purpose_code)
    if record.envelope.tlp.value == "RED":
        raise invalid("notice.tlp_red", "subject", id=subject)
    everyone = scope is None or list(scope) == ["*"]
    targets = ([a.code for a in store.list_agencies()] if everyone
               else [store.require_agency(a).code for a in scope or ()])
    recipients = sorted(set(targets) - {issuer})
    entry = Entry.from_proxy(record.entity, list_name=kind)
    if entry is None:
        raise invalid("notice.no_name", "subject", id=subject)
    notice_id = secrets.token_hex(8)
    when = at or datetime.now(UTC)
    # 1. publish: the subject reaches every agency in scope, for the notice's purpose
    grant_ids = [
        make_grant(store, actor, record_id=subject, recipient_agency=code,
                   purposes=[purpose_code], reason=f"{kind} notice {notice_id}").id
        for code in recipients
    ]
    # 2. screen the holdings: candidates by search keys, scored by the screener
    in_scope = set(recipients) | {issuer}
    rows, hits, candidates, matched = _screen(store, record, entry, kind, notice_id, issuer,
                                              purpose_code, in_scope, actor.user, when,
                                              threshold)
    owner_alerts = sum(1 for r in rows if r.pop("owner_alert", False))
    notice = Notice(notice_id, kind, issuer, subject, ["*"] if everyone else recipients,
                    purpose_code, reason, reference, "published", when)
    with store.transaction() as conn:
        conn.execute(notices.insert().values(
            id=notice_id, type=kind, issuer=issuer, subject=subject,
            scope=json.dumps(notice.scope), purpose=purpose_code, reason=reason,
            reference=reference, state="published", grant_ids=json.dumps(grant_ids),
            published_at=when, published_by=actor.user, ended_at=None, ended_reason=""))
        raise_alerts(conn, rows)
        chain.append(conn, "notice", actor.user, agency=issuer, purpose=purpose_code,
                     subjects=[subject], reason=reason,
                     details={"notice": notice_id, "type": kind, "action": "issue",
                              "scope": notice.scope, "grants": len(grant_ids)})
        chain.append(conn, "screening", actor.user, agency=issuer, purpose=purpose_code,
                     subjects=matched,
                     details={"notice": notice_id, "candidates": candidates,
                              "alerts": len(rows)})
    return Publication(notice, candidates, owner_alerts, hits, len(grant_ids))


def _screen(store: SQLStore, record: Record, entry: Entry, kind: str, notice_id: str,
            issuer: str, purpose_code: str, in_scope: set[str], user: str, when: datetime,
            threshold: float = DEFAULT_THRESHOLD,
            ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int, list[str]]:
    """Screen this store's holdings for a notice's subject: candidates by search keys, scored
    by the screener. Returns the alert rows (one to the owner of each matching record in the
    scope, flagged `owner_alert`; one to the issuer where its gate shows the match), the
    issuer's hits (owner and reference), the number of candidates and the ids matched. The
    issuer's node screens its own store; a peer's node screens its own for a notice it
    received (and sends the issuer's hits back)."""
    keys = [k for k in record_keys(record.schema, record.entity.properties)
            if not k.startswith("b:")]  # a birth year alone is shared by too many to block on
    ids = [i for i in store.find_keys(keys, limit=CANDIDATES) if i != record.id]
    screener = Screener(Watchlist([entry], name=_list_name(notice_id)), threshold=threshold)
    matches: list[tuple[Record, Any]] = []
    candidates = store.get_many(ids)
    for candidate in candidates:
        query = Entry.from_proxy(candidate.entity)
        if query is None:
            continue
        found = screener.match(query)
        if found:
            matches.append((candidate, found[0]))
    issuer_view = judge(store, [m[0] for m in matches],
                        Viewer(user, issuer, purpose_code)) if matches else []
    rows: list[dict[str, Any]] = []
    hits: list[dict[str, Any]] = []
    name = _list_name(notice_id)
    for (candidate, alert), seen in zip(matches, issuer_view, strict=True):
        if candidate.owner not in in_scope:
            continue  # an agency outside the notice's scope learns nothing of its subject
        base = {"created_at": when, "query_ref": name, "record_id": candidate.id,
                "list_name": name, "score": alert.score, "status": "new"}
        explained = codes(alert.explanation)
        rows.append({**base, "agency": candidate.owner, "query_name": entry.name,
                     "owner_alert": True,
                     "explanation": f"{TYPES[kind]} {notice_id}: {alert.explanation}",
                     "explanation_codes": {**explained, "prefix": {
                         "code": "name.notice", "params": {"notice_type": kind,
                                                           "id": notice_id}}}})
        if candidate.owner != issuer and seen is not Visibility.NONE:
            full = seen is Visibility.FULL
            rows.append({**base, "agency": issuer, "query_name": entry.name,
                         "explanation": alert.explanation if full else
                         f"hit: held by {candidate.owner}, reference {candidate.id}",
                         "explanation_codes": explained if full else {"items": [{
                             "code": "name.hit_held", "params": {
                                 "agency": candidate.owner, "id": candidate.id}}]}})
            hits.append({"owner": candidate.owner, "reference": candidate.id,
                         "score": round(alert.score, 3)})
    return rows, hits, len(candidates), sorted({m[0].id for m in matches})


def end_notice(store: SQLStore, actor: Actor, notice_id: str, reason: str,
               cancel: bool = False) -> Notice:
    """Withdraw (or cancel) a published notice: its grants are revoked, so the subject leaves
    every agency's watchlists, and the alerts it raised are closed."""
    require(actor, Permission.COORDINATE_OPERATIONS)
    if not reason.strip():
        raise invalid("request.withdrawal_reason", "reason")
    now = datetime.now(UTC)
    state = "cancelled" if cancel else "withdrawn"
    with store.transaction() as conn:
        row = conn.execute(select(notices).where(notices.c.id == notice_id)).first()
        if row is None or row.issuer != actor.agency:
            raise LookupError(notice_id)
        if row.state != "published":
            raise invalid("notice.already_ended", id=notice_id, state=row.state)
        live = revoke_grants(conn, actor, ids=json.loads(row.grant_ids),
                             reason=f"notice {state}", notice=notice_id)
        closed = close_alerts(conn, _list_name(notice_id), actor)
        conn.execute(update(notices).where(notices.c.id == notice_id).values(
            state=state, ended_at=now, ended_reason=reason))
        chain.append(conn, "notice", actor.user, agency=actor.agency, subjects=[row.subject],
                     reason=reason, details={"notice": notice_id, "action": state,
                                             "grants_revoked": len(live),
                                             "alerts_closed": closed})
        return _row(conn.execute(select(notices).where(notices.c.id == notice_id)).first())


def take_remote(store: SQLStore, conn: Connection, peer: str, message_id: str,
                data: dict[str, Any], record: Record, local: set[str]
                ) -> tuple[Notice, list[dict[str, Any]]]:
    """A notice an agency served by `peer` published to agencies of this node, as its node
    sent it (the subject came before it, granted to those agencies): kept under the same id
    for the agencies of this node in its scope, and this node's holdings screened for the
    subject at once, alerts going to the owners of matching records here. Returns the notice
    and the issuer's hits (owner and reference, as this node's gate shows them to the issuer)
    for the federation to send back. The caller checked the issuer is served by `peer`."""
    notice_id = str(data["id"])
    kind = str(data["type"])
    if kind not in TYPES:
        raise invalid("notice.unknown_type", "type", value=kind, allowed=list(TYPES))
    if conn.execute(select(notices.c.id).where(notices.c.id == notice_id)).first():
        raise invalid("federation.notice_known", "notice", id=notice_id)
    scope = sorted(set(str(a) for a in data.get("scope") or []) & local)
    if not scope:
        raise invalid("federation.no_local_recipient", "scope")
    entry = Entry.from_proxy(record.entity, list_name=kind)
    if entry is None:
        raise invalid("notice.no_name", "subject", id=record.id)
    issuer, purpose_code = str(data["issuer"]), Purpose.parse(str(data["purpose"])).value
    when = datetime.now(UTC)
    published = utc(datetime.fromisoformat(str(data["published_at"])))
    by = f"{data.get('published_by') or 'unknown'}@{peer}"
    rows, hits, candidates, matched = _screen(store, record, entry, kind, notice_id, issuer,
                                              purpose_code, set(scope), by, when)
    # alerts here are for this node's agencies; the issuer learns of its hits on its node
    mine = [r for r in rows if r.pop("owner_alert", False)]
    conn.execute(notices.insert().values(
        id=notice_id, type=kind, issuer=issuer, subject=record.id, scope=json.dumps(scope),
        purpose=purpose_code, reason=str(data.get("reason") or ""),
        reference=str(data.get("reference") or ""), state="published", grant_ids="[]",
        published_at=published, published_by=by, ended_at=None, ended_reason=""))
    raise_alerts(conn, mine)
    chain.append(conn, "notice", by, agency=issuer, purpose=purpose_code,
                 subjects=[record.id], reason=str(data.get("reason") or ""),
                 details={"notice": notice_id, "type": kind, "action": "arrived",
                          "scope": scope, "peer": peer, "message": message_id})
    chain.append(conn, "screening", "federation", agency=issuer, purpose=purpose_code,
                 subjects=matched,
                 details={"notice": notice_id, "candidates": candidates, "alerts": len(mine),
                          "hits_to_issuer": len(hits), "peer": peer})
    row = conn.execute(select(notices).where(notices.c.id == notice_id)).first()
    return _row(row), hits


def take_remote_hits(conn: Connection, peer: str, message_id: str, notice_id: str,
                     hits: list[dict[str, Any]], served: set[str], query_name: str = "",
                     ) -> int:
    """The hits a peer's screening found for a notice this node's agency issued: alerts to
    the issuer as hits (owner and reference, no content), as local hits are. Only hits in
    records of agencies the peer serves count. Returns how many were raised."""
    row = conn.execute(select(notices).where(notices.c.id == notice_id)).first()
    if row is None or row.state != "published":
        raise invalid("federation.notice_unknown", "notice", id=notice_id)
    name = _list_name(notice_id)
    now = datetime.now(UTC)
    rows = [{"created_at": now, "query_ref": name, "record_id": str(h["reference"]),
             "list_name": name, "score": float(h["score"]), "status": "new",
             "agency": row.issuer, "query_name": query_name or row.subject,
             "explanation": f"hit: held by {h['owner']}, reference {h['reference']}",
             "explanation_codes": {"items": [{"code": "name.hit_held", "params": {
                 "agency": str(h["owner"]), "id": str(h["reference"])}}]}}
            for h in hits if str(h.get("owner")) in served]
    raise_alerts(conn, rows)
    chain.append(conn, "screening", "federation", agency=row.issuer, purpose=row.purpose,
                 subjects=[r["record_id"] for r in rows],
                 details={"notice": notice_id, "peer": peer, "message": message_id,
                          "hits": [f"{r['record_id']}" for r in rows]})
    return len(rows)


def end_remote(conn: Connection, peer: str, message_id: str, notice_id: str, state: str,
               reason: str, by: str) -> None:
    """A notice received from `peer` withdrawn or cancelled by its issuer: ended here too, and
    the alerts it raised here closed (its grants' revocations travel on their own)."""
    row = conn.execute(select(notices).where(notices.c.id == notice_id)).first()
    if row is None or row.state != "published":
        raise invalid("federation.notice_unknown", "notice", id=notice_id)
    if state not in ("withdrawn", "cancelled"):
        raise invalid("federation.unknown_kind", "state", value=state)
    who = Actor(f"{by}@{peer}", row.issuer)
    closed = close_alerts(conn, _list_name(notice_id), who)
    conn.execute(update(notices).where(notices.c.id == notice_id).values(
        state=state, ended_at=datetime.now(UTC), ended_reason=reason))
    chain.append(conn, "notice", who.user, agency=row.issuer, subjects=[row.subject],
                 reason=reason, details={"notice": notice_id, "action": f"{state} (arrived)",
                                         "alerts_closed": closed, "peer": peer,
                                         "message": message_id})


def get_notice(store: SQLStore, agency: str, notice_id: str) -> Notice:
    """A notice, for its issuer and the agencies in its scope."""
    with store.engine.connect() as conn:
        row = conn.execute(select(notices).where(notices.c.id == notice_id)).first()
    if row is None:
        raise LookupError(notice_id)
    found = _row(row)
    if agency != found.issuer and "*" not in found.scope and agency not in found.scope:
        raise LookupError(notice_id)
    return found


def list_notices(store: SQLStore, agency: str, state: str | None = "published") -> list[Notice]:
    """Notices the agency issued or is in the scope of."""
    query = select(notices).order_by(notices.c.published_at, notices.c.id)
    if state:
        query = query.where(notices.c.state == state)
    query = query.where(or_(notices.c.issuer == agency, notices.c.scope.like('%"*"%'),
                            notices.c.scope.like(f'%"{agency}"%')))
    with store.engine.connect() as conn:
        return [_row(r) for r in conn.execute(query)]


def notice_alerts(store: SQLStore, agency: str, notice_id: str) -> list[dict[str, Any]]:
    """The alerts a notice raised for `agency` (its own records matched, or hits)."""
    return [{"id": a.id, "record_id": a.record_id, "score": round(a.score, 3),
             "explanation": a.explanation, "explained": a.explained, "status": a.status}
            for a in alerts_of_list(store, _list_name(notice_id), agency)]


def import_interpol(
    store: SQLStore,
    actor: Actor,
    path: Path,
    *,
    purpose: str,
    scope: Iterable[str] | None = None,
    tlp: str = "GREEN",
) -> list[Publication]:
    """Interpol public notices (a search page, a detail, or lines of either) as records of
    the importing bureau and notices of their type, each published and screened. A notice
    already imported (same bureau, same Interpol reference, still published) is skipped."""
    from interlink.ingest.base import ReadOptions
    from interlink.ingest.interpol import read_notices

    if actor.agency is None:
        raise invalid("notice.import_by_agency")
    purpose_code = Purpose.parse(purpose).value
    people: list[tuple[Record, str, str]] = []
    written: list[Record] = []  # the Person and its Sanction (the listing), as FtM has them
    envelope = Envelope(owner=actor.agency, tlp=tlp, purposes=[purpose_code],
                        source_ref=path.name)
    for item in read_notices(path, ReadOptions(agency=actor.agency)):
        if item.error is not None:
            raise invalid("file.row_cause", item.error.field, file=Path(str(item.file)).name,
                          row=item.row, column=item.error.field or "",
                          cause=cause(item.error))
        kind = "red"
        for entity in item.entities:
            if entity.schema.name == "Sanction":
                program = " ".join(entity.get("program")).lower()
                kind = next((k for k in ("yellow", "un", "red") if k in program), "red")
        for entity in item.entities:
            written.append(Record(entity, envelope))
            if entity.schema.name == "Person":
                people.append((written[-1], kind, item.row))
    store.write(written, actor, reason=f"Interpol notices {path.name}")
    with store.engine.connect() as conn:
        known = {(r.reference) for r in conn.execute(select(notices.c.reference).where(
            notices.c.issuer == actor.agency, notices.c.state == "published"))}
    out = []
    for record, kind, reference in people:
        if reference in known:
            continue
        out.append(issue_notice(store, actor, kind, record.id, purpose=purpose_code,
                                scope=scope, reference=reference,
                                reason=f"Interpol {kind} notice {reference}"))
    return out
