"""Reading a large line-based file on every core.

Validating values (dates, countries, phone numbers) is most of the cost of a bulk load and each
line stands alone, so a JSON-lines file is cut at line boundaries and its parts are read by
worker processes running the ordinary reader on their part. Results come back in file order,
already serialised (`Unit`s), and at most a few parts are in flight at once, so memory stays
bounded however large the file.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from interlink.core.envelope import Envelope
from interlink.ingest.base import Reader, ReadOptions
from interlink.ingest.textfile import line_spans
from interlink.ingest.units import Staged, Unit, pack_staged, staged, to_units


def _read_part(
    reader: Reader, path: Path, options: ReadOptions, envelope: Envelope
) -> list[tuple[Any, ...]]:
    """A part's units as plain tuples (`units.pack_staged`): a named tuple pickles and
    unpickles through Python-level code, ten times a plain tuple's cost, and this crosses to
    the writing process once per line; a unit of one row as staging takes it."""
    try:
        return [pack_staged(unit) for unit in to_units(reader(path, options), envelope)]
    finally:
        if options.known is not None:  # its connection (and page cache) is this part's
            options.known.close()


def read_parallel(
    reader: Reader,
    path: Path,
    options: ReadOptions,
    envelope: Envelope,
    workers: int,
    part_bytes: int,
    first_part_bytes: int | None = None,
) -> Iterator[Unit | Staged]:
    """The file's units in order, read by `workers` processes; a unit of one row as staging
    takes it (`units.Staged`). With `first_part_bytes` the parts grow from that size to
    `part_bytes` (`textfile.line_spans`): for a first load, whose writing process waits for the
    first part's lines; a re-ingest writes nothing meanwhile, and each part costs its reader a
    look-up connection."""
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(processes=workers) as pool:
        pending: deque = deque()
        spans = line_spans(path, part_bytes, first_part_bytes)
        for span in spans:
            pending.append(
                pool.apply_async(_read_part, (reader, path, replace(options, span=span), envelope))
            )
            if len(pending) >= workers * 2:
                yield from map(staged, pending.popleft().get())
        while pending:
            yield from map(staged, pending.popleft().get())
