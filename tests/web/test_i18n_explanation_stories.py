"""Why a name matched, read in the browser in Arabic, French, Spanish and English: a typed
screening's explanation and a resolution pair's compared names are said in the reader's words
(no "same sound key" left in an Arabic page). Screenshots are kept under
test-artifacts/screenshots/<lang>/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser

from tests.web.browser import browsing, shot
from tests.web.demo_world import World

LANGS = ("ar", "fr", "es", "en")
#: a word each language uses to say that two parts of the names met
MATCHES = {"ar": "يطابق", "fr": "correspond à", "es": "coincide con", "en": "matches"}
ENGLISH = re.compile(r"\b(?:same sound key|matches|same spelling|date of birth)\b")


@pytest.mark.parametrize("lang", LANGS)
def test_a_screening_explains_itself_in_the_readers_language(
    browser: Browser, server: str, world: World, lang: str,
) -> None:
    surname, given, born = world.screen_name
    with browsing(browser, server, lang, *world.login("FR-OFAST")) as (page, _):
        page.goto(server + "/screen")
        page.fill("#name", f"{given} {surname}")
        page.fill("#birth_date", born)
        page.click("form[action='/screen'] button[type=submit]")
        page.wait_for_selector("[data-testid=last-screening]")
        cells = page.locator("[data-testid=last-screening] [data-testid=alert-explanation]")
        assert cells.count() >= 1
        text = cells.first.inner_text()
        assert MATCHES[lang] in text, text
        if lang != "en":
            assert not ENGLISH.search(text), text
        assert cells.first.locator("bdi").count() >= 2  # the names, isolated
        shot(page, lang, "screening-explanation")


@pytest.mark.parametrize("lang", LANGS)
def test_a_pairs_names_are_compared_in_the_readers_language(
    browser: Browser, server: str, world: World, lang: str,
) -> None:
    with browsing(browser, server, lang, *world.login("MA-DGSN")) as (page, _):
        page.goto(server + "/review")
        page.locator("[data-testid=pair]").first.wait_for()
        compared = page.locator("[data-testid=names-compared]")
        assert compared.count() >= 1
        text = compared.first.inner_text()
        assert {"ar": "الاسم", "fr": "nom", "es": "nombre", "en": "name"}[lang] in text, text
        assert "%(" not in text, text
        if lang != "en":
            assert not ENGLISH.search(text), text
        # the field-by-field table is in words too: no raw level ("close (>=0.88)")
        table = page.locator("[data-testid=explanation]").first.inner_text()
        assert ">=" not in table and "JW" not in table, table
        shot(page, lang, "review-explanation")
