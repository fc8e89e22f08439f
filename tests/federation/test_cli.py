"""`interlink node ...`, `interlink peer ...` and `interlink search --scope federation` as
scripts call them: two stores, a peer that is not running (status shows the error)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from interlink.cli.main import main


def run(monkeypatch, capsys, store: str, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "argv", ["interlink", "--store", store, *args])
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_node_and_peer_commands(monkeypatch, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    for store in (a, b):
        assert run(monkeypatch, capsys, store, "init")[0] == 0
    assert Path(f"{a}.node-key").exists()  # beside the audit key, outside the store
    code, out, _ = run(monkeypatch, capsys, b, "node", "set", "--name", "ma", "--url",
                       "http://127.0.0.1:9")
    assert code == 0
    ma = json.loads(run(monkeypatch, capsys, b, "node", "show", "--json")[1])
    assert ma["name"] == "ma" and len(ma["public_key"]) == 43
    # plain HTTP off loopback is refused
    code, _, err = run(monkeypatch, capsys, a, "peer", "add", "ma", "--url",
                       "http://203.0.113.5", "--key", ma["public_key"], "--agency", "MA-DGSN")
    assert code == 1 and "https" in err
    code, _, err = run(monkeypatch, capsys, a, "peer", "add", "ma", "--url", ma["url"],
                       "--key", "not-a-key", "--agency", "MA-DGSN")
    assert code == 1 and "Ed25519" in err
    code, out, _ = run(monkeypatch, capsys, a, "peer", "add", "ma", "--url", ma["url"],
                       "--key", ma["public_key"], "--agency", "MA-DGSN", "--agency", "MA-DGST")
    assert code == 0 and "MA-DGSN, MA-DGST" in out
    [peer] = json.loads(run(monkeypatch, capsys, a, "peer", "list", "--json")[1])
    assert peer["agencies"] == ["MA-DGSN", "MA-DGST"]
    # nobody listens on port 9: sync fails (exit 1), status keeps the backlog and the error
    assert run(monkeypatch, capsys, a, "peer", "sync")[0] == 1
    [status] = json.loads(run(monkeypatch, capsys, a, "peer", "status", "--json")[1])
    assert status["backlog"] == 1 and status["last_error"]
    code, out, _ = run(monkeypatch, capsys, a, "peer", "rotate-key", "ma")
    assert code == 0
    [status] = json.loads(run(monkeypatch, capsys, a, "peer", "status", "--json")[1])
    assert status["backlog"] == 2
    # a federated search with the peer down: the local answer, and the peer reported
    code, out, _ = run(monkeypatch, capsys, a, "search", "Youssef", "--agency", "MA-DGSN",
                       "--purpose", "drug_trafficking", "--scope", "federation")
    assert code == 0 and json.loads(out)["peers"]["ma"]["error"] == "no_pair_key"
    assert run(monkeypatch, capsys, a, "peer", "remove", "ma")[0] == 0
    assert json.loads(run(monkeypatch, capsys, a, "peer", "list", "--json")[1]) == []
