"""A server process warmed before its first request (`api.warm`): nothing read from a record,
nothing audited, and the start-up heap frozen out of the cycle collector's full collections."""

from __future__ import annotations

import gc

import pytest
from sqlalchemy import func, select

from interlink.api import warm
from interlink.audit.table import audit_log
from interlink.server import app_from_settings
from interlink.store import SQLStore


def _entries(store: SQLStore) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(audit_log)).scalar_one())


def test_warm_reads_no_record_and_audits_nothing(store: SQLStore,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    real = SQLStore.get

    def get(self: SQLStore, record_id: str, version: int | None = None):  # type: ignore[no-untyped-def]
        found = real(self, record_id, version)
        read.append(record_id)
        assert found is None, "the warm-up read a record"
        return found

    monkeypatch.setattr(SQLStore, "get", get)
    found = []
    real_find = SQLStore.find_candidates

    def find(self: SQLStore, keys: list[str], limit: int = 1000):  # type: ignore[no-untyped-def]
        out = real_find(self, keys, limit)
        found.extend(out)
        return out

    monkeypatch.setattr(SQLStore, "find_candidates", find)
    store.start_audit_writer()
    before = _entries(store)
    warm.warm(store)
    assert read and not found
    assert _entries(store) == before


def test_the_server_process_is_warmed_and_its_heap_frozen(
        store: SQLStore, monkeypatch: pytest.MonkeyPatch) -> None:
    warmed: list[SQLStore] = []
    real = warm.warm
    monkeypatch.setattr(warm, "warm", lambda s: (warmed.append(s), real(s))[-1])
    monkeypatch.setenv("INTERLINK_STORE", store.url)
    gc.unfreeze()
    thresholds = gc.get_threshold()
    app = app_from_settings()
    try:
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[2] == warm.FULL_AFTER
        assert warmed == [app.state.store]
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
        app.state.store.close()
