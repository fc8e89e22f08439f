"""Exactly which rows an ingest writes, on both backends.

The ingest's write path is tuned for speed (bulk inserts, COPY, orjson, fast paths for clean
values); these tests pin what it must still write, row by row and byte by byte: the head, one
version and the search keys of each new record, one audit entry per kind of change, and
nothing at all when the same file comes again. Expected values are written out by hand (the
properties JSON, the checksum's recipe), not taken from the code under test.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sqlalchemy import select

from interlink.audit.table import audit_log
from interlink.core import Envelope
from interlink.ingest.pipeline import ingest
from interlink.search import record_keys
from interlink.store.tables import record_keys as record_keys_table
from interlink.store.tables import record_versions, records
from tests.conftest import ACTOR
from tests.ingest.conftest import envelope, write_jsonl

LINES = [
    # a fragment first: the person's name, then (below) the rest of the same person
    {"id": "ma-p1", "schema": "Person", "properties": {"name": ["Karim  Benali"]}},
    {"id": "ma-c1", "schema": "Company", "properties": {
        "name": ["Atlas Trading SARL"], "country": ["MA"], "registrationNumber": ["RC-4471"]}},
    {"id": "ma-p1", "schema": "Person", "properties": {
        "birthDate": ["1984-03-07"], "nationality": ["ma"], "alias": ["كريم بنعلي"]}},
    {"id": "ma-o1", "schema": "Ownership", "properties": {
        "owner": ["ma-p1"], "asset": ["ma-c1"], "percentage": ["60"]}},
]

# what the store must hold for each record: FtM-clean, sorted, compact JSON (names squashed,
# country codes lower-cased, fragments merged)
PROPERTIES = {
    "ma-c1": '{"country":["ma"],"name":["Atlas Trading SARL"],"registrationNumber":["RC-4471"]}',
    "ma-o1": '{"asset":["ma-c1"],"owner":["ma-p1"],"percentage":["60"]}',
    "ma-p1": '{"alias":["كريم بنعلي"],"birthDate":["1984-03-07"],"name":["Karim Benali"],'
             '"nationality":["ma"]}',
}
SCHEMAS = {"ma-c1": "Company", "ma-o1": "Ownership", "ma-p1": "Person"}
CAPTIONS = {"ma-c1": "Atlas Trading SARL", "ma-p1": "Karim Benali"}


def checksum(schema: str, props: str, env: Envelope) -> str:
    terms = env.with_changes(source_ref="rows.jsonl").terms()
    terms_json = json.dumps(terms, sort_keys=True, separators=(",", ":"))
    return hashlib.sha1("\x1f".join((schema, props, terms_json)).encode("utf-8")).hexdigest()


def dump(store) -> dict[str, list[tuple]]:  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        return {
            "records": [tuple(r) for r in conn.execute(select(
                records.c.id, records.c.schema, records.c.owner, records.c.version,
                records.c.checksum, records.c.caption, records.c.properties,
                records.c.source_ref, records.c.erased, records.c.updated_by,
            ).order_by(records.c.id))],
            "versions": [tuple(r) for r in conn.execute(select(
                record_versions.c.record_id, record_versions.c.version,
                record_versions.c.kind, record_versions.c.schema, record_versions.c.owner,
                record_versions.c.checksum, record_versions.c.properties,
                record_versions.c.written_by,
            ).order_by(record_versions.c.record_id, record_versions.c.version))],
            "keys": sorted(tuple(r) for r in conn.execute(select(
                record_keys_table.c.record_id, record_keys_table.c.key))),
            "audit": [(r.action, json.loads(r.subjects), json.loads(r.details))
                      for r in conn.execute(select(audit_log).order_by(audit_log.c.seq))
                      if r.action in ("collection", "alteration", "erasure")],
        }


def test_first_ingest_writes_head_version_and_keys_of_each_record(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = write_jsonl(tmp_path / "rows.jsonl", LINES)
    env = envelope()
    report = ingest(store, [src], env, ACTOR)
    assert (report.result.created, report.result.updated, report.result.unchanged) == (3, 0, 0)
    rows = dump(store)
    ids = sorted(PROPERTIES)
    sums = {i: checksum(SCHEMAS[i], PROPERTIES[i], env) for i in ids}
    assert rows["records"] == [
        (i, SCHEMAS[i], "MA-DGSN", 1, sums[i], CAPTIONS.get(i, "Ownership"), PROPERTIES[i],
         "rows.jsonl", False, "tester")
        for i in ids
    ]
    # each version row is the head's skeleton: its content is the head's while it is the head
    # (stored once, `SQLStore._keep_superseded`), and reads of the version give it
    assert rows["versions"] == [
        (i, 1, "collection", SCHEMAS[i], "MA-DGSN", sums[i], None, "tester")
        for i in ids
    ]
    assert [store.get(i, 1).entity.to_dict()["properties"] for i in ids] == [
        json.loads(PROPERTIES[i]) for i in ids]
    expected_keys = sorted(
        (i, k) for i in ids for k in record_keys(SCHEMAS[i], json.loads(PROPERTIES[i]))
    )
    assert expected_keys  # the person and the company are findable
    assert {"b:1984-03-07", "b:1984", "d:RC4471"} <= {k for _, k in expected_keys}
    assert rows["keys"] == expected_keys
    # one audit entry for the batch's new records, naming each once, in input order
    assert rows["audit"] == [("collection", ["ma-p1", "ma-c1", "ma-o1"], {"versions": 3})]


def test_same_file_again_writes_no_row_at_all(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = write_jsonl(tmp_path / "rows.jsonl", LINES)
    ingest(store, [src], envelope(), ACTOR)
    before = dump(store)
    report = ingest(store, [src], envelope(), ACTOR)
    assert (report.result.created, report.result.updated, report.result.unchanged) == (0, 0, 3)
    assert dump(store) == before


def test_one_changed_value_writes_one_version_and_only_its_keys(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = write_jsonl(tmp_path / "rows.jsonl", LINES)
    env = envelope()
    ingest(store, [src], env, ACTOR)
    before = dump(store)
    changed = [dict(line) for line in LINES]
    changed[1] = {**LINES[1], "properties": {**LINES[1]["properties"],
                                             "registrationNumber": ["RC-9902"]}}
    write_jsonl(src, changed)
    report = ingest(store, [src], env, ACTOR)
    assert (report.result.created, report.result.updated, report.result.unchanged) == (0, 1, 2)
    after = dump(store)
    props = PROPERTIES["ma-c1"].replace("RC-4471", "RC-9902")
    new_sum = checksum("Company", props, env)
    assert [r for r in after["records"] if r[0] != "ma-c1"] == [
        r for r in before["records"] if r[0] != "ma-c1"]
    assert [r for r in after["records"] if r[0] == "ma-c1"] == [
        ("ma-c1", "Company", "MA-DGSN", 2, new_sum, "Atlas Trading SARL", props, "rows.jsonl",
         False, "tester")]
    # the superseded version's row receives its content; the new head's holds none
    assert after["versions"] == sorted(
        [v if v[0] != "ma-c1" else (*v[:6], PROPERTIES["ma-c1"], v[7])
         for v in before["versions"]]
        + [("ma-c1", 2, "alteration", "Company", "MA-DGSN", new_sum, None, "tester")])
    assert after["keys"] == sorted(
        [k for k in before["keys"] if k != ("ma-c1", "d:RC4471")] + [("ma-c1", "d:RC9902")])
    assert after["audit"] == before["audit"] + [("alteration", ["ma-c1"], {"versions": 1})]
