"""Deconfliction: two agencies about to act on the same person are told of each other.

When an agency targets, screens or searches a resolved entity (`interlink.resolve`: the same
person across records and spellings) that another agency targets in an open operation, both
are told: only that the other agency is interested and whom to call (agency code and liaison),
never what either holds. Each pair of agencies is told once per target; every notice is
audited on both sides.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, and_, bindparam, or_, select
from sqlalchemy.engine import Connection

from interlink.audit import chain
from interlink.cooperation.clocks import utc
from interlink.cooperation.tables import (
    deconfliction_notices,
    operation_members,
    operation_targets,
    operations,
)
from interlink.store import SQLStore

TRIGGERS = ("target", "screen", "search")


@dataclass(frozen=True)
class DeconflictionNotice:
    """A notice as one side sees it: the other agency, whom to call, and why it was raised."""

    id: int
    created_at: datetime
    trigger: str
    other_agency: str
    other_contact: str
    your_record: str  # the record of yours (or that you touched) it is about
    your_operation: str | None  # set for the agency whose operation target it is

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["created_at"] = utc(self.created_at).isoformat()
        return data


def _targets_query() -> Select[Any]:
    t, o, m = operation_targets.c, operations.c, operation_members.c
    return (
        select(t.record_id, t.agency, t.operation_id, t.added_by, m.contact)
        .join(operations, o.id == t.operation_id)
        .join(operation_members, and_(m.operation_id == t.operation_id, m.agency == t.agency))
        .where(t.removed_at.is_(None), o.state == "open", m.status == "member",
               t.agency != bindparam("other_than"))
    )


#: built once: every search asks whether anyone targets anything, and building the statement
#: and its cache key cost more than the (usually empty) answer
_TARGETS = _targets_query()
_ANY_TARGET = _TARGETS.limit(1)


def _active_targets(conn: Connection, other_than: str, limit: int | None = None
                    ) -> list[Any]:
    if limit == 1:
        return conn.execute(_ANY_TARGET, {"other_than": other_than}).all()
    query = _TARGETS if limit is None else _TARGETS.limit(limit)
    return conn.execute(query, {"other_than": other_than}).all()


def check_interest(
    store: SQLStore,
    agency: str,
    user: str,
    record_ids: Iterable[str],
    trigger: str,
    conn: Connection | None = None,
) -> list[DeconflictionNotice]:
    """Record a notice for each other agency targeting the entity of one of `record_ids`, and
    return them as `agency` sees them. Cheap when nobody targets anything (one query)."""
    asked = list(dict.fromkeys(record_ids))
    if not asked:
        return []
    if trigger not in TRIGGERS:
        raise ValueError(trigger)
    if conn is None:
        # most calls find no target: asked on a read connection (on SQLite a write
        # transaction would queue every search behind the writers); only when some other
        # agency targets something are the targets read again, in the transaction that
        # records the notices
        with store.reading() as reading:
            if not _active_targets(reading, agency, 1):
                return []
        with store.transaction() as own:
            return check_interest(store, agency, user, asked, trigger, own)
    targets = _active_targets(conn, agency)
    if not targets:
        return []
    by_record: dict[str, list[Any]] = {}
    for t in targets:
        by_record.setdefault(t.record_id, []).append(t)
    # imported here: the resolver's package is heavy, and most calls stop above (no targets)
    from interlink.resolve.entity import entity_members

    members = entity_members(store, asked)
    found: list[DeconflictionNotice] = []
    told: set[tuple[str, str]] = set()
    for mine in asked:
        for rid in sorted(members.get(mine, {mine}) | {mine}):
            for target in by_record.get(rid, ()):
                key = (target.agency, target.record_id)
                if key in told or _already_told(conn, target.agency, agency, target.record_id):
                    continue
                told.add(key)
                found.append(_record(conn, target, agency, user, mine, trigger))
    return found


def _already_told(conn: Connection, first: str, second: str, record_id: str) -> bool:
    d = deconfliction_notices.c
    return conn.execute(select(d.id).where(
        d.first_agency == first, d.second_agency == second, d.record_id == record_id
    ).limit(1)).first() is not None


def _record(conn: Connection, target: Any, agency: str, user: str, mine: str,
            trigger: str) -> DeconflictionNotice:
    now = datetime.now(UTC)
    first_contact = target.contact or target.added_by
    result = conn.execute(deconfliction_notices.insert().values(
        created_at=now, trigger=trigger, operation_id=target.operation_id,
        record_id=target.record_id, first_agency=target.agency, first_contact=first_contact,
        second_agency=agency, second_contact=user, second_record=mine))
    notice_id = int(result.inserted_primary_key[0])
    for side, other, subject in ((target.agency, agency, target.record_id),
                                 (agency, target.agency, mine)):
        who = user if side == agency else "platform"  # the first side is told, not acting
        chain.append(conn, "deconfliction", who, agency=side, recipient=other,
                     subjects=[subject], details={"notice": notice_id, "trigger": trigger})
    return DeconflictionNotice(notice_id, now, trigger, target.agency, first_contact, mine,
                               None)


def list_notices(store: SQLStore, agency: str) -> list[DeconflictionNotice]:
    """Every deconfliction notice concerning `agency`, from its side."""
    d = deconfliction_notices.c
    with store.engine.connect() as conn:
        rows = conn.execute(select(deconfliction_notices)
                            .where(or_(d.first_agency == agency, d.second_agency == agency))
                            .order_by(d.id)).all()
    out = []
    for r in rows:
        if r.first_agency == agency:
            out.append(DeconflictionNotice(r.id, r.created_at, r.trigger, r.second_agency,
                                           r.second_contact, r.record_id, r.operation_id))
        else:
            out.append(DeconflictionNotice(r.id, r.created_at, r.trigger, r.first_agency,
                                           r.first_contact, r.second_record, None))
    return out
