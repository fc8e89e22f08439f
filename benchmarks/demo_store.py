"""The store the server and notice benchmarks start from: the demo case grown to a size, held
by its 8 agencies and 12 more (20 in all, as the issues' load targets say)."""

from __future__ import annotations

import time

from interlink.core import Agency
from interlink.demo import build_case
from interlink.demo.case import RECORDS_PER_GROUP
from interlink.store import Actor, SQLStore, open_store

ADMIN = Actor("bench")
EXTRA = ["BE-PJF", "DE-BKA", "IT-DCSA", "PT-PJ", "GB-NCA", "US-DEA", "BR-PF", "PA-SENAN",
         "GH-NACOB", "TN-DGSN", "LB-ISF", "JO-PSD"]


def load_demo_store(url: str, records: int, seed: int) -> tuple[SQLStore, list[str]]:
    """Create the store at `url` with about `records` demo records; the 20 agency codes."""
    store = open_store(url, create=True)
    case = build_case(scale=max(1, round(records / RECORDS_PER_GROUP)), seed=seed)
    for agency in case.agencies:
        store.add_agency(agency, ADMIN)
    for code in EXTRA:
        store.add_agency(Agency.create(code, code[:2], name=code), ADMIN)
    t = time.perf_counter()
    result = store.write(case.iter_records(), ADMIN, "benchmark load")
    print(f"loaded {result.created:,} demo records in {time.perf_counter() - t:.0f} s",
          flush=True)
    return store, [a.code for a in case.agencies] + EXTRA


def extend_loaded_store(url: str) -> tuple[SQLStore, list[str]]:
    """A store the demo case was already loaded into (`interlink demo --scale N`, as a user
    loads it): the 12 other agencies are added; the 20 agency codes, the demo's 8 first."""
    store = open_store(url)
    known = {a.code for a in store.list_agencies()}
    demo = [a.code for a in build_case().agencies]
    missing = [c for c in demo if c not in known]
    if missing:
        raise SystemExit(f"{url}: not a demo store (no agency {', '.join(missing)})")
    for code in EXTRA:
        if code not in known:
            store.add_agency(Agency.create(code, code[:2], name=code), ADMIN)
    return store, demo + EXTRA
