"""Three nodes, each a real server on a loopback port with a store of its own (France on
SQLite, Morocco on PostgreSQL, Spain on SQLite), talking over HTTP: the walk of the issue's
checks, through the API where a person would act, and `peer sync` where the operator would."""

from __future__ import annotations

import socket
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
from interlink.store import SQLStore, open_store
from tests.conftest import _pg_schema_url
from tests.federation.helpers import ADMIN, DT, FR_ADMIN, join, make_node, person


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Node:
    """A store and a uvicorn server in a thread, on a free loopback port."""

    def __init__(self, url: str, name: str, agencies: list[tuple[str, str]]) -> None:
        self.port = _port()
        self.store = open_store(url, create=True)
        make_node(self.store, name, self.port, agencies)
        self.base = f"http://127.0.0.1:{self.port}"
        self.server: uvicorn.Server | None = None

    def start(self) -> None:
        config = uvicorn.Config(create_api(self.store), host="127.0.0.1", port=self.port,
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
