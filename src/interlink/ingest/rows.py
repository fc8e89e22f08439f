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

import re
from datetime import date
from typing import Any, NamedTuple

from followthemoney.types import registry
from rigour.names import pick_name

from interlink.core.envelope import Envelope
from interlink.core.errors import InvalidInput
from interlink.core.limits import record_id
from interlink.core.model import model
from interlink.core.record import (
    _CLEANED,
    _CLEANED_MAX,
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


#: what FtM turns into one value of a property (`make_entity`'s rule), beside a list
_SCALARS = (str, int, float)


class _Plan(NamedTuple):
    """What `fast_row` needs of a schema, looked up once per schema instead of per line."""

    schema: Any
    #: property name -> (its type's name, that type's cache of cleaned values (kept, only
    #: ever emptied: `core.record._clean_into`), whether cleaning it reads the entity)
    props: dict[str, tuple[str, dict[str, str | None], bool]]
    required: tuple[str, ...]
    #: the caption's properties in order, each with whether it holds names (`_caption`)
    caption: tuple[tuple[str, bool], ...]
    label: str


_PLANS: dict[str, _Plan] = {}


def _plan(schema_name: str) -> _Plan | None:
    schema = model.get(schema_name)
    if schema is None or schema.abstract:
        return None  # (not kept: a name that is no schema costs the ordinary path anyway)
    props = {name: (prop.type.name, _CLEANED[prop.type.name],
                    prop.type.name in _CONTEXTUAL_NAMES)
             for name, prop in schema.properties.items()}
    caption = tuple((name, schema.properties[name].type == registry.name)
                    for name in schema.caption)
    plan = _PLANS[schema_name] = _Plan(schema, props, tuple(schema.required), caption,
                                       str(schema.label))
    return plan


def fast_row(data: dict[str, Any], envelope: Envelope) -> RecordRow | None:
    """The row `RecordRow.of(Record(make_entity(data), envelope))` with its search keys, or
    None when this line needs the ordinary path."""
    schema_name = data.get("schema")
    if not isinstance(schema_name, str):
        return None
    plan = _PLANS.get(schema_name) or _plan(schema_name)
    if plan is None:
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
    properties = plan.props
    for name, values in props.items():
        known = properties.get(name)
        if known is None:
            return None
        if values.__class__ is not list:
            if not isinstance(values, _SCALARS):
                return None
            values = [values]
        type_name, cache, contextual = known
        out: list[str] | None = None
        if contextual:
            # `add_value`'s rule: an international number (+212...) is cleaned alone, and
            # cached; a national one needs the entity's countries (the ordinary path)
            for value in values:
                if value is None or (value.__class__ is str and not value.strip()):
                    continue
                if not isinstance(value, _SCALARS):
                    return None
                text = str(value)
                if not text.startswith("+"):
                    return None
                cleaned = _clean(type_name, text)
                if cleaned is None:
                    return None
                size += len(cleaned)
                if out is None:
                    out = found[name] = [cleaned]
                elif cleaned not in out:
                    out.append(cleaned)
            continue
        for value in values:
            if value.__class__ is not str:
                if value is None:
                    continue
                if not isinstance(value, _SCALARS):
                    return None  # FtM's str() of a list or an object: its own path decides
                value = str(value)
            cleaned = cache.get(value, _MISSING)  # type: ignore[arg-type]
            if cleaned is _MISSING:
                if not value.strip():
                    continue
                cleaned = _clean_new(cache, type_name, value)
            if cleaned is None:
                return None  # refused: the ordinary path names the property and the value
            size += len(cleaned)  # type: ignore[arg-type]  # as FtM counts: every value added
            if out is None:
                out = found[name] = [cleaned]  # type: ignore[list-item]
            elif cleaned not in out:
                out.append(cleaned)  # type: ignore[arg-type]
    if size >= _SIZE:
        return None
    # (a single value's list is already sorted, and nothing changes it)
    canonical = {name: found[name] if len(found[name]) == 1 else sorted(found[name])
                 for name in sorted(found)}
    missing = ""
    for required in plan.required:
        if required not in found:
            missing = required
            break
    schema = plan.schema
    return RecordRow(entity_id, schema.name, dumps_compact(canonical),
                     _caption(plan, found) or "", envelope, missing,
                     tuple(record_keys(schema.name, found)))


#: a date already in FtM's form, to the year, month or day (ISO 8601, ASCII digits)
_ISO_DATE = re.compile(r"[12][0-9]{3}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12][0-9]|3[01]))?)?")


def _clean_new(cache: dict[str, str | None], type_name: str, value: str) -> str | None:
    """`_clean_into` (FtM's cleaning of a value not seen before, remembered), with a fast path
    for a value that is clean already: a date as FtM writes it, which its cleaning
    (`prefixdate`: a regular expression, a datetime, its ISO text cut to the precision
    given) gives back unchanged whenever it names a real day. Measured: a tenth of the
    cost of parsing it (`tests/ingest/test_fast_rows.py` holds the two to the same
    values)."""
    if type_name == "date":
        found = _ISO_DATE.fullmatch(value)
        if found is not None and (found.group(2) is None or _real_day(value)):
            if len(cache) >= _CLEANED_MAX:  # as `_clean_into` bounds it
                cache.clear()
            cache[value] = value
            return value
    return _clean_into(cache, type_name, value)


def _real_day(value: str) -> bool:
    """Whether "YYYY-MM-DD" (digits already checked) is a day of the calendar."""
    if int(value[8:]) <= 28:
        return True
    try:
        date(int(value[:4]), int(value[5:7]), int(value[8:]))
    except ValueError:
        return False
    return True


def _caption(plan: _Plan, found: dict[str, list[str]]) -> str:
    """`EntityProxy.caption` on plain lists (values in the order they were added)."""
    for name, is_name in plan.caption:
        values = found.get(name)
        if not values:
            continue
        if is_name and len(values) > 1:
            picked = pick_name(sorted(values))
            if picked is not None:
                return picked
        else:
            return values[0]
    return plan.label
