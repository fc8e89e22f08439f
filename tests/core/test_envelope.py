from datetime import date, datetime

import pytest

from interlink.core import TLP, Agency, Envelope, HandlingCode, InvalidInput, Purpose
from interlink.core.model import model
from interlink.core.record import Record, check_required, make_entity


def test_review_by_defaults_to_three_years_after_collection() -> None:
    env = Envelope(owner="ma-dgsn", collected_at=datetime(2024, 2, 29, 10, 0))
    assert env.owner == "MA-DGSN"
    assert env.review_by == date(2027, 2, 28)


def test_codes_parse_leniently_and_refuse_unknown() -> None:
    env = Envelope(
        owner="FR-OFAST", tlp="amber+strict", handling="h2", purposes=["Drug-Trafficking"]
    )
    assert env.tlp is TLP.AMBER_STRICT
    assert env.handling is HandlingCode.H2
    assert env.purposes == {Purpose.DRUG_TRAFFICKING}
    assert env.grading == "X4"
    with pytest.raises(InvalidInput, match="TLP"):
        Envelope(owner="FR-OFAST", tlp="ORANGE")
    with pytest.raises(InvalidInput, match="purpose"):
        Envelope(owner="FR-OFAST", purposes=["fishing"])
    with pytest.raises(InvalidInput, match="source grade"):
        Envelope(owner="FR-OFAST", source_grade="D")
    with pytest.raises(InvalidInput, match="information grade"):
        Envelope(owner="FR-OFAST", info_grade="5")


def test_h3_needs_conditions() -> None:
    with pytest.raises(InvalidInput, match="H3"):
        Envelope(owner="FR-OFAST", handling="H3")
    assert Envelope(owner="FR-OFAST", handling="H3", conditions="not before 2027").conditions


def test_envelope_round_trips_through_dict() -> None:
    env = Envelope(owner="ES-DAVA", tlp="RED", source_grade="B", info_grade="2",
                   purposes=["drug_trafficking", "money_laundering"], source_ref="op-andes")
    assert Envelope.from_dict(env.to_dict()) == env
    with pytest.raises(InvalidInput, match="unknown envelope field"):
        Envelope.from_dict({**env.to_dict(), "colour": "blue"})


def test_terms_ignore_timing() -> None:
    a = Envelope(owner="MA-DGSN", collected_at=datetime(2024, 1, 1))
    b = Envelope(owner="MA-DGSN", collected_at=datetime(2025, 1, 1))
    assert a.terms() == b.terms() and a != b


def test_agency_validation() -> None:
    agency = Agency.create("ma-dgsn", "Morocco", name="DGSN", ar="الأمن الوطني")
    assert (agency.code, agency.country) == ("MA-DGSN", "ma")
    assert agency.name("ar") == "الأمن الوطني" and agency.name("fr") == "DGSN"
    with pytest.raises(InvalidInput, match="agency code"):
        Agency.create("DGSN", "MA")
    with pytest.raises(InvalidInput, match="country"):
        Agency.create("FR-OFAST", "MA")
    with pytest.raises(InvalidInput, match="unknown country"):
        Agency.create("XX-ABC", "XX")


def test_seizure_and_arrest_extend_ftm_events() -> None:
    seizure = model["Seizure"]
    assert seizure.is_a("Event")
    for prop in ("commodity", "quantity", "unit", "concealment", "location", "date", "involved"):
        assert seizure.get(prop) is not None, prop
    arrest = model["Arrest"]
    assert arrest.is_a("Event") and arrest.get("person").range == model["Person"]
    assert model["Person"].get("arrests") is not None
    entity = make_entity({"id": "s1", "schema": "Seizure", "properties": {
        "commodity": ["cocaine"], "quantity": ["1.2e3"], "unit": ["kg"], "date": ["2025-03-02"]}})
    check_required(entity)
    with pytest.raises(InvalidInput, match="commodity"):
        check_required(make_entity({"id": "s2", "schema": "Seizure", "properties": {}}))


def test_make_entity_refuses_what_ftm_would_drop() -> None:
    with pytest.raises(InvalidInput, match="invalid date") as err:
        make_entity({"id": "p", "schema": "Person", "properties": {"birthDate": ["31/02/1990"]}})
    assert err.value.field == "birthDate"
    with pytest.raises(InvalidInput, match="unknown property"):
        make_entity({"id": "p", "schema": "Person", "properties": {"shoeSize": ["44"]}})
    with pytest.raises(InvalidInput, match="unknown schema"):
        make_entity({"id": "p", "schema": "Martian", "properties": {}})
    with pytest.raises(InvalidInput, match="no id"):
        make_entity({"schema": "Person", "properties": {}})


def test_checksum_is_stable_and_content_sensitive() -> None:
    env = Envelope(owner="MA-DGSN")
    a = make_entity({"id": "p", "schema": "Person", "properties": {"name": ["B", "A"]}})
    b = make_entity({"id": "p", "schema": "Person", "properties": {"name": ["A", "B"]}})
    c = make_entity({"id": "p", "schema": "Person", "properties": {"name": ["A"]}})
    assert Record(a, env).checksum() == Record(b, env).checksum()
    assert Record(a, env).checksum() != Record(c, env).checksum()
    assert Record(a, env).checksum() != Record(a, env.with_changes(tlp="RED")).checksum()
