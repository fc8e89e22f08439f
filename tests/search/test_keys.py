"""`search.keys.record_keys` walks a record's properties once; these hold it to the rule it
replaced (every name, birth date and document property looked up by name), on the demo case's
records and on records that mix every kind of key property with others."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import pytest

from interlink.demo.case import build_case
from interlink.search.keys import DOC_PROPS, NAME_PROPS, NAMED, _doc, _name_keys, record_keys


def reference(schema: str, properties: Mapping[str, Sequence[str]]) -> list[str]:
    """The keys as the rule reads them: each key property in turn."""
    keys: set[str] = set()
    kind = NAMED.get(schema)
    if kind is not None:
        keys |= _name_keys([v for p in NAME_PROPS for v in properties.get(p, ())], kind)
    for value in properties.get("birthDate", ()):
        keys.add(f"b:{value}")
        keys.add(f"b:{value[:4]}")
    for prop in DOC_PROPS:
        for value in properties.get(prop, ()):
            doc = _doc(value)
            if len(doc) >= 4:
                keys.add(f"d:{doc}")
    return sorted(keys)


def test_the_demo_records_keys_follow_the_rule() -> None:
    records = list(itertools.islice(build_case(scale=1, seed=11).iter_records(), 4000))
    with_keys = 0
    for record in records:
        found = record_keys(record.schema, record.entity.properties)
        assert found == reference(record.schema, record.entity.properties), record.id
        with_keys += bool(found)
    assert with_keys > 300  # names, dates and documents all met (358 of these 4,000)


@pytest.mark.parametrize("schema", ["Person", "Company", "Vessel", "Call", "Passport", "Thing"])
def test_every_key_property_with_others_follows_the_rule(schema: str) -> None:
    props = {
        "name": ["Karim Benali", "كريم بنعلي"], "alias": ["K. Benali"], "firstName": ["Karim"],
        "lastName": ["Benali"], "weakAlias": ["Le Karim"], "previousName": ["Karim Ben Ali"],
        "birthDate": ["1972-12-22", "1973"], "passportNumber": ["ab-12 34"],
        "idNumber": ["x1"], "iban": ["FR76 3000 6000 0112 3456 7890 189"], "number": ["12-34"],
        "imoNumber": ["IMO 9321483"], "accountNumber": ["000123"],
        "registrationNumber": ["B 123 456"], "taxNumber": ["FR123"], "country": ["fr"],
        "notes": ["nothing to see"], "date": ["2023-01-01"],
    }
    assert record_keys(schema, props) == reference(schema, props)
    assert record_keys(schema, {}) == []
