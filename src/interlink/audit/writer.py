"""Group commit for the audit entries of reads.

Every consultation and search must be in the audit log before its answer leaves the server.
Giving each read its own transaction serialises the whole server on one commit at a time (the
chain takes a lock, and each commit waits for the disk), which capped reads at a few hundred per
second. Here request threads hand their entry to one writer thread and wait; the writer chains
whatever has queued up in one transaction and wakes them all. The guarantee is unchanged (no
answer before its entry is committed); only the number of commits drops.

The same thread signs the chain's head every AUDIT_ANCHOR_SECONDS while the head moves (see
anchor.py), so a server's log is anchored without anyone running `audit verify`.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql.elements import ColumnElement

from interlink import settings
from interlink.audit import chain
from interlink.audit.anchor import Anchors
from interlink.audit.chain import AuditEntry, Pending, append_watching, newest_of
from interlink.audit.table import audit_log

MAX_BATCH = 500
log = logging.getLogger(__name__)

#: what changes tokens and users: each such change is audited under one of these actions, in
#: the transaction that makes it (create_token, revoke_token, add_user, set_password)
ACCOUNT_ACTIONS = ("token", "user")


#: what changes what the gate reads besides the record: grants made and revoked, sharing
#: groups' members, agencies served. Each such change is audited under one of these actions in
#: the transaction that makes it (policy/sharing.py), so the number below moves with any of them.
SHARING_ACTIONS = ("grant", "revocation", "group", "serves")


def _version(actions: Sequence[str]) -> ColumnElement[int]:
    """SQL for a number that moves whenever a change audited under one of `actions` commits:
    the sum of their newest sequence numbers (each only grows, so the sum moves with any)."""
    newest = newest_of(actions)
    total = newest[0]
    for more in newest[1:]:
        total = total + more
    return total


def account_version() -> ColumnElement[int]:
    """SQL for a number that moves whenever a token or a user changes."""
    return _version(ACCOUNT_ACTIONS)


def sharing_version() -> ColumnElement[int]:
    """SQL for a number that moves whenever a grant, a group's members or a served agency
    changes: the version of the gate's grants snapshot (policy/snapshot.py)."""
    return _version(SHARING_ACTIONS)


@dataclass(frozen=True)
class Committed:
    """An entry on record, and what the watched tables' versions were when it committed: read
    in its own transaction, under the chain's lock (`chain.append_watching`), so a token or a
    grant judged at these versions was still current when the entry committed."""

    entry: AuditEntry
    account_version: int
    sharing_version: int


@lru_cache(maxsize=1)
def _watched() -> tuple[ColumnElement[int], ColumnElement[int]]:
    """Built once: the same objects each batch, so the head statement is built once too."""
    return account_version(), sharing_version()


def append_committed(conn: Connection, pending: Sequence[Pending]) -> list[Committed]:
    """Chain `pending` in the caller's transaction and read the versions with the chain's
    head (one statement)."""
    entries, (account, sharing) = append_watching(conn, pending, _watched())
    return [Committed(e, account, sharing) for e in entries]


class _PgBatches:
    """A batch's round trips on PostgreSQL cut from five to two, without SQLAlchemy's
    per-statement work: `BEGIN`, the chain's lock and the head with the watched versions
    go as one simple query (three statements: the head is read after the lock is granted,
    in a snapshot of its own, as `chain.append_watching` reads it), then the rows and
    `COMMIT` in one pipeline. The writer thread holds one connection of the engine's pool
    for this (autocommit at the driver, so that BEGIN and COMMIT are the ones sent here);
    after any failure it is thrown away, since its transaction's state is then unknown.

    Why: the writer is one thread per server process, and under load it was the largest
    consumer of the process's interpreter time (a py-spy profile of reads: 59 % of the time
    holding the GIL, most of it SQLAlchemy and psycopg building five statements a batch)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._fairy: Any = None  # SQLAlchemy's pooled connection, held for the writer's life
        dialect = engine.dialect
        head = chain.head_query(_watched()).compile(
            dialect=dialect, compile_kwargs={"literal_binds": True})
        self._open = f"BEGIN; SELECT pg_advisory_xact_lock({chain.LOCK_KEY}); {head}"
        self._insert = str(audit_log.insert().compile(dialect=dialect))

    def _connection(self) -> Any:
        if self._fairy is None:
            fairy = self.engine.raw_connection()
            driver: Any = fairy.driver_connection  # psycopg's own connection
            driver.autocommit = True
            self._fairy = fairy
        return self._fairy.driver_connection

    def append(self, pending: Sequence[Pending]) -> list[Committed]:
        conn = self._connection()
        try:
            cur = conn.cursor()
            cur.execute(self._open)
            cur.nextset()  # past BEGIN
            cur.nextset()  # past the lock
            head = cur.fetchone()
            entries, rows = chain.chained(pending, head[0], head[1])
            with conn.pipeline():
                cur.executemany(self._insert, rows)
                cur.execute("COMMIT")
        except BaseException:
            self.discard()
            raise
        account, sharing = int(head[2]), int(head[3])
        return [Committed(e, account, sharing) for e in entries]

    def discard(self) -> None:
        """Drop the held connection (closed, not returned to the pool in autocommit)."""
        fairy, self._fairy = self._fairy, None
        if fairy is not None:
            try:
                fairy.invalidate()
            except Exception:  # noqa: BLE001 - a broken connection may fail to close too
                log.exception("could not close the audit writer's connection")


#: who waits for an entry's commit: a thread (`commit`) or a coroutine (`commit_async`)
Waiter = Future[Committed] | asyncio.Future[Committed]


def _resolve(done: Waiter, outcome: Committed | BaseException) -> None:
    """A waiter given its entry or the batch's error."""
    if isinstance(outcome, BaseException):
        done.set_exception(outcome)
    else:
        done.set_result(outcome)


def _settle(outcomes: list[tuple[asyncio.Future[Committed], Committed | BaseException]]
            ) -> None:
    """On the waiters' event loop: each future given its outcome (one whose request has
    gone, cancelled, is left alone)."""
    for done, outcome in outcomes:
        if not done.cancelled():
            _resolve(done, outcome)


def _wake(outcomes: list[tuple[Waiter, Committed | BaseException]]) -> None:
    """Tell every waiter of a batch its outcome: threads directly, the coroutines of each
    event loop with one call on that loop (a loop woken once per batch, not once per read)."""
    by_loop: dict[asyncio.AbstractEventLoop,
                  list[tuple[asyncio.Future[Committed], Committed | BaseException]]] = {}
    for done, outcome in outcomes:
        if isinstance(done, asyncio.Future):
            by_loop.setdefault(done.get_loop(), []).append((done, outcome))
        else:
            _resolve(done, outcome)
    for loop, mine in by_loop.items():
        try:
            loop.call_soon_threadsafe(_settle, mine)
        except RuntimeError:  # the loop has closed: nobody is left waiting on it
            log.warning("audit entries committed for a closed event loop")


class AuditWriter:
    def __init__(self, engine: Engine, anchors: Anchors | None = None) -> None:
        self.engine = engine
        self._pg = _PgBatches(engine) if engine.dialect.name == "postgresql" else None
        self.anchors = anchors
        self._anchored: tuple[int, str] | None = None  # the head last signed
        self._next_anchor = time.monotonic() + settings.AUDIT_ANCHOR_SECONDS
        self._queue: queue.SimpleQueue[tuple[Pending, Waiter] | None] = queue.SimpleQueue()
        #: the account version read in the last committed batch, after its entries: a token
        #: verified at this version was still valid when that batch committed (identity's
        #: TokenCache.confirm). Only grows; read after one's own entry is committed.
        self.account_version: int | None = None
        #: the same for the sharing tables (policy/snapshot.py)
        self.sharing_version: int | None = None
        self._thread = threading.Thread(target=self._run, name="audit-writer", daemon=True)
        self._thread.start()

    def append(self, action: str, actor: str, *, agency: str | None = None,
               subjects: Sequence[str] = (), reason: str = "", purpose: str | None = None,
               recipient: str | None = None, details: dict[str, Any] | None = None,
               timeout: float = 30.0) -> AuditEntry:
        """Queue one entry and wait until it is committed (raises what the commit raised)."""
        return self.commit(Pending(action, actor, agency, subjects, reason, purpose,
                                   recipient, details), timeout).entry

    def commit(self, pending: Pending, timeout: float = 30.0) -> Committed:
        """Queue one entry and wait until it is committed; with the versions read in its
        transaction."""
        done: Future[Committed] = Future()
        self._queue.put((pending, done))
        return done.result(timeout)

    def commit_async(self, pending: Pending) -> asyncio.Future[Committed]:
        """`commit` for a coroutine: queue the entry and return a future of the running
        event loop, resolved once the entry is committed, so that no thread waits for the
        disk. The writer wakes each loop once per batch, however many of its reads the batch
        holds (api/fast.py awaits record reads this way)."""
        done: asyncio.Future[Committed] = asyncio.get_running_loop().create_future()
        self._queue.put((pending, done))
        return done

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=30)

    def _anchor_if_due(self) -> None:
        interval = settings.AUDIT_ANCHOR_SECONDS
        if self.anchors is None or interval <= 0 or time.monotonic() < self._next_anchor:
            return
        self._next_anchor = time.monotonic() + interval
        try:
            if not self.anchors.can_sign:
                return
            # a read: on SQLite it need not take the write lock the entries' engine takes
            with self.engine.execution_options(interlink_write=False).connect() as conn:
                head = conn.execute(text(
                    "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")).first()
                current = (int(head.seq), str(head.hash)) if head else None
                if current is not None and current != self._anchored:
                    self.anchors.sign(conn)
                    self._anchored = current
        except Exception:  # an anchor missed is logged, and the next interval tries again
            log.exception("could not sign the audit chain's head")

    def _next(self) -> tuple[Pending, Waiter] | None:
        """The next queued entry; while none comes, sign the head when an anchor is due."""
        while True:
            interval = settings.AUDIT_ANCHOR_SECONDS
            wait = max(0.05, self._next_anchor - time.monotonic()) if interval > 0 else None
            try:
                return self._queue.get(timeout=wait)
            except queue.Empty:
                self._anchor_if_due()

    def _run(self) -> None:
        try:
            self._loop()
        finally:
            if self._pg is not None:
                self._pg.discard()

    def _loop(self) -> None:
        while True:
            first = self._next()
            if first is None:
                return
            batch = [first]
            stop = False
            while len(batch) < MAX_BATCH:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    stop = True
                    break
                batch.append(item)
            try:
                if self._pg is not None:
                    entries = self._pg.append([p for p, _ in batch])
                else:
                    with self.engine.begin() as conn:
                        entries = append_committed(conn, [p for p, _ in batch])
            except Exception as exc:  # every waiter learns that its entry is not on record
                _wake([(done, exc) for _, done in batch])
            else:
                self.account_version = entries[0].account_version  # before any waiter wakes
                self.sharing_version = entries[0].sharing_version
                _wake([(done, entry) for (_, done), entry in
                       zip(batch, entries, strict=True)])
            self._anchor_if_due()
            if stop:
                return
