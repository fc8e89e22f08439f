"""The analyst's day in the browser, in Arabic, French and English (issue 15).

Nothing missed: a notice another agency publishes raises an alert for one of my records; the
inbox count is in the header of whatever page I am on, and the alert on the screening page says
it comes from a notice (issuer, type, reason) and links to it; lists sort and page by their
headers and pager.

Nothing retyped: the notice's subject and an operation's target are picked by typing a name in
any script; a refused form comes back as typed, the error beside the field it names.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page

from tests.web.browser import browsing, shot
from tests.web.demo_world import World

LANGS = ("ar", "fr", "en")


def _pick(page: Page, field: str, typed: str, record_id: str) -> None:
    """Type a name in the picker beside `field` and choose the suggestion for `record_id`."""
    name_box = page.locator(f"{field} + .picker .picker-name")
    name_box.fill(typed)
    option = page.locator(f"{field} + .picker [role=option][data-id='{record_id}']")
    option.wait_for()
    assert name_box.get_attribute("aria-expanded") == "true"
    option.click()
    assert record_id in page.input_value(field)


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_missed(browser: Browser, server: str, world: World, lang: str) -> None:
    reason = f"wanted ({lang})"
    with browsing(browser, server, lang, *world.login("FR-OFAST", "supervisor")) as (fr, _), \
            browsing(browser, server, lang, *world.login("MA-DGSN", "analyst")) as (ma, _):
        fr.goto(server + "/notices")
        fr.select_option("#notice-type", "red")
        fr.fill("#notice-subject", world.latin_id)
        fr.fill("#notice-reason", reason)
        fr.click("form[action='/notices'] button[type=submit]")
        fr.wait_for_selector("[data-testid=notice]")
        notice_path = fr.url.removeprefix(server).split("?")[0]

        # the count is in the header of any page, and leads to the inbox
        ma.goto(server + "/search")
        count = ma.locator("header .inbox-count")
        assert int(count.get_attribute("data-count") or "0") >= 1 and count.inner_text()
        count.click()
        ma.wait_for_selector("#h-inbox")
        assert ma.locator(f".inbox-alert a[href='{notice_path}']").count() >= 1

        # the alert tells it comes from the notice, whose link it gives
        ma.goto(server + "/screen?new_type=notice")
        source = ma.locator("[data-testid=notice-alert]", has_text=reason).first
        assert "FR-OFAST" in source.inner_text()
        assert source.locator(f"a[href='{notice_path}']").count() == 1
        shot(ma, lang, "notice-alerts")
        source.locator(f"a[href='{notice_path}']").click()
        ma.wait_for_selector("[data-testid=notice]")
        assert reason in ma.locator("[data-testid=notice]").inner_text()

        # a list sorts by its header and pages by its pager, the filters kept
        ma.goto(server + f"/search?q={world.latin_name}")
        ma.locator("[data-testid=results] a.sort[data-sort=name]").click()
        ma.wait_for_url(re.compile(r"sort=name"))
        assert ma.locator("[data-testid=results] th[aria-sort]").count() == 1
        shot(ma, lang, "search-sorted")


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_retyped(browser: Browser, server: str, world: World, lang: str) -> None:
    with browsing(browser, server, lang, *world.login("MA-DGSN", "supervisor")) as (ma, watch):
        watch.allow(r"/operations$")  # the refusal answers 400, the form given back
        # a refused operation comes back as typed, the error beside the dates
        name = f"Retyped {lang}"
        ma.goto(server + "/operations")
        ma.fill("#op-name", name)
        ma.check("input[name=partners][value=FR-OFAST]")
        ma.fill("#op-starts", "2026-06-01")
        ma.fill("#op-ends", "2026-05-01")
        ma.click("form[action='/operations'] button[type=submit]")
        ma.wait_for_selector("#ends-error")
        assert ma.input_value("#op-name") == name
        assert ma.is_checked("input[name=partners][value=FR-OFAST]")
        assert ma.get_attribute("#op-ends", "aria-invalid") == "true"
        shot(ma, lang, "form-kept")
        ma.fill("#op-ends", "2026-12-01")
        ma.click("form[action='/operations'] button[type=submit]")
        ma.wait_for_selector("[data-testid=members]")

        # the target picked by its Latin name (a record shared with MA-DGSN in full)
        _pick(ma, "#target-id", world.latin_name, world.latin_id)
        shot(ma, lang, "target-picked")
        ma.click("form[action$='/target'] button[type=submit]")
        ma.wait_for_selector(".ok[role=status]")
        assert ma.locator(f"#h-targets ~ ul a[href='/entity/{world.latin_id}']").count() == 1

        # the notice's subject picked by its Arabic name among the agency's own records
        ma.goto(server + "/notices")
        _pick(ma, "#notice-subject", world.arabic_name, world.arabic_id)
        assert ma.input_value("#notice-subject") == world.arabic_id
        shot(ma, lang, "subject-picked")


@pytest.mark.parametrize("lang", LANGS)
def test_data_in_from_the_web(browser: Browser, server: str, world: World, lang: str,
                              tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A short French Excel CSV (Windows-1252, semicolons): too short to tell its encoding
    for sure, it is refused rather than misread; the encoding chosen, the file kept, its
    columns are shown and a mapping built from them; the rows become the agency's records,
    a bad row set aside in a quarantine report to download."""
    csv_file = tmp_path / f"liste-{lang}.csv"
    csv_file.write_bytes((f"id;nom complet;date de naissance\r\nweb-{lang}-1;Hélène Dubreuil;"
                          f"1979-03-02\r\nweb-{lang}-2;;1980-01-01\r\n").encode("cp1252"))
    with browsing(browser, server, lang, *world.login("ES-DAVA", "analyst")) as (es, watch):
        watch.allow(r"/data$")  # the refusal answers 400, the form given back
        es.goto(server + "/data")
        es.set_input_files("#data-file", str(csv_file))
        es.click("form[data-testid=upload] button.primary")
        es.wait_for_selector("[role=alert]")
        assert es.locator("[data-testid=kept-file]").count() == 1
        shot(es, lang, "data-encoding-refused")
        es.select_option("#data-encoding", "windows-1252")
        es.click("form[data-testid=upload] button.primary")
        es.wait_for_selector("[data-testid=columns]")
        assert "nom complet" in es.locator("[data-testid=columns]").inner_text()
        assert "column: nom complet" in es.input_value("#data-mapping")
        shot(es, lang, "data-mapping")
        es.click("form[data-testid=upload] button.primary")
        es.wait_for_selector("[data-testid=ingest-report]")
        report = es.locator("[data-testid=ingest-report]")
        assert report.locator("[data-testid=quarantine] tr").count() >= 2  # header + bad row
        with es.expect_download() as got:
            report.locator("a[href$='quarantine.csv']").click()
        assert got.value.suggested_filename == "quarantine.csv"
        shot(es, lang, "data-report")
        es.goto(server + "/search?q=Hélène Dubreuil")
        assert es.locator("[data-testid=results]").inner_text().count("Dubreuil") >= 1
