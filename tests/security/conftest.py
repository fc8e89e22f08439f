"""A small world of three agencies with their users, served by the real app (API and web
pages on one store), on SQLite and PostgreSQL: the attacks of this folder are tried on it.

MA-DGSN (Morocco) holds `ma-p1`; FR-OFAST (France) holds `fr-p1` (AMBER), `fr-red` (TLP:RED,
sharing a phone number with `ma-p1`, so the two are linked in any graph that holds both) and
`fr-strict` (AMBER+STRICT); ES-DAVA (Spain) holds `es-p1`. Nothing is shared yet.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient

from interlink.access import graph
from interlink.core import Agency
from interlink.identity import add_user
from interlink.server import create_app
from interlink.store import SQLStore
from tests.conftest import ACTOR

PASSWORD = "a long enough password"
DT = "drug_trafficking"
PHONE = "+212600000001"
USERS = {"ali": ("MA-DGSN", "analyst"), "aya": ("MA-DGSN", "analyst"),
         "sara": ("MA-DGSN", "supervisor"), "marie": ("FR-OFAST", "analyst"),
         "marc": ("FR-OFAST", "supervisor"), "pepe": ("ES-DAVA", "analyst")}
RECORDS: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {
    "ali": [({"id": "ma-p1", "schema": "Person",
              "properties": {"name": ["محمد عمره"], "phone": [PHONE]}}, {})],
    "marie": [
        ({"id": "fr-p1", "schema": "Person",
          "properties": {"name": ["Mohamed Amra"], "birthDate": ["1990-01-02"]}}, {}),
        ({"id": "fr-red", "schema": "Person",
          "properties": {"name": ["Mohammed Omara"], "phone": [PHONE],
                         "idNumber": ["RED-ID-99"]}}, {"tlp": "RED"}),
        ({"id": "fr-strict", "schema": "Person",
          "properties": {"name": ["Karim Strict"]}}, {"tlp": "AMBER+STRICT"}),
    ],
    "pepe": [({"id": "es-p1", "schema": "Person",
               "properties": {"name": ["Mohamed Amra"], "birthDate": ["1990-01-02"]}}, {})],
}


@dataclass
class World:
    store: SQLStore
    app: Any
    api: TestClient
    tokens: dict[str, dict[str, str]] = field(default_factory=dict)
    browsers: dict[str, TestClient] = field(default_factory=dict)

    def as_(self, login: str) -> dict[str, str]:
        """The bearer header of a user."""
        if login not in self.tokens:
            r = self.api.post("/api/v1/auth/login", json={"login": login, "password": PASSWORD})
            assert r.status_code == 200, r.text
            self.tokens[login] = {"Authorization": f"Bearer {r.json()['token']}"}
        return self.tokens[login]

    def browser(self, login: str, purpose: str = DT) -> TestClient:
        """A signed-in browser session of a user (cookie and CSRF token as a browser has)."""
        if login not in self.browsers:
            client = TestClient(self.app)
            r = client.post("/login", data={"login": login, "password": PASSWORD,
                                             "purpose": purpose, "next": "/"},
                            follow_redirects=False)
            assert r.status_code == 303, r.text
            self.browsers[login] = client
        return self.browsers[login]

    def csrf(self, login: str, path: str = "/") -> str:
        html = self.browser(login).get(path).text
        found = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
        assert found, "no CSRF token on the page"
        return found.group(1)

    def write(self, login: str, record: dict[str, Any], **terms: Any) -> Any:
        return self.api.post("/api/v1/records", headers=self.as_(login), json={
            "records": [record], "terms": {"purposes": [DT], **terms}})

    def grant(self, login: str, record_id: str, to: str, **more: Any) -> Any:
        return self.api.post("/api/v1/grants", headers=self.as_(login), json={
            "record_id": record_id, "recipient_agency": to, "purposes": [DT], **more})


@pytest.fixture
def world(store: SQLStore) -> World:
    store.add_agency(Agency.create("ES-DAVA", "ES", name="DAVA"), ACTOR)
    for login, (agency, role) in USERS.items():
        add_user(store, login, agency, role, ACTOR, password=PASSWORD)
    graph.clear()
    app = create_app(store)
    w = World(store, app, TestClient(app))
    for login, items in RECORDS.items():
        for record, terms in items:
            assert w.write(login, record, **terms).status_code == 201
    return w


#: Every surface that can show a record to a user, as (name, call) pairs: a call answers the
#: text a user or system receives.
Surface = Callable[[World, str, str], str]


def surfaces() -> dict[str, Surface]:
    def api_read(w: World, login: str, rid: str) -> str:
        return w.api.get(f"/api/v1/records/{rid}", params={"purpose": DT},
                         headers=w.as_(login)).text

    def api_key_actors(w: World, login: str, rid: str) -> str:
        return w.api.get("/api/v1/network/key-actors", params={"purpose": DT, "top": 100},
                         headers=w.as_(login)).text

    def api_communities(w: World, login: str, rid: str) -> str:
        return w.api.get("/api/v1/network/communities", params={"purpose": DT},
                         headers=w.as_(login)).text

    def web_entity(w: World, login: str, rid: str) -> str:
        return w.browser(login).get(f"/entity/{rid}").text

    def web_chart(w: World, login: str, rid: str) -> str:
        return w.browser(login).get("/chart/data", params={"ids": "ma-p1", "depth": 2}).text

    def web_graphml(w: World, login: str, rid: str) -> str:
        return w.browser(login).get("/chart/graphml", params={"ids": "ma-p1",
                                                              "depth": 2}).text

    def web_network(w: World, login: str, rid: str) -> str:
        return w.browser(login).get("/network").text

    def web_search(w: World, login: str, rid: str) -> str:
        return w.browser(login).get("/search", params={"q": "Mohammed Omara"}).text

    return {"api read": api_read, "api key actors": api_key_actors,
            "api communities": api_communities, "web entity": web_entity,
            "web chart": web_chart, "web graphml": web_graphml, "web network": web_network,
            "web search": web_search}


@dataclass
class Server:
    client: TestClient
    store: SQLStore
    tokens: dict[str, dict[str, str]]

    def headers(self, login: str) -> dict[str, str]:
        return self.tokens[login]


@pytest.fixture
def server(store: SQLStore) -> Iterator[Server]:
    """ali (analyst) and sara (supervisor) of MA-DGSN, marie (analyst) of FR-OFAST."""
    for login, agency, role in (("ali", "MA-DGSN", "analyst"), ("sara", "MA-DGSN", "supervisor"),
                                ("marie", "FR-OFAST", "analyst")):
        add_user(store, login, agency, role, ACTOR, password=PASSWORD)
    # a server error is an answer (500) to count, not an exception in the test's thread
    with TestClient(create_app(store), raise_server_exceptions=False) as client:
        tokens = {}
        for login in ("ali", "sara", "marie"):
            r = client.post("/api/v1/auth/login", json={"login": login, "password": PASSWORD})
            assert r.status_code == 200, r.text
            tokens[login] = {"Authorization": f"Bearer {r.json()['token']}"}
        yield Server(client, store, tokens)
