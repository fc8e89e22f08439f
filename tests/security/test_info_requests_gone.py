"""The unused info_requests table is gone (revision 0007), and a store migrated from before
revision 0005 still verifies: the request transitions 0005 copied are accounted for in the log.

Before: the table stayed, written by nothing and read by nothing but a migration."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import column, create_engine, inspect, table

from interlink.audit import chain
from interlink.store import migrate, open_store
from interlink.store.sql import to_url

OLD = table("info_requests", *(column(c) for c in (
    "id", "record_id", "owner", "requester", "requested_by", "purpose", "message", "status",
    "answer", "grant_id", "created_at", "answered_at", "answered_by")))


def test_the_table_is_gone_and_old_requests_stay_accounted_for(store_url: str) -> None:
    engine = create_engine(to_url(store_url))
    cfg = migrate._config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
        when = datetime(2026, 5, 1, 8, tzinfo=UTC)
        conn.execute(OLD.insert(), [
            {"id": f"old-{status}", "record_id": "ma-1", "owner": "MA-DGSN",
             "requester": "FR-OFAST", "requested_by": "marie", "purpose": "drug_trafficking",
             "message": "", "status": status, "answer": "", "grant_id": None,
             "created_at": when, "answered_at": None if status == "open" else when,
             "answered_by": None if status == "open" else "ali"}
            for status in ("open", "granted", "refused")])
    engine.dispose()
    store = open_store(store_url, create=True)
    try:
        with store.engine.connect() as conn:
            assert "info_requests" not in inspect(conn).get_table_names()
            assert "legal_requests" in inspect(conn).get_table_names()
            report = chain.verify(conn)
        assert report.ok, report.problems
    finally:
        store.close()
