"""The grants, sharing groups and served agencies of one server process, held in memory so that
a read asks the gate without a query, and confirmed by the audit entry of that very read.

Why this is as safe as reading the grants afresh for every read
---------------------------------------------------------------
Every change to what this snapshot holds (a grant made or revoked, a group's members, an agency
served) is audited in the transaction that makes it, under one of `SHARING_ACTIONS`
(policy/sharing.py; `tests/policy/test_snapshot.py` checks each). The snapshot carries a
*version*: the sum of the newest audit sequence numbers of those actions, read before the
tables, so a snapshot may be newer than its version says but never older.

A read judges its records against the snapshot it holds (version V), then has its audit entry
committed. The audit writer reads the same version number in the transaction that commits the
entry, under the chain's lock (`chain.append_watching`): every change above appends its own
entry under that lock before it commits, so no change can commit between that reading and the
entry's commit. If the number read is V, no grant changed between the tables being read and the
read's entry being committed: the judgement is the one a fresh look-up at commit time would
have made, and the answer may leave. If it moved, the answer is *not* sent: the snapshot is read
again, the records are judged again and audited again (the entry says `judged_again`), and
only an answer whose judgement is confirmed this way leaves the server. After `ATTEMPTS` such
rounds (the tables changing under every read), the read is judged with the grants read inside
the audit entry's own transaction, after the chain's lock is taken, as a one-off command does:
slower, never stale. A revocation is therefore effective for every answer whose audit entry
commits after it; an answer that was judged before it and audited after it is withheld.

What this does not change: the record itself (its envelope, the owner's terms) is read from the
store by each read, never from here; a `NotFound` for a record one may not see still reads the
same as one for an absent record.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from interlink.audit.writer import sharing_version
from interlink.core.viewer import Viewer
from interlink.policy.gate import Gated, PolicyContext, Visibility, visibility
from interlink.policy.grants import Grant, SharingGroup
from interlink.policy.sharing import grant_of, read_sharing_tables
from interlink.store import SQLStore
from interlink.store.tables import grants

#: judgements against a moving snapshot before the read falls back to the serialised path
ATTEMPTS = 4


@dataclass(frozen=True)
class GrantsSnapshot:
    """Live grants (not revoked) indexed the way the gate asks for them, with all groups and
    served agencies, as of `version` or later."""

    version: int
    by_record: Mapping[str, tuple[Grant, ...]] = field(default_factory=dict)
    wholesale: Mapping[str, tuple[Grant, ...]] = field(default_factory=dict)  # by grantor
    by_id: Mapping[str, Grant] = field(default_factory=dict)
    groups: Mapping[str, SharingGroup] = field(default_factory=dict)
    serves: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def context(self, records: Iterable[Gated], today: date) -> PolicyContext:
        """What `load_context` would read for these records: their grants, their owners'
        wholesale ones, and every parent a re-grant names. A revoked grant is not held: the
        gate ignores one (and a re-grant whose parent is missing) either way."""
        found: dict[str, Grant] = {}
        owners: set[str] = set()
        for r in records:
            for g in self.by_record.get(r.id, ()):
                found[g.id] = g
            owners.add(r.envelope.owner)
        for owner in owners:
            for g in self.wholesale.get(owner, ()):
                found[g.id] = g
        return self._with_parents(found, today)

    def verdicts(self, records: Sequence[Gated], viewer: Viewer, today: date
                 ) -> list[Visibility]:
        """The gate's verdict on each record, each judged with only the grants that can
        apply to it (its own, its owner's wholesale ones, their parents): the same verdicts
        as one context for all, without trying every owner's grants on every record of a
        search's two hundred candidates."""
        by_owner: dict[str, PolicyContext] = {}
        out = []
        for r in records:
            owner = r.envelope.owner
            if r.id in self.by_record:
                ctx = self.context([r], today)
            else:
                ctx = by_owner.get(owner) or by_owner.setdefault(owner, self._with_parents(
                    {g.id: g for g in self.wholesale.get(owner, ())}, today))
            out.append(visibility(r, viewer, ctx))
        return out

    def _with_parents(self, found: dict[str, Grant], today: date) -> PolicyContext:
        parents = {g.parent for g in found.values() if g.parent and g.parent not in found}
        while parents:
            more = [self.by_id[p] for p in parents if p in self.by_id]
            for g in more:
                found[g.id] = g
            parents = {g.parent for g in more if g.parent and g.parent not in found}
        if not found:  # groups and served agencies matter only through grants
            return PolicyContext(today=today)
        return PolicyContext(grants=tuple(found.values()), groups=self.groups,
                             serves=self.serves, today=today)


def read_snapshot(store: SQLStore) -> GrantsSnapshot:
    """The tables as they are now. The version is read first, in its own statement: a change
    committed between it and the tables makes the snapshot newer than its version, which only
    costs a second judgement; the other order could label old grants as current."""
    with store.reading() as conn:
        version = int(conn.execute(select(sharing_version())).scalar_one())
        rows = conn.execute(select(grants).where(grants.c.revoked_at.is_(None))).all()
        groups, serves = read_sharing_tables(conn)
    by_record: dict[str, list[Grant]] = {}
    wholesale: dict[str, list[Grant]] = {}
    by_id: dict[str, Grant] = {}
    for row in rows:
        g = grant_of(row)
        by_id[g.id] = g
        if g.record_id is None:
            wholesale.setdefault(g.grantor, []).append(g)
        else:
            by_record.setdefault(g.record_id, []).append(g)
    return GrantsSnapshot(
        version=version,
        by_record={k: tuple(v) for k, v in by_record.items()},
        wholesale={k: tuple(v) for k, v in wholesale.items()},
        by_id=by_id, groups=groups, serves=serves)


class _Holder:
    """One store's snapshot, and the newest version any commit has shown this process."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.snapshot: GrantsSnapshot | None = None
        self.newest = -1
        self.dirty = False  # this process changed the tables since the snapshot was read


_holders: weakref.WeakKeyDictionary[SQLStore, _Holder] = weakref.WeakKeyDictionary()
_holders_lock = threading.Lock()


def _holder(store: SQLStore) -> _Holder:
    held = _holders.get(store)
    if held is None:
        with _holders_lock:
            held = _holders.setdefault(store, _Holder())
    return held


def current(store: SQLStore) -> GrantsSnapshot:
    """The snapshot to judge with: the one held, unless a commit has since shown a newer
    version (then the tables are read again, by one thread while the others wait for it)."""
    held = _holder(store)
    snap = held.snapshot
    if snap is not None and snap.version >= held.newest and not held.dirty:
        return snap
    with held.lock:
        snap = held.snapshot
        if snap is None or snap.version < held.newest or held.dirty:
            snap = held.snapshot = read_snapshot(store)
            held.newest = max(held.newest, snap.version)
            held.dirty = False
        return snap


def seen(store: SQLStore, version: int) -> None:
    """A commit read this version: a snapshot older than it is not used again."""
    held = _holder(store)
    with held.lock:
        held.newest = max(held.newest, version)


def stale(store: SQLStore) -> None:
    """This process has just changed the sharing tables: read them again before the next use."""
    held = _holder(store)
    with held.lock:
        held.dirty = True
