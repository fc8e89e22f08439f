"""Alerts kept for a decision: an analyst confirms or dismisses each one, and both are audited.

Online screening answers at once; the alerts a task force wants to act on are kept in the
store (`alerts` table, under the screening agency) so that the decision, who took it and when
are on record, and the home page can list what is still new.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection

from interlink.audit import chain
from interlink.core.limits import MAX_ROW_ID
from interlink.core.messages import invalid
from interlink.screen.screener import Alert
from interlink.store import Actor, SQLStore
from interlink.store.tables import alerts

DECISIONS = ("confirmed", "dismissed")


@dataclass(frozen=True)
class KeptAlert:
    id: int
    created_at: datetime
    query_ref: str
    query_name: str
    record_id: str
    list_name: str
    score: float
    explanation: str
    status: str
    decided_by: str | None
    decided_at: datetime | None
    explanation_codes: dict[str, Any] | None = None

    @property
    def explained(self) -> dict[str, Any]:
        """The explanation as codes with parameters, to render in the reader's language (an
        alert kept before revision 0011 has only its line: read it into codes)."""
        from interlink.names.explanation import codes

        return self.explanation_codes or codes(self.explanation)


def _row(r) -> KeptAlert:  # type: ignore[no-untyped-def]
    stored = getattr(r, "explanation_codes", None)
    return KeptAlert(r.id, r.created_at, r.query_ref, r.query_name, r.record_id, r.list_name,
                     float(r.score), r.explanation, r.status, r.decided_by, r.decided_at,
                     json.loads(stored) if stored else None)


def _with_codes(row: dict[str, Any]) -> dict[str, Any]:
    """An alert row with its explanation as codes (JSON text), unless the caller gave them."""
    from interlink.names.explanation import codes

    if row.get("explanation_codes") is None:
        row = {**row, "explanation_codes": codes(row.get("explanation", ""))}
    if not isinstance(row["explanation_codes"], str):
        row = {**row, "explanation_codes": json.dumps(row["explanation_codes"],
                                                      ensure_ascii=False)}
    return row


def add_alerts(store: SQLStore, rows: list[dict[str, Any]], actor: Actor) -> None:
    """Store alerts of a batch screening for the actor's agency (one transaction, one audit
    entry naming the records hit)."""
    if not rows:
        return
    now = datetime.now(UTC)
    values = [{"created_at": now, "agency": actor.agency, "status": "new", "query_name": "",
               "list_name": "", "explanation": "", **row} for row in rows]
    values = [_with_codes(v) for v in values]
    with store.transaction() as conn:
        conn.execute(alerts.insert(), values)
        chain.append(conn, "screening", actor.user, agency=actor.agency,
                     subjects=sorted({v["record_id"] for v in values}),
                     details={"alerts": len(values)})


def raise_alerts(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Alerts raised inside another capability's transaction (a notice's screening), each row
    naming its agency; the caller audits them with its own entry."""
    if rows:
        conn.execute(alerts.insert(), [_with_codes(r) for r in rows])


def close_alerts(conn: Connection, list_name: str, actor: Actor) -> int:
    """Close the new alerts a list raised (a withdrawn notice); how many were closed."""
    return int(conn.execute(update(alerts).where(
        alerts.c.list_name == list_name, alerts.c.status == "new",
    ).values(status="closed", decided_by=actor.user, decided_at=datetime.now(UTC))).rowcount)


def alerts_of_list(store: SQLStore, list_name: str, agency: str) -> list[KeptAlert]:
    """The alerts one list (a notice) raised for an agency, oldest first."""
    with store.reading() as conn:
        rows = conn.execute(select(alerts).where(
            alerts.c.list_name == list_name, alerts.c.agency == agency,
        ).order_by(alerts.c.id)).all()
    return [_row(r) for r in rows]


def keep(store: SQLStore, actor: Actor, found: list[Alert], purpose: str) -> list[int]:
    """Store the alerts of one screening for the actor's agency; their ids, in order. An
    alert already decided (confirmed or dismissed) for the same query (its reference and name),
    record and list is not raised again: the analyst said what it was. Another query (the
    next flight's passenger, another list) alerts anew."""
    if not found:
        return []
    now = datetime.now(UTC)
    ids = []
    with store.transaction() as conn:
        decided = {(r.query_ref, r.query_name, r.record_id, r.list_name) for r in conn.execute(
            select(alerts.c.query_ref, alerts.c.query_name, alerts.c.record_id,
                   alerts.c.list_name).where(
                alerts.c.agency == actor.agency, alerts.c.status.in_(DECISIONS),
                alerts.c.record_id.in_(sorted({a.watchlist_id for a in found}))))}
        found = [a for a in found if (a.query_id[:255], a.query_name, a.watchlist_id,
                                      a.list_name[:255]) not in decided]
        if not found:
            return []
        for a in found:
            done = conn.execute(alerts.insert().values(
                created_at=now, agency=actor.agency, query_ref=a.query_id[:255],
                query_name=a.query_name, record_id=a.watchlist_id, list_name=a.list_name[:255],
                score=float(a.score), explanation=a.explanation, status="new",
                explanation_codes=_with_codes({"explanation": a.explanation})[
                    "explanation_codes"]))
            ids.append(int(done.inserted_primary_key[0]))
        chain.append(conn, "alert", actor.user, agency=actor.agency, purpose=purpose,
                     subjects=sorted({a.watchlist_id for a in found}),
                     details={"kept": ids})
    return ids


def list_alerts(store: SQLStore, agency: str, status: str | None = None, limit: int = 100,
                ids: list[int] | None = None) -> list[KeptAlert]:
    query = select(alerts).where(alerts.c.agency == agency)
    if status:
        query = query.where(alerts.c.status == status)
    if ids is not None:
        query = query.where(alerts.c.id.in_(ids))
    with store.engine.connect() as conn:
        rows = conn.execute(query.order_by(alerts.c.id.desc()).limit(limit)).all()
    return [_row(r) for r in rows]


def count_new(store: SQLStore, agency: str) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(alerts).where(
            alerts.c.agency == agency, alerts.c.status == "new")).scalar_one())


def decide(store: SQLStore, actor: Actor, alert_id: int, decision: str, reason: str = "",
           ) -> KeptAlert:
    """Confirm or dismiss an alert of one's own agency, once; audited with the reason."""
    if decision not in DECISIONS:
        raise invalid("alert.decision", "decision", allowed=", ".join(DECISIONS))
    now = datetime.now(UTC)
    with store.transaction() as conn:
        # an id no row can have (past 2**63: SQLite cannot even bind it) is as unknown as any
        row = (conn.execute(select(alerts).where(alerts.c.id == alert_id)).first()
               if 0 < alert_id <= MAX_ROW_ID else None)
        if row is None or row.agency != actor.agency:
            raise invalid("alert.unknown", "alert", id=str(alert_id))
        if row.status != "new":
            raise invalid("alert.already", "alert", id=str(alert_id), alert_status=row.status)
        conn.execute(update(alerts).where(alerts.c.id == alert_id).values(
            status=decision, decided_by=actor.user, decided_at=now))
        chain.append(conn, "alert", actor.user, agency=actor.agency, subjects=[row.record_id],
                     reason=reason, details={"alert": alert_id, "decision": decision})
        row = conn.execute(select(alerts).where(alerts.c.id == alert_id)).first()
    return _row(row)
