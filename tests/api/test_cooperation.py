"""Cooperation through the API: a request from draft to executed with the wrong side refused
(403) and the wrong state refused (409); an operation from creation to its report; a notice
published and withdrawn."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from interlink.core import Agency
from interlink.identity import add_user, create_token
from interlink.server import create_app
from tests.conftest import ACTOR

DT = "drug_trafficking"


@pytest.fixture
def api(store):  # type: ignore[no-untyped-def]
    store.add_agency(Agency.create("ES-DAVA", "ES", name="DAVA"), ACTOR)
    for login, agency, role in (("omar", "MA-DGSN", "liaison_officer"),
                                ("ali", "MA-DGSN", "analyst"),
                                ("luc", "FR-OFAST", "liaison_officer"),
                                ("marie", "FR-OFAST", "analyst"),
                                ("juan", "ES-DAVA", "liaison_officer")):
        add_user(store, login, agency, role, ACTOR)  # tokens, not passwords: argon2 is slow
    client = TestClient(create_app(store))
    tokens = {login: {"Authorization": f"Bearer {create_token(store, login, ACTOR)[1]}"}
              for login in ("omar", "ali", "luc", "marie", "juan")}
    for who, rid, name in (("ali", "ma-1", "Youssef El Hamdaoui"),
                           ("marie", "fr-1", "Youssef Elhamdaoui")):
        r = client.post("/api/v1/records", headers=tokens[who], json={
            "records": [{"id": rid, "schema": "Person", "properties": {
                "name": [name], "birthDate": ["1988-04-17"]}}],
            "terms": {"purposes": [DT], "tlp": "AMBER"}})
        assert r.status_code == 201, r.text
    return client, tokens


def test_request_from_draft_to_executed(api) -> None:  # type: ignore[no-untyped-def]
    client, tok = api
    body = {"type": "eio", "requested": "ES-DAVA", "subjects": ["fr-1"],
            "measures": ["bank records"], "at": "2026-01-05T09:00:00Z",
            "attachments": [{"name": "eio.pdf", "language": "fr", "translations": ["ar"]}]}
    assert client.post("/api/v1/legal-requests", headers=tok["marie"],
                       json=body).status_code == 403  # an analyst does not speak for OFAST
    to_morocco = client.post("/api/v1/legal-requests", headers=tok["luc"],
                             json={**body, "requested": "MA-DGSN"})
    assert to_morocco.status_code == 400  # Morocco is not bound by the EIO Directive
    assert to_morocco.json()["code"] == "request.not_bound"
    assert to_morocco.json()["params"]["country"] == "ma"
    in_arabic = client.post("/api/v1/legal-requests", json={**body, "requested": "MA-DGSN"},
                            headers={**tok["luc"], "Accept-Language": "ar-MA,ar;q=0.9"})
    assert "المغرب" in in_arabic.json()["detail"]
    assert in_arabic.headers["content-language"] == "ar"
    r = client.post("/api/v1/legal-requests", headers=tok["luc"], json=body)
    assert r.status_code == 201, r.text
    rid = r.json()["id"]
    assert r.json()["legal_basis"] == "dir-2014-41" and r.json()["state"] == "draft"
    step = lambda who, action, **kw: client.post(  # noqa: E731
        f"/api/v1/legal-requests/{rid}/{action}", headers=tok[who], json=kw)
    assert step("juan", "send").status_code == 403  # not the requesting side
    assert step("omar", "send").status_code == 404  # not a side at all
    assert step("luc", "send", at="2026-0105").status_code == 400
    assert step("luc", "send", at="2026-01-05T10:00:00Z").status_code == 200
    assert step("juan", "accept", at="2026-01-06T08:00:00Z").status_code == 409  # not received
    r = step("juan", "receive", at="2026-01-06T08:00:00Z")
    assert r.status_code == 200 and r.json()["clocks"][0]["due"].startswith("2026-02-05T08:00")
    assert step("juan", "refuse", at="2026-01-07T08:00:00Z").status_code == 400  # no reason
    late = client.get("/api/v1/legal-requests/overdue", headers=tok["luc"],
                      params={"at": "2026-02-10T00:00:00Z"}).json()
    assert [(x["request_id"], x["clock"]) for x in late] == [(rid, "recognition")]
    for action, at in (("accept", "2026-01-20"), ("start", "2026-01-21"),
                       ("execute", "2026-02-10")):
        r = step("juan", action, at=at, reason="bank records sent" if action == "execute"
                 else "")
        assert r.status_code == 200, r.text
    shown = client.get(f"/api/v1/legal-requests/{rid}", headers=tok["luc"]).json()
    assert shown["state"] == "executed" and shown["answer"] == "bank records sent"
    assert [h["action"] for h in shown["history"]] == [
        "create", "send", "receive", "accept", "start", "execute"]
    assert {c["name"]: c["status"] for c in shown["clocks"]} == {
        "recognition": "met", "execution": "met"}
    assert step("luc", "withdraw", reason="x").status_code == 409
    assert client.get(f"/api/v1/legal-requests/{rid}", headers=tok["omar"]).status_code == 404
    incoming = client.get("/api/v1/legal-requests", headers=tok["juan"],
                          params={"box": "incoming"}).json()
    assert [x["id"] for x in incoming] == [rid]
    (pair,) = client.get("/api/v1/legal-requests/figures", headers=tok["juan"]).json()
    assert (pair["requesting_country"], pair["requested_country"]) == ("FR", "ES")


def test_operation_from_creation_to_report(api) -> None:  # type: ignore[no-untyped-def]
    client, tok = api
    r = client.post("/api/v1/operations", headers=tok["luc"], json={
        "name": "Andes", "partners": ["MA-DGSN"], "purposes": [DT],
        "starts": "2026-01-01", "ends": "2026-06-30"})
    assert r.status_code == 201, r.text
    op = r.json()["id"]
    url = f"/api/v1/operations/{op}"
    assert client.get(url, headers=tok["juan"]).status_code == 404
    assert client.post(f"{url}/join", headers=tok["omar"],
                       json={"contact": "Cdt. Alami"}).status_code == 200
    assert client.post(f"{url}/targets", headers=tok["marie"],
                       json={"record_id": "fr-1"}).json()["deconfliction"] == []
    assert client.post(f"{url}/share", headers=tok["ali"],
                       json={"record_ids": ["ma-1"]}).status_code == 201
    seen = client.get("/api/v1/records/ma-1", params={"purpose": DT}, headers=tok["marie"])
    assert seen.json()["hit_only"] is False  # shared into the operation's group
    r = client.post(f"{url}/results", headers=tok["ali"], json={
        "kind": "seizure", "on": "2026-01-11", "place": "Tanger Med", "commodity": "cocaine",
        "quantity": 1200, "unit": "kg", "value": 36_000_000, "currency": "EUR"})
    assert r.status_code == 201, r.text
    assert client.post(f"{url}/results", headers=tok["marie"], json={
        "kind": "arrest", "on": "2026-02-10", "person": "Y. El Hamdaoui"}).status_code == 201
    bad = client.post(f"{url}/results", headers=tok["marie"], json={"kind": "arrest",
                                                                     "on": "2026-02-10"})
    assert bad.status_code == 400 and bad.json()["field"] == "person"
    totals = client.get(f"{url}/results", headers=tok["marie"]).json()["totals"]
    assert (totals["arrests"], totals["seizures"]) == (1, 1)
    by_country = client.get("/api/v1/operations/totals", params={"by": "country"},
                            headers=tok["ali"]).json()
    assert [t["key"] for t in by_country] == ["FR", "MA"]
    ar = client.get(f"{url}/report", params={"lang": "ar"}, headers=tok["ali"])
    assert ar.status_code == 200 and 'dir="rtl"' in ar.text and "الحصيلة" in ar.text
    pdf = client.get(f"{url}/report", params={"format": "pdf"}, headers=tok["marie"])
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content[:5] == b"%PDF-"
    assert client.post(f"{url}/close", headers=tok["omar"]).status_code == 400  # not the lead
    assert client.post(f"{url}/close", headers=tok["luc"]).json()["state"] == "closed"
    seen = client.get("/api/v1/records/ma-1", params={"purpose": DT}, headers=tok["marie"])
    assert seen.json()["hit_only"] is True


def test_deconfliction_and_notices(api) -> None:  # type: ignore[no-untyped-def]
    client, tok = api
    op = client.post("/api/v1/operations", headers=tok["luc"], json={
        "name": "Andes", "purposes": [DT]}).json()["id"]
    client.post(f"/api/v1/operations/{op}/targets", headers=tok["marie"],
                json={"record_id": "fr-1"})
    client.get("/api/v1/search", params={"q": "Youssef El Hamdaoui", "purpose": DT},
               headers=tok["juan"])
    (told,) = client.get("/api/v1/deconfliction", headers=tok["luc"]).json()
    assert (told["other_agency"], told["trigger"]) == ("ES-DAVA", "search")
    assert client.get("/api/v1/deconfliction", headers=tok["juan"]).json()[0][
        "other_contact"] == "luc"

    assert client.post("/api/v1/notices", headers=tok["ali"], json={
        "type": "red", "subject": "ma-1", "purpose": DT}).status_code == 403
    r = client.post("/api/v1/notices", headers=tok["omar"], json={
        "type": "red", "subject": "ma-1", "purpose": DT, "reference": "2024/31877"})
    assert r.status_code == 201, r.text
    notice = r.json()
    assert notice["owner_alerts"] == 1 and notice["issuer_hits"][0]["reference"] == "fr-1"
    listed = client.get("/api/v1/notices", headers=tok["juan"]).json()
    assert [n["id"] for n in listed] == [notice["id"]]
    mine = client.get(f"/api/v1/notices/{notice['id']}", headers=tok["marie"]).json()
    assert mine["alerts"][0]["record_id"] == "fr-1"
    assert client.post(f"/api/v1/notices/{notice['id']}/withdraw", headers=tok["luc"],
                       json={"reason": "x"}).status_code == 404
    done = client.post(f"/api/v1/notices/{notice['id']}/withdraw", headers=tok["omar"],
                       json={"reason": "arrested"})
    assert done.json()["state"] == "withdrawn"
    assert client.get("/api/v1/notices", headers=tok["juan"]).json() == []


def test_a_draft_is_edited_through_patch(api) -> None:  # type: ignore[no-untyped-def]
    """PATCH changes a draft as the CLI's `request edit` does: the requesting side only, a
    draft only; another agency reads 404 as for an absent request."""
    client, tok = api
    rid = client.post("/api/v1/legal-requests", headers=tok["luc"], json={
        "type": "mla", "requested": "ES-DAVA", "subjects": ["fr-1"]}).json()["id"]
    url = f"/api/v1/legal-requests/{rid}"
    assert client.patch(url, headers=tok["marie"], json={"message": "x"}).status_code == 403
    assert client.patch(url, headers=tok["juan"], json={"message": "x"}).status_code == 403
    assert client.patch(url, headers=tok["omar"], json={"message": "x"}).status_code == 404
    bad = client.patch(url, headers=tok["luc"], json={"subjects": ["ma-1"]})
    assert bad.status_code == 400 and bad.json()["code"] == "request.unknown_subject_purpose"
    r = client.patch(url, headers=tok["luc"], json={"message": "bank records, 2025",
                                                    "urgency": "urgent"})
    assert r.status_code == 200, r.text
    assert (r.json()["message"], r.json()["urgency"]) == ("bank records, 2025", "urgent")
    assert [h["action"] for h in r.json()["history"]] == ["create", "edit"]
    assert client.post(f"{url}/send", headers=tok["luc"], json={}).status_code == 200
    assert client.patch(url, headers=tok["luc"], json={"message": "late"}).status_code == 409
