"""Taking a first load's writes back without a savepoint on SQLite (`Streamer.undo`): the
agency's rows this load wrote are deleted by their ids and owner, which leaves another agency's
record with one of those ids whole; only while the agency held nothing when the write
transaction began (else the savepoint, as on PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import text

from interlink.core import Agency, Envelope
from interlink.core.record import RecordRow
from interlink.ingest.staging import Staging
from interlink.ingest.streaming import Streamer
from tests.conftest import ACTOR


def _env(owner: str) -> Envelope:
    return Envelope(owner=owner, purposes=["drug_trafficking"],  # type: ignore[list-item]
                    collected_at="2026-01-15T10:00:00+00:00")  # type: ignore[arg-type]


def _row(id_: str, owner: str, name: str) -> RecordRow:
    return RecordRow(id_, "Person", f'{{"name":["{name}"]}}', name, _env(owner))


def _store(make_store):  # type: ignore[no-untyped-def]
    store = make_store(fresh=True)
    for code in ("MA-DGSN", "FR-OFAST"):
        store.add_agency(Agency.create(code, code[:2], name=code), ACTOR)
    return store


def test_sqlite_undoes_without_a_savepoint_only_for_an_agency_holding_nothing(
        make_store) -> None:  # type: ignore[no-untyped-def]
    store = _store(make_store)
    staging = Staging()
    try:
        with store.transaction() as conn:
            assert Streamer(store, conn, staging, ACTOR, "t", "MA-DGSN").undo == store.is_sqlite
        store.write_rows([_row("ma-p1", "MA-DGSN", "Karim")], ACTOR, "t")
        with store.transaction() as conn:  # written for the agency meanwhile: the savepoint
            assert Streamer(store, conn, staging, ACTOR, "t", "MA-DGSN").undo is False
    finally:
        staging.close()


def test_discarding_by_owner_keeps_another_agencys_record(make_store) -> None:  # type: ignore[no-untyped-def]
    store = _store(make_store)
    store.write_rows([_row("held", "FR-OFAST", "Held")], ACTOR, "t")
    with store.transaction() as conn:
        store.write_rows([_row("ma-p1", "MA-DGSN", "Karim"), _row("ma-p2", "MA-DGSN", "Omar")],
                         ACTOR, "t", conn)
        store.discard_created(conn, ["held", "ma-p1", "ma-p2"], owner="MA-DGSN")
    assert store.count() == 1
    kept = store.get("held")
    assert kept is not None and kept.envelope.owner == "FR-OFAST"
    assert len(store.history("held")) == 1
    with store.engine.connect() as conn:  # its search keys too; none of the others'
        owners = {r for (r,) in conn.execute(text("SELECT DISTINCT record_id FROM record_keys"))}
    assert owners == {"held"}
