"""Cooperation in the browser, in Arabic and in English: a joint operation from creation to its
report, and a judicial request from draft to executed, each side in its own session."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.web.browser import browsing, shot
from tests.web.demo_world import World

LANGS = ("ar", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_operation_from_creation_to_report(browser: Browser, server: str, world: World,
                                           lang: str) -> None:
    name = f"Atlas {lang}"
    with browsing(browser, server, lang, *world.login("MA-DGSN", "supervisor")) as (lead, _), \
            browsing(browser, server, lang, *world.login("ES-DAVA", "supervisor")) as (
                partner, _):
        lead.goto(server + "/operations")
        lead.fill("#op-name", name)
        lead.check("input[name=partners][value=ES-DAVA]")
        lead.fill("#op-starts", "2026-11-01")
        lead.click("form[action='/operations'] button[type=submit]")
        lead.wait_for_selector("[data-testid=members]")
        op_url = lead.url
        assert name in lead.locator("h1").inner_text()
        # the partner sees the invitation, joins, shares, and records a seizure
        partner.goto(op_url)
        partner.click("form[action$='/join'] button")
        partner.wait_for_selector(".ok[role=status]")
        partner.click("form[action$='/share'] button")
        partner.wait_for_selector(".ok[role=status]")
        partner.select_option("#r-kind", "seizure")
        partner.fill("#r-on", "2026-11-20")
        partner.fill("#r-place", "Algeciras")
        partner.fill("#r-country", "es")
        partner.fill("#r-commodity", "cocaine")
        partner.fill("#r-quantity", "1250")
        partner.select_option("#r-unit", "kg")
        partner.click("form[action$='/result'] button[type=submit]")
        partner.wait_for_selector(".ok[role=status]")
        # the lead targets a record, records an arrest and closes
        lead.goto(op_url)
        lead.fill("#target-id", world.arabic_id)
        lead.click("form[action$='/target'] button")
        lead.wait_for_selector(".ok[role=status]")
        lead.select_option("#r-kind", "arrest")
        lead.fill("#r-on", "2026-11-21")
        lead.fill("#r-person", world.arabic_name)
        lead.click("form[action$='/result'] button[type=submit]")
        lead.wait_for_selector(".ok[role=status]")
        totals = lead.locator("[data-testid=totals] tbody td")
        assert totals.nth(0).inner_text().strip() in ("1", "١")
        assert totals.nth(1).inner_text().strip() in ("1", "١")
        shot(lead, lang, "operation")
        lead.fill("#close-reason", "done")
        lead.click("form[action$='/close'] button")
        lead.wait_for_selector(".ok[role=status]")
        lead.click("[data-testid=report]")
        lead.wait_for_load_state()
        report = lead.content()
        assert name in report and "1,250" in report.replace("\u202f", ",").replace(" ", ",") \
            or "1250" in report or "١" in report
        shot(lead, lang, "operation-report")


@pytest.mark.parametrize("lang", LANGS)
def test_request_from_draft_to_executed(browser: Browser, server: str, world: World,
                                        lang: str) -> None:
    with browsing(browser, server, lang, *world.login("MA-DGSN", "supervisor")) as (asker, _), \
            browsing(browser, server, lang, *world.login("FR-OFAST", "supervisor")) as (
                owner, _):
        asker.goto(server + "/legal-requests")
        asker.select_option("#lr-type", "mla")
        asker.select_option("#lr-requested", "FR-OFAST")
        asker.fill("#lr-subjects", world.latin_id)
        asker.select_option("#lr-basis", "untoc-18")
        asker.fill("#lr-measures", "bank records\nhearing of the witness")
        asker.click("form[action='/legal-requests'] button[type=submit]")
        asker.wait_for_selector("[data-testid=request]")
        url = asker.url

        def state(page) -> str:  # type: ignore[no-untyped-def]
            return page.locator("[data-state]").get_attribute("data-state")

        assert state(asker) == "draft"
        asker.click("button[name=action][value=send]")
        asker.wait_for_selector(".ok[role=status]")
        assert state(asker) == "sent"
        owner.goto(url)
        for action in ("receive", "accept", "start", "execute"):
            owner.click(f"button[name=action][value={action}]")
            owner.wait_for_selector(".ok[role=status]")
        assert state(owner) == "executed"
        shot(owner, lang, "legal-request")
        asker.reload()
        assert state(asker) == "executed"
        assert asker.locator("[data-testid=history] li").count() == 6  # drafted + 5 steps
