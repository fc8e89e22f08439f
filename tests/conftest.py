"""Shared fixtures: a fresh store on each backend.

PostgreSQL tests use the real server named by INTERLINK_TEST_PG (CI sets it and also sets
INTERLINK_REQUIRE_PG, so an unreachable server fails the run instead of skipping). Each test gets
its own schema, dropped afterwards, so tests never see each other's rows.
"""

from __future__ import annotations

import csv
import os
import socket
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import typer
from sqlalchemy import create_engine, text

from interlink import settings
from interlink.core import Agency
from interlink.store import Actor, SQLStore, open_store

PG_URL = os.environ.get(
    "INTERLINK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REQUIRE_PG = os.environ.get("INTERLINK_REQUIRE_PG") == "1"

# Passwords are hashed at argon2id's cheapest cost in tests (1 pass over 64 KiB: under a
# millisecond instead of about 0.3 s of CPU per hash and per sign-in), in this process and in the
# servers and commands it starts (they inherit the environment). Sign-in is tested the same way;
# the production cost is tested as such in tests/identity/test_accounts.py.
TEST_PASSWORD_COST = {"INTERLINK_PASSWORD_TIME_COST": "1", "INTERLINK_PASSWORD_MEMORY_KIB": "64"}
for _name, _value in TEST_PASSWORD_COST.items():
    os.environ.setdefault(_name, _value)
settings.PASSWORD_TIME_COST = int(os.environ["INTERLINK_PASSWORD_TIME_COST"])
settings.PASSWORD_MEMORY_KIB = int(os.environ["INTERLINK_PASSWORD_MEMORY_KIB"])


def _pg_available() -> str | None:
    try:
        engine = create_engine(PG_URL)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means "not available"
        return str(exc).splitlines()[0]


@pytest.fixture(autouse=True)
def _audit_files_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PostgreSQL store's audit key and anchors go to STATE_DIR (a SQLite store's sit beside
    its file): in tests, the test's own directory, never the home directory."""
    monkeypatch.setattr(settings, "STATE_DIR", tmp_path / "state")
    monkeypatch.setattr(settings, "AUDIT_KEY", None)
    monkeypatch.setattr(settings, "AUDIT_ANCHORS", None)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    problem = _pg_available()
    if problem:
        if REQUIRE_PG:
            pytest.fail(f"PostgreSQL required but unavailable at {PG_URL}: {problem}")
        pytest.skip(f"PostgreSQL unavailable: {problem}")
    yield PG_URL


def _pg_schema_url(base: str) -> Iterator[str]:
    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL for an empty, not yet initialised store on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
    else:
        base = request.getfixturevalue("pg_url")
        yield from _pg_schema_url(base)


@pytest.fixture
def make_store(store_url: str) -> Iterator:
    """Factory for fresh initialised stores on the current backend (round trips need two)."""
    opened: list[SQLStore] = []
    extra_schemas: list[Iterator[str]] = []

    def factory(fresh: bool = False) -> SQLStore:
        url = store_url
        if fresh:
            if store_url.startswith("postgresql"):
                gen = _pg_schema_url(store_url.split("?")[0])
                extra_schemas.append(gen)
                url = next(gen)
            else:
                url = store_url.replace(".db", f"-{len(opened)}.db")
        s = open_store(url, create=True)
        opened.append(s)
        return s

    yield factory
    for s in opened:
        s.close()
    for gen in extra_schemas:
        for _ in gen:
            pass


@pytest.fixture
def store(make_store) -> SQLStore:  # type: ignore[no-untyped-def]
    s = make_store()
    for code, country, name in (
        ("MA-DGSN", "MA", "Direction Générale de la Sûreté Nationale"),
        ("FR-OFAST", "FR", "Office anti-stupéfiants"),
    ):
        s.add_agency(Agency.create(code, country, name=name), ACTOR)
    return s


# Files in the real formats users receive (fictional people and flights; see its README.md).
SAMPLES = Path(__file__).parent / "samples"

ACTOR = Actor(user="tester", agency=None)


def free_port() -> int:
    """A loopback port free now, for a server a test starts (SMTP, `interlink serve`)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def csv_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file a command wrote, as dictionaries by header."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def command_group(register: Callable[[typer.Typer], None]) -> typer.Typer:
    """One command module's commands under a root group, as the real entry point has them, to
    drive with typer's CliRunner."""
    app = typer.Typer()
    register(app)

    @app.callback()
    def _root() -> None:
        pass

    return app
