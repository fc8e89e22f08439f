"""A server process made ready before it takes its first request, and its start-up heap kept
out of the cycle collector's way.

Why: at a million records the searches' tail was pauses, not queries (benchmarks/RESULTS.md,
issue 17, eleventh pass). Each full collection of the cycle collector walks every object the
process holds (the FtM model, the names' tables, FastAPI's and SQLAlchemy's structures: about
240,000 after start-up) with the interpreter stopped for every thread, the event loop too:
150-400 ms under load, and every search in flight in that process waited for it. The first
search of a process also paid for what is built on first use (the names' transliteration,
the statements' preparation, a connection opened per concurrent request, the grants
snapshot): 228 ms.

`warm` does that work once at start-up without reading any record (a key no record can hold,
names of its own): nothing is disclosed, so nothing is audited. `settle_heap` then moves what
start-up made into the collector's permanent generation (`gc.freeze`), which a full
collection does not walk: such objects are still freed when their last reference goes; only a
reference cycle among them would outlive the process's start, and start-up's objects are the
app itself.

Frozen, the full collections still came every two or three seconds under searches, each
walking what the searches had added since, mostly the names' caches (tuples of parsed parts,
acyclic: 64,000 of the 74,000 objects 1,000 searches left): 24-237 ms each in the traces.
Almost nothing they freed was a cycle (0-48 objects a collection), so `FULL_AFTER` asks for a
full collection only after 1,000 collections of the middle generation instead of CPython's
10; the young collections, which free a request's own cycles, are unchanged.
"""

from __future__ import annotations

import gc

from interlink.access.search import CANDIDATES, Scorer
from interlink.policy import snapshot
from interlink.search.keys import query_keys
from interlink.store import SQLStore

#: names in the scripts a search meets first (Latin, Arabic, Cyrillic): each script's
#: transliteration is built on its first use
NAMES = ("Mohamed Ben Ali", "محمد بن علي", "Мухаммед Бен Али", "Ahmed Al Mansouri Trading")
#: connections opened ahead: as many as the searches a process runs at once under load
CONNECTIONS = 8
#: middle-generation collections between two full ones (CPython's default: 10)
FULL_AFTER = 1_000
#: a key no record holds (keys are a letter, a colon and upper-case text)
_NO_KEY = "warm:"


def warm(store: SQLStore) -> None:
    """Build what a process's first searches and reads would build, reading no record."""
    held = [store.engine.connect() for _ in range(CONNECTIONS)]
    for conn in held:
        conn.close()  # back to the pool, open
    for kind in ("person", "company"):
        for name in NAMES:
            query_keys(name)
            Scorer(name)(list(NAMES), kind)
    store.find_candidates([_NO_KEY], limit=CANDIDATES)
    store.get(_NO_KEY)
    if store.audit_writer is not None:
        snapshot.current(store)


def settle_heap() -> None:
    """Collect start-up's garbage, keep what is left out of every later collection, and make
    full collections rare."""
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_AFTER)
