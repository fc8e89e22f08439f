"""Three nodes, each a real server on a loopback port with a store of its own (France on
SQLite, Morocco on PostgreSQL, Spain on SQLite), talking over HTTP: the walk of the issue's
checks, through the API where a person would act, and `peer sync` where the operator would."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from interlink.api import create_api
from interlink.audit import chain
from interlink.audit.anchor import Anchors
from interlink.federation import outbox, peers
from interlink.identity import accounts
from interlink.server import create_app
from interlink.store import SQLStore, open_store
from tests.conftest import _pg_schema_url, free_port
from tests.federation.helpers import ADMIN, DT, FR_ADMIN, join, make_node, person


class Node:
    """A store and a uvicorn server in a thread, on a free loopback port."""

    def __init__(self, url: str, name: str, agencies: list[tuple[str, str]],
                 server: bool = False) -> None:
        self.port = free_port()
        self.store = open_store(url, create=True)
        make_node(self.store, name, self.port, agencies)
        self.base = f"http://127.0.0.1:{self.port}"
        self.server: uvicorn.Server | None = None
        # `server`: the application `interlink serve` runs (with its delivery timer), made
        # once so that a restart keeps one timer; else the API alone (delivery by hand)
        self.app = create_app(self.store) if server else create_api(self.store)

    def start(self) -> None:
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port,
                                log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        threading.Thread(target=self.server.run, daemon=True).start()
        for _ in range(200):
            if self.server.started:
                return
            time.sleep(0.05)
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        if self.server is not None:
            self.server.should_exit = True
            time.sleep(0.3)
            self.server = None

    def token(self, login: str, agency: str, role: str = "analyst") -> dict[str, str]:
        accounts.add_user(self.store, login, agency, role, ADMIN)
        return {"Authorization": f"Bearer {accounts.create_token(self.store, login, ADMIN)[1]}"}


@pytest.fixture
def nodes(tmp_path: Path, pg_url: str) -> Iterator[dict[str, Node]]:
    pg = _pg_schema_url(pg_url)
    made = {"fr": Node(str(tmp_path / "fr.db"), "fr", [("FR-OFAST", "FR")]),
            "ma": Node(next(pg), "ma", [("MA-DGSN", "MA"), ("MA-DGST", "MA")]),
            "es": Node(str(tmp_path / "es.db"), "es", [("ES-DAVA", "ES")])}
    join(made["fr"].store, made["ma"].store)
    join(made["fr"].store, made["es"].store)
    join(made["ma"].store, made["es"].store)
    for n in made.values():
        n.start()
    for n in made.values():
        assert all(r["error"] is None for r in outbox.sync(n.store))  # pair keys
    yield made
    for n in made.values():
        n.stop()
        n.store.close()
    for _ in pg:
        pass


def _verify(store: SQLStore) -> None:
    with store.reading() as conn:
        report = chain.verify(conn, anchors=Anchors.for_store(store.url))
    assert report.ok, report.problems


def test_walk_of_the_checks(nodes: dict[str, Node]) -> None:
    fr, ma, es = nodes["fr"], nodes["ma"], nodes["es"]
    fr.store.write([person("fr-y", ["Youssef El Amrani"], "FR-OFAST", "1984-03-12",
                           handling="H2")], FR_ADMIN)
    ali = ma.token("ali", "MA-DGSN")
    owner = fr.token("marie", "FR-OFAST", "supervisor")
    # a Moroccan analyst's Arabic-script federated search finds the French Latin record: a hit
    r = httpx.get(f"{ma.base}/api/v1/federation/search", headers=ali,
                  params={"q": "يوسف العمراني", "purpose": DT, "scope": "federation"})
    assert r.status_code == 200, r.text
    answer = r.json()["peers"]
    assert [h["id"] for h in answer["fr"]["hits"]] == ["fr-y"]
    assert answer["fr"]["results"] == [] and answer["es"]["hits"] == []
    screened = httpx.post(f"{ma.base}/api/v1/federation/screen", headers=ali,
                          json={"purpose": DT, "names": ["يوسف العمراني", "Nobody Known"],
                                "birth_dates": ["1984-03-12"]})
    assert [(a["query_id"], a["node"], a["id"]) for a in screened.json()["alerts"]] == [
        ("0", "fr", "fr-y")]
    # the French owner grants; delivery over HTTP
    g = httpx.post(f"{fr.base}/api/v1/grants", headers=owner,
                   json={"record_id": "fr-y", "recipient_agency": "MA-DGSN",
                         "purposes": [DT]})
    assert g.status_code == 201, g.text
    synced = httpx.post(f"{fr.base}/api/v1/federation/sync", headers=owner).json()["peers"]
    assert {p["peer"]: p["error"] for p in synced} == {"es": None, "ma": None}
    # the Moroccan node shows it in full with its envelope; nobody else there sees it
    full = httpx.get(f"{ma.base}/api/v1/federation/received/fr-y", headers=ali,
                     params={"purpose": DT})
    assert full.status_code == 200
    body = full.json()
    assert body["envelope"]["owner"] == "FR-OFAST" and body["envelope"]["handling"] == "H2"
    assert body["properties"]["name"] == ["Youssef El Amrani"] and not body["onward_sharing"]
    omar = ma.token("omar", "MA-DGST")
    assert httpx.get(f"{ma.base}/api/v1/federation/received/fr-y", headers=omar,
                     params={"purpose": DT}).status_code == 404
    assert httpx.get(f"{es.base}/api/v1/federation/received/fr-y",
                     headers=es.token("pablo", "ES-DAVA"),
                     params={"purpose": DT}).status_code == 404
    # an onward re-grant of the H2 record is refused on the Moroccan node
    onward = httpx.post(f"{ma.base}/api/v1/federation/received/fr-y/grants", headers=ali,
                        json={"recipient_agency": "MA-DGST", "purposes": [DT]})
    assert onward.status_code == 400 and "H2" in onward.json()["detail"]
    # the owner revokes and erases; both take effect there
    assert httpx.delete(f"{fr.base}/api/v1/grants/{g.json()['id']}",
                        headers=owner).status_code == 204
    fr.store.erase("fr-y", FR_ADMIN, "wrong person")
    assert all(p["error"] is None for p in outbox.sync(fr.store))
    assert httpx.get(f"{ma.base}/api/v1/federation/received/fr-y", headers=ali,
                     params={"purpose": DT}).status_code == 404
    with ma.store.reading() as conn:
        got = [e for e in chain.entries(conn, action="federation")
               if e.subjects == ["fr-y"]]
    assert [e.reason for e in got] == ["record received", "grant revoked by its owner",
                                       "received record removed: revoked by its owner"]
    # the audit chains verify and cross-reference each other's message ids
    with fr.store.reading() as conn:
        delivered = {m for e in chain.entries(conn, action="federation")
                     if e.reason == "delivered" and e.details["peer"] == "ma"
                     for m in e.details["messages"]}
        fr_search = [e for e in chain.entries(conn, action="search")
                     if e.details.get("view") == "federation"]
    assert {e.details["message"] for e in got} <= delivered
    with ma.store.reading() as conn:
        ma_search = [e for e in chain.entries(conn, action="search")
                     if e.details.get("view") == "federation"]
    assert fr_search[0].details["message"] == ma_search[0].details["peers"]["fr"]["message"]
    for n in (fr, ma, es):
        _verify(n.store)


def test_peer_down_during_grants_and_revocation_then_restarted(nodes: dict[str, Node]) -> None:
    fr, ma = nodes["fr"], nodes["ma"]
    fr.store.write([person(f"fr-{i}", [f"Person Number{i}"], "FR-OFAST") for i in range(30)],
                   FR_ADMIN)
    from interlink.policy.sharing import make_grant, revoke_grant

    made = [make_grant(fr.store, FR_ADMIN, record_id=f"fr-{i}", recipient_agency="MA-DGSN",
                       purposes=[DT]) for i in range(30)]
    ma.stop()
    [down] = [r for r in outbox.sync(fr.store) if r["peer"] == "ma"]
    assert down["delivered"] == 0 and down["error"]
    revoke_grant(fr.store, made[0].id, FR_ADMIN)
    [status] = [s for s in peers.status(fr.store) if s["peer"] == "ma"]
    assert status["last_error"]
    ma.start()
    [up] = [r for r in outbox.sync(fr.store) if r["peer"] == "ma"]
    assert up == {"peer": "ma", "delivered": 31, "error": None}
    from interlink.access import federation as access_federation
    from interlink.core.viewer import Viewer

    seen = access_federation.list_received(ma.store, Viewer("ali", "MA-DGSN", DT))
    assert sorted(s.record.id for s in seen) == sorted(f"fr-{i}" for i in range(1, 30))
    _verify(ma.store)


def _code(response: httpx.Response) -> str:
    return str(response.json().get("code"))


def test_onward_sharing_refused_on_the_receiving_nodes(nodes: dict[str, Node]) -> None:
    """What the owner's envelope forbids, the receiving node refuses (Morocco on PostgreSQL,
    Spain on SQLite), with a coded message in the reader's language, and logs the refusal."""
    fr, ma, es = nodes["fr"], nodes["ma"], nodes["es"]
    fr.store.write([
        person("fr-h2", ["Nadia Haddad"], "FR-OFAST", handling="H2"),
        person("fr-st", ["Nadia Strict"], "FR-OFAST", tlp="AMBER+STRICT"),
        person("fr-red", ["Nadia Rouge"], "FR-OFAST", tlp="RED"),
        person("fr-h0", ["Nadia Libre"], "FR-OFAST"),
        person("fr-h3", ["Nadia Conditions"], "FR-OFAST", handling="H3",
               conditions="court use only"),
    ], FR_ADMIN)
    from interlink.policy.sharing import make_grant

    for rid in ("fr-h2", "fr-st", "fr-h0", "fr-h3"):
        for agency in ("MA-DGSN", "ES-DAVA"):
            make_grant(fr.store, FR_ADMIN, record_id=rid, recipient_agency=agency,
                       purposes=[DT])
    make_grant(fr.store, FR_ADMIN, record_id="fr-red", recipient_agency="MA-DGSN",
               purposes=[DT], users=["ali"])
    assert all(p["error"] is None for p in outbox.sync(fr.store))
    ali, pablo = ma.token("ali", "MA-DGSN"), es.token("pablo", "ES-DAVA")

    def onward(n: Node, who: dict[str, str], rid: str, to: str, **extra: object,
               ) -> httpx.Response:
        return httpx.post(f"{n.base}/api/v1/federation/received/{rid}/grants",
                          headers={**who, "Accept-Language": "fr"},
                          json={"recipient_agency": to, "purposes": [DT], **extra})

    for n, who, to in ((ma, ali, "MA-DGST"), (es, pablo, "MA-DGSN")):
        r = onward(n, who, "fr-h2", to)
        assert r.status_code == 400 and _code(r) == "grant.h2"
        assert "FR-OFAST" in r.json()["detail"] and "consentement" in r.json()["detail"]
        r = onward(n, who, "fr-st", to)
        assert r.status_code == 400 and _code(r) == "grant.amber_strict"
    # Morocco may not pass on to an agency another node serves: only the owner speaks there
    r = onward(ma, ali, "fr-h0", "ES-DAVA")
    assert r.status_code == 400 and _code(r) == "federation.regrant_other_node"
    # RED: for the people the owner named only: shown to them, passed on to nobody
    for extra in ({}, {"users": ["omar"]}):
        r = onward(ma, ali, "fr-red", "MA-DGST", **extra)
        assert r.status_code == 400 and _code(r) == "federation.regrant_red"
    karim = ma.token("karim", "MA-DGSN")
    for who, status in ((ali, 200), (karim, 404), (ma.token("omar", "MA-DGST"), 404)):
        assert httpx.get(f"{ma.base}/api/v1/federation/received/fr-red", headers=who,
                         params={"purpose": DT}).status_code == status
    # a record passed on where the envelope allows it is seen by the agency it names
    assert onward(ma, ali, "fr-h0", "MA-DGST").status_code == 201
    # a record the caller does not hold: the same 404 as one that does not exist
    assert onward(es, pablo, "fr-red", "MA-DGSN").status_code == 404
    assert onward(es, pablo, "fr-none", "MA-DGSN").status_code == 404
    # H3: the owner's conditions shown with the record; onward sharing allowed (here)
    body = httpx.get(f"{es.base}/api/v1/federation/received/fr-h3", headers=pablo,
                     params={"purpose": DT}).json()
    assert body["conditions"] == "court use only" and body["envelope"]["handling"] == "H3"
    assert body["onward_sharing"] is True
    # every refusal is in the receiving node's log, with its code
    for n, codes in ((ma, {"grant.h2", "grant.amber_strict", "federation.regrant_other_node",
                           "federation.regrant_red"}), (es, {"grant.h2", "grant.amber_strict"})):
        with n.store.reading() as conn:
            logged = {e.details.get("code") for e in chain.entries(conn, action="refusal")
                      if e.details.get("view") == "federation regrant"}
        assert logged == codes
        _verify(n.store)


def _wait(check: object, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError(f"not within {seconds} s")


@pytest.fixture
def served(tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch,
           ) -> Iterator[dict[str, Node]]:
    """Two nodes as `interlink serve` runs them, delivery timers on (every 0.2 s here)."""
    from interlink import settings

    monkeypatch.setattr(settings, "FEDERATION_DELIVERY_SECONDS", 0.2)
    pg = _pg_schema_url(pg_url)
    made = {"fr": Node(str(tmp_path / "fr.db"), "fr", [("FR-OFAST", "FR")], server=True),
            "ma": Node(next(pg), "ma", [("MA-DGSN", "MA")], server=True)}
    join(made["fr"].store, made["ma"].store)
    for n in made.values():
        n.start()
    yield made
    for n in made.values():
        n.stop()
        n.app.state.federation_delivery.stop()
        n.store.close()
    for _ in pg:
        pass


def test_delivery_timer_without_any_command(served: dict[str, Node]) -> None:
    from interlink.access import federation as access_federation
    from interlink.core.viewer import Viewer
    from interlink.policy.sharing import revoke_grant

    fr, ma = served["fr"], served["ma"]
    ali = Viewer("ali", "MA-DGSN", DT)

    def backlog(n: Node) -> int:
        return sum(s["backlog"] for s in peers.status(n.store))

    _wait(lambda: backlog(fr) == 0 and backlog(ma) == 0)  # the pair keys, by the timers
    fr.store.write([person(f"fr-{i}", [f"Person Number{i}"], "FR-OFAST") for i in range(12)],
                   FR_ADMIN)
    owner = fr.token("marie", "FR-OFAST", "supervisor")
    r = httpx.post(f"{fr.base}/api/v1/grants", headers=owner,
                   json={"record_id": "fr-0", "recipient_agency": "MA-DGSN",
                         "purposes": [DT]})
    assert r.status_code == 201
    # reaches Morocco while both servers run, nobody syncing
    _wait(lambda: [s.record.id for s in access_federation.list_received(ma.store, ali)]
          == ["fr-0"])
    # Morocco down: grants and a revocation wait, the error is kept, the timer backs off
    ma.stop()

    def refused() -> bool:
        try:
            httpx.get(f"{ma.base}/api/v1/federation/node", timeout=1)
        except httpx.TransportError:
            return True
        return False

    _wait(refused)  # down for good before anything is granted
    from interlink.policy.sharing import make_grant

    made = [make_grant(fr.store, FR_ADMIN, record_id=f"fr-{i}", recipient_agency="MA-DGSN",
                       purposes=[DT]) for i in range(1, 12)]
    _wait(lambda: backlog(fr) == 11)  # the timer queued the shares (and failed to send)
    # revoked once its share waits: the revocation waits behind it (had the timer not read
    # the grant yet, neither would be sent: a revoked grant is not shared)
    revoke_grant(fr.store, made[0].id, FR_ADMIN)
    _wait(lambda: [s for s in peers.status(fr.store) if s["last_error"]
                   and s["backlog"] == 12])
    timer = fr.app.state.federation_delivery
    _wait(lambda: timer.backoff.failures.get("ma", 0) >= 2)
    # the server answers meanwhile: delivery never holds a request
    began = time.monotonic()
    assert httpx.get(f"{fr.base}/api/v1/federation/peers", headers=owner).status_code == 200
    assert time.monotonic() - began < 5
    # back up: it catches up in order (the revocation after its share), nothing by hand
    ma.start()
    # (the timer clears its back-off after `outbox.deliver` has committed the backlog's
    # delivery, so the two are awaited together: reading the backlog alone raced it)
    _wait(lambda: backlog(fr) == 0 and timer.backoff.failures.get("ma") is None, seconds=120)
    held = sorted(s.record.id for s in access_federation.list_received(ma.store, ali))
    assert held == sorted(["fr-0"] + [f"fr-{i}" for i in range(2, 12)])
    [status] = peers.status(fr.store)
    assert status["last_delivered_at"] >= status["last_error_at"]
    _verify(ma.store)
