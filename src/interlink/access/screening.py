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
from interlink.access.graph import clusters_seen
from interlink.access.records import only_full
from interlink.cooperation.deconfliction import check_interest
from interlink.core.messages import invalid
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
    """What a screening found: one alert per query and resolved entity (the best-scoring of
    its records), with the entity's other matching records in `members`."""

    watchlist: str
    entries: int
    alerts: list[Alert] = field(default_factory=list)
    members: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def members_of(self, alert: Alert) -> list[str]:
        """Every record of the alert's entity that matched the query (the alert's first)."""
        return self.members.get((alert.query_id, alert.watchlist_id), [alert.watchlist_id])


def per_entity(alerts: list[Alert], clusters: dict[str, str]
               ) -> tuple[list[Alert], dict[tuple[str, str], list[str]]]:
    """One alert per (query, resolved entity): five agencies' records of one man are one
    alert to decide, not five."""
    best: dict[tuple[str, str], Alert] = {}
    seen: dict[tuple[str, str], list[str]] = {}
    for alert in alerts:
        key = (alert.query_id, clusters.get(alert.watchlist_id, alert.watchlist_id))
        seen.setdefault(key, []).append(alert.watchlist_id)
        if key not in best or alert.score > best[key].score:
            best[key] = alert
    grouped = sorted(best.values(), key=lambda a: (a.query_id, -a.score, a.watchlist_id))
    members = {(a.query_id, a.watchlist_id): [a.watchlist_id] + sorted(
        set(seen[(a.query_id, clusters.get(a.watchlist_id, a.watchlist_id))])
        - {a.watchlist_id}) for a in grouped}
    return grouped, members


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
        raise invalid("access.purpose_screening", "purpose")
    if not queries:
        raise invalid("access.nothing_to_screen", "queries")
    source = None if watchlist == "*" else watchlist
    index = Watchlist(entries_from_ftm(visible_entities(store, viewer, source), watchlist),
                      name=watchlist)
    screener = Screener(index, threshold=threshold)
    found = [a for q in queries for a in screener.match(q)]
    alerts, members = per_entity(found, clusters_seen(store, viewer) if found else {})
    disclose(store, viewer, "screening", [a.watchlist_id for a in found], action="screening",
             queries=len(queries), alerts=len(alerts), watchlist=watchlist,
             entries=len(index.entries))
    # another agency targeting a person hit here: both are told whom to call
    check_interest(store, viewer.agency, viewer.user, sorted({a.watchlist_id for a in found}),
                   "screen")
    return Screening(watchlist, len(index.entries), alerts, members)
