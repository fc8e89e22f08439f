"""The SQL store: one implementation for SQLite (a file, the default) and PostgreSQL (a URL).

Writes go through `write()`, which takes any iterable of records, compares each with the
current version by checksum, and in one transaction inserts new versions, moves the heads and
appends one audit entry per batch. Nothing is overwritten: an update is a new version; an
erasure empties the content of every version (the skeleton stays, so the history of who wrote
what when survives) and is itself an audited version.

A record's current content is stored once, in its head (`records`): its version row holds the
skeleton with `properties` NULL, and gets the content when a later version supersedes it
(`_keep_superseded`); the reads of versions take a live version's content from the head
(`_VERSIONS`). Half the bytes a first load wrote per record were the same JSON twice.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import fields as dataclass_fields
from datetime import UTC, date, datetime
from functools import lru_cache
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import orjson
from sqlalchemy import (
    Index,
    Integer,
    Select,
    String,
    Table,
    and_,
    any_,
    bindparam,
    case,
    create_engine,
    event,
    func,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, Dialect, Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from interlink import settings
from interlink.audit import chain
from interlink.audit.anchor import Anchors
from interlink.audit.writer import AuditWriter, Committed, append_committed
from interlink.core.agency import Agency
from interlink.core.envelope import Envelope, parse_date, parse_datetime
from interlink.core.errors import Conflict, Unavailable
from interlink.core.limits import record_id
from interlink.core.messages import error, invalid
from interlink.core.recordrow import RecordRow, loads
from interlink.store import migrate
from interlink.store.base import Actor, WriteResult
from interlink.store.tables import agencies, ingest_lines, record_versions, records
from interlink.store.tables import record_keys as record_keys_table

if TYPE_CHECKING:
    from interlink.core.record import Record

_Row = TypeVar("_Row", bound=tuple[Any, ...])


def record_keys(schema: str, properties: Mapping[str, Sequence[str]]) -> list[str]:
    """`search.record_keys`, imported when first needed: the store's module is imported by
    commands that never compute a key (a re-ingest of unchanged lines), and the search
    keys bring FollowTheMoney, rigour and the name tables with them."""
    from interlink.search import record_keys as keys

    return keys(schema, properties)


def _record_class() -> type[Record]:
    """`core.record.Record`, imported when first needed (FollowTheMoney: `record_keys`)."""
    from interlink.core.record import Record

    return Record


class _Head(NamedTuple):
    """What a bulk write reads of a record's head before writing onto it."""

    id: str
    version: int
    checksum: str
    owner: str
    erased: bool


def to_url(location: str) -> str:
    """A bare path means a SQLite file; anything with '://' is an SQLAlchemy URL."""
    if "://" in location:
        if location.startswith("postgresql://") or location.startswith("postgres://"):
            # psycopg 3 is the driver we ship; plain postgresql:// would ask for psycopg2
            return "postgresql+psycopg://" + location.split("://", 1)[1]
        return location
    return f"sqlite:///{Path(location).expanduser()}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Transactions are begun by `_sqlite_begin`, not by the driver: Python's sqlite3 would only
    # BEGIN before the first INSERT, so a writer's reads (the last audit sequence number, the
    # current version of a record) ran before it held the write lock and raced other writers.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    # before WAL mode: it decides the page size of a database not yet written, and of no other
    cur.execute(f"PRAGMA page_size={SQLITE_PAGE_BYTES}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cur.close()


#: The page size of a new SQLite store, in bytes (SQLite's default is 4096). A store's B-trees
#: take random inserts (ids and keys are hashes) and a bulk load writes a gigabyte a million
#: records: with 16 KiB pages each insert walks fewer levels, a batch's sorted rows share
#: fewer pages, and the WAL and its checkpoint move the same bytes in a quarter of the
#: frames. Measured, paired at a million entities, a first load's CPU: benchmarks/RESULTS.md,
#: issue 17 thirteenth pass. An existing store keeps the page size it was created with
#: (`VACUUM` outside WAL mode would change it).
SQLITE_PAGE_BYTES = 16384

#: How long a SQLite statement waits for another writer's lock before giving up, in ms. An
#: ingest holds the lock from its first batch to its commit, so a server's reads (each writes
#: its audit entry) can wait this long; past it they answer "busy, try again" (`_sqlite_busy`).
SQLITE_BUSY_MS = 10_000


def _sqlite_busy(context: Any) -> None:
    """SQLite's "database is locked" (SQLITE_BUSY past the busy timeout) as `Unavailable`:
    nothing is wrong with the request or the store, another writer holds it, so every surface
    says "try again" (the API 503 with Retry-After) instead of a 500 that reads like a fault.
    SQLAlchemy raises what a handle_error listener raises in place of its own error."""
    orig = context.original_exception  # sqlite3's errors name their code (Python >= 3.11)
    if getattr(orig, "sqlite_errorname", "") in ("SQLITE_BUSY", "SQLITE_LOCKED"):
        raise error(Unavailable, "store.busy") from orig


def _sqlite_begin(conn: Connection) -> None:
    """A write transaction takes SQLite's write lock at BEGIN (IMMEDIATE), so everything it
    reads before writing is what it writes onto; other writers wait (busy_timeout) instead of
    failing on a stale snapshot. Reads begin DEFERRED and never block anyone."""
    immediate = conn.get_execution_options().get(_IMMEDIATE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


_IMMEDIATE = "interlink_write"  # the execution option that marks the store's write transactions

#: SQLite page cache of a bulk write (`SQLStore.bulk_writing`), in KiB. Measured on 60,000
#: entities written into a store of a million (2026-12-05): against the default 2 MiB, the
#: writing process's CPU time -6 % and its wall time -25 % (fewer pages re-read from the OS),
#: peak RSS +70 MiB (216 MiB, under the ingest's bound of 300 MiB whatever the file size).
BULK_CACHE_KIB = 64 * 1024

#: A write transaction that wrote at least this many records, and at least a tenth of what the
#: records table held, has the planner's statistics of the records' tables brought up to date
#: once it commits (PostgreSQL; `SQLStore.transaction`).
ANALYZE_AFTER = 10_000
_WRITTEN = "interlink_written"  # conn.info: records written in this transaction


#: The tables a bulk write fills, whose secondary indexes a large first load builds after its
#: rows (`SQLStore.defer_indexes`); their primary keys stay, for the write's own look-ups.
_BULK_TABLES = (records, record_versions, record_keys_table, ingest_lines)
#: A bulk write defers its indexes when it expects at least this many records and the store
#: holds at most this ratio times as many: a sorted build costs about the rows already held
#: again, which pays while the load is a large part of the store (measured,
#: benchmarks/RESULTS.md, issue 17 eleventh pass).
DEFER_INDEXES_MIN = 10_000
DEFER_INDEXES_RATIO = 1.0
#: SQLite page cache while those indexes are built (`SQLStore.build_indexes`), in KiB
INDEX_BUILD_CACHE_KIB = 16 * 1024

#: a batch's row's sort key (`SQLStore._in_key_order`)
_FIRST_COLUMN = itemgetter(0)

#: the head's envelope columns after its owner, in the table's order (`SQLStore._write_batch`)
_HEAD_ENVELOPE = ("handling", "conditions", "tlp", "source_grade", "info_grade", "purposes",
                  "collected_at", "review_by", "source_ref")


@contextmanager
def _page_cache(conn: Connection, kib: int) -> Iterator[None]:
    """SQLite's page cache of `conn` set to `kib` KiB for a while, then set back: the
    connection may be a pooled one that a server goes on using with the default."""
    old = int(conn.exec_driver_sql("PRAGMA cache_size").scalar_one())
    conn.exec_driver_sql(f"PRAGMA cache_size=-{kib}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={old}")


def _envelope_columns(env: Envelope) -> dict[str, Any]:
    return {
        "owner": env.owner,
        "handling": env.handling.value,
        "conditions": env.conditions,
        "tlp": env.tlp.value,
        "source_grade": env.source_grade.value,
        "info_grade": env.info_grade.value,
        "purposes": ",".join(sorted(p.value for p in env.purposes)),
        "collected_at": env.collected_at,
        "review_by": env.review_by,
        "source_ref": env.source_ref,
    }


#: (dialect, envelope JSON) -> what a bulk write needs of that envelope (`_envelope_row`);
#: a few hundred: a file's envelopes come in runs of lines (FR-OFAST's 257,571 lines at the
#: demo's million: 13,726 distinct envelopes, 13,780 (envelope, 4 MiB part) pairs), and at
#: 10,000 entries (about 1 KB each) held 10 MiB of a first load's 300 MiB for nothing
_ENVELOPE_ROWS: dict[tuple[str, str], tuple[dict[str, Any], tuple[Any, ...], str, str]] = {}
_ENVELOPE_ROWS_MAX = 500


def _envelope_row(dialect: Dialect, bind: Callable[[str, Any], Any], envelope: Envelope
                  ) -> tuple[dict[str, Any], tuple[Any, ...], str, str]:
    """An envelope's columns (as Python values, and the head's after its owner as the driver
    binds them), its JSON and its terms as a checksum reads them (`RecordRow.checksum`),
    kept by its JSON for the next batches: a bulk load's rows come in new envelope objects
    with each part read in parallel, a few hundred distinct envelopes a file, and working
    these out again for each was a twentieth of a first load's writing process. The JSON
    holds every field, so equal JSON is an equal envelope."""
    key = (dialect.name, envelope.json)
    found = _ENVELOPE_ROWS.get(key)
    if found is None:
        raw = _envelope_columns(envelope)
        found = (raw, tuple(bind(k, raw[k]) for k in _HEAD_ENVELOPE), envelope.json,
                 "\x1f" + envelope.terms_json)
        if len(_ENVELOPE_ROWS) >= _ENVELOPE_ROWS_MAX:
            _ENVELOPE_ROWS.clear()
        _ENVELOPE_ROWS[key] = found
    return found


def _insert_rows(conn: Connection, table: Table, rows: list[tuple[Any, ...]]) -> None:
    """Bulk insert of whole rows, as tuples in the table's column order, straight through the
    driver: executemany with SQLAlchemy's compiled, still parameterised statement on SQLite,
    COPY on PostgreSQL. The values are already what the driver binds (`_binder`): building
    a dictionary per row and converting every date per row cost the writing process more
    than SQLite spent storing the rows (profiled, a first load of 154,355 entities)."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        _copy_rows(conn, table, rows)
        return
    conn.exec_driver_sql(_compiled_insert(conn.dialect, table), rows)


def _insert_many(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """`_insert_rows` for rows given as dictionaries of Python values (every column)."""
    bind = _binder(conn.dialect, table)
    keys = table.c.keys()
    _insert_rows(conn, table, [tuple(bind(k, row[k]) for k in keys) for row in rows])


def _copy_rows(conn: Connection, table: Table, rows: list[tuple[Any, ...]]) -> None:
    """PostgreSQL's COPY, the bulk path it is built for (several times executemany's rate),
    inside the same transaction; psycopg adapts each value, so nothing is spliced into SQL."""
    quote = conn.dialect.identifier_preparer.quote
    columns = ", ".join(quote(column.key) for column in table.c)
    sql = f"COPY {quote(table.name)} ({columns}) FROM STDIN"
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    with dbapi.cursor() as cur, cur.copy(sql) as copy:
        write = copy.write_row
        for row in rows:
            write(row)


@lru_cache(maxsize=64)
def _compiled_insert(dialect: Dialect, table: Table) -> str:
    """The insert of every column of `table`, its placeholders in the table's column order."""
    compiled = table.insert().compile(dialect=dialect, column_keys=table.c.keys())
    if compiled.positional:
        order = [compiled.binds[name].key for name in compiled.positiontup or ()]
        assert order == table.c.keys(), "an insert's placeholders follow the columns"
    return str(compiled)


@lru_cache(maxsize=64)
def _binder(dialect: Dialect, table: Table) -> Callable[[str, Any], Any]:
    """(column, Python value) -> the value the driver binds for it on this dialect: SQLite's
    text for dates and times; PostgreSQL's COPY adapts Python values itself. A bulk write
    converts a batch's shared values (its timestamp, its envelopes' columns) once with it."""
    procs: dict[str, Callable[[Any], Any]] = {}
    if dialect.name != "postgresql":
        for column in table.c:
            proc = column.type._cached_bind_processor(dialect)
            if proc is not None:
                procs[column.key] = proc

    def bind(key: str, value: Any) -> Any:
        proc = procs.get(key)
        return value if proc is None else proc(value)

    return bind


def id_list(conn: Connection, sql: str, ids: list[str]) -> tuple[str, Any]:
    """`sql` ("... WHERE column") completed to match any of `ids`, and its parameters: on
    PostgreSQL one text[] parameter (`= ANY(%s)`), since psycopg parses a statement with
    thousands of placeholders again on every call (its cache stops at a few KB of SQL): that
    parse was a third of a re-ingest's client CPU; on SQLite an IN list of placeholders."""
    if conn.dialect.name == "postgresql":
        return f"{sql} = ANY(%s)", [list(ids)]
    return f"{sql} IN ({','.join(['?'] * len(ids))})", ids


def by_ids(conn: Connection, columns: str, ids: list[str]) -> list[tuple[Any, ...]]:
    """`SELECT columns FROM records WHERE id IN ids` straight through the driver: the look-up
    bulk writes run for every batch. SQLAlchemy's IN list (literal or expanding) costs more to
    build and its result rows more to fetch than the database spends answering; ids are still
    bound parameters, never spliced. By primary key alone: a filter on the owner as well may
    lead SQLite's planner to walk the owner's index instead. `columns` is the caller's own
    constant text."""
    if not ids:
        return []
    return raw_rows(conn, *id_list(conn, f"SELECT {columns} FROM records WHERE id", ids))


def raw_rows(conn: Connection, sql: str, params: Any) -> list[tuple[Any, ...]]:
    """The rows of one statement on the driver's own cursor, for the bulk look-ups whose
    SQLAlchemy result rows would cost more than the database's answer (`by_ids`, a
    re-ingest's known lines). `params` are bound, never spliced."""
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    cur = dbapi.cursor()
    try:
        cur.execute(sql, params)
        return list(cur.fetchall())
    finally:
        cur.close()


def _agency(row: Any) -> Agency:
    return Agency(code=row.code, country=row.country, names=json.loads(row.names))


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _ids_array(ids: list[str]) -> Any:
    """Record ids as one PostgreSQL text[] parameter."""
    # (imported here: a command on a SQLite store never loads PostgreSQL's dialect)
    from sqlalchemy.dialects.postgresql import ARRAY

    return bindparam("ids", list(ids), type_=ARRAY(String))


@lru_cache(maxsize=4096)
def _envelope_of(owner: str, handling: str, conditions: str, tlp: str, source_grade: str,
                 info_grade: str, purposes: str, collected_at: datetime,
                 review_by: date | None, source_ref: str) -> Envelope:
    """A head row's envelope columns as an Envelope: one object for records whose columns are
    all the same (frozen, so they may share it), and its terms (codes, grades, purposes)
    parsed once per distinct set. Records share a few sets of terms (an ingest gives one to
    every line of a file) but rarely a collection time or a source reference, so a cache
    keyed on all the columns missed on nearly every record (py-spy: building envelopes was a
    tenth of a search's interpreter time at a million records; the demo's million records
    hold 23 sets of terms but 61,729 source references): on a miss the terms come from their
    own cache, and only the two dates are read, as `Envelope` reads them, and the reference
    (free text, which the constructor keeps as it is) set."""
    if review_by is None:  # computed from the collection date: the constructor's rule
        return _envelope(owner, handling, conditions, tlp, source_grade, info_grade, purposes,
                         collected_at, review_by, source_ref)
    terms = _terms_of(owner, handling, conditions, tlp, source_grade, info_grade, purposes)
    envelope = object.__new__(Envelope)
    fields = envelope.__dict__
    for name in _ENVELOPE_FIELDS:  # the fields only: never a cached property of `terms`
        fields[name] = terms.__dict__[name]
    fields["collected_at"] = parse_datetime(_utc(collected_at), "collected_at")
    fields["review_by"] = parse_date(review_by, "review_by")
    fields["source_ref"] = source_ref
    return envelope


_ENVELOPE_FIELDS = tuple(f.name for f in dataclass_fields(Envelope))


@lru_cache(maxsize=4096)
def _terms_of(owner: str, handling: str, conditions: str, tlp: str, source_grade: str,
              info_grade: str, purposes: str) -> Envelope:
    """An Envelope with these terms, validated once; its dates and reference are
    placeholders."""
    return _envelope(owner, handling, conditions, tlp, source_grade, info_grade, purposes,
                     _TERMS_ONLY, _TERMS_ONLY.date(), "")


_TERMS_ONLY = datetime(2000, 1, 1, tzinfo=UTC)


def _envelope(owner: str, handling: str, conditions: str, tlp: str, source_grade: str,
              info_grade: str, purposes: str, collected_at: datetime,
              review_by: date | None, source_ref: str) -> Envelope:
    return Envelope(
        owner=owner,
        handling=handling,
        conditions=conditions,
        tlp=tlp,
        source_grade=source_grade,
        info_grade=info_grade,
        purposes=frozenset(purposes.split(",")),
        collected_at=_utc(collected_at),
        review_by=review_by,
        source_ref=source_ref,
    )


#: statements a server runs on every read and search, built once (building one, and its cache
#: key, cost more than a primary-key look-up's own Python work)
_BY_ID = select(records).where(records.c.id == bindparam("id"))

#: a head row as the driver's cursor gives it, read by name as SQLAlchemy's rows are
_HeadRow = NamedTuple("_HeadRow", [(c.name, Any) for c in records.c])  # type: ignore[misc]


@lru_cache(maxsize=4)
def _by_id_sql(dialect: Dialect) -> str:
    """`_BY_ID` as the driver's own text, compiled once per dialect."""
    return str(_BY_ID.compile(dialect=dialect))


def _candidates_query() -> Select[Any]:
    hits = func.count().label("hits")
    best = (
        select(record_keys_table.c.record_id, hits)
        .where(record_keys_table.c.key.in_(bindparam("keys", expanding=True)))
        .group_by(record_keys_table.c.record_id)
        .order_by(hits.desc(), record_keys_table.c.record_id)
        .limit(bindparam("limit", type_=Integer, literal_execute=True))
        .subquery("best")
    )
    return (
        select(records, best.c.hits)
        .join(best, best.c.record_id == records.c.id)
        .where(records.c.erased.is_(False))
        .order_by(best.c.hits.desc(), records.c.id)
    )


_CANDIDATES = _candidates_query()


def _versions_query() -> Select[Any]:
    """Version rows with their content: a version the head still is (not erased) holds none
    of its own (`SQLStore._write_batch`), its content is the head's; every other version's is
    its own (NULL once erased)."""
    v, r = record_versions, records
    live = and_(v.c.properties.is_(None), r.c.version == v.c.version, r.c.erased.is_(False))
    props = case((live, r.c.properties), else_=v.c.properties).label("properties")
    return (select(*(props if c.key == "properties" else c for c in v.c))
            .select_from(v.outerjoin(r, r.c.id == v.c.record_id)))


#: every read of versions goes through this (`SQLStore.get`, `SQLStore.history`)
_VERSIONS = _versions_query()

#: a head's content into its version row, before a new version supersedes it
_KEEP_SUPERSEDED = (
    update(record_versions)
    .where(record_versions.c.record_id == bindparam("b_id"),
           record_versions.c.version == bindparam("b_version"),
           record_versions.c.properties.is_(None))
    .values(properties=select(records.c.properties)
            .where(records.c.id == record_versions.c.record_id).scalar_subquery())
)

#: a candidate's row as the driver's cursor gives it: a head row and its count of keys
_CandidateRow = NamedTuple(  # type: ignore[misc]
    "_CandidateRow", [*((c.name, Any) for c in records.c), ("hits", Any)])


def _pg_candidates_sql() -> str:
    """`_CANDIDATES` for PostgreSQL's driver cursor: the keys one text[] parameter (the same
    index scan as an IN list, without a statement of its own for each number of keys)."""
    columns = ", ".join(f"records.{c.name}" for c in records.c)
    return (f"SELECT {columns}, best.hits FROM records JOIN ("
            "SELECT record_id, count(*) AS hits FROM record_keys WHERE key = ANY(%(keys)s) "
            "GROUP BY record_id ORDER BY hits DESC, record_id LIMIT %(limit)s) AS best "
            "ON best.record_id = records.id WHERE records.erased IS false "
            "ORDER BY best.hits DESC, records.id")


_PG_CANDIDATES = _pg_candidates_sql()


class Candidate:
    """A record found by a search, before anyone may see it: its id, schema and envelope,
    which is all the gate reads, its names (read from the stored JSON, without building an
    FtM entity: what a search scores), and the row, parsed into a Record only for a candidate
    that makes the page (`record()`)."""

    __slots__ = ("_record", "_row", "envelope", "hits", "id", "schema")

    def __init__(self, row: Any, hits: int) -> None:
        self.id: str = row.id
        self.schema: str = row.schema
        self.envelope = SQLStore._head_envelope(row)
        self.hits = hits  # the query's keys it shares
        self._row = row
        self._record: Record | None = None

    def names(self) -> list[str]:
        """The values of its name-typed properties, as `EntityProxy.names` gives them."""
        from followthemoney.types import registry

        from interlink.core.model import model

        schema = model.get(self.schema)
        if schema is None:
            return []
        out: set[str] = set()
        for name, values in orjson.loads(self._row.properties or "{}").items():
            prop = schema.properties.get(name)
            if prop is not None and prop.type is registry.name:
                out.update(values)
        return list(out)

    @property
    def caption(self) -> str:
        """Its caption as the store wrote it (the entity's own, `RecordRow.of`)."""
        return str(self._row.caption)

    def properties(self) -> dict[str, list[str]]:
        """Its properties as the store keeps them (canonical: sorted, no empty list), which
        is what `Record.to_dict` gives, without building the FtM entity."""
        return dict(loads(self._row.properties or "{}"))

    def record(self) -> Record:
        if self._record is None:
            row = self._row
            self._record = _record_class().from_stored(
                row.id, row.schema, row.properties or "{}", self.envelope,
                version=row.version, written_at=_utc(row.updated_at),
                written_by=row.updated_by)
        return self._record


class SQLStore:
    """The Store interface on SQLAlchemy Core."""

    def __init__(self, location: str, create: bool = False) -> None:
        self.url = to_url(location)
        self.is_sqlite = self.url.startswith("sqlite")
        if self.is_sqlite and not create:
            path = Path(self.url.split("///", 1)[1])
            if not path.exists():
                # the --store the user named on the command line, as given
                raise invalid("store.missing", "store", path=str(path))
        # PostgreSQL: a pool as deep as the server's concurrent reads (the thread pool runs up
        # to 40 per process). SQLAlchemy's default (5, and 10 more opened and closed on
        # demand) made a server under 16 concurrent reads open and close connections - a
        # backend started each time - several times a second. Opened lazily: a command that
        # uses one connection holds one.
        pooled = {} if self.url.startswith("sqlite") else {"pool_size": 20,
                                                            "max_overflow": 20}
        self.engine: Engine = create_engine(self.url, future=True, **pooled)
        # Reads on PostgreSQL run in autocommit: no BEGIN before and no ROLLBACK after each
        # look-up, two round trips saved on every read a server serves. Writes use `engine`.
        self._reader = (self.engine if self.is_sqlite
                        else self.engine.execution_options(isolation_level="AUTOCOMMIT"))
        # Writes (`transaction()`, the audit writer) begin on `_writer`: on SQLite with the
        # write lock held from the start (see `_sqlite_begin`).
        self._writer = self.engine.execution_options(**{_IMMEDIATE: True})
        # a key collision, from SQLAlchemy or straight from the driver (PostgreSQL's COPY)
        driver = self.engine.dialect.dbapi
        assert driver is not None
        self._collisions: tuple[type[Exception], ...] = (IntegrityError, driver.IntegrityError)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
            event.listen(self.engine, "handle_error", _sqlite_busy)
        try:
            with self.engine.connect() as conn:
                current = migrate.current_revision(conn)
        except OperationalError as exc:
            # the driver's own reason, in its words; the address without its password
            raise invalid("store.cannot_open", "store", url=self.safe_url,
                          reason=str(exc.orig)) from exc
        if create:
            migrate.upgrade(self.engine)
        elif current != migrate.head_revision():
            raise invalid("store.out_of_date", "store", url=self.safe_url,
                          current=current or "none", head=migrate.head_revision())

    audit_writer: AuditWriter | None = None

    def start_audit_writer(self) -> None:
        """Commit the audit entries of reads in groups (what a server wants; see
        audit/writer.py). Idempotent."""
        if self.audit_writer is None:
            self.audit_writer = AuditWriter(self._writer, Anchors.for_store(self.url))

    def audit(self, action: str, actor: str, **fields: Any) -> chain.AuditEntry:
        """Append an entry that belongs to no write of its own (a read, a search, a refusal),
        committed before this returns: through the group-commit writer when one runs."""
        if self.audit_writer is not None:
            return self.audit_writer.append(action, actor, **fields)
        with self.transaction() as conn:
            return chain.append(conn, action, actor, **fields)

    def audit_committed(self, pending: chain.Pending) -> Committed:
        """`audit`, with the versions of the watched tables (tokens and users; grants, groups
        and served agencies) read in the transaction that commits the entry: what a read
        judged against a snapshot of those tables confirms it against (policy/snapshot.py)."""
        if self.audit_writer is not None:
            return self.audit_writer.commit(pending)
        with self.transaction() as conn:
            return append_committed(conn, [pending])[0]

    @property
    def safe_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        if self.audit_writer is not None:
            self.audit_writer.close()
            self.audit_writer = None
        self.engine.dispose()

    def reading(self) -> Connection:
        """A connection for look-ups that change nothing (use it as a context manager)."""
        return self._reader.connect()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A write transaction: commits on leaving, rolls back on an error. Two writers that
        collide on one key (two first writes of one id on PostgreSQL) get `Conflict`, never a
        driver error."""
        try:
            with self._writer.begin() as conn:
                conn.info[_WRITTEN] = 0
                yield conn
                written = conn.info.pop(_WRITTEN, 0)
        except self._collisions as exc:
            raise error(Conflict, "store.concurrent_write") from exc
        if written >= ANALYZE_AFTER and not self.is_sqlite:
            self._analyze_if_grown(written)

    def _analyze_if_grown(self, written: int) -> None:
        """ANALYZE the records' tables after a bulk write that grew them by a tenth or more
        (and VACUUM the keys).
        Without it a freshly loaded store is planned as if empty until autovacuum comes by
        (or forever where it is off): the search's key look-up then scanned the whole keys
        table (180 ms instead of 8 at a million records, benchmarks/RESULTS.md). ANALYZE
        samples a bounded number of rows: seconds, whatever the size."""
        with self._reader.connect() as conn:  # autocommit: VACUUM runs outside a transaction
            held = conn.execute(text("SELECT reltuples FROM pg_class "
                                     "WHERE oid = to_regclass('records')")).scalar()
            if held is not None and held > 0 and written * 10 < held:
                return
            conn.execute(text("ANALYZE records, record_versions"))
            # the keys vacuumed too: their visibility map set, a key's postings are read from
            # the index alone (no heap page per posting): 0.7 s at a million records
            conn.execute(text("VACUUM (ANALYZE) record_keys"))

    @contextmanager
    def bulk_writing(self, conn: Connection) -> Iterator[None]:
        """A bulk write's page cache, for the length of one transaction. SQLite's default
        (2 MiB) holds a small fraction of the B-trees a million-record store's inserts walk
        (the heads with their four indexes, versions, keys): every batch then re-reads pages
        from the OS, which showed as system time and as most of the insert cost. The cache
        is set back afterwards, so a server's pooled connection keeps the default."""
        if not self.is_sqlite:
            yield
            return
        with _page_cache(conn, BULK_CACHE_KIB):
            yield

    def defer_indexes(self, conn: Connection, expected: int) -> list[Index]:
        """Drop, in `conn`'s transaction, the secondary indexes of the tables a bulk write
        fills, when the write of about `expected` records is large beside what the store
        holds; return them for `build_indexes` once the rows are in. A sorted build writes
        each index page once, where inserting row by row into B-trees larger than the page
        cache re-reads and rewrites pages at random (most of a first load's inserts at a
        million records). SQLite only: its DDL is part of the transaction, so a crash or a
        rollback (to a savepoint, too) leaves the indexes as they were, and readers in WAL
        mode keep their snapshot with its indexes meanwhile; on PostgreSQL dropping an index
        would lock the table against every reader until the load commits."""
        if not self.is_sqlite or expected < DEFER_INDEXES_MIN:
            return []
        held = conn.exec_driver_sql("SELECT max(rowid) FROM records").scalar() or 0
        if held > expected * DEFER_INDEXES_RATIO:
            return []
        dropped = [index for table in _BULK_TABLES for index in
                   sorted(table.indexes, key=lambda i: str(i.name))]
        for index in dropped:
            index.drop(conn)
        return dropped

    @staticmethod
    def build_indexes(conn: Connection, indexes: list[Index]) -> None:
        """Create the indexes `defer_indexes` dropped, in the same transaction, with a page
        cache of `INDEX_BUILD_CACHE_KIB`: SQLite's sorter takes as much memory as the cache
        again, and a build reads the table and writes the index in order, so a bulk write's
        larger cache buys it nothing (measured at a million records: the same CPU, 100 MiB
        less peak memory)."""
        if not indexes:
            return
        with _page_cache(conn, INDEX_BUILD_CACHE_KIB):
            for index in indexes:
                index.create(conn)

    # -- agencies ---------------------------------------------------------------------------

    def add_agency(self, agency: Agency, actor: Actor) -> None:
        with self.transaction() as conn:
            if conn.execute(select(agencies.c.code).where(agencies.c.code == agency.code)).first():
                raise invalid("agency.exists", "code", agency=agency.code)
            conn.execute(
                agencies.insert().values(
                    code=agency.code,
                    country=agency.country,
                    names=json.dumps(agency.names, ensure_ascii=False, sort_keys=True),
                    created_at=datetime.now(UTC),
                )
            )
            chain.append(
                conn, "agency", actor.user, agency=actor.agency,
                details={"added": agency.to_dict()},
            )

    def get_agency(self, code: str) -> Agency | None:
        with self.reading() as conn:
            row = conn.execute(select(agencies).where(agencies.c.code == code.upper())).first()
        return _agency(row) if row is not None else None

    def list_agencies(self) -> list[Agency]:
        with self.reading() as conn:
            return self._agencies(conn)

    def require_agency(self, code: str) -> Agency:
        found = self.get_agency(code)
        if found is None:
            known = ", ".join(a.code for a in self.list_agencies())
            # the command to type, shown as it is typed in every language
            command = f"`interlink agency add {code.upper()} --name NAME --country CC`"
            if not known:
                raise invalid("agency.unknown_none", "agency", value=repr(code), command=command)
            raise invalid("agency.unknown", "agency", value=repr(code), known=known,
                          command=command)
        return found

    # -- records: writing -------------------------------------------------------------------

    def write(
        self,
        records_: Iterable[Record],
        actor: Actor,
        reason: str = "",
        conn: Connection | None = None,
    ) -> WriteResult:
        """Write records in batches inside one transaction (the caller's, if given)."""
        return self.write_rows((RecordRow.of(r) for r in records_), actor, reason, conn)

    def write_rows(
        self,
        rows: Iterable[RecordRow],
        actor: Actor,
        reason: str = "",
        conn: Connection | None = None,
        skip_foreign: bool = False,
        written: Callable[[Connection, list[tuple[str, int]]], None] | None = None,
        audit: bool = True,
        new: bool = False,
    ) -> WriteResult:
        """`write` for records already in serialised form (the bulk ingest path). An id held by
        another agency is refused: an error, or with `skip_foreign` listed in `refused`.
        `new`: the caller knows no row's id is in the store (a first load's rows, written while
        reading: `ingest.streaming`), so nothing is looked up; an id the store does hold fails
        the insert with a key collision (`collisions`), which the caller takes back.
        `written`, if given, is called after each batch, in the transaction, with the
        (id, version) of every version the batch wrote (the ingest keeps what line each came
        from; `interlink.ingest.lines`). Without `audit`, the caller appends the audit
        entries itself in the same transaction (`audit_written`): an ingest that writes while
        it reads audits what it finally wrote, once."""
        if conn is None:
            with self.transaction() as own:
                return self.write_rows(rows, actor, reason, own, skip_foreign, written, audit,
                                       new)
        result = WriteResult()
        known_owners = {a.code for a in self._agencies(conn)}
        iterator = iter(rows)
        while batch := list(islice(iterator, settings.BATCH_SIZE)):
            result.add(
                self._write_batch(conn, batch, actor, reason, known_owners, skip_foreign,
                                  written, audit, new)
            )
        return result

    @property
    def collisions(self) -> tuple[type[Exception], ...]:
        """The errors of a write that met a key the store already holds (from SQLAlchemy, or
        straight from the driver: PostgreSQL's COPY, SQLite's executemany)."""
        return self._collisions

    def foreign_ids(self, ids: Iterable[str], owner: str) -> set[str]:
        """Which of these ids another agency's record already holds (erased or not): a write by
        `owner` must give its records other ids (`core.record.scoped_id`), without being
        told who holds them."""
        wanted = sorted(set(ids))
        out: set[str] = set()
        with self.reading() as conn:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                out.update(id_ for id_, held_by in by_ids(conn, "id, owner", chunk)
                           if held_by != owner)
        return out

    def holds_records(self, owner: str, conn: Connection | None = None) -> bool:
        """Whether the agency holds any record (erased or not): an ingest looks for lines it
        already holds only then. In `conn`'s transaction if given."""
        if conn is None:
            with self.reading() as own:
                return self.holds_records(owner, own)
        return conn.execute(select(records.c.id).where(records.c.owner == owner)
                            .limit(1)).first() is not None

    def _agencies(self, conn: Connection) -> list[Agency]:
        rows = conn.execute(select(agencies).order_by(agencies.c.code)).all()
        return [_agency(r) for r in rows]

    def _write_batch(
        self,
        conn: Connection,
        batch: list[RecordRow],
        actor: Actor,
        reason: str,
        known_owners: set[str],
        skip_foreign: bool,
        written: Callable[[Connection, list[tuple[str, int]]], None] | None = None,
        audit: bool = True,
        new: bool = False,
    ) -> WriteResult:
        ids = [r.id for r in batch]
        if len(set(ids)) != len(ids):
            raise invalid("store.duplicate_in_batch", "id")
        # `new` (a first load's rows): no look-up, the primary keys refuse a held id
        existing = {} if new else {row[0]: _Head(*row) for row in
                                   by_ids(conn, "id, version, checksum, owner, erased", ids)}
        now = datetime.now(UTC)
        result = WriteResult()
        # rows as tuples in column order, the values as the driver binds them (`_insert_rows`)
        bind = _binder(conn.dialect, records)
        bound_now = bind("updated_at", now)
        bound_false = bind("erased", False)
        written_at = _binder(conn.dialect, record_versions)("written_at", now)
        user = actor.user
        # bulk loads share a few envelope objects: their columns, bound, once per batch, and
        # their terms as the checksum reads them (`RecordRow.checksum`, without a cached
        # property's look-up per row: a twentieth of a first load's writing process)
        env_columns: dict[int, tuple[dict[str, Any], tuple[Any, ...], str, str]] = {}
        sha1 = hashlib.sha1
        new_heads: list[tuple[Any, ...]] = []
        head_updates: list[dict[str, Any]] = []
        superseded: list[tuple[str, int]] = []  # (id, version) of heads this batch moves on
        versions: list[tuple[Any, ...]] = []
        found_keys: list[tuple[str, Sequence[str]]] = []  # (id, its search keys)
        for rec in batch:
            rid = rec.id
            record_id(rid)  # every surface's ids pass here: none the store cannot show
            envelope = rec.envelope
            env = env_columns.get(id(envelope))
            if env is None:
                env = env_columns[id(envelope)] = _envelope_row(conn.dialect, bind, envelope)
            owner = env[0]["owner"]
            if owner not in known_owners:
                raise invalid("store.unknown_owner", "owner", id=rid, agency=owner)
            props = rec.properties_json
            checksum = sha1(f"{rec.schema}\x1f{props}{env[3]}".encode()).hexdigest()
            old = existing.get(rid)
            if old is not None and old.owner != owner:
                if skip_foreign:
                    result.refused.append((rid, old.owner))
                    continue
                # never name the holder: the writer may not know of that record at all
                raise invalid("store.id_taken", "id", id=rid)
            if old is not None and old.checksum == checksum and not old.erased:
                result.unchanged += 1
                continue
            version = 1 if old is None else old.version + 1
            kind = "collection" if old is None or old.erased else "alteration"
            # the version's content is its head's while it is the head (NULL here)
            versions.append((rid, version, kind, rec.schema, owner, checksum, None, env[2],
                             written_at, user, reason))
            found = rec.keys
            if found is None:
                found = record_keys(rec.schema, json.loads(props))
            found_keys.append((rid, found))
            if old is None:
                new_heads.append((rid, rec.schema, owner, version, checksum, rec.caption,
                                  props, *env[1], bound_false, bound_now, user))
            else:
                if not old.erased:
                    superseded.append((rid, old.version))
                head_updates.append({
                    "_id": rid, "id": rid, "schema": rec.schema, "version": version,
                    "checksum": checksum, "caption": rec.caption, "properties": props,
                    "erased": False, "updated_at": now, "updated_by": user, **env[0],
                })
        result.created += len(new_heads)
        result.updated += len(head_updates)
        # the heads about to move on: their version rows get the content first
        self._keep_superseded(conn, superseded)
        # SQLite: each table's rows in its key's order (`_in_key_order`); the audit entries
        # below keep the batch's order, the line entries (`written`) are given in the
        # versions' key order, which is their table's too (`lines.remember` sorts them again
        # at the cost of one pass over sorted input, not a sort)
        ordered = self._in_key_order(versions)
        _insert_rows(conn, record_versions, ordered)
        _insert_rows(conn, records, self._in_key_order(new_heads))
        if head_updates:
            stmt = update(records).where(records.c.id == bindparam("_id"))
            conn.execute(stmt, head_updates)
            changed = [h["id"] for h in head_updates]
            conn.execute(record_keys_table.delete().where(record_keys_table.c.record_id.in_(changed)))
        # the records' keys in their ids' order, then sorted by key alone: a stable sort, so
        # this is (key, record id) order without comparing tuples (a third of the cost)
        keys = [(key, rid) for rid, found in self._in_key_order(found_keys) for key in found]
        _insert_rows(conn, record_keys_table, self._in_key_order(keys))
        if written is not None:  # every batch, those that wrote nothing too
            written(conn, [(v[0], v[1]) for v in ordered])
        if audit:
            for kind in ("collection", "alteration"):
                self.audit_written(conn, actor, reason, kind,
                                   [v[0] for v in versions if v[2] == kind])
        conn.info[_WRITTEN] = conn.info.get(_WRITTEN, 0) + len(versions)
        return result

    @staticmethod
    def _keep_superseded(conn: Connection, heads: list[tuple[str, int]]) -> None:
        """Copy the content of heads about to be superseded (id, current version; none
        erased) into their version rows, which held none while they were the head: called
        in the writing transaction before the heads change."""
        if heads:
            conn.execute(_KEEP_SUPERSEDED, [{"b_id": id_, "b_version": v} for id_, v in heads])

    def _in_key_order(self, rows: list[_Row]) -> list[_Row]:
        """A batch's rows sorted by their table's key, on SQLite: ids and keys are hashes, so
        in the batch's order every insert lands on another page of each B-tree, and at a
        million records, where the trees no longer fit the page cache, each such page is read
        and rewritten again and again; sorted, neighbouring inserts share pages. Measured,
        paired at a million entities: benchmarks/RESULTS.md, issue 17 eleventh pass.
        PostgreSQL's COPY appends to the heap and its index maintenance is the server's:
        unchanged.

        Sorted by the first column alone, without comparing tuples: a batch holds one version
        and one head per record, so their record ids are their keys; the search keys come
        in their records' order, and the sort is stable, so by key alone they stand in (key,
        record id) order."""
        return sorted(rows, key=_FIRST_COLUMN) if self.is_sqlite else rows

    @staticmethod
    def audit_written(conn: Connection, actor: Actor, reason: str, kind: str,
                      ids: list[str]) -> None:
        """The audit entry of versions written in this transaction (a `kind`, "collection" or
        "alteration", of the records `ids`), as a bulk write appends one per batch."""
        if ids:
            chain.append(conn, kind, actor.user, agency=actor.agency, subjects=ids,
                         reason=reason, details={"versions": len(ids)})

    @staticmethod
    def discard_created(conn: Connection, ids: list[str], owner: str | None = None) -> None:
        """Take back records this very transaction created (their head, first version, keys
        and line entries), before it commits: an ingest that wrote a record while reading
        and then read a later fragment of it writes the merged record instead. Never for a
        record that existed before the transaction: that would delete its history. With
        `owner`, only that agency's rows among `ids` are touched (another agency's record
        with one of these ids stays whole), a version without its head too: what a write
        that failed half-way left (`ingest.streaming`)."""
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            # the keys and line entries of the heads among `chunk` (the owner's, with one)
            heads: Any = chunk if owner is None else (
                select(records.c.id).where(records.c.id.in_(chunk), records.c.owner == owner))
            for table, column in ((record_keys_table, record_keys_table.c.record_id),
                                  (ingest_lines, ingest_lines.c.record_id)):
                conn.execute(table.delete().where(column.in_(heads)))
            # then the versions and heads themselves (the owner's, with one)
            for table, column in ((record_versions, record_versions.c.record_id),
                                  (records, records.c.id)):
                mine = [] if owner is None else [table.c.owner == owner]
                conn.execute(table.delete().where(column.in_(chunk), *mine))

    def extend_review(
        self, record_id: str, review_by: date, actor: Actor, reason: str
    ) -> Record:
        """Move a record's review-by date (the owner's decision to keep it, with a reason):
        a new version with the new date, audited as an extension."""
        if not reason.strip():
            raise invalid("store.extension_reason", "reason")
        current = self.get(record_id)
        if current is None or (actor.agency is not None and current.owner != actor.agency):
            raise invalid("store.not_yours", "id", id=record_id)
        if review_by <= datetime.now(UTC).date():
            raise invalid("store.review_not_future", "review_by", date=str(review_by))
        old = current.envelope.review_by
        envelope = current.envelope.with_changes(review_by=review_by)
        row = RecordRow.of(_record_class()(current.entity, envelope))
        now = datetime.now(UTC)
        version = (current.version or 0) + 1
        with self.transaction() as conn:
            self._keep_superseded(conn, [(record_id, version - 1)])
            conn.execute(record_versions.insert().values(
                record_id=record_id, version=version, kind="alteration", schema=row.schema,
                owner=row.owner, checksum=row.checksum(), properties=None,  # the head's
                envelope=envelope.json, written_at=now, written_by=actor.user, reason=reason,
            ))
            conn.execute(update(records).where(records.c.id == record_id).values(
                version=version, review_by=review_by, updated_at=now, updated_by=actor.user,
            ))
            chain.append(conn, "alteration", actor.user, agency=actor.agency,
                         subjects=[record_id], reason=reason,
                         details={"versions": 1, "review_by": [str(old), str(review_by)]})
        result = self.get(record_id)
        assert result is not None
        return result

    def due_for_review(self, owner: str, before: date, limit: int = 1000) -> list[Record]:
        """The owner's current records whose review-by date falls before `before`."""
        query = (
            select(records)
            .where(records.c.owner == owner, records.c.erased.is_(False),
                   records.c.review_by < before)
            .order_by(records.c.review_by, records.c.id)
            .limit(limit)
        )
        with self.reading() as conn:
            return [self.record_from_row(r)
                    for r in conn.execute(query)]

    def erase(self, record_id: str, actor: Actor, reason: str) -> None:
        """Erase a record's content in every version; the erasure itself is a version."""
        if not reason.strip():
            raise invalid("store.erasure_reason", "reason")
        with self.transaction() as conn:
            head = conn.execute(select(records).where(records.c.id == record_id)).first()
            # another agency's record reads as an absent one: naming its owner would tell
            # the caller a record they may not know of exists (no oracle)
            if head is None or head.erased or (
                    actor.agency is not None and actor.agency != head.owner):
                raise invalid("store.nothing_to_erase", "id", id=record_id)
            now = datetime.now(UTC)
            conn.execute(
                update(record_versions)
                .where(record_versions.c.record_id == record_id)
                .values(properties=None)
            )
            envelope = conn.execute(
                select(record_versions.c.envelope).where(
                    record_versions.c.record_id == record_id,
                    record_versions.c.version == head.version,
                )
            ).scalar_one()
            conn.execute(
                record_versions.insert().values(
                    record_id=record_id, version=head.version + 1, kind="erasure",
                    schema=head.schema, owner=head.owner, checksum="erased", properties=None,
                    envelope=envelope, written_at=now, written_by=actor.user, reason=reason,
                )
            )
            conn.execute(
                update(records).where(records.c.id == record_id).values(
                    version=head.version + 1, checksum="erased", properties="{}", caption="",
                    erased=True, updated_at=now, updated_by=actor.user,
                )
            )
            conn.execute(
                record_keys_table.delete().where(record_keys_table.c.record_id == record_id)
            )
            # the hash of the line it was ingested from goes too: derived from the content
            conn.execute(ingest_lines.delete().where(ingest_lines.c.record_id == record_id))
            chain.append(
                conn, "erasure", actor.user, agency=actor.agency, subjects=[record_id],
                reason=reason, details={"versions": 1},
            )

    # -- records: reading -------------------------------------------------------------------
    # These are the raw reads the policy gate is built on; capabilities read through the gate.

    def record_from_row(self, row: Any) -> Record:
        """A head row (from a query over the records table) as a Record."""
        return self._record(row, row.properties, self._head_envelope(row))

    def _record(self, row: Any, props: str | None, envelope: Envelope) -> Record:
        return _record_class().from_stored(
            row.id, row.schema, props or "{}", envelope, version=row.version,
            written_at=_utc(row.updated_at), written_by=row.updated_by,
        )

    @staticmethod
    def _head_envelope(row: Any) -> Envelope:
        return _envelope_of(row.owner, row.handling, row.conditions, row.tlp, row.source_grade,
                            row.info_grade, row.purposes, row.collected_at, row.review_by,
                            row.source_ref)

    def get(self, record_id: str, version: int | None = None) -> Record | None:
        """The current version (None if absent or erased), or a given version."""
        with self.reading() as conn:
            if version is None:
                if self.is_sqlite:  # SQLAlchemy's row: it turns SQLite's text into dates
                    row = conn.execute(_BY_ID, {"id": record_id}).first()
                else:
                    # the driver's cursor: PostgreSQL's values are already what a Record
                    # needs, and SQLAlchemy's result set up per statement was a third of a
                    # record read's interpreter time (py-spy, benchmarks/RESULTS.md issue 17)
                    got = raw_rows(conn, _by_id_sql(conn.dialect), {"id": record_id})
                    row = _HeadRow._make(got[0]) if got else None
                if row is None or row.erased:
                    return None
                return self.record_from_row(row)
            vrow = conn.execute(
                _VERSIONS.where(
                    record_versions.c.record_id == record_id,
                    record_versions.c.version == version,
                )
            ).first()
        if vrow is None or vrow.properties is None:
            return None
        return self._version_record(vrow)

    def get_many(self, record_ids: list[str]) -> list[Record]:
        """Current, non-erased records among these ids (any order)."""
        out: list[Record] = []
        with self.reading() as conn:
            if not self.is_sqlite:
                # one array parameter: the same index scan as IN, without psycopg splitting
                # and converting a statement of 200 placeholders on every search
                query = select(records).where(records.c.id == any_(_ids_array(record_ids)),
                                              records.c.erased.is_(False))
                return [self.record_from_row(row) for row in conn.execute(query)]
            for start in range(0, len(record_ids), 500):
                chunk = record_ids[start : start + 500]
                for row in conn.execute(select(records).where(
                    records.c.id.in_(chunk), records.c.erased.is_(False)
                )):
                    out.append(self.record_from_row(row))
        return out

    def find_keys(self, keys: list[str], limit: int = 1000) -> list[str]:
        """Ids of current records having any of these search keys, those sharing the most keys
        with the query first (so a limit keeps the likeliest matches, not arbitrary ones)."""
        if not keys:
            return []
        hits = func.count().label("hits")
        query = (
            select(record_keys_table.c.record_id, hits)
            .where(record_keys_table.c.key.in_(sorted(set(keys))))
            .group_by(record_keys_table.c.record_id)
            .order_by(hits.desc(), record_keys_table.c.record_id)
            .limit(limit)
        )
        with self.reading() as conn:
            return [row.record_id for row in conn.execute(query)]

    def find_candidates(self, keys: list[str], limit: int = 1000) -> list[Candidate]:
        """`find_keys` and the records it names in one statement (one round trip): current
        records having any of these keys, those sharing the most keys first, ties by id."""
        if not keys:
            return []
        with self.reading() as conn:
            if self.is_sqlite:
                return [Candidate(row, row.hits) for row in conn.execute(
                    _CANDIDATES, {"keys": sorted(set(keys)), "limit": limit})]
            # the driver's cursor, as `get`: SQLAlchemy's result for two hundred rows cost
            # more than building their candidates (py-spy, benchmarks/RESULTS.md issue 17)
            rows = raw_rows(conn, _PG_CANDIDATES, {"keys": sorted(set(keys)), "limit": limit})
        return [Candidate(row, row.hits) for row in map(_CandidateRow._make, rows)]

    def _version_record(self, vrow: Any) -> Record:
        return _record_class().from_stored(
            vrow.record_id, vrow.schema, vrow.properties or "{}",
            Envelope.from_dict(json.loads(vrow.envelope)),
            version=vrow.version, written_at=_utc(vrow.written_at), written_by=vrow.written_by,
        )

    def history(self, record_id: str) -> list[dict[str, Any]]:
        """Every version's skeleton, oldest first, with its content where not erased."""
        with self.reading() as conn:
            rows = conn.execute(
                _VERSIONS
                .where(record_versions.c.record_id == record_id)
                .order_by(record_versions.c.version)
            ).all()
        return [
            {
                "version": r.version,
                "kind": r.kind,
                "written_at": _utc(r.written_at),
                "written_by": r.written_by,
                "reason": r.reason,
                "checksum": r.checksum,
                "record": self._version_record(r) if r.properties is not None else None,
            }
            for r in rows
        ]

    def iter_records(
        self,
        schema: str | None = None,
        owner: str | None = None,
        source_ref: str | None = None,
        batch: int = 2000,
    ) -> Iterator[Record]:
        """Current, non-erased records in id order, streamed by keyset pagination."""
        last = ""
        while True:
            query = select(records).where(records.c.erased.is_(False), records.c.id > last)
            if schema:
                query = query.where(records.c.schema == schema)
            if owner:
                query = query.where(records.c.owner == owner)
            if source_ref is not None:
                query = query.where(records.c.source_ref == source_ref)
            with self.reading() as conn:
                rows = conn.execute(query.order_by(records.c.id).limit(batch)).all()
            if not rows:
                return
            for row in rows:
                yield self.record_from_row(row)
            last = rows[-1].id

    def reindex(self, actor: Actor, progress: Callable[[int], None] | None = None,
                batch: int = 2000) -> int:
        """Recompute every current record's search keys (after the names engine changed how
        names are keyed: a store keyed by an older version would miss cross-script matches).
        Content and versions are untouched; one audited entry says it was done. Returns how
        many records were re-keyed."""
        done, last = 0, ""
        while True:
            with self.transaction() as conn:
                rows = conn.execute(
                    select(records.c.id, records.c.schema, records.c.properties)
                    .where(records.c.erased.is_(False), records.c.id > last)
                    .order_by(records.c.id).limit(batch)).all()
                if not rows:
                    break
                ids = [r.id for r in rows]
                conn.execute(record_keys_table.delete().where(
                    record_keys_table.c.record_id.in_(ids)))
                keys = [{"key": k, "record_id": r.id}
                        for r in rows for k in record_keys(r.schema, json.loads(r.properties))]
                if keys:
                    _insert_many(conn, record_keys_table, keys)
            done += len(rows)
            last = rows[-1].id
            if progress is not None:
                progress(done)
        with self.transaction() as conn:
            chain.append(conn, "reindex", actor.user, agency=actor.agency,
                         details={"records": done})
        return done

    def count(self, schema: str | None = None, owner: str | None = None) -> int:
        query = select(func.count()).select_from(records).where(records.c.erased.is_(False))
        if schema:
            query = query.where(records.c.schema == schema)
        if owner:
            query = query.where(records.c.owner == owner)
        with self.reading() as conn:
            return int(conn.execute(query).scalar_one())

    def stats(self) -> dict[str, dict[str, int]]:
        """Counts of current records per owner agency and schema."""
        query = (
            select(records.c.owner, records.c.schema, func.count())
            .where(records.c.erased.is_(False))
            .group_by(records.c.owner, records.c.schema)
            .order_by(records.c.owner, records.c.schema)
        )
        out: dict[str, dict[str, int]] = {}
        with self.reading() as conn:
            for owner, schema, n in conn.execute(query):
                out.setdefault(owner, {})[schema] = int(n)
        return out

