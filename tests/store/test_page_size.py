"""A new SQLite store is created with 16 KiB pages (`SQLITE_PAGE_BYTES`); a store created
before keeps its own page size and works as it did."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from interlink.core import Agency, Envelope, Record
from interlink.core.record import make_entity
from interlink.store import sql
from interlink.store.sql import SQLStore
from tests.conftest import ACTOR


def pragmas(path: Path) -> tuple[int, str]:
    db = sqlite3.connect(path)
    try:
        return (db.execute("PRAGMA page_size").fetchone()[0],
                db.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        db.close()


def write_and_read(store: SQLStore) -> None:
    store.add_agency(Agency.create("MA-DGSN", "MA", name="DGSN"), ACTOR)
    entity = make_entity({"id": "p1", "schema": "Person", "properties": {"name": ["Amina"]}})
    store.write([Record(entity, Envelope(owner="MA-DGSN", purposes=["drug_trafficking"]))],
                ACTOR)
    got = store.get("p1")
    assert got is not None and got.entity.get("name") == ["Amina"]


def test_a_new_store_has_16_kib_pages(tmp_path: Path) -> None:
    store = SQLStore(str(tmp_path / "new.db"), create=True)
    try:
        write_and_read(store)
    finally:
        store.close()
    assert pragmas(tmp_path / "new.db") == (16384, "wal")
    assert getattr(sql, "SQLITE_PAGE_BYTES", None) == 16384


def test_an_existing_store_keeps_its_page_size(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.execute("PRAGMA page_size=4096")
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE before_us (x)")  # written: its page size is fixed
    db.close()
    store = SQLStore(str(path), create=True)
    try:
        write_and_read(store)
    finally:
        store.close()
    assert pragmas(path) == (4096, "wal")
    reopened = SQLStore(str(path))
    try:
        assert reopened.get("p1") is not None
    finally:
        reopened.close()
