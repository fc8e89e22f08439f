"""The verified-token cache of record reads and searches: a held token is not looked up
again, yet a revocation or a password change made anywhere is honoured by the next read."""

from __future__ import annotations

import pytest

from interlink.identity import accounts
from interlink.identity.accounts import revoke_token, set_password
from interlink.store import open_store
from tests.api.test_story import DT, PERSON, api  # noqa: F401 - the fixture
from tests.conftest import ACTOR


def _token_id(headers: dict[str, str]) -> str:
    return headers["Authorization"].split("_")[1]


def _count_lookups(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = accounts._verify

    def counting(store, token):  # type: ignore[no-untyped-def]
        seen.append(token)
        return real(store, token)

    monkeypatch.setattr(accounts, "_verify", counting)
    return seen


def test_a_held_token_is_not_looked_up_again(api, monkeypatch) -> None:  # noqa: F811
    client, tok, _ = api
    client.post("/api/v1/records", headers=tok["ali"], json={"records": [PERSON]})
    lookups = _count_lookups(monkeypatch)
    for _ in range(3):
        assert client.get("/api/v1/records/ma-p1", headers=tok["ali"]).status_code == 200
        r = client.get("/api/v1/search", params={"q": "محمد عمره", "purpose": DT},
                       headers=tok["ali"])
        assert r.status_code == 200 and [x["id"] for x in r.json()["results"]] == ["ma-p1"]
    assert len(lookups) == 1  # the first read verified it; the five after used the cache


def test_a_revoked_token_is_refused_by_the_next_read(  # type: ignore[no-untyped-def]
        api, store_url, monkeypatch) -> None:  # noqa: F811
    client, tok, store = api
    client.post("/api/v1/records", headers=tok["ali"], json={"records": [PERSON]})
    assert client.get("/api/v1/records/ma-p1", headers=tok["ali"]).status_code == 200
    # revoked through another handle on the store, as `interlink token revoke` would
    other = open_store(store_url)
    try:
        revoke_token(other, _token_id(tok["ali"]), ACTOR)
    finally:
        other.close()
    r = client.get("/api/v1/records/ma-p1", headers=tok["ali"])
    assert r.status_code == 401 and "ma-p1" not in r.text
    r = client.get("/api/v1/search", params={"q": "محمد عمره", "purpose": DT},
                   headers=tok["ali"])
    assert r.status_code == 401 and "ma-p1" not in r.text
    # another user's token still works: one change does not refuse everyone
    lookups = _count_lookups(monkeypatch)
    assert client.get("/api/v1/records/ma-p1", headers=tok["sara"]).status_code == 200
    assert len(lookups) == 1  # looked up again, as the accounts changed since it was held
    assert client.get("/api/v1/records/ma-p1", headers=tok["sara"]).status_code == 200
    assert len(lookups) == 1


def test_a_revocation_between_check_and_answer_withholds_the_answer(  # type: ignore[no-untyped-def]
        api, monkeypatch) -> None:  # noqa: F811
    """The token is taken from the cache, then revoked while the read runs: the answer is
    not sent, as the account version read with the audit entry has moved."""
    client, tok, store = api
    client.post("/api/v1/records", headers=tok["ali"], json={"records": [PERSON]})
    assert client.get("/api/v1/records/ma-p1", headers=tok["ali"]).status_code == 200
    from interlink import access

    real_reading = access.records.reading

    def judged_then_revoked(*args, **kwargs):  # type: ignore[no-untyped-def]
        judged = real_reading(*args, **kwargs)  # judged, its entry not yet committed
        revoke_token(store, _token_id(tok["ali"]), ACTOR)
        return judged

    monkeypatch.setattr(access.records, "reading", judged_then_revoked)
    r = client.get("/api/v1/records/ma-p1", headers=tok["ali"])
    assert r.status_code == 401 and "ma-p1" not in r.text


def test_a_password_change_makes_held_tokens_checked_again(  # type: ignore[no-untyped-def]
        api, monkeypatch) -> None:  # noqa: F811
    client, tok, store = api
    client.post("/api/v1/records", headers=tok["ali"], json={"records": [PERSON]})
    assert client.get("/api/v1/records/ma-p1", headers=tok["ali"]).status_code == 200
    set_password(store, "ali", "another long password", ACTOR)
    lookups = _count_lookups(monkeypatch)
    assert client.get("/api/v1/records/ma-p1", headers=tok["ali"]).status_code == 200
    assert len(lookups) == 1


def test_a_bad_token_is_refused_and_not_held(api) -> None:  # noqa: F811
    client, tok, _ = api
    bad = {"Authorization": tok["ali"]["Authorization"][:-2] + "xx"}
    for _ in range(2):
        assert client.get("/api/v1/records/ma-p1", headers=bad).status_code == 401
    assert client.get("/api/v1/records/ma-p1").status_code == 401
    assert client.app.state.token_cache.cached(bad["Authorization"][7:]) is None
