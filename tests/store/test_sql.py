"""The store on both backends: versions, erasure, ownership, batching, transactions."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from interlink.audit.table import audit_log
from interlink.core import Envelope, InvalidInput, Record
from interlink.core.record import make_entity
from interlink.store import open_store
from interlink.store.tables import record_versions
from tests.conftest import ACTOR


def person(id_: str, owner: str = "MA-DGSN", **props: list[str]) -> Record:
    entity = make_entity({"id": id_, "schema": "Person", "properties": props or {"name": [id_]}})
    return Record(entity=entity, envelope=Envelope(owner=owner, purposes=["drug_trafficking"]))


def test_open_refuses_uninitialised_store(store_url: str) -> None:
    with pytest.raises(InvalidInput, match="interlink init"):
        open_store(store_url)


def test_versions_are_kept_and_unchanged_writes_add_nothing(store) -> None:  # type: ignore[no-untyped-def]
    first = store.write([person("p1", name=["محمد عمره"])], ACTOR, "first")
    assert first.created == 1
    again = store.write([person("p1", name=["محمد عمره"])], ACTOR, "again")
    assert again.unchanged == 1 and again.written == 0
    second = store.write([person("p1", name=["محمد عمره", "Mohamed Amra"])], ACTOR, "spelling")
    assert second.updated == 1
    current = store.get("p1")
    assert current.version == 2
    assert sorted(current.entity.get("name")) == ["Mohamed Amra", "محمد عمره"]
    old = store.get("p1", version=1)
    assert old.entity.get("name") == ["محمد عمره"] and old.version == 1
    kinds = [h["kind"] for h in store.history("p1")]
    assert kinds == ["collection", "alteration"]


def test_envelope_change_is_an_alteration(store) -> None:  # type: ignore[no-untyped-def]
    store.write([person("p1")], ACTOR)
    rec = person("p1")
    changed = Record(rec.entity, rec.envelope.with_changes(tlp="RED"))
    assert store.write([changed], ACTOR).updated == 1
    assert store.get("p1").envelope.tlp.value == "RED"
    assert store.get("p1", 1).envelope.tlp.value == "AMBER"


def test_erasure_removes_content_of_every_version_and_is_recorded(store) -> None:  # type: ignore[no-untyped-def]
    store.write([person("p1", name=["A"])], ACTOR)
    store.write([person("p1", name=["B"])], ACTOR)
    with pytest.raises(InvalidInput, match="reason"):
        store.erase("p1", ACTOR, " ")
    store.erase("p1", ACTOR, "court order 2026/17")
    assert store.get("p1") is None
    assert store.get("p1", 1) is None and store.get("p1", 2) is None
    history = store.history("p1")
    assert [h["kind"] for h in history] == ["collection", "alteration", "erasure"]
    assert all(h["record"] is None for h in history)
    assert history[-1]["reason"] == "court order 2026/17"
    assert store.count() == 0
    with pytest.raises(InvalidInput, match="no record"):
        store.erase("p1", ACTOR, "again")
    # re-collecting the same id after erasure is a new collection, not a silent no-op
    assert store.write([person("p1", name=["A"])], ACTOR).updated == 1
    assert store.get("p1").version == 4


def test_another_agency_cannot_overwrite(store) -> None:  # type: ignore[no-untyped-def]
    store.write([person("p1")], ACTOR)
    # never naming the holder (callers give their records owner-scoped ids before writing)
    with pytest.raises(InvalidInput, match="already taken") as refused:
        store.write([person("p1", owner="FR-OFAST")], ACTOR)
    assert "MA-DGSN" not in str(refused.value)
    assert store.get("p1").owner == "MA-DGSN"


def test_unknown_owner_refused(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput, match="unknown owner"):
        store.write([person("p9", owner="ES-DAVA")], ACTOR)


def test_failed_bulk_write_leaves_store_as_it_was(store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("interlink.settings.BATCH_SIZE", 10)
    store.write([person("p0")], ACTOR)
    versions_before = _count(store, record_versions)
    audit_before = _count(store, audit_log)
    good = [person(f"p{i}") for i in range(1, 35)]
    bad = person("p99", owner="ES-DAVA")  # unknown owner, in the fourth batch
    with pytest.raises(InvalidInput):
        store.write([*good, bad], ACTOR)
    assert store.count() == 1
    assert _count(store, record_versions) == versions_before
    assert _count(store, audit_log) == audit_before


def test_bulk_write_in_batches(store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("interlink.settings.BATCH_SIZE", 7)
    result = store.write((person(f"p{i:03}") for i in range(50)), ACTOR, "bulk")
    assert result.created == 50
    assert store.count() == 50 and store.count(schema="Person", owner="MA-DGSN") == 50
    assert [r.id for r in store.iter_records(batch=8)] == [f"p{i:03}" for i in range(50)]
    assert store.stats() == {"MA-DGSN": {"Person": 50}}


def test_iter_records_filters(store) -> None:  # type: ignore[no-untyped-def]
    store.write([person("a"), person("b", owner="FR-OFAST")], ACTOR)
    assert [r.id for r in store.iter_records(owner="FR-OFAST")] == ["b"]
    assert [r.id for r in store.iter_records(schema="Company")] == []


def test_duplicate_agency_refused(store) -> None:  # type: ignore[no-untyped-def]
    from interlink.core import Agency

    with pytest.raises(InvalidInput, match="already exists"):
        store.add_agency(Agency.create("MA-DGSN", "MA", name="x"), ACTOR)
    assert [a.code for a in store.list_agencies()] == ["FR-OFAST", "MA-DGSN"]
    with pytest.raises(InvalidInput, match="agency add MA-DGSX"):
        store.require_agency("MA-DGSX")


def _count(store, table) -> int:  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_reindex_recomputes_the_search_keys(store) -> None:  # type: ignore[no-untyped-def]
    """A store keyed by an older names engine: its keys are stale until `reindex`."""
    from interlink.core.envelope import Envelope
    from interlink.core.record import Record, make_entity
    from interlink.search import record_keys
    from interlink.store import Actor
    from interlink.store.tables import record_keys as keys_table

    entity = make_entity({"id": "p1", "schema": "Person",
                          "properties": {"name": ["Driss Benali"]}})
    store.write([Record(entity, Envelope(owner="MA-DGSN"))], Actor("t", "MA-DGSN"))
    with store.transaction() as conn:
        conn.execute(keys_table.delete())
        conn.execute(keys_table.insert().values(key="n:stale", record_id="p1"))
    assert store.find_keys(["n:stale"]) == ["p1"]
    assert store.reindex(Actor("t", None)) == 1
    assert store.find_keys(["n:stale"]) == []
    expected = record_keys("Person", {"name": ["Driss Benali"]})
    assert store.find_keys(sorted(expected)) == ["p1"]


def test_bulk_writing_cache_is_set_for_the_write_and_put_back(store) -> None:  # type: ignore[no-untyped-def]
    """A bulk write's larger SQLite page cache lasts one transaction: the pooled connection a
    server reuses afterwards has the cache it had (memory per connection stays as it was)."""
    if not store.is_sqlite:
        with store.transaction() as conn, store.bulk_writing(conn):
            pass  # nothing to set on PostgreSQL, and nothing fails
        return
    with store.transaction() as conn:
        before = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
    with store.transaction() as conn, store.bulk_writing(conn):
        during = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
    with store.transaction() as conn:
        after = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
    from interlink.store.sql import BULK_CACHE_KIB
    assert during == -BULK_CACHE_KIB != before
    assert after == before


def test_get_many_returns_current_records_with_their_own_terms(store) -> None:  # type: ignore[no-untyped-def]
    """Past the 500-id chunks of SQLite and in one array parameter on PostgreSQL: every current
    record asked for, no erased or absent one, each with its own envelope even where records
    share their terms (the envelope of a set of terms is parsed once and shared)."""
    terms = person("p0000").envelope  # one set of terms for all (collected_at included)
    recs = [Record(person(f"p{i:04d}").entity, terms) for i in range(1200)]
    red = Record(recs[7].entity, recs[7].envelope.with_changes(tlp="RED"))
    theirs = person("q0001", owner="FR-OFAST")
    store.write([*recs[:7], red, *recs[8:], theirs], ACTOR)
    store.erase("p0003", ACTOR, "court order")
    asked = [f"p{i:04d}" for i in range(1200)] + ["q0001", "absent-1"]
    got = {r.id: r for r in store.get_many(asked)}
    assert set(got) == {f"p{i:04d}" for i in range(1200)} - {"p0003"} | {"q0001"}
    assert got["p0007"].envelope.tlp.value == "RED"
    assert got["p0008"].envelope.tlp.value == "AMBER"
    assert got["q0001"].owner == "FR-OFAST" and got["p0008"].owner == "MA-DGSN"
    assert got["p0008"].envelope == store.get("p0008").envelope
    assert got["p0009"].envelope is got["p0010"].envelope  # shared terms, one object
    assert store.get_many([]) == []


def test_iter_records_by_owner_and_schema_pages_in_id_order(store) -> None:  # type: ignore[no-untyped-def]
    """Several pages of one agency's records of one schema: all of them, in id order, none of
    another agency's or another schema's."""
    mine = [person(f"m{i:03d}") for i in range(250)]
    theirs = [person(f"m{i:03d}x", owner="FR-OFAST") for i in range(50)]
    store.write(mine + theirs, ACTOR)
    got = [r.id for r in store.iter_records(schema="Person", owner="MA-DGSN", batch=40)]
    assert got == sorted(r.id for r in mine)
    assert list(store.iter_records(schema="Company", owner="MA-DGSN", batch=40)) == []


def test_find_candidates_is_find_keys_with_the_records_in_its_order(store) -> None:  # type: ignore[no-untyped-def]
    """One statement for the key look-up and the records: the same ids in the same order as
    `find_keys` (most shared keys first, ties by id), erased records left out, and content
    parsed only when asked for."""
    from interlink.search import record_keys

    store.write([person("p3", name=["Driss Benali"], birthDate=["1980-02-03"],
                        alias=["Idriss Ben Ali"], firstName=["Driss"]),
                 person("p1", name=["Driss Benali"]), person("p2", name=["Driss Benali"]),
                 person("p4", name=["Karim Tazi"])], ACTOR)
    keys = sorted(set(record_keys("Person", {"name": ["Driss Benali"],
                                             "birthDate": ["1980-02-03"]})))
    found = store.find_candidates(keys)
    assert [c.id for c in found] == store.find_keys(keys) == ["p3", "p1", "p2"]
    assert [c.hits for c in found][0] > found[1].hits == found[2].hits
    assert found[0].envelope == store.get("p3").envelope
    assert found[0].record().entity.get("birthDate") == ["1980-02-03"]
    assert found[0].record() is found[0].record()  # parsed once
    assert sorted(found[0].names()) == sorted(found[0].record().entity.names)
    assert [c.id for c in store.find_candidates(keys, limit=2)] == ["p3", "p1"]
    store.erase("p1", ACTOR, "test")
    assert [c.id for c in store.find_candidates(keys)] == ["p3", "p2"]
    assert store.find_candidates([]) == []


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)  # PostgreSQL's planner
def test_a_bulk_write_brings_the_planner_statistics_up_to_date(  # type: ignore[no-untyped-def]
        store, monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL plans a never-analysed table as if it were empty: after a write that grew
    the records by a tenth or more, the store runs ANALYZE itself; a small write does not."""
    from sqlalchemy import text

    from interlink.store import sql

    def analysed(table: str) -> tuple[float, int]:
        with store.engine.connect() as conn:
            row = conn.execute(text("SELECT reltuples, relallvisible FROM pg_class "
                                    "WHERE oid = to_regclass(:t)"), {"t": table}).one()
            return float(row[0]), int(row[1])

    monkeypatch.setattr(sql, "ANALYZE_AFTER", 5)
    store.write([person("p0")], ACTOR)
    assert analysed("records") == analysed("record_keys") == (-1, 0)  # never analysed
    store.write([person(f"p{i}") for i in range(1, 6)], ACTOR)
    # (VACUUM's own mark, pages all-visible, depends on no older transaction running
    # elsewhere on the server, so it is not asserted here)
    assert analysed("records")[0] > 0 and analysed("record_keys")[0] > 0
