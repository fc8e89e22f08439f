"""A judgement and its audit entry, settled together: what the record read and the search
share, so that an answer judged against the server's grants snapshot leaves only once the
entry that records it has confirmed the snapshot was still current (policy/snapshot.py says
why that is as safe as reading the grants for every read).

`answer` turns the gate's verdicts into what will be sent and the entry that discloses it; it
may be called more than once (the snapshot moved under it) and must not send anything itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import TypeVar

from interlink.audit import chain
from interlink.audit.chain import Pending
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


def settled(store: SQLStore, viewer: Viewer, records: Sequence[Gated], answer: Answer[T],
            today: date | None = None) -> T:
    """Judge `records` for the viewer, audit what `answer` makes of the verdicts, and return
    it once the audit entry is committed and the judgement confirmed current."""
    today = today or datetime.now(UTC).date()
    own = all(r.envelope.owner == viewer.agency for r in records)
    if store.audit_writer is None or own:
        # a one-off command (grants read afresh), or only the viewer's own records (no grant
        # can change what an owner sees): judged, then audited
        if own:
            verdicts = [visibility(r, viewer) for r in records]
        else:
            with store.reading() as conn:
                ctx = load_context(conn, [r.id for r in records],
                                   {r.envelope.owner for r in records}, today)
            verdicts = [visibility(r, viewer, ctx) for r in records]
        result, entry = answer(verdicts)
        store.audit_committed(entry)
        return result
    for attempt in range(snapshot.ATTEMPTS):
        snap = snapshot.current(store)
        result, entry = answer(snap.verdicts(records, viewer, today))
        committed = store.audit_committed(_again(entry, attempt))
        if committed.sharing_version == snap.version:
            return result
        snapshot.seen(store, committed.sharing_version)
    # the sharing tables changed under every attempt: the grants read after the chain's lock
    # is taken, in the transaction that commits the entry (no change can commit in between)
    with store.transaction() as conn:
        chain.lock(conn)
        ctx = load_context(conn, [r.id for r in records], {r.envelope.owner for r in records},
                           today)
        result, entry = answer([visibility(r, viewer, ctx) for r in records])
        chain.append_many(conn, [_again(entry, snapshot.ATTEMPTS)])
    return result
