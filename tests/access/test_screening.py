"""Screening as a viewer sees it: one alert per query and resolved entity, and an alert the
analyst decided is not raised again by the same list."""

from __future__ import annotations

from datetime import UTC, datetime

from interlink.access.screening import screen_entries
from interlink.core.envelope import Envelope
from interlink.core.record import Record, make_entity
from interlink.core.viewer import Viewer
from interlink.screen.decisions import decide, keep, list_alerts
from interlink.screen.entry import Entry
from interlink.store import Actor, SQLStore
from interlink.store.tables import match_candidates

DT = "drug_trafficking"
MA = Actor("ali", "MA-DGSN")


def _person(rid: str, name: str) -> Record:
    entity = make_entity({"id": rid, "schema": "Person",
                          "properties": {"name": [name], "birthDate": ["1985-03-02"]}})
    return Record(entity, Envelope(owner="MA-DGSN", purposes=[DT]))


def _store(store: SQLStore) -> SQLStore:
    store.write([_person("ma-1", "Driss Benali"), _person("ma-2", "Dris Ben Ali"),
                 _person("ma-3", "Karim Haddad")], MA)
    with store.transaction() as conn:
        conn.execute(match_candidates.insert().values(
            left_id="ma-1", right_id="ma-2", score=0.97, explanation="{}", accepted=True,
            created_at=datetime.now(UTC)))
    return store


def test_one_alert_per_resolved_entity(store: SQLStore) -> None:
    _store(store)
    viewer = Viewer("ali", "MA-DGSN", DT)
    done = screen_entries(store, viewer, [Entry.create("q1", "Driss Benali", "1985-03-02")])
    assert len(done.alerts) == 1, done.alerts
    assert sorted(done.members_of(done.alerts[0])) == ["ma-1", "ma-2"]


def test_a_decided_alert_is_not_raised_again(store: SQLStore) -> None:
    _store(store)
    viewer = Viewer("ali", "MA-DGSN", DT)
    query = [Entry.create("q1", "Karim Haddad", "1985-03-02")]
    first = keep(store, MA, screen_entries(store, viewer, query).alerts, DT)
    assert len(first) == 1
    decide(store, MA, first[0], "dismissed", "a namesake, checked")
    again = keep(store, MA, screen_entries(store, viewer, query).alerts, DT)
    assert again == []
    assert [a.status for a in list_alerts(store, "MA-DGSN", None, 10)] == ["dismissed"]
