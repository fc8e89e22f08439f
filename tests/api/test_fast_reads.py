"""The hot reads past FastAPI's routing (`api.fast`): taken for plain requests with a held
token, and answering exactly what the FastAPI routes answer, errors included."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from interlink.api import fast
from interlink.audit.chain import entries
from tests.api.fast_layer import counting
from tests.api.test_story import DT, PERSON, api  # noqa: F401 - the fixture


def _answer(r: Any) -> tuple[int, Any, dict[str, str | None]]:
    headers = {k: r.headers.get(k) for k in ("content-type", "content-language",
                                              "www-authenticate")}
    body = r.json() if r.headers.get("content-type", "").startswith("application/json") \
        else r.text
    return r.status_code, body, headers


REQUESTS: list[tuple[str, dict[str, Any], str | None, dict[str, str]]] = [
    # path, params, whose token (None: none), more headers
    ("/api/v1/records/ma-p1", {}, "ali", {}),
    ("/api/v1/records/ma-p1", {"purpose": DT}, "marie", {}),
    ("/api/v1/records/ma-p1", {}, "marie", {"Accept-Language": "fr"}),
    ("/api/v1/records/nope", {"purpose": DT}, "marie", {"Accept-Language": "ar"}),
    ("/api/v1/records/ma-p1", {"purpose": "not-a-purpose"}, "marie", {}),
    ("/api/v1/records/ma-p1", {"purpose": ""}, "ali", {}),
    ("/api/v1/records/due", {}, "ali", {}),
    ("/api/v1/records/ma-p1", {}, None, {}),
    ("/api/v1/search", {"q": "محمد عمره", "purpose": DT}, "ali", {}),
    ("/api/v1/search", {"q": "Mohamed Omra", "purpose": DT, "limit": "5"}, "marie", {}),
    ("/api/v1/search", {"q": "Mohamed Omra"}, "marie", {"Accept-Language": "es"}),
    ("/api/v1/search", {"q": "M", "purpose": DT}, "ali", {}),
    ("/api/v1/search", {"q": "Mohamed", "purpose": DT, "limit": "0"}, "ali", {}),
    ("/api/v1/search", {"q": "Mohamed", "purpose": DT, "limit": "2x"}, "ali", {}),
    ("/api/v1/search", {"purpose": DT}, "ali", {}),
    ("/api/v1/records/ma-p1", {"purpose": "drug\x00trafficking"}, "ali", {}),
    ("/api/v1/search", {"q": "Moh\x00amed", "purpose": DT}, "ali", {}),
]


def _get(client, tok, path, params, who, more):  # type: ignore[no-untyped-def]
    headers = {**(tok[who] if who else {}), **more}
    return client.get(path, params=params, headers=headers)


def test_the_same_answers_with_and_without_the_fast_layer(api, monkeypatch) -> None:  # noqa: F811
    client, tok, store = api
    client.post("/api/v1/records", headers=tok["ali"], json={
        "records": [PERSON], "terms": {"tlp": "AMBER", "purposes": [DT]}})
    for who in ("ali", "marie"):  # the tokens verified once, by FastAPI, and held
        _get(client, tok, "/api/v1/records/ma-p1", {}, who, {})
    taken = counting(monkeypatch)
    fast_answers = [_answer(_get(client, tok, *req)) for req in REQUESTS]
    assert len(taken) == 9  # the plain ones; the rest were left to FastAPI

    async def through(self, scope, receive, send):  # type: ignore[no-untyped-def]
        await self.app(scope, receive, send)

    monkeypatch.setattr(fast.FastReads, "__call__", through)
    slow_answers = [_answer(_get(client, tok, *req)) for req in REQUESTS]
    assert len(taken) == 9
    for req, quick, slow in zip(REQUESTS, fast_answers, slow_answers, strict=True):
        assert quick == slow, req
    statuses = [a[0] for a in fast_answers]
    assert statuses == [200, 200, 404, 404, 400, 200, 200, 401, 200, 200, 400, 422, 422, 422,
                        422, 400, 400]
    assert fast_answers[1][1] == {"id": "ma-p1", "hit_only": True, "owner": "MA-DGSN",
                                  "reference": "ma-p1"}


def test_each_fast_read_is_audited_before_it_is_answered(api, monkeypatch) -> None:  # noqa: F811
    client, tok, store = api
    client.post("/api/v1/records", headers=tok["ali"], json={
        "records": [PERSON], "terms": {"tlp": "AMBER", "purposes": [DT]}})
    _get(client, tok, "/api/v1/records/ma-p1", {}, "marie", {})
    taken = counting(monkeypatch)
    with store.reading() as conn:
        before = sum(1 for e in entries(conn) if e.action in ("consultation", "search"))
    r = _get(client, tok, "/api/v1/records/ma-p1", {"purpose": DT}, "marie", {})
    s = _get(client, tok, "/api/v1/search", {"q": "Mohamed Omra", "purpose": DT}, "marie", {})
    assert r.status_code == 200 and s.status_code == 200 and len(taken) == 2
    with store.reading() as conn:
        mine = [e for e in entries(conn) if e.action in ("consultation", "search")][before:]
    assert [(e.action, e.actor, e.purpose, e.subjects) for e in mine] == [
        ("consultation", "marie", DT, ["ma-p1"]), ("search", "marie", DT, ["ma-p1"])]


def test_a_failure_inside_the_fast_layer_is_a_500_not_a_leak(api, monkeypatch) -> None:  # noqa: F811
    client, tok, store = api
    client.post("/api/v1/records", headers=tok["ali"], json={"records": [PERSON]})
    _get(client, tok, "/api/v1/records/ma-p1", {}, "ali", {})
    from interlink.api.routers import records

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")

    monkeypatch.setattr(records, "read_steps", broken)
    quiet = TestClient(client.app, raise_server_exceptions=False)
    r = _get(quiet, tok, "/api/v1/records/ma-p1", {}, "ali", {})
    assert r.status_code == 500 and "boom" not in r.text


def test_a_grant_revoked_while_a_fast_read_awaits_its_commit_withholds_the_record(  # type: ignore[no-untyped-def]
        api, monkeypatch) -> None:  # noqa: F811
    """The fast layer answers a read from the event loop only when its audit entry's commit
    confirms the grants it was judged with: a revocation committed between the judgement
    and that commit sends the read back to be judged again (in a worker thread), and the
    full record never leaves."""
    from interlink import access
    from interlink.policy.sharing import make_grant, revoke_grant
    from interlink.store import Actor

    client, tok, store = api
    client.post("/api/v1/records", headers=tok["ali"], json={
        "records": [PERSON], "terms": {"tlp": "AMBER", "purposes": [DT]}})
    owner = Actor("ali", "MA-DGSN")
    grant = make_grant(store, owner, record_id="ma-p1", recipient_agency="FR-OFAST",
                       purposes=[DT])
    full = _get(client, tok, "/api/v1/records/ma-p1", {"purpose": DT}, "marie", {})
    assert full.status_code == 200 and full.json()["hit_only"] is False
    real = access.records.reading

    def judged_then_revoked(*args, **kwargs):  # type: ignore[no-untyped-def]
        judged = real(*args, **kwargs)
        if judged.result is not None and judged.result.full:
            revoke_grant(store, grant.id, owner, "closed")
        return judged

    monkeypatch.setattr(access.records, "reading", judged_then_revoked)
    taken = counting(monkeypatch)
    r = _get(client, tok, "/api/v1/records/ma-p1", {"purpose": DT}, "marie", {})
    assert len(taken) == 1
    assert r.status_code == 200 and r.json() == {"id": "ma-p1", "hit_only": True,
                                                 "owner": "MA-DGSN", "reference": "ma-p1"}
    with store.reading() as conn:
        mine = [e for e in entries(conn, actor="marie") if e.action == "consultation"]
    assert [(e.details["result"], e.details.get("judged_again")) for e in mine[-2:]] == [
        ("full", None), ("hit", 1)]
