"""Records as a STIX 2.1 bundle, for the tools agencies already run (MISP, OpenCTI).

The mapping keeps what those tools show natively and loses nothing of ours:

- people and organisations are `identity` objects (identity_class individual / organization);
  one tagged with a crime topic also gets a `threat-actor` (criminal), attributed to its
  identity, since that is how those tools list the actors of a network;
- FtM links (ownership, membership, family, associates, directorship ...) are `relationship`
  objects between the STIX objects of their two ends;
- user accounts are `user-account` observables; everything else (passports and other
  documents, bank accounts, vessels, seizures ...) is an `x-interlink-entity`, a new object type
  defined by our extension-definition;
- every object made from a record carries our property extension (`RECORD_EXTENSION`) with the
  FtM schema, id and properties, the full envelope, and for people and organisations a
  readable summary: birth dates, nationalities, documents and accounts from the same bundle;
- TLP 2.0 is marked with the official OASIS marking-definition objects (stix2 ships TLP 1 only);
  the Europol handling code is a marking-definition of our own (a statement; H3 carries its
  conditions, one marking per distinct text).

Ids are UUIDv5 of the record id under a fixed namespace, and timestamps come from the record
(collected, written), so exporting the same records again gives the same bundle byte for byte:
MISP and OpenCTI then update objects instead of duplicating them.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

import stix2
from followthemoney.schema import Schema
from stix2.properties import StringProperty

from interlink.core.codes import TLP, HandlingCode
from interlink.core.envelope import Envelope
from interlink.core.model import model
from interlink.core.record import Record, canonical_properties

#: the namespace of every id we derive: never change it, or re-exports stop matching
NAMESPACE = uuid.UUID("6f0e9b1a-5c2d-4e8f-9a7b-3d1c2b4a5e60")


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(parts)))


#: Interlink as the producer of our extension and markings (identity_class system)
PRODUCER_ID = f"identity--{_uuid('producer', 'interlink')}"
#: our property extension on every object made from a record
RECORD_EXTENSION = f"extension-definition--{_uuid('extension', 'record')}"
#: our new object type for records STIX has no type for
ENTITY_EXTENSION = f"extension-definition--{_uuid('extension', 'entity')}"
ENTITY_TYPE = "x-interlink-entity"
#: fixed creation time of the objects we define once (extension definitions, markings)
DEFINED = datetime(2026, 1, 1, tzinfo=UTC)

# TLP 2.0 as published by OASIS (cti-stix-common-objects, extension-definition-specifications/
# tlp-2.0): these exact ids and objects, or MISP and OpenCTI do not recognise the marking.
TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
TLP2_CREATED = "2022-10-01T00:00:00.000Z"
TLP2_IDS: dict[TLP, str] = {
    TLP.CLEAR: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    TLP.GREEN: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    TLP.AMBER: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    TLP.AMBER_STRICT: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    TLP.RED: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}
#: TLP 1.0 (stix2's predefined objects), read on import: WHITE is CLEAR under TLP 2.0
TLP1_IDS: dict[str, TLP] = {
    stix2.TLP_WHITE.id: TLP.CLEAR, stix2.TLP_GREEN.id: TLP.GREEN,
    stix2.TLP_AMBER.id: TLP.AMBER, stix2.TLP_RED.id: TLP.RED,
}
TLP_BY_ID: dict[str, TLP] = {**{v: k for k, v in TLP2_IDS.items()}, **TLP1_IDS}

HANDLING_NAME = "Europol handling code"
HANDLING_TEXT = {
    HandlingCode.H0: "H0: use only for the purposes it was given for",
    HandlingCode.H1: "H1: not to be used in court without the owner's consent",
    HandlingCode.H2: "H2: no onward dissemination without the owner's consent",
    HandlingCode.H3: "H3: other conditions: ",
}

#: STIX relationship_type per FtM link schema (source -> target as FtM's edge says)
RELATIONSHIP_TYPES = {
    "Ownership": "owns", "Directorship": "director-of", "Membership": "member-of",
    "Employment": "employed-by", "Family": "family-of", "Associate": "associate-of",
    "Representation": "represents", "Succession": "succeeded-by", "Payment": "pays",
    "Debt": "owes", "Occupancy": "holds-position", "UnknownLink": "related-to",
}
PARTIES = ("LegalEntity",)  # Person, Organization, Company, PublicBody all descend from it
DOCUMENTS = ("Identification",)  # Passport descends from it
CRIME_TOPIC = "crime"


@stix2.v21.CustomObject(ENTITY_TYPE, [
    ("name", StringProperty()),
    ("description", StringProperty()),
], extension_name=ENTITY_EXTENSION)
class InterlinkEntity:
    """A record of a schema STIX has no object for (a passport, a vessel, a seizure)."""


def stix_time(value: datetime) -> str:
    """STIX timestamps: UTC, milliseconds, Z."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + \
        f"{value.microsecond // 1000:03d}Z"


def _is(schema: Schema, names: Iterable[str]) -> bool:
    return any(schema.is_a(n) for n in names)


def stix_type(schema: Schema) -> str:
    """The STIX type a record of this FtM schema becomes: stable per schema, so references
    to a record name the right object without reading it."""
    if _is(schema, PARTIES):
        return "identity"
    if schema.edge and schema.edge_source and schema.edge_target:
        return "relationship"
    if schema.is_a("UserAccount"):
        return "user-account"
    return ENTITY_TYPE


def stix_id(record_id: str, schema: Schema | str) -> str:
    found = model.get(schema) if isinstance(schema, str) else schema
    assert found is not None
    return f"{stix_type(found)}--{_uuid('record', record_id)}"


def agency_id(code: str) -> str:
    return f"identity--{_uuid('agency', code)}"


def handling_marking_id(envelope: Envelope) -> str:
    if envelope.handling is HandlingCode.H3:
        return f"marking-definition--{_uuid('handling', 'H3', envelope.conditions)}"
    return f"marking-definition--{_uuid('handling', envelope.handling.value)}"


def tlp_marking(tlp: TLP) -> dict[str, Any]:
    """The official TLP 2.0 marking-definition object, as OASIS publishes it."""
    return {
        "type": "marking-definition", "spec_version": "2.1", "id": TLP2_IDS[tlp],
        "created": TLP2_CREATED, "name": f"TLP:{tlp.value}",
        "extensions": {TLP2_EXTENSION: {"extension_type": "property-extension",
                                        "tlp_2_0": tlp.value.lower()}},
    }


def handling_marking(envelope: Envelope) -> stix2.v21.MarkingDefinition:
    """Our marking for a handling code: a statement a person reads in MISP or OpenCTI, and
    the code itself in our extension for a machine."""
    text = HANDLING_TEXT[envelope.handling]
    if envelope.handling is HandlingCode.H3:
        text += envelope.conditions
    return stix2.v21.MarkingDefinition(
        id=handling_marking_id(envelope), created=stix_time(DEFINED),
        created_by_ref=PRODUCER_ID, name=f"{HANDLING_NAME} {envelope.handling.value}",
        definition_type="statement", definition={"statement": text},
        extensions={RECORD_EXTENSION: {"extension_type": "property-extension",
                                       "handling": envelope.handling.value,
                                       "conditions": envelope.conditions}},
    )


def definitions() -> list[Any]:
    """The objects every bundle of ours carries: Interlink as producer, and our two extension
    definitions (with a plain-text schema: nothing is fetched to read them)."""
    created = stix_time(DEFINED)
    return [
        stix2.v21.Identity(id=PRODUCER_ID, created=created, modified=created,
                           name="Interlink", identity_class="system",
                           description="Interlink agency server, which wrote this bundle."),
        stix2.v21.ExtensionDefinition(
            id=RECORD_EXTENSION, created=created, modified=created, created_by_ref=PRODUCER_ID,
            name="Interlink record", version="1.0", extension_types=["property-extension"],
            description="The Interlink record an object was made from.",
            schema="Plain text. record_id, schema: the FollowTheMoney entity id and schema; "
                   "properties: its FtM properties (name -> list of values); envelope: the "
                   "owner's terms (owner, handling H0-H3, conditions, tlp, source_grade, "
                   "info_grade, purposes, collected_at, review_by, source_ref). People and "
                   "organisations add birth_date, nationality, documents [{schema, number, "
                   "country, type}] and accounts [{schema, login, service, number}]. On a "
                   "marking-definition: handling and conditions. On derived objects: "
                   "derived_from, the record id; on agencies: agency, the agency code.",
        ),
        stix2.v21.ExtensionDefinition(
            id=ENTITY_EXTENSION, created=created, modified=created, created_by_ref=PRODUCER_ID,
            name="Interlink entity", version="1.0", extension_types=["new-sdo"],
            description="A record STIX has no object type for: a document, a bank account, "
                        "a vessel, a seizure.",
            schema=f"Plain text. Type {ENTITY_TYPE}: name and description as on any SDO; "
                   "the record itself in the Interlink record extension.",
        ),
    ]


def _first(values: list[str]) -> str | None:
    return sorted(values)[0] if values else None


def covers(holder: Envelope, item: Envelope) -> bool:
    """May a copy of `item`'s data travel under `holder`'s terms? Only when that loosens
    nothing: same owner, handling and conditions, a TLP no stricter, collected for every
    purpose the holder was, and kept at least as long. A passport marked RED is never
    summarised into its holder's AMBER identity."""
    return (item.owner == holder.owner and item.handling == holder.handling
            and item.conditions == holder.conditions and item.tlp.rank <= holder.tlp.rank
            and holder.purposes <= item.purposes
            and (item.review_by is None or (holder.review_by is not None
                                            and item.review_by >= holder.review_by)))


class _Summaries:
    """Documents and accounts of each person or organisation, from the records of the same
    bundle: a reader of the identity sees them without following references. Only those
    whose terms the identity's own cover (`covers`) are copied; the others stay in their own
    objects, under their own markings."""

    def __init__(self, records: list[Record]) -> None:
        self.documents: dict[str, list[tuple[Envelope, dict[str, str]]]] = {}
        self.accounts: dict[str, list[tuple[Envelope, dict[str, str]]]] = {}
        for r in records:
            schema, ent = r.entity.schema, r.entity
            if _is(schema, DOCUMENTS):
                for holder in ent.get("holder"):
                    self.documents.setdefault(holder, []).append((r.envelope, _compact({
                        "schema": schema.name, "number": _first(ent.get("number")),
                        "country": _first(ent.get("country")), "type": _first(ent.get("type")),
                        "record_id": r.id})))
            elif schema.is_a("UserAccount"):
                for owner in ent.get("owner"):
                    self.accounts.setdefault(owner, []).append((r.envelope, _compact({
                        "schema": schema.name, "login": _first(ent.get("username")),
                        "service": _first(ent.get("service")), "record_id": r.id})))

    def of(self, record: Record) -> dict[str, Any]:
        ent = record.entity
        out: dict[str, Any] = {}
        if ent.schema.is_a("Person"):
            out["birth_date"] = sorted(ent.get("birthDate"))
            out["nationality"] = sorted(set(ent.get("nationality")) | set(ent.get("citizenship")))
        env = record.envelope
        docs = [d for e, d in self.documents.get(record.id, []) if covers(env, e)]
        for prop in ("idNumber", "passportNumber", "registrationNumber", "taxNumber"):
            if ent.schema.get(prop) is not None:
                docs += [{"schema": prop, "number": n} for n in sorted(ent.get(prop))]
        out["documents"] = docs
        accounts = [a for e, a in self.accounts.get(record.id, []) if covers(env, e)]
        for prop in ("email", "phone"):
            accounts += [{"schema": prop, "login": v} for v in sorted(ent.get(prop))]
        out["accounts"] = accounts
        return {k: v for k, v in out.items() if v}


def _compact(data: dict[str, str | None]) -> dict[str, str]:
    return {k: v for k, v in data.items() if v}


def _record_extension(record: Record, summary: Mapping[str, Any] | None = None
                      ) -> dict[str, Any]:
    return {"extension_type": "property-extension", "record_id": record.id,
            "schema": record.schema, "properties": canonical_properties(record.entity),
            "envelope": record.envelope.to_dict(), **(summary or {})}


def _common(record: Record) -> dict[str, Any]:
    env = record.envelope
    created = env.collected_at
    written = record.written_at or created
    return {"created": stix_time(created), "modified": stix_time(max(created, written)),
            "created_by_ref": agency_id(env.owner),
            "object_marking_refs": [TLP2_IDS[env.tlp], handling_marking_id(env)]}


def _description(record: Record) -> str | None:
    ent = record.entity
    parts = [*ent.get("description"), *ent.get("summary"), *ent.get("notes")] \
        if ent.schema.get("notes") is not None else []
    return "\n\n".join(parts) or None


RefType = Callable[[str], str | None]


def record_objects(record: Record, summaries: _Summaries, ref_type: RefType) -> list[Any]:
    """The STIX objects of one record: its own, and for a criminal actor the threat-actor
    attributed to it."""
    ent, schema = record.entity, record.entity.schema
    kind = stix_type(schema)
    oid = stix_id(record.id, schema)
    common = _common(record)
    name = ent.caption or record.id
    if kind == "identity":
        ext = _record_extension(record, summaries.of(record))
        contact = "; ".join(sorted(ent.get("email")) + sorted(ent.get("phone")))
        identity = stix2.v21.Identity(
            id=oid, name=name, description=_description(record),
            identity_class="individual" if schema.is_a("Person") else "organization",
            contact_information=contact or None, extensions={RECORD_EXTENSION: ext}, **common)
        out: list[Any] = [identity]
        if any(t == CRIME_TOPIC or t.startswith(CRIME_TOPIC + ".") for t in ent.get("topics")):
            derived = {"extension_type": "property-extension", "derived_from": record.id}
            actor_id = f"threat-actor--{_uuid('threat-actor', record.id)}"
            aliases = sorted(set(ent.get("alias")) | set(ent.get("name")) - {name})
            out.append(stix2.v21.ThreatActor(
                id=actor_id, name=name, threat_actor_types=["criminal"],
                aliases=aliases or None, extensions={RECORD_EXTENSION: derived}, **common))
            out.append(stix2.v21.Relationship(
                id=f"relationship--{_uuid('attributed-to', record.id)}",
                relationship_type="attributed-to", source_ref=actor_id, target_ref=oid,
                extensions={RECORD_EXTENSION: derived}, **common))
        return out
    if kind == "relationship":
        src_prop, dst_prop = schema.edge_source or "", schema.edge_target or ""
        source = _first(ent.get(src_prop))
        target = _first(ent.get(dst_prop))
        if source and target:
            refs = (_ref(source, schema, src_prop, ref_type),
                    _ref(target, schema, dst_prop, ref_type))
            return [stix2.v21.Relationship(
                id=oid, relationship_type=RELATIONSHIP_TYPES.get(schema.name, "related-to"),
                source_ref=refs[0], target_ref=refs[1], description=_description(record),
                # a reference to our own object type is "custom content" to stix2
                allow_custom=any(r.startswith(ENTITY_TYPE) for r in refs),
                extensions={RECORD_EXTENSION: _record_extension(record)}, **common)]
        kind = ENTITY_TYPE  # a link missing an end: kept whole as an entity
        oid = f"{ENTITY_TYPE}--{oid.split('--', 1)[1]}"
    if kind == "user-account":
        return [stix2.v21.UserAccount(
            id=oid, account_login=_first(ent.get("username")),
            display_name=_first(ent.get("name")), account_type=_first(ent.get("service")),
            object_marking_refs=common["object_marking_refs"],
            extensions={RECORD_EXTENSION: _record_extension(record)})]
    return [InterlinkEntity(id=oid,  # type: ignore[call-arg]  # stix2's decorator adds them name=name, description=_description(record),
                            extensions={ENTITY_EXTENSION: {"extension_type": "new-sdo"},
                                        RECORD_EXTENSION: _record_extension(record)},
                            **common)]


def _ref(value: str, schema: Schema, prop_name: str, ref_type: RefType) -> str:
    """The STIX id of a link's end: by the schema of the record when it is known (in the
    bundle, or told by `ref_type`), else by what the property may point to."""
    known = ref_type(value)
    if known is None:
        prop = schema.get(prop_name)
        rng = prop.range if prop is not None else None
        # a link to "any thing" most often names a person or an organisation
        known = stix_type(rng) if rng is not None and rng.name != "Thing" else "identity"
    return f"{known}--{_uuid('record', value)}"


def bundle_objects(records: Iterable[Record], ref_type: RefType | None = None) -> list[Any]:
    """Every object for these records, with the markings, agencies and definitions they
    name, in a stable order: definitions, markings, agencies, then records by id."""
    recs = sorted(records, key=lambda r: r.id)
    kinds = {r.id: stix_type(r.entity.schema) for r in recs}

    def resolve(record_id: str) -> str | None:
        return kinds.get(record_id) or (ref_type(record_id) if ref_type else None)

    summaries = _Summaries(recs)
    tlps = sorted({r.envelope.tlp for r in recs}, key=lambda t: t.rank)
    handlings = {handling_marking_id(r.envelope): r.envelope for r in recs}
    owners = sorted({r.owner for r in recs})
    created = stix_time(DEFINED)
    objects: list[Any] = definitions()
    objects += [tlp_marking(t) for t in tlps]
    objects += [handling_marking(handlings[k]) for k in sorted(handlings)]
    objects += [stix2.v21.Identity(
        id=agency_id(code), created=created, modified=created, name=code,
        identity_class="organization", sectors=["government-national"],
        extensions={RECORD_EXTENSION: {"extension_type": "property-extension",
                                       "agency": code}}) for code in owners]
    for record in recs:
        objects += record_objects(record, summaries, resolve)
    return objects


def serialize(obj: Any) -> dict[str, Any]:
    if isinstance(obj, dict):
        return obj
    return json.loads(obj.serialize())  # type: ignore[no-any-return]


def to_bundle(records: Iterable[Record], ref_type: RefType | None = None) -> dict[str, Any]:
    """A STIX 2.1 bundle (as JSON-ready data) of these records. Its id is derived from its
    objects' ids and modification times, so the same records give the same bundle."""
    objects = [serialize(o) for o in bundle_objects(records, ref_type)]
    digest = hashlib.sha256("\n".join(
        f"{o['id']} {o.get('modified', '')}" for o in objects).encode()).hexdigest()
    return {"type": "bundle", "id": f"bundle--{_uuid('bundle', digest)}", "objects": objects}


def dumps(bundle: Mapping[str, Any]) -> str:
    return json.dumps(bundle, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


