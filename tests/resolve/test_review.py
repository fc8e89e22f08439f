"""Resolution over the store: candidates written, entities from them, review through the gate."""

from __future__ import annotations

from interlink.audit import chain
from interlink.core.viewer import Viewer
from interlink.policy.sharing import make_grant
from interlink.resolve import entity_members, judge, resolve_store
from interlink.resolve.review import candidates
from interlink.store import Actor, SQLStore
from tests.resolve.conftest import DT, FR


def test_store_resolution_and_review(people: SQLStore) -> None:
    store = people
    found = resolve_store(store, Actor("operator", None))
    accepted = {(c.left_id, c.right_id) for c in found if c.accepted}
    assert {("fr-1", "ma-1"), ("fr-2", "ma-2"), ("fr-3", "ma-3")} <= accepted
    members = entity_members(store, ["ma-1", "fr-4", "ma-4"])
    assert members["ma-1"] == {"ma-1", "fr-1"}
    assert members["fr-4"] == {"fr-4"} and members["ma-4"] == {"ma-4"}

    ali = Viewer("ali", "MA-DGSN", DT)
    # MA sees its own records in full but none of FR's: no cross-agency pair is offered
    assert all(p.left_id.startswith("ma") and p.right_id.startswith("ma")
               for p in candidates(store, ali))
    make_grant(store, FR, record_id="fr-1", recipient_agency="MA-DGSN", purposes=[DT])
    pairs = candidates(store, ali)
    shown = {(p.left_id, p.right_id) for p in pairs}
    assert ("fr-1", "ma-1") in shown and ("fr-2", "ma-2") not in shown
    pair = [p for p in pairs if (p.left_id, p.right_id) == ("fr-1", "ma-1")][0]
    assert pair.right["properties"]["name"] == ["محمد عمره"]
    assert pair.left["envelope"]["owner"] == "FR-OFAST"
    assert pair.explanation["comparisons"][0]["field"] == "name" and pair.score >= 0.5
    assert "names" in pair.explanation  # the name comparison, part by part
    # judged pairs leave the queue, unless asked for
    judge(store, "ma-1", "fr-1", "same", ali)
    assert ("fr-1", "ma-1") not in {(p.left_id, p.right_id) for p in candidates(store, ali)}
    again = candidates(store, ali, include_judged=True)
    assert [p.judgement.verdict for p in again if p.left_id == "fr-1"] == ["same"]
    # the judgement survives a re-run of the resolver
    resolve_store(store, Actor("operator", None))
    assert entity_members(store, ["fr-1"])["fr-1"] == {"ma-1", "fr-1"}

    with store.engine.connect() as conn:
        entries = list(chain.entries(conn))
    assert [e.action for e in entries].count("resolution") == 2
    shown_entries = [e for e in entries if e.action == "consultation"
                     and e.details.get("view") == "resolution review"]
    assert shown_entries and "fr-1" in shown_entries[-1].subjects
