"""The federation switch in the browser (issue 16): a Moroccan analyst signs in on the Moroccan
node, searches in Arabic script with "federation" picked, sees the French node's Latin-script
record as a hit (owner and reference, nothing of its content), opens it and sends a request
for information, which travels signed to the French node. Two real nodes, each a server on a
loopback port with a store of its own; Chromium (Debian's) driven by Playwright, in English
and in Arabic (a right-to-left page whose labels are the catalogue's). Screenshots in
test-artifacts/<lang>/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from interlink.cooperation import rfi
from interlink.federation import outbox
from interlink.identity import add_user
from interlink.web import i18n
from tests.federation.helpers import ADMIN, FR_ADMIN, join, person
from tests.federation.test_servers import Node
from tests.web.browser import browsing, shot

PASSWORD = "a long enough password"
LANGS = ("en", "ar")


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Node, Node]]:
    """The French node (its API on a port) and the Moroccan one (the web application)."""
    fr = Node(str(tmp_path / "fr.db"), "fr", [("FR-OFAST", "FR")])
    ma = Node(str(tmp_path / "ma.db"), "ma", [("MA-DGSN", "MA")], server=True)
    join(fr.store, ma.store)
    for n in (fr, ma):
        n.start()
    for n in (fr, ma):  # the pair keys the pseudonyms need, over HTTP
        assert all(r["error"] is None for r in outbox.sync(n.store))
    fr.store.write([person("fr-y", ["Youssef El Amrani"], "FR-OFAST", "1984-03-12")],
                   FR_ADMIN)
    add_user(ma.store, "ali", "MA-DGSN", "analyst", ADMIN, password=PASSWORD)
    yield fr, ma
    for n in (fr, ma):
        n.stop()
        n.store.close()


@pytest.mark.parametrize("lang", LANGS)
def test_federated_hit_opened_and_asked_for_from_the_browser(
        browser: Browser, pair: tuple[Node, Node], lang: str) -> None:
    fr, ma = pair
    tr = i18n.translations(lang).gettext
    with browsing(browser, ma.base, lang, "ali", PASSWORD) as (page, _):
        page.goto(ma.base + "/search")
        assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
        assert page.get_attribute("html", "lang") == lang
        # the switch, found by its label as the catalogue words it
        switch = page.get_by_label(tr("Federation (this node and every peer node)"))
        assert not switch.is_checked()
        switch.check()
        page.fill("#q", "يوسف العمراني")
        page.get_by_role("button", name=tr("Search"), exact=True).click()
        page.wait_for_selector("[data-testid=peers]")
        assert page.get_by_label(tr("Federation (this node and every peer node)")).is_checked()
        assert tr("Answers from peer nodes") in page.locator("#h-peers").inner_text()
        french = page.locator("[data-testid=peer-fr]")
        hits = french.locator("[data-testid=peer-hits] tbody tr")
        assert hits.count() == 1
        cells = hits.first.locator("td")
        assert cells.nth(0).inner_text().strip() == "fr-y"  # the reference
        assert "FR-OFAST" in cells.nth(1).inner_text()  # the owner
        # a hit, not the record: its Latin-script name is nowhere on the page
        assert "Youssef" not in page.content() and "Amrani" not in page.content()
        assert french.locator("[data-testid=peer-results]").count() == 0
        shot(page, lang, "federation-search-hit")
        # opened: the hit's page says the owner is served by another node
        french.get_by_role("link", name=tr("Request information")).click()
        page.wait_for_url("**/entity/fr-y?owner=FR-OFAST")
        assert tr("The owner's agency is served by another node: the request travels signed "
                  "to that node, and its answer comes back here.") in page.locator(
            "[data-testid=remote]").inner_text()
        page.get_by_label(tr("Message to the owner")).fill(f"seen at Tanger Med ({lang})")
        page.get_by_role("button", name=tr("Send the request")).click()
        page.wait_for_selector(".ok[role=status]")
        assert tr("Your request for information was sent to the owner.") in page.locator(
            ".ok[role=status]").inner_text()
        shot(page, lang, "federation-request-sent")
    # sent from the Moroccan node, and received on the French one once delivered over HTTP
    [mine] = rfi.list_requests(ma.store, "MA-DGSN", "outgoing")
    assert (mine.owner, mine.record_id, mine.status) == ("FR-OFAST", "fr-y", "open")
    assert all(r["error"] is None for r in outbox.sync(ma.store))
    [theirs] = rfi.list_requests(fr.store, "FR-OFAST", "incoming")
    assert (theirs.id, theirs.requester, theirs.requested_by, theirs.message) == (
        mine.id, "MA-DGSN", "ali@ma", f"seen at Tanger Med ({lang})")
