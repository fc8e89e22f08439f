"""Migration 0005 carries requests for information opened before it into the request machine."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import column, create_engine, table

from interlink.cooperation import legal_requests as lr
from interlink.cooperation.rfi import list_requests
from interlink.store import migrate, open_store
from interlink.store.sql import to_url

# the table as revision 0003 made it (revision 0007 drops it; tables.py no longer has it)
info_requests = table("info_requests", *(column(c) for c in (
    "id", "record_id", "owner", "requester", "requested_by", "purpose", "message", "status",
    "answer", "grant_id", "created_at", "answered_at", "answered_by")))


def test_old_requests_for_information_survive(store_url: str) -> None:
    engine = create_engine(to_url(store_url))
    cfg = migrate._config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
        when = datetime(2026, 5, 1, 8, tzinfo=UTC)
        conn.execute(info_requests.insert(), [
            {"id": "old-open", "record_id": "ma-1", "owner": "MA-DGSN",
             "requester": "FR-OFAST", "requested_by": "marie", "purpose": "drug_trafficking",
             "message": "JIT", "status": "open", "answer": "", "grant_id": None,
             "created_at": when, "answered_at": None, "answered_by": None},
            {"id": "old-refused", "record_id": "ma-2", "owner": "MA-DGSN",
             "requester": "FR-OFAST", "requested_by": "marie", "purpose": "drug_trafficking",
             "message": "", "status": "refused", "answer": "undercover", "grant_id": None,
             "created_at": when, "answered_at": when, "answered_by": "ali"}])
    engine.dispose()
    store = open_store(store_url, create=True)  # brings it to the head
    try:
        assert [(r.id, r.status, r.answer) for r in list_requests(store, "MA-DGSN", "incoming")
                ] == [("old-open", "open", ""), ("old-refused", "refused", "undercover")]
        detail = lr.show_request(store, "FR-OFAST", "old-refused")
        assert [h.action for h in detail.history] == ["create", "refuse"]
        assert detail.request.type == "rfi" and detail.request.subjects == ["ma-2"]
    finally:
        store.close()
