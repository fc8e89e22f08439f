"""`ingest.rows.fast_row` against the FtM entity path: the same row, or no row at all.

The fast path builds the store's row from plain lists; the entity path (`make_entity`, then
`RecordRow.of` and the search keys) is what it replaces. Every line here goes through both and
must give the identical row (properties JSON, caption, missing property, keys) whenever the
fast path takes it; the demo case shows it takes nearly every line of a real bulk load.
"""

from __future__ import annotations

import copy
import itertools
from typing import Any

import pytest
from followthemoney.types import registry

from interlink.core import Envelope
from interlink.core.errors import InvalidInput
from interlink.core.record import Record, RecordRow, make_entity
from interlink.demo.case import build_case
from interlink.ingest.rows import _clean_new, fast_row
from interlink.search import record_keys

ENV = Envelope(owner="MA-DGSN", purposes=["drug_trafficking"], source_grade="B",  # type: ignore[arg-type]
               info_grade="2", collected_at="2026-01-15T10:00:00+00:00")  # type: ignore[arg-type]


def entity_path(data: dict[str, Any]) -> RecordRow | None:
    """The row the ordinary path writes, or None where it refuses the line."""
    try:
        entity = make_entity(data)
    except InvalidInput:
        return None
    row = RecordRow.of(Record(entity=entity, envelope=ENV))
    return row._replace(keys=tuple(record_keys(entity.schema.name, entity.properties)))


def demo_lines(n: int) -> list[dict[str, Any]]:
    lines = []
    for record in itertools.islice(build_case(scale=1, seed=7).iter_records(), n):
        data = record.to_dict()
        del data["envelope"]
        lines.append(data)
    return lines


def test_demo_lines_give_the_entity_paths_rows() -> None:
    lines = demo_lines(3000)
    taken = 0
    for data in lines:
        row = fast_row(data, ENV)
        if row is not None:
            taken += 1
            assert row == entity_path(data), data
    # a bulk load is what the fast path is for: it must take nearly all of it
    assert taken >= 0.9 * len(lines)


def _dirty(data: dict[str, Any], n: int) -> dict[str, Any]:
    """Values as partners send them: case, spacing, repeats, numbers, blanks, bare strings."""
    data = copy.deepcopy(data)
    props = data["properties"]
    for name, values in list(props.items()):
        if n % 5 == 0:
            values = [v.upper() for v in values]
        elif n % 5 == 1:
            values = [f"  {v}  " for v in values] + values  # spaced, and repeated
        elif n % 5 == 2:
            values = values + ["", "   "]
        elif n % 5 == 3 and len(values) == 1:
            values = values[0]  # a bare string
        props[name] = values
    return data


def test_dirty_values_give_the_same_row_or_take_the_entity_path() -> None:
    taken = 0
    for n, data in enumerate(demo_lines(1500)):
        dirty = _dirty(data, n)
        row = fast_row(dirty, ENV)
        expected = entity_path(dirty)
        if row is not None:
            taken += 1
            assert row == expected, dirty
    assert taken > 500  # the cases above are exercised, not all sent to the other path


@pytest.mark.parametrize("data", [
    # several names: the caption is FtM's pick among them, not the first
    {"id": "p1", "schema": "Person", "properties": {
        "name": ["Mohamed Ben Ali", "Mohammed Benali", "Mohamed Benali"]}},
    {"id": "p2", "schema": "Person", "properties": {"name": ["Karim  Benali"], "birthDate":
                                                    [1984], "nationality": ["MA", "ma"]}},
    {"id": "c1", "schema": "Company", "properties": {"name": [None, "Atlas"], "country": "FR"}},
    # an international phone number is cleaned alone; a national one needs the countries
    {"id": "k1", "schema": "Call", "properties": {"callerNumber": ["+33 6 73 16 74 23"]}},
    # a required property missing (an Ownership without owner): the same `missing`
    {"id": "o1", "schema": "Ownership", "properties": {"asset": ["c1"]}},
])
def test_edge_cases_agree(data: dict[str, Any]) -> None:
    row = fast_row(data, ENV)
    assert row is not None
    assert row == entity_path(data)


@pytest.mark.parametrize("data", [
    {"id": "k2", "schema": "Call", "properties": {"callerNumber": ["06 73 16 74 23"]}},
    {"id": "p3", "schema": "Person", "properties": {"birthDate": ["not a date"]}},
    {"id": "p4", "schema": "Person", "properties": {"favouriteColour": ["blue"]}},
    {"id": "p5", "schema": "Person", "properties": {"name": {"first": "Karim"}}},
    {"id": "p7", "schema": "Person", "properties": {"name": None}},
    {"id": "p6", "schema": "Person", "properties": {"name": [["Karim"]]}},
    {"id": "", "schema": "Person", "properties": {"name": ["Karim"]}},
    {"id": "t1", "schema": "Thing", "properties": {"name": ["abstract"]}},
    {"id": "x1", "schema": "Nonesuch", "properties": {}},
])
def test_what_needs_the_entity_path_is_left_to_it(data: dict[str, Any]) -> None:
    assert fast_row(data, ENV) is None


# dates as FtM writes them are given back as they are, without being parsed (`_clean_new`);
# anything not exactly a real day, month or year of that form is parsed by FtM as before
DATES = ["1972", "1972-12", "1972-12-22", "2000-02-29", "2024-02-29", "1900-02-29",
         "2100-02-29", "2023-02-30", "2023-04-31", "2023-06-31", "2023-12-31", "2023-13-01",
         "1999-00-10", "1999-10-00", "0999-01-01", "3000-01-01", "1000-01-01", "2999-12-31",
         "2023-1-5", "2023-01-5", "٢٠٢٣-01-01", "2023-01-01T10:00", " 2023-01-01",
         "2023-01-01 ", "2023-01-01\n", "20230101", "2023-01-01Z", "2023/01/01"]


@pytest.mark.parametrize("value", DATES)
def test_a_date_is_cleaned_as_ftm_cleans_it(value: str) -> None:
    cache: dict[str, str | None] = {}
    assert _clean_new(cache, "date", value) == registry.date.clean(value)
    assert cache == {value: registry.date.clean(value)}  # remembered either way


def test_every_day_of_four_centuries_is_cleaned_as_ftm_cleans_it() -> None:
    days = [f"{y:04d}-{m:02d}-{d:02d}" for y in (1900, 1999, 2000, 2023, 2024, 2100)
            for m in range(0, 14) for d in range(0, 33)]
    cache: dict[str, str | None] = {}
    assert [_clean_new(cache, "date", v) for v in days] == [registry.date.clean(v) for v in days]


def test_dates_in_a_line_give_the_entity_paths_row() -> None:
    data = {"id": "d1", "schema": "Person",
            "properties": {"name": ["Karim Benali"], "birthDate": DATES}}
    assert fast_row(data, ENV) == entity_path(data)  # (None both ways when one is refused)
    good = [v for v in DATES if registry.date.clean(v) is not None]
    data["properties"]["birthDate"] = good
    row = fast_row(data, ENV)
    assert row is not None and row == entity_path(data)
