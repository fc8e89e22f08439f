"""Writing while reading: a first load's rows go into the store's write transaction as they are
staged, instead of after the whole input has been read.

Staging (`ingest.staging`) still gathers every row, since a later fragment of an entity may
merge with one already read; the difference is when the store sees the rows. A row written
here is staged as its id alone (`staging.WRITTEN`) and recalled from the write transaction in
the rare case it is needed again (a later fragment, or the writes taken back). Staged one after
the other, the reading and the writing each took about half of a first load's time in the one
writing process, the readers idle while it wrote. Here each staged batch's complete rows (none
missing a required property) are written at once, in one transaction opened before reading;
a row a later fragment changes is taken back (`SQLStore.discard_created`) and written merged
at the end, with the rows still missing a property then (a fragment may have supplied it).

Only for a first load (the agency holds no record, so every row is a new record) and not in
strict mode (which refuses before writing anything). Anything else a write meets takes the
writes back (`Streamer.abandon`) and leaves the rows to the ordinary path after reading: an id
another agency holds (its rename rewrites references in rows already written), a record of
the agency written meanwhile. The audit entries of the rows written while reading are
appended once reading is done, in input order and batches, so each record is audited once.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from itertools import islice
from typing import Any

from sqlalchemy.engine import Connection

from interlink import settings
from interlink.core.recordrow import RecordRow
from interlink.ingest import lines
from interlink.ingest.staging import Staging
from interlink.store.base import Actor, WriteResult
from interlink.store.sql import SQLStore, by_ids

#: The input's bytes per record, roughly (an FtM line of the demo case is about 600): how a
#: first load guesses how many records it will write before reading them, to decide whether
#: to build the store's secondary indexes after its rows (`SQLStore.defer_indexes`).
BYTES_PER_RECORD = 512


class Streamer:
    """Writes the rows `staging` marks as written (`Staging.streaming`) into `conn`.

    A load large beside the store (`input_bytes`) writes its rows without the secondary
    indexes, dropped in the transaction and built again by `finish` before anything else
    reads them. Taking the writes back (`abandon`): on PostgreSQL by a savepoint opened
    first; on SQLite, where a savepoint copies every page of the store a load changes into
    its statement journal once, by deleting the agency's rows this load wrote (`undo`) and
    building the indexes again, as long as the agency held nothing when the transaction
    began (it holds nothing else then); else by the savepoint too."""

    def __init__(self, store: SQLStore, conn: Connection, staging: Staging, actor: Actor,
                 reason: str, owner: str, input_bytes: int = 0) -> None:
        self.store, self.conn, self.staging = store, conn, staging
        self.actor, self.reason = actor, reason
        self.result = WriteResult()
        self.active = True
        self.owner = owner
        # (checked in the write transaction: another writer may have written for the agency
        # since the ingest looked, outside it)
        self.undo = store.is_sqlite and not store.holds_records(owner, conn)
        self._savepoint = None if self.undo else conn.begin_nested()
        self.deferred = store.defer_indexes(conn, input_bytes // BYTES_PER_RECORD)
        staging.streaming = True
        staging.recall = self._recall

    def _recall(self, ids: list[str]) -> dict[str, tuple[str, str, str]]:
        """What staging holds of a row written while reading as its id alone
        (`staging.WRITTEN`), from the write transaction: that row as written."""
        return {id_: (schema, props, caption) for id_, schema, props, caption, owner in
                by_ids(self.conn, "id, schema, properties, caption, owner", ids)
                if owner == self.owner}

    def write(self) -> None:
        """Write the rows staged (complete) since the last call."""
        rows, pending = self.staging.take_fresh()
        if not rows or not self.active:
            return
        get = pending.get

        def written(conn: Connection, versions: list[tuple[str, int]]) -> None:
            lines.remember(conn, [version + line for version in versions
                                  if (line := get(version[0])) is not None])

        try:
            # every id is new on a first load: not looked up (`new`), the primary keys refuse
            # one the store holds after all (another agency's, or written meanwhile)
            with self._batch():
                result = self.store.write_rows(rows, self.actor, self.reason, self.conn,
                                               skip_foreign=True, written=written, audit=False,
                                               new=True)
        except self.store.collisions:
            self.abandon(rows)  # not a first load after all: the ordinary path decides
            return
        self.result.add(result)

    def _batch(self) -> AbstractContextManager[Any]:
        """What a batch's write runs in. PostgreSQL: a savepoint of its own, so that a key
        collision (which aborts the transaction) leaves the rows written before it readable
        for `abandon` to recall. SQLite: nothing, since a failed statement takes back only
        itself; and a savepoint per batch would copy every page the batch changes into
        SQLite's statement journal, batch after batch."""
        return nullcontext() if self.store.is_sqlite else self.conn.begin_nested()

    def abandon(self, unwritten: list[RecordRow] | None = None) -> None:
        """Take back everything written while reading; the rows are written after reading,
        as without streaming. `unwritten`: the rows of a write that was not all new records
        (some may not be this transaction's: staging takes them as they are)."""
        if self.active:
            if self._savepoint is None:
                self.store.build_indexes(self.conn, self.deferred)  # the deletes use them
            # before the writes go: it recalls the rows written
            self.staging.stop_streaming(unwritten or [], None if self._savepoint is not None
                                        else self._undo)
            if self._savepoint is not None:
                self._savepoint.rollback()  # (the deferred indexes with it)
            self.deferred = []
            self.active = False
            self.result = WriteResult()

    def _undo(self, ids: list[str]) -> None:
        """Delete the agency's rows of `ids` this load wrote (`abandon` on SQLite): their
        write may have failed half-way, and one of them may be another agency's id, whose
        record stays whole (`SQLStore.discard_created` with the owner)."""
        self.store.discard_created(self.conn, ids, owner=self.owner)

    def finish(self) -> WriteResult:
        """Once reading is done: the records written while reading and kept (not taken back
        for a later fragment) audited as collected, in input order and in batches as a bulk
        write audits them; those taken back discarded from the store (the rest of the
        ingest writes them merged); what was written. The deferred indexes are built
        first: the discards and the rest of the write look records up by them."""
        self.store.build_indexes(self.conn, self.deferred)
        self.deferred = []
        ids = self.staging.written_ids()
        while chunk := list(islice(ids, settings.BATCH_SIZE)):
            self.store.audit_written(self.conn, self.actor, self.reason, "collection", chunk)
        taken_back = self.staging.written_ids(redo=True)
        result = self.result
        while chunk := list(islice(taken_back, 500)):
            self.store.discard_created(self.conn, chunk)
            result.created -= len(chunk)  # counted when written merged
        return result
