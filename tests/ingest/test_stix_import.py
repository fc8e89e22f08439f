"""STIX bundles in: our own export back into another store gives the same people, links and
envelopes (on both backends); a marking raised in another tool is kept; MISP and OpenCTI
objects come in as FtM entities under the ingest's terms, and what cannot is set aside."""

from __future__ import annotations

import json
from pathlib import Path

from interlink.core import Envelope
from interlink.core.codes import TLP
from interlink.export import export_records
from interlink.export.stix import RECORD_EXTENSION, TLP2_IDS, stix_id, to_bundle
from interlink.ingest.base import ReadOptions
from interlink.ingest.formats import reader_for
from interlink.ingest.pipeline import ingest
from tests.cli.test_commands import cli  # noqa: F401  (fixture)
from tests.conftest import ACTOR
from tests.export.test_roundtrip import dump, sample_records, setup
from tests.export.test_stix import network


def _records(records):  # type: ignore[no-untyped-def]
    return records + network()


def test_round_trip_gives_the_same_records(make_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = make_store()
    setup(first)
    first.write(_records(sample_records()), ACTOR)
    bundle = tmp_path / "all.json"
    assert export_records(first.iter_records(), "stix", bundle) == len(dump(first))
    second = make_store(fresh=True)
    setup(second)
    created = 0
    for code in ("MA-DGSN", "FR-OFAST", "ES-DAVA"):
        report = ingest(second, [bundle], Envelope(code), ACTOR)
        created += report.result.created
        # the other agencies' objects are refused by owner, nothing else
        assert {e.code for e in report.errors} <= {"row.other_owner"}
    assert created == len(dump(first))
    key = lambda r: r["id"]  # noqa: E731
    assert sorted(dump(second), key=key) == sorted(dump(first), key=key)
    # people, links and their envelopes, checked by name as well
    own = second.get("own1")
    assert own is not None and own.entity.get("asset") == ["c1"]
    assert second.get("pp2").envelope.conditions == "pas d'usage judiciaire"
    # a second import of the same bundle changes nothing
    again = ingest(second, [bundle], Envelope("MA-DGSN"), ACTOR)
    assert again.result.created == 0 and again.result.updated == 0
    # and exporting the imported records gives back the same objects (but for `modified`:
    # when each was written, here in the second store)

    def unwritten(objects: list[dict]) -> list[dict]:
        return [{k: v for k, v in o.items() if k != "modified"} for o in objects]

    assert unwritten(to_bundle(second.iter_records())["objects"]) == \
        unwritten(json.loads(bundle.read_text(encoding="utf-8"))["objects"])


def test_detected_by_content(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(to_bundle(network())), encoding="utf-8")
    assert reader_for(path, has_mapping=False)[0] == "stix"
    plain = tmp_path / "bundle"  # no extension at all, as a TAXII client may save it
    plain.write_text(json.dumps(to_bundle(network())), encoding="utf-8")
    assert reader_for(plain, has_mapping=False)[0] == "stix"
    notice = tmp_path / "notice.json"
    notice.write_text(json.dumps({"forename": "X", "type": "red"}), encoding="utf-8")
    assert reader_for(notice, has_mapping=False)[0] == "notices"


def test_a_raised_marking_wins(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bundle = to_bundle(network())
    person = next(o for o in bundle["objects"] if o["id"] == stix_id("p2", "Person"))
    assert person["extensions"][RECORD_EXTENSION]["envelope"]["tlp"] == "AMBER+STRICT"
    person["object_marking_refs"][0] = TLP2_IDS[TLP.RED]  # marked up in another tool
    path = tmp_path / "b.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    ingest(store, [path], Envelope("MA-DGSN"), ACTOR)
    assert store.get("p2").envelope.tlp is TLP.RED
    assert store.get("p1").envelope.tlp is TLP.AMBER_STRICT


FOREIGN = {
    "type": "bundle", "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d",
    "objects": [
        {"type": "identity", "spec_version": "2.1",
         "id": "identity--311b2d2d-f010-4473-83ec-1edf84858f4c",
         "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
         "name": "Ahmed Tazi", "identity_class": "individual",
         "object_marking_refs": ["marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"]},
        {"type": "threat-actor", "spec_version": "2.1",
         "id": "threat-actor--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
         "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
         "name": "Rif Cartel", "aliases": ["Los del Norte"],
         "threat_actor_types": ["crime-syndicate"]},
        {"type": "relationship", "spec_version": "2.1",
         "id": "relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad",
         "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
         "relationship_type": "member-of",
         "source_ref": "identity--311b2d2d-f010-4473-83ec-1edf84858f4c",
         "target_ref": "threat-actor--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"},
        {"type": "relationship", "spec_version": "2.1",
         "id": "relationship--0a2e0e56-0c44-4d50-a8c8-3b4f8b1e6f11",
         "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
         "relationship_type": "uses",
         "source_ref": "threat-actor--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
         "target_ref": "malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b"},
        {"type": "indicator", "spec_version": "2.1",
         "id": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
         "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
         "pattern": "[ipv4-addr:value = '198.51.100.1']", "pattern_type": "stix",
         "valid_from": "2024-01-01T00:00:00Z"},
    ],
}


def test_other_tools_bundles(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "misp.json"
    path.write_text(json.dumps(FOREIGN), encoding="utf-8")
    terms = Envelope("MA-DGSN", tlp="AMBER", purposes=["drug_trafficking"], handling="H1")
    report = ingest(store, [path], terms, ACTOR, quarantine=tmp_path / "q.csv")
    assert report.result.created == 3
    person = store.get("identity--311b2d2d-f010-4473-83ec-1edf84858f4c")
    assert person.schema == "Person" and person.entity.get("name") == ["Ahmed Tazi"]
    assert person.envelope.tlp is TLP.RED  # its TLP 1.0 RED marking, stricter than --tlp
    assert person.envelope.handling.value == "H1"  # otherwise the ingest's terms
    cartel = store.get("threat-actor--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f")
    assert cartel.schema == "LegalEntity" and cartel.envelope.tlp is TLP.AMBER
    assert cartel.entity.get("alias") == ["Los del Norte"]
    link = store.get("relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad")
    assert link.schema == "UnknownLink" and link.entity.get("role") == ["member-of"]
    assert link.entity.get("subject") == [person.id]
    codes = sorted((e.row, e.code) for e in report.errors)
    assert codes == [("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", "row.stix_unsupported"),
                     ("relationship--0a2e0e56-0c44-4d50-a8c8-3b4f8b1e6f11", "row.stix_link_end")]


def test_not_a_bundle_is_refused_whole(tmp_path: Path) -> None:
    from interlink.core.errors import InvalidInput
    from interlink.ingest.stix import read_stix

    path = tmp_path / "x.json"
    path.write_text('{"type": "bundle", "objects": 3}', encoding="utf-8")
    try:
        list(read_stix(path, ReadOptions(agency="MA-DGSN")))
    except InvalidInput as exc:
        assert exc.code == "ingest.stix_not_bundle"
    else:
        raise AssertionError("a bundle without a list of objects was read")


def test_cli_ingests_a_bundle_by_content(cli, tmp_path: Path) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    assert cli("init")[0] == 0
    assert cli("agency", "add", "MA-DGSN", "--name", "DGSN", "--country", "MA")[0] == 0
    path = tmp_path / "from-opencti.json"
    path.write_text(json.dumps(FOREIGN), encoding="utf-8")
    code, out, err = cli("ingest", str(path), "--agency", "MA-DGSN", "--purpose",
                         "drug_trafficking", "--tlp", "GREEN", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["created"] == 3 and report["quarantined"] == 2
    assert "indicator" in err  # the type set aside, named
    out_file = tmp_path / "back.json"
    assert cli("export", "--format", "stix", "--out", str(out_file))[0] == 0
    names = {o.get("name") for o in json.loads(out_file.read_text("utf-8"))["objects"]}
    assert {"Ahmed Tazi", "Rif Cartel"} <= names


def test_the_command_line_loads_stix2_only_to_use_it() -> None:
    """Detecting a bundle needs no STIX library: stix2 costs every command a tenth of a
    second at start, so it is loaded when a bundle is read or written."""
    import os
    import subprocess
    import sys

    code = ("import sys, interlink.cli.main, interlink.ingest.formats; "
            "print('stix2' in sys.modules)")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2] / "src")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True).stdout.strip()
    assert out == "False"


def test_the_demo_case_comes_back_whole(make_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every schema the demo case uses (seizures, arrests, calls, trips, payments, vessels...)
    through one bundle and back, stix2 accepting it on the way."""
    import stix2

    from interlink.demo import build_case

    case = build_case(scale=1, seed=7)
    records = list(case.iter_records())
    path = tmp_path / "case.json"
    assert export_records(records, "stix", path) == len(records)
    assert stix2.parse(path.read_text(encoding="utf-8"), allow_custom=True).objects
    store = make_store()
    for agency in case.agencies:
        store.add_agency(agency, ACTOR)
    for agency in case.agencies:
        report = ingest(store, [path], Envelope(agency.code), ACTOR,
                        quarantine=tmp_path / "q.csv")
        assert {e.code for e in report.errors} <= {"row.other_owner"}
    key = lambda r: r["id"]  # noqa: E731
    assert sorted((r.to_dict() for r in store.iter_records()), key=key) == \
        sorted((r.to_dict() for r in records), key=key)
