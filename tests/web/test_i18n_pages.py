"""Every page in Arabic and French, as a reader gets it: no English sentence in an Arabic page
(outside what someone typed, isolated with dir="auto" or <bdi>, and the services' words not yet
given a code, marked lang="en"), refusals said in the reader's language, numbers and amounts
the language's way, a translated HTML page (never JSON, never a server path) for an unknown
address or a wrong parameter."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.web.test_gate import DT, _csrf, web  # noqa: F401 - the fixture

ENGLISH_RUN = re.compile(r"\b[a-z]{2,}(?:[ ,]+[a-z]{2,}){2,}\b")
SERVER_PATHS = ("/work/", "site-packages", "Traceback", "/usr/", "/home/")
#: a word of Latin script with lower-case letters, not part of an id, address, file or code: on
#: an Arabic page it is English left over ("Seizure", "Bank account", "cannabis resin"), which
#: ENGLISH_RUN's three-word runs let through; acronyms and codes (TLP:AMBER, CSV, EUR) pass
LATIN_WORD = re.compile(r"(?<![\w@.:/+-])[A-Za-z][a-z]{2,}(?![\w@.:/+-])")
#: names of things that are not translated: the product, other languages' own names, formats
#: and a keyboard key
NOT_TRANSLATED = {"Interlink", "English", "Español", "Français", "FtM", "GraphML", "Shift"}
#: what the scene's users typed in Latin script: agencies' names (given in French), the
#: operation's name; data in an <option> cannot be isolated from the label around it
SCENE_DATA = {"Direction", "Générale", "Sûreté", "Nationale", "Office", "anti", "stupéfiants",
              "Atlas"}


class _Text(HTMLParser):
    """The text a reader sees, without what is typed data or marked as English."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []  # per open element: inside skipped content?
        self.english: list[bool] = []  # per open element: inside lang="en"?
        self.text: list[str] = []
        self.english_text: list[str] = []  # what is marked as English (not yet translated)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        a = dict(attrs)
        # an isolated value (<bdi>) in English is data in its own language (an agency that gave
        # no Arabic name), not the interface left untranslated
        english = (a.get("lang") or "").startswith("en") and tag != "bdi"
        self.english.append(english or (bool(self.english) and self.english[-1]))
        skip = (tag in ("script", "style", "bdi", "time", "textarea", "title") or english
                or (a.get("lang") or "").startswith("und")
                or a.get("dir") == "auto" or "ids" in (a.get("class") or "").split())
        self.stack.append(skip or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()
            self.english.pop()

    def handle_data(self, data: str) -> None:
        if self.english and self.english[-1] and data.strip():
            self.english_text.append(data.strip())
        if not (self.stack and self.stack[-1]) and data.strip():
            self.text.append(data.strip())


def _visible(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    return parser


@pytest.fixture
def scene(web):  # type: ignore[no-untyped-def]  # noqa: F811
    """An operation with a seizure, a request with a running deadline, and the pages' URLs."""
    _, _, browser, store = web
    sara = browser("sara")
    token = _csrf(sara.get("/operations").text)
    made = sara.post("/operations", data={"name": "Atlas", "purposes": DT, "csrf": token},
                     follow_redirects=False)
    op_url = made.headers["location"]
    token = _csrf(sara.get(op_url).text)
    seized = sara.post(op_url + "/result", data={
        "kind": "seizure", "on": "2026-01-10", "country": "MA", "commodity": "راتنج القنب",
        "quantity": "373925", "unit": "kg", "csrf": token}, follow_redirects=False)
    assert seized.status_code == 303, seized.text
    page = sara.get("/legal-requests").text
    r = sara.post("/legal-requests", data={
        "type": "mla", "requested": "FR-OFAST", "subjects": "ma-p1", "legal_basis": "untoc-18",
        "deadline": "2030-01-31", "csrf": _csrf(page)}, follow_redirects=False)
    assert r.status_code == 303, r.text
    req_url = r.headers["location"]
    sara.post(req_url + "/step", data={"action": "send", "csrf": _csrf(sara.get(req_url).text)})
    notice = sara.post("/notices", data={
        "csrf": _csrf(sara.get("/notices").text), "type": "red", "subject": "ma-p1",
        "scope": "FR-OFAST", "reason": "trafic de stupéfiants", "reference": "2026/77"},
        follow_redirects=False)
    assert notice.status_code == 303, notice.text
    notice_url = notice.headers["location"].split("?")[0]
    pages = ["/", "/search?q=Amra", "/entity/ma-p1", "/screen", "/review", "/sharing",
             "/operations", op_url, "/legal-requests", req_url, "/audit", "/network", "/chart",
             "/chart?centre=ma-p1", op_url + "/report", "/notices", notice_url, "/data",
             "/login"]
    return sara, pages, op_url, req_url


#: GET routes that answer data, a file or a redirect, not a page a reader reads
NOT_PAGES = {"/lang/{code}", "/suggest", "/chart/data", "/chart/search", "/chart/graphml",
             "/chart/gexf", "/data/{token}/quarantine.csv"}


def test_the_scene_opens_every_page_of_the_interface(scene) -> None:  # type: ignore[no-untyped-def]
    """A page added to the interface fails here until the language test below reads it."""
    from interlink.web.app import PAGES

    _, pages, *_ = scene
    paths = [url.split("?")[0] for url in pages]
    missing = [route.path for module in PAGES for route in module.router.routes
               if "GET" in route.methods and route.path not in NOT_PAGES
               and not any(route.path_regex.match(p) for p in paths)]
    assert not missing


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_every_page_speaks_the_readers_language(scene, lang: str) -> None:  # type: ignore[no-untyped-def]
    sara, pages, op_url, _ = scene
    for url in pages:
        sep = "&" if "?" in url else "?"
        r = sara.get(f"{url}{sep}lang={lang}")
        assert r.status_code in (200, 202), (url, r.status_code)
        html = r.text
        assert f'lang="{lang}"' in html[:300] and ('dir="rtl"' in html[:300]) == (lang == "ar")
        seen = _visible(html)
        # nothing left in English on these pages but the language switcher's own name
        assert set(seen.english_text) <= {"English"}, (url, seen.english_text)
        if lang == "ar":
            english = [t for t in seen.text if ENGLISH_RUN.search(t)]
            assert not english, (url, english)
            latin = ({w for t in seen.text for w in LATIN_WORD.findall(t)} - NOT_TRANSLATED
                     - SCENE_DATA)
            assert not latin, (url, sorted(latin))
        assert not any(p in html for p in SERVER_PATHS), url
    # the seizure typed in Arabic is counted under its code and shown in the reader's words,
    # its quantity the language's way
    shown = sara.get(f"{op_url}?lang={lang}").text
    if lang == "fr":
        assert "373\u202f925 kg résine de cannabis" in shown
    else:
        assert "373,925 كغ راتنج القنب" in shown


def test_refusals_are_said_in_the_readers_language(scene) -> None:  # type: ignore[no-untyped-def]
    sara, _, op_url, req_url = scene
    token = _csrf(sara.get(op_url).text)
    bad = sara.post(op_url + "/result?lang=ar", data={
        "kind": "seizure", "on": "2026-01-10", "commodity": "cocaine", "quantity": "beaucoup",
        "unit": "kg", "csrf": token})
    assert bad.status_code == 400
    # said beside the quantity, the form given back as typed
    beside = re.search(r'<p class="error field-error" id="quantity-error"[^>]*>(.*?)</p>',
                       bad.text, re.S).group(1)
    assert "الكمية" in beside and 'lang="en"' not in beside
    assert "<bdi>beaucoup</bdi>" in beside and 'value="beaucoup"' in bad.text
    # an EIO from Morocco: refused, the law named in French
    page = sara.get("/legal-requests").text
    eio = sara.post("/legal-requests?lang=fr", data={
        "type": "eio", "requested": "FR-OFAST", "subjects": "ma-p1", "csrf": _csrf(page)})
    assert eio.status_code == 400
    assert "décision d&#39;enquête européenne : uniquement entre États membres" in eio.text
    assert "Maroc" in eio.text
    # a step out of turn (409: not in this state), in Arabic, with the states in words
    late = sara.post(req_url + "/step?lang=ar", data={
        "action": "send", "csrf": _csrf(sara.get(req_url).text)})
    assert late.status_code == 409 and "مرسل" in late.text and 'lang="en"' not in re.search(
        r'<p class="error" role="alert">(.*?)</p>', late.text, re.S).group(1)


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_unknown_pages_and_bad_parameters_get_a_translated_page(scene, lang: str) -> None:  # type: ignore[no-untyped-def]
    sara, *_ = scene
    missing = sara.get(f"/no/such/page?lang={lang}")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert ("هذه الصفحة غير موجودة" if lang == "ar" else "Cette page n&#39;existe pas") in (
        missing.text)
    wrong = sara.get(f"/audit?before=yesterday&lang={lang}")
    assert wrong.status_code == 422 and wrong.headers["content-type"].startswith("text/html")
    assert "before" in wrong.text and '"detail"' not in wrong.text
    assert not any(p in missing.text + wrong.text for p in SERVER_PATHS)
    # the API keeps its JSON
    api = sara.get("/api/v1/no-such-route")
    assert api.status_code == 404 and api.headers["content-type"].startswith("application/json")


def test_the_audit_log_names_each_request_type(scene) -> None:  # type: ignore[no-untyped-def]
    sara, *_ = scene
    audit = sara.get("/audit?lang=fr").text
    assert "entraide judiciaire / commission rogatoire internationale : envoyer" in audit
    home = sara.get("/?lang=ar").text
    assert "المساعدة القانونية المتبادلة" in home


def test_a_broken_chain_is_told_in_the_readers_language(scene, web) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """The audit page's verification names each problem in Arabic or French, and a file by
    its name, never its server path."""
    from sqlalchemy import update

    from interlink.audit.table import audit_log

    sara, *_ = scene
    store = web[3]
    with store.engine.begin() as conn:
        conn.execute(update(audit_log).where(audit_log.c.seq == 3).values(reason="x"))
    for lang, words in (("ar", "عُدِّل بعد كتابته"), ("fr", "a été modifiée après son écriture")):
        page = sara.get(f"/audit?verify=1&lang={lang}").text
        broken = re.search(r'<p class="error" role="alert">.*?</ul>', page, re.S)
        assert broken and words in broken.group(0), page[-3000:]
        assert 'lang="en"' not in broken.group(0)
        assert not any(p in page for p in SERVER_PATHS)
