"""Units: what the pipeline stages, one per unit of input, already serialised.

A reader's `Item` holds FtM entities; a `Unit` holds the same as `RecordRow`s under their final
envelope, or the error. Converting here (in the worker, when reading in parallel) means only
plain strings cross process boundaries, and the owner check happens once for every format.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any, NamedTuple

from interlink.core.envelope import Envelope
from interlink.core.recordrow import RecordRow
from interlink.ingest.base import Item, RowError


class Unit(NamedTuple):
    file: str
    row: str
    rows: list[RecordRow]
    error: RowError | None
    known: bool = False  # rows the store holds as they are (`Item.known`)
    # the hash of the one line the one row was read from, and whether the line carried its
    # own envelope (`ingest.lines`); None for everything else
    line_hash: str | None = None
    own_envelope: bool = False
    # lines known by their bytes (`Item.lines`): this unit stands for them all
    lines: list[tuple[str, str, str, bool]] | None = None


def to_units(items: Iterable[Item], envelope: Envelope) -> Iterator[Unit]:
    """Apply the default envelope (input that carries its own keeps it, if the owner agrees)."""
    for item in items:
        if item.lines is not None:  # the store's own versions: its owner's
            yield Unit(item.file, item.row, [], None, True, lines=item.lines)
            continue
        if item.error is not None:
            yield Unit(item.file, item.row, [], item.error)
            continue
        env = item.envelope or envelope
        if env.owner != envelope.owner:
            error = RowError(item.file, item.row, "envelope",
                             f"owned by {env.owner}, but this ingest is for {envelope.owner}",
                             code="row.other_owner",
                             params={"owner": env.owner, "agency": envelope.owner})
            yield Unit(item.file, item.row, [], error)
            continue
        if item.rows is not None:  # already in the store's form (the known-record fast path)
            yield Unit(item.file, item.row, item.rows, None, item.known,
                       *_line(item, item.rows))
            continue
        # (imported here: a re-ingest's known lines never reach this, and need no FtM)
        from interlink.core.record import Record
        from interlink.search import record_keys

        rows = [
            RecordRow.of(Record(entity=e, envelope=env))._replace(
                keys=tuple(record_keys(e.schema.name, e.properties))
            )
            for e in item.entities
        ]
        yield Unit(item.file, item.row, rows, None, False, *_line(item, rows))


def _line(item: Item, rows: list[RecordRow]) -> tuple[str | None, bool]:
    if item.line_hash is None or len(rows) != 1:
        return None, False
    return item.line_hash, item.envelope is not None or item.own


def pack(unit: Unit) -> tuple[Any, ...]:
    """The unit as plain tuples, its rows too, to cross a process boundary (`unpack`).

    Each row's envelope goes with its JSON and its terms' JSON computed (`Envelope.json`,
    `terms_json`: cached on the object, so pickled with it): a reader keeps one envelope
    object per distinct envelope for the whole file (`ftm._envelope`) and computes them
    once, where the writing process, which receives new objects with every part, computed
    them again for each part (a file of a few hundred distinct envelopes: a twentieth of
    its work)."""
    return (unit.file, unit.row, [_plain(r) for r in unit.rows], *unit[3:])


def _plain(row: RecordRow) -> tuple[Any, ...]:
    """The row as a plain tuple, its envelope's JSON computed first (see `pack`)."""
    envelope = row.envelope
    if "terms_json" not in envelope.__dict__:
        envelope.json  # noqa: B018 (computed and kept on the object)
        envelope.terms_json  # noqa: B018
    return tuple(row)


def unpack(packed: tuple[Any, ...]) -> Unit:
    """The unit `pack` gave."""
    return _UNIT((packed[0], packed[1], [_ROW(r) for r in packed[2]], *packed[3:]))


#: what staging takes of a unit of one row (`pipeline._stage`): the row, its file and row,
#: whether the store holds it as it is, its line's hash and whether the line had its own
#: envelope (1 or 0 when it crossed from a reader: `pack_staged`)
Staged = tuple[RecordRow, str, str, bool, "str | None", bool]


def pack_staged(unit: Unit) -> tuple[Any, ...]:
    """`pack`, but a unit of one row and no error (nearly every line) as staging takes it
    (`Staged`, its row a plain tuple: `staged` makes it a `RecordRow` again): the writing
    process, the longer half of a first load, receives it in the form it stages, without
    a unit to unpack and take apart first. Six fields where `pack` gives eight: told apart
    by their number."""
    rows = unit.rows
    if len(rows) != 1 or unit.error is not None or unit.lines is not None:
        return pack(unit)
    # (whether the line had its own envelope as 1 or 0: it goes into the store's line entry
    # as it is, and sqlite3 binds a bool through its adapters' look-up, 0.6 µs a value)
    return (_plain(rows[0]), unit.file, unit.row, unit.known, unit.line_hash,
            int(unit.own_envelope))


def staged(packed: tuple[Any, ...]) -> Staged | Unit:
    """What `pack_staged` gave: a `Staged` tuple, or the `Unit` for anything else."""
    if len(packed) == 6:
        return (_ROW(packed[0]), *packed[1:])  # type: ignore[return-value]
    return unpack(packed)


_ROW = partial(tuple.__new__, RecordRow)  # `_make` without its Python-level checks
_UNIT = partial(tuple.__new__, Unit)
