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
