"""Nothing missed, in the browser, in Arabic and English: an invitation to an operation and a
notice published to the agency reach its home page's inbox (with the count in the header), and
their links lead to where they are dealt with; the notice is withdrawn by its issuer."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.web.browser import browsing, shot
from tests.web.demo_world import World

LANGS = ("ar", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_invitation_and_notice_reach_the_inbox(browser: Browser, server: str, world: World,
                                               lang: str) -> None:
    name = f"Inbox {lang}"
    with browsing(browser, server, lang, *world.login("MA-DGSN", "supervisor")) as (ma, _), \
            browsing(browser, server, lang, *world.login("ES-DAVA", "supervisor")) as (es, _):
        ma.goto(server + "/operations")
        ma.fill("#op-name", name)
        ma.check("input[name=partners][value=ES-DAVA]")
        ma.click("form[action='/operations'] button[type=submit]")
        ma.wait_for_selector("[data-testid=members]")
        op_path = ma.url.removeprefix(server).split("?")[0]

        ma.goto(server + "/notices")
        ma.select_option("#notice-type", "yellow")
        ma.fill("#notice-subject", world.arabic_id)
        ma.check("input[name=scope][value=ES-DAVA]")
        ma.fill("#notice-reason", "missing since March")
        ma.click("form[action='/notices'] button[type=submit]")
        ma.wait_for_selector("[data-testid=notice]")
        notice_path = ma.url.removeprefix(server).split("?")[0]

        es.goto(server + "/")
        assert es.locator("#h-inbox").is_visible()
        assert es.locator(".inbox-count").is_visible()  # the count in the header
        invitation = es.locator(f".inbox-invitation a[href='{op_path}']")
        notice = es.locator(f".inbox-notice a[href='{notice_path}']")
        assert name in invitation.inner_text() and "MA-DGSN" in notice.inner_text()
        shot(es, lang, "inbox")
        notice.click()
        es.wait_for_selector("[data-testid=notice]")
        assert "missing since March" in es.locator("[data-testid=notice]").inner_text()
        assert es.locator("#h-withdraw").count() == 0  # only the issuer withdraws
        shot(es, lang, "notice")
        es.goto(server + "/")
        es.locator(f".inbox-invitation a[href='{op_path}']").click()
        es.wait_for_selector("[data-testid=members]")

        ma.fill("#withdraw-reason", "found")
        ma.click(f"form[action='{notice_path}/withdraw'] button[type=submit]")
        ma.wait_for_selector(".ok[role=status]")
        assert ma.locator("#h-withdraw").count() == 0
        es.goto(server + "/")
        assert es.locator(f".inbox-notice a[href='{notice_path}']").count() == 0
