"""A large file read in parallel (`ingest.parallel`): its parts grow from a small first one,
a first load's first batch is written early, and what the readers send the writing process
stages the same rows as reading in one process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from interlink import settings
from interlink.core import Agency
from interlink.ingest import parallel, pipeline
from interlink.ingest.pipeline import ingest
from interlink.ingest.staging import Staging
from interlink.ingest.textfile import line_spans
from tests.conftest import ACTOR
from tests.ingest.conftest import envelope, write_jsonl
from tests.ingest.test_streaming import dump


def people(n: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for i in range(n):
        rows.append({"id": f"ma-p{i}", "schema": "Person", "properties": {
            "name": [f"Karim Benali {i}"], "phone": ["+212661234567"],
            "birthDate": ["1990-13-01" if i % 37 == 5 else f"19{50 + i % 50}-01-02"]}})
        if i % 25 == 0:  # fragments of one company spread over the file's parts
            rows.append({"id": "ma-c1", "schema": "Company", "properties": {"name": [f"C{i}"]}})
    return rows


def test_parts_grow_from_the_first_size_to_the_part_size(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_bytes(b"".join(b"%05d" % i + b"x" * (i % 90) + b"\n" for i in range(3000)))
    data = path.read_bytes()
    for first in (None, 100, 700, 5000):
        spans = list(line_spans(path, 2000, first))
        # contiguous, cut at line ends, numbered from the lines before each start
        assert spans[0][0] == 0 and spans[-1][1] == len(data)
        for (_s, end, _n), (start, _e, _m) in zip(spans, spans[1:], strict=False):
            assert end == start and data[end - 1:end] == b"\n"
        for start, _end, number in spans:
            assert number == data[:start].count(b"\n") + 1
        sizes = [end - start for start, end, _n in spans]
        step = min(first or 2000, 2000)
        for size in sizes[:-1]:  # each at least its step, at most a line (< 100 bytes) more
            assert step <= size < step + 100
            step = min(step * 2, 2000)
    grown = [end - start for start, end, _n in line_spans(path, 2000, 100)]
    assert grown[0] < 200 and grown[1] < 300 and grown[2] < 500 and max(grown) < 2100


def test_a_first_load_writes_its_first_batch_before_a_whole_batch_is_read(
        make_store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    src = write_jsonl(tmp_path / "rows.jsonl", people(120))
    monkeypatch.setattr("interlink.settings.BATCH_SIZE", 50)
    seen: dict[str, Any] = {}
    for name, first, streaming in (("early", 10, True), ("whole", 50, True),
                                   ("after", 10, False)):
        monkeypatch.setattr(settings, "FIRST_BATCH", first)
        monkeypatch.setattr(pipeline, "WRITE_WHILE_READING", streaming)
        sizes: list[int] = []
        add = Staging.add

        def spy(self, rows, _add=add, _sizes=sizes):  # type: ignore[no-untyped-def]
            _sizes.append(len(rows))
            return _add(self, rows)

        monkeypatch.setattr(Staging, "add", spy)
        store = make_store(fresh=True)
        store.add_agency(Agency.create("MA-DGSN", "MA", name="x"), ACTOR)
        report = ingest(store, [src], envelope(), ACTOR, quarantine=tmp_path / "q.csv")
        monkeypatch.setattr(Staging, "add", add)
        seen[name] = (sizes, dump(store), report.result.created, len(report.errors))
    rows = 120 + 5 - 4  # people and the company's fragments, less four refused when read
    assert seen["early"][0] == [10, 50, 50, rows - 110]
    assert seen["whole"][0] == [50, 50, rows - 100]
    assert seen["after"][0] == [50, 50, rows - 100]  # read, then written: batches as ever
    # the same store whichever the first batch, streamed or not
    assert seen["early"][1:] == seen["whole"][1:] == seen["after"][1:]
    assert seen["early"][2] == 120 + 1 - 4 and seen["early"][3] == 4


def test_read_in_growing_parts_by_two_readers_stages_what_one_reader_stages(
        make_store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    src = write_jsonl(tmp_path / "rows.jsonl", people(400))
    monkeypatch.setattr("interlink.settings.PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr("interlink.settings.PARALLEL_PART_BYTES", 6000)
    monkeypatch.setattr(settings, "PARALLEL_FIRST_PART_BYTES", 300)
    assert len(list(line_spans(src, 6000, 300))) > 8  # parts of several sizes
    out = []
    for workers in (1, 2):
        monkeypatch.setattr("interlink.settings.WORKERS", workers)
        store = make_store(fresh=True)
        store.add_agency(Agency.create("MA-DGSN", "MA", name="x"), ACTOR)
        report = ingest(store, [src], envelope(), ACTOR, quarantine=tmp_path / "q.csv")
        out.append((dump(store), report.items, report.staged,
                    [(e.row, e.field, e.code) for e in report.errors]))
    assert out[0] == out[1]
    _rows, items, staged, errors = out[0]
    lines = people(400)
    bad = [str(n) for n, row in enumerate(lines, start=1)
           if row["properties"].get("birthDate", [""])[0].startswith("1990-13")]
    assert items == len(lines) and staged == 400 - len(bad) + 1
    # line numbers survive the cut into parts of growing size
    assert [e[0] for e in errors] == bad and len(bad) == 11


def test_only_a_first_load_reads_its_first_parts_small(
        make_store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A first load's writer waits for the first part's lines, so its parts grow from
    PARALLEL_FIRST_PART_BYTES; a re-ingest writes nothing meanwhile, and each part costs its
    reader a look-up connection: whole parts from the start."""
    src = write_jsonl(tmp_path / "rows.jsonl", people(400))
    monkeypatch.setattr("interlink.settings.PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr("interlink.settings.PARALLEL_PART_BYTES", 6000)
    monkeypatch.setattr("interlink.settings.WORKERS", 2)
    monkeypatch.setattr(settings, "PARALLEL_FIRST_PART_BYTES", 300)
    firsts: list[int | None] = []

    def spans(path: Path, size: int, first: int | None = None):  # type: ignore[no-untyped-def]
        firsts.append(first)
        return line_spans(path, size, first)

    monkeypatch.setattr(parallel, "line_spans", spans)
    store = make_store(fresh=True)
    store.add_agency(Agency.create("MA-DGSN", "MA", name="x"), ACTOR)
    ingest(store, [src], envelope(), ACTOR, quarantine=tmp_path / "q.csv")
    again = ingest(store, [src], envelope(), ACTOR, quarantine=tmp_path / "q.csv")
    assert again.result is not None and again.result.created == 0
    assert firsts == [300, None]
