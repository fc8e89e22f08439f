"""Screening a store's holdings and loading a watchlist from the store."""

from __future__ import annotations

from sqlalchemy import select

from interlink.core import Envelope, Record
from interlink.core.model import model
from interlink.screen import load_watchlist, screen_store
from interlink.store import Actor
from interlink.store.tables import alerts

ACTOR = Actor(user="tester", agency="MA-DGSN")


def _person(id_: str, name: str, source: str, birth: str | None = None) -> Record:
    proxy = model.make_entity("Person")
    proxy.id = id_
    proxy.add("name", name)
    if birth:
        proxy.add("birthDate", birth)
    return Record(proxy, Envelope(owner="MA-DGSN", source_ref=source))


def test_screen_store_writes_alerts(store) -> None:  # type: ignore[no-untyped-def]
    store.write(
        [
            _person("n1", "Youssef El Hamdaoui", "red_notices.json", "1988-04-17"),
            _person("n2", "Karim Bennani Souissi", "red_notices.json"),
            _person("c1", "يوسف الحمداوي", "case_42.csv", "1988-04-17"),
            _person("c2", "Sean Murphy", "case_42.csv"),
        ],
        ACTOR,
    )
    watchlist = load_watchlist("store:red_notices.json", store.url)
    assert {e.id for e in watchlist} == {"n1", "n2"}
    written = screen_store(store, watchlist, ACTOR)
    # c1 matches n1 across scripts; n1 does not alert on itself
    assert [(a.query_id, a.watchlist_id) for a in written] == [("c1", "n1")]
    with store.engine.connect() as conn:
        rows = conn.execute(select(alerts)).all()
    assert len(rows) == 1
    row = rows[0]
    assert (row.query_ref, row.record_id, row.status) == ("c1", "n1", "new")
    assert row.list_name == "red_notices.json"
    assert "same birth date" in row.explanation


def test_store_watchlists_mean_what_a_user_expects(store) -> None:  # type: ignore[no-untyped-def]
    """`store:all` every record, `store:AGENCY` an agency's own, `store:SOURCE` one file's."""
    import pytest

    from interlink.core.errors import InvalidInput

    fr = Actor(user="marie", agency="FR-OFAST")
    store.write([_person("m1", "Youssef El Hamdaoui", "case_42.csv")], ACTOR)
    store.write([Record(_person("f1", "Karim Bennani", "fr.csv").entity,
                        Envelope(owner="FR-OFAST", source_ref="fr.csv"))], fr)
    assert {e.id for e in load_watchlist("store:all", store.url)} == {"m1", "f1"}
    assert {e.id for e in load_watchlist("store:*", store.url)} == {"m1", "f1"}
    assert {e.id for e in load_watchlist("store:FR-OFAST", store.url)} == {"f1"}
    assert {e.id for e in load_watchlist("store:ma-dgsn", store.url)} == {"m1"}
    assert {e.id for e in load_watchlist("store:case_42.csv", store.url)} == {"m1"}
    with pytest.raises(InvalidInput, match="store:AGENCY"):
        load_watchlist("store:nothing.csv", store.url)
