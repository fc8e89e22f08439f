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

import logging
import queue
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql.elements import ColumnElement

from interlink import settings
from interlink.audit.anchor import Anchors
from interlink.audit.chain import AuditEntry, Pending, append_many, newest_of

MAX_BATCH = 500
log = logging.getLogger(__name__)

#: what changes tokens and users: each such change is audited under one of these actions, in
#: the transaction that makes it (create_token, revoke_token, add_user, set_password)
ACCOUNT_ACTIONS = ("token", "user")


def account_version() -> ColumnElement[int]:
    """SQL for a number that moves whenever a token or a user changes: the sum of the newest
    audit sequence numbers of those changes (each only grows, so the sum moves with either)."""
    token_seq, user_seq = newest_of(ACCOUNT_ACTIONS)
    return token_seq + user_seq


def _account_version(conn: Connection) -> int:
    return int(conn.execute(select(account_version())).scalar_one())


class AuditWriter:
    def __init__(self, engine: Engine, anchors: Anchors | None = None) -> None:
        self.engine = engine
        self.anchors = anchors
        self._anchored: tuple[int, str] | None = None  # the head last signed
        self._next_anchor = time.monotonic() + settings.AUDIT_ANCHOR_SECONDS
        self._queue: queue.SimpleQueue[tuple[Pending, Future[AuditEntry]] | None] = (
            queue.SimpleQueue())
        #: the account version read in the last committed batch, after its entries: a token
        #: verified at this version was still valid when that batch committed (identity's
        #: TokenCache.confirm). Only grows; read after one's own entry is committed.
        self.account_version: int | None = None
        self._thread = threading.Thread(target=self._run, name="audit-writer", daemon=True)
        self._thread.start()

    def append(self, action: str, actor: str, *, agency: str | None = None,
               subjects: Sequence[str] = (), reason: str = "", purpose: str | None = None,
               recipient: str | None = None, details: dict[str, Any] | None = None,
               timeout: float = 30.0) -> AuditEntry:
        """Queue one entry and wait until it is committed (raises what the commit raised)."""
        done: Future[AuditEntry] = Future()
        self._queue.put((Pending(action, actor, agency, subjects, reason, purpose, recipient,
                                 details), done))
        return done.result(timeout)

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

    def _next(self) -> tuple[Pending, Future[AuditEntry]] | None:
        """The next queued entry; while none comes, sign the head when an anchor is due."""
        while True:
            interval = settings.AUDIT_ANCHOR_SECONDS
            wait = max(0.05, self._next_anchor - time.monotonic()) if interval > 0 else None
            try:
                return self._queue.get(timeout=wait)
            except queue.Empty:
                self._anchor_if_due()

    def _run(self) -> None:
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
                with self.engine.begin() as conn:
                    entries = append_many(conn, [p for p, _ in batch])
                    version = _account_version(conn)  # after the entries, in their commit
            except Exception as exc:  # every waiter learns that its entry is not on record
                for _, done in batch:
                    done.set_exception(exc)
            else:
                self.account_version = version  # before any waiter wakes up
                for (_, done), entry in zip(batch, entries, strict=True):
                    done.set_result(entry)
            self._anchor_if_due()
            if stop:
                return
