"""The command line as scripts call it: exit codes, one-line errors, --help everywhere."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from interlink.cli.main import app, main


def run(monkeypatch, capsys, store: str, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "argv", ["interlink", "--store", store, *args])
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def cli(monkeypatch, capsys, store_url: str):  # type: ignore[no-untyped-def]
    return lambda *args: run(monkeypatch, capsys, store_url, *args)


def test_full_cycle(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("init")
    assert code == 0 and "store ready" in out
    assert cli("agency", "add", "MA-DGSN", "--name", "DGSN", "--country", "MA")[0] == 0
    code, out, _ = cli("agency", "list", "--json")
    assert json.loads(out)[0]["code"] == "MA-DGSN"
    src = tmp_path / "a.jsonl"
    src.write_text(
        json.dumps({"id": "p1", "schema": "Person", "properties": {"name": ["يوسف"]}}) + "\n"
        + json.dumps({"id": "p2", "schema": "Person", "properties": {"birthDate": ["x"]}}) + "\n",
        "utf-8",
    )
    q = tmp_path / "q.csv"
    code, out, err = cli("ingest", str(src), "--agency", "MA-DGSN", "--purpose",
                         "drug_trafficking", "--tlp", "GREEN", "--quarantine", str(q), "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["created"] == 1 and report["quarantined"] == 1
    assert "a.jsonl:2 [birthDate]: invalid date 'x'" in err and q.exists()
    code, out, _ = cli("stats", "--json")
    assert json.loads(out) == {"MA-DGSN": {"Person": 1}}
    out_file = tmp_path / "export.jsonl"
    assert cli("export", "--output", str(out_file), "--agency", "ma-dgsn")[0] == 0
    line = json.loads(out_file.read_text("utf-8"))
    assert line["envelope"]["tlp"] == "GREEN" and line["properties"]["name"] == ["يوسف"]
    code, out, _ = cli("audit", "verify")
    assert code == 0 and "intact" in out
    code, out, _ = cli("audit", "list", "--action", "collection")
    assert json.loads(out.splitlines()[0])["subjects"] == 1


def test_user_errors_exit_1_with_one_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("stats")
    assert code == 1 and err.startswith("error:") and "interlink init" in err
    cli("init")
    code, _, err = cli("agency", "add", "MA-DGSN", "--name", "x", "--country", "Atlantis")
    assert code == 1 and err.count("\n") == 1 and "unknown country" in err
    src = tmp_path / "a.jsonl"
    src.write_text('{"id": "p1", "schema": "Person", "properties": {}}\n', "utf-8")
    code, _, err = cli("ingest", str(src), "--agency", "MA-DGSX")
    assert code == 1 and "agency add MA-DGSX" in err and err.count("\n") == 1
    code, _, err = cli("ingest", str(tmp_path / "missing.jsonl"), "--agency", "MA-DGSX")
    assert code == 1
    cli("agency", "add", "MA-DGSN", "--name", "DGSN", "--country", "MA")
    code, _, err = cli("ingest", str(src), "--agency", "MA-DGSN", "--tlp", "ORANGE")
    assert code == 1 and "unknown TLP level 'ORANGE'" in err
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    code, _, err = cli("ingest", str(empty), "--agency", "MA-DGSN")
    assert code == 1 and err.strip() == "error: empty.jsonl: the file is empty"


def test_usage_errors_exit_2(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("ingest")[0] == 2
    assert cli("no-such-command")[0] == 2
    assert cli("demo", "--scale", "0")[0] == 2


def _commands(command, prefix=()):  # type: ignore[no-untyped-def]
    yield prefix
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, (*prefix, name))


def test_help_everywhere(monkeypatch, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import typer.main

    paths = list(_commands(typer.main.get_command(app)))
    assert ("audit", "verify") in paths and ("agency", "add") in paths
    for path in paths:
        code, out, _ = run(monkeypatch, capsys, str(tmp_path / "x.db"), *path, "--help")
        assert code == 0 and "Usage" in out, path


def test_record_versions_and_erasure(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cli("init")
    cli("agency", "add", "MA-DGSN", "--name", "DGSN", "--country", "MA")
    cli("agency", "add", "FR-OFAST", "--name", "OFAST", "--country", "FR")
    src = tmp_path / "a.jsonl"
    for name in ("A", "B"):
        src.write_text(json.dumps(
            {"id": "p1", "schema": "Person", "properties": {"name": [name]}}) + "\n", "utf-8")
        assert cli("ingest", str(src), "--agency", "MA-DGSN")[0] == 0
    code, out, _ = cli("record", "show", "p1", "--version", "1")
    assert code == 0 and json.loads(out)["properties"]["name"] == ["A"]
    code, _, err = cli("record", "erase", "p1", "--reason", "court order", "--agency", "FR-OFAST")
    # another agency's record is refused as an absent one is: its owner is not named
    assert code == 1 and "no record p1 of FR-OFAST to erase" in err and "MA-DGSN" not in err
    assert cli("record", "erase", "p1", "--reason", "court order", "--agency", "MA-DGSN")[0] == 0
    code, out, _ = cli("record", "history", "p1")
    kinds = [(json.loads(line)["kind"], json.loads(line)["content"]) for line in out.splitlines()]
    assert kinds == [("collection", "erased"), ("alteration", "erased"), ("erasure", "erased")]
    code, _, err = cli("record", "show", "p1")
    assert code == 1 and "no record p1" in err
    assert cli("audit", "verify")[0] == 0


def test_user_and_token_commands(cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import io

    from interlink.cli import state
    from interlink.identity import verify_token
    from interlink.store import open_store

    cli("init")
    cli("agency", "add", "MA-DGSN", "--name", "DGSN", "--country", "MA")
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    code, out, err = cli("user", "add", "a.benali", "--agency", "MA-DGSN", "--role", "analyst",
                         "--password-stdin")
    assert code == 0, err
    code, _, err = cli("user", "add", "bob", "--agency", "MA-DGSN", "--role", "boss")
    assert code == 1 and "unknown role" in err
    code, out, err = cli("token", "create", "a.benali")
    assert code == 0 and "not shown again" in err
    token = out.strip().splitlines()[-1]
    assert token.startswith("il_") and " " not in token
    store = open_store(state.STORE_URL)
    assert verify_token(store, token).login == "a.benali"
    code, out, err = cli("user", "set-role", "a.benali", "--role", "supervisor")
    assert code == 0 and "supervisor" in out, err
    assert verify_token(store, token).role == "supervisor"
    code, out, err = cli("user", "disable", "a.benali")
    assert code == 0 and "disabled" in out, err
    assert verify_token(store, token) is None
    assert cli("user", "enable", "a.benali")[0] == 0
    assert verify_token(store, token).login == "a.benali"
    code, _, err = cli("user", "disable", "nobody")
    assert code == 1 and "nobody" in err
    token_id = token.split("_")[1]
    assert cli("token", "revoke", token_id)[0] == 0
    assert verify_token(store, token) is None
