"""A large first load builds the store's secondary indexes after its rows
(`SQLStore.defer_indexes`): the same rows, the same indexes afterwards, none missing after a
rollback or a crash, and none dropped where a load is small beside the store or on PostgreSQL.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from interlink.core import Agency
from interlink.core.errors import InvalidInput
from interlink.ingest import pipeline, streaming
from interlink.ingest.pipeline import ingest
from interlink.store import sql
from interlink.store.sql import SQLStore
from tests.conftest import ACTOR
from tests.ingest.conftest import envelope, write_jsonl
from tests.ingest.test_streaming import LINES, load

#: every secondary index of the tables a bulk write fills, by name (none is a primary key)
DEFERRED = {"ix_record_keys_record", "ix_records_owner_review", "ix_records_owner_schema_id",
            "ix_records_schema_id", "ix_records_source_ref"}


def indexes(conn: Any) -> dict[str, str]:
    """The store's named indexes and their definitions (SQLite: as `sqlite_master` holds them;
    PostgreSQL: `pg_indexes` of the store's schema)."""
    if conn.dialect.name == "sqlite":
        rows = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                                 " AND sql IS NOT NULL"))
    else:
        rows = conn.execute(text("SELECT indexname, indexdef FROM pg_indexes"
                                 " WHERE schemaname = current_schema()"))
    return dict(rows.all())


@pytest.fixture
def always(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every first load defers (the tests' files are far below the real thresholds)."""
    monkeypatch.setattr(sql, "DEFER_INDEXES_MIN", 0)
    monkeypatch.setattr(sql, "DEFER_INDEXES_RATIO", 1e9)


@pytest.mark.parametrize("batch", [1, 2, 5000])
def test_a_deferred_load_leaves_the_rows_and_indexes_of_an_ordinary_one(
        make_store, store_url: str, tmp_path: Path, monkeypatch,  # type: ignore[no-untyped-def]
        always: None, batch: int) -> None:
    src = write_jsonl(tmp_path / "rows.jsonl", LINES)
    seen: list[set[str]] = []
    write = streaming.Streamer.write

    def spy(self: streaming.Streamer) -> None:  # the indexes the write transaction sees
        seen.append(set(indexes(self.conn)))
        write(self)

    after, after_figures, _ = load(make_store, src, False, batch, monkeypatch)
    monkeypatch.setattr(streaming.Streamer, "write", spy)
    while_, figures, streamed = load(make_store, src, True, batch, monkeypatch)
    assert streamed and while_ == after and figures == after_figures
    sqlite = not store_url.startswith("postgresql")
    # on SQLite the rows went in without the secondary indexes; on PostgreSQL with them
    assert seen and all((s & DEFERRED) == (set() if sqlite else DEFERRED) for s in seen)


def test_the_indexes_are_built_again_in_the_same_transaction(
        make_store, tmp_path: Path, always: None) -> None:  # type: ignore[no-untyped-def]
    store = make_store(fresh=True)
    store.add_agency(Agency.create("MA-DGSN", "MA", name="x"), ACTOR)
    with store.engine.connect() as conn:
        before = indexes(conn)
    ingest(store, [write_jsonl(tmp_path / "rows.jsonl", LINES)], envelope(), ACTOR)
    with store.engine.connect() as conn:
        assert indexes(conn) == before
        # each index holds every row: looked up through it, the same answer as the table's
        assert conn.execute(text(
            "SELECT count(*) FROM records WHERE owner = 'MA-DGSN' AND schema = 'Person'"
        )).scalar() == 3
        if store.is_sqlite:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_a_load_that_fails_after_writing_leaves_every_index(
        make_store, tmp_path: Path, monkeypatch, always: None) -> None:  # type: ignore[no-untyped-def]
    text_ = "".join(json.dumps(r) + "\n" for r in LINES)
    src = tmp_path / "cut.jsonl"
    src.write_text(text_ + text_[:40], "utf-8")  # a last line cut short: refused at the end
    monkeypatch.setattr("interlink.settings.BATCH_SIZE", 1)
    store = make_store(fresh=True)
    store.add_agency(Agency.create("MA-DGSN", "MA", name="x"), ACTOR)
    with store.engine.connect() as conn:
        before = indexes(conn)
    with pytest.raises(InvalidInput, match="truncated"):
        ingest(store, [src], envelope(), ACTOR)
    with store.engine.connect() as conn:
        assert indexes(conn) == before
        assert conn.execute(text("SELECT count(*) FROM records")).scalar() == 0


#: a first load that dies (no exception, no rollback: the process ends) after writing rows
#: without its indexes
CRASH = """
import os, sys
from interlink.ingest import streaming
from interlink.store import sql
from interlink.store.sql import SQLStore
from interlink.ingest.pipeline import ingest
from tests.conftest import ACTOR
from tests.ingest.conftest import envelope
sql.DEFER_INDEXES_MIN, sql.DEFER_INDEXES_RATIO = 0, 1e9
import interlink.settings
interlink.settings.BATCH_SIZE = 1
write = streaming.Streamer.write
def dying(self):
    write(self)
    if self.result.created >= 3:
        assert not self.store.is_sqlite or not any(
            n.startswith("ix_records") for (n,) in self.conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'index'"))
        os._exit(7)
streaming.Streamer.write = dying
from pathlib import Path
ingest(SQLStore(sys.argv[1]), [Path(sys.argv[2])], envelope(), ACTOR)
"""


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_a_process_that_dies_mid_load_leaves_a_valid_store_with_its_indexes(
        make_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = make_store(fresh=True)
    store.add_agency(Agency.create("MA-DGSN", "MA", name="x"), ACTOR)
    with store.engine.connect() as conn:
        before = indexes(conn)
    store.close()
    src = write_jsonl(tmp_path / "rows.jsonl", LINES)
    root = Path(__file__).parents[2]
    env = {**os.environ, "PYTHONPATH": f"{root / 'src'}{os.pathsep}{root}"}
    db = store.url.split("///", 1)[1]
    died = subprocess.run([sys.executable, "-c", CRASH, db, str(src)], env=env,
                          capture_output=True, text=True, check=False)
    assert died.returncode == 7, died.stderr
    reopened = SQLStore(db)
    try:
        with reopened.engine.connect() as conn:
            assert indexes(conn) == before
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert conn.execute(text("SELECT count(*) FROM records")).scalar() == 0
        # and the store takes the same load again, whole
        report = ingest(reopened, [src], envelope(), ACTOR)
        assert report.result.created == 5
    finally:
        reopened.close()


def test_no_index_is_dropped_for_a_load_small_beside_the_store(
        make_store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sql, "DEFER_INDEXES_MIN", 0)
    monkeypatch.setattr(sql, "DEFER_INDEXES_RATIO", 1.0)
    store = make_store(fresh=True)
    store.add_agency(Agency.create("MA-DGSN", "MA", name="x"), ACTOR)
    store.add_agency(Agency.create("FR-OFAST", "FR", name="y"), ACTOR)
    held = [{"id": f"fr-{n}", "schema": "Company", "properties": {"name": [f"Held {n}"]}}
            for n in range(40)]
    ingest(store, [write_jsonl(tmp_path / "fr.jsonl", held)],
           envelope().with_changes(owner="FR-OFAST"), ACTOR)
    with store.transaction() as conn:
        # 40 records held: a load of 40 or more defers (SQLite), one of 39 does not
        assert store.defer_indexes(conn, 39) == []
        deferred = store.defer_indexes(conn, 40)
        assert {str(i.name) for i in deferred} == (DEFERRED if store.is_sqlite else set())
        cache = conn.exec_driver_sql("PRAGMA cache_size").scalar() if store.is_sqlite else 0
        store.build_indexes(conn, deferred)
        # the build's own page cache is set back: the pooled connection keeps its own
        assert (conn.exec_driver_sql("PRAGMA cache_size").scalar()
                if store.is_sqlite else 0) == cache
    with store.engine.connect() as conn:
        assert set(indexes(conn)) >= DEFERRED


def test_the_first_load_guesses_its_records_from_the_input_bytes(
        make_store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked: list[int] = []
    monkeypatch.setattr(SQLStore, "defer_indexes",
                        lambda self, conn, expected: asked.append(expected) or [])
    monkeypatch.setattr(pipeline, "WRITE_WHILE_READING", True)
    store = make_store(fresh=True)
    store.add_agency(Agency.create("MA-DGSN", "MA", name="x"), ACTOR)
    src = write_jsonl(tmp_path / "rows.jsonl", LINES * 200)
    ingest(store, [src], envelope(), ACTOR)
    assert asked == [src.stat().st_size // streaming.BYTES_PER_RECORD]
