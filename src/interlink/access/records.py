"""Reading records as a viewer: one, several, or a list.

A read answers the record in full, or as a hit (existence, owner and reference), or raises
`NotFound` with the same message for an absent record and for one the viewer may not know of.
Every read is audited, refused or not (the Law Enforcement Directive wants consultations
logged whatever their outcome).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from interlink.access import settled
from interlink.access.audit import disclose, disclosure
from interlink.access.settled import Judged
from interlink.audit.chain import Pending
from interlink.core.errors import NotFound
from interlink.core.record import Record
from interlink.core.viewer import Viewer
from interlink.policy import Visibility
from interlink.policy.sharing import judge
from interlink.policy.visible import visible_records
from interlink.store import SQLStore

#: the one message for "absent" and "not yours to know": no owner, TLP, handling or purpose
NOT_FOUND = "no such record"


@dataclass(frozen=True)
class Shown:
    """A record as the viewer may see it: in full, or only as a hit."""

    record: Record
    visibility: Visibility

    @property
    def full(self) -> bool:
        return self.visibility is Visibility.FULL

    def to_dict(self) -> dict[str, object]:
        """The API's shape: the record with its envelope, or owner and reference only."""
        r = self.record
        if not self.full:
            return {"id": r.id, "hit_only": True, "owner": r.owner, "reference": r.id}
        return {**r.to_dict(), "version": r.version, "hit_only": False}


def gate(store: SQLStore, records: list[Record], viewer: Viewer,
         today: date | None = None) -> list[Visibility]:
    """The gate's verdict for each record (grants and groups loaded once)."""
    return judge(store, records, viewer, today)


def only_full(store: SQLStore, records: Iterable[Record | None], viewer: Viewer
              ) -> list[Record]:
    """The records the viewer sees in full, in the order given (absent ones dropped)."""
    present = [r for r in records if r is not None]
    return [r for r, v in zip(present, gate(store, present, viewer), strict=True)
            if v is Visibility.FULL]


def judged(store: SQLStore, viewer: Viewer, record_id: str) -> Shown | None:
    """A record and the gate's verdict on it; None for an absent record and for one the
    viewer may not know of alike. Not audited: the caller audits what it shows."""
    record = store.get(record_id)
    if record is None:
        return None
    seen = gate(store, [record], viewer)[0]
    return None if seen is Visibility.NONE else Shown(record, seen)


def reading(store: SQLStore, viewer: Viewer, record_id: str, view: str = "record"
            ) -> Judged[Shown | None]:
    """A record read's first half: the record, the gate's verdict (on a server, against the
    process's grants snapshot) and the entry that audits it, whatever the outcome; not yet
    committed (access/settled.py). `found` turns the settled answer into what is shown."""
    record = store.get(record_id)

    def answer(verdicts: list[Visibility]) -> tuple[Shown | None, Pending]:
        seen = verdicts[0] if verdicts else Visibility.NONE
        shown = None if record is None or seen is Visibility.NONE else Shown(record, seen)
        return shown, disclosure(viewer, view, [record_id], result=seen.value)

    return settled.judge(store, viewer, [record] if record is not None else [], answer)


def found(shown: Shown | None) -> Shown:
    """A settled read's answer, or `NotFound` alike for an absent record and a hidden one."""
    if shown is None:
        raise NotFound(NOT_FOUND, "id")
    return shown


def read(store: SQLStore, viewer: Viewer, record_id: str, view: str = "record") -> Shown:
    """One record as the viewer may see it, audited whatever the outcome (on a server, judged
    against the process's grants snapshot and confirmed by that audit entry: access/settled.py)."""
    return found(settled.settle(reading(store, viewer, record_id, view)))


def list_records(store: SQLStore, viewer: Viewer, *, schema: str | None = None,
                 owner: str | None = None, after: str = "", limit: int = 100,
                 ) -> tuple[list[Record], str | None]:
    """Records the viewer sees in full, in id order after `after` (hits are never listed: a
    hit comes from a search that names someone), and the id to continue from."""
    found, next_after = visible_records(store, viewer, schema=schema, owner=owner,
                                        after=after, limit=limit)
    disclose(store, viewer, "list", [r.id for r in found],
             filters={"schema": schema, "owner": owner, "after": after})
    return found, next_after


def due_for_review(store: SQLStore, viewer: Viewer, days: int, limit: int | None = None,
                   arrange: Callable[[list[Record]], list[Record]] | None = None,
                   ) -> list[Record]:
    """The viewer's agency's own records whose review date falls within `days` (or has
    passed: those are served to nobody else until extended or erased), audited as shown:
    `arrange` (a page of a sorted, filtered list) narrows them before they are disclosed."""
    before = datetime.now(UTC).date() + timedelta(days=days + 1)
    found = store.due_for_review(viewer.agency, before, **({"limit": limit} if limit else {}))
    if arrange is not None:
        found = arrange(list(found))
    disclose(store, viewer, "due for review", [r.id for r in found], days=days)
    return list(found)


def captions(store: SQLStore, viewer: Viewer, record_ids: Iterable[str], view: str
             ) -> dict[str, str]:
    """The names of those records the viewer sees in full (a request about one of the
    agency's own records shows its name and links to it), audited as one entry naming
    them; the others are left out, as if absent."""
    ids = sorted(set(record_ids))
    if not ids:
        return {}
    shown = only_full(store, store.get_many(ids), viewer)
    if shown:
        disclose(store, viewer, view, [r.id for r in shown])
    return {r.id: r.entity.caption for r in shown}
