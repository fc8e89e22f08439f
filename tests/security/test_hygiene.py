"""The project stands alone and keeps one way to do each thing.

Before: a stray f.quarantine.csv sat at the root, written by an ingest run in the checkout (the
default quarantine file went to the working directory); environment variables were read in
four modules; the README pointed to a folder outside the repository; three modules each had
their own atomic CSV writer and two their own header checks."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from interlink import settings
from interlink.core import Envelope
from interlink.ingest.pipeline import ingest
from tests.conftest import ACTOR

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "interlink"


def test_the_default_quarantine_file_sits_beside_the_input(
        store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    data, elsewhere = tmp_path / "in", tmp_path / "cwd"
    data.mkdir()
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    src = data / "people.jsonl"
    src.write_text(json.dumps({"id": "c1", "schema": "Company",
                               "properties": {"country": ["ma"]}}) + "\n", "utf-8")
    report = ingest(store, [src], Envelope(owner="MA-DGSN"), ACTOR)
    assert report.quarantine == data / "people.quarantine.csv"
    assert report.quarantine.exists()
    assert list(elsewhere.iterdir()) == []


def test_no_quarantine_file_is_committed_at_the_root() -> None:
    assert not list(ROOT.glob("*.quarantine.csv"))


def test_environment_variables_are_read_in_settings_only() -> None:
    readers = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
               if re.search(r"os\.environ|getenv", p.read_text("utf-8"))]
    # cli/serve.py sets INTERLINK_STORE for the worker processes it starts; it reads nothing
    assert sorted(readers) == ["cli/serve.py", "settings.py"]
    serve = (SRC / "cli" / "serve.py").read_text("utf-8")
    assert "os.environ[" in serve and "os.environ.get" not in serve


def test_the_readme_lists_every_setting() -> None:
    names = set(re.findall(r'"(INTERLINK_[A-Z_]+)"', (SRC / "settings.py").read_text("utf-8")))
    readme = (ROOT / "README.md").read_text("utf-8")
    assert names and {n for n in names if f"`{n}`" not in readme} == set()
    assert hasattr(settings, "AUDIT_KEY")


def test_the_docs_stand_alone() -> None:
    for doc in ("README.md", "docs/design.md", "docs/operations.md"):
        text = (ROOT / doc).read_text("utf-8")
        assert "../shared" not in text and "/work/" not in text, doc
    assert "docs/design.md" in (ROOT / "README.md").read_text("utf-8")


def test_one_atomic_csv_writer() -> None:
    writers = sorted(str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
                     if "mkstemp" in p.read_text("utf-8") or "os.replace" in p.read_text("utf-8"))
    assert writers == ["core/csvfiles.py"]
