"""The main stories of the interface in headless Chromium, in Arabic and in English: sign in,
search an Arabic name and find its Latin records, the link chart, screening a manifest,
reviewing a pair, and an owner granting then revoking access while the partner's view changes.
Any console error, uncaught exception or failed request fails a story."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.conftest import SAMPLES
from tests.web.browser import Watch, browsing, draw_many_nodes, shot, sign_in
from tests.web.demo_world import World

LANGS = ("ar", "en")
SAMPLE_MANIFEST = SAMPLES / "paxlst_flight_at1234.edi"


def _dir(page: Page) -> str:
    return page.get_attribute("html", "dir") or ""


@pytest.mark.parametrize("lang", LANGS)
def test_sign_in_and_out(browser: Browser, server: str, world: World, lang: str) -> None:
    context = browser.new_context()
    context.add_cookies([{"name": "il_lang", "value": lang, "url": server}])
    page = context.new_page()
    watch = Watch(page)
    page.goto(server + "/search")
    assert page.url.startswith(server + "/login")  # no session: the sign-in page
    assert _dir(page) == ("rtl" if lang == "ar" else "ltr")
    shot(page, lang, "login")
    watch.allow(r"/login$")  # the wrong password below answers 401, as it should
    login, password = world.login("MA-DGSN", "supervisor")
    page.fill("#login", login)
    page.fill("#password", "not the password")
    page.select_option("#purpose", "drug_trafficking")
    page.click("form[action='/login'] button[type=submit]")
    assert page.locator(".error[role=alert]").is_visible()
    watch.allowed.clear()
    sign_in(page, server, login, password)
    assert page.locator("h1").inner_text().strip()  # the agency's home page
    assert page.locator("#h-inbox").is_visible() and page.locator("#h-due").is_visible()
    shot(page, lang, "home")
    page.click("form[action='/logout'] button")
    page.wait_for_url(server + "/login")
    page.goto(server + "/")
    assert "/login" in page.url  # the token was revoked
    watch.check()
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_search_an_arabic_name_finds_its_latin_records(
    browser: Browser, server: str, world: World, lang: str,
) -> None:
    with browsing(browser, server, lang, *world.login("MA-DGSN")) as (page, _):
        page.goto(server + "/search")
        page.fill("#q", world.arabic_name)
        page.press("#q", "Enter")
        page.wait_for_selector("[data-testid=results]")
        results = page.locator("[data-testid=results]")
        # the Arabic record, and the Latin one shared by FR-OFAST, both in full
        assert results.locator(f"a[href='/entity/{world.arabic_id}']").count() == 1
        latin = results.locator(f"a[href='/entity/{world.latin_id}']")
        assert latin.count() == 1 and world.latin_name in latin.inner_text()
        # the Arabic name is shown as recorded, with its transliteration beside it
        arabic = results.locator(f"a[href='/entity/{world.arabic_id}']")
        assert world.arabic_name in arabic.inner_text()
        assert arabic.locator(".translit").count() == 1
        shot(page, lang, "search")
        latin.click()
        page.wait_for_selector("[data-testid=sources]")
        assert world.latin_name in page.locator("h1").inner_text()
        assert page.locator("[data-testid=sources] .badge.tlp").count() >= 1
        shot(page, lang, "entity")


@pytest.mark.parametrize("lang", LANGS)
def test_link_chart(browser: Browser, server: str, world: World, lang: str) -> None:
    with browsing(browser, server, lang, *world.login("MA-DGSN")) as (page, _):
        page.goto(server + f"/chart?ids={world.chart_id}")
        page.wait_for_selector("#cy[data-loaded]", timeout=30_000)
        nodes = page.evaluate("window.interlinkChart.nodes().length")
        edges = page.evaluate("window.interlinkChart.edges().length")
        assert nodes > 2 and edges > 1
        # filter by link type: unchecking every type hides every link
        boxes = page.locator("#kinds input[type=checkbox]")
        assert boxes.count() >= 1
        for i in range(boxes.count()):
            boxes.nth(i).uncheck()
        assert page.evaluate("window.interlinkChart.edges('.filtered').length") == edges
        for i in range(boxes.count()):
            boxes.nth(i).check()
        assert page.evaluate("window.interlinkChart.edges('.filtered').length") == 0
        # the centre: one node per resolved entity, named after one of its records, with every
        # record it is built from as evidence
        centre = page.evaluate("window.interlinkChart.nodes().filter(n => n.data('centre'))"
                               "[0].id()")
        records = page.evaluate(f"window.interlinkChart.getElementById({centre!r})"
                                ".data('records')")
        assert world.chart_id in records
        # shortest path between the centre and the farthest node drawn
        far = page.evaluate("""(centre) => { const cy = window.interlinkChart;
            const d = cy.elements().dijkstra(cy.getElementById(centre));
            let best = null, dist = -1;
            cy.nodes().forEach(n => { const x = d.distanceTo(n);
              if (isFinite(x) && x > dist) { dist = x; best = n.id(); } });
            return best; }""", centre)
        page.select_option("#node-a", centre)
        page.select_option("#node-b", far)
        page.click("#path")
        assert page.evaluate("window.interlinkChart.edges('.path').length") >= 1
        # expand a neighbour
        before = page.evaluate("window.interlinkChart.nodes().length")
        page.select_option("#node-a", far)
        page.click("#expand")
        page.wait_for_function(
            f"window.interlinkChart.nodes().length >= {before} && "
            "document.getElementById('cy').dataset.loaded !== undefined")
        # export as PNG (drawn in the browser) and GraphML (from the server)
        with page.expect_download() as png:
            page.click("#png")
        assert png.value.suggested_filename.endswith(".png")
        with page.expect_download() as graphml:
            page.click("#graphml")
        text = Path(graphml.value.path()).read_text(encoding="utf-8")
        assert "<graphml" in text and centre in text
        shot(page, lang, "chart")


def test_link_chart_draws_2000_nodes_and_pans(browser: Browser, server: str,
                                              world: World) -> None:
    """2,000 nodes and 3,000 links laid out and drawn, then panned and zoomed for 20 frames.
    How long that takes is measured by benchmarks/chart_browser.py, not asserted here (a
    timed test fails on a busy machine and proves nothing on a quiet one)."""
    with browsing(browser, server, "en", *world.login("MA-DGSN")) as (page, _):
        result = draw_many_nodes(page, server, world.chart_id)
        assert result["nodes"] == 2000
        # laid out: the nodes stand apart, not all at the origin
        assert result["distinct_positions"] > 1900, result
        assert result["layout"] >= 0 and result["frame"] > 0, result


@pytest.mark.parametrize("lang", LANGS)
def test_screen_a_manifest(browser: Browser, server: str, world: World, lang: str,
                           tmp_path: Path) -> None:
    """FR-OFAST screens a passenger manifest (the shared sample, with one of its own suspects
    on board): the alert is explained, then confirmed, and the decision recorded."""
    surname, given, born = world.screen_name
    manifest = SAMPLE_MANIFEST.read_text(encoding="utf-8").replace(
        "NAD+FL+++BENNANI:FATIMA ZAHRA'", f"NAD+FL+++{surname.upper()}:{given.upper()}'"
    ).replace("DTM+329:920203'", f"DTM+329:{born[2:4]}{born[5:7]}{born[8:10]}'").replace(
        "TDT+20+AT1234", f"TDT+20+AT12{34 + LANGS.index(lang)}")  # each story its own flight
    path = tmp_path / "flight.edi"
    path.write_text(manifest, encoding="utf-8")
    with browsing(browser, server, lang, *world.login("FR-OFAST")) as (page, _):
        page.goto(server + "/screen")
        page.set_input_files("#file", str(path))
        page.click("form[action='/screen'] button[type=submit]")
        page.wait_for_selector("[data-testid=last-screening]")
        last = page.locator("[data-testid=last-screening]")
        assert last.locator("td.explain").count() >= 1
        assert surname.upper() in last.inner_text().upper()
        shot(page, lang, "screen")
        last.locator("button[value=confirmed]").first.click()
        page.wait_for_selector(".ok[role=status]")
        assert page.locator("[data-testid=pending]").count() == 0 or \
            page.locator("[data-testid=pending] button").count() >= 0


@pytest.mark.parametrize("lang", LANGS)
def test_review_a_pair(browser: Browser, server: str, world: World, lang: str) -> None:
    with browsing(browser, server, lang, *world.login("MA-DGSN")) as (page, _):
        page.goto(server + "/review")
        pair = page.locator("[data-testid=pair]").first
        pair.wait_for()
        left = pair.locator("input[name=left_id]").get_attribute("value")
        right = pair.locator("input[name=right_id]").get_attribute("value")
        assert left and right and left != right
        assert pair.locator(".explain tbody tr, .explain li").count() >= 1  # field by field
        shot(page, lang, "review")
        pair.locator("button[value=same]").click()
        page.wait_for_selector(".ok[role=status]")
        # the judged pair is no longer offered
        assert page.locator(f"[data-testid=pair] input[name=left_id][value='{left}'] ~ "
                            f"input[name=right_id][value='{right}']").count() == 0


@pytest.mark.parametrize("lang", LANGS)
def test_grant_and_revoke_change_the_partners_view(
    browser: Browser, server: str, world: World, lang: str,
) -> None:
    record = world.es_person
    with browsing(browser, server, lang, *world.login("ES-DAVA", "supervisor")) as (owner, _), \
            browsing(browser, server, lang, *world.login("MA-DGSN")) as (partner, _):
        partner.goto(server + f"/entity/{record}")
        assert partner.locator("form[action='/requests']").count() == 1  # a hit only
        assert partner.locator("[data-testid=sources]").count() == 0
        shot(partner, lang, "hit")
        owner.goto(server + f"/sharing?record={record}#grant")
        owner.select_option("#recipient", "MA-DGSN")
        owner.check("input[name=purposes][value=drug_trafficking]")
        owner.fill("#grant-reason", "JIT")
        owner.click("form[action='/sharing/grants'] button[type=submit]")
        owner.wait_for_selector(".ok[role=status]")
        grant_id = owner.locator(".ok[role=status] .ids").inner_text().strip()
        assert grant_id
        shot(owner, lang, "sharing")
        partner.reload()
        assert partner.locator("[data-testid=sources]").count() == 1  # now in full
        assert partner.locator("form[action='/requests']").count() == 0
        owner.click(f"form[action='/sharing/grants/{grant_id}/revoke'] button")
        owner.wait_for_selector(".ok[role=status]")
        partner.reload()
        assert partner.locator("form[action='/requests']").count() == 1  # a hit again
        assert partner.locator("[data-testid=sources]").count() == 0


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_renders(browser: Browser, server: str, world: World, lang: str) -> None:
    """Network analysis and the audit log (supervisors), with screenshots."""
    with browsing(browser, server, lang, *world.login("MA-DGSN", "supervisor")) as (page, _):
        page.goto(server + "/network")
        assert page.locator("[data-testid=key-actors] tbody tr").count() >= 1
        shot(page, lang, "network")
        first = page.locator("[data-testid=key-actors] tbody tr a").first
        actor_id = first.get_attribute("href").rsplit("/", 1)[1]
        page.goto(server + f"/network?remove={actor_id}#disrupt")
        assert page.locator("[data-testid=disruption]").count() == 1
        page.goto(server + "/audit")
        assert page.locator("[data-testid=audit] tbody tr").count() >= 1
        page.goto(server + "/audit?verify=1")
        assert page.locator("[data-testid=verified]").count() == 1
        shot(page, lang, "audit")
