"""The newest audit entries of an agency, filtered by user, action or record: what a supervisor
reads on the audit page and the home page's recent activity. Read-only; verification stays in
`chain.verify`."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.engine import Connection

from interlink.audit.chain import AuditEntry
from interlink.audit.table import audit_log


def latest(
    conn: Connection, agency: str, *, actor: str | None = None, action: str | None = None,
    subject: str | None = None, before: int | None = None, limit: int = 50,
    offset: int = 0, since: date | None = None, until: date | None = None,
    oldest_first: bool = False,
) -> list[AuditEntry]:
    """Entries of `agency`, newest first (or oldest); `before` pages back by sequence number,
    `offset` by position; `since`/`until` bound the day of the entry (UTC, both included)."""
    query = select(audit_log).where(audit_log.c.agency == agency)
    if actor:
        query = query.where(audit_log.c.actor == actor.strip().lower())
    if action:
        query = query.where(audit_log.c.action == action.strip())
    if subject:
        query = query.where(audit_log.c.subjects.contains(json.dumps(subject.strip()),
                                                           autoescape=True))
    if before is not None:
        query = query.where(audit_log.c.seq < before)
    if since is not None:
        query = query.where(audit_log.c.at >= datetime.combine(since, time(), UTC))
    if until is not None:
        query = query.where(audit_log.c.at < datetime.combine(until + timedelta(days=1), time(),
                                                              UTC))
    order = audit_log.c.seq.asc() if oldest_first else audit_log.c.seq.desc()
    rows = conn.execute(query.order_by(order).offset(offset).limit(limit)).all()
    return [AuditEntry.from_row(r) for r in rows]
