"""The fast path for lines the store already holds as they are (`interlink.ingest.known`).

A line is staged without FtM only when its properties, as given, are byte for byte the owner's
current record; these tests pin that such lines skip validation, that anything else (values not
yet clean, a value that is a number, another agency's record) is read the ordinary way, and that
the rows written are the same whichever path a line took.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from interlink.core import Envelope
from interlink.ingest import ftm
from interlink.ingest.pipeline import ingest
from interlink.search import record_keys
from interlink.store.base import Actor
from tests.conftest import ACTOR
from tests.ingest.test_rows_written import LINES, PROPERTIES, SCHEMAS, dump, envelope, write_jsonl


def clean_lines() -> list[dict[str, Any]]:
    """What the store holds after LINES, one line per record (what an export writes)."""
    return [{"id": i, "schema": SCHEMAS[i], "properties": json.loads(PROPERTIES[i])}
            for i in sorted(PROPERTIES)]


@pytest.fixture
def validated(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the lines read by value (either way: `ingest.rows` or an FtM entity), each
    once, in order; a line the store holds as it is is read by neither."""
    seen: list[str] = []

    def note(data: dict[str, Any]) -> None:
        id_ = str(data.get("id"))
        if not seen or seen[-1] != id_:
            seen.append(id_)

    real_entity, real_row = ftm.make_entity, ftm.fast_row

    def entity(data: dict[str, Any]):  # type: ignore[no-untyped-def]
        note(data)
        return real_entity(data)

    def row(data: dict[str, Any], envelope: Envelope):  # type: ignore[no-untyped-def]
        note(data)
        return real_row(data, envelope)

    monkeypatch.setattr(ftm, "make_entity", entity)
    monkeypatch.setattr(ftm, "fast_row", row)
    return seen


def test_lines_the_store_holds_skip_validation_and_write_nothing(
    store, tmp_path: Path, validated: list[str]  # type: ignore[no-untyped-def]
) -> None:
    ingest(store, [write_jsonl(tmp_path / "rows.jsonl", LINES)], envelope(), ACTOR)
    before = dump(store)
    validated.clear()
    # the same file name: the envelope's source reference is part of what is compared
    report = ingest(store, [write_jsonl(tmp_path / "rows.jsonl", clean_lines())], envelope(),
                    ACTOR)
    assert (report.result.created, report.result.updated, report.result.unchanged) == (0, 0, 3)
    assert validated == []
    assert dump(store) == before


def test_values_not_yet_clean_are_validated_and_still_unchanged(
    store, tmp_path: Path, validated: list[str]  # type: ignore[no-untyped-def]
) -> None:
    src = write_jsonl(tmp_path / "rows.jsonl", LINES)
    ingest(store, [src], envelope(), ACTOR)
    before = dump(store)
    validated.clear()
    lines = clean_lines()
    lines[0]["properties"]["country"] = ["MA"]  # ma-c1: FtM lower-cases it
    lines[1]["properties"]["percentage"] = [60]  # ma-o1: a number, stored as the string "60"
    write_jsonl(src, lines)
    report = ingest(store, [src], envelope(), ACTOR)
    assert (report.result.created, report.result.updated, report.result.unchanged) == (0, 0, 3)
    assert validated == ["ma-c1", "ma-o1"]  # ma-p1 was already clean
    assert dump(store) == before


def test_a_later_fragment_merges_with_a_line_the_store_holds(
    store, tmp_path: Path, validated: list[str]  # type: ignore[no-untyped-def]
) -> None:
    src = write_jsonl(tmp_path / "rows.jsonl", LINES)
    env = envelope()
    ingest(store, [src], env, ACTOR)
    before = dump(store)
    lines = clean_lines() + [{"id": "ma-c1", "schema": "Company",
                              "properties": {"email": ["info@atlas.example"]}}]
    write_jsonl(src, lines)
    validated.clear()
    report = ingest(store, [src], env, ACTOR)
    assert validated == ["ma-c1"]  # only the fragment
    assert (report.result.created, report.result.updated, report.result.unchanged) == (0, 1, 2)
    after = dump(store)
    head = next(r for r in after["records"] if r[0] == "ma-c1")
    # the stored properties and the fragment's, merged: nothing of the record is lost
    assert json.loads(head[6]) == {**json.loads(PROPERTIES["ma-c1"]),
                                   "email": ["info@atlas.example"]}
    assert head[3] == 2 and head[5] == "Atlas Trading SARL"
    # its search keys are those of the merged record, not left empty by the fast path
    assert sorted(k for r, k in after["keys"] if r == "ma-c1") == sorted(
        record_keys("Company", json.loads(head[6])))
    assert after["audit"] == before["audit"] + [("alteration", ["ma-c1"], {"versions": 1})]


def test_other_terms_or_another_agency_take_the_ordinary_path(
    store, tmp_path: Path, validated: list[str]  # type: ignore[no-untyped-def]
) -> None:
    src = write_jsonl(tmp_path / "rows.jsonl", LINES)
    ingest(store, [src], envelope(), ACTOR)
    validated.clear()
    write_jsonl(src, clean_lines())
    # new terms (another purpose): every record changes, so every line is validated
    other = Envelope(owner="MA-DGSN", purposes=["money_laundering"], source_grade="B",
                     info_grade="2", collected_at="2026-01-15T10:00:00+00:00")
    report = ingest(store, [src], other, ACTOR)
    assert (report.result.created, report.result.updated, report.result.unchanged) == (0, 3, 0)
    assert sorted(validated) == sorted(PROPERTIES)
    # another agency sending the same lines never reads MA-DGSN's checksums: its own records
    # are created under scoped ids, through the ordinary path
    validated.clear()
    fr = Envelope(owner="FR-OFAST", purposes=["drug_trafficking"], source_grade="B",
                  info_grade="2", collected_at="2026-01-15T10:00:00+00:00")
    report = ingest(store, [src], fr, Actor(user="fr", agency="FR-OFAST"))
    assert report.result.created == 3 and len(report.renamed) == 3
    assert sorted(validated) == sorted(PROPERTIES)
