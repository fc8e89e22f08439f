"""Online screening as a viewer: names (typed, or a manifest's passengers) against a watchlist
built from the records the viewer sees in full.

The one path the API and the web interface share: the watchlist never holds, and an alert never
reveals, a record a read would refuse. Every screening is audited with its purpose and the
records hit, and another agency targeting a person hit here is told, as the screener is, whom
to call (deconfliction).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from interlink.access.audit import disclose
from interlink.access.records import only_full
from interlink.cooperation.deconfliction import check_interest
from interlink.core.errors import InvalidInput
from interlink.core.record import Record
from interlink.core.viewer import Viewer
from interlink.screen.entry import Entry
from interlink.screen.index import Watchlist
from interlink.screen.loaders import entries_from_ftm
from interlink.screen.screener import Alert, Screener
from interlink.store import SQLStore

SCHEMATA = ("Person", "Company", "Organization", "LegalEntity", "Vessel", "Passport",
            "Identification")


@dataclass
class Screening:
    watchlist: str
    entries: int
    alerts: list[Alert] = field(default_factory=list)


def visible_entities(store: SQLStore, viewer: Viewer, source_ref: str | None = None,
                     ) -> Iterator[dict[str, Any]]:
    """FtM dicts of the screenable records the viewer sees in full."""
    for schema in SCHEMATA:
        batch: list[Record] = []
        for record in store.iter_records(schema=schema, source_ref=source_ref):
            batch.append(record)
            if len(batch) >= 2000:
                yield from _full(store, viewer, batch)
                batch = []
        yield from _full(store, viewer, batch)


def _full(store: SQLStore, viewer: Viewer, batch: list[Record]) -> Iterator[dict[str, Any]]:
    for record in only_full(store, batch, viewer):
        yield record.to_dict()


def screen_entries(
    store: SQLStore, viewer: Viewer, queries: Sequence[Entry], watchlist: str = "*",
    threshold: float = 0.8,
) -> Screening:
    if viewer.purpose is None:
        raise InvalidInput("screening must declare a purpose", "purpose")
    if not queries:
        raise InvalidInput("nothing to screen", "queries")
    source = None if watchlist == "*" else watchlist
    index = Watchlist(entries_from_ftm(visible_entities(store, viewer, source), watchlist),
                      name=watchlist)
    screener = Screener(index, threshold=threshold)
    alerts = [a for q in queries for a in screener.match(q)]
    disclose(store, viewer, "screening", [a.watchlist_id for a in alerts], action="screening",
             queries=len(queries), alerts=len(alerts), watchlist=watchlist,
             entries=len(index.entries))
    # another agency targeting a person hit here: both are told whom to call
    check_interest(store, viewer.agency, viewer.user, sorted({a.watchlist_id for a in alerts}),
                   "screen")
    return Screening(watchlist, len(index.entries), alerts)
