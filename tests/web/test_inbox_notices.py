"""Notices in the web: issued from the page, seen by the agencies in scope (in the inbox and on
the notice's page, its alerts with issuer, type and reason), hidden from the others, withdrawn
by the issuer with a reason."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from interlink.core import Agency, Envelope, Record
from interlink.identity import add_user
from interlink.server import create_app
from interlink.store import Actor
from tests.conftest import ACTOR

PASSWORD = "a long enough password"
DT = "drug_trafficking"


def _person(rid: str, name: str, owner: str) -> Record:
    return Record.from_dict({"id": rid, "schema": "Person",
                             "properties": {"name": [name], "birthDate": ["1988-04-17"]}},
                            Envelope(owner=owner, tlp="AMBER", purposes=[DT]))


@pytest.fixture
def browser(store):  # type: ignore[no-untyped-def]
    store.add_agency(Agency.create("ES-DAVA", "ES", name="DAVA"), ACTOR)
    for login, agency, role in (("sara", "MA-DGSN", "supervisor"), ("ali", "MA-DGSN", "analyst"),
                                ("marie", "FR-OFAST", "analyst"), ("juan", "ES-DAVA", "analyst")):
        add_user(store, login, agency, role, ACTOR, password=PASSWORD)
    store.write([_person("ma-1", "Youssef El Hamdaoui", "MA-DGSN")], Actor("sara", "MA-DGSN"))
    store.write([_person("fr-1", "Youssef Elhamdaoui", "FR-OFAST")], Actor("marie", "FR-OFAST"))
    app = create_app(store)

    def signed_in(login: str) -> TestClient:
        client = TestClient(app)
        r = client.post("/login", data={"login": login, "password": PASSWORD, "purpose": DT,
                                         "next": "/"}, follow_redirects=False)
        assert r.status_code == 303, r.text
        return client

    return signed_in


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert found
    return found.group(1)


def test_a_notice_from_issue_to_withdrawal(browser) -> None:  # type: ignore[no-untyped-def]
    sara = browser("sara")
    csrf = _csrf(sara.get("/notices").text)
    r = sara.post("/notices", data={"csrf": csrf, "type": "red", "subject": "ma-1",
                                    "scope": "FR-OFAST", "reason": "trafic de stupéfiants",
                                    "reference": "2026/77"}, follow_redirects=False)
    assert r.status_code == 303, r.text
    path = r.headers["location"].split("?")[0]
    notice_id = path.rsplit("/", 1)[1]

    # the partner in scope: in its inbox, then on the notice's page, in Arabic
    marie = browser("marie")
    home = marie.get("/?lang=en").text
    assert f'href="{path}"' in home and "published a red notice on" in home
    page = marie.get(f"{path}?lang=ar").text
    assert "النشرة الحمراء" in page and "MA-DGSN" in page and "trafic de stupéfiants" in page
    alerts = re.search(r'<table data-testid="notice-alerts">(.*?)</table>', page, re.S)
    assert alerts and "fr-1" in alerts.group(1)  # the alert the notice raised, on its page
    assert "سحب النشرة" not in page  # only the issuer withdraws
    assert marie.post(f"{path}/withdraw", data={"csrf": _csrf(page), "reason": "x"}
                      ).status_code in (403, 404)
    listed = marie.get("/notices?lang=en").text.split("Notices my agency issued")
    assert notice_id in listed[0] and "Your agency issued no notice." in listed[1]

    # an agency out of scope knows nothing of it
    juan = browser("juan")
    assert juan.get(path).status_code == 404
    assert notice_id not in juan.get("/notices").text and notice_id not in juan.get("/").text

    # an analyst of the issuer sees it but may not withdraw it
    ali = browser("ali")
    shown = ali.get(path).text
    assert "Withdraw the notice" not in shown
    assert ali.post(f"{path}/withdraw", data={"csrf": _csrf(shown), "reason": "x"}
                    ).status_code == 403

    # the issuer withdraws, with a reason
    page = sara.get(f"{path}?lang=en").text
    refused = sara.post(f"{path}/withdraw", data={"csrf": _csrf(page), "reason": " "})
    assert refused.status_code == 400 and 'role="alert"' in refused.text
    done = sara.post(f"{path}/withdraw", data={"csrf": _csrf(page), "reason": "arrested"},
                     follow_redirects=False)
    assert done.status_code == 303
    after = sara.get(f"{path}?lang=fr").text
    assert "retirée" in after and "arrested" in after and "Retirer la notice" not in after
    # and it has left the partner's inbox
    assert f'href="{path}"' not in marie.get("/").text


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_notice_pages_and_inbox_speak_the_readers_language(browser, lang: str) -> None:  # type: ignore[no-untyped-def]
    from tests.web.test_i18n_pages import ENGLISH_RUN, _visible

    sara = browser("sara")
    r = sara.post("/notices", data={"csrf": _csrf(sara.get("/notices").text), "type": "red",
                                    "subject": "ma-1", "reason": "", "reference": ""},
                  follow_redirects=False)
    assert r.status_code == 303, r.text
    path = r.headers["location"].split("?")[0]
    marie = browser("marie")
    for client, url in ((marie, "/"), (marie, "/notices"), (marie, path), (sara, "/notices"),
                        (sara, path)):
        html = client.get(f"{url}?lang={lang}").text
        seen = _visible(html)
        assert set(seen.english_text) <= {"English"}, (url, seen.english_text)
        if lang == "ar":
            assert not [t for t in seen.text if ENGLISH_RUN.search(t)], url
    assert f'href="{path}"' in marie.get("/").text  # the notice is in the partner's inbox
