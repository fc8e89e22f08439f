"""STIX 2.1 export: a bundle stix2 parses, the official TLP 2.0 markings, our handling marking
and record extension, people and links as MISP and OpenCTI read them, and the same bundle
every time the same records are exported."""

from __future__ import annotations

import json
from pathlib import Path

import stix2

from interlink.core import Envelope, Record
from interlink.core.record import make_entity
from interlink.export import export_records
from interlink.export.stix import (
    ENTITY_TYPE,
    RECORD_EXTENSION,
    TLP2_EXTENSION,
    TLP2_IDS,
    agency_id,
    dumps,
    stix_id,
    to_bundle,
)
from tests.cli.test_commands import cli  # noqa: F401  (fixture)
from tests.export.test_roundtrip import sample_records

MA = Envelope(owner="MA-DGSN", handling="H2", tlp="AMBER+STRICT", purposes=["drug_trafficking"],
              collected_at="2025-03-01T10:00:00+00:00")
H3 = Envelope(owner="MA-DGSN", handling="H3", conditions="pas d'usage judiciaire", tlp="RED",
              purposes=["drug_trafficking"], collected_at="2025-03-01T10:00:00+00:00")


def network() -> list[Record]:
    """A small network: a suspect (tagged crime) with a passport and a Telegram account, the
    company he owns, and his brother."""
    rows = [
        (MA, {"id": "p1", "schema": "Person", "properties": {
            "name": ["Karim Benali"], "alias": ["Le Chef"], "birthDate": ["1985-04-12"],
            "nationality": ["ma"], "phone": ["+212612345678"], "topics": ["crime.traffick"]}}),
        (MA, {"id": "p2", "schema": "Person", "properties": {"name": ["Youssef Benali"]}}),
        (MA, {"id": "pp1", "schema": "Passport", "properties": {
            "holder": ["p1"], "number": ["MA1234567"], "country": ["ma"]}}),
        (H3, {"id": "pp2", "schema": "Passport", "properties": {
            "holder": ["p1"], "number": ["XK7654321"], "country": ["fr"]}}),
        (MA, {"id": "ua1", "schema": "UserAccount", "properties": {
            "owner": ["p1"], "username": ["chef85"], "service": ["Telegram"]}}),
        (MA, {"id": "c1", "schema": "Company", "properties": {"name": ["Atlas Import SARL"]}}),
        (MA, {"id": "own1", "schema": "Ownership", "properties": {
            "owner": ["p1"], "asset": ["c1"], "percentage": ["60"]}}),
        (MA, {"id": "fam1", "schema": "Family", "properties": {
            "person": ["p1"], "relative": ["p2"], "relationship": ["brother"]}}),
    ]
    return [Record(make_entity(data), env) for env, data in rows]


def by_id(bundle: dict) -> dict[str, dict]:
    return {o["id"]: o for o in bundle["objects"]}


def test_bundle_parses_with_stix2() -> None:
    text = dumps(to_bundle(network()))
    parsed = stix2.parse(text, allow_custom=True)
    assert isinstance(parsed, stix2.v21.Bundle)
    # people, accounts and their links alone need nothing custom: a strict parse accepts them
    plain = [r for r in network() if r.schema in ("Person", "Company", "Ownership", "Family",
                                                   "UserAccount")]
    strict = stix2.parse(dumps(to_bundle(plain)), allow_custom=False)
    kinds = {type(o).__name__ for o in strict.objects}
    assert {"Identity", "Relationship", "ThreatActor", "UserAccount", "MarkingDefinition",
            "ExtensionDefinition"} <= kinds
    # and the sample of the FtM round trip (documents, seizures, vessels) parses too
    assert stix2.parse(dumps(to_bundle(sample_records())), allow_custom=True).objects


def test_people_links_and_extension() -> None:
    bundle = to_bundle(network())
    objs = by_id(bundle)
    suspect = objs[stix_id("p1", "Person")]
    assert suspect["type"] == "identity" and suspect["identity_class"] == "individual"
    assert suspect["created_by_ref"] == agency_id("MA-DGSN")
    ext = suspect["extensions"][RECORD_EXTENSION]
    assert ext["record_id"] == "p1" and ext["schema"] == "Person"
    assert ext["birth_date"] == ["1985-04-12"] and ext["nationality"] == ["ma"]
    assert {"schema": "Passport", "number": "MA1234567", "country": "ma",
            "record_id": "pp1"} in ext["documents"]
    # a passport under stricter terms (TLP:RED, H3) is not copied under the person's
    assert "XK7654321" not in json.dumps(suspect)
    assert objs[stix_id("pp2", "Passport")]["extensions"][RECORD_EXTENSION]["properties"][
        "number"] == ["XK7654321"]
    assert {"schema": "UserAccount", "login": "chef85", "service": "Telegram",
            "record_id": "ua1"} in ext["accounts"]
    assert ext["envelope"] == MA.to_dict()
    assert objs[stix_id("c1", "Company")]["identity_class"] == "organization"
    # the extension is defined in the bundle, by Interlink
    definition = objs[RECORD_EXTENSION]
    assert definition["type"] == "extension-definition"
    assert definition["extension_types"] == ["property-extension"]
    assert definition["created_by_ref"] in objs
    # links are relationships between the objects of their ends
    owns = objs[stix_id("own1", "Ownership")]
    assert owns["relationship_type"] == "owns"
    assert owns["source_ref"] == suspect["id"]
    assert owns["target_ref"] == stix_id("c1", "Company")
    family = objs[stix_id("fam1", "Family")]
    assert (family["relationship_type"], family["target_ref"]) == \
        ("family-of", stix_id("p2", "Person"))
    # the crime-tagged person is also a criminal threat actor, attributed to its identity
    actors = [o for o in bundle["objects"] if o["type"] == "threat-actor"]
    assert len(actors) == 1 and actors[0]["threat_actor_types"] == ["criminal"]
    assert "Le Chef" in actors[0]["aliases"]
    attributed = [o for o in bundle["objects"] if o.get("relationship_type") == "attributed-to"]
    assert [(a["source_ref"], a["target_ref"]) for a in attributed] == \
        [(actors[0]["id"], suspect["id"])]
    # an account is an observable, a passport our own object type
    assert objs[stix_id("ua1", "UserAccount")]["account_login"] == "chef85"
    assert objs[stix_id("pp1", "Passport")]["type"] == ENTITY_TYPE


def test_markings_are_official_tlp2_and_our_handling() -> None:
    bundle = to_bundle(network())
    objs = by_id(bundle)
    strict = objs[TLP2_IDS[MA.tlp]]
    assert strict == {
        "type": "marking-definition", "spec_version": "2.1",
        "id": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
        "created": "2022-10-01T00:00:00.000Z", "name": "TLP:AMBER+STRICT",
        "extensions": {TLP2_EXTENSION: {"extension_type": "property-extension",
                                        "tlp_2_0": "amber+strict"}}}
    assert TLP2_IDS[H3.tlp] == "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"
    suspect = objs[stix_id("p1", "Person")]
    passport = objs[stix_id("pp2", "Passport")]
    assert suspect["object_marking_refs"][0] == TLP2_IDS[MA.tlp]
    assert passport["object_marking_refs"][0] == TLP2_IDS[H3.tlp]
    h2 = objs[suspect["object_marking_refs"][1]]
    h3 = objs[passport["object_marking_refs"][1]]
    assert h2["definition_type"] == "statement" and h2["definition"]["statement"].startswith("H2")
    assert h3["definition"]["statement"].endswith("pas d'usage judiciaire")
    assert h3["extensions"][RECORD_EXTENSION]["handling"] == "H3"
    # every marking referenced is in the bundle; no TLP level unused is
    refs = {m for o in bundle["objects"] for m in o.get("object_marking_refs", ())}
    assert refs <= set(objs)
    assert TLP2_IDS[MA.tlp.__class__.CLEAR] not in objs


def test_the_same_records_give_the_same_bundle() -> None:
    first = dumps(to_bundle(network()))
    assert dumps(to_bundle(list(reversed(network())))) == first
    again = json.loads(first)
    # a changed record keeps its STIX id and changes only its own content
    changed = network()
    changed[1] = Record(make_entity({"id": "p2", "schema": "Person",
                                     "properties": {"name": ["Youssef B."]}}), MA)
    other = by_id(to_bundle(changed))
    assert set(other) == {o["id"] for o in again["objects"]}
    assert other[stix_id("p2", "Person")]["name"] == "Youssef B."
    assert stix_id("p1", "Person") != stix_id("p2", "Person")


def test_cli_export_stix(cli, tmp_path: Path) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    src = tmp_path / "in.jsonl"
    export_records(network(), "ftm", src)
    assert cli("init")[0] == 0
    assert cli("agency", "add", "MA-DGSN", "--name", "DGSN", "--country", "MA")[0] == 0
    code, out, err = cli("ingest", str(src), "--agency", "MA-DGSN")
    assert code == 0, err
    out_file = tmp_path / "net.json"
    code, out, err = cli("export", "--format", "stix", "--out", str(out_file))
    assert code == 0, err
    bundle = json.loads(out_file.read_text(encoding="utf-8"))
    assert bundle["type"] == "bundle"
    assert {o["extensions"][RECORD_EXTENSION]["record_id"] for o in bundle["objects"]
            if "record_id" in o.get("extensions", {}).get(RECORD_EXTENSION, {})} == \
        {r.id for r in network()}
