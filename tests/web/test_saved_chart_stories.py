"""A saved chart as an analyst keeps one, in headless Chromium, in Arabic and in English
(issue 14, point 4): start from a name typed in Arabic script, pick the Latin record, draw,
save the chart with a name and notes, open it again from the list (same centre, notes shown,
drawn again), then delete it. Any console error or failed request fails the story."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser

from tests.web.browser import browsing, shot
from tests.web.demo_world import World

LANGS = ("ar", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_save_open_and_delete_a_chart(
    browser: Browser, server: str, world: World, lang: str,
) -> None:
    with browsing(browser, server, lang, *world.login("MA-DGSN")) as (page, _):
        page.goto(server + "/chart")
        page.wait_for_selector("#cy[data-loaded]", timeout=30_000)
        page.fill("#chart-q", world.arabic_name)
        page.click("#chart-find button[type=submit]")
        pick = page.locator(f"#chart-found button[data-id='{world.latin_id}']")
        pick.wait_for()
        page.evaluate("delete document.getElementById('cy').dataset.loaded")
        pick.click()
        page.wait_for_selector("#cy[data-loaded]", timeout=30_000)
        page.select_option("#chart-depth", "1")  # drawn again at depth 1
        page.evaluate("delete document.getElementById('cy').dataset.loaded")
        page.click("#chart-form button[type=submit]")
        page.wait_for_selector("#cy[data-loaded]", timeout=30_000)
        drawn = sorted(page.evaluate("window.interlinkChart.nodes().map(n => n.id())"))
        # saved with a name and notes in the reader's language
        name = f"{lang}: {world.arabic_name}"
        notes = "اطلب من الشريك سجل المكالمات" if lang == "ar" else "ask the partner for calls"
        page.fill("#save-name", name)
        page.fill("#save-notes", notes)
        page.click("#chart-save button[type=submit]")
        page.wait_for_selector("[data-testid=chart-saved-done]")
        chart = re.search(r"chart=([0-9a-f]+)", page.url)
        assert chart, page.url
        page.wait_for_selector("#cy[data-loaded]", timeout=30_000)
        assert page.inner_text("[data-testid=chart-opened] h3").strip() == name
        assert page.inner_text("[data-testid=chart-notes]").strip() == notes
        assert page.input_value("#chart-depth") == "1"
        centre = page.evaluate("window.interlinkChart.nodes().filter(n => n.data('centre'))"
                               ".map(n => n.data('records'))")
        assert len(centre) == 1 and world.latin_id in centre[0]
        assert sorted(page.evaluate("window.interlinkChart.nodes().map(n => n.id())")) == drawn
        # it is in the list: opened from there on a fresh page, it draws again
        page.goto(server + "/chart")
        # the page draws its default chart first: clicking before that fetch ends aborts it
        page.wait_for_selector("#cy[data-loaded]", timeout=30_000)
        link = page.locator(f"[data-testid=chart-saved-list] a[href='/chart?chart="
                            f"{chart.group(1)}']")
        assert link.inner_text().strip() == name
        link.click()
        page.wait_for_selector("#cy[data-loaded]", timeout=30_000)
        assert sorted(page.evaluate("window.interlinkChart.nodes().map(n => n.id())")) == drawn
        shot(page, lang, "chart-saved")
        page.click("[data-testid=chart-delete]")
        page.wait_for_selector("[data-testid=chart-deleted-done]")
        assert page.locator(f"a[href='/chart?chart={chart.group(1)}']").count() == 0
