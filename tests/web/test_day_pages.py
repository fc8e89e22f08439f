"""Nothing retyped, page by page: records picked by name (`/suggest`, the access layer's
search: gated and audited), refused forms given back as typed with the error beside the field,
requests for information (the owner sees the record's name; granting needs no reason; asking
twice says so), and an analyst told whom to ask for what the role may not do."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from interlink.audit.listing import latest
from interlink.core import Envelope, Record
from interlink.identity import add_user
from interlink.server import create_app
from interlink.store import Actor
from tests.conftest import ACTOR

PASSWORD = "a long enough password"
DT = "drug_trafficking"


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found
    return found.group(1)


@pytest.fixture
def web(store):  # type: ignore[no-untyped-def]
    for login, agency, role in (("ali", "MA-DGSN", "analyst"), ("sara", "MA-DGSN", "supervisor"),
                                ("marie", "FR-OFAST", "analyst")):
        add_user(store, login, agency, role, ACTOR, password=PASSWORD)
    store.write([Record.from_dict({"id": "ma-1", "schema": "Person", "properties": {
        "name": ["كريم بنعلي"], "birthDate": ["1980-01-01"]}},
        Envelope(owner="MA-DGSN", tlp="AMBER", purposes=[DT]))], Actor("ali", "MA-DGSN"))
    store.write([Record.from_dict({"id": "fr-1", "schema": "Person", "properties": {
        "name": ["Karim Benali"], "birthDate": ["1980-01-01"]}},
        Envelope(owner="FR-OFAST", tlp="AMBER", purposes=[DT]))], Actor("marie", "FR-OFAST"))
    app = create_app(store)

    def browser(login: str, purpose: str = DT) -> TestClient:
        client = TestClient(app)
        r = client.post("/login", data={"login": login, "password": PASSWORD,
                                         "purpose": purpose, "next": "/"},
                        follow_redirects=False)
        assert r.status_code == 303, r.text
        return client

    return store, browser


def test_suggestions_come_from_the_gated_search(web) -> None:  # type: ignore[no-untyped-def]
    store, browser = web
    ali = browser("ali")
    full = ali.get("/suggest", params={"q": "Karim Benali"}).json()["results"]
    assert [(r["id"], r["caption"], r["hit"]) for r in full] == [("ma-1", "كريم بنعلي", False)]
    with store.engine.connect() as conn:
        assert latest(conn, "MA-DGSN", action="search", limit=1)[0].subjects == ["ma-1"]
    # with hits (a request names them): owner and reference only, never the name
    anyhow = ali.get("/suggest", params={"q": "كريم بنعلي", "scope": "any"}).json()["results"]
    assert {(r["id"], r["caption"], r["hit"]) for r in anyhow} == {
        ("ma-1", "كريم بنعلي", False), ("fr-1", "", True)}
    assert ali.get("/suggest", params={"q": "x"}).json() == {"results": []}
    assert ali.get("/suggest", params={"q": "Karim", "scope": "all"}).status_code == 422
    marie = browser("marie")
    own = marie.get("/suggest", params={"q": "Karim Benali", "scope": "own"}).json()["results"]
    assert [r["id"] for r in own] == ["fr-1"]


def test_a_refused_operation_form_keeps_what_was_typed(web) -> None:  # type: ignore[no-untyped-def]
    _store, browser = web
    sara = browser("sara")
    form = sara.get("/operations?lang=fr").text
    refused = sara.post("/operations?lang=fr", data={
        "csrf": _csrf(form), "name": "Opération Atlas", "purposes": DT, "partners": "FR-OFAST",
        "starts": "2026-05-01", "ends": "2026-04-01", "description": "Réseau de Tanger"})
    assert refused.status_code == 400
    html = refused.text
    assert 'value="Opération Atlas"' in html and "Réseau de Tanger</textarea>" in html
    assert 'value="FR-OFAST" checked' in html and 'value="2026-05-01"' in html
    beside = re.search(r'<p class="error field-error" id="ends-error"[^>]*>(.*?)</p>', html, re.S)
    assert beside and 'aria-describedby="ends-error"' in html
    assert 'class="error" role="alert"' not in html  # not repeated above the form
    # an analyst reads whom to ask
    ali = browser("ali").get("/operations?lang=ar").text
    ask = re.search(r'data-testid="ask-supervisor">(.*?)</p>', ali, re.S)
    assert ask and "<bdi>sara</bdi>" in ask.group(1) and "المشرفين" in ask.group(1)


def test_requests_for_information_in_the_pages(web) -> None:  # type: ignore[no-untyped-def]
    _store, browser = web
    ali = browser("ali")
    hit = ali.get("/entity/fr-1?lang=en").text
    sent = ali.post("/requests", data={"csrf": _csrf(hit), "record_id": "fr-1",
                                       "message": "same network?"}, follow_redirects=False)
    assert sent.status_code == 303
    twice = ali.post("/requests?lang=fr", data={"csrf": _csrf(hit), "record_id": "fr-1",
                                                "message": "encore"})
    assert twice.status_code == 409
    said = re.search(r'data-testid="request-refused">(.*?)</p>', twice.text, re.S)
    assert said and "déjà" in said.group(1) and "FR-OFAST" in said.group(1)
    assert ">encore</textarea>" in twice.text

    marie = browser("marie")
    sharing = marie.get("/sharing?lang=en").text
    asked = re.search(r'data-testid="asked-record">(.*?)</p>', sharing, re.S)
    assert asked and 'href="/entity/fr-1"' in asked.group(1) and "Karim Benali" in asked.group(1)
    request_id = re.search(r'action="/sharing/requests/([^/]+)/answer"', sharing).group(1)
    refuse = marie.post(f"/sharing/requests/{request_id}/answer?lang=ar", data={
        "csrf": _csrf(sharing), "decision": "refuse", "reason": ""})
    assert refuse.status_code == 400
    assert 'id="reason-error"' in refuse.text and "الرفض يحتاج إلى سبب" in refuse.text
    grant = marie.post(f"/sharing/requests/{request_id}/answer", data={
        "csrf": _csrf(sharing), "decision": "grant", "reason": ""}, follow_redirects=False)
    assert grant.status_code == 303
    assert "hit.html" not in ali.get("/entity/fr-1").text and "Karim Benali" in ali.get(
        "/entity/fr-1?lang=en").text


def test_the_screening_form_keeps_the_name(web) -> None:  # type: ignore[no-untyped-def]
    _store, browser = web
    ali = browser("ali")
    form = ali.get("/screen").text
    refused = ali.post("/screen?lang=fr", data={"csrf": _csrf(form), "name": "",
                                                "birth_date": "1980-01-01"})
    assert refused.status_code == 400
    assert 'value="1980-01-01"' in refused.text and 'id="name-error"' in refused.text
