"""The ingest pipeline on both backends: quarantine, strict, idempotence, whole-file errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from interlink.audit.table import audit_log
from interlink.core import Envelope, InvalidInput
from interlink.ingest.pipeline import ingest
from interlink.store.tables import record_versions
from tests.conftest import ACTOR
from tests.ingest.conftest import write_jsonl

GOOD = [
    {"id": "ma-p1", "schema": "Person", "properties": {
        "name": ["محمد عمره"], "birthDate": ["1990-01-02"], "nationality": ["ma"]}},
    {"id": "ma-c1", "schema": "Company", "properties": {"name": ["Atlas Trading SARL"]}},
    {"id": "ma-s1", "schema": "Seizure", "properties": {
        "commodity": ["cannabis resin"], "quantity": ["1200"], "unit": ["kg"],
        "involved": ["ma-p1"]}},
]
BAD = [
    {"id": "ma-p2", "schema": "Person", "properties": {"name": ["Y"], "birthDate": ["1990-13-02"]}},
    {"id": "ma-p3", "schema": "Person", "properties": {"name": ["Z"], "nationality": ["Atlantis"]}},
    {"id": "ma-p4", "schema": "Person", "properties": {"shoeSize": ["44"]}},
    {"id": "ma-s2", "schema": "Seizure", "properties": {"quantity": ["3"]}},  # no commodity
]


def env(**kw) -> Envelope:  # type: ignore[no-untyped-def]
    return Envelope(owner="MA-DGSN", purposes=["drug_trafficking"], **kw)


def snapshot(store) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        return (
            store.count(),
            conn.execute(select(func.count()).select_from(record_versions)).scalar_one(),
            conn.execute(select(func.count()).select_from(audit_log)).scalar_one(),
        )


def test_good_rows_commit_and_bad_rows_are_quarantined(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = write_jsonl(tmp_path / "dgsn.jsonl", GOOD + BAD)
    quarantine = tmp_path / "q.csv"
    report = ingest(store, [src], env(), ACTOR, quarantine=quarantine)
    assert report.result.created == 3
    assert sorted(r.id for r in store.iter_records()) == ["ma-c1", "ma-p1", "ma-s1"]
    assert store.get("ma-p1").envelope.source_ref == "dgsn.jsonl"
    reasons = {(e.row, e.field): e.reason for e in report.errors}
    assert reasons[("4", "birthDate")].startswith("invalid date")
    assert reasons[("5", "nationality")].startswith("invalid country")
    assert reasons[("6", "shoeSize")].startswith("unknown property")
    assert reasons[("7", "commodity")].startswith("missing required")
    lines = quarantine.read_text("utf-8").splitlines()
    assert lines[0] == "file,row,field,reason,raw" and len(lines) == 5
    assert lines[1].startswith("dgsn.jsonl,4,birthDate,")


def test_strict_refuses_the_whole_batch(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = write_jsonl(tmp_path / "dgsn.jsonl", GOOD + BAD[:1])
    before = snapshot(store)
    expected = r"1 bad row.*nothing written.*dgsn.jsonl:4 \[birthDate\]"
    with pytest.raises(InvalidInput, match=expected):
        ingest(store, [src], env(), ACTOR, strict=True, quarantine=tmp_path / "q.csv")
    assert snapshot(store) == before


def test_reingest_adds_nothing(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = write_jsonl(tmp_path / "dgsn.jsonl", GOOD)
    ingest(store, [src], env(), ACTOR)
    before = snapshot(store)
    report = ingest(store, [src], env(), ACTOR)
    assert report.result.written == 0 and report.result.unchanged == 3
    assert snapshot(store) == before


def test_changed_input_writes_new_versions_only_where_changed(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ingest(store, [write_jsonl(tmp_path / "a.jsonl", GOOD)], env(), ACTOR)
    changed = json.loads(json.dumps(GOOD))
    changed[0]["properties"]["name"].append("Mohamed Amra")
    report = ingest(store, [write_jsonl(tmp_path / "a.jsonl", changed)], env(), ACTOR)
    assert report.result.updated == 1 and report.result.unchanged == 2
    assert store.get("ma-p1").version == 2 and store.get("ma-c1").version == 1
    assert store.get("ma-p1", 1).entity.get("name") == ["محمد عمره"]


def test_fragments_of_one_entity_merge(store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("interlink.settings.BATCH_SIZE", 2)  # fragments across batches too
    rows = [
        {"id": "c1", "schema": "Company", "properties": {"name": ["Atlas"]}},
        {"id": "p1", "schema": "Person", "properties": {"name": ["A"]}},
        {"id": "p2", "schema": "Person", "properties": {"name": ["B"]}},
        {"id": "c1", "schema": "Company", "properties": {"country": ["ma"]}},
        {"id": "c1", "schema": "Company", "properties": {"name": ["Atlas SARL"]}},
    ]
    src = write_jsonl(tmp_path / "f.jsonl", rows)
    ingest(store, [src], env(), ACTOR)
    company = store.get("c1")
    assert sorted(company.entity.get("name")) == ["Atlas", "Atlas SARL"]
    assert company.entity.get("country") == ["ma"] and company.version == 1
    assert ingest(store, [src], env(), ACTOR).result.written == 0


def test_ids_of_another_agency_get_ids_of_the_importers_own(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Another agency's id neither blocks the import nor names its holder: the importer's
    record gets an owner-scoped id, the same on every re-import."""
    src = write_jsonl(tmp_path / "a.jsonl", GOOD[:1])
    ingest(store, [src], env(), ACTOR)
    fr = Envelope(owner="FR-OFAST", purposes=["drug_trafficking"])
    report = ingest(store, [src], fr, ACTOR, quarantine=tmp_path / "q.csv")
    assert report.result.created == 1 and not report.errors
    mine = report.renamed["ma-p1"]
    assert mine.startswith("fr-ofast-") and store.get(mine).owner == "FR-OFAST"
    assert store.get("ma-p1").owner == "MA-DGSN"
    assert ingest(store, [src], fr, ACTOR).result.unchanged == 1


def test_unknown_agency_is_refused_with_a_hint(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = write_jsonl(tmp_path / "a.jsonl", GOOD)
    with pytest.raises(InvalidInput, match="agency add MA-DGSX"):
        ingest(store, [src], Envelope(owner="MA-DGSX"), ACTOR)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.jsonl", b"", "is empty"),
        ("latin1.jsonl", '{"id": "x", "schema": "Person", "properties": {"name": ["Jos\xe9"]}}\n'
         .encode("latin-1"), "not UTF-8"),
        ("notftm.jsonl", b"id,name\n1,Ahmed\n", "not FtM JSON lines"),
        ("image.png", b"\x89PNG\r\n", "unsupported file type"),
        ("sheet.csv", b"id,name\n1,Ahmed\n", "needs --mapping"),
    ],
)
def test_unreadable_files_get_one_line_errors_and_write_nothing(  # type: ignore[no-untyped-def]
    store, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = snapshot(store)
    with pytest.raises(InvalidInput, match=message) as err:
        ingest(store, [path], env(), ACTOR)
    assert "\n" not in str(err.value)
    assert snapshot(store) == before


def test_truncated_file_refused_even_after_good_lines(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in GOOD)
    path = tmp_path / "cut.jsonl"
    path.write_text(text + text[:40], "utf-8")  # the copy was cut mid-line
    before = snapshot(store)
    with pytest.raises(InvalidInput, match="truncated"):
        ingest(store, [path], env(), ACTOR)
    assert snapshot(store) == before


def test_second_file_unreadable_means_nothing_from_the_first(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = write_jsonl(tmp_path / "good.jsonl", GOOD)
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"\xff\xfe garbage")
    before = snapshot(store)
    with pytest.raises(InvalidInput, match="bad.jsonl"):
        ingest(store, [good, bad], env(), ACTOR)
    assert snapshot(store) == before


def test_notice_list_and_detail_merge_into_one_person(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fixtures = Path(__file__).parent / "fixtures"
    files = [
        fixtures / "interpol_red_notices_list.json",
        fixtures / "interpol_red_notice_detail.json",
    ]
    report = ingest(store, files, env(), ACTOR, strict=True)
    people = list(store.iter_records(schema="Person"))
    sanctions = list(store.iter_records(schema="Sanction"))
    assert report.errors == [] and len(people) == len(sanctions) > 1
    # the detail adds to the person the list page already named, instead of a second record
    detailed = [p for p in people if p.entity.get("birthPlace")]
    assert len(detailed) == 1 and detailed[0].entity.get("lastName")
    assert ingest(store, files, env(), ACTOR).result.written == 0


def test_parallel_read_matches_sequential(make_store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    rows = []
    for i in range(300):
        rows.append({"id": f"ma-p{i}", "schema": "Person", "properties": {
            "name": [f"محمد {i}"], "birthDate": ["1990-13-01" if i % 50 == 7 else "1990-01-01"]}})
        if i % 40 == 0:  # fragments of one company spread over every part
            rows.append({"id": "ma-c1", "schema": "Company", "properties": {"name": [f"C{i}"]}})
    src = write_jsonl(tmp_path / "big.jsonl", rows)
    results = []
    for workers in (1, 2):
        monkeypatch.setattr("interlink.settings.WORKERS", workers)
        monkeypatch.setattr("interlink.settings.PARALLEL_MIN_BYTES", 0)
        monkeypatch.setattr("interlink.settings.PARALLEL_PART_BYTES", 1000)
        store = make_store(fresh=True)
        from interlink.core import Agency

        store.add_agency(Agency.create("MA-DGSN", "MA", name="x"), ACTOR)
        report = ingest(store, [src], env(), ACTOR, quarantine=tmp_path / "q.csv")
        results.append((
            [(e.row, e.field) for e in report.errors],
            [r.to_dict()["properties"] for r in store.iter_records()],
            report.items,
        ))
    assert results[0] == results[1]
    errors, records, items = results[0]
    assert items == len(rows) and len(errors) == 6 and len(records) == 300 - 6 + 1
    assert errors[0] == ("9", "birthDate")  # line numbers survive the cut into parts


def test_parallel_read_still_refuses_a_truncated_file(store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("interlink.settings.WORKERS", 2)
    monkeypatch.setattr("interlink.settings.PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr("interlink.settings.PARALLEL_PART_BYTES", 500)
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in GOOD * 20)
    path = tmp_path / "cut.jsonl"
    path.write_text(text + text[:40], "utf-8")
    before = snapshot(store)
    with pytest.raises(InvalidInput, match="truncated"):
        ingest(store, [path], env(), ACTOR)
    assert snapshot(store) == before


def test_strict_refusal_found_while_writing_rolls_everything_back(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ingest(store, [write_jsonl(tmp_path / "a.jsonl", GOOD[:1])], env(), ACTOR)
    fr = Envelope(owner="FR-OFAST", purposes=["drug_trafficking"])
    # a fragment that no other fragment completes is refused only once merged, while writing
    rows = [{"id": "fr-p1", "schema": "Person", "properties": {"name": ["X"]}},
            {"id": "fr-p2", "schema": "Person", "properties": {"birthDate": ["1990-01-02"]}}]
    before = snapshot(store)
    with pytest.raises(InvalidInput, match="missing required field"):
        ingest(store, [write_jsonl(tmp_path / "b.jsonl", rows)], fr, ACTOR, strict=True,
               quarantine=tmp_path / "q.csv")
    assert snapshot(store) == before and store.get("fr-p1") is None
