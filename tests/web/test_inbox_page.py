"""The home page's inbox, in Arabic and English: a waiting judicial request is shown (not "No
request waiting"), an overdue deadline is flagged overdue and not listed among those to come,
the header carries the count, and nothing of another agency's work shows."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from interlink.cooperation import legal_requests as lr
from interlink.core import Agency, Envelope, Record
from interlink.identity import add_user
from interlink.server import create_app
from interlink.store import Actor
from tests.conftest import ACTOR

PASSWORD = "a long enough password"
DT = "drug_trafficking"
FR = Actor("marie", "FR-OFAST")


@pytest.fixture
def web(store):  # type: ignore[no-untyped-def]
    store.add_agency(Agency.create("ES-DAVA", "ES", name="DAVA"), ACTOR)
    add_user(store, "ali", "MA-DGSN", "analyst", ACTOR, password=PASSWORD)
    add_user(store, "juan", "ES-DAVA", "analyst", ACTOR, password=PASSWORD)
    store.write([Record.from_dict({"id": "fr-1", "schema": "Person",
                                   "properties": {"name": ["Youssef Elhamdaoui"]}},
                                  Envelope(owner="FR-OFAST", tlp="AMBER", purposes=[DT]))], FR)
    # sent ten days ago with a deadline five days ago: it waits for MA and is overdue
    sent = datetime.now(UTC) - timedelta(days=10)
    made = lr.create_request(store, FR, type="mla", requested="MA-DGSN", subjects=["fr-1"],
                             deadline=(sent + timedelta(days=5)).date(), at=sent)
    lr.transition(store, FR, made.id, "send", at=sent)
    app = create_app(store)

    def browser(login: str) -> TestClient:
        client = TestClient(app)
        r = client.post("/login", data={"login": login, "password": PASSWORD,
                                         "purpose": DT, "next": "/"}, follow_redirects=False)
        assert r.status_code == 303, r.text
        return client

    browser.app = app  # type: ignore[attr-defined]
    return browser, made.id


def _section(html: str, kind: str) -> str:
    found = re.search(rf'<ul class="plain inbox-{kind}">(.*?)</ul>', html, re.S)
    return found.group(1) if found else ""


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_home_page_shows_what_waits(web, lang: str) -> None:  # type: ignore[no-untyped-def]
    browser, rid = web
    html = browser("ali").get(f"/?lang={lang}").text
    waiting, overdue, due = (_section(html, k) for k in ("request", "overdue", "due"))
    assert rid in waiting and f'href="/legal-requests/{rid}"' in waiting
    assert rid in overdue and due == ""  # flagged overdue, not among those to come
    assert 'class="badge inbox-count"' in html  # the count in the header
    if lang == "en":
        assert "No request waiting" not in html and "Nothing waits for you." not in html
        assert "overdue since" in overdue and "<bdi>FR-OFAST</bdi> sent a mutual legal" in waiting
    else:
        assert 'dir="rtl"' in html
        assert "صندوق الوارد" in html and "متأخّر منذ" in overdue and "أرسلت" in waiting
        # no English sentence of the inbox left in the Arabic page
        for english in ("waits for you", "overdue since", "Inbox", "Overdue"):
            assert english not in html, english


def test_another_agency_sees_nothing_of_it(web) -> None:  # type: ignore[no-untyped-def]
    browser, rid = web
    html = browser("juan").get("/?lang=en").text
    assert rid not in html and "Nothing waits for you." in html
    assert 'class="badge inbox-count"' not in html


def test_the_api_gives_the_same_inbox_in_the_asked_language(web) -> None:  # type: ignore[no-untyped-def]
    browser, rid = web
    api = TestClient(browser.app)
    token = api.post("/api/v1/auth/login", json={"login": "ali", "password": PASSWORD}).json()
    auth = {"Authorization": f"Bearer {token['token']}"}
    body = api.get("/api/v1/inbox", headers={**auth, "Accept-Language": "fr"}).json()
    assert body["language"] == "fr" and body["count"] == len(body["items"]) == 2
    by_kind = {i["kind"]: i for i in body["items"]}
    assert by_kind["overdue"]["code"] == "inbox.deadline_overdue"
    overdue = by_kind["overdue"]
    assert overdue["params"]["id"] == rid and "en retard" in overdue["message"]
    assert by_kind["request"]["link"] == f"/legal-requests/{rid}"
    assert "attend votre réponse" in by_kind["request"]["message"]
    assert api.get("/api/v1/inbox").status_code == 401
    other = api.post("/api/v1/auth/login", json={"login": "juan", "password": PASSWORD}).json()
    assert api.get("/api/v1/inbox", headers={
        "Authorization": f"Bearer {other['token']}"}).json()["items"] == []


@pytest.mark.parametrize("path", ["/search", "/screen", "/sharing", "/operations", "/notices",
                                  "/legal-requests", "/no-such-page"])
def test_every_page_carries_the_inbox_count(web, path: str) -> None:  # type: ignore[no-untyped-def]
    browser, _rid = web
    ali = browser("ali")
    home = re.search(r'class="badge inbox-count"[^>]*>([^<]+)<', ali.get("/?lang=en").text)
    there = re.search(r'class="badge inbox-count"[^>]*>([^<]+)<', ali.get(f"{path}?lang=en").text)
    assert home and there and there.group(1) == home.group(1)
    assert int(home.group(1)) >= 2  # the waiting request and its overdue clock
    assert 'class="badge inbox-count"' not in browser("juan").get(f"{path}?lang=en").text
