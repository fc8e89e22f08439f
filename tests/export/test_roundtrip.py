"""Export then ingest into a fresh store gives back the same records, in both formats and on
both backends; a CSV mapping whose entity recurs on many rows merges into one record."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from interlink.core import Agency, Envelope, Record
from interlink.core.record import make_entity
from interlink.export import export_records
from interlink.ingest.pipeline import ingest
from tests.conftest import ACTOR

FIXTURES = Path(__file__).parent.parent / "ingest" / "fixtures"

AGENCIES = [("MA-DGSN", "MA"), ("FR-OFAST", "FR"), ("ES-DAVA", "ES")]


def sample_records() -> list[Record]:
    ma = Envelope(owner="MA-DGSN", handling="H2", tlp="AMBER+STRICT", source_grade="B",
                  info_grade="2", purposes=["drug_trafficking"], source_ref="PV 2025/114")
    fr = Envelope(owner="FR-OFAST", handling="H3", conditions="pas d'usage judiciaire",
                  tlp="RED", purposes=["drug_trafficking", "money_laundering"],
                  review_by="2027-01-31")
    es = Envelope(owner="ES-DAVA", tlp="GREEN", source_grade="A", info_grade="1",
                  purposes=["drug_trafficking"])
    rows = [
        (ma, {"id": "ma-p1", "schema": "Person", "properties": {
            "name": ["محمد عمره"], "birthDate": ["1990-01-02"], "nationality": ["ma"],
            "phone": ["+212612345678"], "notes": ["line one\nline two, with \"quotes\""]}}),
        (ma, {"id": "ma-pp1", "schema": "Passport", "properties": {
            "holder": ["ma-p1"], "number": ["MA1234567"], "country": ["ma"]}}),
        (fr, {"id": "fr-p1", "schema": "Person", "properties": {
            "name": ["Mohamed Amra"], "alias": ["Mouhamed Omara"], "birthDate": ["1990"]}}),
        (fr, {"id": "fr-acct", "schema": "BankAccount", "properties": {
            "iban": ["FR7630006000011234567890189"], "bankName": ["Banque X"]}}),
        (fr, {"id": "fr-empty", "schema": "Address", "properties": {"full": ["Marseille"]}}),
        (es, {"id": "es-s1", "schema": "Seizure", "properties": {
            "commodity": ["cocaine"], "quantity": ["1200.5"], "unit": ["kg"],
            "date": ["2025-03-02"], "concealment": ["banana boxes"], "originCountry": ["co"],
            "destinationCountry": ["es"]}}),
        (es, {"id": "es-v1", "schema": "Vessel", "properties": {
            "name": ["MV Estrella"], "imoNumber": ["IMO9074729"], "flag": ["pa"]}}),
    ]
    return [Record(make_entity(data), env) for env, data in rows]


def setup(store) -> None:  # type: ignore[no-untyped-def]
    for code, country in AGENCIES:
        if store.get_agency(code) is None:
            store.add_agency(Agency.create(code, country, name=code), ACTOR)


def dump(store) -> list[dict]:  # type: ignore[no-untyped-def]
    return [r.to_dict() for r in store.iter_records()]


@pytest.mark.parametrize("fmt", ["ftm", "csv"])
def test_export_then_ingest_gives_back_the_same_records(make_store, tmp_path: Path, fmt: str):  # type: ignore[no-untyped-def]
    source = make_store()
    setup(source)
    source.write(sample_records(), ACTOR, "sample")
    target = make_store(fresh=True)
    setup(target)
    for code, _ in AGENCIES:
        out = tmp_path / f"{code}.{'jsonl' if fmt == 'ftm' else 'csv'}"
        n = export_records(source.iter_records(owner=code), fmt, out)
        assert n == source.count(owner=code)
        # --tlp etc. on the command line are only defaults: the exported envelopes win
        report = ingest(target, [out], Envelope(owner=code, tlp="CLEAR"), ACTOR, strict=True)
        assert report.result.written == n
    assert dump(target) == dump(source)
    assert dump(target)[0]["envelope"]["collected_at"] == dump(source)[0]["envelope"][
        "collected_at"]


def test_foreign_envelope_in_export_is_refused(make_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = make_store()
    setup(source)
    source.write(sample_records(), ACTOR)
    out = tmp_path / "all.jsonl"
    export_records(source.iter_records(), "ftm", out)
    target = make_store(fresh=True)
    setup(target)
    report = ingest(target, [out], Envelope(owner="MA-DGSN"), ACTOR, quarantine=tmp_path / "q")
    assert {r.owner for r in target.iter_records()} == {"MA-DGSN"}
    assert any("owned by FR-OFAST" in e.reason for e in report.errors)


def test_mapping_merges_an_entity_named_on_many_rows(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    csv_path = tmp_path / "people.csv"
    shutil.copy(FIXTURES / "people.csv", csv_path)
    with csv_path.open("a", encoding="utf-8") as fh:
        fh.write("P010,Rachid Tazi,رشيد التازي,1970-05-05,MA,,,Atlas Trading SARL,MA,manager\n")
    env = Envelope(owner="MA-DGSN", purposes=["drug_trafficking"])
    report = ingest(store, [csv_path], env, ACTOR, mapping=FIXTURES / "people_mapping.yml",
                    quarantine=tmp_path / "q.csv")
    companies = list(store.iter_records(schema="Company"))
    assert [c.entity.get("name") for c in companies].count(["Atlas Trading SARL"]) == 1
    directorships = list(store.iter_records(schema="Directorship"))
    assert len({d.entity.first("organization") for d in directorships}) < len(directorships)
    assert {e.field for e in report.errors} >= {"birth_date", "nationality"}
    again = ingest(store, [csv_path], env, ACTOR, mapping=FIXTURES / "people_mapping.yml",
                   quarantine=tmp_path / "q.csv")
    assert again.result.written == 0
