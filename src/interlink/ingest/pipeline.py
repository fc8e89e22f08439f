"""The ingest pipeline: read and validate -> stage (merge fragments) -> write in one transaction.

Every reader yields items; bad items become quarantine rows with file, row, field and reason.
Good entities are staged and merged by id. While writing, an entity still lacking a required
property is refused, and so is an id already held by another agency: the owner decides, and a
typo must not overwrite a partner's record. The write is one transaction with its audit entries;
with `strict`, any refusal raises inside it, so the store is either updated or untouched.

A first load writes while it reads (`ingest.streaming`): the same rows and audit entries, in
the same one transaction, opened before reading instead of after.

Two fast paths for FtM lines keep the same rows: a line whose values need no entity to be
validated becomes the store's row directly (`ingest.rows`), and a line that is exactly the
owner's current record is staged as it is and not written again (`ingest.known`), which is what
makes re-sending an unchanged file cheap.
"""

from __future__ import annotations

import functools
import gc
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.engine import Connection

from interlink import settings
from interlink.core.csvfiles import write_csv
from interlink.core.envelope import Envelope
from interlink.core.messages import invalid
from interlink.core.recordrow import RecordRow, scoped_id
from interlink.ingest import ftm, lines
from interlink.ingest.base import Reader, ReadOptions, RowError
from interlink.ingest.formats import reader_for
from interlink.ingest.known import KnownChecksums
from interlink.ingest.parallel import read_parallel
from interlink.ingest.staging import STORED, Staging
from interlink.ingest.streaming import Streamer
from interlink.ingest.units import Staged, Unit, to_units
from interlink.store.base import Actor, WriteResult
from interlink.store.sql import SQLStore

#: a row from a tuple of its fields, without `_make`'s Python-level checks
_ROW = partial(tuple.__new__, RecordRow)
QUARANTINE_HEADER = ["file", "row", "field", "reason", "raw"]
#: a first load writes while it reads (`ingest.streaming`); off, every row is written after
#: reading (what the tests compare it with)
WRITE_WHILE_READING = True
PARALLEL_FORMATS = ("ftm",)  # line-based: any line boundary is a safe place to cut
FAST_FORMATS = ("ftm",)  # readers that stage a line the store holds as it is (`ingest.known`)


@dataclass
class IngestReport:
    files: list[str] = field(default_factory=list)
    items: int = 0
    staged: int = 0
    errors: list[RowError] = field(default_factory=list)
    result: WriteResult = field(default_factory=WriteResult)
    quarantine: Path | None = None
    renamed: dict[str, str] = field(default_factory=dict)  # ids taken by others -> ours

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "rows": self.items,
            "entities": self.staged,
            "created": self.result.created,
            "updated": self.result.updated,
            "unchanged": self.result.unchanged,
            "quarantined": len(self.errors),
            "quarantine": str(self.quarantine) if self.quarantine else None,
            "renamed": self.renamed,
        }


Progress = Callable[[str, int, int | None], None]  # (phase, done, total)
F = TypeVar("F", bound=Callable[..., Any])


def load_mapping(path: Path) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        # the mapping file as the user named it on the command line
        raise invalid("ingest.mapping_missing", "mapping", file=str(path)) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        # the YAML parser's own reason, in its words
        raise invalid("ingest.mapping_yaml", "mapping", file=path.name, reason=str(exc)) from None
    if not isinstance(data, dict) or not data:
        raise invalid("ingest.mapping_shape", "mapping", file=path.name)
    return data


def _fewer_collections(fn: F) -> F:
    """The cycle collector, run far less often for the length of an ingest (its worker
    processes inherit it). A bulk load allocates millions of short-lived tuples, lists and
    dictionaries, nearly all freed by their reference counts; at the default threshold the
    collector runs every 700 of them and, every few dozen runs, walks every object the
    process holds (FollowTheMoney's model, the libraries): measured, a fifth of the CPU of
    passing rows between processes. Reference cycles are still collected, less often."""
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        old = gc.get_threshold()
        gc.set_threshold(max(old[0], COLLECT_EVERY), old[1], old[2])
        try:
            return fn(*args, **kwargs)
        finally:
            gc.set_threshold(*old)

    return wrapper  # type: ignore[return-value]


#: allocations between two runs of the youngest generation's collection during an ingest
COLLECT_EVERY = 100_000


@_fewer_collections
def ingest(
    store: SQLStore,
    paths: Iterable[Path],
    envelope: Envelope,
    actor: Actor,
    *,
    mapping: Path | None = None,
    strict: bool = False,
    quarantine: Path | None = None,
    source_ref: str | None = None,
    fmt: str | None = None,
    progress: Progress | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> IngestReport:
    """Ingest files for the envelope's owner agency. Raises InvalidInput for a file that cannot
    be read at all, and in strict mode for any bad row; nothing is written then."""
    store.require_agency(envelope.owner)
    paths = list(paths)
    if not paths:
        raise invalid("ingest.no_input")
    options = ReadOptions(
        agency=envelope.owner,
        mapping=load_mapping(mapping) if mapping else None,
        mapping_path=mapping, encoding=encoding, delimiter=delimiter, envelope=envelope,
    )
    readers = [(path, *reader_for(path, mapping is not None, fmt)) for path in paths]
    report = IngestReport(files=[str(p) for p in paths])
    staging = Staging(fill=lambda ids: _current_records(store, envelope.owner, ids))
    # the fast path for lines the store already holds as they are: only worth a look-up per
    # batch of lines when the agency holds records at all (not on a first load)
    fast = store.holds_records(envelope.owner)
    reason = "ingest " + ", ".join(p.name for p in paths)
    conn: Connection | None = None
    stream: Streamer | None = None
    # the write transaction, once opened: committed on leaving the inner `with stack` below,
    # rolled back on any error before (reading included)
    with ExitStack() as stack:
        stack.callback(staging.close)
        if WRITE_WHILE_READING and not fast and not strict:  # a first load (`ingest.streaming`)
            conn = stack.enter_context(store.transaction())
            stack.enter_context(store.bulk_writing(conn))
            stream = Streamer(store, conn, staging, actor, reason, envelope.owner,
                              sum(path.stat().st_size for path in paths))
        for path, fmt_, reader in readers:
            file_envelope = envelope.with_changes(source_ref=source_ref or path.name)
            file_options = replace(options, envelope=file_envelope)
            known = None
            if fmt_ == "ftm" and not fast:
                # every line is parsed (a first load): the parsing modules imported now, once,
                # rather than by each reader process (`ftm.parsing`)
                ftm.parsing()
            if fast and fmt_ in FAST_FORMATS:
                # (on SQLite, an engine of its own: see `KnownChecksums`)
                known = KnownChecksums(store.url, file_envelope,
                                       None if store.is_sqlite else store.engine)
                file_options = replace(file_options, known=known)
            units = _units(reader, path, file_options, file_envelope, fmt_,
                           writing=stream is not None)
            try:
                _stage(staging, units, report, progress, file_envelope,
                       stream.write if stream is not None else None)
            finally:
                if known is not None:
                    known.close()
        report.staged = staging.count
        if strict:  # bad input found while reading: do not even start writing
            _refuse_if_any(report, quarantine, paths[0])
        total = staging.count
        refused: list[RowError] = []
        # ids another agency already uses: ours get owner-scoped ids (and every reference to
        # them in this load follows), so a partner's record never blocks an import and the
        # importer is never told whose it is
        # (rows the owner already holds as they are carry the owner's own ids)
        # (when every staged row is one the owner holds as it is, as in re-sending an
        # unchanged file, there is nothing to look up: no scan of the staging table)
        # (rows written while reading met no such id, or the writes were taken back)
        unknown = staging.count - staging.known
        streamed = stream is not None and stream.active
        foreign = store.foreign_ids(staging.ids(known=False, pending=streamed),
                                    envelope.owner) if unknown else set()
        if foreign and stream is not None:
            stream.abandon()  # references in rows already written would need renaming
            streamed = False
            foreign = store.foreign_ids(staging.ids(known=False), envelope.owner)
        renamed = {old: scoped_id(envelope.owner, old) for old in foreign}
        report.renamed = renamed
        # rows exactly as the owner's current records need no write; unless ids are renamed
        # in this load, which may change their references (then the store compares them all)
        skip_known = not renamed and staging.known > 0
        if skip_known:
            total -= staging.known

        # the line each row of the batch being written was read from (`ingest.lines`), kept
        # for the versions the batch writes; none when ids are renamed (references rewritten)
        pending: dict[str, tuple[str, bool]] = {}

        def checked() -> Iterator[RecordRow]:
            """Rows for the store; a row whose merged entity still lacks a required property
            is refused here, since fragments may have supplied it."""
            if skip_known and not unknown:
                return  # nothing to write: no scan of the staging table either
            for n, (row, file, ref, line) in enumerate(
                    staging.rows(known=not skip_known, pending=streamed), start=1):
                if progress and n % 1000 == 0:
                    progress("write", n, total)
                if row.missing:
                    refused.append(RowError(file, ref, row.missing,
                                            f"missing required field {row.missing!r} for "
                                            f"{row.schema}", {"id": row.id},
                                            "row.missing_required",
                                            {"property": row.missing, "schema": row.schema}))
                    continue
                if renamed:
                    from interlink.core.record import rename_ids  # (FtM's model: rare)

                    yield rename_ids(row, renamed)
                    continue
                if line is not None:
                    pending[row.id] = line
                yield row

        def written(conn: Connection, versions: list[tuple[str, int]]) -> None:
            """After each batch: the lines of the versions it wrote, then the next batch."""
            lines.remember(conn, [(id_, version, *pending[id_]) for id_, version in versions
                                  if id_ in pending])
            pending.clear()

        if conn is None:
            conn = stack.enter_context(store.transaction())
            stack.enter_context(store.bulk_writing(conn))
        with stack:
            so_far = stream.finish() if streamed and stream is not None else None
            report.result = store.write_rows(checked(), actor, reason, conn, skip_foreign=True,
                                             written=written)
            if so_far is not None:
                report.result.add(so_far)
            if skip_known:
                report.result.unchanged += staging.known
            for id_, _owner in report.result.refused:  # taken meanwhile by a parallel write
                file, ref = staging.origin(id_)
                refused.append(RowError(file, ref, "id", f"record id {id_} is already taken",
                                        {"id": id_}, "row.id_taken", {"id": id_}))
            report.errors.extend(refused)
            if strict:  # raising inside the transaction rolls back all this ingest wrote
                _refuse_if_any(report, quarantine, paths[0])
        if report.errors:
            report.quarantine = _write_quarantine(report.errors, quarantine, paths[0])
        if progress:
            progress("write", total, total)
    return report


def _units(
    reader: Reader, path: Path, options: ReadOptions, envelope: Envelope, fmt: str,
    writing: bool = False,
) -> Iterator[Unit | Staged]:
    """The file's units, read in parallel when it is large; `writing` (a first load, written
    while it is read) starts with small parts so that the writing process gets lines soon."""
    if (
        fmt in PARALLEL_FORMATS
        and settings.WORKERS > 1
        and path.stat().st_size >= settings.PARALLEL_MIN_BYTES
    ):
        return read_parallel(
            reader, path, options, envelope, settings.WORKERS, settings.PARALLEL_PART_BYTES,
            settings.PARALLEL_FIRST_PART_BYTES if writing else None,
        )
    return to_units(reader(path, options), envelope)


def _current_records(store: SQLStore, owner: str, ids: list[str]
                     ) -> dict[str, tuple[str, str, str, str, str]]:
    """The owner's current records written from a line, by id: what staging holds of a line
    known by its bytes without carrying it (`staging.STORED`, `ingest.lines.stored`)."""
    out: dict[str, tuple[str, str, str, str, str]] = {}
    with store.reading() as conn:
        for start in range(0, len(ids), 500):
            out.update(lines.stored(conn, owner, ids[start : start + 500]))
    return out


def _stage(
    staging: Staging,
    units: Iterable[Unit | Staged],
    report: IngestReport,
    progress: Progress | None,
    envelope: Envelope,
    flushed: Callable[[], None] | None = None,
) -> None:
    """Stage the units, `BATCH_SIZE` rows at a time; lines known by their bytes as their ids
    alone (`staging.STORED`) under the file's default envelope (`envelope`), or the stored
    version's if the line carried its own. `flushed`, if given, is called after each batch
    (writing while reading: `Streamer.write`). A unit read in parallel comes as staging
    takes it when it is one row (`units.Staged`)."""
    batch: list[tuple[RecordRow, str, str, bool, str | None, bool]] = []
    # writing while reading: the first batch goes to the writer early (`settings.FIRST_BATCH`)
    limit = settings.BATCH_SIZE
    if flushed is not None:
        limit = min(settings.FIRST_BATCH, limit)
    for unit in units:
        if not isinstance(unit, Unit):  # one row, as staging takes it (`units.Staged`)
            report.items += 1
            batch.append(unit)
        elif unit.lines is not None:
            report.items += len(unit.lines)
            file = unit.file
            if batch and not staging.streaming:  # (staged in input order)
                _flush(staging, batch, report, flushed)
                batch = []
            if not batch and staging.add_stored(file, unit.lines, envelope):
                if progress:
                    progress("read", report.items, None)
                continue
            batch.extend((_ROW((id_, "", STORED, "", envelope, "", None)), file, row, True,
                          digest, own) for row, id_, digest, own in unit.lines)
        else:
            report.items += 1
            if unit.error is not None:
                report.errors.append(unit.error)
                continue
            batch.extend((row, unit.file, unit.row, unit.known, unit.line_hash,
                          unit.own_envelope) for row in unit.rows)
        if len(batch) >= limit:
            _flush(staging, batch, report, flushed)
            batch, limit = [], settings.BATCH_SIZE
            if progress:
                progress("read", report.items, None)
    if batch:
        _flush(staging, batch, report, flushed)
    if progress:
        progress("read", report.items, None)


def _flush(
    staging: Staging, batch: list[tuple[RecordRow, str, str, bool, str | None, bool]],
    report: IngestReport, flushed: Callable[[], None] | None,
) -> None:
    for file, row, id_, exc in staging.add(batch):
        report.errors.append(RowError.of(exc, file, row, "id", {"id": id_}))
    if flushed is not None:
        flushed()


def _refuse_if_any(report: IngestReport, quarantine: Path | None, first_input: Path) -> None:
    if not report.errors:
        return
    report.quarantine = _write_quarantine(report.errors, quarantine, first_input)
    # the first row's refusal as the reader wrote it; the quarantine file the user named
    raise invalid("ingest.strict", count=str(len(report.errors)), first=str(report.errors[0]),
                  quarantine=str(report.quarantine))


def _write_quarantine(errors: list[RowError], path: Path | None, first_input: Path) -> Path:
    """The bad rows, beside the (first) input unless a path is given: `data.csv` ->
    `data.quarantine.csv` in the same directory, never wherever the command was run."""
    if path is None:
        path = first_input.with_name(f"{first_input.stem}.quarantine.csv")
    return write_csv(path, QUARANTINE_HEADER, (
        [err.file, err.row, err.field, err.reason,
         json.dumps(err.raw, ensure_ascii=False, default=str) if err.raw else ""]
        for err in errors))
