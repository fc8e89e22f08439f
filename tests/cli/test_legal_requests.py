"""`interlink request ...` as a liaison officer scripts it: registered after the fact with --at,
the id alone on the last line, wrong side and wrong state exit 1 with one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_commands import run


@pytest.fixture
def cli(monkeypatch, capsys, store_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    def call(*args: str) -> tuple[int, str, str]:
        return run(monkeypatch, capsys, store_url, *args)

    assert call("init")[0] == 0
    for code, country in (("FR-OFAST", "FR"), ("ES-DAVA", "ES")):
        assert call("agency", "add", code, "--name", code, "--country", country)[0] == 0
    src = tmp_path / "fr.jsonl"
    src.write_text(json.dumps({"id": "fr-1", "schema": "Person",
                               "properties": {"name": ["Youssef El Hamdaoui"]}}) + "\n", "utf-8")
    assert call("ingest", str(src), "--agency", "FR-OFAST", "--purpose", "drug_trafficking")[0] == 0
    return call


def test_eio_from_draft_to_executed(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("request", "create", "--type", "eio", "--from", "FR-OFAST", "--to",
                         "ES-DAVA", "--subject", "fr-1", "--legal-basis", "dir-2014-41",
                         "--attachment", "eio.pdf:fr:ar", "--at", "2026-01-05T09:00")
    assert code == 0, err
    rid = out.strip().splitlines()[-1]
    assert len(rid) == 16 and "eio.pdf" not in out
    steps = [("send", "--at", "2026-01-05T10:00"), ("receive", "--at", "2026-01-06T08:00")]
    for step in steps:
        code, _, err = cli("request", *step[:1], rid, *step[1:])
        assert code == 0, err
    # the requesting side cannot accept its own request; a refusal without reason is refused
    code, _, err = cli("request", "accept", rid, "--agency", "FR-OFAST")
    assert code == 1 and "only the requested authority (ES-DAVA)" in err
    assert len(err.strip().splitlines()) == 1
    code, _, err = cli("request", "refuse", rid)
    assert code == 1 and "reason" in err
    code, out, _ = cli("request", "overdue", "--at", "2026-02-06T00:00")
    assert json.loads(out.splitlines()[0])["clock"] == "recognition"
    for step in (("accept", "--at", "2026-01-20"), ("start", "--at", "2026-01-21"),
                 ("execute", "--at", "2026-02-10", "--reason", "bank records sent")):
        code, _, err = cli("request", *step[:1], rid, *step[1:], "--agency", "ES-DAVA")
        assert code == 0, err
    code, _, err = cli("request", "withdraw", rid, "--reason", "too late")
    assert code == 1 and "executed" in err
    code, out, _ = cli("request", "show", rid, "--at", "2026-03-01")
    shown = json.loads(out)
    assert shown["state"] == "executed" and shown["attachments"][0]["translations"] == ["ar"]
    assert [h["action"] for h in shown["history"]] == [
        "create", "send", "receive", "accept", "start", "execute"]
    clocks = {c["name"]: c for c in shown["clocks"]}
    assert clocks["recognition"]["due"].startswith("2026-02-05T08:00")
    assert clocks["recognition"]["status"] == "met"
    assert clocks["execution"]["due"].startswith("2026-04-20")
    code, out, _ = cli("request", "overdue", "--at", "2027-01-01")
    assert code == 0 and out == ""
    code, out, _ = cli("request", "figures")
    assert json.loads(out)["median_days"] == 35.58


def test_bad_input_is_one_line(cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("request", "create", "--type", "favour", "--from", "FR-OFAST", "--to",
                       "ES-DAVA", "--subject", "fr-1")
    assert code == 1 and "unknown request type" in err
    code, _, err = cli("request", "send", "nope")
    assert code == 1 and "no request nope" in err
    code, out, _ = cli("request", "create", "--type", "mla", "--from", "FR-OFAST", "--to",
                       "ES-DAVA", "--subject", "fr-1", "--deadline", "2026-02-01")
    rid = out.strip().splitlines()[-1]
    code, _, err = cli("request", "send", rid, "--at", "yesterday")
    assert code == 1 and "ISO 8601" in err


def test_errors_in_the_users_language(cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("--lang", "fr", "request", "create", "--type", "eio", "--from",
                       "FR-OFAST", "--to", "ES-DAVA", "--subject", "fr-1", "--legal-basis",
                       "bilateral")
    assert code == 1 and err.startswith("error: décision d'enquête européenne : la base "
                                        "juridique est Directive 2014/41/UE")
    code, _, err = cli("--lang", "ar", "request", "create", "--type", "favour", "--from",
                       "FR-OFAST", "--to", "ES-DAVA", "--subject", "fr-1")
    assert code == 1 and "نوع طلب غير معروف" in err and len(err.strip().splitlines()) == 1


def test_a_draft_is_edited_before_it_is_sent(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("request", "create", "--type", "mla", "--from", "FR-OFAST", "--to",
                         "ES-DAVA", "--subject", "fr-1", "--message", "first")
    rid = out.strip().splitlines()[-1]
    code, _, err = cli("request", "edit", rid, "--agency", "ES-DAVA", "--message", "x")
    assert code == 1 and "only the requesting authority (FR-OFAST)" in err
    code, _, err = cli("request", "edit", rid, "--message", "bank records",
                       "--deadline", "2026-05-01", "--measure", "hearing")
    assert code == 0, err
    code, out, _ = cli("request", "show", rid)
    shown = json.loads(out)
    assert (shown["message"], shown["deadline"], shown["measures"]) == (
        "bank records", "2026-05-01", ["hearing"])
    assert [h["action"] for h in shown["history"]] == ["create", "edit"]
    assert cli("request", "send", rid)[0] == 0
    code, _, err = cli("request", "edit", rid, "--message", "late")
    assert code == 1 and "draft" in err and len(err.strip().splitlines()) == 1
