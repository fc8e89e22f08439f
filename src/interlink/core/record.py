"""A record: one agency's FtM entity under that agency's envelope, at one version."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property, lru_cache
from typing import Any, cast

from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from interlink.core.envelope import Envelope
from interlink.core.limits import record_id
from interlink.core.messages import invalid
from interlink.core.model import model
from interlink.core.recordrow import RecordRow as RecordRow
from interlink.core.recordrow import dumps_compact as dumps_compact
from interlink.core.recordrow import loads as loads
from interlink.core.recordrow import scoped_id as scoped_id


def make_entity(data: dict[str, Any]) -> EntityProxy:
    """Build an entity from untrusted data, refusing what FtM would silently drop.

    FtM's own `get_proxy(cleaned=False)` cleans values but quietly discards unknown properties
    and invalid values; an agency's data must not lose fields without anyone noticing, so each
    property and value is checked and refused with its name.
    """
    schema_name = data.get("schema")
    schema = model.get(schema_name) if isinstance(schema_name, str) else None
    if schema is None:
        raise invalid("record.unknown_schema", "schema", value=repr(schema_name))
    if schema.abstract:
        raise invalid("record.abstract_schema", "schema", schema=schema.name)
    entity_id = record_id(data.get("id"))
    props = data.get("properties") or {}
    if not isinstance(props, dict):
        raise invalid("record.properties_object", "properties")
    proxy = model.make_entity(schema)
    proxy.id = entity_id
    for name, values in props.items():
        prop = schema.get(name)
        if prop is None:
            raise invalid("record.unknown_property", name, value=repr(name), schema=schema.name)
        if isinstance(values, str | int | float):
            values = [values]
        if not isinstance(values, list):
            raise invalid("record.property_list", name, value=repr(name))
        if prop.type in _CONTEXTUAL:
            for value in values:
                add_value(proxy, name, value)
            continue
        # the fast path, for every property whose cleaning depends on the value alone: a
        # value already seen (clean or not) is one dictionary look-up; per-value work that
        # `add_value` repeats (finding the property, its type) is done once per property
        cache = _CLEANED[prop.type.name]
        add = proxy.unsafe_add
        try:
            for value in values:
                if value.__class__ is not str:
                    if value is None:
                        continue
                    value = str(value)
                cleaned = cache.get(value, _MISSING)
                if cleaned is _MISSING:
                    if not value.strip():
                        continue
                    cleaned = _clean_into(cache, prop.type.name, value)
                if cleaned is None:
                    raise invalid("record.invalid_value", name, datatype=prop.type.name,
                                  value=repr(value), property=name)
                add(prop, cast(str, cleaned), cleaned=True)  # not None, not _MISSING here
        except InvalidData as exc:
            # FtM's own reason, in its words
            raise invalid("record.property_reason", name, property=name, reason=str(exc)) from exc
    return proxy


def add_value(proxy: EntityProxy, name: str, value: Any) -> None:
    """Add one raw value to a property, or raise InvalidInput naming the property."""
    prop = proxy.schema.get(name)
    if prop is None:
        raise invalid("record.unknown_property", name, value=repr(name),
                      schema=proxy.schema.name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return
    text = str(value)
    if prop.type in _CONTEXTUAL and not text.startswith("+"):
        # a national number needs the entity's countries to parse; an international one
        # (+212...) does not, and is cached like any other value
        cleaned = prop.type.clean(text, proxy=proxy)
    else:
        cleaned = _clean(prop.type.name, text)
    if cleaned is None:
        raise invalid("record.invalid_value", name, datatype=prop.type.name, value=repr(text),
                      property=name)
    try:
        proxy.unsafe_add(prop, cleaned, cleaned=True)
    except InvalidData as exc:
        # FtM's own reason, in its words
        raise invalid("record.property_reason", name, property=name, reason=str(exc)) from exc


# Types whose cleaning reads the entity (phone numbers use its countries as hints).
_CONTEXTUAL = {registry.phone}


@lru_cache(maxsize=200_000)
def _clean(type_name: str, text: str) -> str | None:
    """Cleaning is pure for most types, and dates, countries, genders and the like repeat
    across millions of rows: caching it roughly halves the cost of validating a bulk load."""
    return registry.get(type_name).clean(text)


_MISSING = object()
#: per type, raw value -> its clean form (None: invalid); emptied when it grows past the bound
_CLEANED: defaultdict[str, dict[str, str | None]] = defaultdict(dict)
_CLEANED_MAX = 100_000


def _clean_into(cache: dict[str, str | None], type_name: str, text: str) -> str | None:
    """Clean a value not seen before and remember it. Unique values (names, ids) would fill
    the cache for nothing, so it is emptied whenever it passes its bound: memory stays flat
    and the values that repeat (dates, countries, references) come back within a batch."""
    cleaned = registry.get(type_name).clean(text)
    if len(cache) >= _CLEANED_MAX:
        cache.clear()
    cache[text] = cleaned
    return cleaned


def check_required(proxy: EntityProxy) -> None:
    for name in proxy.schema.required:
        if not proxy.has(name):
            raise invalid("record.missing_required", name, value=repr(name),
                          schema=proxy.schema.name)


def canonical_properties(proxy: EntityProxy) -> dict[str, list[str]]:
    return {k: sorted(v) for k, v in sorted(proxy.properties.items()) if v}


@dataclass(frozen=True)
class Record:
    """An entity plus its envelope. `version` is set once the store has written it."""

    entity: EntityProxy
    envelope: Envelope
    version: int | None = None
    written_at: datetime | None = None
    written_by: str | None = None

    @property
    def id(self) -> str:
        assert self.entity.id is not None
        return self.entity.id

    @property
    def schema(self) -> str:
        return self.entity.schema.name

    @property
    def owner(self) -> str:
        return self.envelope.owner

    @cached_property
    def properties_json(self) -> str:
        """The properties as the store keeps them: sorted, compact JSON (computed once)."""
        return dumps_compact(canonical_properties(self.entity))

    @classmethod
    def from_stored(
        cls, id_: str, schema: str, properties_json: str, envelope: Envelope, **meta: Any
    ) -> Record:
        """Rebuild a record from what the store or the ingest staging holds: values there are
        already clean, so FtM skips re-validation and the JSON is not serialised again."""
        entity = model.get_proxy(
            {"id": id_, "schema": schema, "properties": loads(properties_json)},
            cleaned=True,
        )
        record = cls(entity=entity, envelope=envelope, **meta)
        record.__dict__["properties_json"] = properties_json  # prime the cached_property
        return record

    def checksum(self) -> str:
        return RecordRow.of(self).checksum()

    def to_dict(self) -> dict[str, Any]:
        """FtM entity dict with the envelope beside it, the line format of `export --format ftm`."""
        data = {
            "id": self.id,
            "schema": self.schema,
            "properties": canonical_properties(self.entity),
            "envelope": self.envelope.to_dict(),
        }
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], envelope: Envelope | None = None) -> Record:
        entity = make_entity(data)
        check_required(entity)
        env_data = data.get("envelope")
        if env_data is not None:
            if not isinstance(env_data, dict):
                raise invalid("record.envelope_object", "envelope")
            envelope = Envelope.from_dict(env_data)
        if envelope is None:
            raise invalid("record.no_envelope", "envelope")
        return cls(entity=entity, envelope=envelope)


def rename_ids(row: RecordRow, mapping: dict[str, str]) -> RecordRow:
    """The row with its own id and its references to other entities renamed by `mapping`
    (ids of one load that clashed with other agencies' records)."""
    new_id = mapping.get(row.id, row.id)
    props = row.properties_json
    if any(old in props for old in mapping):
        schema = model.get(row.schema)
        data = loads(props)
        for name, values in data.items():
            prop = schema.get(name) if schema is not None else None
            if prop is not None and prop.type is registry.entity:
                data[name] = sorted(mapping.get(v, v) for v in values)
        props = dumps_compact(data)
    if new_id == row.id and props is row.properties_json:
        return row
    return row._replace(id=new_id, properties_json=props)
