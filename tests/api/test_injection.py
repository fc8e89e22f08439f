"""SQL and JSON injection in every parameter of every route, read off the server's own OpenAPI.

Each path and query parameter, and each field of each JSON body, gets SQL fragments, JSON
operators and values of the wrong type. The server must answer every one without a 5xx, must
never show a partner the owner's secret, and the store must come out intact (same records,
audit chain valid).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from sqlalchemy import func, select

from interlink.audit import chain
from interlink.identity import add_user
from interlink.store.tables import records
from tests.api.test_story import PASSWORD, api  # noqa: F401  (fixture)
from tests.conftest import ACTOR

SQL = ["x'; DROP TABLE records; --", "1 UNION SELECT properties FROM records",
       "ma-secret' OR owner='MA-DGSN", "%' --"]
JSON_VALUES: list[Any] = [{"$ne": None}, ["ma-secret", {"or": 1}], None, 10**30, "\u0000"]
SECRET = "Zorglub Quatremains"


def _schema(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = spec["components"]["schemas"][node["$ref"].split("/")[-1]]
    return node


def _base_value(spec: dict[str, Any], prop: dict[str, Any]) -> Any:
    prop = _schema(spec, prop)
    kind = prop.get("type")
    if kind == "array":
        return [_base_value(spec, prop.get("items", {}))]
    if kind == "integer":
        return 1
    if kind == "number":
        return 0.5
    if kind == "boolean":
        return True
    if kind == "object" or "properties" in prop:
        return {}
    return "drug_trafficking"


def _operations(spec: dict[str, Any]):  # type: ignore[no-untyped-def]
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            if path.endswith("/auth/login"):
                continue  # rate limited; its fields are covered by test_story
            yield path, method, op


def _cases(spec: dict[str, Any]):  # type: ignore[no-untyped-def]
    """(method, url, params, json body) for every parameter and body field with every payload."""
    for path, method, op in _operations(spec):
        params = op.get("parameters", [])
        base_path = path
        for p in params:
            if p["in"] == "path":
                base_path = base_path.replace("{" + p["name"] + "}", "ma-secret")
        base_query = {p["name"]: "drug_trafficking" for p in params if p["in"] == "query"}
        body_schema = (op.get("requestBody", {}).get("content", {})
                       .get("application/json", {}).get("schema"))
        body = None
        fields: dict[str, Any] = {}
        if body_schema is not None:
            fields = _schema(spec, body_schema).get("properties", {})
            body = {k: _base_value(spec, v) for k, v in fields.items()}
        for p in params:
            for payload in SQL:
                if p["in"] == "path":
                    url = path.replace("{" + p["name"] + "}", quote(payload, safe=""))
                    for other in params:
                        if other["in"] == "path" and other is not p:
                            url = url.replace("{" + other["name"] + "}", "ma-secret")
                    yield method, url, base_query, body
                elif p["in"] == "query":
                    yield method, base_path, {**base_query, p["name"]: payload}, body
        for name in fields:
            for payload in [*SQL, *JSON_VALUES]:
                yield method, base_path, base_query, {**(body or {}), name: payload}


def test_no_parameter_breaks_the_server_or_the_gate(api) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    client, tok, store = api
    add_user(store, "remy", "FR-OFAST", "supervisor", ACTOR, password=PASSWORD)
    r = client.post("/api/v1/auth/login", json={"login": "remy", "password": PASSWORD})
    partner_supervisor = {"Authorization": f"Bearer {r.json()['token']}"}
    secret = {"id": "ma-secret", "schema": "Person",
              "properties": {"name": [SECRET], "birthDate": ["1980-05-06"]}}
    assert client.post("/api/v1/records", headers=tok["ali"], json={
        "records": [secret], "terms": {"tlp": "RED", "purposes": ["drug_trafficking"]}},
    ).status_code == 201
    with store.engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(records)).scalar()

    spec = client.get("/openapi.json").json()
    sent = 0
    for method, url, params, body in _cases(spec):
        # supervisors' routes as the partner's supervisor, the rest as the partner's analyst
        headers = partner_supervisor if "/audit" in url else tok["marie"]
        response = client.request(method.upper(), url, params=params, json=body,
                                  headers=headers)
        sent += 1
        assert response.status_code < 500, (method, url, params, body, response.text)
        assert "Zorglub" not in response.text, (method, url, params, body)
    assert sent > 300  # every route and parameter was reached

    with store.engine.connect() as conn:
        after = conn.execute(select(func.count()).select_from(records)).scalar()
        assert chain.verify(conn).ok
    assert after == before  # nothing dropped, nothing smuggled in as the owner
    own = client.get("/api/v1/records/ma-secret", headers=tok["ali"])
    assert own.status_code == 200 and own.json()["properties"]["name"] == [SECRET]
