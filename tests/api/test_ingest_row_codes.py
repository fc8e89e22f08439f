"""Issue 15: the API's answer to a refused batch of records names each record's refusal by
its message code and parameters beside the English `reason` (fields added, none changed)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from interlink.core.messages import render
from interlink.identity import add_user
from interlink.server import create_app
from tests.conftest import ACTOR

PASSWORD = "a long enough password"


@pytest.fixture
def api(store):  # type: ignore[no-untyped-def]
    add_user(store, "ali", "MA-DGSN", "analyst", ACTOR, password=PASSWORD)
    client = TestClient(create_app(store))
    r = client.post("/api/v1/auth/login", json={"login": "ali", "password": PASSWORD})
    assert r.status_code == 200, r.text
    return client, {"ali": {"Authorization": f"Bearer {r.json()['token']}"}}, store


def test_a_refused_record_carries_its_code_and_params(api) -> None:  # type: ignore[no-untyped-def]
    client, tok, store = api
    r = client.post("/api/v1/records", headers=tok["ali"], json={"records": [
        {"id": "x", "schema": "Person", "properties": {"name": ["A"],
                                                       "birthDate": ["1990-13-01"]}}]})
    assert r.status_code == 400
    error = r.json()["detail"]["errors"][0]
    assert error["field"] == "birthDate" and error["reason"]
    assert error["code"] and error["code"] != "invalid_input", error
    # the code renders in French, differently from the English reason it stands beside
    assert render(error["code"], error["params"], "fr") != error["reason"]
    assert render(error["code"], error["params"], "en") == error["reason"]
    assert store.count() == 0
