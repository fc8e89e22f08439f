"""The home page says when the inbox is also delivered by e-mail or webhook (interlink.notify),
in the reader's language, and says nothing when delivery is off."""

from __future__ import annotations

from interlink import settings
from tests.web.test_gate import web  # noqa: F401 - the fixture


def test_the_inbox_says_it_is_also_delivered(web, monkeypatch) -> None:  # noqa: F811
    _, _, browser, _ = web
    monkeypatch.setattr(settings, "NOTIFY_EMAIL", "")
    monkeypatch.setattr(settings, "NOTIFY_WEBHOOK", "")
    sara = browser("sara")
    assert 'data-testid="notify-on"' not in sara.get("/").text
    monkeypatch.setattr(settings, "NOTIFY_EMAIL", "MA-DGSN=permanence@dgsn.example")
    monkeypatch.setattr(settings, "NOTIFY_WEBHOOK", "FR-OFAST=https://hooks.example/x")
    page = sara.get("/?lang=fr").text
    assert 'data-testid="notify-on"' in page and "courriel" in page and "webhook" not in page
    assert "خطّاف" not in page
    monkeypatch.setattr(settings, "NOTIFY_WEBHOOK", "MA-DGSN=https://hooks.example/x")
    page = sara.get("/?lang=ar").text
    assert "البريد الإلكتروني" in page and "خطّاف ويب" in page
    assert "permanence@dgsn.example" not in page  # the channels, not the addresses
    monkeypatch.setattr(settings, "NOTIFY_WEBHOOK", "MA-DGSN=ftp://bad")  # the operator's
    assert 'data-testid="notify-on"' not in sara.get("/").text
