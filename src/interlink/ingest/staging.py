"""A scratch SQLite file where one ingest run gathers its entities before touching the store.

Staging is what makes an ingest idempotent with bounded memory: tabular mappings emit the same
entity from many rows (a company named on every row of its directors), so fragments with one id
are merged here first; the store then compares each finished entity with its current version
once. On a first load (`streaming`) rows are also handed to the store's write transaction as
they are staged (`fresh`), and a row a later fragment changes is marked to be written again
(`redo`); the store commits only once the whole input has been read, so a file that turns
out truncated on its last line leaves the store as it was either way.
"""

from __future__ import annotations

import marshal
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import cast

import orjson

from interlink.core.envelope import Envelope
from interlink.core.errors import Conflict, InvalidInput
from interlink.core.messages import error, invalid
from interlink.core.recordrow import RecordRow

#: the properties of a staged row that is exactly the owner's current record, read by its
#: bytes (`ingest.lines`): staged as its id alone (its schema and caption empty, and its
#: envelope too if the line carried its own), the rest read from the store in the rare case
#: it is needed (a later fragment merges with the row, or ids renamed in the load make the
#: store compare it); never a row's real properties, which are JSON ("{}" at least)
STORED = ""

#: the properties of a staged row written while reading (`streaming`): staged as its id alone
#: too, since it is in the write transaction (`recall`); nearly no row of a first load is ever
#: needed again (a later fragment merges with it, or the writes are taken back), and staging
#: every row in full was a sixth of the writing process's work
WRITTEN = "="

#: id -> (schema, properties, caption) of records written in this transaction (`WRITTEN`)
Recall = Callable[[list[str]], dict[str, tuple[str, str, str]]]

#: id -> (schema, properties, caption, envelope JSON, line hash) of the store's current
#: records written from a line (`ingest.lines.stored`)
Fill = Callable[[list[str]], dict[str, tuple[str, str, str, str, str]]]

#: distinct envelopes kept once, rows referring to them by number ("#3"): a bulk load stages
#: a million rows under a handful of envelopes, about 300 bytes each; past this many, a row
#: carries its envelope's JSON itself (which starts with "{", never "#")
ENVELOPES = 1000

#: the scratch database's page cache while rows are added, KiB: each row's id goes into a
#: unique index in random order, which SQLite's default 2 MiB cache holds a sliver of past a
#: few hundred thousand rows (measured, 154,355 rows: 1.5 s CPU with it, 1.0 s with 32 MiB);
#: 16 MiB holds the index of about 400,000 ids, and keeps the writing process's peak memory
#: (the store's bulk cache comes on top) well under 300 MiB; set back before the rows are
#: read out in order (`rows`), which needs no cache
CACHE_KIB = 16384

#: staged ids known by their 64-bit hashes (Python's `hash`, this process's) while there are
#: at most this many: a batch's ids are looked for in the stage only when their hash is
#: there (a fragment of an entity staged before, or a rare collision), and the stage keeps
#: no index on ids until then; indexing every id in random order was most of the cost of
#: staging a re-ingest's unchanged lines and a first load's written rows. About 64 bytes an
#: id (the set's slot and the int): at most ~32 MiB; past it, the stage's unique index on ids
#: is built (sorted, once) and keeps every later id, as it always did before
SEEN_IDS = 500_000


class Staging:
    def __init__(self, fill: Fill | None = None) -> None:
        # the store's current records by id (for `STORED` rows)
        self._fill = fill
        self._dir = tempfile.TemporaryDirectory(prefix="interlink-ingest-")
        self.db = sqlite3.connect(Path(self._dir.name) / "stage.db")
        self.db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
            f"PRAGMA cache_size=-{CACHE_KIB};"
            "CREATE TABLE stage (seq INTEGER PRIMARY KEY, id TEXT NOT NULL,"
            " schema TEXT NOT NULL DEFAULT '', props TEXT NOT NULL DEFAULT '',"
            " caption TEXT NOT NULL DEFAULT '', missing TEXT NOT NULL DEFAULT '', keys TEXT,"
            " envelope TEXT NOT NULL,"
            " file TEXT NOT NULL, row TEXT NOT NULL, known INTEGER NOT NULL,"
            " line TEXT, own INTEGER NOT NULL DEFAULT 0, done INTEGER NOT NULL DEFAULT 0,"
            " redo INTEGER NOT NULL DEFAULT 0);"
            # runs of lines known by their bytes, one row a run (`add_stored`): `seq` the
            # first line's, `lines` its (row, id, line hash, own) tuples, marshalled
            "CREATE TABLE runs (seq INTEGER PRIMARY KEY, file TEXT NOT NULL,"
            " envelope TEXT NOT NULL, lines BLOB NOT NULL)"
        )
        self._runs = 0  # runs held in `runs`, not yet staged a row a line (`_unfold`)
        self.count = 0
        self.known = 0  # staged rows still exactly the owner's current records
        # hashes of every staged id, until the stage's index on ids is built (`SEEN_IDS`)
        self._seen: set[int] | None = set()
        self._refs: dict[str, str] = {}  # envelope JSON -> "#n"
        self._texts: list[str] = []  # "#n" -> envelope JSON
        self._parsed: dict[str, Envelope] = {}  # envelope JSON -> its envelope
        # writing while reading: rows complete enough to write (none missing a required
        # property) are staged as written ("done") and listed in `fresh` until taken; a
        # written row a later fragment changed is marked "redo" (written again, merged)
        self.streaming = False
        self.fresh: list[RecordRow] = []
        # id -> (line hash, own envelope) of the fresh rows read from one line each
        self.fresh_lines: dict[str, tuple[str, bool]] = {}
        self.recall: Recall | None = None  # set while streaming (`WRITTEN`)

    def close(self) -> None:
        self.db.close()
        self._dir.cleanup()

    def add(self, rows: list[tuple[RecordRow, str, str, bool, str | None, bool]]
            ) -> list[tuple[str, str, str, InvalidInput]]:
        """Stage (record row, file, row, known, line hash, own envelope) tuples; return (file, row,
        id, refusal) for fragments that cannot merge with an earlier one (different
        owner terms, incompatible schema): the refusal itself, so its code goes with the
        row's error. `known`: the row is exactly the owner's current record
        (`ingest.known`); merged with any other fragment it no longer is, nor is it any
        more the row of one line (`ingest.lines`). A `STORED` row's envelope is the stored
        version's if the line carried its own, else the row's (the run's default)."""
        errors: list[tuple[str, str, str, InvalidInput]] = []
        # nearly always every id once: one pass in C, the loop only for a batch that repeats one
        merged = {entry[0][0]: entry for entry in rows}
        if len(merged) != len(rows):
            merged = self._merged(rows, errors)
        seen = self._seen
        if seen is None:
            ids = list(merged)
        else:  # only those whose hash was staged can have been (see `SEEN_IDS`)
            ids = [id_ for id_ in merged if hash(id_) in seen]
            if ids:
                self._index()
        earlier: dict[str, RecordRow] = {}
        written: dict[str, Envelope] = {}  # `WRITTEN` rows among them: their envelope
        for start in range(0, len(ids), 900):  # SQLite's variable limit
            chunk = ids[start : start + 900]
            marks = ",".join("?" * len(chunk))
            for (id_, schema, props, caption, missing, env, known, line, own
                 ) in self.db.execute(
                "SELECT id, schema, props, caption, missing, envelope, known, line, own"
                f" FROM stage WHERE id IN ({marks})", chunk
            ):
                self.known -= known
                if not env:  # a `STORED` row whose line carried its own: the store's (`_full`)
                    earlier[id_] = self._full(RecordRow(
                        id_, schema, props, caption, cast(Envelope, None), missing), line, True)
                    continue
                envelope = self._envelope(env)
                if props == WRITTEN:
                    written[id_] = envelope
                    continue
                earlier[id_] = self._full(
                    RecordRow(id_, schema, props, caption, envelope, missing), line, bool(own))
        if written:
            for id_, (schema, props, caption) in self._recalled(list(written)).items():
                earlier[id_] = RecordRow(id_, schema, props, caption, written[id_])
        inserts, updates = [], []
        # rows staged as their id alone (`STORED`: a re-ingest's unchanged lines; `WRITTEN`:
        # a first load's) bind 10 values instead of 14 and store no content (measured: a
        # quarter of staging them); `seq` given, so that both kinds keep their input order
        narrow: list[tuple[int, str, str, str, str, str, int, str | None, int, int]] = []
        seq = self.count
        refs: dict[int, str] = {}  # id(envelope) -> its reference (a batch holds a few)
        # (per row, in locals: nearly every row of a first load takes the `done` branch)
        streaming, fresh, fresh_lines = self.streaming, self.fresh, self.fresh_lines
        known_rows = 0
        for id_, (rec, file, row, known, line, own) in merged.items():
            if id_ in earlier:
                try:
                    rec = _merge(earlier[id_], self._full(rec, line, own))
                except InvalidInput as exc:
                    errors.append((file, row, id_, exc))
                    continue
                updates.append((rec.schema, rec.properties_json, rec.caption, rec.missing,
                                _keys(rec), self._ref(rec.envelope), id_))
                # (its line, if any, is dropped)
            else:
                if own and rec.properties_json == STORED:
                    env = ""
                else:
                    env = refs.get(id(rec.envelope))  # type: ignore[assignment]
                    if env is None:
                        env = refs[id(rec.envelope)] = self._ref(rec.envelope)
                done = streaming and not rec.missing
                known_rows += known
                seq += 1
                if done:
                    fresh.append(rec)
                    if line is not None:
                        fresh_lines[id_] = (line, own)
                    narrow.append((seq, id_, WRITTEN, env, file, row, int(known), line,
                                   int(own), 1))
                    continue
                if rec.properties_json == STORED:
                    narrow.append((seq, id_, STORED, env, file, row, int(known), line,
                                   int(own), 0))
                    continue
                inserts.append((seq, id_, rec.schema, rec.properties_json, rec.caption,
                                rec.missing, _keys(rec), env, file, row, int(known), line,
                                int(own), int(done)))
        self.db.executemany(
            "INSERT INTO stage (seq, id, schema, props, caption, missing, keys, envelope, file,"
            " row, known, line, own, done) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            inserts,
        )
        self.db.executemany(
            "INSERT INTO stage (seq, id, props, envelope, file, row, known, line, own, done)"
            " VALUES (?,?,?,?,?,?,?,?,?,?)",
            narrow,
        )
        self.db.executemany(
            "UPDATE stage SET schema = ?, props = ?, caption = ?, missing = ?, keys = ?,"
            " envelope = ?, known = 0, line = NULL, own = 0, done = 0, redo = MAX(redo, done)"
            " WHERE id = ?",
            updates,
        )
        self.count = seq
        self.known += known_rows
        if seen is not None:
            self._staged([hash(row[1]) for row in narrow] + [hash(row[1]) for row in inserts])
        return errors

    def _merged(self, rows: list[tuple[RecordRow, str, str, bool, str | None, bool]],
                errors: list[tuple[str, str, str, InvalidInput]]
                ) -> dict[str, tuple[RecordRow, str, str, bool, str | None, bool]]:
        """The batch's rows by id, the fragments of an entity repeated inside it merged in
        input order (`add`); a fragment that cannot merge goes into `errors`."""
        merged: dict[str, tuple[RecordRow, str, str, bool, str | None, bool]] = {}
        for entry in rows:
            rec, file, row = entry[0], entry[1], entry[2]
            prev = merged.get(rec.id)
            if prev is None:
                merged[rec.id] = entry
                continue
            try:
                merged[rec.id] = (_merge(self._full(*_row_line_own(prev)),
                                         self._full(*_row_line_own(entry))),
                                  prev[1], prev[2], False, None, False)
            except InvalidInput as exc:
                errors.append((file, row, rec.id, exc))
        return merged

    def add_stored(self, file: str, lines: list[tuple[str, str, str, bool]],
                   envelope: Envelope) -> bool:
        """Stage a run of lines known by their bytes (`Item.lines`: row, id, line hash, own
        envelope) as `STORED` rows under `envelope`, as `add` would, without a row object for
        each: a re-ingest's unchanged file is nearly all such runs. Nothing is staged, and
        False returned, when one of their ids may have been staged before (its hash is
        there, or no hashes are kept) or repeats among them, or while streaming: the caller
        stages them with `add`, which merges them."""
        seen = self._seen
        if seen is None or self.streaming or not lines:
            return False
        hashes = {hash(id_) for _row, id_, _digest, _own in lines}
        if len(hashes) != len(lines) or not hashes.isdisjoint(seen):
            return False
        seq = self.count
        # one row for the run: staged a row a line only if one of them is ever read
        # (`_unfold`), which an unchanged file's re-ingest never does (it writes nothing)
        self.db.execute("INSERT INTO runs (seq, file, envelope, lines) VALUES (?, ?, ?, ?)",
                        (seq + 1, file, self._ref(envelope), marshal.dumps(lines)))
        self._runs += 1
        self.count = seq + len(lines)
        self.known += len(lines)
        self._staged(hashes)
        return True

    def _staged(self, hashes: Iterable[int]) -> None:
        """Note the hashes of ids just staged; past `SEEN_IDS`, the stage's index on ids takes
        over from them."""
        assert self._seen is not None
        self._seen.update(hashes)
        if len(self._seen) > SEEN_IDS:
            self._index()
            self._seen = None

    def _unfold(self) -> None:
        """The runs `add_stored` kept whole, staged as `STORED` rows, a row a line, with the
        `seq` each line had: before anything reads the stage's known rows or looks one up."""
        if not self._runs:
            return
        for (first,) in self.db.execute("SELECT seq FROM runs ORDER BY seq").fetchall():
            file, env, packed = self.db.execute(
                "SELECT file, envelope, lines FROM runs WHERE seq = ?", (first,)).fetchone()
            self.db.executemany(
                "INSERT INTO stage (seq, id, props, envelope, file, row, known, line, own,"
                " done) VALUES (?,?,?,?,?,?,1,?,?,0)",
                [(n, id_, STORED, "" if own else env, file, row, digest, int(own))
                 for n, (row, id_, digest, own) in enumerate(marshal.loads(packed),
                                                               start=first)])
        self.db.execute("DELETE FROM runs")
        self._runs = 0

    def _index(self) -> None:
        """The stage's unique index on ids, built once it is needed: a look-up by id (a
        fragment of an entity staged before, `origin`, `stop_streaming`) or more staged ids
        than `SEEN_IDS`. Built from the rows staged so far in one sorted pass; kept up to date
        by every later insert."""
        self._unfold()
        self.db.execute("CREATE UNIQUE INDEX IF NOT EXISTS stage_id ON stage (id)")

    def take_fresh(self) -> tuple[list[RecordRow], dict[str, tuple[str, bool]]]:
        """The rows staged as written since the last call (`streaming`), and by id the line
        (hash, own envelope) of those read from one line each: the caller writes them now."""
        fresh, lines, self.fresh, self.fresh_lines = self.fresh, self.fresh_lines, [], {}
        return fresh, lines

    def stop_streaming(self, unwritten: Iterable[RecordRow] = (),
                       discard: Callable[[list[str]], None] | None = None) -> None:
        """Nothing staged is in the store after all: every row is written at the end, as
        without streaming. Called before the caller takes its writes back, while the rows
        staged as `WRITTEN` can still be recalled from the store, except `unwritten` (the
        rows of the write that found this is no first load after all), given as they are.
        `discard`, if given, is how the caller takes them back: called once they are
        recalled with the ids of every row written while reading (and of `unwritten`), a
        few hundred at a time."""
        own = {row.id: row for row in unwritten}
        self._index()
        ids = [id_ for (id_,) in self.db.execute(
            "SELECT id FROM stage WHERE props = ?", (WRITTEN,))]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            found = self._recalled([id_ for id_ in chunk if id_ not in own])
            self.db.executemany(
                "UPDATE stage SET schema = ?, props = ?, caption = ? WHERE id = ?",
                [(*(found[id_] if id_ not in own else
                    (own[id_].schema, own[id_].properties_json, own[id_].caption)), id_)
                 for id_ in chunk])
        if discard is not None:  # written and not changed since, or changed since
            cur = self.db.execute("SELECT id FROM stage WHERE done = 1 OR redo = 1")
            while chunk := [id_ for (id_,) in cur.fetchmany(500)]:
                discard(chunk)
        self.streaming = False
        self.fresh, self.fresh_lines = [], {}
        self.recall = None
        self.db.execute("UPDATE stage SET done = 0, redo = 0 WHERE done = 1 OR redo = 1")

    def _recalled(self, ids: list[str]) -> dict[str, tuple[str, str, str]]:
        """(schema, properties, caption) of rows staged as `WRITTEN`, from the store."""
        if not ids:
            return {}
        assert self.recall is not None, "rows staged as written need the write transaction"
        found = self.recall(ids)
        if len(found) != len(set(ids)):  # only ever this transaction's own records
            raise error(Conflict, "store.concurrent_write")
        return found

    def ids(self, known: bool = True, pending: bool = False) -> Iterator[str]:
        """Every staged id; without the known rows' (the owner's own) if `known` is False;
        only those not written while reading if `pending`."""
        if known:
            self._unfold()
        sql = "SELECT id FROM stage" + _where(known, pending)
        for (id_,) in self.db.execute(sql):
            yield id_

    def written_ids(self, redo: bool = False) -> Iterator[str]:
        """The ids of the rows written while reading (`streaming`) and not changed since, in
        input order; or with `redo` those changed since (to be written again, merged)."""
        self._unfold()
        sql = "SELECT id FROM stage WHERE " + ("redo = 1" if redo else "done = 1 ORDER BY seq")
        for (id_,) in self.db.execute(sql):
            yield id_

    def origin(self, id_: str) -> tuple[str, str]:
        """The file and row an entity was first read from."""
        self._index()
        found = self.db.execute("SELECT file, row FROM stage WHERE id = ?", (id_,)).fetchone()
        return (found[0], found[1]) if found else ("", "")

    def rows(self, known: bool = True, pending: bool = False
             ) -> Iterator[tuple[RecordRow, str, str, tuple[str, bool] | None]]:
        """(record row, file, row, (line hash, own envelope) or None) in input order,
        serialised as the store writes them; without the known rows (nothing to write for
        them) if `known` is False; only those not written while reading if `pending`. The
        line is there for a row read from one line alone."""
        if known:
            self._unfold()
        self.db.execute("PRAGMA cache_size=-2000")  # SQLite's default
        cur = self.db.execute(
            "SELECT id, schema, props, caption, missing, keys, envelope, file, row, line, own"
            " FROM stage" + _where(known, pending) + " ORDER BY seq"
        )
        while rows := cur.fetchmany(2000):
            stored = self._stored([(r[0], r[9]) for r in rows if r[2] == STORED])
            for id_, schema, props, caption, missing, keys, env, file, row, line, own in rows:
                found = None if keys is None else tuple(keys.split("\x1f")) if keys else ()
                if props == STORED:
                    schema, props, caption, stored_env = stored[id_]
                    envelope = self._envelope(stored_env if own else env)
                else:
                    envelope = self._envelope(env)
                record = RecordRow(id_, schema, props, caption, envelope, missing, found)
                yield record, file, row, None if line is None else (line, bool(own))

    def _ref(self, envelope: Envelope) -> str:
        """What the stage's envelope column holds for this envelope: its number, or its JSON
        once `ENVELOPES` distinct ones are numbered."""
        text = envelope.json
        ref = self._refs.get(text)
        if ref is None:
            if len(self._texts) >= ENVELOPES:
                return text
            ref = self._refs[text] = f"#{len(self._texts)}"
            self._texts.append(text)
        return ref

    def _envelope(self, value: str) -> Envelope:
        """The envelope of a stage row's envelope column (a number, or JSON), parsed once."""
        text = self._texts[int(value[1:])] if value.startswith("#") else value
        found = self._parsed.get(text)
        if found is None:
            found = Envelope.from_dict(orjson.loads(text))
            if len(self._parsed) < 10_000:
                self._parsed[text] = found
        return found

    def _stored(self, rows: list[tuple[str, str | None]]
                ) -> dict[str, tuple[str, str, str, str]]:
        """id -> (schema, properties, caption, envelope JSON) from the store for `STORED`
        rows given as (id, line hash): the record must still be the version that line wrote."""
        if not rows:
            return {}
        assert self._fill is not None, "rows staged as stored need the store to fill them"
        found = self._fill([id_ for id_, _line in rows])
        out = {}
        for id_, line in rows:
            hit = found.get(id_)
            if hit is None or hit[4] != line:
                # erased or written since it was read (a write beside this ingest): try again
                raise error(Conflict, "store.concurrent_write")
            out[id_] = hit[:4]
        return out

    def _full(self, row: RecordRow, line: str | None, own: bool) -> RecordRow:
        """The row with its schema, properties, caption and envelope, read from the store if
        it was staged as its id alone."""
        if row.properties_json != STORED:
            return row
        schema, props, caption, env = self._stored([(row.id, line)])[row.id]
        envelope = self._envelope(env) if own else row.envelope
        return row._replace(schema=schema, properties_json=props, caption=caption,
                            envelope=envelope)


def _where(known: bool, pending: bool) -> str:
    """The WHERE clause of `ids` and `rows`."""
    terms = ([] if known else ["known = 0"]) + (["done = 0"] if pending else [])
    return " WHERE " + " AND ".join(terms) if terms else ""


def _row_line_own(entry: tuple[RecordRow, str, str, bool, str | None, bool]
                  ) -> tuple[RecordRow, str | None, bool]:
    return entry[0], entry[4], entry[5]


def _keys(row: RecordRow) -> str | None:
    return None if row.keys is None else "\x1f".join(row.keys)


def _merge(left: RecordRow, right: RecordRow) -> RecordRow:
    # (imported here: a re-ingest of unchanged lines merges nothing, and needs no FtM)
    from followthemoney.exc import InvalidData

    from interlink.core.record import Record

    # the same entity from two files of one agency differs only in source_ref: that merges
    if left.envelope.with_changes(source_ref="").terms() != right.envelope.with_changes(
        source_ref=""
    ).terms():
        raise invalid("ingest.twice_other_terms", "id", id=left.id)
    a = Record.from_stored(left.id, left.schema, left.properties_json, left.envelope)
    b = Record.from_stored(right.id, right.schema, right.properties_json, right.envelope)
    try:
        entity = a.entity.merge(b.entity)
    except InvalidData as exc:
        # FtM's own reason, in its words
        raise invalid("ingest.twice_no_merge", "id", id=left.id, reason=str(exc)) from None
    return RecordRow.of(Record(entity=entity, envelope=left.envelope))
