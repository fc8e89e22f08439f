"""PAXLST manifests: the realistic sample, and malformed ones refused with the segment named."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from interlink.core.errors import InvalidInput
from interlink.ingest.paxlst import parse_paxlst, read_paxlst, split_segments
from interlink.screen.manifest import passenger_entry
from tests.conftest import SAMPLES

SAMPLE = SAMPLES / "paxlst_flight_at1234.edi"
TODAY = date(2026, 11, 22)


@pytest.fixture
def text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def test_sample_manifest(text: str) -> None:
    m = parse_paxlst(text, today=TODAY)
    assert (m.flight, m.carrier, m.departure, m.arrival) == ("AT1234", "AT", "CDG", "RAK")
    assert m.departure_time == "2026-11-22T11:30"
    assert m.arrival_time == "2026-11-22T14:10"
    assert m.declared_passengers == 5
    assert m.warnings == []
    assert len(m.passengers) == 6
    first = m.passengers[0]
    assert (first.surname, first.given_names) == ("EL HAMDAOUI", "YOUSSEF")
    assert (first.gender, first.birth_date, first.nationality) == ("male", "1988-04-17", "fr")
    assert first.booking_ref == "QX7P2L"
    doc = first.documents[0]
    assert (doc.type, doc.number, doc.expiry, doc.country) == ("P", "19FR88123", "2029-06-11", "fr")
    assert m.passengers[2].surname == "O'BRIEN"  # release character
    assert m.passengers[3].documents[0].type == "I"
    assert m.passengers[-1].role == "crew"


def test_passenger_as_query_and_entities(text: str) -> None:
    m = parse_paxlst(text, today=TODAY)
    entry = passenger_entry(m.passengers[0])
    assert entry.names == ["YOUSSEF EL HAMDAOUI"]
    assert entry.id_numbers == ["19FR88123"]
    person, passport = m.passengers[0].to_entities(m.flight_key)
    assert person.schema.name == "Person" and passport.schema.name == "Passport"
    assert passport.get("holder") == [person.id]
    assert person.get("passportNumber") == ["19FR88123"]
    _, ident = m.passengers[3].to_entities(m.flight_key)
    assert ident.schema.name == "Identification"


def test_two_digit_birth_years_are_in_the_past() -> None:
    segs = "UNH+1+PAXLST:D:02B:UN:IATA'TDT+20+X1'NAD+FL+++A:B'DTM+329:250101'UNT+4+1'"
    assert parse_paxlst(segs, today=TODAY).passengers[0].birth_date == "2025-01-01"
    assert parse_paxlst(segs, today=date(2024, 1, 1)).passengers[0].birth_date == "1925-01-01"


def test_without_una_and_with_line_breaks() -> None:
    text = "UNH+1+PAXLST:D:02B:UN:IATA'\nTDT+20+X1'\nNAD+FL+++DOE:JOHN'\nUNT+4+1'\n"
    m = parse_paxlst(text, today=TODAY)
    assert m.passengers[0].name == "JOHN DOE"


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda t: t.replace("UNH+PAX0042+PAXLST:D:02B:UN:IATA+AT1234/261122/1130+01:F'", ""),
         "segment 4 (BGM): expected UNH message header"),
        (lambda t: t.replace("PAXLST:D:02B", "CUSRES:D:02B"),
         "segment 4 (UNH): wrong message type 'CUSRES'"),
        (lambda t: t.replace("DTM+329:880417", "DTM+329:881317"),
         "segment 15 (DTM): invalid birth date '881317'"),
        (lambda t: t.replace("DTM+329:920203", "DTM+329:9202"),
         "(DTM): invalid birth date '9202' (expected YYMMDD)"),
        (lambda t: t.rstrip().rstrip("'"), "(UNZ): unterminated segment"),
        (lambda t: t[: t.index("NAD+FL+++GARCIA") + 12], "(NAD): unterminated segment"),
        (lambda t: t[: t.index("NAD+FL+++GARCIA")], "(UNT): message trailer missing"),
        (lambda t: t.replace("NAT+2+FRA", "NAT+2+XXX"), "segment 18 (NAT): unknown country"),
        (lambda t: t.replace("CNT+42:5", "CNT+42:7"), "CNT+42 declares 7 passengers"),
        (lambda t: t.replace("DOC+P:110:111+19FR88123", "DOC+P:110:111"),
         "segment 20 (DOC): document without a number"),
        (lambda t: t.replace("ATT+2++M'", "ATT+2++Q'", 1), "(ATT): unknown gender code 'Q'"),
    ],
)  # fmt: skip
def test_malformed_manifests(text: str, mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput) as err:
        parse_paxlst(mutate(text), today=TODAY)
    assert message in str(err.value)


def test_missing_trailer_and_empty() -> None:
    with pytest.raises(InvalidInput, match="UNT"):
        parse_paxlst("UNH+1+PAXLST:D:02B:UN:IATA'TDT+20+X1'", today=TODAY)
    with pytest.raises(InvalidInput, match="empty manifest"):
        parse_paxlst("   ", today=TODAY)


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.edi"
    path.write_text("UNH+1+CUSRES:D:02B:UN'UNT+2+1'", encoding="utf-8")
    with pytest.raises(InvalidInput, match="bad.edi: segment 1 \\(UNH\\): wrong message type"):
        read_paxlst(path)


def test_release_character_in_components() -> None:
    segs = split_segments("UNA:+.? 'NAD+FL+++O?'NEIL?:X:JO?+ANN'")
    assert segs[0].elements[3] == ["O'NEIL:X", "JO+ANN"]


@pytest.mark.parametrize("name", ["manifest.edi", "manifest.txt", "manifest"])
def test_a_manifest_is_ingested_whatever_its_name(store, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    """PAXLST is known by its content: the passengers become Person records with their
    passports, through the same pipeline as every other format."""
    from interlink.core import Envelope
    from interlink.ingest.formats import reader_for
    from interlink.ingest.pipeline import ingest
    from tests.conftest import ACTOR

    path = tmp_path / name
    path.write_bytes(SAMPLE.read_bytes())
    assert reader_for(path, has_mapping=False)[0] == "paxlst"
    report = ingest(store, [path], Envelope(owner="MA-DGSN", purposes=["migrant_smuggling"]),
                    ACTOR)
    assert report.errors == [] and report.items == 6
    people = list(store.iter_records(schema="Person", owner="MA-DGSN"))
    assert "YOUSSEF EL HAMDAOUI" in {p.entity.caption for p in people}
    passports = list(store.iter_records(schema="Passport", owner="MA-DGSN"))
    assert "19FR88123" in {n for p in passports for n in p.entity.get("number")}
    assert all(p.envelope.source_ref == name for p in people)
