"""How much of a SQLite bulk insert could run beside the writing process's Python (issue 17).

Python's sqlite3 releases the GIL around each `sqlite3_step`, so an `executemany` on a thread
could overlap the Python preparing the next batch. This measures the bound and the catch, on
records-shaped rows (40-hex ids, ~600 B of JSON, three search keys a record) in sorted
5,000-record batches, into a WAL database with the store's 16 KiB pages and bulk cache:

- `split`: executemany's CPU with a statement whose step does nothing (`... WHERE 0`: binding
  and the module's per-row work, GIL held) against the real insert (+ the B-tree work);
- `serial` / `thread`: prepare then insert, against inserting on one thread behind a queue of
  one batch while the main thread prepares the next;
- `spin`: the inserts on a thread while the main thread runs Python without pause: how long
  the inserts take when each row's step must win the GIL back (one hand-off a row).

Usage: python benchmarks/sqlite_gil.py split|serial|thread|spin [--batches 30] [--prefill 40]
       [--switch 0.005]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import queue
import random
import resource
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

Batch = tuple[list[tuple[object, ...]], list[tuple[str, str]]]
ROWS = "INSERT INTO r VALUES (?,?,?,?,?,?,?,?)"
KEYS = "INSERT INTO k VALUES (?,?)"


def connect(path: Path) -> sqlite3.Connection:
    """A database shaped like the store's records and keys tables, with its bulk pragmas."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA page_size=16384")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE r (id TEXT PRIMARY KEY, schema TEXT, owner TEXT, version INT,"
                 " checksum TEXT, caption TEXT, props TEXT, at TEXT)")
    conn.execute("CREATE TABLE k (key TEXT, rid TEXT, PRIMARY KEY (key, rid)) WITHOUT ROWID")
    conn.execute("PRAGMA cache_size=-65536")
    return conn


def prepare(rnd: random.Random, n: int = 5000) -> Batch:
    """A batch's rows as the writer builds them: JSON, checksum, tuples, keys, sorted."""
    rows: list[tuple[object, ...]] = []
    keys: list[tuple[str, str]] = []
    for i in range(n):
        rid = f"{rnd.getrandbits(160):040x}"
        props = json.dumps({"name": [f"Person {rid[:8]}"], "birthDate": ["1970-01-01"],
                            "nationality": ["fr", "ma"], "address": [f"{i} rue de la Paix"],
                            "idNumber": [rid[:12]], "notes": ["x" * 300]}, sort_keys=True)
        checksum = hashlib.sha1(f"Person\x1f{props}".encode()).hexdigest()
        rows.append((rid, "Person", "MA-DGSN", 1, checksum, f"Person {rid[:8]}", props,
                     "2026-12-07 00:00:00"))
        keys.extend((f"nm:{rid[j:j + 6]}", rid) for j in (0, 6, 12))
    rows.sort()
    keys.sort()
    return rows, keys


def insert(conn: sqlite3.Connection, batch: Batch, rows: str = ROWS, keys: str = KEYS) -> None:
    conn.executemany(rows, batch[0])
    conn.executemany(keys, batch[1])


def split(conn: sqlite3.Connection, batches: list[Batch]) -> str:
    """The GIL-held share of executemany: the same rows through a step that writes nothing."""
    out = []
    for sql in (("INSERT INTO r SELECT ?,?,?,?,?,?,?,? WHERE 0", "INSERT INTO k SELECT ?,? "
                 "WHERE 0"), (ROWS, KEYS)):
        conn.execute("BEGIN IMMEDIATE")
        start = time.thread_time()
        for batch in batches:
            insert(conn, batch, *sql)
        out.append(time.thread_time() - start)
        conn.execute("ROLLBACK")
    return (f"no-op step {out[0]:.2f} s CPU, real insert {out[1]:.2f} s CPU: GIL released at "
            f"most {1 - out[0] / out[1]:.0%}")


def serial(conn: sqlite3.Connection, rnd: random.Random, n: int) -> str:
    prep = write = 0.0
    for _ in range(n):
        start = time.thread_time()
        batch = prepare(rnd)
        prep += time.thread_time() - start
        start = time.thread_time()
        insert(conn, batch)
        write += time.thread_time() - start
    return f"prepare {prep:.2f} s CPU, insert {write:.2f} s CPU"


def threaded(conn: sqlite3.Connection, rnd: random.Random, n: int) -> str:
    """Inserts on a thread owning the connection, a queue of one batch, errors handed back."""
    todo: queue.Queue[Batch | None] = queue.Queue(maxsize=1)
    errors: list[BaseException] = []
    used = [0.0]

    def run() -> None:
        start = time.thread_time()
        while (batch := todo.get()) is not None:
            try:
                insert(conn, batch)
            except BaseException as exc:  # noqa: BLE001 - handed to the main thread
                errors.append(exc)
                break
        used[0] = time.thread_time() - start

    worker = threading.Thread(target=run)
    worker.start()
    start = time.thread_time()
    for _ in range(n):
        todo.put(prepare(rnd))
    main = time.thread_time() - start
    todo.put(None)
    worker.join()
    if errors:
        raise errors[0]
    return f"main thread {main:.2f} s CPU, insert thread {used[0]:.2f} s CPU"


def spin(conn: sqlite3.Connection, batches: list[Batch]) -> str:
    """The inserts on a thread while the main thread never waits: the GIL hand-off's cost."""
    done = threading.Event()
    used = [0.0, 0.0]

    def run() -> None:
        start = time.thread_time()
        for batch in batches:
            insert(conn, batch)
        used[0] = time.thread_time() - start
        done.set()

    worker = threading.Thread(target=run)
    start, wall = time.thread_time(), time.perf_counter()
    worker.start()
    while not done.is_set():
        pass
    worker.join()
    wall = time.perf_counter() - wall
    return (f"insert thread {used[0]:.2f} s CPU in {wall:.2f} s wall, spinning main thread "
            f"{time.thread_time() - start:.2f} s CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("split", "serial", "thread", "spin"))
    parser.add_argument("--batches", type=int, default=30)
    parser.add_argument("--prefill", type=int, default=40, help="batches already stored")
    parser.add_argument("--switch", type=float, default=0.005,
                        help="sys.setswitchinterval, s (Python's default 0.005)")
    args = parser.parse_args()
    sys.setswitchinterval(args.switch)
    rnd = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        conn = connect(Path(tmp) / "g.db")
        conn.execute("BEGIN")
        for _ in range(args.prefill):
            insert(conn, prepare(rnd))
        conn.execute("COMMIT")
        ready = [prepare(rnd) for _ in range(args.batches)] if args.mode in ("split",
                                                                            "spin") else []
        before, wall = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        if args.mode == "split":
            conn.execute("ROLLBACK")
            detail = split(conn, ready)
        elif args.mode == "spin":
            detail = spin(conn, ready)
        else:
            detail = (serial if args.mode == "serial" else threaded)(conn, rnd, args.batches)
        if conn.in_transaction:
            conn.execute("COMMIT")
        after = resource.getrusage(resource.RUSAGE_SELF)
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        print(f"{args.mode}: wall {time.perf_counter() - wall:.2f} s, CPU {cpu:.2f} s; {detail};"
              f" load {os.getloadavg()[0]:.1f}")
        conn.close()


if __name__ == "__main__":
    main()
