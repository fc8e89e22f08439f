"""The server's grants snapshot (policy/snapshot.py) never lets an answer leave on a stale grant:
a read judged before a revocation and audited after it is judged again, and under readers and a
revoker running at once every answer matches the grants as they stood when its audit entry
committed. Both backends, with the group-commit audit writer a server runs."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from interlink import access
from interlink.audit import chain
from interlink.audit.chain import Pending
from interlink.audit.writer import SHARING_ACTIONS
from interlink.core import Envelope, Record
from interlink.core.errors import NotFound
from interlink.core.record import make_entity
from interlink.core.viewer import Viewer
from interlink.policy import Visibility, snapshot
from interlink.policy.sharing import (
    add_group,
    add_serves,
    make_grant,
    revoke_grant,
    set_membership,
)
from interlink.store import Actor, SQLStore

MA = Actor("ali", "MA-DGSN")
DT = "drug_trafficking"


@pytest.fixture
def served(store: SQLStore) -> Iterator[SQLStore]:
    """MA-DGSN holds two AMBER people and a RED one; the store runs the server's writer."""
    rows = []
    for id_, tlp in (("p1", "AMBER"), ("p2", "AMBER"), ("p-red", "RED")):
        entity = make_entity({"id": id_, "schema": "Person",
                              "properties": {"name": ["Karim Benali"]}})
        rows.append(Record(entity, Envelope(owner="MA-DGSN", tlp=tlp, purposes=[DT])))
    store.write(rows, MA)
    store.start_audit_writer()
    yield store


def fr(user: str = "marie") -> Viewer:
    return Viewer(user, "FR-OFAST", DT)


def entries_of(store: SQLStore, actor: str) -> list[chain.AuditEntry]:
    with store.engine.connect() as conn:
        return list(chain.entries(conn, actor=actor))


def test_a_grant_revoked_between_judgement_and_audit_withholds_the_answer(served) -> None:  # type: ignore[no-untyped-def]
    grant = make_grant(served, MA, record_id="p1", recipient_agency="FR-OFAST", purposes=[DT])
    assert access.read(served, fr(), "p1").full  # the snapshot now holds the grant
    commit = served.audit_committed
    calls = []

    def revoke_first(pending: Pending):  # type: ignore[no-untyped-def]
        if not calls:  # the revocation commits after the judgement, before the entry
            revoke_grant(served, grant.id, MA, "closed")
        calls.append(pending)
        return commit(pending)

    served.audit_committed = revoke_first  # type: ignore[method-assign]
    shown = access.read(served, fr("marc"), "p1")
    assert shown.visibility is Visibility.HIT  # judged again: the full record never left
    assert [p.details["result"] for p in calls] == ["full", "hit"]
    logged = entries_of(served, "marc")
    assert [e.details.get("judged_again") for e in logged] == [None, 1]
    assert [e.details["result"] for e in logged] == ["full", "hit"]


def test_a_search_judged_before_a_revocation_is_judged_again(served) -> None:  # type: ignore[no-untyped-def]
    grant = make_grant(served, MA, record_id=None, recipient_agency="FR-OFAST", purposes=[DT])
    found = access.search(served, fr(), "Karim Benali")
    assert "p1" in found.records
    commit = served.audit_committed
    done: list[bool] = []

    def revoke_first(pending: Pending):  # type: ignore[no-untyped-def]
        if not done:
            revoke_grant(served, grant.id, MA, "closed")
            done.append(True)
        return commit(pending)

    served.audit_committed = revoke_first  # type: ignore[method-assign]
    again = access.search(served, fr("marc"), "Karim Benali")
    assert again.results == [] and again.records == {}
    assert "p1" in {h["id"] for h in again.hits}  # AMBER without a grant: a hit
    assert "p-red" not in {h["id"] for h in again.hits}
    logged = entries_of(served, "marc")
    assert [e.details.get("judged_again") for e in logged] == [None, 1]
    assert logged[0].details["full"] >= 1 and logged[1].details["full"] == 0


def test_tables_moving_under_every_attempt_fall_back_to_the_locked_judgement(served) -> None:  # type: ignore[no-untyped-def]
    add_group(served, "jit", "JIT", ["MA-DGSN"], MA)
    commit = served.audit_committed
    moves = iter(range(100))

    def always_moving(pending: Pending):  # type: ignore[no-untyped-def]
        # an audited sharing change that leaves what FR-OFAST sees of p2 as it is
        set_membership(served, "jit", "FR-OFAST", next(moves) % 2 == 0, MA)
        return commit(pending)

    served.audit_committed = always_moving  # type: ignore[method-assign]
    make_grant(served, MA, record_id="p2", recipient_agency="FR-OFAST", purposes=[DT])
    assert access.read(served, fr("marc"), "p2").full
    logged = entries_of(served, "marc")
    assert [e.details.get("judged_again") for e in logged] == [
        None, *range(1, snapshot.ATTEMPTS + 1)]
    with pytest.raises(NotFound):  # RED, no named grant: as if absent, on that path too
        access.read(served, fr("marc"), "p-red")


def test_the_snapshot_version_moves_with_every_sharing_action(served) -> None:  # type: ignore[no-untyped-def]
    """Each change the snapshot holds is audited under one of SHARING_ACTIONS: if one were
    not, the version would stand still and a stale grant could be confirmed."""
    versions = [snapshot.read_snapshot(served).version]
    g = make_grant(served, MA, record_id="p1", recipient_agency="FR-OFAST", purposes=[DT])
    versions.append(snapshot.read_snapshot(served).version)
    revoke_grant(served, g.id, MA)
    versions.append(snapshot.read_snapshot(served).version)
    add_group(served, "jit", "JIT", ["MA-DGSN"], MA)
    versions.append(snapshot.read_snapshot(served).version)
    add_serves(served, "FR-OFAST", "MA-DGSN", MA)
    versions.append(snapshot.read_snapshot(served).version)
    assert versions == sorted(set(versions))  # strictly growing
    assert set(SHARING_ACTIONS) == {"grant", "revocation", "group", "serves"}


def test_concurrent_readers_and_a_revoker_never_get_a_stale_answer(served) -> None:  # type: ignore[no-untyped-def]
    """Readers (one user each) and a thread granting and revoking p1 over and over: every
    answer, full or hit, is what the grant's state was at the read's own audit entry (the last
    entry of that user: any earlier one was judged again), and no read fails."""
    stop = threading.Event()
    failures: list[BaseException] = []

    def revoker() -> None:
        try:
            while not stop.is_set():
                g = make_grant(served, MA, record_id="p1", recipient_agency="FR-OFAST",
                               purposes=[DT])
                revoke_grant(served, g.id, MA)
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    def reader(i: int) -> tuple[str, str]:
        user = f"reader{i}"
        return user, access.read(served, fr(user), "p1").visibility.value

    thread = threading.Thread(target=revoker)
    thread.start()
    try:
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(reader, range(160)))
    finally:
        stop.set()
        thread.join()
    assert not failures
    with served.engine.connect() as conn:
        log = list(chain.entries(conn))
    # the grant's state after each entry, in chain order
    live, state = False, {}
    for e in log:
        if e.action == "grant" and e.subjects == ["p1"]:
            live = True
        elif e.action == "revocation" and e.subjects == ["p1"]:
            live = False
        state[e.seq] = live
    last = {e.actor: e for e in log if e.action == "consultation"}
    assert {a for _, a in answers} <= {"full", "hit"}
    for user, seen in answers:
        entry = last[user]
        assert entry.details["result"] == seen
        assert seen == ("full" if state[entry.seq] else "hit"), (user, entry.seq)
