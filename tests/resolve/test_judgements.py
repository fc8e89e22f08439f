"""Judgements: stored with who and when, transitive, "different" beats scores, reversible,
audited; entities are a view over records that keep their owners."""

from __future__ import annotations

import pytest

from interlink.audit import chain
from interlink.core.errors import InvalidInput, NotFound
from interlink.core.viewer import Viewer
from interlink.policy.sharing import make_grant
from interlink.resolve import entity_members, judge, list_judgements, retract
from interlink.resolve.run import Candidate, write_candidates
from interlink.store import Actor, SQLStore
from tests.resolve.conftest import DT, FR, MA

OPERATOR = Actor("operator", None)


def _accept(store: SQLStore, *pairs: tuple[str, str, float]) -> None:
    write_candidates(store, [Candidate(min(a, b), max(a, b), s, s >= 0.5, {"test": True})
                             for a, b, s in pairs], OPERATOR, 0.5)


def test_same_is_transitive_and_different_splits_scored_chains(people: SQLStore) -> None:
    store = people
    # the resolver joined ma-1 ~ fr-1 ~ ma-4 (the second link weaker)
    _accept(store, ("ma-1", "fr-1", 0.99), ("fr-1", "ma-4", 0.7), ("ma-2", "fr-2", 0.3))
    members = entity_members(store, ["ma-1", "ma-2", "fr-4"])
    assert members["ma-1"] == {"ma-1", "fr-1", "ma-4"}
    assert members["ma-2"] == {"ma-2"}  # below the threshold: for review only
    assert members["fr-4"] == {"fr-4"}  # a record no candidate touches is its own entity

    # an analyst says ma-1 and ma-4 are different: the weakest link of the chain gives way
    different = judge(store, "ma-4", "ma-1", "different", OPERATOR, reason="different fathers")
    assert (different.left_id, different.right_id) == ("ma-1", "ma-4")
    assert entity_members(store, ["ma-1"])["ma-1"] == {"ma-1", "fr-1"}
    assert entity_members(store, ["ma-4"])["ma-4"] == {"ma-4"}

    # "same" judgements join what the resolver did not, transitively
    judge(store, "ma-2", "fr-2", "same", OPERATOR)
    judge(store, "fr-2", "ma-3", "same", OPERATOR)
    assert entity_members(store, ["ma-3"])["ma-3"] == {"ma-2", "fr-2", "ma-3"}
    # ... and a contradiction is refused, naming what to retract
    with pytest.raises(InvalidInput, match="joined by other 'same' judgements"):
        judge(store, "ma-2", "ma-3", "different", OPERATOR)
    # a "same" outweighs a score: fr-1 goes with ma-4, and ma-1 stays apart from both
    fr_same = judge(store, "ma-4", "fr-1", "same", OPERATOR)
    assert entity_members(store, ["fr-1"])["fr-1"] == {"fr-1", "ma-4"}
    assert entity_members(store, ["ma-1"])["ma-1"] == {"ma-1"}
    retract(store, fr_same.id, OPERATOR)
    judge(store, "ma-1", "fr-1", "same", OPERATOR)
    with pytest.raises(InvalidInput, match="kept apart"):
        judge(store, "fr-1", "ma-4", "same", OPERATOR)

    # reversible: retracting the "different" restores the resolver's entity
    retract(store, different.id, OPERATOR, reason="mistake")
    assert entity_members(store, ["ma-4"])["ma-4"] == {"ma-1", "fr-1", "ma-4"}
    active = list_judgements(store)
    assert {j.verdict for j in active} == {"same"}
    everything = list_judgements(store, include_retracted=True)
    gone = [j for j in everything if j.id == different.id][0]
    assert gone.retracted_by == "operator" and not gone.active
    with pytest.raises(InvalidInput, match="already retracted"):
        retract(store, different.id, OPERATOR)

    # records are untouched: each keeps its owner and envelope
    assert store.get("ma-1").owner == "MA-DGSN" and store.get("fr-1").owner == "FR-OFAST"
    assert store.get("ma-1").version == 1

    with store.engine.connect() as conn:
        entries = list(chain.entries(conn))
        assert chain.verify(conn).ok
    judged = [e for e in entries if e.action == "judgement"]
    assert len(judged) == 5 and judged[0].subjects == ["ma-1", "ma-4"]
    assert judged[0].details["verdict"] == "different" and judged[0].reason == "different fathers"
    assert [e.details["judgement"] for e in entries if e.action == "retraction"] == [
        fr_same.id, different.id]


def test_rejudging_a_pair_replaces_the_earlier_verdict(people: SQLStore) -> None:
    first = judge(people, "ma-1", "fr-1", "unsure", OPERATOR)
    second = judge(people, "fr-1", "ma-1", "same", OPERATOR)
    active = list_judgements(people, record_id="ma-1")
    assert [j.id for j in active] == [second.id]
    old = [j for j in list_judgements(people, include_retracted=True) if j.id == first.id][0]
    assert old.retracted_at is not None
    assert entity_members(people, ["fr-1"])["fr-1"] == {"ma-1", "fr-1"}


def test_bad_judgements_are_refused(people: SQLStore) -> None:
    with pytest.raises(InvalidInput, match="the verdict is one of"):
        judge(people, "ma-1", "fr-1", "maybe", OPERATOR)
    with pytest.raises(InvalidInput, match="itself"):
        judge(people, "ma-1", "ma-1", "same", OPERATOR)
    with pytest.raises(NotFound, match="no such record"):
        judge(people, "ma-1", "nope", "same", OPERATOR)
    with pytest.raises(InvalidInput, match="no judgement"):
        retract(people, "0123456789abcdef", OPERATOR)


def test_an_analyst_judges_only_what_the_gate_shows_in_full(people: SQLStore) -> None:
    ali = Viewer("ali", "MA-DGSN", DT)
    # FR's record is invisible to MA: judging it is refused like an absent record
    with pytest.raises(NotFound, match="no such record"):  # as if fr-1 did not exist
        judge(people, "ma-1", "fr-1", "same", ali)
    make_grant(people, FR, record_id="fr-1", recipient_agency="MA-DGSN", purposes=[DT])
    made = judge(people, "ma-1", "fr-1", "same", ali)
    assert (made.agency, made.judged_by) == ("MA-DGSN", "ali")
    # another agency cannot retract MA's judgement
    with pytest.raises(InvalidInput, match="no judgement"):
        retract(people, made.id, Viewer("marie", "FR-OFAST", DT))
    retract(people, made.id, ali)
    assert list_judgements(people) == []
    assert MA.agency == "MA-DGSN"
