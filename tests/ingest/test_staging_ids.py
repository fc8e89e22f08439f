"""Staging finds an id staged before by its hash first (`staging.SEEN_IDS`): the stage has no
index on ids until one is needed, and what it stages is the same either way.

A fragment of an entity staged in an earlier batch still merges with it (the hash is there,
the index is built and the row looked up); a hash that is there for another id (a collision)
costs a look-up that finds nothing; past `SEEN_IDS` ids the index keeps every later id, as
it always did before.
"""

from __future__ import annotations

import pytest

from interlink.core.record import RecordRow
from interlink.ingest import staging as staging_mod
from interlink.ingest.staging import Staging
from tests.ingest.conftest import envelope


def _row(id_: str, props: str) -> tuple[RecordRow, str, str, bool, None, bool]:
    return (RecordRow(id_, "Person", props, "", envelope()), "f", id_, False, None, False)


def _indexed(staging: Staging) -> bool:
    return staging.db.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'stage_id'"
    ).fetchone()[0] == 1


def _staged(staging: Staging) -> list[tuple[str, str]]:
    return [(r.id, r.properties_json) for r, *_ in staging.rows()]


def test_distinct_ids_need_no_index_and_a_later_fragment_still_merges() -> None:
    staging = Staging()
    try:
        for n in range(6):  # one row a batch: every id in its own batch
            assert staging.add([_row(f"ma-p{n}", f'{{"name":["Person {n}"]}}')]) == []
        assert not _indexed(staging)
        assert staging.add([_row("ma-p2", '{"birthDate":["1984-03-07"]}'),
                            _row("ma-p9", '{"name":["Person 9"]}')]) == []
        assert _indexed(staging)  # built for the look-up of ma-p2
        assert staging.count == 7
        assert _staged(staging) == [
            *[(f"ma-p{n}", f'{{"name":["Person {n}"]}}') for n in (0, 1)],
            ("ma-p2", '{"birthDate":["1984-03-07"],"name":["Person 2"]}'),
            *[(f"ma-p{n}", f'{{"name":["Person {n}"]}}') for n in (3, 4, 5, 9)]]
        assert staging.origin("ma-p9") == ("f", "ma-p9")
    finally:
        staging.close()


def test_a_hash_collision_costs_a_look_up_and_nothing_else() -> None:
    staging = Staging()
    try:
        staging.add([_row("ma-p1", '{"name":["A"]}')])
        assert staging._seen is not None
        staging._seen.add(hash("ma-p2"))  # as if another id had ma-p2's hash
        assert staging.add([_row("ma-p2", '{"name":["B"]}')]) == []
        assert _indexed(staging)
        assert _staged(staging) == [("ma-p1", '{"name":["A"]}'), ("ma-p2", '{"name":["B"]}')]
    finally:
        staging.close()


def test_past_the_bound_the_index_keeps_every_id(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(staging_mod, "SEEN_IDS", 3)
    staging = Staging()
    try:
        staging.add([_row(f"ma-p{n}", f'{{"name":["P{n}"]}}') for n in range(2)])
        assert staging._seen is not None and not _indexed(staging)
        staging.add([_row(f"ma-p{n}", f'{{"name":["P{n}"]}}') for n in range(2, 4)])
        assert staging._seen is None and _indexed(staging)  # no more hashes kept
        staging.add([_row("ma-p0", '{"country":["ma"]}'), _row("ma-p4", '{"name":["P4"]}')])
        assert _staged(staging)[0] == ("ma-p0", '{"country":["ma"],"name":["P0"]}')
        assert staging.count == 5
        # the unique index still refuses a second row of one id, whatever the code above
        with pytest.raises(Exception, match="UNIQUE"):
            staging.db.execute("INSERT INTO stage (id, envelope, file, row, known)"
                               " VALUES ('ma-p4', '', 'f', '9', 0)")
    finally:
        staging.close()


def _stage_rows(staging: Staging, unfold: bool = True) -> list[tuple[object, ...]]:
    """The stage's rows; with `unfold`, the runs `add_stored` kept whole staged first, as
    anything that reads the stage does (`Staging._unfold`)."""
    if unfold:
        staging._unfold()
    return staging.db.execute(
        "SELECT seq, id, schema, props, caption, missing, keys, envelope, file, row, known,"
        " line, own, done, redo FROM stage ORDER BY seq").fetchall()


def test_a_run_of_known_lines_is_staged_as_add_stages_it() -> None:
    """`add_stored` stages what `add` stages for the same lines, or nothing (and says so) when
    an id may have been staged before or repeats in the run."""
    env = envelope()
    run = [("1", "ma-p1", "h1", False), ("2", "ma-p2", "h2", True), ("3", "ma-p3", "h3", False)]
    by_add, by_run = Staging(), Staging()
    try:
        by_add.add([_row("ma-p0", '{"name":["A"]}')])
        by_run.add([_row("ma-p0", '{"name":["A"]}')])
        by_add.add([(RecordRow(id_, "", staging_mod.STORED, "", env), "f", row, True, digest,
                     own) for row, id_, digest, own in run])
        assert by_run.add_stored("f", run, env)
        # the run is kept whole (one row of `runs`) until something reads the stage
        assert [r[1] for r in _stage_rows(by_run, unfold=False)] == ["ma-p0"]
        assert _stage_rows(by_run) == _stage_rows(by_add)
        assert (by_run.count, by_run.known) == (by_add.count, by_add.known) == (4, 3)
        assert not _indexed(by_run)
        # an id staged before, or twice in the run: left to `add`, nothing staged
        assert not by_run.add_stored("f", [("4", "ma-p4", "h4", False),
                                           ("5", "ma-p1", "h5", False)], env)
        assert not by_run.add_stored("f", [("4", "ma-p4", "h4", False),
                                           ("5", "ma-p4", "h5", False)], env)
        assert _stage_rows(by_run) == _stage_rows(by_add)
        by_run.streaming = True  # (rows written while reading are `add`'s alone)
        assert not by_run.add_stored("f", [("4", "ma-p4", "h4", False)], env)
    finally:
        by_add.close()
        by_run.close()
