"""A judgement and its audit entry, settled together: what the record read and the search
share, so that an answer judged against the server's grants snapshot leaves only once the
entry that records it has confirmed the snapshot was still current (policy/snapshot.py says
why that is as safe as reading the grants for every read).

`answer` turns the gate's verdicts into what will be sent and the entry that discloses it; it
may be called more than once (the snapshot moved under it) and must not send anything itself.

A settlement runs in two halves, `judge` (the first judgement and its entry, not yet
committed) and `finish` (given that entry's commit: the answer, or the later attempts), so
that a server may wait for the commit without holding a thread (api/fast.py awaits it on its
event loop); `settled` runs both in the caller's thread, as every other caller does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Generic, TypeVar

from interlink.audit import chain
from interlink.audit.chain import Pending
from interlink.audit.writer import Committed
from interlink.core.viewer import Viewer
from interlink.policy import snapshot
from interlink.policy.gate import Gated, Visibility, visibility
from interlink.policy.sharing import load_context
from interlink.store import SQLStore

T = TypeVar("T")
Answer = Callable[[list[Visibility]], tuple[T, Pending]]


def _again(p: Pending, attempt: int) -> Pending:
    """The entry of a second or later judgement says so: the one before it was not sent."""
    return p if attempt == 0 else replace(p, details={**(p.details or {}),
                                                      "judged_again": attempt})


@dataclass(frozen=True)
class Judged(Generic[T]):
    """The first judgement: its answer, and the entry to commit before the answer may leave.
    `version` is the grants snapshot's it was judged against (None: judged without one, so
    any commit of the entry confirms it)."""

    store: SQLStore
    viewer: Viewer
    records: Sequence[Gated]
    answer: Answer[T]
    today: date
    result: T
    entry: Pending
    version: int | None

    def confirmed(self, committed: Committed) -> bool:
        """Whether this entry's commit confirms the judgement (no query): then `result` may
        leave as it is."""
        return self.version is None or committed.sharing_version == self.version


def judge(store: SQLStore, viewer: Viewer, records: Sequence[Gated], answer: Answer[T],
          today: date | None = None) -> Judged[T]:
    """Judge `records` for the viewer and make the answer and its entry (not committed)."""
    today = today or datetime.now(UTC).date()
    own = all(r.envelope.owner == viewer.agency for r in records)
    version: int | None = None
    if own:
        # only the viewer's own records: no grant can change what an owner sees
        verdicts = [visibility(r, viewer) for r in records]
    elif store.audit_writer is None:
        # a one-off command: the grants read afresh, then audited
        with store.reading() as conn:
            ctx = load_context(conn, [r.id for r in records],
                               {r.envelope.owner for r in records}, today)
        verdicts = [visibility(r, viewer, ctx) for r in records]
    else:
        snap = snapshot.current(store)
        version = snap.version
        verdicts = snap.verdicts(records, viewer, today)
    result, entry = answer(verdicts)
    return Judged(store, viewer, records, answer, today, result, entry, version)


def finish(judged: Judged[T], committed: Committed) -> T:
    """The answer once the first entry is committed: as judged if the commit confirms it,
    else judged and audited again (queries: run it where blocking is allowed)."""
    if judged.confirmed(committed):
        return judged.result
    store, viewer, records, answer, today = (judged.store, judged.viewer, judged.records,
                                             judged.answer, judged.today)
    snapshot.seen(store, committed.sharing_version)
    for attempt in range(1, snapshot.ATTEMPTS):
        snap = snapshot.current(store)
        result, entry = answer(snap.verdicts(records, viewer, today))
        again = store.audit_committed(_again(entry, attempt))
        if again.sharing_version == snap.version:
            return result
        snapshot.seen(store, again.sharing_version)
    # the sharing tables changed under every attempt: the grants read after the chain's lock
    # is taken, in the transaction that commits the entry (no change can commit in between)
    with store.transaction() as conn:
        chain.lock(conn)
        ctx = load_context(conn, [r.id for r in records], {r.envelope.owner for r in records},
                           today)
        result, entry = answer([visibility(r, viewer, ctx) for r in records])
        chain.append_many(conn, [_again(entry, snapshot.ATTEMPTS)])
    return result


def settle(judged: Judged[T]) -> T:
    """`finish` after committing the first entry in this thread."""
    return finish(judged, judged.store.audit_committed(judged.entry))


def settled(store: SQLStore, viewer: Viewer, records: Sequence[Gated], answer: Answer[T],
            today: date | None = None) -> T:
    """Judge `records` for the viewer, audit what `answer` makes of the verdicts, and return
    it once the audit entry is committed and the judgement confirmed current."""
    return settle(judge(store, viewer, records, answer, today))
