"""Screening a store's holdings against a watchlist, with alerts written back to the store.

Each Person record (or the schema asked for) becomes a query; its alerts go to the
`alerts` table through `screen.decisions.add_alerts`, in one transaction with an audit entry,
so that who screened what against which list is on record. A record never alerts on
itself (a watchlist loaded from the same store contains it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from interlink.screen.decisions import add_alerts
from interlink.screen.entry import Entry
from interlink.screen.index import Watchlist
from interlink.screen.screener import DEFAULT_THRESHOLD, Alert, Screener

BATCH = 1000


def screen_store(
    store: Any,
    watchlist: Watchlist,
    actor: Any,
    threshold: float = DEFAULT_THRESHOLD,
    schema: str = "Person",
    owner: str | None = None,
    list_name: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Alert]:
    """Screen the store's `schema` records (of one `owner`, or all) and store the alerts.

    Returns the alerts written. `progress` is called with the number of records screened so
    far, for a progress bar.
    """
    screener = Screener(watchlist, threshold=threshold)
    written: list[Alert] = []
    pending: list[dict[str, Any]] = []
    seen = 0
    name = list_name or watchlist.name
    for record in store.iter_records(schema=schema, owner=owner):
        seen += 1
        entry = Entry.from_proxy(record.entity)
        if entry is not None:
            for alert in screener.match(entry):
                if alert.watchlist_id == record.id:
                    continue
                written.append(alert)
                pending.append(
                    {
                        "query_ref": record.id,
                        "query_name": alert.query_name,
                        "record_id": alert.watchlist_id,
                        "list_name": alert.list_name or name,
                        "score": alert.score,
                        "explanation": alert.explanation,
                    }
                )
        if len(pending) >= BATCH:
            add_alerts(store, pending, actor)
            pending = []
        if progress is not None:
            progress(seen)
    if pending:
        add_alerts(store, pending, actor)
    return written
