"""Data in from the web: the upload goes through the ingest pipeline; a CSV's dialect is found
(or refused), its mapping built on the page from its own header; PAXLST is known by content;
refused rows come back as a quarantine report to download, for the uploading agency only."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from interlink.identity import add_user
from interlink.server import create_app
from tests.conftest import ACTOR, SAMPLES

PASSWORD = "a long enough password"
DT = "drug_trafficking"
# Excel's "CSV (separator: semicolon)" in French Windows: Windows-1252, semicolons, CRLF
CSV = ("id;nom complet;date de naissance;nationalité\r\n"
       "p1;Hélène Dubreuil;1979-03-02;fr\r\n"
       "p2;Jérôme Lefèvre;1985-13-45;fr\r\n"
       "p3;;1990-01-01;ma\r\n").encode("cp1252")


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found
    return found.group(1)


@pytest.fixture
def web(store):  # type: ignore[no-untyped-def]
    add_user(store, "ali", "MA-DGSN", "analyst", ACTOR, password=PASSWORD)
    add_user(store, "marie", "FR-OFAST", "analyst", ACTOR, password=PASSWORD)
    app = create_app(store)

    def browser(login: str) -> TestClient:
        client = TestClient(app)
        r = client.post("/login", data={"login": login, "password": PASSWORD,
                                         "purpose": DT, "next": "/"}, follow_redirects=False)
        assert r.status_code == 303, r.text
        return client

    return store, browser


def test_a_french_excel_csv_with_a_mapping_built_on_the_page(web) -> None:  # type: ignore[no-untyped-def]
    store, browser = web
    ali = browser("ali")
    csrf = _csrf(ali.get("/data").text)
    first = ali.post("/data?lang=en", data={"csrf": csrf},
                     files={"file": ("export.csv", CSV, "text/csv")})
    assert first.status_code == 200, re.findall(r'role="alert"[^>]*>(.*?)</p>', first.text)
    html = first.text
    assert "cp1252" in html and "semicolon" in html  # the dialect it found, shown
    assert "nom complet" in html and "nationalité" in html  # the header read right
    mapping = re.search(r'<textarea id="data-mapping"[^>]*>(.*?)</textarea>', html, re.S)
    assert mapping and "column: date de naissance" in mapping.group(1).replace("&#39;", "'")
    token = re.search(r'name="token" value="([0-9a-f]{32})"', html).group(1)
    built = mapping.group(1).replace("&#34;", '"').replace("&#39;", "'").replace("&gt;", ">")
    done = ali.post("/data?lang=en", data={"csrf": csrf, "token": token, "mapping": built,
                                           "purposes": DT, "tlp": "AMBER"})
    assert done.status_code == 200, done.text[-2000:]
    report = re.search(r'data-testid="ingest-report">(.*?)</section>', done.text, re.S).group(1)
    assert "1 record created" in report or "2 records created" in report
    assert "row set aside" in report or "rows set aside" in report
    people = {r.entity.caption for r in store.iter_records(schema="Person", owner="MA-DGSN")}
    assert "Hélène Dubreuil" in people  # never mojibake
    link = re.search(r'href="(/data/[0-9a-f]{32}/quarantine.csv)"', done.text).group(1)
    got = ali.get(link)
    assert got.status_code == 200 and "file,row,field,reason,raw" in got.text.splitlines()[0]
    assert browser("marie").get(link).status_code == 404  # another agency's upload


def test_a_manifest_is_known_by_its_content(web) -> None:  # type: ignore[no-untyped-def]
    store, browser = web
    ali = browser("ali")
    csrf = _csrf(ali.get("/data").text)
    sample = (SAMPLES / "paxlst_flight_at1234.edi").read_bytes()
    done = ali.post("/data?lang=fr", data={"csrf": csrf, "purposes": "migrant_smuggling"},
                    files={"file": ("vol.txt", sample, "text/plain")})
    assert done.status_code == 200
    assert "6 lignes lues" in done.text or "6 lignes" in done.text
    names = {r.entity.caption for r in store.iter_records(schema="Person", owner="MA-DGSN")}
    assert "YOUSSEF EL HAMDAOUI" in names


def test_a_refused_upload_keeps_the_file_and_the_mapping(web) -> None:  # type: ignore[no-untyped-def]
    _store, browser = web
    ali = browser("ali")
    csrf = _csrf(ali.get("/data").text)
    bad = ali.post("/data?lang=ar", data={"csrf": csrf, "mapping": "entities: [oops",
                                          "purposes": DT},
                   files={"file": ("export.csv", CSV, "text/csv")})
    assert bad.status_code == 400
    assert 'id="mapping-error"' in bad.text and "entities: [oops</textarea>" in bad.text
    assert re.search(r'name="token" value="[0-9a-f]{32}"', bad.text)
    assert 'data-testid="kept-file"' in bad.text


MAPPING = """entities:
  person:
    schema: Person
    keys: [id]
    properties:
      name: {column: name}
      birthDate: {column: born}
      nationality: {column: country}
"""
# a good row, a bad date, and a row with two faults (date and country)
BAD_ROWS = ("id,name,born,country\n"
            "p1,Hélène Dubreuil,1979-03-02,fr\n"
            "p2,Jérôme Lefèvre,1985-13-45,fr\n"
            "p3,Karim Benali,1990-02-31,Narnia\n").encode()


@pytest.mark.parametrize(("lang", "date_words", "country_words", "joiner"), [
    ("fr", "date non valide", "pays inconnu", " ; "),
    ("ar", "تاريخ غير صالح", "بلد غير معروف", "؛ "),
])
def test_rows_set_aside_say_why_in_the_readers_language(  # type: ignore[no-untyped-def]
        web, lang: str, date_words: str, country_words: str, joiner: str) -> None:
    """Issue 15: a row's refusal is rendered from its code in the page's language (no longer
    English marked lang="en"); the quarantine CSV keeps the English reason for scripts."""
    _store, browser = web
    ali = browser("ali")
    csrf = _csrf(ali.get("/data").text)
    done = ali.post(f"/data?lang={lang}", data={"csrf": csrf, "mapping": MAPPING,
                                                "purposes": DT},
                    files={"file": ("people.csv", BAD_ROWS, "text/csv")})
    assert done.status_code == 200, re.findall(r'role="alert"[^>]*>(.*?)</p>', done.text)
    table = re.search(r'<table data-testid="quarantine">(.*?)</table>', done.text, re.S)
    assert table, done.text[-3000:]
    cells = re.findall(r"<tr><td><bdi>(\d+)</bdi></td><td><bdi>[^<]*</bdi></td>(<td.*?</td>)"
                       r"</tr>", table.group(1), re.S)
    reasons = dict(cells)
    assert set(reasons) == {"2", "3"}, table.group(1)  # data rows, as numbered
    for row, cell in reasons.items():
        assert 'lang="en"' not in cell and "invalid date" not in cell, (row, cell)
        assert date_words in cell, (row, cell)
    assert '<bdi dir="ltr">1985-13-45</bdi>' in reasons["2"]  # the value isolated
    # two faults of one row: both said, joined the language's way
    assert country_words in reasons["3"] and joiner in reasons["3"], reasons["3"]
    link = re.search(r'href="(/data/[0-9a-f]{32}/quarantine.csv)"', done.text).group(1)
    csv_text = ali.get(link).text
    assert "invalid date '1985-13-45' for birthDate" in csv_text  # English, as before
    assert "unknown country 'Narnia' for nationality" in csv_text
