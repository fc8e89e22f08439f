"""Lines recognised by their bytes (`interlink.ingest.lines`), on both backends.

Re-sending an unchanged file stages each line as the version it wrote without parsing it. These
tests pin that such lines are not parsed at all, that the records and audit are exactly what
the ordinary path leaves (the same scenario run with the line table emptied, which forces the
parsing paths), and that an entry is trusted only while its record's head is the version the
line wrote, for the agency that wrote it, under the same terms.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select

from interlink.core import Envelope
from interlink.ingest import ftm
from interlink.ingest.lines import LineHasher, line_id
from interlink.ingest.pipeline import ingest
from interlink.store.base import Actor
from interlink.store.tables import ingest_lines, record_versions
from tests.conftest import ACTOR
from tests.ingest.test_known_lines import clean_lines
from tests.ingest.test_rows_written import LINES, PROPERTIES, dump, envelope, write_jsonl


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every line the FtM reader parses as JSON (the text of each; not the stored envelopes
    it reads back)."""
    seen: list[str] = []
    real = ftm.loads

    def loads(text: Any) -> Any:
        if '"schema"' in text:
            seen.append(text)
        return real(text)

    monkeypatch.setattr(ftm, "loads", loads)
    return seen


def entries(store) -> dict[str, tuple[int, bool]]:  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        return {r.record_id: (r.version, bool(r.own_envelope))
                for r in conn.execute(select(ingest_lines))}


def forget_lines(store) -> None:  # type: ignore[no-untyped-def]
    with store.engine.begin() as conn:
        conn.execute(delete(ingest_lines))


def test_an_unchanged_file_is_not_parsed_again(
    store, tmp_path: Path, parsed: list[str]  # type: ignore[no-untyped-def]
) -> None:
    src = write_jsonl(tmp_path / "rows.jsonl", clean_lines())
    ingest(store, [src], envelope(), ACTOR)
    # one entry per record written from one line, at the version it wrote
    assert entries(store) == {i: (1, False) for i in PROPERTIES}
    before = dump(store)
    parsed.clear()
    report = ingest(store, [src], envelope(), ACTOR)
    assert (report.result.created, report.result.updated, report.result.unchanged) == (0, 0, 3)
    assert parsed == []
    assert dump(store) == before


def test_a_record_merged_from_fragments_gets_no_entry(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ingest(store, [write_jsonl(tmp_path / "rows.jsonl", LINES)], envelope(), ACTOR)
    # ma-p1 comes from two lines: no single line wrote it
    assert set(entries(store)) == {"ma-c1", "ma-o1"}


def test_a_changed_line_is_parsed_and_its_entry_moves_to_the_new_version(
    store, tmp_path: Path, parsed: list[str]  # type: ignore[no-untyped-def]
) -> None:
    lines = clean_lines()
    src = write_jsonl(tmp_path / "rows.jsonl", lines)
    ingest(store, [src], envelope(), ACTOR)
    lines[0]["properties"]["registrationNumber"] = ["RC-9902"]  # ma-c1
    write_jsonl(src, lines)
    parsed.clear()
    report = ingest(store, [src], envelope(), ACTOR)
    assert (report.result.updated, report.result.unchanged) == (1, 2)
    assert len(parsed) == 1 and '"ma-c1"' in parsed[0]
    assert entries(store)["ma-c1"] == (2, False)
    parsed.clear()
    report = ingest(store, [src], envelope(), ACTOR)  # the changed line is known now
    assert (report.result.updated, report.result.unchanged) == (0, 3)
    assert parsed == []


def test_an_entry_is_stale_once_the_record_has_another_version(
    store, tmp_path: Path, parsed: list[str]  # type: ignore[no-untyped-def]
) -> None:
    src = write_jsonl(tmp_path / "rows.jsonl", clean_lines())
    ingest(store, [src], envelope(), ACTOR)
    store.erase("ma-c1", Actor(user="tester", agency="MA-DGSN"), "court order")
    # erasure takes the hash of the line with the content: it was derived from it
    assert set(entries(store)) == {"ma-o1", "ma-p1"}
    parsed.clear()
    report = ingest(store, [src], envelope(), ACTOR)
    # the erased record is collected again from its line, read the ordinary way
    assert len(parsed) == 1 and '"ma-c1"' in parsed[0]
    assert (report.result.updated, report.result.unchanged) == (1, 2)
    head = next(r for r in dump(store)["records"] if r[0] == "ma-c1")
    assert head[3] == 3 and head[6] == PROPERTIES["ma-c1"] and head[8] is False


def test_other_terms_a_renamed_file_or_another_agency_are_parsed(
    store, tmp_path: Path, parsed: list[str]  # type: ignore[no-untyped-def]
) -> None:
    src = write_jsonl(tmp_path / "rows.jsonl", clean_lines())
    ingest(store, [src], envelope(), ACTOR)
    parsed.clear()
    # the same bytes under another handling code: other terms, other hash
    ingest(store, [src], envelope().with_changes(handling="H1"), ACTOR)
    assert len(parsed) == 3
    parsed.clear()
    other = write_jsonl(tmp_path / "other.jsonl", clean_lines())  # another source reference
    ingest(store, [other], envelope().with_changes(handling="H1"), ACTOR)
    assert len(parsed) == 3
    parsed.clear()
    fr = Envelope(owner="FR-OFAST", purposes=["drug_trafficking"], source_grade="B",
                  info_grade="2", collected_at="2026-01-15T10:00:00+00:00")
    report = ingest(store, [other], fr, Actor(user="fr", agency="FR-OFAST"))
    assert len(parsed) == 3 and report.result.created == 3 and len(report.renamed) == 3
    # no entry for a load whose ids were renamed (its references were rewritten)
    assert set(entries(store)) == set(PROPERTIES)


@pytest.mark.parametrize(("own", "batch"), [(False, 5000), (True, 5000), (False, 1), (True, 1)])
def test_a_later_fragment_merges_as_on_the_ordinary_path(
    make_store, tmp_path: Path, own: bool, batch: int, parsed: list[str],  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A line known by its bytes followed by a fragment of the same record: the merged version
    (its envelope too: the line's own, or this run's default terms and dates) is what the
    parsing path writes; its properties, left in the store while staged, are read back for the
    merge, in the same staging batch or a later one (`batch` 1)."""
    from interlink import settings
    from interlink.core.agency import Agency

    monkeypatch.setattr(settings, "BATCH_SIZE", batch)

    results = []
    for fast in (True, False):
        store = make_store(fresh=True)
        store.add_agency(Agency.create("MA-DGSN", "MA", name="DGSN"), ACTOR)
        env = envelope()
        lines = clean_lines()
        if own:
            mine = env.with_changes(source_ref="case-7", handling="H1").to_dict()
            lines = [{**line, "envelope": mine} for line in lines]
        work = tmp_path / str(fast)
        work.mkdir()
        src = write_jsonl(work / "rows.jsonl", lines)
        ingest(store, [src], env, ACTOR)
        if not fast:
            forget_lines(store)
        fragment = {"id": "ma-c1", "schema": "Company",
                    "properties": {"email": ["info@atlas.example"]}}
        if own:
            fragment["envelope"] = lines[0]["envelope"]
        write_jsonl(src, [*lines, fragment])
        later = env.with_changes(collected_at="2026-02-01T09:00:00+00:00")
        parsed.clear()
        report = ingest(store, [src], later, ACTOR)
        # known by their bytes, only the fragment is parsed; else every line is
        assert len(parsed) == (1 if fast else 4)
        assert (report.result.updated, report.result.unchanged) == (1, 2)
        with store.engine.connect() as conn:
            envs = [(r.record_id, r.version, json.loads(r.envelope)) for r in conn.execute(
                select(record_versions).order_by(record_versions.c.record_id,
                                                 record_versions.c.version))]
        results.append((dump(store), envs))
    assert results[0] == results[1]
    merged = next(e for i, v, e in results[0][1] if i == "ma-c1" and v == 2)
    if own:
        assert merged["source_ref"] == "case-7" and merged["handling"] == "H1"
    else:  # this run's default envelope, as the ordinary path gives a line without one
        assert merged["collected_at"] == "2026-02-01T09:00:00+00:00"


def test_hashes_and_ids_of_lines() -> None:
    env = envelope().with_changes(source_ref="rows.jsonl")
    digest = LineHasher(env)
    line = '{"id": "ma-c1", "schema": "Company", "properties": {}}'
    assert digest(line) == digest(line) and len(digest(line) or "") == 40
    assert digest(line) != digest(line + " ")
    # the run's dates are not part of it; the terms and the source reference are
    assert LineHasher(env.with_changes(collected_at="2027-01-01T00:00:00+00:00"))(line) == (
        digest(line))
    assert LineHasher(env.with_changes(source_ref="other.jsonl"))(line) != digest(line)
    assert LineHasher(env.with_changes(handling="H1"))(line) != digest(line)
    assert LineHasher(None)(line) is None
    assert line_id(line) == "ma-c1"
    assert line_id('{"schema": "Company", "id":"x-1"}') == "x-1"
    assert line_id('{"id": "a\\"b"}') is None  # an escape: the ordinary path
    assert line_id('{"schema": "Company"}') is None


def test_known_lines_in_a_load_with_renamed_ids_are_compared_as_before(
    make_store, tmp_path: Path, parsed: list[str]  # type: ignore[no-untyped-def]
) -> None:
    """A load that renames ids (one is another agency's) has the store compare every row, the
    lines known by their bytes too: their properties are read back from the store, and the
    result is the parsing path's."""
    from interlink.core.agency import Agency

    results = []
    for fast in (True, False):
        store = make_store(fresh=True)
        for code in ("MA-DGSN", "FR-OFAST"):
            store.add_agency(Agency.create(code, code[:2], name=code), ACTOR)
        work = tmp_path / str(fast)
        work.mkdir()
        fr = Envelope(owner="FR-OFAST", purposes=["drug_trafficking"], source_grade="B",
                      info_grade="2", collected_at="2026-01-15T10:00:00+00:00")
        taken = {"id": "fr-x1", "schema": "Company", "properties": {"name": ["Sahel SARL"]}}
        ingest(store, [write_jsonl(work / "fr.jsonl", [taken])], fr,
               Actor(user="fr", agency="FR-OFAST"))
        src = write_jsonl(work / "rows.jsonl", clean_lines())
        ingest(store, [src], envelope(), ACTOR)
        if not fast:
            forget_lines(store)
        write_jsonl(src, [*clean_lines(), taken])
        parsed.clear()
        report = ingest(store, [src], envelope(), ACTOR)
        assert len(parsed) == (1 if fast else 4)
        assert list(report.renamed) == ["fr-x1"]
        assert (report.result.created, report.result.updated, report.result.unchanged) == (
            1, 0, 3)
        results.append(dump(store))
    assert results[0] == results[1]


def test_a_row_left_in_the_store_and_erased_meanwhile_is_a_conflict() -> None:
    from interlink.core.errors import Conflict
    from interlink.core.record import RecordRow
    from interlink.ingest.staging import STORED, Staging

    staging = Staging(fill=lambda ids: {})
    try:
        env = envelope()
        known = RecordRow("ma-c1", "Company", STORED, "Atlas", env)
        fragment = RecordRow("ma-c1", "Company", '{"email":["a@b.example"]}', "", env)
        with pytest.raises(Conflict):
            staging.add([(known, "f", "1", True, "h", False),
                         (fragment, "f", "2", False, None, False)])
    finally:
        staging.close()
