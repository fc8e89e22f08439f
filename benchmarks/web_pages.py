"""Web interface benchmark: server-side time per page at p95 on the demo case.

Builds a SQLite store from the demo case at `--scale` (794 is about 1,000,000 records) with the
demo logins, FR-OFAST sharing all its records with MA-DGSN for drug trafficking (so the analyst's
graph and searches cross agencies), and candidate matches for the review page when
`--resolve` is given. Then, in-process through the ASGI app (what `interlink serve` runs, no
network in the figure), an analyst and a supervisor of MA-DGSN sign in and request each page
`--repeat` times with varied inputs: the home page, searches of person names (Arabic and Latin
script), entity pages (own records, shared ones, hits), the link chart page and its data, the
network analysis, screening, review, sharing and audit pages. The viewer's graph is built in
the background after a change in the store (pages answer without it meanwhile); the first
requests, the build and the first analysis are reported apart as "cold": every later request is
served from the graph cache until the store changes. Target: p95 under 300 ms per page.

    .venv/bin/python benchmarks/web_pages.py --scale 794 --repeat 40
    .venv/bin/python benchmarks/web_pages.py --scale 5 --repeat 20     # a quick look
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from pathlib import Path

from fastapi.testclient import TestClient

from interlink.access import graph as graphs
from interlink.core.viewer import Viewer
from interlink.demo import build_case
from interlink.demo.users import add_demo_users, demo_login, demo_password
from interlink.policy.sharing import make_grant
from interlink.server import create_app
from interlink.store import Actor, open_store

DT = "drug_trafficking"
ADMIN = Actor("bench", None)


def build(path: Path, scale: int, resolve: bool) -> None:
    store = open_store(str(path), create=True)
    case = build_case(scale=scale, seed=42)
    for agency in case.agencies:
        store.add_agency(agency, ADMIN)
    t = time.perf_counter()
    result = store.write(case.iter_records(), ADMIN, "benchmark load")
    print(f"loaded {result.created:,} records in {time.perf_counter() - t:.0f} s", flush=True)
    add_demo_users(store, list(case.agencies), ADMIN)
    make_grant(store, Actor("bench", "FR-OFAST"), record_id=None, recipient_agency="MA-DGSN",
               purposes=[DT], reason="benchmark")
    if resolve:
        from interlink.resolve.run import resolve_store

        t = time.perf_counter()
        found = resolve_store(store, ADMIN)
        print(f"resolved: {len(found):,} candidates in {time.perf_counter() - t:.0f} s",
              flush=True)
    store.close()


def sign_in(app, agency: str, role: str) -> TestClient:  # type: ignore[no-untyped-def]
    client = TestClient(app)
    r = client.post("/login", data={"login": demo_login(agency, role),
                                    "password": demo_password(agency, role), "purpose": DT},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    return client


def timed(client: TestClient, url: str, expect: tuple[int, ...] = (200,)) -> float:
    t = time.perf_counter()
    r = client.get(url)
    elapsed = (time.perf_counter() - t) * 1000
    if r.status_code not in expect:
        raise SystemExit(f"{url}: HTTP {r.status_code} {r.text[:300]}")
    return elapsed


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/interlink-web-bench"))
    parser.add_argument("--resolve", action="store_true", help="compute candidate matches")
    parser.add_argument("--reuse", action="store_true", help="reuse a store already built")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    path = args.workdir / f"web-{args.scale}.db"
    if not (args.reuse and path.exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        build(path, args.scale, args.resolve)
    store = open_store(str(path))
    app = create_app(store)
    analyst, supervisor = sign_in(app, "MA-DGSN", "analyst"), sign_in(app, "MA-DGSN",
                                                                      "supervisor")
    rng = random.Random(7)
    persons = {o: [r for r in _sample(store, o, 400)] for o in ("MA-DGSN", "FR-OFAST",
                                                                 "ES-DAVA")}
    names = [r.entity.caption for o in persons.values() for r in o if r.entity.caption]
    entity_ids = [r.id for o in persons.values() for r in o]
    cold: dict[str, float] = {}
    t = time.perf_counter()
    # the first page after a change answers within the wait, without the graph ...
    cold["first entity page (without links if the graph is not ready)"] = timed(
        analyst, f"/entity/{entity_ids[0]}")
    cold["first network page (202 if the graph is not ready)"] = timed(
        analyst, "/network", (202, 200))
    # ... while the graph is built in the background
    t0 = time.perf_counter()
    graphs.graph_for(store, Viewer(demo_login("MA-DGSN", "analyst"), "MA-DGSN", DT),
                     wait=None)
    cold["graph build in the background (until ready)"] = (time.perf_counter() - t0) * 1000
    cold["network analysis once the graph is ready (key actors, cells)"] = timed(
        analyst, "/network")
    cold["chart page (first)"] = timed(analyst, "/chart")
    print(f"warm-up {time.perf_counter() - t:.1f} s", flush=True)
    pages = {
        "home": lambda: timed(analyst, "/"),
        "search": lambda: timed(analyst, f"/search?q={rng.choice(names)}"),
        # a record the analyst may not know of (TLP:RED) answers 404, like an absent one
        "entity": lambda: timed(analyst, f"/entity/{rng.choice(entity_ids)}", (200, 404)),
        "chart page": lambda: timed(analyst, f"/chart?ids={rng.choice(entity_ids[:400])}"),
        "chart data (depth 2)": lambda: timed(
            analyst, f"/chart/data?ids={rng.choice(entity_ids[:400])}&depth=2"),
        "network analysis": lambda: timed(analyst, "/network"),
        "screening": lambda: timed(analyst, "/screen"),
        "review": lambda: timed(analyst, "/review"),
        "sharing": lambda: timed(analyst, "/sharing"),
        "audit (supervisor)": lambda: timed(supervisor, "/audit"),
    }
    print("\n| page | requests | p50 (ms) | p95 (ms) | max (ms) | target p95 |", flush=True)
    print("|---|---:|---:|---:|---:|---|")
    for name, fetch in pages.items():
        times = [fetch() for _ in range(args.repeat)]
        flag = "met" if p95(times) < 300 else "missed"
        print(f"| {name} | {len(times)} | {statistics.median(times):.1f} | {p95(times):.1f} | "
              f"{max(times):.1f} | 300 ms: {flag} |", flush=True)
    print("\n| cold request | ms |\n|---|---:|")
    for name, ms in cold.items():
        print(f"| {name} | {ms:.0f} |")
    print(f"\nrecords: {store.count():,}; cpu count {os.cpu_count()}")
    store.close()


def _sample(store, owner: str, n: int) -> list:  # type: ignore[no-untyped-def]
    out = []
    for record in store.iter_records(schema="Person", owner=owner):
        out.append(record)
        if len(out) >= n:
            break
    return out


if __name__ == "__main__":
    main()
