"""The store's current checksums, for the ingest's fast path on input it has already stored.

Re-ingesting a file that has not changed (a partner sends its whole extract every week) is the
common case, and validating every value again through FtM only to find the same checksum is
most of its cost. An FtM line whose properties, taken as they are (sorted, compact JSON),
hash to the checksum of the agency's current record for that id holds exactly the stored
values: those were cleaned when they were written, so cleaning them again gives them back
unchanged, and the line can be staged as the stored record without FtM. Any other line (new,
changed, values not yet clean, a fragment of an entity) takes the ordinary path; a miss costs
one hash.

`KnownChecksums` crosses into the parallel readers' worker processes: it pickles as its
address and opens its own connection there.
"""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from interlink.core.envelope import Envelope
from interlink.core.recordrow import RecordRow, dumps_compact
from interlink.ingest import lines
from interlink.store.sql import by_ids

#: ids looked up in one query (below SQLite's and PostgreSQL's parameter limits)
CHUNK = 1000

#: SQLite's page cache for the look-ups, KiB: a re-ingest looks up every id of the file, and
#: each look-up walks the lines' and the records' B-trees, which SQLite's default 2 MiB cache
#: holds a sliver of at a million records (measured, 154,355 look-ups: 1.32 s CPU with it,
#: 0.97 s with 64 MiB); bounded, so memory stays bounded whatever the store's size
CACHE_KIB = 32768


#: in a reader's worker process, the engine of its own kept for every part the process reads,
#: by (process, store address): a part used to open its own, on a cold page cache, and a
#: re-ingest's ~20 parts of a 90 MB file spent a tenth of the look-up's CPU doing that
#: (measured, 154,355 ids in 23 parts: 0.99-1.02 s CPU, 0.80-0.89 s with one engine); the
#: processes end with the read, and their engines with them
_READERS: dict[tuple[int, str], Engine] = {}


def _bigger_cache(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    cur.close()


class KnownChecksums:
    """The owner's current (checksum, caption) by record id, looked up a chunk at a time."""

    def __init__(self, url: str, envelope: Envelope, engine: Engine | None = None) -> None:
        """`engine`: the store's, to share its connections (PostgreSQL); without it (SQLite),
        an engine of its own, whose connection keeps a larger page cache (`CACHE_KIB`) for
        the look-ups and gives it back at `close`."""
        self.url = url
        self.envelope = envelope  # the ingest's default envelope (lines may carry their own)
        self._engine = engine
        self._own = engine is None
        self._shared = False  # unpickled in a reader's worker process (`_READERS`)

    def __getstate__(self) -> dict[str, Any]:
        # (unpickled in a reader's worker process: the engine is that process's, `_READERS`)
        return {"url": self.url, "envelope": self.envelope, "_engine": None, "_own": False,
                "_shared": True}

    def _connect(self) -> Engine:
        if self._engine is None:
            key = (os.getpid(), self.url)
            engine = _READERS.get(key) if self._shared else None
            if engine is None:
                engine = create_engine(self.url, future=True)
                if engine.dialect.name == "sqlite":
                    event.listen(engine, "connect", _bigger_cache)
                if self._shared:
                    _READERS[key] = engine
            self._engine = engine
        return self._engine

    def close(self) -> None:
        """Close the engine of its own, if it made one (its connection and page cache); in
        a reader's worker process, leave it to the next part (`_READERS`)."""
        if self._shared:
            self._engine = None
        elif self._own and self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def lines(self, ids: list[str]) -> dict[str, tuple[str, bool]]:
        """What `ingest.lines.lookup` says of the owner's records among `ids`."""
        if not ids:
            return {}
        wanted = sorted(set(ids))
        out: dict[str, tuple[str, bool]] = {}
        with self._connect().connect() as conn:
            for start in range(0, len(wanted), CHUNK):
                out.update(lines.lookup(conn, self.envelope.owner,
                                        wanted[start : start + CHUNK]))
        return out

    def lookup(self, ids: list[str]) -> dict[str, tuple[str, str]]:
        """id -> (checksum, caption) of the owner's current, non-erased records among `ids`."""
        wanted = sorted(set(ids))
        out: dict[str, tuple[str, str]] = {}
        with self._connect().connect() as conn:
            for start in range(0, len(wanted), CHUNK):
                chunk = wanted[start : start + CHUNK]
                for id_, checksum, caption, owner, erased in by_ids(
                        conn, "id, checksum, caption, owner, erased", chunk):
                    if owner == self.envelope.owner and not erased:
                        out[id_] = (checksum, caption)
        return out


def candidate(
    data: dict[str, Any], envelope: Envelope
) -> tuple[str, str, str, str, str] | None:
    """(id, schema, properties JSON, missing property, checksum) of the row as it would be
    stored if its values are already clean (the caption is the stored record's), or
    None when the line's shape alone says it is not (a property that is not a list, an
    unknown schema): those take the ordinary path, which says what is wrong."""
    id_ = data.get("id")
    schema_name = data.get("schema")
    props = data.get("properties")
    if not isinstance(id_, str) or not isinstance(schema_name, str) or not isinstance(
            props, dict):
        return None
    from interlink.core.model import model  # (FtM: only once a line is parsed)

    schema = model.get(schema_name)
    if schema is None or schema.abstract:
        return None
    # no value is checked here: a value that is not a string writes JSON no stored record
    # has (stored values are all strings), so it can only miss; a property that is not a list
    # could sort into a list of its characters, so it is not taken
    try:
        canonical = {name: sorted(values) for name, values in sorted(props.items())
                     if values.__class__ is list and values}
    except TypeError:  # values that do not sort together (a string beside a number)
        return None
    if len(canonical) != len(props) and any(
            values.__class__ is not list for values in props.values()):
        return None
    props_json = dumps_compact(canonical)
    missing = next((p for p in schema.required if p not in canonical), "")
    # what the store compares (`RecordRow.checksum`), so the two cannot disagree
    checksum = RecordRow(id_, schema.name, props_json, "", envelope, missing).checksum()
    return id_, schema.name, props_json, missing, checksum
