"""The schema check every command runs reads the revisions without Alembic; it must say
exactly what Alembic says."""

from __future__ import annotations

import subprocess
import sys

from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from interlink.store import migrate


def test_head_revision_is_alembics() -> None:
    assert migrate.head_revision() == migrate._alembic_head()


def test_current_revision_is_alembics(store) -> None:  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
        assert migrate.current_revision(conn) == (
            MigrationContext.configure(conn).get_current_revision())


def test_an_empty_database_has_no_revision(store) -> None:  # type: ignore[no-untyped-def]
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM alembic_version"))
        assert migrate.current_revision(conn) is None
        conn.execute(text("DROP TABLE alembic_version"))
        assert migrate.current_revision(conn) is None
        conn.rollback()


def test_opening_a_store_does_not_import_alembic(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from interlink.store.sql import SQLStore

    SQLStore(str(tmp_path / "x.db"), create=True).close()  # creating migrates: Alembic runs
    code = (f"import sys; from interlink.store.sql import SQLStore; "
            f"SQLStore({str(tmp_path / 'x.db')!r}).close(); "
            f"print(any(m.startswith('alembic') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"


def test_records_are_indexed_by_owner_schema_and_id(store) -> None:  # type: ignore[no-untyped-def]
    """The pages of an agency's records of one schema (`iter_records`, `screen store:AGENCY`)
    have an index in their order on both backends (migration 0012), and the index it replaced
    is gone."""
    from sqlalchemy import inspect

    with store.engine.connect() as conn:
        found = {ix["name"]: ix["column_names"] for ix in inspect(conn).get_indexes("records")}
    assert found["ix_records_owner_schema_id"] == ["owner", "schema", "id"]
    assert "ix_records_owner_schema" not in found


def test_ingest_lines_is_clustered_on_its_key_in_sqlite(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Migration 0014 rebuilds `ingest_lines` on SQLite as a WITHOUT ROWID table (one B-tree to
    walk and write), keeping every row; its downgrade gives the ordinary table back, rows kept."""
    from alembic import command

    from interlink.store.sql import SQLStore

    store = SQLStore(str(tmp_path / "x.db"), create=True)

    def schema() -> str:
        with store.engine.connect() as conn:
            return str(conn.execute(text(
                "SELECT sql FROM sqlite_master WHERE name = 'ingest_lines'")).scalar_one())

    def rows() -> list[tuple[object, ...]]:
        with store.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(
                "SELECT record_id, version, line_hash, own_envelope FROM ingest_lines"
                " ORDER BY record_id"))]

    def migrate_to(target: str) -> None:
        cfg = migrate._config()
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            (command.upgrade if target == "head" else command.downgrade)(cfg, target)

    try:
        assert "WITHOUT ROWID" in schema()
        migrate_to("0013")
        assert "WITHOUT ROWID" not in schema()
        with store.engine.begin() as conn:
            conn.execute(text("INSERT INTO ingest_lines VALUES"
                              " ('b', 2, 'h2', 0), ('a', 1, 'h1', 1)"))
        migrate_to("head")
        assert "WITHOUT ROWID" in schema()
        assert rows() == [("a", 1, "h1", 1), ("b", 2, "h2", 0)]
        migrate_to("0013")
        assert rows() == [("a", 1, "h1", 1), ("b", 2, "h2", 0)]
    finally:
        store.close()
