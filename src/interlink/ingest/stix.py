"""STIX 2.1 bundles: our own exports back losslessly, and what MISP or OpenCTI export.

An object carrying our record extension (`export.stix.RECORD_EXTENSION`) is the record it was
made from: its FtM id, schema, properties and envelope come back as they were (the envelope's
owner is checked by the pipeline like any envelope an input carries). If the object's TLP
marking is stricter than its envelope says (someone marked it up in MISP), the stricter one
wins: a bundle never lowers a marking.

Other tools' objects are read for what FtM can hold: an `identity` (individual -> Person,
organization or group -> Organization), a `threat-actor` (a LegalEntity tagged `crime`), a
`user-account` (UserAccount), and a `relationship` between two imported objects (an
UnknownLink whose role is the relationship type). They take the terms given for the ingest,
with a TLP or handling marking they carry applied (a TLP only ever raised). Anything else (an
indicator, malware ...) is set aside in the quarantine file, named, rather than dropped unseen.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interlink.core.codes import TLP, HandlingCode
from interlink.core.envelope import Envelope
from interlink.core.errors import InvalidInput
from interlink.core.messages import invalid, render
from interlink.core.record import loads, make_entity
from interlink.ingest.base import Item, ReadOptions, RowError
from interlink.ingest.ftm import _envelope

if TYPE_CHECKING:
    from types import ModuleType


def _stix() -> ModuleType:
    """The export side's ids, imported when a bundle is read: stix2 (which it loads) costs
    the command line a tenth of a second at every start otherwise."""
    from interlink.export import stix

    return stix


#: objects that describe others (markings, definitions) and carry no record
SKIPPED = frozenset({"marking-definition", "extension-definition", "language-content"})
_BUNDLE = re.compile(rb'"type"\s*:\s*"bundle"')


def looks_like_stix(path: Path) -> bool:
    """A JSON document that says it is a bundle near its start (`{"type": "bundle", ...}`)."""
    with path.open("rb") as fh:
        head = fh.read(8192).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] == b"{" and _BUNDLE.search(head) is not None


def _error(name: str, row: str, field: str, code: str, raw: dict[str, Any] | None = None,
           **params: Any) -> Item:
    return Item(name, row, error=RowError(name, row, field, render(code, params), raw, code,
                                          params))


def _marked_tlp(obj: dict[str, Any]) -> TLP | None:
    """The strictest TLP among the object's markings (TLP 2.0 or 1.0 ids), if any."""
    by_id = _stix().TLP_BY_ID
    found = [by_id[m] for m in obj.get("object_marking_refs") or ()
             if isinstance(m, str) and m in by_id]
    return max(found, key=lambda t: t.rank) if found else None


def _handlings(objects: list[dict[str, Any]]) -> dict[str, tuple[HandlingCode, str]]:
    """Our handling markings in the bundle, by id: the code and conditions they carry."""
    out: dict[str, tuple[HandlingCode, str]] = {}
    for obj in objects:
        ext = (obj.get("extensions") or {}).get(_stix().RECORD_EXTENSION)
        if obj.get("type") == "marking-definition" and isinstance(ext, dict) \
                and "handling" in ext:
            try:
                code = HandlingCode(HandlingCode.parse(str(ext["handling"])))
            except InvalidInput:
                continue
            conditions = str(ext.get("conditions") or "")
            if code is not HandlingCode.H3 or conditions.strip():  # H3 needs its conditions
                out[str(obj.get("id"))] = (code, conditions)
    return out


def _stricter(envelope: Envelope, tlp: TLP | None) -> Envelope:
    if tlp is not None and tlp.rank > envelope.tlp.rank:
        return envelope.with_changes(tlp=tlp)
    return envelope


def _foreign_terms(obj: dict[str, Any], terms: Envelope | None, agency: str,
                   handlings: dict[str, tuple[HandlingCode, str]]) -> Envelope:
    env = terms or Envelope(agency)
    for ref in obj.get("object_marking_refs") or ():
        if ref in handlings:
            code, conditions = handlings[ref]
            env = env.with_changes(handling=code, conditions=conditions)
    return _stricter(env, _marked_tlp(obj))


def _foreign_entity(obj: dict[str, Any]) -> dict[str, Any] | None:
    """The FtM entity data of another tool's object, or None for a type we do not read."""
    kind = obj.get("type")
    props: dict[str, list[str]] = {}

    def put(name: str, *values: Any) -> None:
        vals = [str(v) for v in values if isinstance(v, str | int) and str(v).strip()]
        if vals:
            props.setdefault(name, []).extend(vals)

    if kind == "identity":
        cls = obj.get("identity_class")
        if cls == "individual":
            schema = "Person"
        elif cls in ("organization", "group"):
            schema = "Organization"
        else:
            return None
        put("name", obj.get("name"))
        put("notes", obj.get("description"), obj.get("contact_information"))
    elif kind == "threat-actor":
        schema = "LegalEntity"
        put("name", obj.get("name"))
        put("alias", *(obj.get("aliases") or ()))
        put("notes", obj.get("description"))
        put("topics", "crime")
    elif kind == "user-account":
        schema = "UserAccount"
        put("username", obj.get("account_login") or obj.get("user_id"))
        put("name", obj.get("display_name"))
        put("service", obj.get("account_type"))
    else:
        return None
    return {"id": obj.get("id"), "schema": schema, "properties": props}


def read_stix(path: Path, options: ReadOptions) -> Iterator[Item]:
    name = path.name
    try:
        data = loads(path.read_bytes())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        # the JSON parser's own reason, in its words
        raise invalid("ingest.stix_not_json", file=name, reason=str(exc)) from None
    objects = data.get("objects") if isinstance(data, dict) else None
    if not isinstance(data, dict) or data.get("type") != "bundle" or not isinstance(objects,
                                                                                     list):
        raise invalid("ingest.stix_not_bundle", file=name)
    objs = [o for o in objects if isinstance(o, dict)]
    stix = _stix()
    handlings = _handlings(objs)
    terms = options.envelope
    # the record id each importable object becomes, so a relationship can name its ends
    ids: dict[str, str] = {}
    for obj in objs:
        ext = (obj.get("extensions") or {}).get(stix.RECORD_EXTENSION)
        if isinstance(ext, dict) and isinstance(ext.get("record_id"), str):
            ids[str(obj.get("id"))] = ext["record_id"]
        elif _foreign_entity(obj) is not None:
            ids[str(obj.get("id"))] = str(obj.get("id"))
    for number, obj in enumerate(objects, start=1):
        if not isinstance(obj, dict) or not isinstance(obj.get("type"), str) \
                or not isinstance(obj.get("id"), str):
            yield _error(name, str(number), "type", "row.stix_bad_object")
            continue
        row, kind = obj["id"], obj["type"]
        ext = (obj.get("extensions") or {}).get(stix.RECORD_EXTENSION)
        ext = ext if isinstance(ext, dict) else None
        if kind in SKIPPED or row == stix.PRODUCER_ID:
            continue
        if ext is not None and ("agency" in ext or "derived_from" in ext):
            continue  # our agencies and the threat-actors derived from a record's identity
        try:
            if ext is not None and "record_id" in ext:
                entity = make_entity({"id": ext.get("record_id"), "schema": ext.get("schema"),
                                      "properties": ext.get("properties")})
                envelope = _stricter(_envelope(ext.get("envelope"), {}), _marked_tlp(obj))
                yield Item(name, row, entities=[entity], envelope=envelope)
                continue
            if kind == stix.ENTITY_TYPE:  # ours, stripped of its record on the way
                yield _error(name, row, "extensions", "row.stix_unsupported", value=kind)
                continue
            envelope = _foreign_terms(obj, terms, options.agency, handlings)
            if kind == "relationship":
                refs = {key: str(obj.get(key)) for key in ("source_ref", "target_ref")}
                ends = [ids.get(ref) for ref in refs.values()]
                missing = [key for key, end in zip(refs, ends, strict=True) if end is None]
                if missing:
                    yield _error(name, row, missing[0], "row.stix_link_end", {"id": row},
                                 id=refs[missing[0]])
                    continue
                props = {"subject": [ends[0]], "object": [ends[1]]}
                if isinstance(obj.get("relationship_type"), str):
                    props["role"] = [obj["relationship_type"]]
                if isinstance(obj.get("description"), str):
                    props["description"] = [obj["description"]]
                entity = make_entity({"id": row, "schema": "UnknownLink", "properties": props})
                yield Item(name, row, entities=[entity], envelope=envelope)
                continue
            data_ = _foreign_entity(obj)
            if data_ is None:
                yield _error(name, row, "type", "row.stix_unsupported", {"id": row},
                             value=kind)
                continue
            yield Item(name, row, entities=[make_entity(data_)], envelope=envelope)
        except InvalidInput as exc:
            yield Item(name, row, error=RowError.of(exc, name, row, exc.field or "",
                                                    {"id": row}))
