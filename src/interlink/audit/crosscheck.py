"""Tables that record activity, each row written in one transaction with its audit entry: the
number of rows and the number of entries that account for them must agree.

Removing an entry and re-hashing the rest of the chain leaves a chain that verifies; what it
recorded is still in its own table, so the counts no longer match. (Rows removed together with
their entries and a re-hash are caught by the signed anchors instead, see anchor.py.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select, table
from sqlalchemy.engine import Connection

from interlink.audit.entry import WRITE_ACTIONS, AuditEntry
from interlink.core.messages import said


def _versions(e: AuditEntry) -> int:
    return int(e.details.get("versions", len(e.subjects))) if e.action in WRITE_ACTIONS else 0


def _transition(e: AuditEntry) -> int:
    if e.action == "migration":  # transitions a migration carried in (store revision 0007)
        return int(e.details.get("request_transitions", 0))
    return int(e.action in ("request", "refusal") and "request" in e.details
               and "action" in e.details)


@dataclass(frozen=True)
class Ledger:
    """A table, what its rows are, and how many of them an entry accounts for."""

    table: str
    rows: str
    accounts: Callable[[AuditEntry], int]


LEDGERS = (
    Ledger("record_versions", "record versions", _versions),
    Ledger("grants", "grants", lambda e: int(e.action == "grant")),
    Ledger("users", "users", lambda e: int(e.action == "user" and "added" in e.details)),
    Ledger("tokens", "tokens", lambda e: int(e.action == "token" and "created" in e.details)),
    Ledger("legal_request_events", "request transitions", _transition),
)


class Tally:
    """What the entries of a walk through the chain account for, table by table."""

    def __init__(self) -> None:
        self.counts = dict.fromkeys((ledger.table for ledger in LEDGERS), 0)

    def add(self, entry: AuditEntry) -> None:
        for ledger in LEDGERS:
            self.counts[ledger.table] += ledger.accounts(entry)

    def problems(self, conn: Connection) -> list[str]:
        out: list[str] = []
        for ledger in LEDGERS:
            held = int(conn.execute(select(func.count()).select_from(table(ledger.table)))
                       .scalar_one())
            logged = self.counts[ledger.table]
            if held != logged:
                out.append(said("audit.unaccounted", held=held, rows=ledger.table,
                                logged=logged))
        return out
