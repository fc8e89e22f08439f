"""API load benchmark: authorised record reads and searches against a server on PostgreSQL.

Builds a store from the demo case (`--entities`, default 1,000,000) with 20 agencies (the demo's
8 and 12 more) and a user each, shares part of each agency's holdings with the others, starts
`interlink serve` on 127.0.0.1, and drives it from a second process with a bounded number of
requests for a bounded time: record reads (each with a declared purpose, through the gate,
audited) and name searches (cross-script, hit/no-hit). Reports requests/s, p50/p99 latency and
errors. Targets on the 2-core machine: 1,000 reads/s with p99 < 50 ms, 200 searches/s with
p99 < 200 ms, no errors.

Server and load generator share the cores, so each phase also reports the CPU time each of them
used (the server's from /proc, summed over `interlink serve` and its worker processes; the load
generator's from this process or, for wrk, its child) and the server's CPU-ms per request: the
figure that does not depend on what else runs on the machine.

    .venv/bin/python benchmarks/api_load.py --entities 1000000 --seconds 30
    .venv/bin/python benchmarks/api_load.py --entities 20000 --seconds 5     # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from interlink.identity import add_user, create_token
from interlink.policy.sharing import make_grant
from interlink.store import Actor

sys.path.insert(0, str(Path(__file__).parent))
from demo_store import ADMIN, EXTRA, extend_loaded_store, load_demo_store  # noqa: E402

PG = os.environ.get("INTERLINK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
DT = "drug_trafficking"


def setup(url: str, entities: int, loaded: bool = False
          ) -> tuple[list[str], dict[str, str], list[str]]:
    if loaded:
        store, codes = extend_loaded_store(url)
    else:
        store, codes = load_demo_store(url, entities, seed=7)
    tokens = {}
    for code in codes:
        login = code.lower().replace("-", ".")
        add_user(store, login, code, "analyst", ADMIN)
        tokens[code] = create_token(store, login, ADMIN)[1]
    # each demo agency shares its holdings wholesale with three others, for drug trafficking
    for i, code in enumerate(c for c in codes if c not in EXTRA):
        for j in (1, 2, 3):
            other = codes[(i + j * 3) % len(codes)]
            make_grant(store, Actor("bench", code), record_id=None,
                       recipient_agency=other, purposes=[DT])
    with store.engine.connect() as conn:
        ids = [r[0] for r in conn.execute(text(
            "SELECT id FROM records WHERE schema = 'Person' ORDER BY id LIMIT 20000"))]
        names = [r[0] for r in conn.execute(text(
            "SELECT caption FROM records WHERE schema = 'Person' AND caption <> '' "
            "ORDER BY id LIMIT 5000"))]
    store.close()
    return ids, tokens, names


def audit_count(engine, action: str) -> int:  # type: ignore[no-untyped-def]
    """Audit entries of one action so far: a phase's count grows by one per request answered
    (a read or search is answered only after its entry is committed)."""
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM audit_log WHERE action = :a"),
                                {"a": action}).scalar_one())


def tree_cpu(root: int) -> float:
    """CPU seconds (user + system) used so far by process `root` and its descendants, from
    /proc: the server's own cost, whatever the load generator beside it takes."""
    tick = os.sysconf("SC_CLK_TCK")
    stats: dict[int, tuple[int, float]] = {}  # pid -> (parent, cpu seconds)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "stat").read_text()
        except OSError:
            continue
        fields = raw[raw.rindex(")") + 2:].split()  # after "pid (comm) "
        stats[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, (parent, _) in stats.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    return sum(stats[pid][1] for pid in tree if pid in stats)


def own_cpu() -> float:
    """CPU seconds of this process and its waited-for children (wrk)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def drive(base: str, requests: list[tuple[str, dict, str]], seconds: float, threads: int,
          timeout: float = 10) -> tuple[int, int, list[float], float]:
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds
    start = time.perf_counter()

    def worker(chunk: list[tuple[str, dict, str]]) -> tuple[list[float], int]:
        out, bad = [], 0
        with httpx.Client(base_url=base, timeout=timeout) as client:
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


WRK_SCRIPT = """
local lines = {}
for line in io.lines(os.getenv("WRK_REQUESTS")) do lines[#lines + 1] = line end
local i = 0
request = function()
  i = (i % #lines) + 1
  local path, token = lines[i]:match("([^ ]+) ([^ ]+)")
  return wrk.format("GET", path, {["Authorization"] = "Bearer " .. token})
end
local bad = 0
response = function(status, headers, body)
  if status >= 500 or status == 401 or status == 403 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("WRK %d %.3f %.3f %d\\n", summary.requests,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, bad))
end
"""


def drive_wrk(base: str, requests: list[tuple[str, dict, str]], seconds: float, threads: int
              ) -> tuple[int, int, float, float, float]:
    """The same requests from wrk (C, on loopback): the load generator then takes a small
    share of the two cores instead of competing with the server for them. wrk's own counter
    of errors is per thread, so the Lua script counts 5xx/401/403 responses itself."""
    from urllib.parse import urlencode

    work = Path("benchmarks/out")
    work.mkdir(parents=True, exist_ok=True)
    (work / "wrk.lua").write_text(WRK_SCRIPT)
    with open(work / "wrk_requests.txt", "w") as f:
        for path, params, token in requests:
            f.write(f"{path}?{urlencode(params)} {token}\n")
    out = subprocess.run(
        ["wrk", "-t2", f"-c{threads}", f"-d{int(seconds)}s", "-s", str(work / "wrk.lua"), base],
        env={**os.environ, "WRK_REQUESTS": str(work / "wrk_requests.txt")},
        capture_output=True, text=True, check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("WRK "))
    n, p50, p99, bad = line.split()[1:]
    return int(n), int(bad), float(p50), float(p99), seconds


def report_wrk(label: str, n: int, errors: int, p50: float, p99: float, elapsed: float,
               cpu: tuple[float, float]) -> None:
    _row(label, n, errors, p50, p99, elapsed, cpu)


def report(label: str, n: int, errors: int, lat: list[float], elapsed: float,
           cpu: tuple[float, float]) -> None:
    lat = sorted(lat)
    p50 = statistics.median(lat) * 1000 if lat else 0
    p99 = lat[int(len(lat) * 0.99) - 1] * 1000 if lat else 0
    _row(label, n, errors, p50, p99, elapsed, cpu)


def _row(label: str, n: int, errors: int, p50: float, p99: float, elapsed: float,
         cpu: tuple[float, float]) -> None:
    server, client = cpu
    per = server * 1000 / n if n else 0
    print(f"| {label} | {n:,} | {elapsed:.1f} | {n / elapsed:,.0f} | {p50:.1f} | {p99:.1f} | "
          f"{errors} | {server:.1f} | {per:.2f} | {client:.1f} |", flush=True)


def measured(server: int, run):  # type: ignore[no-untyped-def]
    """Run one phase; its result with (server CPU s, load generator CPU s) appended."""
    server0, client0 = tree_cpu(server), own_cpu()
    result = run()
    return (*result, (tree_cpu(server) - server0, own_cpu() - client0))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entities", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--timeout", type=float, default=10, help="httpx: seconds a request "
                        "may take before the run fails")
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    parser.add_argument("--phases", choices=["both", "reads", "searches"], default="both",
                        help="run both phases (the default) or one: a search's tail measured "
                        "without the read phase before it")
    parser.add_argument("--client", choices=["wrk", "httpx"],
                        default="wrk" if shutil.which("wrk") else "httpx",
                        help="load generator: wrk (Debian package, default when installed) or "
                        "Python threads with httpx")
    parser.add_argument("--keep", metavar="SCHEMA", help="build the store in this PostgreSQL "
                        "schema and keep it; a later run with the same --keep reuses it")
    parser.add_argument("--loaded", action="store_true", help="with --keep: the schema already "
                        "holds a demo store loaded as a user loads it (`interlink demo --scale "
                        "N`); add the 12 other agencies, users and grants to it instead of "
                        "loading one (the ten-million-record run)")
    args = parser.parse_args()

    schema = args.keep or f"bench_{uuid.uuid4().hex[:8]}"
    engine = create_engine(PG)
    url = f"{PG}?options=-csearch_path%3D{schema}"
    saved = Path(f"benchmarks/out/api_load_{schema}.json")
    reuse = args.keep is not None and saved.exists()
    if args.loaded and not args.keep:
        parser.error("--loaded needs --keep SCHEMA")
    if not reuse and not args.loaded:
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    server = None
    try:
        if reuse:
            ids, tokens, names = json.loads(saved.read_text()).values()
        else:
            ids, tokens, names = setup(url, args.entities, args.loaded)
            if args.keep:
                saved.parent.mkdir(parents=True, exist_ok=True)
                saved.write_text(json.dumps({"ids": ids, "tokens": tokens, "names": names}))
        env = {**os.environ, "INTERLINK_STORE": url}
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "interlink"), "serve", "--port", str(args.port),
             "--workers", str(args.workers)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{args.port}"
        # up to two minutes: on a loaded machine two workers importing the app take a while
        for _ in range(600):
            try:
                httpx.get(f"{base}/openapi.json", timeout=1)
                break
            except httpx.HTTPError:
                if server.poll() is not None:
                    raise SystemExit(
                        f"interlink serve exited with {server.returncode}") from None
                time.sleep(0.2)
        rng = random.Random(1)
        agencies = list(tokens)
        reads = [(f"/api/v1/records/{rng.choice(ids)}", {"purpose": DT},
                  tokens[rng.choice(agencies)]) for _ in range(args.max_requests)]
        searches = [("/api/v1/search", {"q": rng.choice(names), "purpose": DT},
                     tokens[rng.choice(agencies)]) for _ in range(args.max_requests // 5)]
        with engine.connect() as conn:
            held = conn.execute(text(f'SELECT count(*) FROM "{schema}".records')).scalar_one()
        print(f"\nserver on PostgreSQL ({args.workers} processes), {held:,} records in the "
              f"store, 20 agencies, {args.threads} connections from {args.client}, "
              f"{args.seconds:.0f} s per phase")
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print("| phase | requests | seconds | requests/s | p50 (ms) | p99 (ms) | errors "
              "| server CPU (s) | server CPU-ms/request | load generator CPU (s) |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        pid = server.pid
        store_engine = create_engine(url)
        audited = {}
        for label, action, work in (("record reads", "consultation", reads),
                                    ("searches", "search", searches)):
            if args.phases != "both" and not label.endswith(args.phases):
                continue
            before = audit_count(store_engine, action)
            if args.client == "wrk":
                row = measured(pid, lambda w=work: drive_wrk(base, w, args.seconds,
                                                             args.threads))
                report_wrk(label, *row)
            else:
                row = measured(pid, lambda w=work: drive(base, w, args.seconds, args.threads,
                                                         args.timeout))
                report(label, *row)
            audited[label] = (row[0], audit_count(store_engine, action) - before)
        store_engine.dispose()
        for label, (answered, entries) in audited.items():
            print(f"{label}: {answered:,} answered, {entries:,} audit entries written "
                  f"({'every one audited' if entries >= answered else 'MISSING ENTRIES'})")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        if not args.keep:
            with engine.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


if __name__ == "__main__":
    main()
