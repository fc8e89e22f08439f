"""The audit chain catches edited, removed and truncated entries, on both backends."""

from __future__ import annotations

from sqlalchemy import delete, func, select, update

from interlink.audit import chain
from interlink.audit.table import audit_log
from tests.conftest import ACTOR
from tests.store.test_sql import person


def _verify(store):  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        return chain.verify(conn)


def _fill(store) -> None:  # type: ignore[no-untyped-def]
    store.write([person("p1"), person("p2")], ACTOR, "first")
    store.write([person("p1", name=["changed"])], ACTOR, "second")
    store.erase("p2", ACTOR, "retention expired")


def test_every_write_is_logged_and_chain_verifies(store) -> None:  # type: ignore[no-untyped-def]
    _fill(store)
    report = _verify(store)
    assert report.ok, report.problems
    with store.engine.connect() as conn:
        entries = list(chain.entries(conn))
    actions = [e.action for e in entries]
    assert actions == ["agency", "agency", "collection", "alteration", "erasure"]
    collection = entries[2]
    assert collection.subjects == ["p1", "p2"] and collection.reason == "first"
    assert collection.actor == "tester"
    assert entries[4].reason == "retention expired"
    assert report.head == entries[-1].hash


def test_edited_entry_is_caught(store) -> None:  # type: ignore[no-untyped-def]
    _fill(store)
    with store.engine.begin() as conn:
        conn.execute(update(audit_log).where(audit_log.c.seq == 3).values(reason="nothing to see"))
    report = _verify(store)
    assert not report.ok
    assert any("entry 3" in p and "altered" in p for p in report.problems)


def test_rehashed_edit_is_caught_by_the_next_link(store) -> None:  # type: ignore[no-untyped-def]
    _fill(store)
    with store.engine.begin() as conn:
        row = conn.execute(select(audit_log).where(audit_log.c.seq == 3)).one()
        entry = chain.AuditEntry.from_row(row)
        entry.actor = "someone-else"
        conn.execute(update(audit_log).where(audit_log.c.seq == 3).values(
            actor=entry.actor, hash=entry.compute_hash()))
    report = _verify(store)
    assert any("entry 4 does not link" in p for p in report.problems)


def test_removed_entry_is_caught(store) -> None:  # type: ignore[no-untyped-def]
    _fill(store)
    with store.engine.begin() as conn:
        conn.execute(delete(audit_log).where(audit_log.c.seq == 4))
    report = _verify(store)
    assert not report.ok
    assert any("missing" in p for p in report.problems)


def test_truncated_tail_is_caught(store) -> None:  # type: ignore[no-untyped-def]
    _fill(store)
    with store.engine.begin() as conn:
        last = conn.execute(select(func.max(audit_log.c.seq))).scalar_one()
        conn.execute(delete(audit_log).where(audit_log.c.seq == last))
    report = _verify(store)
    assert not report.ok
    assert any("accounts for" in p for p in report.problems)


def test_problems_keep_their_english_and_read_in_arabic_and_french(store) -> None:  # type: ignore[no-untyped-def]
    """A broken chain is told in the reader's language (the audit page, `--lang`); the English
    sentence scripts read is unchanged."""
    from interlink.core.messages import say

    _fill(store)
    with store.engine.begin() as conn:
        conn.execute(update(audit_log).where(audit_log.c.seq == 3).values(reason="nothing"))
    problem = next(p for p in _verify(store).problems if "altered" in p)
    assert problem == "entry 3 (collection) was altered after writing"
    assert say(problem, "fr") == "l'entrée 3 (collecte) a été modifiée après son écriture"
    arabic = say(problem, "ar")
    assert "عُدِّل" in arabic and "altered" not in arabic
    assert say("plain words", "ar") == "plain words"  # a sentence without a code stays as is
