"""The analyst's day in the browser, in Arabic, French and English (issue 15), continued.

Nothing retyped: a judicial request's subject is picked by its Arabic name; the draft is edited
on its page, and an edit refused (a record unknown to the agency) comes back as typed, the
error beside the field; a step dated in the future is refused beside its date; the money-flow
account and the chart's centre are picked by name. Screenshots in test-artifacts/<lang>/.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.web.browser import browsing, shot
from tests.web.demo_world import World
from tests.web.test_day_stories import _pick

LANGS = ("ar", "fr", "en")


def _error_beside(page: Page, field: str) -> str:
    error = page.locator(f"#{field}-error[data-field={field}]")
    error.wait_for()
    return error.inner_text()


@pytest.mark.parametrize("lang", LANGS)
def test_request_edited_and_dated_from_the_web(browser: Browser, server: str, world: World,
                                                lang: str) -> None:
    with browsing(browser, server, lang, *world.login("MA-DGSN", "supervisor")) as (ma, watch):
        watch.allow(r"/legal-requests/[0-9a-f]+/(edit|step)$")  # refusals answer 400
        ma.goto(server + "/legal-requests")
        ma.select_option("#lr-type", "mla")
        ma.select_option("#lr-requested", "FR-OFAST")
        _pick(ma, "#lr-subjects", world.arabic_name, world.arabic_id)
        ma.select_option("#lr-basis", "untoc-18")
        ma.fill("#lr-message", f"first ({lang})")
        ma.click("form[action='/legal-requests'] button[type=submit]")
        ma.wait_for_selector("[data-testid=request]")
        # the draft edited: a record unknown to MA-DGSN is refused beside the field, kept
        ma.click("[data-testid=edit-draft] summary")
        ma.fill("#ed-subjects", f"{world.arabic_id}, no-such-record")
        typed = f"what I typed ({lang})"
        ma.fill("#ed-message", typed)
        ma.click("form[action$='/edit'] button[type=submit]")
        assert "no-such-record" in _error_beside(ma, "subjects")
        assert ma.input_value("#ed-message") == typed
        assert ma.get_attribute("#ed-subjects", "aria-invalid") == "true"
        shot(ma, lang, "draft-edit-refused")
        ma.fill("#ed-subjects", world.arabic_id)
        ma.click("form[action$='/edit'] button[type=submit]")
        ma.wait_for_selector(".ok[role=status]")
        assert typed in ma.locator("[data-testid=request]").inner_text()
        # a step "when it really happened" cannot be in the future: refused beside the date
        ma.fill("#step-at", "2999-01-01T10:00")
        ma.click("[data-testid=step-form] button[value=send]")
        assert _error_beside(ma, "at")
        assert ma.input_value("#step-at") == "2999-01-01T10:00"
        shot(ma, lang, "step-date-refused")
        ma.fill("#step-at", "")
        ma.click("[data-testid=step-form] button[value=send]")
        ma.wait_for_selector("[data-state=sent]")
        assert ma.locator("[data-testid=edit-draft]").count() == 0
        assert ma.locator("[data-testid=history] li").count() == 3  # draft, edit, send

        # follow the money from a person picked by name
        ma.goto(server + "/network#money")
        _pick(ma, "#account", world.latin_name, world.latin_id)
        shot(ma, lang, "money-account-picked")
        # the chart's centre picked by name
        ma.goto(server + "/chart")
        _pick(ma, "#chart-ids", world.arabic_name, world.arabic_id)
        shot(ma, lang, "chart-centre-picked")
