"""Writing records out: FtM JSON lines (with envelopes), Interlink's records CSV, and a
STIX 2.1 bundle (`export.stix`) for MISP and OpenCTI.

All three read back through `interlink ingest` to the same records; that round trip is how
one agency's node hands its holdings to another, or to a fresh store.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from interlink.core.csvfiles import AtomicFile
from interlink.core.messages import invalid
from interlink.core.record import Record
from interlink.ingest.records_csv import HEADER, record_rows

FORMATS = ("ftm", "csv", "stix")
SUFFIX = {"ftm": "jsonl", "csv": "csv", "stix": "json"}


class _Writer:
    """One output file, written under a temporary name and moved into place when complete,
    so that an interrupted export never leaves a file that looks whole."""

    def __init__(self, fmt: str, output: Path) -> None:
        if fmt not in FORMATS:
            raise invalid("access.unknown_export", "format", value=repr(fmt),
                          allowed=", ".join(FORMATS))
        self.file = AtomicFile(output)
        self.fh = self.file.handle
        self.csv = csv.writer(self.fh) if fmt == "csv" else None
        if self.csv:
            self.csv.writerow(HEADER)
        # a bundle is one JSON document whose links need both ends' types: held until close
        self.stix: list[Record] | None = [] if fmt == "stix" else None
        self.count = 0

    def write(self, record: Record) -> None:
        if self.stix is not None:
            self.stix.append(record)
        elif self.csv:
            self.csv.writerows(record_rows(record))
        else:
            self.fh.write(json.dumps(record.to_dict(), ensure_ascii=False, sort_keys=True))
            self.fh.write("\n")
        self.count += 1

    def close(self) -> None:
        if self.stix is not None:
            from interlink.export.stix import dumps, to_bundle

            self.fh.write(dumps(to_bundle(self.stix)))
        self.file.commit()


def export_records(
    records: Iterable[Record],
    fmt: str,
    output: Path,
    progress: Callable[[int], None] | None = None,
) -> int:
    writer = _Writer(fmt, output)
    for record in records:
        writer.write(record)
        if progress and writer.count % 1000 == 0:
            progress(writer.count)
    writer.close()
    return writer.count


def export_by_owner(
    records: Iterable[Record],
    fmt: str,
    directory: Path,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """One file per owner agency (`CODE.jsonl`, `CODE.csv` or `CODE.json`), since an ingest
    is always for one agency: each file reads back with `interlink ingest FILE --agency CODE`."""
    suffix = SUFFIX.get(fmt, fmt)
    writers: dict[str, _Writer] = {}
    for total, record in enumerate(records, start=1):
        writer = writers.get(record.owner)
        if writer is None:
            writer = writers[record.owner] = _Writer(fmt, directory / f"{record.owner}.{suffix}")
        writer.write(record)
        if progress and total % 1000 == 0:
            progress(total)
    for writer in writers.values():
        writer.close()
    return {owner: w.count for owner, w in sorted(writers.items())}
