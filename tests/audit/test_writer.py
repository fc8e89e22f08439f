"""The group-commit writer: many concurrent readers, one chain that verifies, nothing lost, and
a failed commit reported to every reader waiting on it."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from interlink.audit import chain
from interlink.audit.chain import Pending
from interlink.audit.table import audit_log
from interlink.audit.writer import AuditWriter


def test_concurrent_entries_all_land_in_one_valid_chain(store) -> None:  # type: ignore[no-untyped-def]
    store.start_audit_writer()
    with ThreadPoolExecutor(16) as pool:
        entries = list(pool.map(
            lambda i: store.audit("consultation", f"user{i % 5}", agency="MA-DGSN",
                                  purpose="drug_trafficking", subjects=[f"r{i}"]),
            range(300)))
    assert len({e.seq for e in entries}) == 300
    with store.engine.connect() as conn:
        assert chain.verify(conn).ok
        logged = conn.execute(select(func.count()).select_from(audit_log)
                              .where(audit_log.c.action == "consultation")).scalar()
        subjects = {e.subjects[0] for e in chain.entries(conn, action="consultation")}
    assert logged == 300
    assert subjects == {f"r{i}" for i in range(300)}


def test_a_failed_commit_reaches_the_waiting_reader(store) -> None:  # type: ignore[no-untyped-def]
    writer = AuditWriter(store.engine)
    try:
        with pytest.raises(TypeError):  # a value JSON cannot hold: the batch cannot commit
            writer.append("consultation", "u", details={"bad": object()})
        assert writer.append("consultation", "u", subjects=["ok"]).subjects == ["ok"]
    finally:
        writer.close()
    with store.engine.connect() as conn:
        assert chain.verify(conn).ok


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)  # the held connection
def test_a_lost_connection_fails_its_batch_and_the_next_one_reconnects(  # type: ignore[no-untyped-def]
        store) -> None:
    """PostgreSQL: the writer holds one connection for its batches (two round trips each); if
    the server drops it, the readers of that batch learn their entries are not on record, and
    the next batch opens a fresh connection, the chain intact."""
    writer = AuditWriter(store.engine)
    try:
        writer.append("consultation", "u", subjects=["before"])
        pg = writer._pg
        assert pg is not None
        pid = pg._connection().info.backend_pid
        with store.engine.connect() as conn:
            conn.execute(select(func.pg_terminate_backend(pid)))
            conn.commit()
        with pytest.raises(Exception):  # noqa: B017 - whatever the driver says of a lost link
            writer.append("consultation", "u", subjects=["lost"])
        assert writer.append("consultation", "u", subjects=["after"]).subjects == ["after"]
        assert pg._connection().info.backend_pid != pid
    finally:
        writer.close()
    with store.engine.connect() as conn:
        assert chain.verify(conn).ok
        subjects = [e.subjects for e in chain.entries(conn, action="consultation")]
    assert subjects == [["before"], ["after"]]


def test_coroutines_await_their_entries_and_a_failed_batch(store) -> None:  # type: ignore[no-untyped-def]
    """`commit_async`: coroutines of one event loop await their entries' commit without a
    thread each; every one gets its own entry, a batch that cannot commit fails its waiters,
    and the chain stays whole."""
    writer = AuditWriter(store.engine)

    async def run() -> tuple[list[int], BaseException | None]:
        done = await asyncio.gather(*[writer.commit_async(
            Pending("consultation", "u", subjects=[f"a{i}"])) for i in range(40)])
        failed: BaseException | None = None
        try:
            await writer.commit_async(Pending("consultation", "u", details={"bad": object()}))
        except TypeError as exc:  # a value JSON cannot hold: the batch cannot commit
            failed = exc
        return [c.entry.seq for c in done], failed

    try:
        seqs, failed = asyncio.run(run())
    finally:
        writer.close()
    assert failed is not None
    assert len(set(seqs)) == 40 and seqs == sorted(seqs)
    with store.engine.connect() as conn:
        assert chain.verify(conn).ok
        subjects = [e.subjects[0] for e in chain.entries(conn, action="consultation")]
    assert subjects == [f"a{i}" for i in range(40)]
