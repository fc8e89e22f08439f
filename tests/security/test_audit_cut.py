"""The audit log cannot be cut: removing its newest entries, or removing one and re-hashing the
rest, is detected by `interlink audit verify`.

Before: both left a chain that verified as "intact" (only record versions were counted, and
nothing outside the store remembered the head)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from interlink import settings
from interlink.audit import chain
from interlink.audit.anchor import Anchors
from interlink.audit.entry import AuditEntry
from interlink.audit.table import audit_log
from interlink.cli.main import main
from interlink.policy.sharing import make_grant
from interlink.store import Actor, SQLStore
from tests.security.conftest import DT


def _cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], url: str,
         *args: str) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["interlink", "--store", url, *args])
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _reads(store: SQLStore, n: int) -> None:
    for i in range(n):
        store.audit("consultation", "marie", agency="FR-OFAST", purpose=DT, subjects=[f"r{i}"])


def _rehash_from(store: SQLStore, removed: int) -> None:
    """What an attacker with the database does: remove entry `removed`, renumber and re-hash
    every entry after it, so that the chain links and hashes check out again."""
    with store.engine.begin() as conn:
        conn.execute(delete(audit_log).where(audit_log.c.seq == removed))
        rows = conn.execute(select(audit_log).where(audit_log.c.seq > removed)
                            .order_by(audit_log.c.seq)).all()
        prev = conn.execute(select(audit_log.c.hash).where(audit_log.c.seq == removed - 1)
                            ).scalar_one()
        for row in rows:
            entry = AuditEntry.from_row(row)
            entry.seq, entry.prev_hash = row.seq - 1, prev
            entry.hash = prev = entry.compute_hash()
            conn.execute(update(audit_log).where(audit_log.c.seq == row.seq).values(
                seq=entry.seq, prev_hash=entry.prev_hash, hash=entry.hash))


def _verify(store: SQLStore) -> chain.VerifyReport:
    with store.engine.connect() as conn:
        return chain.verify(conn)


def test_cutting_the_newest_entries_is_detected(
        store_url: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _cli(monkeypatch, capsys, store_url, "init")
    assert code == 0 and "audit key created" in out
    assert _cli(monkeypatch, capsys, store_url, "agency", "add", "MA-DGSN", "--name", "DGSN",
                "--country", "MA")[0] == 0
    store = SQLStore(store_url)
    try:
        _reads(store, 5)
        code, out = _cli(monkeypatch, capsys, store_url, "audit", "verify")
        assert code == 0 and "intact" in out  # and the head (entry 7) is now signed
        with store.engine.begin() as conn:  # the newest three reads go
            newest = conn.execute(select(audit_log.c.seq).order_by(audit_log.c.seq.desc())
                                  ).scalars().first()
            conn.execute(delete(audit_log).where(audit_log.c.seq > newest - 3))
        code, out = _cli(monkeypatch, capsys, store_url, "audit", "verify")
        assert code == 1
        assert f"entries {newest - 2}..{newest} were cut" in out
    finally:
        store.close()


def test_removing_one_entry_and_rehashing_is_detected(store: SQLStore) -> None:
    anchors = Anchors.for_store(store.url)
    assert anchors.create_key()
    _reads(store, 6)
    with store.engine.connect() as conn:
        anchors.sign(conn)
    _rehash_from(store, 5)  # a read: no other table remembers it, the anchor does
    report = _verify(store)
    assert not report.ok
    assert any("cut from the log" in p or "rewritten" in p for p in report.problems), report


def test_a_removed_grant_entry_shows_without_any_anchor(store: SQLStore) -> None:
    # no key at all: the tables of activity still remember what the log said
    make_grant(store, Actor("ali", "MA-DGSN"), record_id=None, recipient_agency="FR-OFAST",
               purposes=[DT])
    _reads(store, 2)
    assert _verify(store).ok
    with store.engine.connect() as conn:
        grant_seq = conn.execute(select(audit_log.c.seq).where(audit_log.c.action == "grant")
                                 ).scalar_one()
    _rehash_from(store, grant_seq)
    report = _verify(store)
    assert not report.ok
    assert any("1 grants but the log accounts for 0" in p for p in report.problems), report


def test_forged_or_removed_anchors_are_detected(store: SQLStore) -> None:
    anchors = Anchors.for_store(store.url)
    anchors.create_key()
    with store.engine.connect() as conn:
        first = anchors.sign(conn)
        _reads(store, 2)
        anchors.sign(conn)
        _reads(store, 1)
        anchors.sign(conn)
    assert first is not None and _verify(store).ok
    lines = anchors.anchors_path.read_text("utf-8").splitlines()
    forged = json.loads(lines[2]) | {"seq": 1}
    anchors.anchors_path.write_text("\n".join([lines[0], json.dumps(forged)]) + "\n", "utf-8")
    problems = _verify(store).problems
    assert any("anchors 2..2 are missing" in p for p in problems), problems
    assert any("not signed by the audit key" in p for p in problems), problems
    anchors.anchors_path.unlink()
    assert any("holds no anchor" in p for p in _verify(store).problems)


def test_a_running_server_signs_the_head_at_intervals(
        store: SQLStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "AUDIT_ANCHOR_SECONDS", 0.1)
    anchors = Anchors.for_store(store.url)
    anchors.create_key()
    store.start_audit_writer()
    try:
        _reads(store, 3)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not anchors.read()[0]:
            time.sleep(0.05)
    finally:
        store.close()
    signed = anchors.read()[0]
    assert signed, "no anchor was signed"
    with SQLStore(store.url).engine.connect() as conn:
        head = conn.execute(select(audit_log.c.seq).order_by(audit_log.c.seq.desc())
                            ).scalars().first()
    assert signed[-1].seq == head


def test_key_and_anchors_live_outside_the_database(store_url: str, tmp_path: Path) -> None:
    anchors = Anchors.for_store(store_url if "://" in store_url else f"sqlite:///{store_url}")
    assert tmp_path in anchors.key_path.parents
    assert anchors.key_path != Path(store_url)


def test_signers_at_once_number_their_anchors_without_gaps(store: SQLStore) -> None:
    # a server's processes and a verify beside them sign the same anchors file
    from concurrent.futures import ThreadPoolExecutor

    anchors = Anchors.for_store(store.url)
    anchors.create_key()
    _reads(store, 2)

    def sign(_: int) -> None:
        with store.engine.connect() as conn:
            anchors.sign(conn)

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(sign, range(16)))
    assert sorted(a.n for a in anchors.read()[0]) == list(range(1, 17))
    assert _verify(store).ok
