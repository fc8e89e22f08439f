"""A bulk write inserts each batch's rows in their table's key order on SQLite
(`SQLStore._in_key_order`), and changes nothing else: the audit entry names the records in
the batch's order, and the rows are the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select, text

from interlink.audit.table import audit_log
from interlink.core import Agency
from interlink.ingest.pipeline import ingest
from tests.conftest import ACTOR
from tests.ingest.conftest import envelope, write_jsonl

#: ids in descending order, as hashes come: the batch's order is not the key's
IDS = [f"ma-p{n:02d}" for n in range(30, 0, -1)]


@pytest.mark.parametrize("streaming", [True, False])
def test_rows_go_in_in_key_order_and_the_audit_keeps_the_batch_order(
        make_store, tmp_path: Path, monkeypatch, streaming: bool) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("interlink.ingest.pipeline.WRITE_WHILE_READING", streaming)
    store = make_store(fresh=True)
    store.add_agency(Agency.create("MA-DGSN", "MA", name="x"), ACTOR)
    lines = [{"id": id_, "schema": "Person", "properties": {"name": [f"Name {id_[-2:]}"],
                                                            "birthDate": ["1980-01-01"]}}
             for id_ in IDS]
    report = ingest(store, [write_jsonl(tmp_path / "rows.jsonl", lines)], envelope(), ACTOR)
    assert report.result.created == len(IDS)
    with store.engine.connect() as conn:
        subjects = [s for (raw,) in conn.execute(select(audit_log.c.subjects).where(
            audit_log.c.action == "collection").order_by(audit_log.c.seq))
            for s in json.loads(raw)]
        assert subjects == IDS  # the input's order
        held = conn.execute(text("SELECT count(*) FROM record_keys")).scalar()
        assert held and held >= len(IDS)
        if store.is_sqlite:  # in the order they went in: the key's
            for table, key in (("records", "id"), ("record_versions", "record_id"),
                               ("ingest_lines", "record_id")):
                assert [r for (r,) in conn.execute(text(
                    f"SELECT {key} FROM {table} ORDER BY rowid"))] == sorted(IDS), table
            # (the keys' table has no rowid: its B-tree is its key's, whatever the order of
            # the inserts, migration 0016)


def test_each_tables_rows_are_handed_over_in_key_order(make_store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Versions and heads sorted by id alone, keys by key after the records' ids (a stable
    sort): exactly (key, record id) order on SQLite, the batch's order on PostgreSQL."""
    from interlink.core.record import RecordRow
    from interlink.store import sql

    store = make_store(fresh=True)
    store.add_agency(Agency.create("MA-DGSN", "MA", name="x"), ACTOR)
    seen: dict[str, list[tuple]] = {}
    insert = sql._insert_rows

    def capture(conn, table, rows):  # type: ignore[no-untyped-def]
        seen[table.name] = list(rows)
        insert(conn, table, rows)

    monkeypatch.setattr(sql, "_insert_rows", capture)
    # shared keys across records, in no order: ties broken by the record id
    rows = [RecordRow(id_, "Person", "{}", "", envelope(), "", (f"k{int(id_[-2:]) % 4}", "k",
                                                                f"z{id_}"))
            for id_ in IDS]
    store.write_rows(rows, ACTOR, "test")
    keys = [(k, r.id) for r in rows for k in r.keys]  # type: ignore[union-attr]
    if store.is_sqlite:
        assert seen["record_keys"] == sorted(keys)
        assert [v[0] for v in seen["record_versions"]] == sorted(IDS)
        assert [h[0] for h in seen["records"]] == sorted(IDS)
    else:
        assert seen["record_keys"] == keys
        assert [v[0] for v in seen["record_versions"]] == IDS
