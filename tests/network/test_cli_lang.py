"""`interlink --lang ar|fr network ...`: the key actors' reasons, their roles and the cells'
activity are printed in the reader's language (codes rendered with the catalogues), the ids
and names as stored; an edge file's refusal names the file, never its path."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from interlink.cli import state
from interlink.cli.network import register
from tests.conftest import command_group

ENGLISH = re.compile(r"\b(?:broker|leader|hub|financier|tied to|members|communities|"
                     r"activity|key actor|ties mostly|involved together)\b")


@pytest.fixture
def app() -> Iterator[typer.Typer]:
    yield command_group(register)
    state.LANG = "en"


def _run(app: typer.Typer, lang: str, *args: str) -> str:
    state.LANG = lang
    result = CliRunner().invoke(app, ["network", *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("lang", ["ar", "fr", "es"])
def test_key_actors_and_cells_in_the_readers_language(app: typer.Typer, broker_csv: Path,
                                                      lang: str) -> None:
    english = _run(app, "en", "key-actors", "--edges", str(broker_csv), "--top", "3")
    shown = _run(app, lang, "key-actors", "--edges", str(broker_csv), "--top", "3")
    assert "broker" in english and len(shown.splitlines()) == 3
    assert not ENGLISH.search(shown), shown
    assert {"ar": "وسيط", "fr": "intermédiaire", "es": "intermediario"}[lang] in shown
    cells = _run(app, lang, "communities", "--edges", str(broker_csv))
    assert not ENGLISH.search(cells.replace("Leiden", "")), cells
    assert {"ar": "مجتمع", "fr": "communautés", "es": "comunidades"}[lang] in cells


def test_a_refused_edge_file_names_the_file_not_its_path(app: typer.Typer, tmp_path: Path
                                                         ) -> None:
    bad = tmp_path / "E.csv"
    bad.write_text("source,target,weight\nA,B,x\n", encoding="utf-8")
    state.LANG = "fr"
    result = CliRunner().invoke(app, ["network", "key-actors", "--edges", str(bad)])
    assert result.exit_code != 0
    from interlink.core.messages import render_error

    said = render_error(result.exception, "fr")
    assert said == "E.csv : ligne 2 : weight x n'est pas un nombre", said
    assert str(tmp_path) not in said


def test_an_edge_file_with_periods_says_so_in_the_readers_language(app: typer.Typer,
                                                                   tmp_path: Path) -> None:
    rows = [f"L,m{p}_{i},meeting,Q{p}" for p in range(3) for i in range(4)]
    rows += [f"m{p}_{i},m{p}_{i + 1},meeting,Q{p}" for p in range(3) for i in range(3)]
    edges = tmp_path / "quarters.csv"
    edges.write_text("source,target,type,period\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert "ranked over 3 periods" in _run(app, "en", "key-actors", "--edges", str(edges),
                                           "--top", "2")
    assert "classé sur 3 périodes" in _run(app, "fr", "key-actors", "--edges", str(edges),
                                            "--top", "2")
    out = tmp_path / "RANKING.csv"
    _run(app, "en", "key-actors", "--edges", str(edges), "--top", "2", "--output", str(out))
    first = out.read_text(encoding="utf-8").splitlines()[1]
    assert first.startswith("1,L,") and "ranked over 3 periods" in first


def _dated_quarters(tmp_path: Path, period_column: bool = False) -> Path:
    """L meets a new member in each of three quarters of 2025, each member ties to the next;
    dated by a `date` column (or, with `period_column`, undated with a `period` column)."""
    months = ("02", "05", "08")
    rows = [(f"L,m{p}_{i},meeting,", months[p]) for p in range(3) for i in range(4)]
    rows += [(f"m{p}_{i},m{p}_{i + 1},meeting,", months[p]) for p in range(3) for i in range(3)]
    edges = tmp_path / "dated.csv"
    if period_column:
        text = "source,target,type,period\n" + "".join(f"{r}Q{m}\n" for r, m in rows)
    else:
        text = "source,target,type,date\n" + "".join(f"{r}2025-{m}-14\n" for r, m in rows)
    edges.write_text(text, encoding="utf-8")
    return edges


def test_periods_from_an_edge_files_dates(app: typer.Typer, tmp_path: Path) -> None:
    edges = _dated_quarters(tmp_path)
    # without --periods the dates do not cut the network
    assert "ranked over" not in _run(app, "en", "key-actors", "--edges", str(edges), "--top", "2")
    out = tmp_path / "RANKING.csv"
    _run(app, "en", "key-actors", "--edges", str(edges), "--top", "2", "--periods", "quarter",
         "--output", str(out))
    first = out.read_text(encoding="utf-8").splitlines()[1]
    assert first.startswith("1,L,") and "ranked over 3 periods" in first
    # February and May fall in one half-year, August in the next
    assert "ranked over 2 periods" in _run(app, "en", "key-actors", "--edges", str(edges),
                                           "--top", "2", "--periods", "half")
    # resolved entities keep their ties' dates: L's two records as one node, still 3 quarters
    clusters = tmp_path / "CLUSTERS.csv"
    clusters.write_text("id,cluster_id\nL,c-L\nm0_0,c-L\n", encoding="utf-8")
    said = _run(app, "fr", "key-actors", "--edges", str(edges), "--top", "2", "--periods",
                "quarter", "--clusters", str(clusters))
    assert "classé sur 3 périodes" in said


def test_periods_refused_or_undated_are_said(app: typer.Typer, tmp_path: Path) -> None:
    edges = _dated_quarters(tmp_path)
    state.LANG = "fr"
    result = CliRunner().invoke(app, ["network", "key-actors", "--edges", str(edges),
                                      "--periods", "fortnight"])
    from interlink.core import InvalidInput
    from interlink.core.messages import render_error

    assert isinstance(result.exception, InvalidInput)
    assert "fortnight" in render_error(result.exception, "fr")
    # an undated file with a period column: told so, and its own periods still hold
    undated = _dated_quarters(tmp_path, period_column=True)
    said = _run(app, "fr", "key-actors", "--edges", str(undated), "--top", "2", "--periods",
                "month")
    assert "--periods month : aucun lien ne porte de date" in said
    assert "classé sur 3 périodes" in said
    said = _run(app, "ar", "key-actors", "--edges", str(undated), "--top", "2", "--periods",
                "year")
    assert "لا تحمل أي صلة تاريخًا" in said
