"""Loading watchlists and queries: CSV, FtM JSON lines, Interpol notices, the store.

A watchlist spec is a path or `store:NAME`:

- `*.csv`: columns `id,name` and optionally `birth_date,nationality,gender,id_number`
  (several values in one cell separated by ";"); rows sharing an id are aliases of one entry;
- `*.json` holding Interpol notices (a search page, one notice, or a list of them);
- `*.json`/`*.jsonl`/`*.ftm` with one FtM entity per line (an OpenSanctions export; Passport
  and Identification entities add their numbers to their holder);
- `store:all` (or `store:*`): every Person, Company and Vessel record of the store;
  `store:AGENCY` (an agency code, e.g. `store:FR-OFAST`): the records that agency owns;
  `store:SOURCE`: the records an ingest read from the file SOURCE (their `source_ref`, e.g.
  `store:red_notices.json`). An agency code wins over a file of the same name.

Bad input is refused with the file, row or line, and field: a watchlist that silently lost a
row would let the person on it through.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from interlink.core.csvfiles import read_header
from interlink.core.errors import InvalidInput
from interlink.core.messages import cause, invalid
from interlink.screen.entry import ID_SCHEMATA, SCREENED_SCHEMATA, Entry, from_ftm_dict
from interlink.screen.index import Watchlist

CSV_REQUIRED = ("id", "name")
CSV_OPTIONAL = ("birth_date", "nationality", "gender", "id_number", "schema")
NOTICE_AGENCY = "INTERPOL"


def _read_text(path: Path) -> str:
    if not path.exists():
        raise invalid("file.missing", file=path.name)
    if path.is_dir():
        raise invalid("file.directory", file=path.name)
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise invalid("file.not_utf8", file=path.name, offset=exc.start) from exc


# --- CSV ------------------------------------------------------------------------------------


def iter_csv(path: Path, list_name: str = "") -> Iterator[Entry]:
    """Entries of a CSV file, one per row (aliases not merged); errors name the row."""
    text = _read_text(path)
    if not text.strip():
        raise invalid("file.empty_expected", file=path.name, columns="id,name")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = read_header(reader, str(path), CSV_REQUIRED, CSV_OPTIONAL,
                         expected="id,name[,birth_date,nationality,gender,id_number]")
    row_no = 1
    try:
        for row in reader:
            row_no += 1
            if not row or all(not c.strip() for c in row):
                continue
            if len(row) != len(header):
                raise invalid("file.row_fields", file=path.name, row=row_no,
                              expected=len(header), found=len(row))
            values = dict(zip(header, row, strict=True))
            yield _csv_entry(path, row_no, values, list_name)
    except csv.Error as exc:
        raise invalid("file.row_csv", file=path.name, row=row_no) from exc


def _csv_entry(path: Path, row_no: int, values: dict[str, str], list_name: str) -> Entry:
    entry_id = values["id"].strip()
    if not entry_id:
        raise invalid("file.row_empty", "id", file=path.name, row=row_no, column="id")
    schema = (values.get("schema") or "Person").strip() or "Person"
    if schema not in SCREENED_SCHEMATA:
        raise invalid("file.row_schema", "schema", file=path.name, row=row_no, value=schema,
                      allowed=sorted(SCREENED_SCHEMATA))
    try:
        return Entry.create(
            id=entry_id,
            name=[values["name"]] if values["name"].strip() else [],
            birth_date=values.get("birth_date") or None,
            nationality=values.get("nationality") or None,
            gender=values.get("gender") or None,
            id_number=values.get("id_number") or None,
            schema=schema,
            list_name=list_name,
        )
    except InvalidInput as exc:
        field = exc.field or "name"
        raise invalid("file.row_cause", field, file=path.name, row=row_no, column=field,
                      cause=cause(exc)) from exc


def load_csv(path: Path, list_name: str = "") -> list[Entry]:
    """CSV entries with rows of one id merged (later rows add aliases and facts)."""
    merged: dict[str, Entry] = {}
    for entry in iter_csv(path, list_name or path.name):
        prior = merged.get(entry.id)
        if prior is None:
            merged[entry.id] = entry
            continue
        for attr in ("names", "birth_dates", "nationalities", "id_numbers"):
            values = getattr(prior, attr)
            values.extend(v for v in getattr(entry, attr) if v not in values)
        prior.gender = prior.gender or entry.gender
    return list(merged.values())


# --- FtM JSON lines -------------------------------------------------------------------------


def iter_ftm_dicts(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    text = _read_text(path)
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise invalid("file.invalid_json", file=path.name, line=line_no,
                          column=exc.colno) from exc
        if not isinstance(data, dict) or "schema" not in data:
            raise invalid("file.not_ftm", file=path.name, line=line_no)
        yield line_no, data


def entries_from_ftm(dicts: Iterator[dict[str, Any]], list_name: str = "") -> list[Entry]:
    """Screened entities as entries; Passport/Identification numbers join their holder."""
    entries: dict[str, Entry] = {}
    held: dict[str, list[str]] = {}
    for data in dicts:
        schema = data.get("schema")
        props = data.get("properties") or {}
        if schema in ID_SCHEMATA:
            numbers = list(props.get("number") or []) + list(props.get("passportNumber") or [])
            for holder in props.get("holder") or []:
                held.setdefault(str(holder), []).extend(str(n) for n in numbers)
            continue
        entry = from_ftm_dict(data, list_name)
        if entry is not None and entry.id:
            prior = entries.get(entry.id)
            if prior is None:
                entries[entry.id] = entry
            else:
                prior.names.extend(n for n in entry.names if n not in prior.names)
    for holder, numbers in held.items():
        if holder in entries:
            entries[holder].add_ids(numbers)
    return list(entries.values())


def load_ftm(path: Path, list_name: str = "") -> list[Entry]:
    return entries_from_ftm((d for _, d in iter_ftm_dicts(path)), list_name or path.name)


# --- Interpol notices -----------------------------------------------------------------------


def notices_in(doc: Any) -> list[dict[str, Any]] | None:
    """The notices of a parsed JSON document, or None if it is not notices."""
    if isinstance(doc, dict):
        embedded = doc.get("_embedded")
        if isinstance(embedded, dict) and isinstance(embedded.get("notices"), list):
            return [n for n in embedded["notices"] if isinstance(n, dict)]
        if "entity_id" in doc and ("name" in doc or "forename" in doc):
            return [doc]
        return None
    if isinstance(doc, list) and doc and all(isinstance(d, dict) for d in doc):
        out: list[dict[str, Any]] = []
        for item in doc:
            found = notices_in(item)
            if found is None:
                return None
            out.extend(found)
        return out
    return None


def entries_from_notices(
    path: Path, notices: list[dict[str, Any]], list_name: str = ""
) -> list[Entry]:
    """Interpol notices as entries, through the ingest reader's mapping (one mapping for the
    store and for screening). The entry id is the notice's own id ("2024/31877"), which is
    what an officer looks up."""
    from interlink.ingest.interpol import notice_to_entities

    entries: list[Entry] = []
    for number, notice in enumerate(notices, start=1):
        try:
            proxies = notice_to_entities(notice, NOTICE_AGENCY, None)
        except InvalidInput as exc:
            where = notice.get("entity_id") or f"notice {number}"
            field = f" [{exc.field}]" if exc.field else ""
            raise invalid("file.where_cause", exc.field, file=path.name,
                          where=f"{where}{field}", cause=cause(exc)) from exc
        for proxy in proxies:
            entry = Entry.from_proxy(proxy, list_name or path.name)
            if entry is not None:
                entry.id = str(notice.get("entity_id"))
                entries.append(entry)
    return entries


# --- dispatch -------------------------------------------------------------------------------


def load_entries(spec: str, store_url: str | None = None) -> list[Entry]:
    """Entries of a watchlist spec (see the module doc)."""
    if spec.startswith("store:"):
        if not store_url:
            raise invalid("screen.store_needed")
        return load_store_entries(store_url, spec[len("store:") :])
    path = Path(spec)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return load_csv(path)
    if suffix in (".json", ".jsonl", ".ndjson", ".ftm"):
        text = _read_text(path)
        stripped = text.lstrip()
        if not stripped:
            raise invalid("file.empty", file=path.name)
        try:
            doc = json.loads(text)
        except json.JSONDecodeError:
            doc = None  # JSON lines: several documents
        if doc is not None:
            notices = notices_in(doc)
            if notices is not None:
                return entries_from_notices(path, notices)
            if isinstance(doc, dict) and "schema" in doc:
                return entries_from_ftm(iter([doc]), path.name)
            raise invalid("file.json_unknown", file=path.name)
        return load_ftm(path)
    raise invalid("file.unknown_format", file=path.name, value=suffix or "-")


def load_watchlist(spec: str, store_url: str | None = None) -> Watchlist:
    """A watchlist index from a spec (path or store:NAME)."""
    entries = load_entries(spec, store_url)
    return Watchlist(entries, name=spec)


def load_store_entries(store_url: str, list_name: str) -> list[Entry]:
    """Person, Company and Vessel records of the store: all of them (`all`, `*`), those an
    agency owns (its code), or those an ingest read from one file (its `source_ref`).
    Passport/Identification records of the same selection add their numbers to their
    holder."""
    from interlink.store import open_store

    if not list_name:
        raise invalid("screen.list_needed")
    store = open_store(store_url)
    try:
        every = list_name.lower() in ("*", "all")
        agency = None if every else store.get_agency(list_name.upper())
        owner = agency.code if agency is not None else None
        source = None if every or owner else list_name
        dicts: list[dict[str, Any]] = []
        for schema in sorted(SCREENED_SCHEMATA | ID_SCHEMATA):
            for record in _iter_store(store, schema, source, owner):
                dicts.append(
                    {
                        "id": record.id,
                        "schema": record.schema,
                        "properties": record.entity.to_dict()["properties"],
                    }
                )
    finally:
        close = getattr(store, "close", None)
        if close is not None:
            close()
    entries = entries_from_ftm(iter(dicts), "store" if every else list_name)
    if not every and not entries:
        raise invalid("screen.list_empty", value=list_name)
    return entries


def _iter_store(store: Any, schema: str, source: str | None, owner: str | None = None
                ) -> Iterator[Any]:
    if source is None:
        yield from store.iter_records(schema=schema, owner=owner)
        return
    try:
        yield from store.iter_records(schema=schema, source_ref=source)
    except TypeError:  # a store without source_ref filtering: filter here
        for record in store.iter_records(schema=schema):
            if record.envelope.source_ref == source:
                yield record
