"""Interlink's own CSV of records: one row per property value, envelope columns repeated.

It is what `interlink export --format csv` writes, readable in any spreadsheet, and it reads
back without a mapping (the header identifies it), so a CSV export round-trips like FtM JSON.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from interlink.core.envelope import Envelope
from interlink.core.errors import InvalidInput
from interlink.core.messages import invalid
from interlink.core.record import Record, check_required, make_entity
from interlink.ingest.base import Item, ReadOptions, RowError
from interlink.ingest.textfile import csv_rows

ENVELOPE_COLUMNS = [
    "owner", "handling", "conditions", "tlp", "source_grade", "info_grade",
    "purposes", "collected_at", "review_by", "source_ref",
]
HEADER = ["id", "schema", "property", "value", *ENVELOPE_COLUMNS]


def record_rows(record: Record) -> Iterator[list[str]]:
    env = record.envelope.to_dict()
    env_values = [
        ";".join(env["purposes"]) if col == "purposes" else str(env[col] or "")
        for col in ENVELOPE_COLUMNS
    ]
    props = sorted(record.entity.properties.items())
    if not any(values for _, values in props):
        yield [record.id, record.schema, "", "", *env_values]
    for prop, values in props:
        for value in sorted(values):
            yield [record.id, record.schema, prop, value, *env_values]


def is_records_csv(path: Path) -> bool:
    """Whether the file starts with the header `export` writes (in UTF-8, comma-separated).
    Only its first line is looked at, as bytes: a spreadsheet export in another encoding
    (Windows-1252, UTF-16 from Excel) is simply not one, and goes to the tabular reader, which
    detects its dialect, rather than being refused here for not being UTF-8."""
    with path.open("rb") as fh:
        first = fh.readline(1 << 16)
    try:
        line = first.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError:
        return False
    return next(csv.reader([line]), None) == HEADER


def read_records_csv(path: Path, options: ReadOptions) -> Iterator[Item]:
    """Group consecutive rows of one id back into a record (the export writes them together)."""
    name = path.name
    reader = csv_rows(path)
    if next(reader, None) != HEADER:
        raise invalid("ingest.records_header", file=name)
    current: list[tuple[int, list[str]]] = []
    for number, row in enumerate(reader, start=2):
        if not row:
            continue
        if len(row) != len(HEADER):
            raise invalid("ingest.records_fields", file=name, row=str(number),
                          found=len(row), expected=len(HEADER))
        if current and current[0][1][0] != row[0]:
            yield _to_item(name, current)
            current = []
        current.append((number, row))
    if current:
        yield _to_item(name, current)


def _to_item(name: str, rows: list[tuple[int, list[str]]]) -> Item:
    first_number, first = rows[0]
    row_ref = str(first_number)
    props: dict[str, list[str]] = {}
    for _, row in rows:
        if row[2]:
            props.setdefault(row[2], []).append(row[3])
    data = {"id": first[0], "schema": first[1], "properties": props}
    env = dict(zip(ENVELOPE_COLUMNS, first[4:], strict=True))
    try:
        entity = make_entity(data)
        check_required(entity)
        envelope = Envelope.from_dict(
            {
                **{k: v for k, v in env.items() if v != ""},
                "conditions": env["conditions"],
                "source_ref": env["source_ref"],
                "purposes": [p for p in env["purposes"].split(";") if p],
            }
        )
    except InvalidInput as exc:
        return Item(name, row_ref, error=RowError.of(exc, name, row_ref, exc.field or "", data))
    return Item(name, row_ref, entities=[entity], envelope=envelope)
