"""The demo case: deterministic, valid, self-contained per agency, and true to its ground truth."""

from __future__ import annotations

import inspect
import json
import re
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path

import phonenumbers
import pytest
from followthemoney.proxy import EntityProxy
from rigour.ids import IBAN, IMO

from interlink.core import Agency, Record
from interlink.core.record import check_required, make_entity
from interlink.demo import build_case
from interlink.demo.case import RECORDS_PER_GROUP
from interlink.demo.world import REFERENCE_DATE
from tests.conftest import csv_rows

ARABIC = re.compile(r"[\u0600-\u06FF]")
LATIN = re.compile(r"[A-Za-z]")


@pytest.fixture(scope="module")
def case():
    return build_case(scale=1, seed=42)


@pytest.fixture(scope="module")
def records(case) -> list[Record]:
    return list(case.iter_records())


@pytest.fixture(scope="module")
def by_id(records) -> dict[str, Record]:
    return {r.id: r for r in records}


@pytest.fixture(scope="module")
def truth(case, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("truth")
    case.write_truth(path)
    return path




@pytest.fixture(scope="module")
def real_of(truth) -> dict[str, str]:
    return {row["record_id"]: row["real_id"] for row in csv_rows(truth / "entities.csv")}


def dump(records) -> list[str]:
    return [json.dumps(r.to_dict(), sort_keys=True, ensure_ascii=False) for r in records]


# --- interface -------------------------------------------------------------------------------
def test_interface(case, records):
    assert isinstance(case.agencies, list) and all(isinstance(a, Agency) for a in case.agencies)
    codes = {a.code for a in case.agencies}
    assert {"MA-DGSN", "FR-OFAST", "ES-DAVA", "CO-DIRAN", "AE-FCA", "FR-TRACFIN"} <= codes
    for agency in case.agencies:
        assert len(agency.names) >= 2, agency.code
        if agency.country in ("ma", "ae"):
            assert ARABIC.search(agency.names["ar"])
    assert inspect.isgenerator(case.iter_records())
    assert 500 <= len(records) <= 2000
    summary = case.summary()
    assert summary["scale"] == 1 and summary["cells"] == 6
    assert summary["records_estimate"] == RECORDS_PER_GROUP


@pytest.mark.parametrize("scale", [0, -1, 1.5, "2", True])
def test_bad_scale_is_refused(scale):
    with pytest.raises(ValueError):
        build_case(scale=scale)


# --- determinism -----------------------------------------------------------------------------
def test_same_scale_and_seed_give_identical_records_and_truth(records, truth, tmp_path):
    again = build_case(scale=1, seed=42)
    assert dump(again.iter_records()) == dump(records)
    again.write_truth(tmp_path)
    for name in ("entities.csv", "cells.csv", "laundering.csv", "README.md"):
        assert (tmp_path / name).read_bytes() == (truth / name).read_bytes(), name


def test_another_seed_gives_another_case(records):
    other = list(build_case(scale=1, seed=43).iter_records())
    assert {r.id for r in other}.isdisjoint({r.id for r in records})


def test_groups_do_not_depend_on_scale(records):
    """Group 0 is the same whatever the scale: growing the case only adds groups."""
    bigger = build_case(scale=2, seed=42).iter_records()
    first = [next(bigger) for _ in range(len(records))]
    assert dump(first) == dump(records)


def test_scale_grows_linearly():
    counts = {s: sum(1 for _ in build_case(scale=s, seed=7).iter_records()) for s in (1, 4)}
    assert 0.75 * 4 * counts[1] <= counts[4] <= 1.25 * 4 * counts[1]
    assert 0.75 * RECORDS_PER_GROUP * 4 <= counts[4] <= 1.25 * RECORDS_PER_GROUP * 4


# --- validity --------------------------------------------------------------------------------
def test_ids_unique_and_namespaced_by_owner(records):
    ids = [r.id for r in records]
    assert len(ids) == len(set(ids))
    for r in records:
        assert r.id.startswith(r.owner.lower() + "-"), r.id


def test_records_pass_validation_unchanged(records):
    for r in records:
        data = r.entity.to_dict()
        rebuilt = make_entity(data)
        check_required(rebuilt)
        for prop, values in r.entity.properties.items():
            assert sorted(rebuilt.get(prop)) == sorted(values), (r.id, prop, values)
        # the fast construction equals FtM's own
        slow = EntityProxy(r.entity.schema, data, cleaned=True)
        assert slow.to_dict() == data and slow._size == r.entity._size


def test_identifiers_and_dates_are_valid(records):
    today = REFERENCE_DATE.isoformat()
    for r in records:
        e = r.entity
        for prop in e.schema.properties.values():
            for value in e.get(prop):
                if prop.type.name == "phone":
                    assert phonenumbers.is_valid_number(phonenumbers.parse(value)), value
                elif prop.type.name == "date":
                    assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value)
                    # nothing happens after the reference date; documents expire after it
                    assert value <= today or (r.schema, prop.name) == ("Passport", "endDate")
                    if len(value) == 10:
                        date.fromisoformat(value)
        for value in e.get("iban", quiet=True):
            assert IBAN.is_valid(value), value
        for value in e.get("imoNumber", quiet=True):
            assert IMO.is_valid(value), value
        assert r.envelope.collected_at <= datetime.fromisoformat(today + "T23:59:59+00:00")


def test_references_stay_within_the_owner_and_point_backwards(records):
    owner_of: dict[str, str] = {}
    refs = 0
    for r in records:
        for prop in r.entity.schema.properties.values():
            if prop.type.name != "entity":
                continue
            for target in r.entity.get(prop):
                assert target in owner_of, f"{r.id}.{prop.name} -> {target} not emitted before"
                assert owner_of[target] == r.owner, f"{r.id}.{prop.name} crosses agencies"
                refs += 1
        owner_of[r.id] = r.owner
    assert refs > len(records)


def test_every_agency_holds_a_view(case, records):
    owners = Counter(r.owner for r in records)
    assert set(owners) == {a.code for a in case.agencies}
    envelopes = {r.envelope for r in records}
    assert {e.tlp.value for e in envelopes} >= {"GREEN", "AMBER", "RED"}
    assert {e.handling.value for e in envelopes} >= {"H0", "H1", "H2", "H3"}
    assert all(e.source_ref for e in envelopes)


# --- the story -------------------------------------------------------------------------------
def test_truth_matches_records(records, truth):
    rows = csv_rows(truth / "entities.csv")
    assert [row["record_id"] for row in rows] == [r.id for r in records]
    for row, r in zip(rows, records, strict=True):
        assert (row["schema"], row["owner"]) == (r.schema, r.owner)
    real_ids = {row["real_id"] for row in rows}
    cells = csv_rows(truth / "cells.csv")
    assert {c["cell_id"] for c in cells} == {
        f"g0-{k}" for k in ("money", "coke-wa", "coke-box", "hash-boat", "hash-truck", "captagon")
    }
    assert all(c["real_id"] in real_ids for c in cells), "every cell member is held somewhere"
    assert {c["role"] for c in cells} >= {"leader", "broker", "supplier", "mule", "nominee"}
    assert "README.md" in {p.name for p in truth.iterdir()}


def test_same_person_held_by_several_agencies_in_several_scripts(records, real_of, truth):
    names: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in records:
        if r.schema == "Person":
            for name in r.entity.get("name"):
                names[real_of[r.id]].add((r.owner, name))
    cross_script = [
        real for real, held in names.items()
        if any(ARABIC.search(n) for _, n in held) and any(
            LATIN.search(n) and not ARABIC.search(n) and owner not in ("MA-DGSN", "AE-FCA")
            for owner, n in held
        )
    ]
    assert len(cross_script) >= 5
    spellings = [real for real, held in names.items() if len({n for _, n in held}) >= 3]
    assert len(spellings) >= 5
    for c in csv_rows(truth / "cells.csv"):
        if c["role"] in ("leader", "broker"):
            assert len({owner for owner, _ in names[c["real_id"]]}) >= 2, c


def test_seizures_and_arrests(records, by_id):
    seizures = [r for r in records if r.schema == "Seizure"]
    arrests = [r for r in records if r.schema == "Arrest"]
    assert len(seizures) >= 10 and len(arrests) >= 10
    commodities = {v for s in seizures for v in s.entity.get("commodity")}
    assert {"cocaine", "cannabis resin", "captagon", "cash"} <= commodities
    for s in seizures:
        for prop in ("quantity", "unit", "date", "location", "originCountry", "seizingAgency"):
            assert s.entity.get(prop), (s.id, prop)
    assert any(s.entity.get("conveyance") for s in seizures)
    for a in arrests:
        assert by_id[a.entity.first("person")].schema == "Person"
        assert a.entity.get("charges") and a.entity.get("arrestingAgency")


def test_laundering_patterns(records, by_id, real_of, truth):
    rows = csv_rows(truth / "laundering.csv")
    assert {row["scheme"] for row in rows} == {
        "round_trip", "structuring", "layering", "pass_through"
    }
    steps: dict[str, dict[int, set[tuple[str, str, float]]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        payment = by_id[row["payment_record_id"]].entity
        assert payment.schema.name == "Payment"
        edge = (real_of[payment.first("payer")], real_of[payment.first("beneficiary")],
                float(payment.first("amount")))
        steps[row["scheme_id"]][int(row["step"])].add(edge)
    round_trips = [sid for sid in steps if "round-trip" in sid]
    assert round_trips
    for sid in round_trips:
        chain = []
        for step in sorted(steps[sid]):
            assert len(steps[sid][step]) == 1, "copies held by two agencies agree"
            chain.append(next(iter(steps[sid][step])))
        assert len(chain) >= 3
        for (_, payee, _), (payer, _, _) in zip(chain, chain[1:], strict=False):
            assert payee == payer, f"{sid} breaks"
        assert chain[-1][1] == chain[0][0], f"{sid} does not return to its origin"
        assert len({payer for payer, _, _ in chain}) == len(chain)
    fan_in = [e for s in steps["g0-structuring-in"].values() for e in s]
    assert len(fan_in) >= 8 and all(9000 <= amount < 10000 for _, _, amount in fan_in)
    assert len({payee for _, payee, _ in fan_in}) == 1
    assert len({payer for payer, _, _ in fan_in}) >= 5
    relay = steps["g0-pass-through"]
    for step in range(1, len(relay), 2):
        (_, into, amount_in), = relay[step]
        (out_of, _, amount_out), = relay[step + 1]
        assert into == out_of and 0.98 <= amount_out / amount_in < 1
    laundering_ids = {row["payment_record_id"] for row in rows}
    ordinary = [r for r in records if r.schema == "Payment" and r.id not in laundering_ids]
    assert len(ordinary) > 20, "laundering hides among ordinary payments"


def test_real_people_are_consistent():
    """Addresses lie in the country of residence, phones are local or from home, adults only."""
    from interlink.demo.cells import build_group
    from interlink.demo.places import PHONES
    from interlink.demo.world import World

    for group in range(5):
        world = World(42, group)
        build_group(world)
        for cell in world.cells:
            for person, _ in cell.members:
                if person.address is not None:
                    assert person.address.country == person.residence, person
                allowed = {"+" + PHONES[c][0] for c in (person.residence, *person.nationality)
                           if c in PHONES}
                assert all(any(p.startswith(a) for a in allowed) for p in person.phones), person
                born = date.fromisoformat(person.birth)
                assert (date.fromordinal(world.start) - born).days >= 18 * 365
