"""A first load writes while it reads (`ingest.streaming`): what it leaves is what writing after
reading leaves, on both backends.

Batches of one and two rows put every fragment of an entity in another batch than the first,
so a record is written, then taken back and written merged; a row missing a required property
is held until a later fragment completes it (or refused at the end); an id another agency
holds, met after rows were written, takes every write back to the ordinary path (its rename
rewrites references in rows already written). Compared with the same input written after
reading (`WRITE_WHILE_READING` off): every row of the store, every record audited once as
collected, the same counts and refusals.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from interlink.audit.table import audit_log
from interlink.core import Agency, Envelope
from interlink.core.errors import Conflict, InvalidInput
from interlink.core.record import RecordRow
from interlink.ingest import pipeline
from interlink.ingest import staging as staging_mod
from interlink.ingest.pipeline import ingest
from interlink.ingest.staging import Staging
from interlink.store.sql import SQLStore
from interlink.store.tables import ingest_lines, record_versions, records
from interlink.store.tables import record_keys as record_keys_table
from tests.conftest import ACTOR
from tests.ingest.conftest import envelope, write_jsonl

LINES: list[dict[str, Any]] = [
    {"id": "ma-p1", "schema": "Person", "properties": {"name": ["Karim  Benali"]}},
    {"id": "ma-c1", "schema": "Company", "properties": {"name": ["Atlas Trading SARL"]}},
    # no name yet: held until the fragment further down gives it one
    {"id": "ma-p2", "schema": "Person", "properties": {"birthDate": ["1990-02-03"]}},
    {"id": "ma-p1", "schema": "Person", "properties": {"birthDate": ["1984-03-07"]}},
    {"id": "ma-o1", "schema": "Ownership", "properties": {"owner": ["ma-p1"],
                                                          "asset": ["ma-c1"]}},
    {"id": "ma-p3", "schema": "Person", "properties": {"nationality": ["ma"]}},  # never named
    {"id": "ma-p2", "schema": "Person", "properties": {"name": ["Salma Idrissi"]}},
    {"id": "ma-c1", "schema": "Company", "properties": {"country": ["MA"]}},
    {"id": "ma-p4", "schema": "Person", "properties": {"name": ["Nadia Amrani"]}},
]


def dump(store: SQLStore) -> dict[str, Any]:
    """Every row an ingest writes (without its timestamps), and the audit entries of records
    as (action, record) pairs, each record once."""
    with store.engine.connect() as conn:
        audited = [(r.action, subject) for r in conn.execute(
            select(audit_log).order_by(audit_log.c.seq))
            if r.action in ("collection", "alteration") for subject in json.loads(r.subjects)]
        return {
            "records": [tuple(r) for r in conn.execute(select(
                records.c.id, records.c.schema, records.c.owner, records.c.version,
                records.c.checksum, records.c.caption, records.c.properties,
                records.c.source_ref, records.c.erased).order_by(records.c.id))],
            "versions": [tuple(r) for r in conn.execute(select(
                record_versions.c.record_id, record_versions.c.version,
                record_versions.c.kind, record_versions.c.checksum,
                record_versions.c.properties, record_versions.c.envelope,
            ).order_by(record_versions.c.record_id, record_versions.c.version))],
            "keys": sorted(tuple(r) for r in conn.execute(select(
                record_keys_table.c.record_id, record_keys_table.c.key))),
            "lines": [tuple(r) for r in conn.execute(select(ingest_lines).order_by(
                ingest_lines.c.record_id))],
            "audit": sorted(audited),
            "audited_once": len(audited) == len(set(audited)),
        }


def load(make_store, src: Path, streaming: bool, batch: int, monkeypatch,  # type: ignore[no-untyped-def]
         foreign: str | None = None) -> tuple[dict[str, Any], tuple[Any, ...], int]:
    """A fresh store loaded from `src` (with `foreign` already held by FR-OFAST): its rows,
    the report's figures, and how many writes happened while reading."""
    monkeypatch.setattr(pipeline, "WRITE_WHILE_READING", streaming)
    monkeypatch.setattr("interlink.settings.BATCH_SIZE", batch)
    store = make_store(fresh=True)
    for code in ("MA-DGSN", "FR-OFAST"):
        store.add_agency(Agency.create(code, code[:2], name=code), ACTOR)
    if foreign is not None:
        held = {"id": foreign, "schema": "Company", "properties": {"name": ["Held"]}}
        ingest(store, [write_jsonl(src.with_name("fr.jsonl"), [held])],
               Envelope(owner="FR-OFAST", purposes=["drug_trafficking"],
                        collected_at="2026-01-15T10:00:00+00:00"), ACTOR)
    calls = []
    write_rows = SQLStore.write_rows

    def spy(self, rows, *args, audit: bool = True, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(audit)
        return write_rows(self, rows, *args, audit=audit, **kwargs)

    monkeypatch.setattr(SQLStore, "write_rows", spy)
    report = ingest(store, [src], envelope(), ACTOR, quarantine=src.with_name("q.csv"))
    monkeypatch.setattr(SQLStore, "write_rows", write_rows)
    figures = (report.result.created, report.result.updated, report.result.unchanged,
               sorted((e.row, e.field) for e in report.errors), report.renamed)
    return dump(store), figures, calls.count(False)


@pytest.mark.parametrize("batch", [1, 2, 5000])
def test_written_while_read_leaves_what_writing_after_reading_leaves(
        make_store, tmp_path: Path, monkeypatch, batch: int) -> None:  # type: ignore[no-untyped-def]
    src = write_jsonl(tmp_path / "rows.jsonl", LINES)
    after, after_figures, _ = load(make_store, src, False, batch, monkeypatch)
    while_, figures, streamed = load(make_store, src, True, batch, monkeypatch)
    # rows went to the store while reading: with batches of one, each row complete when read
    assert streamed == (4 if batch == 1 else 1 if batch == 5000 else streamed) and streamed
    assert while_ == after
    assert figures == after_figures
    created, _updated, _unchanged, errors, _renamed = figures
    assert created == 5 and errors == [("6", "name")]  # ma-p3 refused, never named
    assert while_["audited_once"]
    assert [r[0] for r in while_["records"]] == ["ma-c1", "ma-o1", "ma-p1", "ma-p2", "ma-p4"]
    merged = {r[0]: r[6] for r in while_["records"]}
    assert merged["ma-p1"] == '{"birthDate":["1984-03-07"],"name":["Karim Benali"]}'
    assert merged["ma-c1"] == '{"country":["ma"],"name":["Atlas Trading SARL"]}'
    # a line entry only for records written from one line alone
    assert [r[0] for r in while_["lines"]] == ["ma-o1", "ma-p4"]


def test_an_id_held_by_another_agency_takes_the_writes_back(
        make_store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # ma-o1 refers to ma-c1, written before the held id shows up: a rename must reach it
    rows = [LINES[0], {"id": "ma-o1", "schema": "Ownership", "properties": {
        "owner": ["ma-p1"], "asset": ["ma-c1"]}}, LINES[8], LINES[1]]
    src = write_jsonl(tmp_path / "rows.jsonl", rows)
    after, after_figures, _ = load(make_store, src, False, 1, monkeypatch, foreign="ma-c1")
    while_, figures, streamed = load(make_store, src, True, 1, monkeypatch, foreign="ma-c1")
    assert streamed >= 3
    assert while_ == after and figures == after_figures
    renamed = figures[4]["ma-c1"]
    assert renamed != "ma-c1"
    owned = {r[0]: r[6] for r in while_["records"]}
    assert renamed in owned["ma-o1"] and owned["ma-c1"] == '{"name":["Held"]}'


def test_a_file_cut_short_after_rows_were_written_leaves_nothing(
        make_store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in LINES)
    src = tmp_path / "cut.jsonl"
    src.write_text(text + text[:40], "utf-8")
    monkeypatch.setattr("interlink.settings.BATCH_SIZE", 1)
    store = make_store(fresh=True)
    store.add_agency(Agency.create("MA-DGSN", "MA", name="x"), ACTOR)
    before = dump(store)
    with pytest.raises(InvalidInput, match="truncated"):
        ingest(store, [src], envelope(), ACTOR)
    assert dump(store) == before and before["records"] == []


def test_a_row_written_while_reading_is_staged_as_its_id_and_recalled_to_merge() -> None:
    """Staging keeps no content for a row the write transaction holds (`staging.WRITTEN`): a
    later fragment merges with the row recalled from the store, and a row the store does not
    hold as written (another agency's, or gone) stops the ingest instead of merging with
    something else."""
    env = envelope()
    first = RecordRow("ma-p1", "Person", '{"name":["Karim Benali"]}', "Karim Benali", env)
    later = RecordRow("ma-p1", "Person", '{"birthDate":["1984-03-07"]}', "", env)
    held: dict[str, tuple[str, str, str]] = {}
    asked: list[list[str]] = []

    def recall(ids: list[str]) -> dict[str, tuple[str, str, str]]:
        asked.append(ids)
        return {id_: held[id_] for id_ in ids if id_ in held}

    staging = Staging()
    try:
        staging.streaming, staging.recall = True, recall
        assert staging.add([(first, "f", "1", False, "ab" * 20, True)]) == []
        rows, lines = staging.take_fresh()
        assert [r.id for r in rows] == ["ma-p1"] and lines == {"ma-p1": ("ab" * 20, True)}
        assert staging.take_fresh() == ([], {})  # taken
        assert staging.db.execute("SELECT props, caption FROM stage").fetchall() == [
            (staging_mod.WRITTEN, "")]
        held["ma-p1"] = ("Person", first.properties_json, first.caption)
        assert staging.add([(later, "f", "2", False, None, False)]) == []
        assert asked == [["ma-p1"]]
        (row, *_), = list(staging.rows())
        assert row.properties_json == '{"birthDate":["1984-03-07"],"name":["Karim Benali"]}'
        assert list(staging.written_ids(redo=True)) == ["ma-p1"]  # written again, merged
        second = RecordRow("ma-p2", "Person", '{"name":["Salma Idrissi"]}', "Salma", env)
        staging.add([(second, "f", "3", False, None, False)])
        with pytest.raises(Conflict):  # not in the store as written: never merged blindly
            staging.add([(second._replace(properties_json='{"country":["ma"]}'), "f", "4",
                          False, None, False)])
        # taken back: the rows come out in full, the store's or the write's own
        staging.stop_streaming([second])
        assert [(r.id, r.properties_json) for r, *_ in staging.rows()] == [
            ("ma-p1", '{"birthDate":["1984-03-07"],"name":["Karim Benali"]}'),
            ("ma-p2", '{"name":["Salma Idrissi"]}')]
    finally:
        staging.close()
