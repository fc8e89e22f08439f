"""Explanations and the whole interface in the reader's language (issue 15, language and form):
a screening alert's explanation is stored as codes and shown in Arabic, French or Spanish with
no English left; every page renders in Spanish too; no interface sentence is left untranslated
(an English catalogue key found verbatim in a translated page fails the test)."""

from __future__ import annotations

import json
import re

import pytest
from babel.messages.pofile import read_po
from sqlalchemy import select

from interlink.store.tables import alerts
from interlink.web import i18n
from tests.web.test_gate import _csrf, web  # noqa: F401 - the fixture
from tests.web.test_i18n import _source_ids
from tests.web.test_i18n_pages import ENGLISH_RUN, SERVER_PATHS, _visible, scene  # noqa: F401

#: the words of the matcher and of the evidence, in English: never in a translated explanation
ENGLISH_EXPLAINING = re.compile(r"\b(?:same|sound key|matches|birth|without|vowels|spelling|"
                                r"different|consonants)\b")


def _sentences() -> set[str]:
    """The interface's own sentences (three words or more), as written in English."""
    return {s for s in _source_ids() if len(s.split()) >= 3 and "%(" not in s}


def _screened(client) -> str:  # type: ignore[no-untyped-def]
    token = _csrf(client.get("/screen").text)
    r = client.post("/screen", data={"name": "Mohamed Amra", "birth_date": "1990-01-02",
                                     "csrf": token}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return r.headers["location"]


@pytest.mark.parametrize("lang", ["ar", "fr", "es"])
def test_a_screening_explanation_in_the_readers_language(web, lang: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    _, _, browser, store = web
    sara = browser("sara")
    where = _screened(sara)
    html = sara.get(f"{where}&lang={lang}").text
    cells = re.findall(r'data-testid="alert-explanation">(.*?)</td>', html, re.S)
    assert cells, "the screening raised no alert"
    for cell in cells:
        assert not ENGLISH_EXPLAINING.search(cell), (lang, cell)
        assert {"ar": "يطابق", "fr": "correspond à", "es": "coincide con"}[lang] in cell
        assert {"ar": "الاسم", "fr": "nom", "es": "nombre"}[lang] in cell
    # the codes are what the store keeps, beside the English line of HITS.csv
    with store.engine.connect() as conn:
        rows = conn.execute(select(alerts.c.explanation, alerts.c.explanation_codes)).all()
    assert rows and all(r.explanation_codes for r in rows)
    for row in rows:
        kept = json.loads(row.explanation_codes)
        assert kept["score"] is not None and kept["items"]
        assert all(item["code"] != "name.other" for item in kept["items"])


def test_english_reads_the_explanation_in_words(web) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    _, _, browser, _ = web
    sara = browser("sara")
    where = _screened(sara)
    html = sara.get(f"{where}&lang=en").text
    cells = re.findall(r'data-testid="alert-explanation">(.*?)</td>', html, re.S)
    assert cells and all("matches" in c and ": name 0." in c for c in cells)


@pytest.mark.parametrize("lang", ["ar", "fr", "es"])
def test_no_interface_sentence_is_left_in_english(scene, lang: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """Every page of the scene: no catalogue sentence shown as its English key (a string the
    catalogue of `lang` lacks), the page in `lang`; Arabic pages with no English run at all."""
    sara, pages, _, _ = scene
    english = _sentences()
    for url in pages + ["/data", "/notices", "/no/such/page"]:
        sep = "&" if "?" in url else "?"
        r = sara.get(f"{url}{sep}lang={lang}")
        assert r.status_code in (200, 202, 404), (url, r.status_code)
        assert f'lang="{lang}"' in r.text[:300], url
        seen = _visible(r.text)
        text = "\n".join(seen.text)
        left = sorted(s for s in english if s in text)
        assert not left, (url, left)
        if lang == "ar":
            assert not [t for t in seen.text if ENGLISH_RUN.search(t)], url
        assert not any(p in r.text for p in SERVER_PATHS), url


def test_every_web_string_is_in_spanish() -> None:
    po = i18n.LOCALE_DIR / "es" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as f:
        catalog = read_po(f, locale="es")
    untranslated = [m.id for m in catalog if m.id and (
        m.fuzzy or not (all(m.string) if isinstance(m.string, tuple) else m.string))]
    assert not untranslated
    ids = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog if m.id}
    assert _source_ids() <= ids, sorted(_source_ids() - ids)
    es = i18n.Lang("es")
    assert es.gettext("Search") == "Búsqueda"
    assert es.ngettext("%(num)s alert.", "%(num)s alerts.", 1) == "1 alerta."
    assert es.ngettext("%(num)s alert.", "%(num)s alerts.", 3) == "3 alertas."
    assert es.number(1234567.5, 2) == "1.234.567,50"
    assert i18n.negotiate("es-CO,es;q=0.9") == "es"
