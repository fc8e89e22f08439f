"""Screening: watchlist index, matching with evidence, batch and online screening, alerts.

- `Watchlist(entries)`: the index (loaders: `load_watchlist("list.csv" | "x.jsonl" |
  "notices.json" | "store:NAME")`);
- `Screener(watchlist).match(query) -> list[Alert]`: online screening of one `Entry`;
- `screen_store(store, watchlist, actor)`: screen a store's records, alerts into the store.
"""

from interlink.screen.entry import Entry
from interlink.screen.index import Watchlist
from interlink.screen.loaders import iter_csv, load_csv, load_entries, load_ftm, load_watchlist
from interlink.screen.screener import DEFAULT_THRESHOLD, Alert, Screener
from interlink.screen.store import screen_store

__all__ = [
    "DEFAULT_THRESHOLD",
    "Alert",
    "Entry",
    "Screener",
    "Watchlist",
    "iter_csv",
    "load_csv",
    "load_entries",
    "load_ftm",
    "load_watchlist",
    "screen_store",
]
