"""Ingest benchmark: the demo case at N entities into SQLite and into PostgreSQL.

Runs the real command line (`interlink demo --output`, then `interlink ingest` per agency file)
as a user would, and reports entities/s and the peak memory of each ingest process, so that
"streamed, not loaded whole" is measured too. Targets on the 2-core machine: 20,000 entities/s
into SQLite, 10,000/s into PostgreSQL.

The machine is shared, so wall time alone says little: each figure comes with the CPU time of
the ingest processes (their worker processes included, from `wait4`) and the load average
before and after, and "CPU entities/s" (entities per CPU second) is the figure that another
benchmark running beside this one does not move.

    .venv/bin/python benchmarks/ingest.py --entities 1000000
    .venv/bin/python benchmarks/ingest.py --entities 20000 --backends sqlite   # a quick look
    .venv/bin/python benchmarks/ingest.py --entities 100000 --workdir /tmp/b --reuse  # same data
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import create_engine, text

BIN = Path(sys.executable).parent / "interlink"
DEFAULT_PG = os.environ.get(
    "INTERLINK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


class Run(NamedTuple):
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and the workers it waited for
    peak: int  # MiB, the largest resident set of the process or one of its workers


def run(args: list[str], env: dict[str, str]) -> Run:
    """Run a command; return its wall time, CPU time and peak RSS."""
    start = time.perf_counter()
    proc = subprocess.Popen([str(BIN), *args], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read()  # type: ignore[union-attr]
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: interlink {' '.join(args)}\n{err.decode()}")
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024)


#: re-ingests of the first agency's unchanged file after the loads (the median is reported)
REINGESTS = 3


def loadavg() -> str:
    """The 1-minute load average (the machine has 2 cores shared with others)."""
    return Path("/proc/loadavg").read_text().split()[0]


def base_size() -> int:
    """Records per unit of --scale, on average (scale 1 alone is a little above it)."""
    from interlink.demo.case import RECORDS_PER_GROUP

    return RECORDS_PER_GROUP


def pg_schema(base: str) -> tuple[str, str]:
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    return schema, f"{base}?options=-csearch_path%3D{schema}&application_name={schema}"


class ServerCPU:
    """CPU time of the PostgreSQL backends serving one run (their application_name is the
    run's schema), sampled from /proc every `every` seconds while the run lasts: the server's
    share of an ingest, which the client's `wait4` figure leaves out. A backend's last
    fraction of a second before it exits is missed (at most `every` s each); the sampling
    connection's own backend is not counted. Needs the server on this machine."""

    def __init__(self, base: str, name: str, every: float = 0.2) -> None:
        # autocommit: inside one transaction pg_stat_activity is one snapshot, never updated
        self.engine = create_engine(base, isolation_level="AUTOCOMMIT")
        self.name, self.every = name, every
        self.seen: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _poll(self) -> None:
        tick = os.sysconf("SC_CLK_TCK")
        with self.engine.connect() as conn:
            while not self._stop.wait(self.every):
                pids = conn.execute(text("SELECT pid FROM pg_stat_activity"
                                         " WHERE application_name = :n"),
                                    {"n": self.name}).scalars().all()
                for pid in pids:
                    try:
                        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                    except OSError:
                        continue
                    self.seen[pid] = (int(stat[11]) + int(stat[12])) / tick

    def total(self) -> float:
        """The CPU seconds seen so far, every backend's latest figure summed."""
        return sum(self.seen.values())

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        self.engine.dispose()
        return self.total()


def drop_schema(base: str, schema: str) -> None:
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entities", type=int, default=1_000_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--pg-url", default=DEFAULT_PG)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--reuse", action="store_true",
                        help="keep the demo files already in --workdir (same scale and seed)")
    args = parser.parse_args()

    work = args.workdir or Path(tempfile.mkdtemp(prefix="interlink-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ}
    scale = max(1, math.ceil(args.entities / base_size()))
    data = work / f"case-{scale}-{args.seed}"
    gen_s, gen_mb = 0.0, 0
    if not (args.reuse and (data / "agencies.json").exists()):
        shutil.rmtree(data, ignore_errors=True)
        gen_s, _, gen_mb = run(["demo", "--scale", str(scale), "--seed", str(args.seed),
                                "--output", str(data)], env)
    agencies = json.loads((data / "agencies.json").read_text("utf-8"))
    files = {a["code"]: data / f"{a['code']}.jsonl" for a in agencies}
    total = sum(sum(1 for _ in f.open("rb")) for f in files.values() if f.exists())
    size_mb = sum(f.stat().st_size for f in files.values() if f.exists()) / 2**20
    print(f"demo scale {scale}: {total:,} entities in {len(files)} agency files "
          f"({size_mb:,.0f} MiB), generated in {gen_s:.1f} s, peak {gen_mb} MiB")

    results = []
    for backend in args.backends.split(","):
        schema = None
        if backend == "sqlite":
            db = work / "bench.db"
            for p in work.glob("bench.db*"):
                p.unlink()
            store = str(db)
        else:
            schema, store = pg_schema(args.pg_url)
        env["INTERLINK_STORE"] = store
        server = ServerCPU(args.pg_url, schema) if schema else None
        try:
            run(["init"], env)
            for a in agencies:
                run(["agency", "add", a["code"], "--name", a["names"].get("en", a["code"]),
                     "--country", a["country"]], env)
            seconds, cpu, peak = 0.0, 0.0, 0
            walls: dict[str, float] = {}
            cpus: dict[str, float] = {}
            servers: dict[str, float] = {}  # PostgreSQL: the server's CPU, per file
            load_before = loadavg()
            for code, path in files.items():
                if not path.exists():
                    continue
                before = server.total() if server else 0.0
                done = run(["ingest", str(path), "--agency", code, "--json"], env)
                if server:
                    time.sleep(2 * server.every)  # its last sample of the backends
                    servers[code] = server.total() - before
                print(f"{backend}: {code} ingested in {done.wall:.1f} s ({done.cpu:.1f} s CPU"
                      + (f", server {servers[code]:.1f} s" if server else "")
                      + f"), peak {done.peak} MiB, load {loadavg()}", flush=True)
                seconds += done.wall
                walls[code] = done.wall
                cpus[code] = done.cpu
                cpu += done.cpu
                peak = max(peak, done.peak)
            load_after = loadavg()
            first = next(iter(files))
            # the re-ingest of an unchanged file, REINGESTS times: its figure is the median
            # run's (a run of a couple of seconds moves with what else the machine does)
            agains: list[tuple[Run, float]] = []
            for _ in range(REINGESTS):
                before = server.total() if server else 0.0
                done = run(["ingest", str(files[first]), "--agency", first, "--json"], env)
                if server:
                    time.sleep(2 * server.every)
                agains.append((done, server.total() - before if server else 0.0))
                print(f"{backend}: re-ingest of {first}'s file {done.wall:.2f} s "
                      f"({done.cpu:.2f} s CPU), load {loadavg()}", flush=True)
            again, again_server = sorted(agains, key=lambda a: a[0].wall)[REINGESTS // 2]
            if server:
                print(f"{backend}: server CPU {sum(servers.values()):.1f} s for the first "
                      f"loads ({total / sum(servers.values()):,.0f} entities per server "
                      f"CPU second); {first}'s file: first ingest {servers[first]:.1f} s, "
                      f"re-ingest {again_server:.1f} s; client + server: first "
                      f"{cpus[first] + servers[first]:.1f} s, re-ingest "
                      f"{again.cpu + again_server:.1f} s CPU")
            verify = run(["audit", "verify"], env)
            print(f"{backend}: re-ingesting {first}'s file (nothing new) took "
                  f"{again.wall:.2f} s ({again.cpu:.2f} s CPU; median of {REINGESTS}), "
                  f"its first ingest "
                  f"{walls[first]:.1f} s ({cpus[first]:.1f} s CPU): "
                  f"{walls[first] / again.wall:.1f}x faster "
                  f"({cpus[first] / again.cpu:.1f}x in CPU time)")
        finally:
            if server:
                server.stop()
            if schema:
                drop_schema(args.pg_url, schema)
        rate = total / seconds
        results.append((backend, total, seconds, rate, cpu, total / cpu, peak, verify.wall,
                        again.wall, f"{load_before}/{load_after}"))
        print(f"{backend}: {total:,} entities in {seconds:.1f} s = {rate:,.0f} entities/s "
              f"({cpu:.1f} s CPU = {total / cpu:,.0f} entities per CPU second), "
              f"peak RSS {peak} MiB per ingest process; audit verify {verify.wall:.1f} s; "
              f"load {load_before} before, {load_after} after")

    print()
    print(f"Machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; date {time.strftime('%Y-%m-%d')}")
    print("| backend | entities | seconds | entities/s | CPU s | entities/CPU s | peak RSS (MiB) "
          "| audit verify (s) | re-ingest (s) | load before/after |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for backend, n, s, rate, cpu, cpu_rate, peak, verify_s, again_s, load in results:
        print(f"| {backend} | {n:,} | {s:.1f} | {rate:,.0f} | {cpu:.1f} | {cpu_rate:,.0f} "
              f"| {peak} | {verify_s:.1f} | {again_s:.1f} | {load} |")


if __name__ == "__main__":
    main()
