"""`interlink node ...`, `interlink peer ...` and `interlink search --scope federation` as
scripts call them: two stores, a peer that is not running (status shows the error)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_commands import run


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
    names = tmp_path / "q.csv"
    names.write_text("id,name,birth_date\nq1,Youssef El Amrani,1984-03-12\n", "utf-8")
    hits = tmp_path / "hits.csv"
    code, _, err = run(monkeypatch, capsys, a, "screen", "--watchlist", "store:all", "--input",
                       str(names), "--output", str(hits), "--scope", "federation")
    assert code == 1 and "--agency" in err
    code, _, _ = run(monkeypatch, capsys, a, "screen", "--watchlist", "store:all", "--input",
                     str(names), "--output", str(hits), "--scope", "federation", "--agency",
                     "MA-DGSN", "--purpose", "drug_trafficking")
    assert code == 0 and hits.read_text("utf-8").splitlines() == [
        "query_id,watchlist_id,score,explanation"]  # the peer has no pair key yet: nothing
    assert run(monkeypatch, capsys, a, "peer", "remove", "ma")[0] == 0
    assert json.loads(run(monkeypatch, capsys, a, "peer", "list", "--json")[1]) == []


def test_peer_request_asks_an_agency_a_peer_serves(monkeypatch, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    for store in (a, b):
        assert run(monkeypatch, capsys, store, "init")[0] == 0
    run(monkeypatch, capsys, b, "node", "set", "--name", "ma", "--url", "http://127.0.0.1:9")
    ma = json.loads(run(monkeypatch, capsys, b, "node", "show", "--json")[1])
    assert run(monkeypatch, capsys, a, "agency", "add", "FR-OFAST", "--name", "OFAST",
               "--country", "FR")[0] == 0
    assert run(monkeypatch, capsys, a, "peer", "add", "ma", "--url", ma["url"], "--key",
               ma["public_key"], "--agency", "MA-DGSN")[0] == 0
    [before] = json.loads(run(monkeypatch, capsys, a, "peer", "status", "--json")[1])
    code, out, _ = run(monkeypatch, capsys, a, "peer", "request", "ma-y", "--owner", "ma-dgsn",
                       "--agency", "FR-OFAST", "--purpose", "drug_trafficking", "--user",
                       "marie", "--message", "seen at Marseille", "--json")
    assert code == 0, out
    made = json.loads(out)
    assert made["owner"] == "MA-DGSN" and made["record_id"] == "ma-y"
    assert made["status"] == "open" and made["requested_by"] == "marie"
    # queued for the owner's node (its sync fails here: nobody listens on port 9)
    [after] = json.loads(run(monkeypatch, capsys, a, "peer", "status", "--json")[1])
    assert after["backlog"] > before["backlog"]
    # the same again while the first waits, and an agency of this node: refused
    code, _, err = run(monkeypatch, capsys, a, "peer", "request", "ma-y", "--owner", "MA-DGSN",
                       "--agency", "FR-OFAST", "--purpose", "drug_trafficking")
    assert code == 1 and made["id"] in err
    code, _, err = run(monkeypatch, capsys, a, "peer", "request", "x", "--owner", "FR-OFAST",
                       "--agency", "FR-OFAST", "--purpose", "drug_trafficking")
    assert code == 1 and "not served by a peer node" in err
