"""Reads while others write, and writes of one id at once: 2xx or a clean 409, never a 500, and
the audit chain verifies afterwards.

Before: the audit writer read the chain's last sequence number in a transaction that did not
yet hold the store's write lock; on SQLite a write committed in between made its insert fail
(and every read waiting on that batch answered 500), and two first writes of one id raced to
the same primary key (500 again)."""

from __future__ import annotations

import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest

from interlink.audit import chain
from interlink.store import sql
from tests.security.conftest import DT, Server, World

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


@contextmanager
def _write_lock_held(world: World) -> Iterator[None]:
    """SQLite's write lock held by another process's writer, as a long ingest holds it from
    its first batch to its commit."""
    other = sqlite3.connect(world.store.engine.url.database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give up on a held lock after 0.3 s instead of 10 (before the store opens a connection)."""
    monkeypatch.setattr(sql, "SQLITE_BUSY_MS", 300)


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_reads_behind_a_long_write_say_try_again_not_500(short_busy_timeout: None,
                                                         world: World) -> None:
    """Before: a read whose audit entry waited past the busy timeout behind an ingest answered
    500 (sqlite3's "database is locked"), on the API and the pages alike."""
    headers = world.as_("ali")
    browser = world.browser("ali")  # signed in before the lock is taken (signing in writes)
    read = {"params": {"purpose": DT}, "headers": headers}
    with _write_lock_held(world):
        api = world.api.get("/api/v1/records/ma-p1", **read)  # api.fast's read
        assert api.status_code == 503, api.text
        assert api.headers["Retry-After"] == "5"
        assert api.json()["code"] == "store.busy"
        fr = world.api.get("/api/v1/records/ma-p1", params={"purpose": DT},
                           headers={**headers, "Accept-Language": "fr"})
        assert fr.status_code == 503 and "réessayez" in fr.json()["detail"]
        search = world.api.get("/api/v1/search", params={"q": "Mohamed Amra", "purpose": DT},
                               headers=headers)
        assert search.status_code == 503, search.text
        write = world.write("ali", {"id": "ma-p9", "schema": "Person",
                                    "properties": {"name": ["Karim Benali"]}})
        assert write.status_code == 503, write.text
        page = browser.get("/entity/ma-p1")
        assert page.status_code == 503 and page.headers["Retry-After"] == "5"
        assert "try again in a moment" in page.text
    assert world.api.get("/api/v1/records/ma-p1", **read).status_code == 200
    with world.store.engine.connect() as conn:
        report = chain.verify(conn)
    assert report.ok, report.problems
