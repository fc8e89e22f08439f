"""Bad input gets a clean 4xx naming the field, and nothing is stored.

Before: a record id with control characters (or 100,000 characters) was stored; a NUL in a JSON
body went through when the Content-Type was spelled `Application/JSON`; a review date with an
impossible UTC offset was stored (only its first ten characters were read); NaN, Infinity and
1e400 in a JSON body answered 500; a collection date in the year 9999 failed deep in the
envelope (500); a huge integer in a path answered 500 on SQLite."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func, select

from interlink.audit.table import audit_log
from interlink.store.tables import record_versions
from tests.security.conftest import DT, Server


def _stored(server: Server) -> tuple[int, int]:
    with server.store.engine.connect() as conn:
        return (conn.execute(select(func.count()).select_from(record_versions)).scalar_one(),
                conn.execute(select(func.count()).select_from(audit_log)
                             .where(audit_log.c.action == "collection")).scalar_one())


def _records(rid: str = "ma-1", terms: dict[str, Any] | None = None,
             **props: list[Any]) -> dict[str, Any]:
    return {"records": [{"id": rid, "schema": "Person",
                         "properties": props or {"name": ["Karim Benali"]}}],
            "terms": terms or {"purposes": [DT]}}


def _field_of(body: dict[str, Any]) -> str:
    """The field an error names: ours ({"field"}), a batch's ({"detail": {"errors"}}) or
    FastAPI's 422 ({"detail": [{"loc"}]})."""
    detail = body.get("detail")
    if body.get("field"):
        return str(body["field"])
    if isinstance(detail, dict) and detail.get("errors"):
        return str(detail["errors"][0]["field"])
    if isinstance(detail, list) and detail:
        return str(detail[0]["loc"][-1])
    return ""


BAD_RECORDS = {
    "control character in an id": (_records("ma\u0001x"), "id"),
    "line break in an id": (_records("ma\nx"), "id"),
    "bidirectional override in an id": (_records("ma\u202ex"), "id"),
    "an id longer than the store keeps": (_records("x" * 300), "id"),
    "birth date past the year 9999": (_records(birthDate=["10000-01-01"]), "birthDate"),
    "review date past the year 9999": (_records(terms={"purposes": [DT],
                                                       "review_by": "10000-01-01"}), "review_by"),
    "review date with an impossible offset": (
        _records(terms={"purposes": [DT], "review_by": "2030-01-01T00:00:00+99:00"}),
        "review_by"),
    "review date with an offset past +14:00": (
        _records(terms={"purposes": [DT], "review_by": "2030-01-01T00:00:00+23:30"}),
        "review_by"),
}


def test_bad_records_are_refused_naming_the_field(server: Server) -> None:
    before = _stored(server)
    for case, (body, field) in BAD_RECORDS.items():
        r = server.client.post("/api/v1/records", headers=server.headers("ali"), json=body)
        assert 400 <= r.status_code < 500, (case, r.status_code, r.text)
        assert _field_of(r.json()) == field, (case, r.text)
    assert _stored(server) == before


RAW_BODIES = {
    "NaN": '{"records":[{"id":"ma-n","schema":"Person","properties":{"name":[NaN]}}]}',
    "Infinity": '{"records":[{"id":"ma-n","schema":"Person","properties":{"name":[-Infinity]}}]}',
    "1e400": '{"records":[{"id":"ma-n","schema":"Person","properties":{"name":[1e400]}}]}',
}


def test_non_finite_numbers_in_json_are_refused(server: Server) -> None:
    before = _stored(server)
    for case, raw in RAW_BODIES.items():
        r = server.client.post("/api/v1/records", content=raw, headers={
            **server.headers("ali"), "Content-Type": "application/json"})
        assert r.status_code == 400, (case, r.status_code, r.text)
        assert "non-finite" in r.json()["detail"], case
    # the words themselves, inside strings, are not numbers
    fine = _records("ma-nan", name=["NaN Infinity"], notes=["1e400"])
    r = server.client.post("/api/v1/records", headers=server.headers("ali"), json=fine)
    assert r.status_code == 201, r.text
    assert _stored(server)[0] == before[0] + 1


def test_a_nul_is_refused_whatever_the_content_type_case(server: Server) -> None:
    before = _stored(server)
    for kind in ("Application/JSON", "APPLICATION/JSON; charset=utf-8",
                 "application/x-www-form-URLENCODED"):
        body = (json.dumps(_records("ma\u0000y")) if "json" in kind.lower()
                else "login=a%00b&password=x")
        r = server.client.post("/api/v1/records", content=body,
                               headers={**server.headers("ali"), "Content-Type": kind})
        assert r.status_code == 400 and "NUL" in r.text, (kind, r.status_code, r.text)
    assert _stored(server) == before


def test_absurd_or_non_finite_quantities_are_refused(server: Server) -> None:
    r = server.client.post("/api/v1/operations", headers=server.headers("sara"), json={
        "name": "Op Sable", "purposes": [DT]})
    assert r.status_code == 201, r.text
    op = r.json()["id"]
    url = f"/api/v1/operations/{op}/results"
    seizure = {"kind": "seizure", "on": "2026-01-02", "commodity": "cocaine", "unit": "kg"}
    for quantity in (1e300, 1e16):
        r = server.client.post(url, headers=server.headers("sara"),
                               json={**seizure, "quantity": quantity})
        assert r.status_code == 400 and _field_of(r.json()) == "quantity", r.text
    r = server.client.post(url, headers={**server.headers("sara"),
                                         "Content-Type": "application/json"},
                           content=json.dumps(seizure)[:-1] + ', "quantity": NaN}')
    assert r.status_code == 400, r.text
    assert server.client.get(url, headers=server.headers("sara")).json()["results"] == []
    ok = server.client.post(url, headers=server.headers("sara"),
                            json={**seizure, "quantity": 1250.5})
    assert ok.status_code == 201, ok.text


def test_a_collection_date_in_the_year_9999_is_refused(server: Server) -> None:
    from interlink.core.envelope import Envelope
    from interlink.core.errors import InvalidInput

    with pytest.raises(InvalidInput) as caught:
        Envelope(owner="MA-DGSN", collected_at="9999-12-30T00:00:00+00:00")
    assert caught.value.field == "collected_at"


def test_huge_integers_in_paths_answer_4xx(server: Server) -> None:
    r = server.client.post("/api/v1/operations", headers=server.headers("sara"), json={
        "name": "Op Dune", "purposes": [DT]})
    op = r.json()["id"]
    for number in ("99999999999999999999999", "9223372036854775808"):
        r = server.client.post(f"/api/v1/operations/{op}/tasks/{number}/done",
                               headers=server.headers("sara"))
        assert 400 <= r.status_code < 500, (r.status_code, r.text)
        r = server.client.get("/api/v1/audit", headers=server.headers("sara"),
                              params={"after": number})
        assert 400 <= r.status_code < 500, (r.status_code, r.text)


def test_huge_alert_ids_are_unknown_alerts(server: Server) -> None:
    from interlink.core.errors import InvalidInput
    from interlink.screen.decisions import decide
    from interlink.store import Actor

    for number in (2**63, 10**23, -1):
        with pytest.raises(InvalidInput) as caught:
            decide(server.store, Actor("ali", "MA-DGSN"), number, "dismissed", "typo")
        assert caught.value.field == "alert"
