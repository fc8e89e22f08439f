"""The pieces that make a re-ingest cheap keep what is staged and written exactly as it was:
units packed to cross processes, envelopes numbered in staging, a line known by its bytes whose
record moved on meanwhile, the cycle collector's threshold given back."""

from __future__ import annotations

import gc
import pickle
from pathlib import Path

import pytest

from interlink import settings
from interlink.core.errors import Conflict
from interlink.core.record import RecordRow
from interlink.ingest import staging as staging_mod
from interlink.ingest.base import RowError
from interlink.ingest.pipeline import ingest
from interlink.ingest.staging import STORED, Staging
from interlink.ingest.units import Unit, pack, unpack
from tests.conftest import ACTOR
from tests.ingest.test_known_lines import clean_lines
from tests.ingest.test_rows_written import dump, envelope, write_jsonl


def test_units_packed_and_unpacked_are_the_same_units() -> None:
    env = envelope()
    units = [
        Unit("f.jsonl", "1", [RecordRow("a", "Person", '{"name":["A"]}', "A", env, "",
                                        ("k1", "k2"))], None, False, "h1", True),
        Unit("f.jsonl", "2", [], RowError("f.jsonl", "2", "", "not JSON", {"line": "x"},
                                          "row.not_json", {"reason": "x"})),
        Unit("f.jsonl", "3", [], None, True, lines=[("3", "b", "h3", False),
                                                    ("4", "c", "h4", True)]),
    ]
    back = [unpack(u) for u in pickle.loads(pickle.dumps([pack(u) for u in units]))]
    assert back == units
    assert all(type(r) is RecordRow for u in back for r in u.rows)
    assert back[0].rows[0].owner == env.owner  # a RecordRow, its properties work


def test_staged_envelopes_past_the_numbered_ones_come_back_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(staging_mod, "ENVELOPES", 2)
    staging = Staging()
    try:
        envs = [envelope().with_changes(source_ref=f"case-{i}") for i in range(5)]
        rows = [(RecordRow(f"id-{i}", "Company", '{"name":["X"]}', "X", env), "f", str(i),
                 False, None, False) for i, env in enumerate(envs)]
        assert staging.add(rows) == []
        out = list(staging.rows())
        assert [r.envelope for r, *_ in out] == envs
        assert [r.id for r, *_ in out] == [f"id-{i}" for i in range(5)]
    finally:
        staging.close()


def test_a_stored_row_whose_record_moved_on_is_a_conflict() -> None:
    """A line recognised by its bytes is staged as its id alone; when the row is needed and
    the store's line entry no longer has that hash (the record was rewritten meanwhile), the
    ingest stops with the store's concurrent-write conflict instead of using other content."""
    env = envelope()
    staging = Staging(fill=lambda ids: {i: ("Company", '{"name":["Atlas"]}', "Atlas",
                                            env.json, "other-hash") for i in ids})
    try:
        known = RecordRow("ma-c1", "", STORED, "", env)
        staging.add([(known, "f", "1", True, "h", False)])
        with pytest.raises(Conflict):
            list(staging.rows())
    finally:
        staging.close()


def test_a_stored_row_reads_back_schema_caption_and_its_own_envelope() -> None:
    env = envelope()
    own = env.with_changes(source_ref="case-7")
    staging = Staging(fill=lambda ids: {i: ("Company", '{"name":["Atlas"]}', "Atlas",
                                            own.json, "h") for i in ids})
    try:
        staging.add([(RecordRow("ma-c1", "", STORED, "", env), "f", "1", True, "h", True),
                     (RecordRow("ma-c2", "", STORED, "", env), "f", "2", True, "h", False)])
        (first, *_), (second, *_) = list(staging.rows())
        assert first == RecordRow("ma-c1", "Company", '{"name":["Atlas"]}', "Atlas", own, "",
                                  None)
        assert second.envelope == env and second.caption == "Atlas"  # the run's default
    finally:
        staging.close()


def test_an_ingest_gives_back_the_collector_threshold(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = gc.get_threshold()
    ingest(store, [write_jsonl(tmp_path / "rows.jsonl", clean_lines())], envelope(), ACTOR)
    assert gc.get_threshold() == before


@pytest.mark.parametrize("batch", [1, 2, 5000])
def test_a_reingest_in_runs_of_known_lines_leaves_the_store_as_it_was(
    store, tmp_path: Path, batch: int, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    """Known lines around a changed one, staged in batches of every size: the changed line is
    written, the rest are counted unchanged and nothing else moves."""
    monkeypatch.setattr(settings, "BATCH_SIZE", batch)
    lines = clean_lines()
    src = write_jsonl(tmp_path / "rows.jsonl", lines)
    ingest(store, [src], envelope(), ACTOR)
    before = dump(store)
    report = ingest(store, [src], envelope(), ACTOR)
    assert (report.items, report.staged) == (len(lines), len(lines))
    assert (report.result.created, report.result.updated, report.result.unchanged) == (
        0, 0, len(lines))
    assert dump(store) == before
    changed = [dict(line) for line in lines]
    changed[1] = {**changed[1], "properties": {**changed[1]["properties"],
                                               "summary": ["changed"]}}
    write_jsonl(src, changed)
    report = ingest(store, [src], envelope(), ACTOR)
    assert report.errors == []
    assert (report.result.created, report.result.updated, report.result.unchanged) == (
        0, 1, len(lines) - 1)
