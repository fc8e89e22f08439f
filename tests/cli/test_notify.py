"""`interlink notify send|watch` as an operator runs it from cron: off until configured (exit 1,
one line, in the user's language), then each new item once; a failed destination exits 1."""

from __future__ import annotations

import json

from interlink import settings
from tests.cli.test_legal_requests import cli  # noqa: F401 - the fixture
from tests.conftest import free_port
from tests.notify.test_send import smtp  # noqa: F401 - the fixture


def _request(cli) -> str:  # type: ignore[no-untyped-def]  # noqa: F811
    code, out, err = cli("request", "create", "--type", "mla", "--from", "FR-OFAST", "--to",
                         "ES-DAVA", "--subject", "fr-1")
    assert code == 0, err
    rid = out.strip().splitlines()[-1]
    assert cli("request", "send", rid)[0] == 0
    return rid


def test_notify_from_the_command_line(cli, smtp, monkeypatch) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    box, port = smtp
    monkeypatch.setattr(settings, "NOTIFY_EMAIL", "")
    monkeypatch.setattr(settings, "NOTIFY_WEBHOOK", "")
    code, _, err = cli("--lang", "fr", "notify", "send")
    assert code == 1 and "désactivé" in err and len(err.strip().splitlines()) == 1
    monkeypatch.setattr(settings, "NOTIFY_EMAIL", "ES-DAVA=guardia@dava.example")
    monkeypatch.setattr(settings, "NOTIFY_SMTP", f"127.0.0.1:{port}")
    rid = _request(cli)
    code, out, err = cli("notify", "send", "--dry-run")
    assert code == 0 and "1 new item to send" in out and box.messages == []
    code, out, err = cli("notify", "send", "--json")
    assert code == 0, err
    assert json.loads(out) == {"agency": "ES-DAVA", "channel": "email", "sent": 1, "error": ""}
    assert rid in box.messages[0].get_content()
    code, out, _ = cli("notify", "watch", "--rounds", "2", "--interval", "1")
    assert code == 0 and out.count("0 new items sent") == 2 and len(box.messages) == 1
    monkeypatch.setattr(settings, "NOTIFY_SMTP", f"127.0.0.1:{free_port()}")
    _request(cli)
    code, _, err = cli("notify", "send")
    assert code == 1 and "tried again next round" in err
