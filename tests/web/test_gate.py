"""The pages through the same gate as the API, on both backends: a page never shows what the
API would refuse, forms need the session's CSRF token, sign-out revokes the session."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from interlink.audit import chain
from interlink.core import Agency
from interlink.identity import add_user
from interlink.server import create_app
from interlink.web.session import COOKIE
from tests.conftest import ACTOR
from tests.leaks import shows

PASSWORD = "a long enough password"
DT = "drug_trafficking"
MA_PERSON = {"id": "ma-p1", "schema": "Person",
             "properties": {"name": ["محمد عمره"], "birthDate": ["1990-01-02"]}}
FR_PERSON = {"id": "fr-p1", "schema": "Person",
             "properties": {"name": ["Mohamed Amra"], "birthDate": ["1991-03-04"],
                            "idNumber": ["SECRET-ID-77"]}}
FR_RED = {"id": "fr-red", "schema": "Person",
          "properties": {"name": ["Mohammed Omara"], "idNumber": ["RED-ID-99"]}}


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


@pytest.fixture
def web(store):  # type: ignore[no-untyped-def]
    store.add_agency(Agency.create("ES-DAVA", "ES", name="DAVA"), ACTOR)
    add_user(store, "ali", "MA-DGSN", "analyst", ACTOR, password=PASSWORD)
    add_user(store, "sara", "MA-DGSN", "supervisor", ACTOR, password=PASSWORD)
    add_user(store, "marie", "FR-OFAST", "analyst", ACTOR, password=PASSWORD)
    app = create_app(store)
    api = TestClient(app)
    tokens = {}
    for login in ("ali", "marie"):
        r = api.post("/api/v1/auth/login", json={"login": login, "password": PASSWORD})
        tokens[login] = {"Authorization": f"Bearer {r.json()['token']}"}
    api.post("/api/v1/records", headers=tokens["ali"],
             json={"records": [MA_PERSON], "terms": {"purposes": [DT]}})
    api.post("/api/v1/records", headers=tokens["marie"],
             json={"records": [FR_PERSON], "terms": {"purposes": [DT]}})
    api.post("/api/v1/records", headers=tokens["marie"],
             json={"records": [FR_RED], "terms": {"purposes": [DT], "tlp": "RED"}})

    def browser(login: str, purpose: str = DT) -> TestClient:
        client = TestClient(app)
        r = client.post("/login", data={"login": login, "password": PASSWORD,
                                         "purpose": purpose, "next": "/"},
                        follow_redirects=False)
        assert r.status_code == 303, r.text
        return client

    return api, tokens, browser, store


def test_pages_need_a_session_and_sign_in_sets_a_strict_cookie(web) -> None:  # type: ignore[no-untyped-def]
    _, _, _, _ = web
    app_client = TestClient(web[0].app)
    r = app_client.get("/entity/ma-p1", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=%2Fentity%2Fma-p1"
    wrong = app_client.post("/login", data={"login": "ali", "password": "nope",
                                            "purpose": DT}, follow_redirects=False)
    assert wrong.status_code == 401 and COOKIE not in wrong.cookies
    no_purpose = app_client.post("/login", data={"login": "ali", "password": PASSWORD},
                                 follow_redirects=False)
    assert no_purpose.status_code == 400
    ok = app_client.post("/login", data={"login": "ali", "password": PASSWORD, "purpose": DT,
                                         "next": "//elsewhere.example/x"},
                         follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"] == "/"  # never off-site
    cookie = ok.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


def test_entity_page_shows_exactly_what_the_api_shows(web) -> None:  # type: ignore[no-untyped-def]
    api, tokens, browser, _ = web
    ali = browser("ali")
    for record_id in ("ma-p1", "fr-p1", "fr-red", "absent"):
        seen = api.get(f"/api/v1/records/{record_id}", params={"purpose": DT},
                       headers=tokens["ali"])
        page = ali.get(f"/entity/{record_id}")
        if seen.status_code == 404:
            assert page.status_code == 404
            assert "RED-ID-99" not in page.text and "Omara" not in page.text
        elif seen.json()["hit_only"]:
            assert page.status_code == 200 and 'action="/requests"' in page.text
            assert "SECRET-ID-77" not in page.text and not shows(page.text, "1991")
            assert "Mohamed Amra" not in page.text
        else:
            assert page.status_code == 200 and 'data-testid="sources"' in page.text
            for values in seen.json()["properties"].values():
                for v in values:
                    assert v in page.text or v[:4] in page.text  # dates are formatted
    assert ali.get("/entity/fr-red").status_code == 404  # as absent: RED is not even a hit


def test_search_page_splits_results_and_hits_like_the_api(web) -> None:  # type: ignore[no-untyped-def]
    api, tokens, browser, store = web
    ali = browser("ali")
    body = api.get("/api/v1/search", params={"q": "Mohamed Amra", "purpose": DT},
                   headers=tokens["ali"]).json()
    page = ali.get("/search", params={"q": "Mohamed Amra"}).text
    results, hits = page.split('id="h-hits"')
    for r in body["results"]:
        assert f'href="/entity/{r["id"]}"' in results
    for h in body["hits"]:
        assert h["id"] in hits and h["id"] not in results
    assert "SECRET-ID-77" not in page and "fr-red" not in page
    with store.engine.connect() as conn:
        searches = [e for e in chain.entries(conn, action="search") if e.actor == "ali"]
    assert len(searches) == 2 and searches[-1].purpose == DT  # the page's search is audited


def test_forms_need_the_csrf_token(web) -> None:  # type: ignore[no-untyped-def]
    _, _, browser, store = web
    marie = browser("marie")
    form = {"record_id": "fr-p1", "recipient": "MA-DGSN", "purposes": DT}
    assert marie.post("/sharing/grants", data=form).status_code == 403
    assert marie.post("/sharing/grants", data={**form, "csrf": "0" * 64}).status_code == 403
    with store.engine.connect() as conn:
        assert not list(chain.entries(conn, action="grant"))
    token = _csrf(marie.get("/sharing").text)
    assert marie.post("/sharing/grants", data={**form, "csrf": token},
                      follow_redirects=False).status_code == 303


def test_grant_and_revoke_through_the_pages_change_the_partners_view(web) -> None:  # type: ignore[no-untyped-def]
    _, _, browser, store = web
    marie, ali = browser("marie"), browser("ali")
    assert 'action="/requests"' in ali.get("/entity/fr-p1").text  # hit
    chart = ali.get("/chart/data", params={"ids": "ma-p1", "depth": 2}).json()
    assert "fr-p1" not in {n["data"]["id"] for n in chart["nodes"]}
    token = _csrf(marie.get("/sharing").text)
    r = marie.post("/sharing/grants", data={"record_id": "fr-p1", "recipient": "MA-DGSN",
                                            "purposes": DT, "level": "full", "csrf": token},
                   follow_redirects=False)
    grant_id = r.headers["location"].split("granted=")[1]
    full = ali.get("/entity/fr-p1").text
    assert "SECRET-ID-77" in full and 'data-testid="sources"' in full
    assert grant_id in marie.get("/sharing").text
    # ali's own view of the grant: listed as received
    assert "fr-p1" in ali.get("/sharing").text
    # revoked: back to a hit at once (the cached graph is rebuilt as well)
    r = marie.post(f"/sharing/grants/{grant_id}/revoke", data={"csrf": token},
                   follow_redirects=False)
    assert r.status_code == 303
    again = ali.get("/entity/fr-p1").text
    assert "SECRET-ID-77" not in again and 'action="/requests"' in again
    # only the grantor revokes
    ali_token = _csrf(ali.get("/sharing").text)
    refused = ali.post(f"/sharing/grants/{grant_id}/revoke", data={"csrf": ali_token})
    assert refused.status_code == 400
    with store.engine.connect() as conn:
        actions = [e.action for e in chain.entries(conn, agency="FR-OFAST")]
    assert "grant" in actions and "revocation" in actions


def test_request_for_information_from_a_hit_reaches_the_owner(web) -> None:  # type: ignore[no-untyped-def]
    _, _, browser, _ = web
    ali, marie = browser("ali"), browser("marie")
    token = _csrf(ali.get("/entity/fr-p1").text)
    r = ali.post("/requests", data={"record_id": "fr-p1", "message": "same man?",
                                    "csrf": token}, follow_redirects=False)
    assert r.status_code == 303 and "sent=" in r.headers["location"]
    home = marie.get("/").text
    assert "fr-p1" in home  # waiting for her agency's answer
    # a record ali may not know of is answered like an absent one
    assert ali.post("/requests", data={"record_id": "fr-red", "csrf": token}).status_code == 404
    page = marie.get("/sharing").text
    request_id = re.search(r'action="/sharing/requests/([^/]+)/answer"', page).group(1)
    done = marie.post(f"/sharing/requests/{request_id}/answer",
                      data={"decision": "grant", "reason": "JIT", "csrf": _csrf(page)},
                      follow_redirects=False)
    assert done.status_code == 303
    assert "SECRET-ID-77" in ali.get("/entity/fr-p1").text


def test_sign_out_revokes_the_session(web) -> None:  # type: ignore[no-untyped-def]
    _, _, browser, _ = web
    ali = browser("ali")
    token = ali.cookies.get(COOKIE)
    assert ali.post("/logout", data={"csrf": _csrf(ali.get("/").text)},
                    follow_redirects=False).status_code == 303
    ali.cookies.set(COOKIE, token)
    assert ali.get("/", follow_redirects=False).status_code == 303
    assert ali.get("/api/v1/search", params={"q": "x"},
                   headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_audit_page_is_for_supervisors_and_their_agency(web) -> None:  # type: ignore[no-untyped-def]
    _, _, browser, _ = web
    assert browser("ali").get("/audit").status_code == 403
    sara = browser("sara")
    page = sara.get("/audit", params={"action": "collection"}).text
    assert "ma-p1" in page and "fr-p1" not in page  # only her agency's entries
    verified = sara.get("/audit", params={"verify": "1"}).text
    assert 'data-testid="verified"' in verified


def test_screening_alerts_are_kept_and_decided_once(web) -> None:  # type: ignore[no-untyped-def]
    _, _, browser, store = web
    marie = browser("marie")
    token = _csrf(marie.get("/screen").text)
    r = marie.post("/screen", data={"name": "Mohamed Amra", "birth_date": "1991-03-04",
                                    "csrf": token}, follow_redirects=False)
    assert r.status_code == 303
    shown = marie.get(r.headers["location"]).text
    alert_id = re.search(r'action="/screen/alerts/(\d+)"', shown).group(1)
    assert "fr-p1" in shown
    assert "ma-p1" not in shown  # not in her watchlist: she sees it only as a hit
    ok = marie.post(f"/screen/alerts/{alert_id}", data={"decision": "confirmed",
                                                        "reason": "same DOB", "csrf": token},
                    follow_redirects=False)
    assert ok.status_code == 303
    twice = marie.post(f"/screen/alerts/{alert_id}", data={"decision": "dismissed",
                                                           "csrf": token})
    assert twice.status_code == 400
    ali = browser("ali")
    theirs = ali.post(f"/screen/alerts/{alert_id}",
                      data={"decision": "dismissed", "csrf": _csrf(ali.get("/").text)})
    assert theirs.status_code == 400  # another agency's alert
    with store.engine.connect() as conn:
        decided = [e for e in chain.entries(conn, action="alert")
                   if e.details.get("decision")]
    assert [(e.actor, e.details["decision"]) for e in decided] == [("marie", "confirmed")]


def test_language_and_direction(web) -> None:  # type: ignore[no-untyped-def]
    _, _, browser, _ = web
    ali = browser("ali")
    ar = ali.get("/search", params={"lang": "ar"}).text
    assert '<html lang="ar" dir="rtl">' in ar and "البحث" in ar
    assert '<html lang="ar" dir="rtl">' in ali.get("/").text  # the choice is remembered
    ali.cookies.clear()
    fr = TestClient(web[0].app).get("/login", headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    assert '<html lang="fr" dir="ltr">' in fr.text and "Se connecter" in fr.text


def test_pages_answer_without_the_graph_while_it_is_built(web, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A page waits a bounded time for the viewer's graph; past it, the page says so instead
    of hanging, and the graph is served once built (never a stale one)."""
    import threading

    from interlink.access import graph as graphs

    _, _, browser, _ = web
    ali = browser("ali")
    release = threading.Event()
    real = graphs.builder_from_store

    def slow(store, viewer, *args, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(30)
        return real(store, viewer, *args, **kwargs)

    monkeypatch.setattr(graphs, "builder_from_store", slow)
    monkeypatch.setattr(graphs, "WAIT_SECONDS", 0.2)
    graphs.clear()
    entity = ali.get("/entity/ma-p1")
    assert entity.status_code == 200 and 'data-testid="sources"' in entity.text
    assert 'role="status"' in entity.text  # links and timeline: being prepared
    assert ali.get("/network").status_code == 202
    assert ali.get("/chart/data", params={"ids": "ma-p1"}).status_code == 503
    release.set()  # the build finishes in the background
    for _ in range(100):
        if ali.get("/network").status_code == 200:
            break
        threading.Event().wait(0.1)
    assert ali.get("/network").status_code == 200
    assert ali.get("/chart/data", params={"ids": "ma-p1"}).status_code == 200
