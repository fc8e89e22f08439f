"""An agency server on each backend, with signed-in users of two agencies: what the attacks of
this suite are made against."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from interlink.api import create_app
from interlink.identity import add_user
from interlink.store import SQLStore
from tests.conftest import ACTOR

PASSWORD = "a long enough password"
DT = "drug_trafficking"


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
