"""An FtM line straight to the row the store writes, without building an FtM entity.

Reading a bulk load is mostly per-value work, and most of it is not cleaning (that is cached per
type in `core.record`) but the entity around the values: FtM's `unsafe_add` per value, then
walking the entity again for its sorted JSON, its caption and its search keys. For a line whose
every value is validated by its type alone (an international phone number too), this builds
the same row from plain lists: the same cleaned values in the same order (duplicates dropped as
FtM drops them), the same caption rule (`EntityProxy.caption`), the same required-property check
and search keys. Anything else (a national phone number, cleaned against the entity's
countries; a value FtM refuses; an unknown property; an oversized text) returns None and the
line takes the ordinary path, which says what is wrong in the words it always used.
`tests/ingest/test_fast_rows.py` holds the two paths to the same rows.
"""

from __future__ import annotations

from typing import Any

from followthemoney.types import registry
from rigour.names import pick_name

from interlink.core.envelope import Envelope
from interlink.core.errors import InvalidInput
from interlink.core.limits import record_id
from interlink.core.model import model
from interlink.core.record import (
    _CLEANED,
    _CONTEXTUAL,
    _MISSING,
    RecordRow,
    _clean,
    _clean_into,
    dumps_compact,
)
from interlink.search import record_keys

#: FtM stops adding text past this many characters in one entity (`PropertyType.total_size`);
#: a line near it takes the ordinary path, which applies FtM's own rule
#: by name: a type's own hash is a Python method, a name's is cached
_CONTEXTUAL_NAMES = frozenset(t.name for t in _CONTEXTUAL)
_SIZE = min(t.total_size for t in registry.types if t.total_size is not None)


def fast_row(data: dict[str, Any], envelope: Envelope) -> RecordRow | None:
    """The row `RecordRow.of(Record(make_entity(data), envelope))` with its search keys, or
    None when this line needs the ordinary path."""
    schema_name = data.get("schema")
    schema = model.get(schema_name) if isinstance(schema_name, str) else None
    if schema is None or schema.abstract:
        return None
    try:
        entity_id = record_id(data.get("id"))
    except InvalidInput:
        return None
    props = data.get("properties") or {}
    if not isinstance(props, dict):
        return None
    found: dict[str, list[str]] = {}
    size = 0
    properties = schema.properties
    for name, values in props.items():
        prop = properties.get(name)
        if prop is None:
            return None
        if isinstance(values, str | int | float):
            values = [values]
        elif values.__class__ is not list:
            return None
        type_name = prop.type.name
        out = found.get(name)
        if type_name in _CONTEXTUAL_NAMES:
            # `add_value`'s rule: an international number (+212...) is cleaned alone, and
            # cached; a national one needs the entity's countries (the ordinary path)
            for value in values:
                if value is None or (value.__class__ is str and not value.strip()):
                    continue
                if not isinstance(value, str | int | float):
                    return None
                text = str(value)
                if not text.startswith("+"):
                    return None
                cleaned = _clean(type_name, text)
                if cleaned is None:
                    return None
                if out is None:
                    out = found[name] = []
                size += len(cleaned)
                if cleaned not in out:
                    out.append(cleaned)
            continue
        cache = _CLEANED[type_name]
        for value in values:
            if value.__class__ is not str:
                if value is None:
                    continue
                if not isinstance(value, str | int | float):
                    return None  # FtM's str() of a list or an object: its own path decides
                value = str(value)
            cleaned = cache.get(value, _MISSING)  # type: ignore[arg-type]
            if cleaned is _MISSING:
                if not value.strip():
                    continue
                cleaned = _clean_into(cache, type_name, value)
            if cleaned is None:
                return None  # refused: the ordinary path names the property and the value
            assert isinstance(cleaned, str)
            if out is None:
                out = found[name] = []
            size += len(cleaned)  # as FtM counts: every value added, repeated or not
            if cleaned not in out:
                out.append(cleaned)
    if size >= _SIZE:
        return None
    canonical = {name: sorted(values) for name, values in sorted(found.items())}
    missing = next((p for p in schema.required if p not in found), "")
    return RecordRow(entity_id, schema.name, dumps_compact(canonical),
                     _caption(schema, found) or "", envelope, missing,
                     tuple(record_keys(schema.name, found)))


def _caption(schema: Any, found: dict[str, list[str]]) -> str:
    """`EntityProxy.caption` on plain lists (values in the order they were added)."""
    for name in schema.caption:
        values = found.get(name)
        if not values:
            continue
        if schema.properties[name].type == registry.name and len(values) > 1:
            picked = pick_name(sorted(values))
            if picked is not None:
                return picked
        else:
            return values[0]
    return str(schema.label)
