"""Group commit for the audit entries of reads.

Every consultation and search must be in the audit log before its answer leaves the server.
Giving each read its own transaction serialises the whole server on one commit at a time (the
chain takes a lock, and each commit waits for the disk), which capped reads at a few hundred per
second. Here request threads hand their entry to one writer thread and wait; the writer chains
whatever has queued up in one transaction and wakes them all. The guarantee is unchanged (no
answer before its entry is committed); only the number of commits drops.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Sequence
from concurrent.futures import Future
from typing import Any

from sqlalchemy.engine import Engine

from interlink.audit.chain import AuditEntry, Pending, append_many

MAX_BATCH = 500


class AuditWriter:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._queue: queue.SimpleQueue[tuple[Pending, Future[AuditEntry]] | None] = (
            queue.SimpleQueue())
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

    def _run(self) -> None:
        while True:
            first = self._queue.get()
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
            except Exception as exc:  # every waiter learns that its entry is not on record
                for _, done in batch:
                    done.set_exception(exc)
            else:
                for (_, done), entry in zip(batch, entries, strict=True):
                    done.set_result(entry)
            if stop:
                return
