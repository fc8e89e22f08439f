"""Writing records out: FtM JSON lines (with envelopes) and Interlink's records CSV.

Both formats read back through `interlink ingest` to the same records; that round trip is how
one agency's node hands its holdings to another, or to a fresh store.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from interlink.core.errors import InvalidInput
from interlink.core.record import Record
from interlink.ingest.records_csv import HEADER, record_rows

FORMATS = ("ftm", "csv")


def export_records(
    records: Iterable[Record],
    fmt: str,
    output: Path,
    progress: Callable[[int], None] | None = None,
) -> int:
    if fmt not in FORMATS:
        raise InvalidInput(f"unknown export format {fmt!r} (one of: {', '.join(FORMATS)})")
    count = 0
    tmp = output.with_name(output.name + ".part")  # never leave a half-written export behind
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh) if fmt == "csv" else None
        if writer:
            writer.writerow(HEADER)
        for record in records:
            if writer:
                writer.writerows(record_rows(record))
            else:
                fh.write(json.dumps(record.to_dict(), ensure_ascii=False, sort_keys=True))
                fh.write("\n")
            count += 1
            if progress and count % 1000 == 0:
                progress(count)
    tmp.replace(output)
    return count
