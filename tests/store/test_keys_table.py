"""The search keys' table on SQLite is its primary key's B-tree (WITHOUT ROWID, migration
0016): each key stored and inserted once. The rows, their look-ups and the index on record ids
are what they were; the migration moves the rows both ways."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from interlink.core import Agency
from interlink.store import migrate
from tests.conftest import ACTOR
from tests.store.test_versions_once import person


def _keys_table(store: Any) -> str:
    with store.engine.connect() as conn:
        return str(conn.execute(text("SELECT sql FROM sqlite_master WHERE type = 'table'"
                                     " AND name = 'record_keys'")).scalar_one())


def _keys(store: Any) -> list[tuple[str, str]]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(  # type: ignore[misc]
            "SELECT key, record_id FROM record_keys ORDER BY key, record_id"))]


def _migrate(store: Any, revision: str, up: bool) -> None:
    from alembic import command

    cfg = migrate._config()
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.upgrade if up else command.downgrade)(cfg, revision)


def test_a_new_sqlite_store_keeps_its_keys_without_rowid(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from interlink.store.sql import SQLStore

    store = SQLStore(str(tmp_path / "s.db"), create=True)
    try:
        assert _keys_table(store).endswith("WITHOUT ROWID")
    finally:
        store.close()


def test_migration_0016_moves_the_keys_both_ways(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from interlink.store.sql import SQLStore

    store = SQLStore(str(tmp_path / "s.db"), create=True)
    store.add_agency(Agency.create("MA-DGSN", "MA", name="x"), ACTOR)
    try:
        store.write([person("p1", "Amina Haddad"), person("p2", "Omar Belkacem")], ACTOR)
        before = _keys(store)
        found = [c.id for c in store.find_candidates([before[0][0]])]
        assert len(before) >= 4 and found
        _migrate(store, "0015", up=False)
        assert "WITHOUT ROWID" not in _keys_table(store)
        assert _keys(store) == before
        _migrate(store, "head", up=True)
        assert _keys_table(store).endswith("WITHOUT ROWID")
        assert _keys(store) == before
        assert [c.id for c in store.find_candidates([before[0][0]])] == found
        with store.engine.connect() as conn:  # the index on record ids is back
            plan = " ".join(str(r[-1]) for r in conn.execute(text(
                "EXPLAIN QUERY PLAN SELECT key FROM record_keys WHERE record_id = 'p1'")))
        assert "ix_record_keys_record" in plan
        # written after the migration: the keys of a new record, deleted with its update
        store.write([person("p3", "Salma Idrissi")], ACTOR)
        store.write([person("p1", "Amina Haddad", "A. Haddad")], ACTOR)
        assert {r for _k, r in _keys(store)} == {"p1", "p2", "p3"}
    finally:
        store.close()
