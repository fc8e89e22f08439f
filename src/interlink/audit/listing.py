"""The newest audit entries of an agency, filtered by user, action or record: what a supervisor
reads on the audit page and the home page's recent activity. Read-only; verification stays in
`chain.verify`."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.engine import Connection

from interlink.audit.chain import AuditEntry
from interlink.audit.table import audit_log


def latest(
    conn: Connection, agency: str, *, actor: str | None = None, action: str | None = None,
    subject: str | None = None, before: int | None = None, limit: int = 50,
) -> list[AuditEntry]:
    """Entries of `agency`, newest first; `before` pages back by sequence number."""
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
    rows = conn.execute(query.order_by(audit_log.c.seq.desc()).limit(limit)).all()
    return [AuditEntry.from_row(r) for r in rows]
