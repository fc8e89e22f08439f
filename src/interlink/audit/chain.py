"""The hash chain.

Each entry's hash covers its own fields, its sequence number and the previous entry's hash, so
editing any entry breaks its own hash and removing one breaks the next entry's link. Removing
entries from the end, or removing one and re-hashing all after it, cannot be seen from the chain
alone, so `verify` also checks it against the signed anchors kept outside the store (anchor.py)
and against the tables that record activity (crosscheck.py: record versions, grants, users,
tokens, request transitions).

Entries are appended inside the caller's transaction: a write and its audit entry commit or
roll back together. On PostgreSQL an advisory lock serialises appenders so that two concurrent
transactions cannot both chain onto the same previous entry.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, func, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from interlink.audit import anchor  # the module: store -> audit.chain -> anchor -> store.tables
from interlink.audit.crosscheck import Tally
from interlink.audit.entry import GENESIS, WRITE_ACTIONS, AuditEntry, format_ts
from interlink.audit.table import audit_log
from interlink.core.messages import said

__all__ = ["GENESIS", "LOCK_KEY", "WRITE_ACTIONS", "AuditEntry", "Pending", "VerifyReport",
           "append", "append_many", "append_watching", "chained", "entries", "format_ts",
           "head_query", "lock", "newest_of", "verify"]

LOCK_KEY = 0x1A7E11C  # any constant: the advisory lock that serialises appenders on PostgreSQL


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


def lock(conn: Connection) -> None:
    """Take the appenders' lock for the rest of the caller's transaction (PostgreSQL; SQLite's
    writers are serialised by BEGIN IMMEDIATE already). Re-entrant: `append_many` takes it
    again. Held, it also means that no other audited change can commit until this
    transaction does: every such change appends its entry under the same lock."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK_KEY})


@lru_cache(maxsize=16)
def _head_query(watched: tuple[ColumnElement[int], ...]) -> Select[Any]:
    """The chain's last sequence number and hash, and the watched values, in one statement:
    built once per set of watched values (SQL elements hash by identity), so that a batch
    does not build the statement and its cache key again."""
    last_seq = (select(audit_log.c.seq).order_by(audit_log.c.seq.desc()).limit(1)
                .scalar_subquery())
    last_hash = (select(audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)
                 .scalar_subquery())
    return select(last_seq, last_hash, *watched)


def append_many(conn: Connection, pending: Sequence[Pending]) -> list[AuditEntry]:
    """Chain several entries in the caller's transaction with one lock and one look-up of the
    last entry: the server's audit writer commits a batch of reads this way."""
    return append_watching(conn, pending)[0]


def append_watching(conn: Connection, pending: Sequence[Pending],
                    watched: Sequence[ColumnElement[int]] = ()
                    ) -> tuple[list[AuditEntry], list[int]]:
    """`append_many`, and the values of `watched` (SQL such as `newest_of`'s numbers) read in
    the same statement as the chain's last entry, saving a round trip.

    They are read after the lock is taken, so they are as good as values read after the
    entries: every change they watch is audited under the same lock, in its own transaction,
    so none can commit between this statement and this transaction's commit (audit/writer.py
    relies on it to confirm tokens and the gate's grants)."""
    if not pending:
        return [], []
    lock(conn)
    head = conn.execute(_head_query(tuple(watched))).one()
    out, rows = chained(pending, head[0], head[1])
    conn.execute(audit_log.insert(), rows)
    return out, [int(v) for v in head[2:]]


def head_query(watched: Sequence[ColumnElement[int]]) -> Select[Any]:
    """The statement `append_watching` reads the chain's head and `watched` with (for a
    writer that sends it itself: audit/writer.py on PostgreSQL)."""
    return _head_query(tuple(watched))


def chained(pending: Sequence[Pending], last_seq: int | None, last_hash: str | None
            ) -> tuple[list[AuditEntry], list[dict[str, Any]]]:
    """`pending` chained after the head read under the lock (None, None: an empty log): the
    entries, and their rows for the table (lists and details as JSON text)."""
    seq, prev = (last_seq, last_hash) if last_seq is not None else (0, GENESIS)
    assert prev is not None
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
    return out, rows


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
    #: what the check could not cover (no key yet) and the newest anchor
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(conn: Connection, max_problems: int = 20, anchors: anchor.Anchors | None = None
           ) -> VerifyReport:
    """Walk the whole chain; report every broken hash, broken link or gap, every signed anchor
    the chain no longer matches (entries cut from the end, or a rewrite re-hashed), and every
    table of activity whose rows the log no longer accounts for. `anchors` defaults to the
    store's own key and anchors files (see anchor.py)."""
    if anchors is None:
        anchors = anchor.Anchors.for_store(conn.engine.url.render_as_string(hide_password=False))
    anchored = anchors.anchored()
    hashes: dict[int, str] = {}
    tally = Tally()
    report = VerifyReport()
    prev_hash, prev_seq = GENESIS, 0
    for entry in entries(conn):
        report.entries += 1
        if entry.seq != prev_seq + 1:
            report.problems.append(said("audit.entries_missing", first=str(prev_seq + 1),
                                        last=str(entry.seq - 1)))
        if entry.prev_hash != prev_hash:
            report.problems.append(said("audit.link_broken", seq=str(entry.seq),
                                        previous=str(prev_seq)))
        if entry.compute_hash() != entry.hash:
            report.problems.append(said("audit.altered", seq=str(entry.seq),
                                        audit_action=entry.action))
        tally.add(entry)
        if entry.seq in anchored:
            hashes[entry.seq] = entry.hash
        prev_hash, prev_seq = entry.hash, entry.seq
        if len(report.problems) >= max_problems:
            report.problems.append(said("audit.too_many"))
            return report
    report.head = prev_hash
    problems, notes = anchors.check(hashes, prev_seq)
    report.problems += problems
    report.notes += notes
    report.problems += tally.problems(conn)
    return report
