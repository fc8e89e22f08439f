"""A bulk write told its rows are new (`write_rows(new=True)`, a first load's rows written while
reading) looks nothing up: the store's primary keys refuse an id it holds, as a key collision
the caller can take back, on both backends."""

from __future__ import annotations

from typing import Any

import pytest

from interlink.core import Agency, Envelope
from interlink.core.record import RecordRow
from interlink.store import sql
from tests.conftest import ACTOR

ENV = Envelope(owner="MA-DGSN", purposes=["drug_trafficking"],  # type: ignore[arg-type]
               collected_at="2026-01-15T10:00:00+00:00")  # type: ignore[arg-type]


def _rows(first: int, count: int) -> list[RecordRow]:
    return [RecordRow(f"ma-p{n}", "Person", f'{{"name":["Karim {n}"]}}', f"Karim {n}", ENV)
            for n in range(first, first + count)]


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    by_ids = sql.by_ids

    def counted(conn: Any, columns: str, ids: list[str]) -> list[tuple[Any, ...]]:
        calls.append(len(ids))
        return by_ids(conn, columns, ids)

    monkeypatch.setattr(sql, "by_ids", counted)
    return calls


def test_new_rows_are_written_without_a_look_up(make_store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    store = make_store(fresh=True)
    store.add_agency(Agency.create("MA-DGSN", "MA", name="x"), ACTOR)
    calls = _counting(monkeypatch)
    result = store.write_rows(_rows(0, 30), ACTOR, "test", new=True)
    assert (result.created, result.updated, result.unchanged) == (30, 0, 0)
    assert calls == []
    assert store.get("ma-p7").entity.caption == "Karim 7"  # type: ignore[union-attr]
    # the ordinary write looks its batch up
    store.write_rows(_rows(30, 5), ACTOR, "test")
    assert calls == [5]


def test_a_held_id_among_new_rows_is_a_collision(make_store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    store = make_store(fresh=True)
    store.add_agency(Agency.create("MA-DGSN", "MA", name="x"), ACTOR)
    store.write_rows(_rows(5, 1), ACTOR, "test")
    caught = []
    with store.transaction() as conn:
        try:
            with conn.begin_nested():  # as the first load's writer does (`ingest.streaming`)
                store.write_rows(_rows(0, 10), ACTOR, "test", conn, new=True)
        except store.collisions as exc:
            caught.append(exc)
        store.write_rows(_rows(20, 1), ACTOR, "test", conn)  # the transaction goes on
    assert len(caught) == 1
    # nothing of the refused write stays: the record held before, as it was
    assert store.count() == 2
    assert store.get("ma-p5").version == 1  # type: ignore[union-attr]
