"""CSV and XLSX input, turned into entities by a FollowTheMoney (Aleph) mapping file.

The mapping is the YAML format of Aleph and `ftm map`: a dataset key holding `queries:`, or
`queries:` at the top, or one query (`entities:` at the top). Where the data comes from
(`csv_url`, `csv_urls`, `database`) is ignored: the file is the one given on the command line.
XLSX queries may name their worksheet with `sheet:`; otherwise every sheet whose header row holds
all the columns the query uses is read.

FtM parses the mapping, orders the entities by their references, computes the keys (seeded with
the agency code, so two agencies' identical rows get different ids and the same file read twice
gets the same ids) and cleans the values. What FtM does not do is say no: its `EntityMapping.map`
logs "Discarding unclean value" and carries on, and skips an entity whose key is empty. An
agency's rows must not lose fields unnoticed, so the per-entity loop of `EntityMapping.map` is
re-run here around FtM's own `PropertyMapping.map`, which returns the values it discarded; each
of them, a present entity missing a property its schema requires, and an entity left without a
key while its own columns hold values, becomes a `RowError` naming the file, row and column. A
row with any error yields no entity at all.

An entity whose key columns are all empty is absent from that row, as in FtM (a row without a
passport number has no passport); so is a link whose required end is absent (no company, no
directorship), or an entity whose mapping marks an empty property `required: true`.

Entities with `id_column` keep the source's id verbatim, as FtM does: such ids are the agency's
own and are not seeded with the agency code.
"""

from __future__ import annotations

import csv
import itertools
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, NamedTuple

from followthemoney.exc import InvalidData, InvalidMapping
from followthemoney.mapping.csv import CSVSource
from followthemoney.mapping.entity import EntityMapping
from followthemoney.mapping.property import PropertyMapping
from followthemoney.mapping.query import QueryMapping
from followthemoney.property import Property
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry
from followthemoney.util import sanitize_text

from interlink.core.errors import InvalidInput
from interlink.core.messages import cause, invalid
from interlink.core.model import model
from interlink.core.record import check_required
from interlink.ingest.base import Item, ReadOptions, RowError
from interlink.ingest.textfile import detect_delimiter, detect_encoding

DELIMITERS = ",;\t|"
XLSX_SUFFIXES = (".xlsx", ".xlsm")
_SOURCE_KEYS = ("csv_url", "csv_urls", "database", "sheet")
_DUMMY_URL = "file:///dev/null"  # FtM wants a source; the rows come from us
_CHUNK = 1 << 20

__all__ = ["compile_mapping", "read_csv", "read_tabular", "read_xlsx"]


# --- the mapping ---------------------------------------------------------------------------


@dataclass
class _EntitySpec:
    mapping: EntityMapping
    # properties in FtM's mapping order: countries first (phone and address parsers use them)
    properties: list[PropertyMapping]
    key_columns: list[str]
    # columns only this entity reads: a value there while the entity has no key is lost data
    exclusive: list[str]
    # (property, entity name) of links that the schema requires
    required_links: list[tuple[str, str]]
    columns_of: dict[str, list[str]]  # property name -> the columns it reads


@dataclass
class _Query:
    number: int
    mapping: QueryMapping
    source: CSVSource  # only for FtM's filters / filters_not
    entities: list[_EntitySpec]
    columns: list[str]  # every column the query reads, filters included
    sheet: str | None = None


class _Problem(NamedTuple):
    """Why a row is refused: the column at fault, the English reason (CLI, quarantine CSV),
    and the same as a message code with its parameters (None: FtM's own words only)."""

    field: str
    reason: str
    code: str | None = None
    params: dict[str, Any] = {}


def _cause(code: str, english: str, **params: Any) -> dict[str, Any]:
    """A message nested in another as its `cause` (`core.messages.cause`'s shape)."""
    return {"code": code, "params": params, "message": english}


@dataclass
class _Row:
    label: str  # row number as shown to the user
    raw: dict[str, Any]
    record: dict[str, str] = field(default_factory=dict)  # column -> non-empty clean text
    problem: _Problem | None = None  # found while reading the row


def _mapping_name(options: ReadOptions) -> str:
    return str(options.mapping_path) if options.mapping_path else "mapping"


def _queries_of(mapping: Any, where: str) -> list[dict[str, Any]]:
    """The query dicts of a mapping in any of the Aleph / ftm shapes."""
    if not isinstance(mapping, dict) or not mapping:
        raise invalid("mapping.no_queries", "mapping", file=where)
    if "entities" in mapping:
        return [mapping]
    if "queries" in mapping or "query" in mapping:
        found = mapping.get("queries", mapping.get("query"))
        if isinstance(found, dict):
            found = [found]
        if not isinstance(found, list) or not found:
            raise invalid("mapping.queries_list", "mapping", file=where)
        for query in found:
            if not isinstance(query, dict) or "entities" not in query:
                raise invalid("mapping.query_entities", "mapping", file=where)
        return found
    queries: list[dict[str, Any]] = []
    for value in mapping.values():  # dataset name -> {queries: [...]}
        if isinstance(value, dict) and {"entities", "queries", "query"} & set(value):
            queries.extend(_queries_of(value, where))
    if not queries:
        raise invalid("mapping.not_found", "mapping", file=where)
    return queries


def _check_query(query: dict[str, Any], where: str) -> None:
    """Name the entity and property at fault, which FtM's own messages do not."""
    entities = query.get("entities")
    if not isinstance(entities, dict) or not entities:
        raise invalid("mapping.entities_map", "mapping", file=where)
    for name, data in entities.items():
        if not isinstance(data, dict):
            raise invalid("mapping.entity_mapping", "mapping", file=where, entity=repr(name))
        schema_name = data.get("schema")
        schema = model.get(schema_name) if isinstance(schema_name, str) else None
        if schema is None:
            raise invalid("mapping.unknown_schema", "schema", file=where, entity=repr(name),
                          value=repr(schema_name))
        if schema.abstract:
            raise invalid("mapping.abstract_schema", "schema", file=where, entity=repr(name),
                          schema=schema.name)
        props = data.get("properties") or {}
        if not isinstance(props, dict):
            raise invalid("mapping.properties_map", "properties", file=where, entity=repr(name))
        for prop_name, prop_data in props.items():
            prop = schema.get(prop_name)
            if prop is None:
                raise invalid("mapping.unknown_property", prop_name, file=where,
                              entity=repr(name), value=repr(prop_name), schema=schema.name)
            if not isinstance(prop_data, dict):
                raise invalid("mapping.property_map", prop_name, file=where, entity=repr(name),
                              value=repr(prop_name))


def _spec(em: EntityMapping, others: set[str]) -> _EntitySpec:
    key_columns = list(em.keys) if em.keys else [em.id_column] if em.id_column else []
    columns_of: dict[str, list[str]] = {}
    own: list[str] = []
    links: list[tuple[str, str]] = []
    for pm in em.properties:
        if pm.entity is not None:
            if pm.prop.name in em.schema.required:
                links.append((pm.prop.name, pm.entity))
            continue
        columns_of.setdefault(pm.prop.name, []).extend(pm.refs)
        own.extend(pm.refs)
    exclusive = [c for c in dict.fromkeys(own) if c not in key_columns and c not in others]
    country = [pm for pm in em.properties if pm.prop.type == registry.country]
    rest = [pm for pm in em.properties if pm.prop.type != registry.country]
    return _EntitySpec(em, country + rest, key_columns, exclusive, links, columns_of)


def _entity_columns(em: EntityMapping) -> set[str]:
    return set(em.refs)


def compile_mapping(
    mapping: Any, agency: str, mapping_path: Path | str | None = None
) -> list[_Query]:
    """Parse a mapping with FtM's machinery, refusing what is wrong with a message naming the
    mapping file, the entity and the property."""
    where = str(mapping_path) if mapping_path else "mapping"
    result: list[_Query] = []
    for number, raw in enumerate(_queries_of(mapping, where), start=1):
        _check_query(raw, where)
        sheet = raw.get("sheet")
        if sheet is not None and not isinstance(sheet, str):
            raise invalid("mapping.sheet", "sheet", file=where)
        data = {k: v for k, v in raw.items() if k not in _SOURCE_KEYS}
        data["csv_url"] = _DUMMY_URL
        try:
            query = model.make_mapping(data, key_prefix=agency)
        except InvalidMapping as exc:
            # FtM's own reason, in its words
            raise invalid("mapping.invalid", "mapping", file=where, reason=str(exc)) from exc
        source = query.source
        if not isinstance(source, CSVSource):  # pragma: no cover - we always give a csv_url
            raise invalid("mapping.source", "mapping", file=where)
        specs = []
        for em in query.entities:
            others: set[str] = set()
            for other in query.entities:
                if other is not em:
                    others |= _entity_columns(other)
            for pm in em.properties:
                for literal in pm.literals:
                    if pm.prop.type.clean_text(literal, format=pm.format, fuzzy=pm.fuzzy) is None:
                        raise invalid("mapping.bad_literal", pm.prop.name, file=where,
                                      entity=repr(em.name), datatype=pm.prop.type.name,
                                      value=repr(literal), property=pm.prop.name)
            specs.append(_spec(em, others))
        columns = list(query.refs)
        for key, _values in itertools.chain(source.filters_set, source.filters_not_set):
            columns.append(key)
        columns = sorted(set(columns))
        result.append(_Query(number, query, source, specs, columns, sheet))
    return result


# --- one row -------------------------------------------------------------------------------


def _reason(column: str, prop: Property, value: str) -> _Problem:
    if prop.type == registry.country:
        return _Problem(
            column,
            f"unknown country {value!r} for {prop.name} (use an ISO 3166 code such as MA, FR)",
            "row.bad_country", {"value": value, "property": prop.name})
    if prop.type == registry.date:
        return _Problem(
            column,
            f"invalid date {value!r} for {prop.name} (use ISO 8601 YYYY-MM-DD, or give the "
            "mapping a format:)",
            "row.bad_date", {"value": value, "property": prop.name})
    return _Problem(column, f"invalid {prop.type.name} {value!r} for {prop.name}",
                    "row.bad_value",
                    {"value_type": prop.type.name, "value": value, "property": prop.name})


def _column_for(pm: PropertyMapping, value: str, record: dict[str, str]) -> str:
    for ref in pm.refs:
        raw = record.get(ref)
        if raw is None:
            continue
        if raw == value or (pm.split is not None and value in raw.split(pm.split)):
            return ref
    return pm.refs[0] if pm.refs else pm.prop.name


def _map_entity(
    spec: _EntitySpec,
    record: dict[str, str],
    done: dict[str, EntityProxy],
    absent: dict[str, dict[str, Any]],
    problems: list[_Problem],
) -> EntityProxy | None:
    """`EntityMapping.map`, but every value FtM would drop is a problem of the row.

    `absent` says why each entity of the row is absent, as a nested message (`_cause`), so a
    link refused for a missing end says why in the reader's language too."""
    em = spec.mapping
    label = f"{em.name!r} ({em.schema.name})"
    names = {"entity": em.name, "schema": em.schema.name}
    for prop_name, ref in spec.required_links:
        if ref in absent:
            absent[em.name] = _cause("row.absent_link", f"its {prop_name} {ref!r} is absent",
                                     property=prop_name, ref=ref)
            filled = [c for c in spec.exclusive if c in record]
            if filled:
                problems.append(_Problem(
                    filled[0],
                    f"{label} has values in {', '.join(filled)} but its {prop_name} {ref!r} "
                    f"is absent ({absent[ref]['message']})",
                    "row.link_absent",
                    {**names, "columns": ", ".join(filled), "property": prop_name, "ref": ref,
                     "cause": absent[ref]},
                ))
            return None

    key = em.compute_key(record)
    if key is None:
        keys = ", ".join(spec.key_columns)
        absent[em.name] = _cause("row.keys_empty", f"key column(s) {keys} empty", columns=keys)
        filled = [c for c in spec.exclusive if c in record]
        if filled:
            problems.append(_Problem(
                spec.key_columns[0] if spec.key_columns else filled[0],
                f"no id for {label}: key column(s) {keys} empty while "
                f"{', '.join(filled)} hold values",
                "row.no_key", {**names, "columns": keys, "filled": ", ".join(filled)},
            ))
        return None

    proxy = model.make_entity(em.schema)
    for pm in spec.properties:
        for value in pm.map(proxy, record, done):
            problems.append(_reason(_column_for(pm, value, record), pm.prop, value))

    for pm in spec.properties:
        # FtM's mapping-level `required: true`: an empty value means "no such entity here"
        if pm.required and not proxy.has(pm.prop):
            absent[em.name] = _cause("row.property_empty", f"{pm.prop.name} is empty",
                                     property=pm.prop.name)
            return None

    if em.id_column is not None and registry.entity.clean(key) is None:
        problems.append(_Problem(em.id_column, f"invalid id {key!r} for {label}", "row.bad_id",
                                 {**names, "value": key}))
        return None
    proxy.id = key
    try:
        check_required(proxy)
    except InvalidInput as exc:
        name = exc.field or ""
        columns = spec.columns_of.get(name)
        problems.append(_Problem(columns[0] if columns else name, f"{exc.message} ({em.name!r})",
                                 "row.in_entity", {"cause": cause(exc), "entity": em.name}))
    done[em.name] = proxy
    return proxy


def _map_row(queries: list[_Query], row: _Row) -> tuple[list[EntityProxy], RowError | None]:
    """The entities of one row, or the error that refuses it."""
    record = row.record
    entities: dict[str, EntityProxy] = {}
    problems: list[_Problem] = []
    read = False
    used: set[str] = set()
    for query in queries:
        if not query.source.check_filters(record):
            continue
        read = True
        used.update(query.columns)
        done: dict[str, EntityProxy] = {}
        absent: dict[str, dict[str, Any]] = {}
        for spec in query.entities:
            proxy = _map_entity(spec, record, done, absent, problems)
            if proxy is None or problems:
                continue
            seen = entities.get(proxy.id or "")
            if seen is None:
                entities[proxy.id or ""] = proxy
                continue
            try:
                seen.merge(proxy)
            except InvalidData as exc:
                # FtM's own reason, in its words: no code
                problems.append(_Problem(spec.key_columns[0] if spec.key_columns else "",
                                         str(exc)))
    if not problems and read and not entities:
        filled = [c for c in sorted(used) if c in record]
        if filled:
            specs = [s for q in queries for s in q.entities if s.key_columns]
            first = specs[0].key_columns[0] if specs else filled[0]
            problems.append(_Problem(
                first,
                f"the row maps to no entity: the key columns are empty "
                f"(values in {', '.join(filled)})",
                "row.no_entity", {"columns": ", ".join(filled)},
            ))
    if problems:
        return [], _refusal("", row.label, problems, row.raw)
    return list(entities.values()), None


def _refusal(name: str, label: str, problems: list[_Problem], raw: dict[str, Any]
             ) -> RowError:
    """The row's error: its first problem's column, every distinct reason joined by "; " (in
    English, as the quarantine CSV has always had them), and the same as one message: one
    problem's code, or `row.problems` chaining them so each is said in the reader's
    language. A problem without a code (FtM's own words) leaves the whole without one."""
    distinct = list({p.reason: p for p in problems}.values())
    reason = "; ".join(p.reason for p in distinct)
    code: str | None = None
    params: dict[str, Any] = {}
    if all(p.code for p in distinct):
        last = distinct[-1]
        code, params = last.code, dict(last.params)
        for at in range(len(distinct) - 2, -1, -1):
            p = distinct[at]
            rest = {"code": code, "params": params,
                    "message": "; ".join(q.reason for q in distinct[at + 1:])}
            first = {"code": p.code, "params": dict(p.params), "message": p.reason}
            code, params = "row.problems", {"first": first, "rest": rest}
    return RowError(name, label, problems[0].field, reason, raw, code, params)


def _items(name: str, rows: Iterable[tuple[_Row, list[_Query]]]) -> Iterator[Item]:
    for row, queries in rows:
        if row.problem is not None:
            error = _refusal(name, row.label, [row.problem], row.raw)
            yield Item(file=name, row=row.label, error=error)
            continue
        if not row.record:
            continue  # a blank row
        entities, error = _map_row(queries, row)
        if error is not None:
            error.file = name
            yield Item(file=name, row=row.label, error=error)
        elif entities:
            yield Item(file=name, row=row.label, entities=entities)


def _need_mapping(options: ReadOptions) -> list[_Query]:
    if options.mapping is None:
        raise invalid("tabular.mapping_needed", "mapping")
    return compile_mapping(options.mapping, options.agency, options.mapping_path)


def _check_columns(name: str, header: list[str], queries: list[_Query], where: str) -> None:
    have = set(header)
    missing = sorted({c for q in queries for c in q.columns if c not in have})
    if missing:
        cols = ", ".join(repr(c) for c in missing)
        present = ", ".join(repr(h) for h in header if h)
        raise invalid("tabular.columns_missing", missing[0], file=name, columns=cols,
                      mapping=where, present=present)
    dupes = sorted({h for h in header if h and header.count(h) > 1})
    used = {c for q in queries for c in q.columns}
    bad = [d for d in dupes if d in used]
    if bad:
        raise invalid("tabular.column_twice", bad[0], file=name, value=repr(bad[0]))


# --- CSV -----------------------------------------------------------------------------------


def _check_bytes(path: Path, name: str, encoding: str | None = None) -> str:
    """Refuse, before reading a row, a file that is empty, binary or in an encoding we cannot
    tell; return the codec to read it with (`textfile.detect_encoding`: UTF-8, UTF-16 or
    Windows-1252 detected, or the one the user named)."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if not head:
        raise invalid("file.is_empty", "file", file=name)
    if head.startswith(b"PK\x03\x04"):
        raise invalid("tabular.zip", "file", file=name)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise invalid("tabular.xls", "file", file=name)
    codec = detect_encoding(path, encoding)
    blank = True
    with path.open("r", encoding=codec, newline="") as fh:
        while blank and (text := fh.read(_CHUNK)):
            blank = not text.lstrip("\ufeff").strip()
    if blank:
        raise invalid("file.is_empty", "file", file=name)
    return codec


class _Lines:
    """Iterates over a text file's lines, keeping those of the current record for quarantine."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines
        self.taken: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.taken.append(line)
        return line

    def take(self) -> str:
        text = "".join(self.taken)
        self.taken = []
        return text


def _csv_rows(path: Path, name: str, queries: list[_Query], where: str,
              encoding: str = "utf-8-sig", delimiter: str | None = None) -> Iterator[_Row]:
    with path.open("r", encoding=encoding, newline="") as fh:
        first = ""
        for line in fh:
            if line.strip():
                first = line.lstrip("\ufeff")
                break
        ahead = list(itertools.islice(fh, 50))  # rows that tell the separator
        separator = detect_delimiter(name, [first, *ahead], delimiter)
        lines = _Lines(itertools.chain([first], ahead, fh))
        reader = csv.reader(lines, delimiter=separator, skipinitialspace=True, strict=True)
        try:
            header = [h.strip() for h in next(reader)]
        except csv.Error as exc:
            # the csv module's own reason, in its words
            raise invalid("tabular.bad_header", "file", file=name, reason=str(exc)) from exc
        lines.take()
        _check_columns(name, header, queries, where)
        width = len(header)
        number = 0
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                number += 1
                yield _Row(
                    str(number), {"_line": lines.take()},
                    problem=_Problem("", f"malformed CSV: {exc}", "row.malformed_csv",
                                     {"reason": str(exc)}),
                )
                continue
            number += 1
            raw_line = lines.take()
            if not fields:
                continue
            raw = dict(zip(header, fields, strict=False))
            if len(fields) < width:
                if not any(f.strip() for f in fields):
                    continue
                yield _Row(
                    str(number),
                    raw,
                    problem=_Problem(
                        header[len(fields)],
                        f"row has {len(fields)} field(s) where the header has {width} "
                        "(truncated row?)",
                        "row.truncated", {"n": len(fields), "width": width},
                    ),
                )
                continue
            if len(fields) > width:
                extra = fields[width:]
                if any(f.strip() for f in extra):
                    raw["_extra"] = extra
                    raw["_line"] = raw_line
                    yield _Row(
                        str(number),
                        raw,
                        problem=_Problem(
                            "",
                            f"row has {len(fields)} fields where the header has {width}",
                            "row.too_many_fields", {"n": len(fields), "width": width},
                        ),
                    )
                    continue
            yield _Row(str(number), raw, _record(header, fields))


def _record(header: list[str], values: Iterable[Any]) -> dict[str, str]:
    record: dict[str, str] = {}
    for column, value in zip(header, values, strict=False):
        if not column or column in record:
            continue
        text = sanitize_text(value)
        if text is not None:
            record[column] = text
    return record


def read_csv(path: Path, options: ReadOptions) -> Iterator[Item]:
    """Read a CSV file through the mapping: UTF-8, UTF-16 or Windows-1252 (or the encoding
    named in `options.encoding`), any of , ; tab | as delimiter (or `options.delimiter`)."""
    queries = _need_mapping(options)
    name = path.name
    codec = _check_bytes(path, name, options.encoding)
    rows = ((row, queries) for row in _csv_rows(path, name, queries, _mapping_name(options),
                                                codec, options.delimiter))
    yield from _items(name, rows)


# --- XLSX ----------------------------------------------------------------------------------


def _cell_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.time() == time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    return sanitize_text(value)


def _open_workbook(path: Path, name: str) -> Any:
    import openpyxl

    if path.stat().st_size == 0:
        raise invalid("file.is_empty", "file", file=name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except zipfile.BadZipFile as exc:
        # the zip library's own reason, in its words
        raise invalid("tabular.bad_xlsx", "file", file=name, reason=str(exc)) from exc
    except Exception as exc:  # openpyxl raises many kinds for broken workbooks
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        # openpyxl's own reason, in its words
        raise invalid("tabular.bad_xlsx", "file", file=name, reason=reason) from exc


def _sheet_header(name: str, ws: Any) -> list[str]:
    for row in _guarded(name, ws.iter_rows(min_row=1, max_row=1, values_only=True)):
        return [_cell_text(v) or "" for v in row]
    return []


def _plan_sheets(
    name: str, wb: Any, queries: list[_Query], where: str
) -> list[tuple[str, list[str], list[_Query]]]:
    """Which queries read which sheet: the one named by `sheet:`, else all that fit."""
    headers: dict[str, list[str]] = {}
    for ws in wb.worksheets:
        ws.reset_dimensions()  # some writers store a wrong size, which read-only mode trusts
        headers[ws.title] = _sheet_header(name, ws)
    if not any(any(h) for h in headers.values()):
        raise invalid("file.is_empty", "file", file=name)
    plan: dict[str, list[_Query]] = {}
    for query in queries:
        if query.sheet is not None:
            if query.sheet not in headers:
                sheets = ", ".join(repr(s) for s in headers)
                raise invalid("tabular.no_sheet", "sheet", file=name, value=repr(query.sheet),
                              sheets=sheets)
            _check_columns(f"{name} [{query.sheet}]", headers[query.sheet], [query], where)
            plan.setdefault(query.sheet, []).append(query)
            continue
        fits = [s for s, h in headers.items() if set(query.columns) <= set(h)]
        if not fits:
            best = min(headers, key=lambda s: len(set(query.columns) - set(headers[s])))
            _check_columns(f"{name} [{best}]", headers[best], [query], where)
        for sheet in fits:
            _check_columns(f"{name} [{sheet}]", headers[sheet], [query], where)
            plan.setdefault(sheet, []).append(query)
    return [(s, headers[s], plan[s]) for s in headers if s in plan]


def _guarded(name: str, rows: Iterator[Any]) -> Iterator[Any]:
    """openpyxl's rows, with a damaged workbook (truncated zip, broken XML) as InvalidInput."""
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception as exc:  # zipfile, zlib, XML parser errors
            # the zip or XML library's own reason, in its words
            raise invalid("tabular.damaged_xlsx", "file", file=name, reason=str(exc)) from exc
        yield row


def _xlsx_rows(
    name: str, wb: Any, plan: list[tuple[str, list[str], list[_Query]]]
) -> Iterator[tuple[_Row, list[_Query]]]:
    several = len(plan) > 1
    for sheet, header, queries in plan:
        ws = wb[sheet]
        width = len(header)
        rows = _guarded(name, ws.iter_rows(min_row=2, values_only=True))
        for number, values in enumerate(rows, start=2):
            texts = [_cell_text(v) for v in values]
            label = f"{sheet}!{number}" if several else str(number)
            raw = {h: t or "" for h, t in zip(header, texts, strict=False) if h}
            extra = [t for t in texts[width:] if t]
            if extra:
                raw["_extra"] = extra
                problem = _Problem("", "row has values right of the header", "row.values_right")
                yield _Row(label, raw, problem=problem), queries
                continue
            yield _Row(label, raw, _record(header, texts)), queries


def read_xlsx(path: Path, options: ReadOptions) -> Iterator[Item]:
    """Read an XLSX workbook through the mapping; row 1 of each sheet is its header."""
    queries = _need_mapping(options)
    name = path.name
    wb = _open_workbook(path, name)
    try:
        plan = _plan_sheets(name, wb, queries, _mapping_name(options))
        yield from _items(name, _xlsx_rows(name, wb, plan))
    finally:
        wb.close()


def read_tabular(path: Path, options: ReadOptions) -> Iterator[Item]:
    """Read CSV or XLSX (by the file's suffix) through the mapping in `options`."""
    if path.suffix.lower() in XLSX_SUFFIXES:
        return read_xlsx(path, options)
    return read_csv(path, options)
