"""Revocations racing the fast reads, made through another handle on the store (as another
server process or `interlink token revoke` would: this process's grants snapshot and token
cache are not told), on a running server: no record answered in full, and no answer to a
revoked token, once the revocation is committed. Judged by the audit chain itself: an answer
may only leave if its entry was committed before the revocation's.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from interlink.audit.chain import entries
from interlink.identity.accounts import revoke_token
from interlink.policy.sharing import make_grant, revoke_grant
from interlink.store import Actor, SQLStore, open_store
from tests.api.fast_layer import counting
from tests.conftest import ACTOR
from tests.security.conftest import DT, World

MARIE = Actor("marie", "FR-OFAST")


@pytest.fixture
def other(store_url: str) -> Iterator[SQLStore]:
    """A second handle on the same store: a change made here is one the server's process
    only learns of through the audit chain."""
    s = open_store(store_url)
    yield s
    s.close()


@pytest.fixture
def client(world: World) -> Iterator[TestClient]:
    with TestClient(world.app, raise_server_exceptions=False) as c:
        yield c


def _read(client: TestClient, world: World, who: str, rid: str) -> Any:
    return client.get(f"/api/v1/records/{rid}", params={"purpose": DT},
                      headers=world.as_(who))


def _reads_during(client: TestClient, world: World, who: str, change: Any,
                  paths: list[tuple[str, dict[str, str]]]) -> tuple[list[tuple[float, Any]],
                                                                     float]:
    """Reads in a stream while `change` runs in a thread after the first few: each answer
    with the time its request was sent, and the time the change had committed."""
    done: list[float] = []
    go = threading.Event()

    def changer() -> None:
        go.wait()
        change()
        done.append(time.monotonic())

    thread = threading.Thread(target=changer)
    thread.start()
    answers = []
    try:
        for i in range(60):
            if i == 5:
                go.set()
            path, params = paths[i % len(paths)]
            sent = time.monotonic()
            answers.append((sent, client.get(path, params=params,
                                             headers=world.as_(who))))
            if done and i > 10 and sent > done[0] + 0.05:
                break
    finally:
        go.set()
        thread.join()
    return answers, done[0]


def _seq_of(store: SQLStore, action: str, actor: str | None = None) -> int:
    with store.reading() as conn:
        return max(e.seq for e in entries(conn) if e.action == action
                   and (actor is None or e.actor == actor))


def test_a_grant_revoked_elsewhere_during_a_stream_of_fast_reads(
        world: World, client: TestClient, other: SQLStore, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    grant = make_grant(other, MARIE, record_id="fr-p1", recipient_agency="ES-DAVA",
                       purposes=[DT])
    assert _read(client, world, "pepe", "fr-p1").json()["hit_only"] is False
    taken = counting(monkeypatch)
    read = ("/api/v1/records/fr-p1", {"purpose": DT})
    search = ("/api/v1/search", {"q": "Mohamed Amra", "purpose": DT})
    answers, revoked_at = _reads_during(
        client, world, "pepe", lambda: revoke_grant(other, grant.id, MARIE, "closed"),
        [read, read, search])
    assert len(taken) == len(answers)  # every one answered by the fast layer
    assert all(r.status_code == 200 for _, r in answers)
    after = [r for sent, r in answers if sent > revoked_at]
    assert after, "no read was sent after the revocation"
    for r in after:
        body = r.json()
        if "results" in body:  # a search: fr-p1 a hit at most
            assert "fr-p1" not in {x["id"] for x in body["results"]}
        else:
            assert body["hit_only"] is True
    # the chain agrees: an entry that sent fr-p1 in full came before the revocation's
    # (an entry judged before the revocation and committed after it was withheld: the next
    # entry of the same request says `judged_again`)
    revocation = _seq_of(world.store, "revocation")
    with world.store.reading() as conn:
        mine = [e for e in entries(conn, actor="pepe") if e.action in ("consultation",
                                                                         "search")]
    shown = [e for e, then in zip(mine, [*mine[1:], None], strict=True)
             if then is None or not (then.details or {}).get("judged_again")]
    assert len(shown) == 1 + len(answers)  # one entry per answer, besides the first read's
    full = [e.seq for e in shown if e.action == "consultation"
            and (e.details or {}).get("result") == "full"]
    assert full and max(full) < revocation
    for e in shown:  # a search's subjects: its full results first, then its hits
        if e.action == "search" and e.seq > revocation:
            assert "fr-p1" not in (e.subjects or [])[:(e.details or {})["full"]]


def test_a_token_revoked_elsewhere_during_a_stream_of_fast_reads(
        world: World, client: TestClient, other: SQLStore, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert _read(client, world, "marie", "fr-red").status_code == 200
    taken = counting(monkeypatch)
    token_id = world.as_("marie")["Authorization"].split("_")[1]
    read = ("/api/v1/records/fr-red", {"purpose": DT})
    search = ("/api/v1/search", {"q": "Mohammed Omara", "purpose": DT})
    answers, revoked_at = _reads_during(
        client, world, "marie", lambda: revoke_token(other, token_id, ACTOR), [read, search])
    assert taken  # the stream did go through the fast layer before the revocation
    assert {r.status_code for _, r in answers} <= {200, 401}
    after = [r for sent, r in answers if sent > revoked_at]
    assert after and all(r.status_code == 401 for r in after)
    assert all("RED-ID-99" not in r.text and "Omara" not in r.text.replace(
        '"query":"Mohammed Omara"', "") for r in after)
    # every answer that left was audited before the token's revocation was
    revocation = _seq_of(world.store, "token")
    with world.store.reading() as conn:
        mine = [e.seq for e in entries(conn, actor="marie")
                if e.action in ("consultation", "search")]
    answered = sum(1 for _, r in answers if r.status_code == 200)
    assert answered == 0 or sorted(mine)[answered] < revocation


def test_a_grant_made_or_revoked_elsewhere_counts_from_the_very_next_fast_read(
        world: World, client: TestClient, other: SQLStore, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert _read(client, world, "pepe", "fr-p1").json()["hit_only"] is True
    taken = counting(monkeypatch)
    for _ in range(3):
        grant = make_grant(other, MARIE, record_id="fr-p1", recipient_agency="ES-DAVA",
                           purposes=[DT])
        assert _read(client, world, "pepe", "fr-p1").json()["hit_only"] is False
        revoke_grant(other, grant.id, MARIE, "closed")
        assert _read(client, world, "pepe", "fr-p1").json()["hit_only"] is True
    wholesale = make_grant(other, MARIE, record_id=None, recipient_agency="ES-DAVA",
                           purposes=[DT])
    assert _read(client, world, "pepe", "fr-p1").json()["hit_only"] is False
    revoke_grant(other, wholesale.id, MARIE, "closed")
    assert _read(client, world, "pepe", "fr-p1").json()["hit_only"] is True
    assert len(taken) == 8


def test_a_revoked_token_answers_the_fast_path_as_fastapi_does(
        world: World, client: TestClient, other: SQLStore, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Revoked elsewhere: the fast layer's answer is FastAPI's own 401, byte for byte,
    whether the request is plain or shaped so the fast layer leaves it to FastAPI."""
    assert _read(client, world, "marie", "fr-red").status_code == 200
    revoke_token(other, world.as_("marie")["Authorization"].split("_")[1], ACTOR)
    plain = client.get("/api/v1/records/fr-red", params={"purpose": DT},
                       headers=world.as_("marie"))
    shaped = client.get("/api/v1/records/fr-red", params=[("purpose", DT), ("purpose", DT)],
                        headers=world.as_("marie"))
    again = client.get("/api/v1/records/fr-red", params={"purpose": DT},
                       headers=world.as_("marie"))
    for r in (plain, shaped, again):
        assert (r.status_code, r.content, r.headers.get("www-authenticate")) == (
            shaped.status_code, shaped.content, "Bearer")
    assert plain.status_code == 401 and b"RED-ID-99" not in plain.content
    assert client.app.state.token_cache.cached(  # type: ignore[attr-defined]
        world.as_("marie")["Authorization"][7:]) is None


def test_grants_moving_under_every_attempt_fall_back_to_the_serialised_judgement(
        world: World, client: TestClient, other: SQLStore, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The last resort of access/settled.py, reached from the fast layer: a grant made and
    revoked elsewhere after each judgement, so no commit ever confirms one; the answer is the
    one judged under the chain's lock, with the grant gone."""
    from interlink import access
    from interlink.policy import snapshot

    grant = make_grant(other, MARIE, record_id="fr-p1", recipient_agency="ES-DAVA",
                       purposes=[DT])
    assert _read(client, world, "pepe", "fr-p1").json()["hit_only"] is False
    real_answer = access.records.reading
    churn: list[str] = [grant.id]

    def moving(*args, **kwargs):  # type: ignore[no-untyped-def]
        judged = real_answer(*args, **kwargs)
        revoke_grant(other, churn.pop(), MARIE, "closed")  # after the judgement: stale
        churn.append(make_grant(other, MARIE, record_id="fr-p1",
                                recipient_agency="MA-DGSN", purposes=[DT]).id)
        return judged

    real_snapshot = snapshot.current

    def current_then_moved(store):  # type: ignore[no-untyped-def]
        snap = real_snapshot(store)
        if churn:  # every later attempt's snapshot is made stale before its commit too
            revoke_grant(other, churn.pop(), MARIE, "closed")
            churn.append(make_grant(other, MARIE, record_id="fr-p1",
                                    recipient_agency="MA-DGSN", purposes=[DT]).id)
        return snap

    monkeypatch.setattr(access.records, "reading", moving)
    monkeypatch.setattr(snapshot, "current", current_then_moved)
    taken = counting(monkeypatch)
    r = _read(client, world, "pepe", "fr-p1")
    assert len(taken) == 1
    assert r.status_code == 200 and r.json()["hit_only"] is True
    with world.store.reading() as conn:
        mine = [e for e in entries(conn, actor="pepe") if e.action == "consultation"][-5:]
    assert [(e.details or {}).get("judged_again") for e in mine] == [None, 1, 2, 3, 4]
    assert (mine[-1].details or {})["result"] == "hit"


def test_fast_reads_in_threads_while_grants_churn_never_fail(
        world: World, client: TestClient, other: SQLStore) -> None:
    """Three readers and a grant made and revoked over and over: every answer is 200 (or
    the store's 503 'try again'), never a 500."""
    assert _read(client, world, "pepe", "fr-p1").status_code == 200
    statuses: list[int] = []
    stop = threading.Event()

    def reader(rid: str) -> None:
        while not stop.is_set():
            statuses.append(_read(client, world, "pepe", rid).status_code)
            r = client.get("/api/v1/search", params={"q": "Mohamed Amra", "purpose": DT},
                           headers=world.as_("pepe"))
            statuses.append(r.status_code)

    threads = [threading.Thread(target=reader, args=(rid,))
               for rid in ("fr-p1", "fr-red", "ma-p1")]
    for t in threads:
        t.start()
    try:
        for _ in range(6):
            g = make_grant(other, MARIE, record_id="fr-p1", recipient_agency="ES-DAVA",
                           purposes=[DT])
            revoke_grant(other, g.id, MARIE, "closed")
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert statuses and set(statuses) <= {200, 404, 503}, sorted(set(statuses))
    assert _read(client, world, "pepe", "fr-p1").json()["hit_only"] is True


#: what a revoked token may ask next: a record, an absent id, another agency's id without a
#: purpose, a search
ASKED: list[tuple[str, dict[str, str]]] = [
    ("/api/v1/records/fr-red", {"purpose": DT}),
    ("/api/v1/records/no-such", {"purpose": DT}),
    ("/api/v1/records/ma-p1", {}),
    ("/api/v1/search", {"q": "Mohammed Omara", "purpose": DT}),
]


def test_a_token_revoked_elsewhere_gets_401_before_any_refusal_or_answer(
        world: World, client: TestClient, other: SQLStore, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Held by the cache, then revoked elsewhere: the next fast request, whatever it asks,
    is the 401 FastAPI gives that token: a revoked token learns nothing, not even which ids
    exist. A bad purpose, refused before any entry commits, is left out: it is reported as
    a bug."""
    from interlink.identity.accounts import create_token

    taken = counting(monkeypatch)
    for path, params in ASKED:
        token_id, token = create_token(world.store, "marie", ACTOR)
        h = {"Authorization": f"Bearer {token}"}
        assert client.get("/api/v1/records/fr-red", params={"purpose": DT},
                          headers=h).status_code == 200
        revoke_token(other, token_id, ACTOR)
        before = len(taken)
        quick = client.get(path, params=params, headers=h)
        assert len(taken) == before + 1, path
        slow = client.get(path, params=params, headers=h)  # no longer held: FastAPI's
        assert len(taken) == before + 1, path
        assert (quick.status_code, quick.content, quick.headers.get("www-authenticate")) == (
            401, slow.content, "Bearer"), path
        assert slow.status_code == 401, path


def test_a_token_that_expires_while_held_is_refused_by_the_next_read(
        world: World, client: TestClient, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from interlink.identity.accounts import create_token

    _, token = create_token(world.store, "marie", ACTOR, lifetime=timedelta(seconds=1.5))
    h = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/records/fr-red", params={"purpose": DT},
                      headers=h).status_code == 200
    time.sleep(1.6)
    taken = counting(monkeypatch)
    r = client.get("/api/v1/records/fr-red", params={"purpose": DT}, headers=h)
    assert r.status_code == 401 and b"RED-ID-99" not in r.content and not taken
