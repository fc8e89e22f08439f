from __future__ import annotations

from pathlib import Path

import pytest
import yaml

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def people_mapping() -> dict:
    return yaml.safe_load((FIXTURES / "people_mapping.yml").read_text(encoding="utf-8"))
