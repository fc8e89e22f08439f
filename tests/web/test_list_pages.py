"""Every list of the interface pages, sorts and filters through the one helper: search results
(the audit entry names only the page shown), alerts (notice alerts told apart: issuer, type,
reason, link), records due for review, and the audit log."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from interlink.audit.listing import latest
from interlink.cooperation import notices as nt
from interlink.core import Envelope, Record
from interlink.identity import add_user
from interlink.screen.decisions import add_alerts
from interlink.server import create_app
from interlink.store import Actor
from tests.conftest import ACTOR

PASSWORD = "a long enough password"
DT = "drug_trafficking"
MA = Actor("ali", "MA-DGSN")
FR = Actor("marie", "FR-OFAST")


def _person(rid: str, name: str, nationality: str, review: date | None = None) -> Record:
    env = Envelope(owner="MA-DGSN", tlp="AMBER", purposes=[DT], review_by=review)
    return Record.from_dict({"id": rid, "schema": "Person", "properties": {
        "name": [name], "nationality": [nationality], "birthDate": ["1980-01-01"]}}, env)


@pytest.fixture
def web(store):  # type: ignore[no-untyped-def]
    add_user(store, "ali", "MA-DGSN", "analyst", ACTOR, password=PASSWORD)
    add_user(store, "sara", "MA-DGSN", "supervisor", ACTOR, password=PASSWORD)
    soon = datetime.now(UTC).date() + timedelta(days=10)
    store.write([_person(f"ma-k{i:02d}", f"Karim Benali {i:02d}", "ma" if i % 2 else "fr",
                         soon + timedelta(days=i)) for i in range(25)], MA)
    store.write([Record.from_dict({"id": "fr-k", "schema": "Person", "properties": {
        "name": ["Karim Benali"], "birthDate": ["1980-01-01"]}},
        Envelope(owner="FR-OFAST", tlp="AMBER", purposes=[DT]))], FR)
    add_alerts(store, [{"query_ref": f"q{i}", "query_name": f"Name {i}",
                        "record_id": f"ma-k{i:02d}", "score": 0.7 + i / 100}
                       for i in range(23)], MA)
    app = create_app(store)

    def browser(login: str) -> TestClient:
        client = TestClient(app)
        r = client.post("/login", data={"login": login, "password": PASSWORD,
                                         "purpose": DT, "next": "/"}, follow_redirects=False)
        assert r.status_code == 303, r.text
        return client

    return store, browser


def _ids(html: str, testid: str) -> list[str]:
    table = re.search(rf'data-testid="{testid}">(.*?)</table>', html, re.S)
    assert table, testid
    return re.findall(r'href="/entity/(ma-k\d\d)"', table.group(1))


def test_search_results_page_and_only_the_page_is_audited(web) -> None:  # type: ignore[no-untyped-def]
    store, browser = web
    ali = browser("ali")
    first = ali.get("/search?q=Karim+Benali&sort=name&desc=0&lang=en").text
    shown = _ids(first, "results")
    assert len(shown) == 20 and shown == sorted(shown)  # sorted by name, one page
    assert "1–20 of 25" in first and 'rel="next"' in first
    second = ali.get("/search?q=Karim+Benali&sort=name&desc=0&page=2&lang=en").text
    assert len(_ids(second, "results")) == 5 and not set(_ids(second, "results")) & set(shown)
    with store.engine.connect() as conn:
        entry = latest(conn, "MA-DGSN", action="search", limit=1)[0]
    assert sorted(entry.subjects) == sorted([*_ids(second, "results"), "fr-k"])
    moroccans = ali.get("/search?q=Karim+Benali&country=MA&per=50&lang=en").text
    assert len(_ids(moroccans, "results")) == 12  # odd numbers: nationality MA
    assert 'name="country"' in moroccans and '<option value="MA" selected' in moroccans


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_alerts_page_sort_and_tell_notice_alerts_apart(web, lang: str) -> None:  # type: ignore[no-untyped-def]
    store, browser = web
    pub = nt.issue_notice(store, FR, "red", "fr-k", purpose=DT, reason="wanted for smuggling")
    assert pub.owner_alerts >= 1
    ali = browser("ali")
    html = ali.get(f"/screen?lang={lang}").text
    assert len(re.findall(r'action="/screen/alerts/\d+"', html)) == 20  # one page of new alerts
    assert 'rel="next"' in html
    by_score = ali.get(f"/screen?new_sort=score&new_desc=1&lang={lang}").text
    scores = [float(s) for s in re.findall(r"<td>(\d[.,]\d\d)</td>", by_score)]
    assert scores == sorted(scores, reverse=True) and len(scores) == 20
    notice_only = ali.get(f"/screen?new_type=notice&lang={lang}").text
    source = re.findall(r'data-testid="notice-alert">(.*?)</div>', notice_only, re.S)
    assert source and len(source) == min(20, pub.owner_alerts)
    screened = ali.get(f"/screen?new_type=screening&new_per=50&lang={lang}").text
    assert 'data-testid="notice-alert"' not in screened
    assert len(re.findall(r'action="/screen/alerts/\d+"', screened)) == 23
    assert f'href="/notices/{pub.notice.id}"' in source[0]
    assert "FR-OFAST" in source[0] and "wanted for smuggling" in source[0]
    if lang == "ar":
        assert "أصدرتها" in source[0] or "صادرة" in source[0]


def test_records_due_page_and_sort_on_the_home_page(web) -> None:  # type: ignore[no-untyped-def]
    _store, browser = web
    ali = browser("ali")
    html = ali.get("/?lang=en").text
    due = _ids(html, "due")
    assert due == [f"ma-k{i:02d}" for i in range(20)]  # nearest review date first
    assert "1–20 of 25" in html
    last = ali.get("/?due_page=2&lang=en").text
    assert _ids(last, "due") == [f"ma-k{i:02d}" for i in range(20, 25)]
    reverse = ali.get("/?due_sort=review&due_desc=1&lang=en").text
    assert _ids(reverse, "due")[0] == "ma-k24"


def test_the_audit_log_pages_by_position_and_filters_by_date(web) -> None:  # type: ignore[no-untyped-def]
    store, browser = web
    sara = browser("sara")
    for i in range(25):
        store.audit("consultation", "sara", agency="MA-DGSN", subjects=[f"ma-k{i:02d}"])
    first = sara.get("/audit?per=20&lang=en").text
    seqs = [int(s) for s in re.findall(r"<tr><td>(\d+)</td>", first)]
    assert len(seqs) == 20 and seqs == sorted(seqs, reverse=True) and 'rel="next"' in first
    oldest = sara.get("/audit?desc=0&lang=en").text
    old = [int(s) for s in re.findall(r"<tr><td>(\d+)</td>", oldest)]
    assert old == sorted(old) and old[0] < seqs[-1]
    second = sara.get("/audit?page=2&lang=en").text
    assert [int(s) for s in re.findall(r"<tr><td>(\d+)</td>", second)][0] < seqs[-1]
    tomorrow = (datetime.now(UTC).date() + timedelta(days=1)).isoformat()
    assert "No entry." in sara.get(f"/audit?since={tomorrow}&lang=en").text
