"""Reads while others write, and writes of one id at once: 2xx or a clean 409, never a 500, and
the audit chain verifies afterwards.

Before: the audit writer read the chain's last sequence number in a transaction that did not
yet hold the store's write lock; on SQLite a write committed in between made its insert fail
(and every read waiting on that batch answered 500), and two first writes of one id raced to
the same primary key (500 again)."""

from __future__ import annotations

import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from interlink.audit import chain
from tests.security.conftest import DT, Server

DEADLINE = 60.0  # seconds: the whole exchange is bounded in time as well as in count


def _person(rid: str, name: str) -> dict[str, object]:
    return {"id": rid, "schema": "Person", "properties": {"name": [name]}}


def _write(server: Server, rid: str, name: str, login: str = "ali", batch: int = 1) -> int:
    """Write `rid` (and batch - 1 more records beside it, to hold the write lock longer)."""
    people = [_person(rid, name)] + [_person(f"{rid}-{k}", f"{name} {k}") for k in range(1, batch)]
    r = server.client.post("/api/v1/records", headers=server.headers(login), json={
        "records": people, "terms": {"tlp": "GREEN", "purposes": [DT]}})
    return r.status_code


def test_reads_while_others_write_never_fail(server: Server) -> None:
    for i in range(5):
        assert _write(server, f"ma-r{i}", f"Person {i}") == 201
    start = time.monotonic()

    def reader(i: int) -> int:
        if time.monotonic() - start > DEADLINE:
            return 0
        r = server.client.get(f"/api/v1/records/ma-r{i % 5}", params={"purpose": DT},
                              headers=server.headers("marie" if i % 2 else "ali"))
        return r.status_code

    def writer(i: int) -> int:
        if time.monotonic() - start > DEADLINE:
            return 0
        return _write(server, f"ma-w{i}", f"Writer {i}", batch=200)

    # interleaved: every sixth task a write, so reads are audited while writes hold the lock
    with ThreadPoolExecutor(12) as pool:
        futures = [(i % 6 == 0, pool.submit(writer if i % 6 == 0 else reader, i))
                   for i in range(288)]
        read_codes = Counter(f.result() for w, f in futures if not w)
        write_codes = Counter(f.result() for w, f in futures if w)
    assert set(read_codes) <= {200, 0}, read_codes
    assert read_codes[200] > 0
    assert set(write_codes) <= {201, 0}, write_codes
    with server.store.engine.connect() as conn:
        report = chain.verify(conn)
    assert report.ok, report.problems


def test_concurrent_writes_of_one_id_answer_2xx_or_409(server: Server) -> None:
    def write(i: int) -> int:
        return _write(server, f"ma-same{i // 8}", f"Version {i}")

    with ThreadPoolExecutor(8) as pool:
        codes = Counter(pool.map(write, range(32)))
    assert set(codes) <= {201, 409}, codes
    assert codes[201] >= 4  # each of the four ids was written at least once
    with server.store.engine.connect() as conn:
        report = chain.verify(conn)
    assert report.ok, report.problems
    for k in range(4):
        assert server.store.get(f"ma-same{k}") is not None
