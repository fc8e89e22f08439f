"""The `interlink screen` contract: options, HITS.csv header and rows, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from interlink.cli.screen import register
from interlink.core.errors import InvalidInput
from tests.conftest import SAMPLES, command_group, csv_rows

HEADER = "query_id,watchlist_id,score,explanation"


@pytest.fixture
def app() -> typer.Typer:
    return command_group(register)


@pytest.fixture
def watchlist(tmp_path: Path) -> Path:
    path = tmp_path / "wl.csv"
    path.write_text(
        "id,name,birth_date,nationality,gender,id_number\n"
        "W1,محمد عمره,1980-03-02,MA,M,\n"
        "W2,Youssef El Hamdaoui,1988-04-17,MA,M,\n"
        "W3,Karim Bennani Souissi,1979-11,MA,,\n",
        encoding="utf-8",
    )
    return path


def _run(app: typer.Typer, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["screen", *args])



def test_csv_queries(app: typer.Typer, watchlist: Path, tmp_path: Path) -> None:
    queries = tmp_path / "q.csv"
    queries.write_text(
        "id,name,birth_date\nQ1,Mohammed Omara,1980-03-02\nQ2,Sean Murphy,1970\n", "utf-8"
    )
    out = tmp_path / "hits.csv"
    result = _run(app, "--watchlist", str(watchlist), "--input", str(queries), "--output", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines()[0] == HEADER
    rows = csv_rows(out)
    assert [(r["query_id"], r["watchlist_id"]) for r in rows] == [("Q1", "W1")]
    assert float(rows[0]["score"]) >= 0.8
    assert rows[0]["explanation"] == ""  # filled only with --explain


def test_explain_and_threshold(app: typer.Typer, watchlist: Path, tmp_path: Path) -> None:
    queries = tmp_path / "q.csv"
    queries.write_text("id,name\nQ1,Mohammed Omara\n", "utf-8")
    out = tmp_path / "hits.csv"
    args = ["--watchlist", str(watchlist), "--input", str(queries), "--output", str(out)]
    assert _run(app, *args, "--explain").exit_code == 0
    assert "same sound key MHMD" in csv_rows(out)[0]["explanation"]
    assert _run(app, *args, "--threshold", "0.99").exit_code == 0
    assert out.read_text(encoding="utf-8").strip() == HEADER  # header even with no alert


def test_paxlst_input_against_notices(app: typer.Typer, tmp_path: Path) -> None:
    out = tmp_path / "hits.csv"
    result = _run(
        app,
        "--watchlist", str(SAMPLES / "interpol_red_notices_list.json"),
        "--input", str(SAMPLES / "paxlst_flight_at1234.edi"),
        "--format", "paxlst", "--output", str(out), "--explain",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    hits = {(r["query_id"], r["watchlist_id"]) for r in csv_rows(out)}
    assert ("AT1234-001", "2024/31877") in hits  # El Hamdaoui, red notice
    assert ("AT1234-004", "2025/10233") in hits  # Ouazzani


def test_malformed_csv_names_the_row(app: typer.Typer, watchlist: Path, tmp_path: Path) -> None:
    queries = tmp_path / "q.csv"
    queries.write_text("id,name,birth_date\nQ1,Ali,1980\nQ2,Omar,80-13-45\n", "utf-8")
    out = tmp_path / "hits.csv"
    result = _run(app, "--watchlist", str(watchlist), "--input", str(queries), "--output", str(out))
    assert isinstance(result.exception, InvalidInput)
    assert "row 3 [birth_date]" in str(result.exception)
    assert not out.exists()  # nothing half-written


def test_bad_manifest_and_format(app: typer.Typer, watchlist: Path, tmp_path: Path) -> None:
    edi = tmp_path / "m.edi"
    edi.write_text("UNH+1+CUSRES:D:02B:UN'UNT+2+1'", "utf-8")
    out = tmp_path / "hits.csv"
    args = ["--watchlist", str(watchlist), "--input", str(edi), "--output", str(out)]
    result = _run(app, *args, "--format", "paxlst")
    assert isinstance(result.exception, InvalidInput)
    assert "wrong message type" in str(result.exception)
    assert _run(app, *args, "--format", "xml").exit_code == 2


def test_store_watchlist_needs_records(app: typer.Typer, tmp_path: Path) -> None:
    from interlink.cli import state

    queries = tmp_path / "q.csv"
    queries.write_text("id,name\nQ1,Ali\n", "utf-8")
    state.STORE_URL = str(tmp_path / "empty.db")
    from interlink.store import open_store

    open_store(state.STORE_URL, create=True).close()
    result = _run(
        app, "--watchlist", "store:nothing.json", "--input", str(queries),
        "--output", str(tmp_path / "h.csv"),
    )  # fmt: skip
    assert isinstance(result.exception, InvalidInput)
    assert "store list nothing.json has no" in str(result.exception)
