from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from interlink.core.envelope import Envelope

FIXTURES = Path(__file__).parent / "fixtures"


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    """An FtM JSON-lines file as agencies export them (UTF-8, one entity or fragment a line)."""
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def envelope() -> Envelope:
    """The one set of terms the ingest tests write under (a Moroccan agency's, graded B2)."""
    return Envelope(owner="MA-DGSN", purposes=["drug_trafficking"], source_grade="B",
                    info_grade="2", collected_at="2026-01-15T10:00:00+00:00")


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def people_mapping() -> dict:
    return yaml.safe_load((FIXTURES / "people_mapping.yml").read_text(encoding="utf-8"))
