"""Lists of records as a viewer sees them, with the gate's rules applied in SQL first.

A list must never return what a single read would refuse, and must not drag the whole store
through Python to find out. So the query keeps only records that could be visible in full
under the gate's rules (the viewer's own; or, for others' records: not past review, collected
for the declared purpose, and either TLP:CLEAR or named by an unrevoked full-level grant for
the record or a wholesale one from its owner), and the gate itself then decides each
candidate, exactly as a single read does. Lists show full records only: learning that a record
exists without seeing it (a hit) takes a search that names someone, never a browse.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import and_, literal, or_, select
from sqlalchemy.sql.elements import ColumnElement

from interlink.core.record import Record
from interlink.core.viewer import Viewer
from interlink.policy.gate import Visibility
from interlink.policy.sharing import judge
from interlink.store import SQLStore
from interlink.store.tables import grants, records

PAGE = 500


def candidate_filter(viewer: Viewer, today: date) -> ColumnElement[bool]:
    """The SQL side of the gate for full visibility: a superset of what the gate allows, never
    less (the property tests check both sides agree)."""
    mine = records.c.owner == viewer.agency
    if viewer.purpose is None:
        return mine
    purpose = viewer.purpose.value
    live = and_(grants.c.revoked_at.is_(None), grants.c.level == "full")
    granted = or_(
        records.c.id.in_(select(grants.c.record_id).where(live, grants.c.record_id.isnot(None))),
        records.c.owner.in_(select(grants.c.grantor).where(live, grants.c.record_id.is_(None))),
    )
    others = and_(
        or_(records.c.review_by.is_(None), records.c.review_by >= today),
        (literal(",") + records.c.purposes + literal(",")).contains(f",{purpose},"),
        or_(records.c.tlp == "CLEAR", granted),
    )
    return or_(mine, others)


def visible_records(
    store: SQLStore, viewer: Viewer, *, schema: str | None = None, owner: str | None = None,
    after: str = "", limit: int = 100, today: date | None = None,
) -> tuple[list[Record], str | None]:
    """Up to `limit` records the viewer sees in full, in id order after `after`, and the id to
    continue from (None at the end)."""
    out: list[Record] = []
    today = today or datetime.now(UTC).date()
    where = [records.c.erased.is_(False), candidate_filter(viewer, today)]
    if schema:
        where.append(records.c.schema == schema)
    if owner:
        where.append(records.c.owner == owner)
    last = after
    while len(out) < limit:
        with store.reading() as conn:
            rows = conn.execute(select(records).where(*where, records.c.id > last)
                                .order_by(records.c.id).limit(PAGE)).all()
        if not rows:
            return out, None
        page = [store.record_from_row(r) for r in rows]
        for record, seen in zip(page, judge(store, page, viewer, today), strict=True):
            if seen is Visibility.FULL:
                out.append(record)
                if len(out) == limit:
                    return out, record.id
        last = rows[-1].id
    return out, None
