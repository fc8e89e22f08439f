"""A record's current content is stored once, in its head: its version row holds NULL until a
later version supersedes it (`SQLStore._keep_superseded`, migration 0015), and every read of
versions gives the content all the same, on both backends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, text

from interlink.core import Envelope, Record
from interlink.core.record import make_entity
from interlink.store import migrate
from interlink.store.tables import record_versions, records
from tests.conftest import ACTOR


def person(id_: str, *names: str) -> Record:
    entity = make_entity({"id": id_, "schema": "Person", "properties": {"name": list(names)}})
    return Record(entity=entity, envelope=Envelope(owner="MA-DGSN", purposes=["drug_trafficking"]))


def stored(store: Any, id_: str) -> dict[int, str | None]:
    """version -> the properties its row holds, as stored."""
    with store.engine.connect() as conn:
        return dict(conn.execute(
            select(record_versions.c.version, record_versions.c.properties)
            .where(record_versions.c.record_id == id_)).all())


def head(store: Any, id_: str) -> str:
    with store.engine.connect() as conn:
        return str(conn.execute(select(records.c.properties).where(records.c.id == id_))
                   .scalar_one())


def names(rec: Record | None) -> list[str] | None:
    return None if rec is None else sorted(rec.entity.get("name"))


def read(store: Any, id_: str) -> list[tuple[int, str, list[str] | None]]:
    """Every version as `history` and `get(id, version)` give it; both must agree."""
    out = []
    for h in store.history(id_):
        assert names(h["record"]) == names(store.get(id_, h["version"]))
        out.append((h["version"], h["kind"], names(h["record"])))
    return out


def test_a_new_record_content_is_in_its_head_only(store) -> None:  # type: ignore[no-untyped-def]
    store.write([person("p1", "Amina Haddad")], ACTOR)
    assert stored(store, "p1") == {1: None}
    assert '"Amina Haddad"' in head(store, "p1")
    assert read(store, "p1") == [(1, "collection", ["Amina Haddad"])]
    assert names(store.get("p1")) == ["Amina Haddad"]


def test_a_superseded_version_receives_its_content(store) -> None:  # type: ignore[no-untyped-def]
    store.write([person("p1", "Amina Haddad")], ACTOR)
    first = head(store, "p1")
    store.write([person("p1", "Amina Haddad", "أمينة حداد")], ACTOR)
    assert stored(store, "p1") == {1: first, 2: None}
    store.write([person("p1", "A. Haddad")], ACTOR)
    assert read(store, "p1") == [
        (1, "collection", ["Amina Haddad"]),
        (2, "alteration", ["Amina Haddad", "أمينة حداد"]),
        (3, "alteration", ["A. Haddad"]),
    ]
    assert stored(store, "p1")[3] is None and stored(store, "p1")[2] is not None
    # an unchanged write moves nothing
    store.write([person("p1", "A. Haddad")], ACTOR)
    assert stored(store, "p1")[3] is None


def test_a_review_extension_keeps_the_extended_version(store) -> None:  # type: ignore[no-untyped-def]
    store.write([person("p1", "Amina Haddad")], ACTOR)
    later = (datetime.now(UTC) + timedelta(days=400)).date()
    store.extend_review("p1", later, ACTOR, "still needed")
    assert stored(store, "p1") == {1: head(store, "p1"), 2: None}
    assert read(store, "p1") == [(1, "collection", ["Amina Haddad"]),
                                 (2, "alteration", ["Amina Haddad"])]
    assert store.get("p1", 2).envelope.review_by == later
    assert store.get("p1", 1).envelope.review_by != later


def test_erasure_and_collection_again(store) -> None:  # type: ignore[no-untyped-def]
    store.write([person("p1", "Amina Haddad")], ACTOR)
    store.write([person("p1", "Amina Haddad", "A. Haddad")], ACTOR)
    store.erase("p1", ACTOR, "court order")
    assert stored(store, "p1") == {1: None, 2: None, 3: None}
    assert read(store, "p1") == [(1, "collection", None), (2, "alteration", None),
                                 (3, "erasure", None)]
    store.write([person("p1", "Other Person")], ACTOR)  # collected again after erasure
    assert read(store, "p1") == [(1, "collection", None), (2, "alteration", None),
                                 (3, "erasure", None), (4, "collection", ["Other Person"])]
    store.write([person("p1", "Other Person", "O. Person")], ACTOR)
    assert stored(store, "p1")[3] is None  # the erasure's row stays empty
    assert read(store, "p1")[-2:] == [(4, "collection", ["Other Person"]),
                                      (5, "alteration", ["O. Person", "Other Person"])]


def _migrate(store: Any, revision: str, up: bool) -> None:
    from alembic import command

    cfg = migrate._config()
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.upgrade if up else command.downgrade)(cfg, revision)


def test_migration_moves_content_both_ways(store) -> None:  # type: ignore[no-untyped-def]
    store.write([person("p1", "Amina Haddad")], ACTOR)
    store.write([person("p1", "Amina Haddad", "A. Haddad")], ACTOR)
    store.write([person("p2", "Omar Belkacem")], ACTOR)
    store.write([person("p3", "Erased Person")], ACTOR)
    store.erase("p3", ACTOR, "court order")
    before = {i: read(store, i) for i in ("p1", "p2", "p3")}
    v1 = stored(store, "p1")[1]

    _migrate(store, "0014", up=False)  # what the earlier code reads: the head's content twice
    assert stored(store, "p1") == {1: v1, 2: head(store, "p1")}
    assert stored(store, "p2") == {1: head(store, "p2")}
    assert stored(store, "p3") == {1: None, 2: None}
    with store.engine.connect() as conn:
        assert migrate.current_revision(conn) == "0014"

    _migrate(store, "head", up=True)
    assert stored(store, "p1") == {1: v1, 2: None}
    assert stored(store, "p2") == {1: None}
    assert stored(store, "p3") == {1: None, 2: None}
    assert {i: read(store, i) for i in ("p1", "p2", "p3")} == before
    with store.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
        # every live head's version row is empty, every other version's content its own
        assert conn.execute(text(
            "SELECT count(*) FROM record_versions v JOIN records r ON r.id = v.record_id"
            " AND r.version = v.version WHERE v.properties IS NOT NULL")).scalar_one() == 0
