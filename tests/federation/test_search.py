"""Federated hit/no-hit: an Arabic-script search on one node finds a Latin-script record on
another as a hit (pseudonymised by default), answered by the owner node's gate for the asking
agency and purpose, audited on both sides; a peer may ask only as an agency it serves."""

from __future__ import annotations

import pytest

from interlink.access import federation as access_federation
from interlink.audit import chain
from interlink.core.viewer import Viewer
from interlink.federation import node, outbox, peers, query, wire
from interlink.policy.sharing import make_grant
from interlink.store import SQLStore
from tests.federation.helpers import DT, FR_ADMIN, Wire, join, make_node, person

ALI = Viewer("ali", "MA-DGSN", DT)


@pytest.fixture
def pair(make_store) -> tuple[SQLStore, SQLStore, Wire]:  # type: ignore[no-untyped-def]
    fr, ma = make_store(), make_store(fresh=True)
    wire_ = Wire()
    wire_.nodes[make_node(fr, "fr", 18831, [("FR-OFAST", "FR")])] = fr
    wire_.nodes[make_node(ma, "ma", 18832, [("MA-DGSN", "MA")])] = ma
    join(fr, ma)
    for s in (fr, ma):
        outbox.sync(s, transport=wire_)
    fr.write([person("fr-y", ["Youssef El Amrani"], "FR-OFAST", "1984-03-12"),
              person("fr-z", ["Pierre Durand"], "FR-OFAST")], FR_ADMIN)
    return fr, ma, wire_


def _entries(store: SQLStore, action: str) -> list:  # type: ignore[type-arg]
    with store.reading() as conn:
        return list(chain.entries(conn, action=action))


@pytest.mark.parametrize("mode", ["pseudo", "clear"])
def test_arabic_query_finds_latin_record_as_hit(pair, mode: str) -> None:  # type: ignore[no-untyped-def]
    fr, ma, wire_ = pair
    found = access_federation.search(ma, ALI, "يوسف العمراني", scope="federation", mode=mode,
                                     transport=wire_)
    answer = found["peers"]["fr"]
    assert [h["id"] for h in answer["hits"]] == ["fr-y"]
    assert answer["hits"][0] == {"id": "fr-y", "owner": "FR-OFAST", "reference": "fr-y",
                                 "hit_only": True, "score": answer["hits"][0]["score"]}
    assert answer["results"] == []
    # audited on the owner's side, as the asking agency, with the asking node's message id
    [theirs] = [e for e in _entries(fr, "search") if e.details.get("view") == "federation"]
    assert theirs.agency == "MA-DGSN" and theirs.actor == "ali@ma"
    assert theirs.subjects == ["fr-y"] and theirs.details["message"] == answer["message"]
    assert (theirs.details["query"] is None) == (mode == "pseudo")  # no text in pseudo mode
    # and on the asker's side, with the peer's answer id
    [ours] = [e for e in _entries(ma, "search") if e.details.get("view") == "federation"]
    assert ours.details["peers"]["fr"]["hits"] == ["fr-y"]
    assert ours.details["peers"]["fr"]["answer"] == answer["answer"]


def test_granted_record_comes_in_full_birth_date_search(pair) -> None:  # type: ignore[no-untyped-def]
    fr, ma, wire_ = pair
    make_grant(fr, FR_ADMIN, record_id="fr-y", recipient_agency="MA-DGSN", purposes=[DT])
    found = access_federation.search(ma, ALI, "1984-03-12", scope="federation",
                                     transport=wire_)
    [full] = found["peers"]["fr"]["results"]
    assert full["id"] == "fr-y" and full["envelope"]["owner"] == "FR-OFAST"
    # a purpose the record was not collected for: nothing at all
    none = access_federation.search(ma, Viewer("ali", "MA-DGSN", "terrorism"), "1984-03-12",
                                    scope="federation", transport=wire_)
    assert none["peers"]["fr"]["results"] == none["peers"]["fr"]["hits"] == []


def test_peer_may_ask_only_as_an_agency_it_serves(pair) -> None:  # type: ignore[no-untyped-def]
    fr, ma, _ = pair
    message = wire.seal(node.private_key(ma), sender="ma", to="fr", channel="query", seq=900,
                        kind="search", body={"agency": "FR-OFAST", "user": "x", "mode": "clear",
                                             "purpose": DT, "query": "Pierre Durand"})
    code, body = query.answer(fr, message)
    assert code == 403 and body["reason"] == "agency_not_served"
    # the same question again: a replay
    code, body = query.answer(fr, message)
    assert code == 409 and body["reason"] == "replay"


def test_rotated_pair_key_is_used_once_the_peer_has_it(pair) -> None:  # type: ignore[no-untyped-def]
    fr, ma, wire_ = pair
    new = peers.rotate_key(ma, FR_ADMIN, "fr")
    # not yet delivered: the old key still answers
    before = access_federation.search(ma, ALI, "Youssef Amrani", scope="federation",
                                      transport=wire_)
    assert [h["id"] for h in before["peers"]["fr"]["hits"]] == ["fr-y"]
    outbox.sync(ma, transport=wire_)
    from interlink.federation.query import _pair_key

    assert _pair_key(ma, "fr")[0] == new
    after = access_federation.search(ma, ALI, "Youssef Amrani", scope="federation",
                                     transport=wire_)
    assert [h["id"] for h in after["peers"]["fr"]["hits"]] == ["fr-y"]


def test_peer_down_is_reported_not_fatal(pair) -> None:  # type: ignore[no-untyped-def]
    fr, ma, wire_ = pair
    wire_.down.add("http://127.0.0.1:18831")
    found = access_federation.search(ma, ALI, "Youssef Amrani", scope="federation",
                                     transport=wire_)
    assert found["peers"]["fr"]["error"].startswith("unreachable")


def test_federated_screening(pair) -> None:  # type: ignore[no-untyped-def]
    from interlink.screen.entry import Entry

    fr, ma, wire_ = pair
    entries = [Entry("q1", ["يوسف العمراني"], birth_dates=["1984-03-12"]),
               Entry("q2", ["Nobody Known"]),
               # the same birth date, another name: a date alone is no match
               Entry("q3", ["Pierre Martin"], birth_dates=["1984-03-12"])]
    alerts = access_federation.screen(ma, ALI, entries, transport=wire_)
    assert [(a["query_id"], a["node"], a["id"], a["hit_only"]) for a in alerts] == [
        ("q1", "fr", "fr-y", True)]
    [ours] = [e for e in _entries(ma, "screening") if e.details.get("view") == "federation"]
    assert ours.details["alerts"] == ["fr:fr-y"] and len(ours.details["messages"]["fr"]) == 3


def test_pseudonymised_answers_follow_writes_erasures_and_rekeying(pair) -> None:  # type: ignore[no-untyped-def]
    """The owner node's pseudonym table is cached between questions; each change of its keys
    (a new record, a new version, an erasure, a re-keying) is seen by the next question."""
    from interlink.federation import pseudo
    from interlink.store import Actor

    fr, ma, wire_ = pair

    def hits(text: str) -> list[str]:
        answer = access_federation.search(ma, ALI, text, scope="federation",
                                          transport=wire_)["peers"]["fr"]
        return [h["id"] for h in answer["hits"]]

    assert hits("Karim Benali") == []
    with fr.reading() as conn:
        before = pseudo.key_state(conn)
    assert hits("Karim Benali") == []  # a question changes no key: the same mark
    with fr.reading() as conn:
        assert pseudo.key_state(conn) == before
    fr.write([person("fr-k", ["Karim Benali"], "FR-OFAST")], FR_ADMIN)
    assert hits("Karim Benali") == ["fr-k"]
    # a new version under another name: the old name is gone, the new one found
    fr.write([person("fr-k", ["Samir Haddad"], "FR-OFAST")], FR_ADMIN)
    assert hits("Karim Benali") == [] and hits("Samir Haddad") == ["fr-k"]
    fr.erase("fr-k", FR_ADMIN, "held too long")
    assert hits("Samir Haddad") == []
    with fr.reading() as conn:
        erased = pseudo.key_state(conn)
    fr.reindex(Actor("fr-admin", "FR-OFAST"))
    with fr.reading() as conn:
        assert pseudo.key_state(conn) != erased
    assert hits("يوسف العمراني") == ["fr-y"]


def test_pseudonymised_hits_ranked_by_what_their_keys_say(pair) -> None:  # type: ignore[no-untyped-def]
    """Without the name, the owner node ranks by its own key frequencies: a record sharing a
    key only it holds comes before ten namesakes sharing a common one, and a record whose
    name says just what was asked before one whose name says more."""
    fr, ma, wire_ = pair
    fr.write([person(f"fr-a{i}", ["Karim Benali"], "FR-OFAST") for i in range(10)]
             + [person("fr-z", ["Karim Haddad"], "FR-OFAST"),
                person("fr-b", ["Samir Ouali Tazi"], "FR-OFAST"),
                person("fr-c", ["Samir Ouali"], "FR-OFAST")], FR_ADMIN)

    def ranked(text: str) -> list[tuple[str, float]]:
        answer = access_federation.search(ma, ALI, text, scope="federation",
                                          transport=wire_)["peers"]["fr"]
        return [(h["id"], h["score"]) for h in answer["hits"]]

    found = ranked("كريم بنعلي حداد")
    assert found[0][0] == "fr-z" and len(found) == 11
    assert all(score < found[0][1] for _, score in found[1:])
    found = ranked("Samir Ouali")
    assert [i for i, _ in found] == ["fr-c", "fr-b"] and found[0][1] > found[1][1]
