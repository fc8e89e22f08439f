"""A scratch SQLite file where one ingest run gathers its entities before touching the store.

Staging is what makes an ingest all-or-nothing and idempotent at the same time, with bounded
memory: tabular mappings emit the same entity from many rows (a company named on every row of
its directors), so fragments with one id are merged here first; the store then compares each
finished entity with its current version once. Nothing reaches the store until the whole input
has been read and checked, so a file that turns out truncated on its last line leaves the store
exactly as it was.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from followthemoney.exc import InvalidData

from interlink.core.envelope import Envelope
from interlink.core.errors import InvalidInput
from interlink.core.model import model
from interlink.core.record import Record, RecordRow


class Staging:
    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="interlink-ingest-")
        self.db = sqlite3.connect(Path(self._dir.name) / "stage.db")
        self.db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
            "CREATE TABLE stage (seq INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL,"
            " schema TEXT NOT NULL, props TEXT NOT NULL, caption TEXT NOT NULL,"
            " envelope TEXT NOT NULL,"
            " file TEXT NOT NULL, row TEXT NOT NULL)"
        )
        self.count = 0

    def close(self) -> None:
        self.db.close()
        self._dir.cleanup()

    def add(self, rows: list[tuple[RecordRow, str, str]]) -> list[tuple[str, str, str, str]]:
        """Stage (record row, file, row) tuples; return (file, row, id, reason) for fragments
        that cannot merge with an earlier one (different owner terms, incompatible schema)."""
        errors: list[tuple[str, str, str, str]] = []
        merged: dict[str, tuple[RecordRow, str, str]] = {}
        for rec, file, row in rows:  # merge duplicates inside the batch
            prev = merged.get(rec.id)
            if prev is None:
                merged[rec.id] = (rec, file, row)
                continue
            try:
                merged[rec.id] = (_merge(prev[0], rec), prev[1], prev[2])
            except InvalidInput as exc:
                errors.append((file, row, rec.id, str(exc)))
        ids = list(merged)
        earlier: dict[str, RecordRow] = {}
        for start in range(0, len(ids), 900):  # SQLite's variable limit
            chunk = ids[start : start + 900]
            marks = ",".join("?" * len(chunk))
            for id_, schema, props, caption, env in self.db.execute(
                "SELECT id, schema, props, caption, envelope FROM stage"
                f" WHERE id IN ({marks})", chunk
            ):
                envelope = Envelope.from_dict(json.loads(env))
                earlier[id_] = RecordRow(id_, schema, props, caption, envelope)
        inserts, updates = [], []
        for id_, (rec, file, row) in merged.items():
            if id_ in earlier:
                try:
                    rec = _merge(earlier[id_], rec)
                except InvalidInput as exc:
                    errors.append((file, row, id_, str(exc)))
                    continue
                updates.append((rec.schema, rec.properties_json, rec.caption, id_))
            else:
                inserts.append((id_, rec.schema, rec.properties_json, rec.caption,
                                rec.envelope.json, file, row))
        self.db.executemany(
            "INSERT INTO stage (id, schema, props, caption, envelope, file, row)"
            " VALUES (?,?,?,?,?,?,?)",
            inserts,
        )
        self.db.executemany(
            "UPDATE stage SET schema = ?, props = ?, caption = ? WHERE id = ?", updates
        )
        self.count += len(inserts)
        return errors

    def check(
        self, owners: Callable[[list[str]], dict[str, str]], agency: str, batch: int = 5000
    ) -> list[tuple[str, str, str, str, str]]:
        """Checks that need whole entities, after fragments have merged: required properties
        present, and the id not already held by another agency. Failing entities are dropped;
        returns (file, row, field, id, reason) for each."""
        errors: list[tuple[str, str, str, str, str]] = []
        cur = self.db.execute("SELECT id, schema, props, file, row FROM stage ORDER BY seq")
        while rows := cur.fetchmany(batch):
            held = owners([r[0] for r in rows])
            for id_, schema, props, file, row in rows:
                present = json.loads(props)
                missing = [p for p in model[schema].required if p not in present]
                if missing:
                    errors.append((file, row, missing[0], id_,
                                   f"missing required field {missing[0]!r} for {schema}"))
                elif held.get(id_, agency) != agency:
                    errors.append((file, row, "id", id_, f"record {id_} is held by {held[id_]}"))
        if errors:
            self.drop([e[3] for e in errors])
        return errors

    def drop(self, ids: list[str]) -> None:
        self.db.executemany("DELETE FROM stage WHERE id = ?", [(i,) for i in ids])
        self.count -= len(ids)

    def rows(self) -> Iterator[RecordRow]:
        """The staged records in input order, serialised as the store writes them."""
        envelopes: dict[str, Envelope] = {}
        cur = self.db.execute(
            "SELECT id, schema, props, caption, envelope FROM stage ORDER BY seq"
        )
        while rows := cur.fetchmany(2000):
            for id_, schema, props, caption, env in rows:
                envelope = envelopes.get(env)
                if envelope is None:
                    envelope = envelopes[env] = Envelope.from_dict(json.loads(env))
                yield RecordRow(id_, schema, props, caption, envelope)


def _merge(left: RecordRow, right: RecordRow) -> RecordRow:
    # the same entity from two files of one agency differs only in source_ref: that merges
    if left.envelope.with_changes(source_ref="").terms() != right.envelope.with_changes(
        source_ref=""
    ).terms():
        raise InvalidInput(f"record {left.id} appears twice with different owner terms")
    a = Record.from_stored(left.id, left.schema, left.properties_json, left.envelope)
    b = Record.from_stored(right.id, right.schema, right.properties_json, right.envelope)
    try:
        entity = a.entity.merge(b.entity)
    except InvalidData as exc:
        raise InvalidInput(f"record {left.id} appears twice and cannot merge: {exc}") from None
    return RecordRow.of(Record(entity=entity, envelope=left.envelope))
