"""Input lines recognised by their bytes: the ingest's fastest path for an unchanged file.

`ingest.known` recognises a line that holds exactly the owner's current record, but only after
parsing it, sorting its properties and hashing them: most of the cost of re-sending a file
nothing in which has changed. Here each FtM line is hashed as raw bytes, together with the
terms it is read under (the ingest's default envelope's terms and source reference: not its
dates, which are the run's) and the software's version, and the store keeps that hash beside
the version the line wrote (`ingest_lines`, written in the ingest's own transaction). A later
line with the same hash, whose record's head is still that version, is exactly what the store
holds: the same bytes read under the same terms by the same code give the same row, so it is
staged as the stored version (its caption, its properties left in the store until needed; the
line's own envelope as stored, or
else this run's default envelope, as the ordinary path would) with no JSON parsed at all.

What makes this safe rather than merely fast:
- the hash is over everything that decides the row (line bytes, default terms, versions), so a
  hit can only be the line that wrote that version, read the same way;
- an entry is kept only for a record written from one line alone (not merged with another
  fragment) and only when no id was renamed in that load (a renaming rewrites references);
- an entry is valid while the head's version is the one it names, and any write to a record
  (an update, an erasure, a review extension) makes a new version: stale entries are never
  trusted, so no other writer needs to know of this table;
- the look-up is by the record id the line names and the ingesting agency: another agency's
  record is never read, and a wrong id taken from a line that is not well formed can only
  miss (its hash is not that record's line). A miss takes the ordinary path.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from typing import Any

from sqlalchemy.engine import Connection

from interlink import __version__
from interlink.core.envelope import Envelope
from interlink.store.sql import id_list, raw_rows

#: bumped when anything about how a line becomes a row changes without a version bump
SCHEME = "interlink-lines/1"

# the line's own id, found without parsing it: `"id": "..."` with no escape inside (a line
# whose id has one takes the ordinary path). Only a look-up key: what decides is the hash.
_ID = re.compile(r'"id"\s*:\s*"([^"\\]*)"')


@cache
def _ftm_version() -> str:
    """FollowTheMoney's installed version, looked up once a process: `importlib.metadata`
    reads the distribution's files on every call (0.57 ms), and a reader hashed with a new
    `LineHasher` for every part it read."""
    from importlib.metadata import version

    return version("followthemoney")


class LineHasher:
    """Hashes of lines read under one default envelope (`None`: no hashes, no envelope)."""

    def __init__(self, envelope: Envelope | None) -> None:
        self._seed: Any = None
        if envelope is not None:
            seed = hashlib.blake2b(digest_size=20)
            seed.update("\x1f".join((SCHEME, __version__, _ftm_version(), envelope.terms_json,
                                     envelope.source_ref)).encode("utf-8") + b"\n")
            self._seed = seed

    def __call__(self, line: str) -> str | None:
        """The hash of a (stripped) line, as `ingest_lines.line_hash` holds it."""
        if self._seed is None:
            return None
        h = self._seed.copy()
        h.update(line.encode("utf-8", "surrogatepass"))
        return h.hexdigest()


    def many(self, lines: list[str]) -> list[str | None]:
        """The hashes of many lines (a re-ingest hashes every line: one call, not one each)."""
        if self._seed is None:
            return [None] * len(lines)
        copy = self._seed.copy
        out: list[str | None] = []
        append = out.append
        for line in lines:
            h = copy()
            h.update(line.encode("utf-8", "surrogatepass"))
            append(h.hexdigest())
        return out


def line_ids(lines: list[str]) -> list[str | None]:
    """`line_id` of many lines."""
    search = _ID.search
    return [found.group(1) if (found := search(line)) else None for line in lines]


def line_id(line: str) -> str | None:
    """The record id an FtM line names, read from its text (None if not simply found)."""
    found = _ID.search(line)
    return found.group(1) if found else None


def lookup(conn: Connection, owner: str, ids: list[str]) -> dict[str, tuple[str, bool]]:
    """id -> (line hash, own envelope) of the owner's records among `ids` whose head is still
    the version an ingested line wrote. Nothing else of the record: the ingest stages such a
    line as its id alone and reads the record back only in the rare case it needs it (a later
    fragment merges with it, or ids are renamed in the load; `staging.STORED`)."""
    if not ids:
        return {}
    # by the lines' primary key alone: with the owner in the WHERE clause SQLite's planner
    # walks the owner's index instead (every record of the agency, per chunk); the owner and
    # erasure are checked here
    sql, params = id_list(conn, (
        "SELECT l.record_id, l.line_hash, l.own_envelope, r.owner, r.erased"
        " FROM ingest_lines l"
        " JOIN records r ON r.id = l.record_id AND r.version = l.version"
        " WHERE l.record_id"), ids)
    return {row[0]: (row[1], bool(row[2]))
            for row in raw_rows(conn, sql, params) if row[3] == owner and not row[4]}


def stored(conn: Connection, owner: str, ids: list[str]
           ) -> dict[str, tuple[str, str, str, str, str]]:
    """id -> (schema, properties, caption, envelope JSON, line hash) of the owner's current
    records among `ids` whose head is still the version an ingested line wrote: what staging
    needs of a line it holds as its id alone (`staging.STORED`); the hash lets it check the
    head is still the version the line was recognised as."""
    if not ids:
        return {}
    sql, params = id_list(conn, (
        "SELECT r.id, r.schema, r.properties, r.caption, v.envelope, l.line_hash, r.owner,"
        " r.erased"
        " FROM ingest_lines l"
        " JOIN records r ON r.id = l.record_id AND r.version = l.version"
        " JOIN record_versions v ON v.record_id = l.record_id AND v.version = l.version"
        " WHERE l.record_id"), ids)
    return {row[0]: row[1:6] for row in raw_rows(conn, sql, params)  # type: ignore[misc]
            if row[6] == owner and not row[7]}


def remember(conn: Connection, rows: list[tuple[str, int, str, bool]]) -> None:
    """Keep (record id, version, line hash, own envelope) for versions just written from one
    line each, in the writing transaction; an earlier entry for the same record is replaced.
    A first version has no earlier entry (its record did not exist: an entry goes with its
    record, `SQLStore.discard_created`, and an erasure keeps the head), so on PostgreSQL only
    the others are looked for: on a first load that is none, instead of one index probe per
    record on the server."""
    if not rows:
        return
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    if conn.dialect.name == "postgresql":
        pg: Any = dbapi  # psycopg's connection: its cursor has COPY
        later = [r[0] for r in rows if r[1] != 1]
        with pg.cursor() as cur:  # COPY cannot replace: the earlier entries go first
            if later:
                cur.execute("DELETE FROM ingest_lines WHERE record_id = ANY(%s)", (later,))
            with cur.copy("COPY ingest_lines (record_id, version, line_hash, own_envelope)"
                          " FROM STDIN"
                          ) as copy:
                for row in rows:
                    copy.write_row(row)
        return
    cur = dbapi.cursor()
    try:
        cur.executemany("INSERT OR REPLACE INTO ingest_lines"
                        " (record_id, version, line_hash, own_envelope) VALUES (?, ?, ?, ?)",
                        sorted(rows))  # in the key's order, as `SQLStore._in_key_order`
    finally:
        cur.close()
