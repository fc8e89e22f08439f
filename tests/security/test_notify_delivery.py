"""Attacks on the delivery of the inbox (interlink.notify): the inbox goes to the URL named and
nowhere else (a redirect is not followed, a non-loopback http or another scheme is refused),
a recipient list cannot smuggle headers, and one agency's destination never hears of another
agency's work."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest

from interlink import notify, settings
from interlink.core.errors import InvalidInput
from tests.cooperation.conftest import coop  # noqa: F401 - the fixture
from tests.notify.test_send import _incoming, hook  # noqa: F401 - the fixture


class _Redirect(BaseHTTPRequestHandler):
    target = ""

    def do_POST(self) -> None:  # noqa: N802
        self.send_response(307)  # 307 keeps the method and body: a naive client re-posts
        self.send_header("Location", type(self).target)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def redirector(hook) -> Iterator[tuple[str, Any]]:  # type: ignore[no-untyped-def]  # noqa: F811
    receiver, url = hook
    handler = type("Redirect", (_Redirect,), {"target": url})
    server = HTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", receiver
    finally:
        server.shutdown()
        server.server_close()


def test_a_redirecting_webhook_receives_nothing_elsewhere(coop, redirector, monkeypatch) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    url, receiver = redirector
    monkeypatch.setattr(settings, "NOTIFY_WEBHOOK", f"MA-DGSN={url}")
    _incoming(coop)
    (outcome,) = notify.send(coop)
    assert outcome.error and outcome.sent == 0
    assert receiver.calls == []  # the redirect's target never got the inbox
    assert [o.sent for o in notify.send(coop, dry_run=True)] == [1]  # not marked sent


def test_webhook_schemes_and_hosts(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(settings, "NOTIFY_EMAIL", "")
    for bad in ("http://10.0.0.5/hook", "http://intranet/hook", "file:///etc/passwd",
                "gopher://127.0.0.1/", "https:///no-host", "http://127.0.0.1.evil.example/x"):
        monkeypatch.setattr(settings, "NOTIFY_WEBHOOK", f"MA-DGSN={bad}")
        with pytest.raises(InvalidInput):
            notify.destinations()
    for good in ("https://hooks.example/x", "http://127.0.0.1:9000/x", "http://[::1]/x"):
        monkeypatch.setattr(settings, "NOTIFY_WEBHOOK", f"MA-DGSN={good}")
        assert notify.destinations()[0].targets == (good,)


def test_recipients_cannot_smuggle_headers(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(settings, "NOTIFY_WEBHOOK", "")
    for bad in ("a@b.example\nBcc: spy@evil.example", "a@b.example\r\nSubject: x",
                "<spy@evil.example>", "not-an-address"):
        monkeypatch.setattr(settings, "NOTIFY_EMAIL", f"MA-DGSN={bad}")
        with pytest.raises(InvalidInput):
            notify.destinations()


def test_one_agencys_destination_never_hears_of_anothers_work(coop, hook, monkeypatch) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    receiver, url = hook
    monkeypatch.setattr(settings, "NOTIFY_WEBHOOK", f"ES-DAVA={url}")
    secret = _incoming(coop)  # FR-OFAST -> MA-DGSN: nothing of Spain's
    assert [o.sent for o in notify.send(coop)] == [0] and receiver.calls == []
    assert secret
