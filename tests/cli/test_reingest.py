"""Re-ingesting a file as a user runs it (`interlink ingest`, its readers in worker processes):
an unchanged file writes nothing and says so, without importing FollowTheMoney, the search
keys, the names or the access layer (the command's start-up was two thirds of its time); one
changed line is parsed and written, and only it."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

SRC = Path(__file__).parents[2] / "src"

#: what a re-ingest of lines the store holds as they are must not import, in the command's
#: process or its readers (they inherit the refusal when they fork)
NOT_NEEDED = ("followthemoney", "rigour", "normality", "interlink.search", "interlink.names",
              "interlink.access", "interlink.export", "interlink.policy", "interlink.core.record",
              "interlink.core.model", "interlink.ingest.rows")

PROBE = """
import runpy, sys
REFUSED = {refused!r}

class Refuse:
    def find_spec(self, name, path=None, target=None):
        if any(name == r or name.startswith(r + ".") for r in REFUSED):
            raise ImportError("the re-ingest imported " + name)
        return None

sys.meta_path.insert(0, Refuse())
sys.argv = ["interlink", *{args!r}]
runpy.run_module("interlink", run_name="__main__", alter_sys=True)
"""


def _interlink(store: Path, *args: str, refused: tuple[str, ...] = (), workers: int = 2
               ) -> subprocess.CompletedProcess[str]:
    """`interlink --store STORE ARGS` in a process of its own; its readers in `workers`
    worker processes, each reading parts of a few kilobytes (so a small file is read in
    parallel, as a large one is)."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "INTERLINK_WORKERS": str(workers),
           "INTERLINK_PARALLEL_MIN_BYTES": "1", "INTERLINK_PARALLEL_PART_BYTES": "4096"}
    code = PROBE.format(refused=refused, args=["--store", str(store), *args])
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=600)


def _lines(n: int, changed: int | None = None) -> str:
    out = []
    for i in range(n):
        name = f"Person {i}" if i != changed else f"Person {i} (changed)"
        out.append(json.dumps({"id": f"ma-p{i}", "schema": "Person", "properties": {
            "name": [name], "birthDate": [f"19{50 + i % 50}-01-0{1 + i % 9}"],
            "nationality": ["ma"]}}))
    return "\n".join(out) + "\n"


def _counts(store: Path) -> dict[str, Any]:
    with sqlite3.connect(store) as db:
        return {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
                for table in ("records", "record_versions", "record_keys", "ingest_lines",
                              "audit_log")}


def _store_with_agency(tmp_path: Path) -> Path:
    """A new store holding the agency MA-DGSN, made as a user makes it."""
    store = tmp_path / "s.db"
    assert _interlink(store, "init").returncode == 0
    assert _interlink(store, "agency", "add", "MA-DGSN", "--name", "DGSN",
                      "--country", "MA").returncode == 0
    return store


def _ingest(store: Path, path: Path, *extra: str, refused: tuple[str, ...] = ()
            ) -> subprocess.CompletedProcess[str]:
    done = _interlink(store, "ingest", str(path), "--agency", "MA-DGSN", *extra,
                      refused=refused)
    assert done.returncode == 0, done.stderr
    return done


def test_an_unchanged_file_writes_nothing_says_so_and_imports_no_ftm(tmp_path: Path) -> None:
    store, path = _store_with_agency(tmp_path), tmp_path / "ma.jsonl"
    path.write_text(_lines(300), "utf-8")
    assert path.stat().st_size > 5 * 4096  # read in several parts
    first = json.loads(_ingest(store, path, "--json").stdout)
    assert (first["created"], first["unchanged"]) == (300, 0)
    before = _counts(store)
    assert before["ingest_lines"] == 300

    again = json.loads(_ingest(store, path, "--json", refused=NOT_NEEDED).stdout)
    assert again == {**first, "created": 0, "unchanged": 300}
    assert _counts(store) == before  # no version, key, line entry or audit entry written
    said = _ingest(store, path, refused=NOT_NEEDED).stdout
    assert "300 row(s) read: 0 record(s) created, 0 updated, 300 unchanged, 0 quarantined" in said
    assert _counts(store) == before

    # what the refusal would catch: a line to parse needs FollowTheMoney (read in the
    # command's process: a reader process that fails takes the pool down with it, which is
    # not what this looks at)
    path.write_text(_lines(300, changed=7), "utf-8")
    refused = _interlink(store, "ingest", str(path), "--agency", "MA-DGSN", "--json",
                         refused=NOT_NEEDED, workers=1)
    assert refused.returncode != 0 and "the re-ingest imported" in refused.stderr
    assert _counts(store) == before


def test_one_changed_line_is_read_and_written_alone(tmp_path: Path) -> None:
    store, path = _store_with_agency(tmp_path), tmp_path / "ma.jsonl"
    path.write_text(_lines(300), "utf-8")
    _ingest(store, path, "--json")
    before = _counts(store)
    path.write_text(_lines(300, changed=123), "utf-8")
    report = json.loads(_ingest(store, path, "--json").stdout)
    assert (report["created"], report["updated"], report["unchanged"]) == (0, 1, 299)
    after = _counts(store)
    assert after["record_versions"] == before["record_versions"] + 1
    assert after["audit_log"] == before["audit_log"] + 1  # the one write, audited
    assert (after["records"], after["ingest_lines"]) == (before["records"], 300)
    with sqlite3.connect(store) as db:
        props, version = db.execute(
            "SELECT properties, version FROM records WHERE id = 'ma-p123'").fetchone()
        entry = db.execute("SELECT version FROM ingest_lines WHERE record_id = 'ma-p123'"
                           ).fetchone()
    assert json.loads(props)["name"] == ["Person 123 (changed)"] and version == 2
    assert entry == (2,)  # the changed line is the one known next time
    again = json.loads(_ingest(store, path, "--json", refused=NOT_NEEDED).stdout)
    assert (again["updated"], again["unchanged"]) == (0, 300)
