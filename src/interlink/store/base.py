"""The Store interface: what every capability may ask of the record store.

One interface, so that the SQL implementation (SQLite file or PostgreSQL URL) can be swapped or
wrapped (for instance by the policy gate) without callers noticing. Every write takes the actor
and a reason, because every write lands in the audit log in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from interlink.core.agency import Agency

if TYPE_CHECKING:
    from interlink.core.record import Record


@dataclass
class WriteResult:
    """What a bulk write did, as counts: a million-record load must not hold a million ids
    (the audit log names every id written). Refusals are listed, since callers report each."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)  # (id, agency holding it)

    def add(self, other: WriteResult) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.refused += other.refused

    @property
    def written(self) -> int:
        return self.created + self.updated


@dataclass(frozen=True)
class Actor:
    """Who does something, for the audit log: a user (or the CLI's OS user) of an agency, with
    the user's role when signed in (None: the command line; see identity.permissions)."""

    user: str
    agency: str | None = None
    role: str | None = None


class Store(Protocol):
    # agencies
    def add_agency(self, agency: Agency, actor: Actor) -> None: ...
    def get_agency(self, code: str) -> Agency | None: ...
    def list_agencies(self) -> list[Agency]: ...

    # records
    def write(
        self, records: Iterable[Record], actor: Actor, reason: str = ""
    ) -> WriteResult: ...
    def get(self, record_id: str, version: int | None = None) -> Record | None: ...
    def history(self, record_id: str) -> list[dict[str, Any]]: ...
    def erase(self, record_id: str, actor: Actor, reason: str) -> None: ...
    def iter_records(
        self,
        schema: str | None = None,
        owner: str | None = None,
        source_ref: str | None = None,
        batch: int = 2000,
    ) -> Iterator[Record]: ...
    def count(self, schema: str | None = None, owner: str | None = None) -> int: ...
    def stats(self) -> dict[str, dict[str, int]]: ...
    def add_alerts(self, rows: list[dict[str, Any]], actor: Actor) -> None: ...
