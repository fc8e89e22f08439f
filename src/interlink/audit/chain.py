"""The hash chain.

Each entry's hash covers its own fields, its sequence number and the previous entry's hash, so
editing any entry breaks its own hash and removing one breaks the next entry's link. Removing
entries from the end cannot be seen from the chain alone, so `verify` also checks the chain
against the store's record versions: every version written must be accounted for by a
collection, alteration or erasure entry.

Entries are appended inside the caller's transaction: a write and its audit entry commit or
roll back together. On PostgreSQL an advisory lock serialises appenders so that two concurrent
transactions cannot both chain onto the same previous entry.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from interlink.store.tables import audit_log, record_versions

GENESIS = "0" * 64
WRITE_ACTIONS = ("collection", "alteration", "erasure")
_LOCK_KEY = 0x1A7E11C  # any constant: the advisory lock that serialises appenders on PostgreSQL


def format_ts(value: datetime) -> str:
    if value.tzinfo is None:  # SQLite hands back naive datetimes; we only ever write UTC
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")


@dataclass
class AuditEntry:
    seq: int
    at: datetime
    action: str
    actor: str
    agency: str | None = None
    recipient: str | None = None
    purpose: str | None = None
    reason: str = ""
    subjects: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    prev_hash: str = GENESIS
    hash: str = ""

    def compute_hash(self) -> str:
        body = {
            "seq": self.seq,
            "at": format_ts(self.at),
            "action": self.action,
            "actor": self.actor,
            "agency": self.agency,
            "recipient": self.recipient,
            "purpose": self.purpose,
            "reason": self.reason,
            "subjects": self.subjects,
            "details": self.details,
            "prev": self.prev_hash,
        }
        raw = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()

    @classmethod
    def from_row(cls, row: Any) -> AuditEntry:
        return cls(
            seq=row.seq,
            at=row.at,
            action=row.action,
            actor=row.actor,
            agency=row.agency,
            recipient=row.recipient,
            purpose=row.purpose,
            reason=row.reason,
            subjects=json.loads(row.subjects),
            details=json.loads(row.details),
            prev_hash=row.prev_hash,
            hash=row.hash,
        )


def newest_of(actions: Sequence[str]) -> list[ColumnElement[int]]:
    """For each action, the sequence number of its newest entry (0 if none), as SQL to put in a
    query; each is one probe of the (action, seq) index. Every change is audited in its own
    transaction, so a copy of what such changes affect is current while these numbers stand."""
    return [
        func.coalesce(select(func.max(audit_log.c.seq)).where(audit_log.c.action == action)
                      .scalar_subquery(), 0)
        for action in actions
    ]


@dataclass(frozen=True)
class Pending:
    """An entry waiting to be chained: everything but its place in the chain."""

    action: str
    actor: str
    agency: str | None = None
    subjects: Sequence[str] = ()
    reason: str = ""
    purpose: str | None = None
    recipient: str | None = None
    details: dict[str, Any] | None = None


def append_many(conn: Connection, pending: Sequence[Pending]) -> list[AuditEntry]:
    """Chain several entries in the caller's transaction with one lock and one look-up of the
    last entry: the server's audit writer commits a batch of reads this way."""
    if not pending:
        return []
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
    last = conn.execute(
        select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)
    ).first()
    seq, prev = (last.seq, last.hash) if last else (0, GENESIS)
    out, rows = [], []
    for p in pending:
        seq += 1
        entry = AuditEntry(
            seq=seq, at=datetime.now(UTC), action=p.action, actor=p.actor, agency=p.agency,
            recipient=p.recipient, purpose=p.purpose, reason=p.reason or "",
            subjects=list(p.subjects), details=p.details or {}, prev_hash=prev,
        )
        entry.hash = prev = entry.compute_hash()
        row = {f.name: getattr(entry, f.name) for f in fields(entry)}  # shallow: no deep copies
        row["subjects"] = json.dumps(entry.subjects, ensure_ascii=False)
        row["details"] = json.dumps(entry.details, ensure_ascii=False, sort_keys=True)
        rows.append(row)
        out.append(entry)
    conn.execute(audit_log.insert(), rows)
    return out


def append(
    conn: Connection,
    action: str,
    actor: str,
    *,
    agency: str | None = None,
    subjects: Sequence[str] = (),
    reason: str = "",
    purpose: str | None = None,
    recipient: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry in the caller's transaction and return it."""
    return append_many(conn, [Pending(action, actor, agency, subjects, reason, purpose,
                                      recipient, details)])[0]


def entries(
    conn: Connection,
    *,
    action: str | None = None,
    actor: str | None = None,
    agency: str | None = None,
    after: int = 0,
    limit: int | None = None,
    batch: int = 5000,
) -> Iterator[AuditEntry]:
    """Entries in chain order, streamed in batches (the log can hold millions)."""
    seen = 0
    while True:
        query = select(audit_log).where(audit_log.c.seq > after).order_by(audit_log.c.seq)
        if action:
            query = query.where(audit_log.c.action == action)
        if actor:
            query = query.where(audit_log.c.actor == actor)
        if agency:
            query = query.where(audit_log.c.agency == agency)
        rows = conn.execute(query.limit(batch)).all()
        if not rows:
            return
        for row in rows:
            yield AuditEntry.from_row(row)
            seen += 1
            if limit is not None and seen >= limit:
                return
        after = rows[-1].seq


@dataclass
class VerifyReport:
    entries: int = 0
    head: str = GENESIS
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(conn: Connection, max_problems: int = 20) -> VerifyReport:
    """Walk the whole chain; report every broken hash, broken link or gap."""
    report = VerifyReport()
    prev_hash, prev_seq = GENESIS, 0
    written = 0
    for entry in entries(conn):
        report.entries += 1
        if entry.seq != prev_seq + 1:
            report.problems.append(
                f"entries {prev_seq + 1}..{entry.seq - 1} are missing (removed from the log)"
            )
        if entry.prev_hash != prev_hash:
            report.problems.append(
                f"entry {entry.seq} does not link to entry {prev_seq}: an entry before it was "
                "edited or removed"
            )
        if entry.compute_hash() != entry.hash:
            report.problems.append(f"entry {entry.seq} ({entry.action}) was altered after writing")
        if entry.action in WRITE_ACTIONS:
            written += int(entry.details.get("versions", len(entry.subjects)))
        prev_hash, prev_seq = entry.hash, entry.seq
        if len(report.problems) >= max_problems:
            report.problems.append("... stopped after too many problems")
            break
    report.head = prev_hash
    if report.ok:
        versions = conn.execute(select(func.count()).select_from(record_versions)).scalar_one()
        if versions != written:
            report.problems.append(
                f"the store holds {versions} record versions but the log accounts for {written}: "
                "audit entries were removed (or records written around the log)"
            )
    return report
