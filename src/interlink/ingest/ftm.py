"""FollowTheMoney JSON lines: one entity per line, as Aleph, OpenSanctions and `ftm` write them.

Lines may be fragments of one entity (FtM tools emit those); required properties are therefore
checked by the pipeline after fragments merge, not here.

Lines written by `interlink export --format ftm` carry an `envelope` beside the entity; it is
honoured, so an export ingested into a fresh store gives back the same records.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from interlink.core.envelope import Envelope
from interlink.core.errors import InvalidInput
from interlink.core.messages import invalid
from interlink.core.recordrow import RecordRow, loads
from interlink.ingest.base import Item, ReadOptions, RowError
from interlink.ingest.known import KnownChecksums, candidate
from interlink.ingest.lines import LineHasher, line_ids
from interlink.ingest.textfile import utf8_lines

if TYPE_CHECKING:
    from interlink.core.record import make_entity
    from interlink.ingest.rows import fast_row


def parsing() -> None:
    """Import what parsing a line takes (`make_entity`, `fast_row`: FollowTheMoney and its
    model, the values' cleaning, the name keys), once: a reader does before its first line to
    parse, and the pipeline before starting the readers of a first load, whose worker
    processes then inherit it. A re-ingest whose every line the store holds (`ingest.lines`)
    parses none, and never pays the half second these imports cost."""
    if "fast_row" not in globals():
        from interlink.core.record import make_entity
        from interlink.ingest.rows import fast_row

        globals().update(make_entity=make_entity, fast_row=fast_row)


def __getattr__(name: str) -> Any:
    """`make_entity` and `fast_row` asked for from outside before any line was parsed."""
    if name in ("make_entity", "fast_row"):
        parsing()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _envelope(data: object, seen: dict[bytes, Envelope]) -> Envelope:
    """Parse an envelope, once per distinct envelope: an export repeats a handful of them on
    millions of lines."""
    if not isinstance(data, dict):
        raise invalid("record.envelope_object", "envelope")
    try:  # orjson: this runs on every line of an export
        key = orjson.dumps(data, option=orjson.OPT_SORT_KEYS, default=str)
    except TypeError:  # what orjson cannot write (a lone surrogate) the standard library can
        key = json.dumps(data, sort_keys=True, default=str).encode("utf-8", "surrogatepass")
    envelope = seen.get(key)
    if envelope is None:
        try:
            envelope = Envelope.from_dict(data)
        except InvalidInput as exc:
            # the envelope's refusal, its code and parameters kept (translated as they are)
            raise InvalidInput(exc.message, exc.field or "envelope", code=exc.code,
                               **exc.params) from None
        if len(seen) < 10_000:
            seen[key] = envelope
    return envelope


#: lines parsed before one look-up of the store's checksums for them (the fast path)
FAST_BATCH = 2000


def read_ftm(path: Path, options: ReadOptions) -> Iterator[Item]:
    name = path.name
    envelopes: dict[bytes, Envelope] = {}
    known = options.known
    hasher = LineHasher(options.envelope)
    if known is None:
        parsing()
        for number, line, ended in _lines(path, options):
            row, data, error = _parse(name, number, line, ended)
            if error is not None:
                yield error
                continue
            item = _item(name, row, data, envelopes, options.envelope)
            if item.error is None:
                item.line_hash = hasher(line)
            yield item
        return
    batch: list[tuple[int, str, bool]] = []
    for entry in _lines(path, options):
        batch.append(entry)
        if len(batch) >= FAST_BATCH:
            yield from _known_lines(name, batch, hasher, known, envelopes, options.envelope)
            batch = []
    if batch:
        yield from _known_lines(name, batch, hasher, known, envelopes, options.envelope)


def _lines(path: Path, options: ReadOptions) -> Iterator[tuple[int, str, bool]]:
    """(line number, the line stripped, ended) for every line that is not blank."""
    for number, line, ended in utf8_lines(path, options.span):
        line = line.strip()
        if line:
            yield number, line, ended


def _parse(name: str, number: int, line: str, ended: bool) -> tuple[str, Any, Item | None]:
    """(row, the line's JSON object, None) or (row, None, its error item); raises for a file
    that is not FtM at all or is cut short."""
    row = str(number)
    try:
        data = loads(line)
    except json.JSONDecodeError as exc:
        if number == 1:
            # the JSON parser's own reason, in its words
            raise invalid("ingest.ftm_not_json", file=name, reason=exc.msg) from None
        if not ended:
            raise invalid("ingest.ftm_truncated", file=name, line=str(number)) from None
        return row, None, Item(name, row, error=RowError(
            name, row, "", f"not JSON: {exc.msg}", {"line": line[:500]}, "row.not_json",
            {"reason": exc.msg}))
    if not isinstance(data, dict) or "schema" not in data:
        if number == 1:
            raise invalid("ingest.ftm_no_schema", file=name)
        return row, None, Item(name, row, error=RowError(
            name, row, "schema", "not an FtM entity", {"line": line[:500]}, "row.not_ftm"))
    return row, data, None


def _known_lines(
    name: str,
    batch: list[tuple[int, str, bool]],
    hasher: LineHasher,
    known: KnownChecksums,
    envelopes: dict[bytes, Envelope],
    default: Envelope | None,
) -> Iterator[Item]:
    """The batch's items in order. A line whose bytes are those that wrote the owner's current
    version of its record (`ingest.lines`) is staged as that version without being parsed,
    as its id alone (schema, properties, caption and, for a line that carried its own, the
    envelope stay in the store: `staging.STORED`), in one item with the known lines next to
    it (`Item.lines`); the others are parsed and read as before (`_known_first`)."""
    texts = [line for _n, line, _e in batch]
    digests = hasher.many(texts)
    ids = line_ids(texts) if digests and digests[0] is not None else [None] * len(batch)
    stored = known.lines([id_ for id_ in ids if id_ is not None])
    out: list[Item | None] = [None] * len(batch)
    rest: list[int] = []
    run: list[tuple[str, str, str, bool]] | None = None  # the known lines since the last other
    for i, (number, _line, _ended) in enumerate(batch):
        id_ = ids[i]
        digest = digests[i]
        hit = stored.get(id_) if id_ is not None else None
        if hit is None or hit[0] != digest:
            rest.append(i)
            run = None
            continue
        # (the line's own envelope, if it had one, is the stored version's: the owner's)
        if run is None:
            run = []
            out[i] = Item(name, str(number), known=True, lines=run)
        run.append((str(number), id_, digest, hit[1]))  # type: ignore[arg-type]
    if rest:
        parsing()
        parsed = [_parse(name, *batch[i]) for i in rest]
        for i, item in zip(rest, _known_first(name, parsed, known, envelopes, default),
                           strict=True):
            if item.error is None:
                item.line_hash = digests[i]
            out[i] = item
    for done in out:
        if done is not None:  # (a line in a run of known lines is in its first line's item)
            yield done


def _item(
    name: str, row: str, data: dict[str, Any], envelopes: dict[bytes, Envelope],
    default: Envelope | None,
) -> Item:
    """Every value validated and cleaned: straight to the store's row when no value needs the
    entity (`ingest.rows`), else through an FtM entity, which also says what is wrong."""
    if default is not None:
        own = None
        try:
            if data.get("envelope") is not None:
                own = _envelope(data["envelope"], envelopes)
        except InvalidInput:
            own = default = None  # the entity path below reports it
        if default is not None:
            found = fast_row(data, own or default)
            if found is not None:
                return Item(name, row, envelope=own, rows=[found])
    try:
        entity = make_entity(data)
        envelope = None
        if data.get("envelope") is not None:
            envelope = _envelope(data["envelope"], envelopes)
    except InvalidInput as exc:
        return Item(name, row, error=RowError.of(exc, name, row, exc.field or "", data))
    return Item(name, row, entities=[entity], envelope=envelope)


def _known_first(
    name: str,
    batch: list[tuple[str, Any, Item | None]],
    known: KnownChecksums,
    envelopes: dict[bytes, Envelope],
    default: Envelope | None,
) -> Iterator[Item]:
    """The batch's items in order; a line that is exactly a record the owner already holds
    (see `ingest.known`) is staged as it is, the others are read the ordinary way."""
    candidates: dict[int, tuple[tuple[str, str, str, str, str], Envelope | None]] = {}
    for i, (_row, data, error) in enumerate(batch):
        if error is not None:
            continue
        own: Envelope | None = None
        if data.get("envelope") is not None:
            try:
                own = _envelope(data["envelope"], envelopes)
            except InvalidInput:
                continue  # the ordinary path says what is wrong with it
        found = candidate(data, own or known.envelope)
        if found is not None:
            candidates[i] = (found, own)
    stored = known.lookup([c[0][0] for c in candidates.values()]) if candidates else {}
    for i, (row, data, error) in enumerate(batch):
        if error is not None:
            yield error
            continue
        cand = candidates.get(i)
        if cand is not None:
            (id_, schema, props_json, missing, checksum), own = cand
            hit = stored.get(id_)
            # (a record lacking a required property is refused on the ordinary path, as ever)
            if hit is not None and hit[0] == checksum and not missing:
                record_row = RecordRow(id_, schema, props_json, hit[1], own or known.envelope)
                yield Item(name, row, envelope=own, rows=[record_row], known=True)
                continue
        yield _item(name, row, data, envelopes, default)
