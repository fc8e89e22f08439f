"""Delivery of the inbox against a real SMTP server (aiosmtpd) and a webhook receiver on this
machine: each new item once, in the agency's language, a failed delivery tried again, only the
agency's own items, and off when nothing is configured."""

from __future__ import annotations

import email
import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from interlink import notify, settings
from interlink.audit import chain
from interlink.cooperation import legal_requests as lr
from interlink.core.errors import InvalidInput
from interlink.store import SQLStore
from tests.conftest import free_port
from tests.cooperation.conftest import ES, FR, MA, coop  # noqa: F401 - the fixture

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class _Mailbox:
    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(email.message_from_bytes(envelope.content,
                                                      policy=email.policy.default))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[_Mailbox, int]]:
    box = _Mailbox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


class _Receiver(BaseHTTPRequestHandler):
    calls: list[tuple[dict[str, str], bytes]] = []
    status = 200

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).calls.append((dict(self.headers), body))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def hook() -> Iterator[tuple[type[_Receiver], str]]:
    receiver = type("Receiver", (_Receiver,), {"calls": [], "status": 200})
    server = HTTPServer(("127.0.0.1", 0), receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver, f"http://127.0.0.1:{server.server_address[1]}/interlink"
    finally:
        server.shutdown()
        server.server_close()


def _incoming(store: SQLStore, kind: str = "mla", requested: str = "MA-DGSN",
              subject: str = "fr-1") -> str:
    req = lr.create_request(store, FR, type=kind, requested=requested, subjects=[subject],
                            at=T0)
    lr.transition(store, FR, req.id, "send", at=T0)
    return req.id


def test_off_by_default(coop, monkeypatch) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    monkeypatch.setattr(settings, "NOTIFY_EMAIL", "")
    monkeypatch.setattr(settings, "NOTIFY_WEBHOOK", "")
    _incoming(coop)
    assert notify.destinations() == [] and notify.send(coop) == []


def test_each_new_item_is_mailed_once_in_the_agencys_language(coop, smtp, monkeypatch) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    box, port = smtp
    monkeypatch.setattr(settings, "NOTIFY_SMTP", f"127.0.0.1:{port}")
    monkeypatch.setattr(settings, "NOTIFY_EMAIL", "MA-DGSN=permanence@dgsn.example")
    monkeypatch.setattr(settings, "NOTIFY_LANG", "MA-DGSN=fr")
    monkeypatch.setattr(settings, "NOTIFY_BASE_URL", "https://interlink.example")
    first = _incoming(coop)
    (outcome,) = notify.send(coop)
    assert (outcome.agency, outcome.channel, outcome.sent, outcome.error) == (
        "MA-DGSN", "email", 1, "")
    (mail,) = box.messages
    assert mail["To"] == "permanence@dgsn.example" and mail["Content-Language"] == "fr"
    assert "1 nouvel" in mail["Subject"] or "1 nouvel" in mail["Subject"].lower(), mail["Subject"]
    body = mail.get_content()
    assert first in body and f"https://interlink.example/legal-requests/{first}" in body
    assert "FR-OFAST" in body and "Youssef" not in body  # ids, never a record's content
    # nothing new: nothing sent again
    assert [o.sent for o in notify.send(coop)] == [0] and len(box.messages) == 1
    second = _incoming(coop)
    assert [o.sent for o in notify.send(coop)] == [1]
    assert second in box.messages[-1].get_content()
    assert first not in box.messages[-1].get_content()
    with coop.engine.connect() as conn:
        sent = [e for e in chain.entries(conn) if e.action == "notification"]
        assert chain.verify(conn).ok
    assert [e.details["items"] for e in sent] == [1, 1]
    assert sent[0].agency == "MA-DGSN" and sent[0].details["to"] == ["permanence@dgsn.example"]


def test_a_failed_delivery_is_tried_again(coop, smtp, monkeypatch) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    box, port = smtp
    monkeypatch.setattr(settings, "NOTIFY_EMAIL", "MA-DGSN=permanence@dgsn.example")
    monkeypatch.setattr(settings, "NOTIFY_SMTP", f"127.0.0.1:{free_port()}")  # nobody there
    rid = _incoming(coop)
    (failed,) = notify.send(coop)
    assert failed.sent == 0 and failed.error
    monkeypatch.setattr(settings, "NOTIFY_SMTP", f"127.0.0.1:{port}")
    assert [o.sent for o in notify.send(coop, dry_run=True)] == [1] and box.messages == []
    assert [o.sent for o in notify.send(coop)] == [1]
    assert rid in box.messages[0].get_content()


def test_webhook_signed_and_only_the_agencys_items(coop, hook, monkeypatch) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    receiver, url = hook
    monkeypatch.setattr(settings, "NOTIFY_WEBHOOK", f"ES-DAVA={url}")
    monkeypatch.setattr(settings, "NOTIFY_WEBHOOK_SECRET", "shared secret")
    monkeypatch.setattr(settings, "NOTIFY_LANG", "ar")
    to_morocco = _incoming(coop)
    to_spain = _incoming(coop, requested="ES-DAVA")
    (outcome,) = notify.send(coop)
    assert outcome.sent == 1 and not outcome.error
    (headers, body), = receiver.calls
    expected = "sha256=" + hmac.new(b"shared secret", body, hashlib.sha256).hexdigest()
    assert headers["X-Interlink-Signature"] == expected
    sent = json.loads(body)
    assert sent["agency"] == "ES-DAVA" and sent["lang"] == "ar"
    (item,) = sent["items"]
    assert item["params"]["id"] == to_spain and item["code"] == "inbox.request_waiting"
    assert to_morocco not in body.decode()
    assert "FR-OFAST" in item["text"] and "sent" not in item["text"]  # Arabic words
    receiver.status = 500  # a receiver that fails: tried again next round
    _incoming(coop, requested="ES-DAVA")
    assert notify.send(coop)[0].error
    receiver.status = 200
    assert [o.sent for o in notify.send(coop)] == [1]


def test_destinations_are_checked(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(settings, "NOTIFY_EMAIL", "")
    for bad in ("MA-DGSN=http://intranet.example/hook", "MA-DGSN=file:///etc/passwd",
                "MA-DGSN=ftp://127.0.0.1/x", "no-equals-sign"):
        monkeypatch.setattr(settings, "NOTIFY_WEBHOOK", bad)
        with pytest.raises(InvalidInput):
            notify.destinations()
    monkeypatch.setattr(settings, "NOTIFY_WEBHOOK", "")
    monkeypatch.setattr(settings, "NOTIFY_EMAIL", "MA-DGSN=a@b.example\r\nBcc: x@evil.example")
    with pytest.raises(InvalidInput):
        notify.destinations()
    monkeypatch.setattr(settings, "NOTIFY_EMAIL", "ma-dgsn=a@b.example, c@d.example")
    (d,) = notify.destinations()
    assert (d.agency, d.targets) == ("MA-DGSN", ("a@b.example", "c@d.example"))
