"""Nothing missed, away from the screen (issue 15), in Arabic, French and English: FR-OFAST
sends MA-DGSN a judicial request from the web; the delivery of the inbox (`interlink.notify`,
against a real SMTP server) mails MA-DGSN one message in its language, and the link in the
message opens the request waiting in the browser. Screenshots in test-artifacts/<lang>/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser

from interlink import notify, settings
from interlink.store import open_store
from tests.notify.test_send import smtp  # noqa: F401 - the fixture
from tests.web.browser import browsing, shot
from tests.web.demo_world import World

LANGS = ("ar", "fr", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_the_mail_leads_to_what_waits(browser: Browser, server: str, world: World, lang: str,
                                      smtp, monkeypatch) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    box, port = smtp
    monkeypatch.setattr(settings, "NOTIFY_SMTP", f"127.0.0.1:{port}")
    monkeypatch.setattr(settings, "NOTIFY_EMAIL", "MA-DGSN=permanence@dgsn.example")
    monkeypatch.setattr(settings, "NOTIFY_WEBHOOK", "")
    monkeypatch.setattr(settings, "NOTIFY_LANG", f"MA-DGSN={lang}")
    monkeypatch.setattr(settings, "NOTIFY_BASE_URL", server)
    with browsing(browser, server, lang, *world.login("FR-OFAST", "supervisor")) as (fr, _), \
            browsing(browser, server, lang, *world.login("MA-DGSN", "supervisor")) as (ma, _):
        fr.goto(server + "/legal-requests")
        fr.select_option("#lr-type", "mla")
        fr.select_option("#lr-requested", "MA-DGSN")
        fr.fill("#lr-subjects", world.latin_id)
        fr.select_option("#lr-basis", "untoc-18")
        fr.click("form[action='/legal-requests'] button[type=submit]")
        fr.wait_for_selector("[data-testid=request]")
        fr.click("button[name=action][value=send]")
        fr.wait_for_selector("[data-state=sent]")
        request_id = fr.url.split("?")[0].rsplit("/", 1)[1]

        store = open_store(str(world.path))
        try:
            (outcome,) = notify.send(store, "MA-DGSN")
            assert outcome.sent >= 1 and not outcome.error
            assert [o.sent for o in notify.send(store, "MA-DGSN")] == [0]  # once only
        finally:
            store.engine.dispose()
        (mail,) = box.messages
        assert mail["Content-Language"] == lang
        body = mail.get_content()
        link = f"{server}/legal-requests/{request_id}"
        assert link in body and "FR-OFAST" in body
        if lang == "ar":
            assert not re.search(r"\b(waits|sent|request)\b", body)
        ma.goto(link)
        ma.wait_for_selector("[data-state=sent]")
        assert ma.locator("button[name=action][value=receive]").count() == 1
        shot(ma, lang, "mail-link-opened")
        ma.goto(server + "/")
        assert ma.locator(f"#inbox a[href='/legal-requests/{request_id}']").count() == 1
