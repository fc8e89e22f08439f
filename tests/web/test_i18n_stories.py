"""Language and form in the browser, in Arabic and French: a phone number keeps its "+" on
the left inside an Arabic page (measured on the rendered glyphs, not on the markup), the
legal clock of a request is read in words, an unknown address answers with a translated page.
Screenshots are kept under test-artifacts/screenshots/<lang>/."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from interlink.store import open_store
from tests.web.browser import browsing, shot
from tests.web.demo_world import World

LANGS = ("ar", "fr")


def _phone_record(world: World) -> tuple[str, str]:
    """An MA-DGSN record with an international phone number (its owner sees it in full)."""
    store = open_store(str(world.path))
    try:
        for record in store.iter_records(owner="MA-DGSN"):
            for phone in record.entity.get("phone", quiet=True):
                if phone.startswith("+"):
                    return record.id, phone
    finally:
        store.engine.dispose()
    pytest.fail("the demo world has no MA-DGSN record with a phone number")


def _plus_is_left_of_the_digits(page: Page, phone: str) -> bool:
    """Where the "+" and the first digit are drawn: in an isolated number the "+" comes
    first from the left, whatever the page's direction."""
    return bool(page.evaluate(
        """(phone) => {
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const node = walker.currentNode, at = node.data.indexOf(phone);
            if (at < 0) continue;
            const box = (i) => { const r = document.createRange();
              r.setStart(node, at + i); r.setEnd(node, at + i + 1);
              return r.getBoundingClientRect(); };
            return box(0).left < box(1).left;
          }
          return null;
        }""", phone))


@pytest.mark.parametrize("lang", LANGS)
def test_numbers_ids_and_words_in_the_readers_language(
    browser: Browser, server: str, world: World, lang: str,
) -> None:
    record_id, phone = _phone_record(world)
    with browsing(browser, server, lang, *world.login("MA-DGSN", "supervisor")) as (page, watch):
        page.goto(f"{server}/entity/{record_id}")
        assert page.get_attribute("html", "lang") == lang
        assert page.locator(f"bdi[dir=ltr]:has-text('{phone}')").count() >= 1
        assert _plus_is_left_of_the_digits(page, phone)
        shot(page, lang, "entity-phone")
        # an unknown address: a translated page, not JSON
        watch.allow(r"/no/such/page$")
        page.goto(f"{server}/no/such/page")
        problem = page.locator("[data-testid=problem]").inner_text()
        assert problem == {"ar": "هذه الصفحة غير موجودة.", "fr": "Cette page n'existe pas."}[lang]
        shot(page, lang, "not-found")
