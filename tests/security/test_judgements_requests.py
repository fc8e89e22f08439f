"""Judgements and requests: another agency's judgement is never retracted by re-judging the
pair; concurrent answers to one request yield exactly one transition and at most one grant.

Found: judging a pair retracted every active judgement of it, whoever made it.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from fastapi.testclient import TestClient

from interlink.audit import chain
from interlink.resolve.judgements import list_judgements
from tests.security.conftest import DT, World


def test_rejudging_keeps_the_other_agencys_judgement(world: World) -> None:
    for rid, owner in (("es-p1", "pepe"), ("ma-p1", "ali")):
        assert world.grant(owner, rid, "FR-OFAST").status_code == 201
    assert world.grant("pepe", "es-p1", "MA-DGSN").status_code == 201
    assert world.grant("marie", "fr-p1", "MA-DGSN").status_code == 201
    judge = lambda who, verdict: world.api.post(  # noqa: E731
        "/api/v1/resolution/judgements", headers=world.as_(who),
        json={"left_id": "es-p1", "right_id": "fr-p1", "verdict": verdict, "purpose": DT})
    theirs = judge("marie", "same")
    assert theirs.status_code == 201, theirs.text
    mine = judge("ali", "same")
    assert mine.status_code == 201, mine.text
    france = list_judgements(world.store, agency="FR-OFAST")
    assert [j.id for j in france] == [theirs.json()["id"]] and france[0].retracted_at is None
    again = judge("ali", "same")  # re-judging replaces Morocco's own only
    assert again.status_code == 201
    morocco = list_judgements(world.store, agency="MA-DGSN", include_retracted=True)
    assert {j.id: j.retracted_at is not None for j in morocco} == {
        mine.json()["id"]: True, again.json()["id"]: False}
    assert list_judgements(world.store, agency="FR-OFAST")[0].retracted_at is None


def test_concurrent_answers_to_one_request(world: World) -> None:
    asked = world.api.post("/api/v1/requests", headers=world.as_("pepe"),
                           json={"record_id": "fr-p1", "purpose": DT, "message": "who?"})
    assert asked.status_code == 201, asked.text
    request_id = asked.json()["id"]
    headers = world.as_("marc")

    def answer(decision: str) -> int:
        client = TestClient(world.app)
        return client.post(f"/api/v1/requests/{request_id}/answer", headers=headers,
                           json={"decision": decision, "reason": "checked"}).status_code

    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(answer, ["grant", "refuse"] * 8))
    assert 500 not in codes
    assert codes.count(200) == 1, codes
    assert set(codes) <= {200, 409}
    with world.store.engine.connect() as conn:
        grants = list(chain.entries(conn, action="grant"))
        assert len([g for g in grants if g.subjects == ["fr-p1"]]) <= 1
        assert chain.verify(conn).ok
