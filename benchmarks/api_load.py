"""API load benchmark: authorised record reads and searches against a server on PostgreSQL.

Builds a store from the demo case (`--entities`, default 1,000,000) with 20 agencies (the demo's
8 and 12 more) and a user each, shares part of each agency's holdings with the others, starts
`interlink serve` on 127.0.0.1, and drives it from a second process with a bounded number of
requests for a bounded time: record reads (each with a declared purpose, through the gate,
audited) and name searches (cross-script, hit/no-hit). Reports requests/s, p50/p99 latency and
errors. Targets on the 2-core machine: 1,000 reads/s with p99 < 50 ms, 200 searches/s with
p99 < 200 ms, no errors.

    .venv/bin/python benchmarks/api_load.py --entities 1000000 --seconds 30
    .venv/bin/python benchmarks/api_load.py --entities 20000 --seconds 5     # a quick look
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from interlink.core import Agency
from interlink.demo import build_case
from interlink.demo.case import RECORDS_PER_GROUP
from interlink.identity import add_user, create_token
from interlink.policy.sharing import make_grant
from interlink.store import Actor, open_store

PG = os.environ.get("INTERLINK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
DT = "drug_trafficking"
EXTRA = ["BE-PJF", "DE-BKA", "IT-DCSA", "PT-PJ", "GB-NCA", "US-DEA", "BR-PF", "PA-SENAN",
         "GH-NACOB", "TN-DGSN", "LB-ISF", "JO-PSD"]


def setup(url: str, entities: int) -> tuple[list[str], dict[str, str], list[str]]:
    store = open_store(url, create=True)
    admin = Actor("bench")
    case = build_case(scale=max(1, round(entities / RECORDS_PER_GROUP)), seed=7)
    for agency in case.agencies:
        store.add_agency(agency, admin)
    for code in EXTRA:
        store.add_agency(Agency.create(code, code[:2], name=code), admin)
    codes = [a.code for a in case.agencies] + EXTRA
    t = time.perf_counter()
    result = store.write(case.iter_records(), admin, "benchmark load")
    print(f"loaded {result.created:,} records in {time.perf_counter() - t:.0f} s", flush=True)
    tokens = {}
    for code in codes:
        login = code.lower().replace("-", ".")
        add_user(store, login, code, "analyst", admin)
        tokens[code] = create_token(store, login, admin)[1]
    # each demo agency shares its holdings wholesale with three others, for drug trafficking
    for i, agency in enumerate(case.agencies):
        for j in (1, 2, 3):
            other = codes[(i + j * 3) % len(codes)]
            make_grant(store, Actor("bench", agency.code), record_id=None,
                       recipient_agency=other, purposes=[DT])
    with store.engine.connect() as conn:
        ids = [r[0] for r in conn.execute(text(
            "SELECT id FROM records WHERE schema = 'Person' ORDER BY id LIMIT 20000"))]
        names = [r[0] for r in conn.execute(text(
            "SELECT caption FROM records WHERE schema = 'Person' AND caption <> '' "
            "ORDER BY id LIMIT 5000"))]
    store.close()
    return ids, tokens, names


def drive(base: str, requests: list[tuple[str, dict, str]], seconds: float, threads: int
          ) -> tuple[int, int, list[float], float]:
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds
    start = time.perf_counter()

    def worker(chunk: list[tuple[str, dict, str]]) -> tuple[list[float], int]:
        out, bad = [], 0
        with httpx.Client(base_url=base, timeout=10) as client:
            for path, params, token in chunk:
                if time.perf_counter() > stop:
                    break
                t = time.perf_counter()
                r = client.get(path, params=params, headers={"Authorization": f"Bearer {token}"})
                out.append(time.perf_counter() - t)
                if r.status_code >= 500 or r.status_code in (401, 403):
                    bad += 1
        return out, bad

    chunks = [requests[i::threads] for i in range(threads)]
    with ThreadPoolExecutor(threads) as pool:
        for out, bad in pool.map(worker, chunks):
            latencies += out
            errors += bad
    elapsed = time.perf_counter() - start
    return len(latencies), errors, latencies, elapsed


def report(label: str, n: int, errors: int, lat: list[float], elapsed: float) -> None:
    lat = sorted(lat)
    p50 = statistics.median(lat) * 1000 if lat else 0
    p99 = lat[int(len(lat) * 0.99) - 1] * 1000 if lat else 0
    print(f"| {label} | {n:,} | {elapsed:.1f} | {n / elapsed:,.0f} | {p50:.1f} | {p99:.1f} | "
          f"{errors} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entities", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    args = parser.parse_args()

    schema = f"bench_{uuid.uuid4().hex[:8]}"
    engine = create_engine(PG)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{PG}?options=-csearch_path%3D{schema}"
    server = None
    try:
        ids, tokens, names = setup(url, args.entities)
        env = {**os.environ, "INTERLINK_STORE": url}
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "interlink"), "serve", "--port", str(args.port),
             "--workers", str(args.workers)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{args.port}"
        for _ in range(100):
            try:
                httpx.get(f"{base}/openapi.json", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        rng = random.Random(1)
        agencies = list(tokens)
        reads = [(f"/api/v1/records/{rng.choice(ids)}", {"purpose": DT},
                  tokens[rng.choice(agencies)]) for _ in range(args.max_requests)]
        searches = [("/api/v1/search", {"q": rng.choice(names), "purpose": DT},
                     tokens[rng.choice(agencies)]) for _ in range(args.max_requests // 5)]
        print(f"\nserver on PostgreSQL ({args.workers} processes), {args.entities:,} entities "
              f"asked, 20 agencies, {args.threads} client threads, {args.seconds:.0f} s per phase")
        print("| phase | requests | seconds | requests/s | p50 (ms) | p99 (ms) | errors |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        report("record reads", *drive(base, reads, args.seconds, args.threads))
        report("searches", *drive(base, searches, args.seconds, args.threads))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


if __name__ == "__main__":
    main()
