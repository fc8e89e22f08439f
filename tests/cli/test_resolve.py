"""`interlink resolve` and `interlink judge` as the issue's contract states them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.cli.test_commands import run


def _write(path: Path, header: str, *rows: str) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", "utf-8")
    return path


def _clusters(path: Path) -> dict[str, str]:
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0].keys()) == ["id", "cluster_id"]
    return {r["id"]: r["cluster_id"] for r in rows}


@pytest.fixture
def cli(monkeypatch, capsys, tmp_path: Path):  # type: ignore[no-untyped-def]
    store = str(tmp_path / "cli.db")
    return lambda *args: run(monkeypatch, capsys, store, *args)


def test_csv_inputs_to_clusters(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = _write(tmp_path / "agency_a.csv", "id,first_name,last_name,birth_date,phone",
               "1,Mohamed,Amra,1990-03-04,+33 6 12 34 56 78",
               "2,Youssef,El Hamdaoui,1985-07-21,",
               "3,Pierre,Dubois,1971-06-30,")
    b = _write(tmp_path / "agency_b.csv", "id,name,birth_date,phone,city",
               "1,محمد عمره,1990-03-04,0612345678,Paris",
               "7,يوسف الحمداوي,1985-07-21,,",
               "8,Karim Bennani,1979-11-02,,")
    out = tmp_path / "clusters.csv"
    code, _, err = cli("resolve", "--input", str(a), "--input", str(b), "--output", str(out))
    assert code == 0, err
    clusters = _clusters(out)
    # id 1 is in both files: ids are taken per file as FILE_STEM:id, every row listed
    assert set(clusters) == {"agency_a:1", "agency_a:2", "agency_a:3", "agency_b:1",
                             "agency_b:7", "agency_b:8"}
    assert clusters["agency_a:1"] == clusters["agency_b:1"]
    assert clusters["agency_a:2"] == clusters["agency_b:7"]
    assert len({clusters["agency_a:3"], clusters["agency_b:8"], clusters["agency_a:1"]}) == 3
    # unique ids across files are kept as they are; a threshold above every score splits all
    others = [f"c{i},{n},19{60 + i}-0{1 + i % 9}-1{i % 10}" for i, n in enumerate(
        ["Anna Berg", "Louis Petit", "Sara Lind", "Omar Haddad", "Ines Costa", "Hugo Roy",
         "Lea Weber", "Ali Kaya"], start=3)]
    c = _write(tmp_path / "c.csv", "id,name,birth_date", "c1,Mohamed Amra,1990-03-04",
               "c2,Pierre Dubois,1971-06-30", *others)
    d = _write(tmp_path / "d.csv", "id,name,birth_date", "d1,Mohamed Amra,1990-03-04")
    code, _, _ = cli("resolve", "-i", str(c), "-i", str(d), "-o", str(out), "--threshold",
                     "0.999999999")
    assert code == 0
    alone = {f"c{i}": f"c{i}" for i in range(1, 11)}
    assert _clusters(out) == {**alone, "d1": "d1"}
    code, _, _ = cli("resolve", "-i", str(c), "-i", str(d), "-o", str(out))
    assert _clusters(out) == {**alone, "d1": "c1"}


@pytest.mark.parametrize(("header", "rows", "message"), [
    ("name,birth_date", ["Mohamed Amra,1990"], "no id column"),
    ("id,name", ["1,Mohamed", ",Youssef"], "row 3 [id]: empty id"),
    ("id,name", ["1,Mohamed", "1,Youssef"], "row 3: duplicate id 1"),
    ("id,colour", ["1,blue"], "no column to compare"),
])
def test_bad_inputs_get_one_line(cli, tmp_path: Path, header: str, rows: list[str],  # type: ignore[no-untyped-def]
                                 message: str) -> None:
    bad = _write(tmp_path / "bad.csv", header, *rows)
    out = tmp_path / "out.csv"
    code, _, err = cli("resolve", "--input", str(bad), "--output", str(out))
    assert code == 1 and message in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_usage_errors(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ok = _write(tmp_path / "ok.csv", "id,name", "1,A B")
    assert "no such file" in cli("resolve", "-i", str(tmp_path / "no.csv"), "-o",
                                   str(tmp_path / "o.csv"))[2]
    assert "--output" in cli("resolve", "-i", str(ok))[2]
    assert "--threshold" in cli("resolve", "-i", str(ok), "-o", str(tmp_path / "o.csv"),
                                "-t", "1.5")[2]
    assert "--store" in cli("resolve")[2]


def test_store_resolution_and_judgements(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("init")[0] == 0
    for code in ("MA-DGSN", "FR-OFAST"):
        assert cli("agency", "add", code, "--name", code, "--country", code[:2])[0] == 0
    for agency, rows in (("MA-DGSN", [("ma-1", "محمد عمره"), ("ma-2", "كريم بناني")]),
                         ("FR-OFAST", [("fr-1", "Mohamed Amra"), ("fr-2", "Karim Bennani")])):
        src = tmp_path / f"{agency}.jsonl"
        src.write_text("".join(json.dumps({"id": i, "schema": "Person", "properties": {
            "name": [n], "birthDate": ["1990-03-04" if i.endswith("1") else "1979-11-02"]}},
            ensure_ascii=False) + "\n" for i, n in rows), "utf-8")
        code, _, err = cli("ingest", str(src), "--agency", agency, "--purpose",
                           "drug_trafficking")
        assert code == 0, err
    code, _, err = cli("resolve", "--store")
    assert code == 0 and "candidate matches stored" in err, err
    code, out, err = cli("judge", "ma-1", "fr-1", "different", "--reason", "not him")
    assert code == 0, err
    judgement_id = out.split(":")[0]
    code, out, _ = cli("judgements")
    listed = [json.loads(line) for line in out.splitlines()]
    assert [(j["left_id"], j["verdict"], j["reason"]) for j in listed] == [
        ("fr-1", "different", "not him")]
    assert cli("judge", "ma-1", "fr-1", "perhaps")[0] == 1
    assert "No such record" in cli("judge", "ma-1", "nope", "same")[2]
    code, out, _ = cli("judge", "--retract", judgement_id)
    assert code == 0 and "retracted" in out
    assert cli("judgements")[1] == ""
    assert len(cli("judgements", "--all")[1].splitlines()) == 1


def test_tiny_inputs(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A file of one or two rows resolves too: with too few records to learn how often
    values agree by chance, the model falls back on what is usual (a shared phone number is
    rare), not on the duplicates themselves."""
    out = tmp_path / "out.csv"
    one = _write(tmp_path / "one.csv", "id,name", "1,Ali Hassan")
    assert cli("resolve", "-i", str(one), "-o", str(out))[0] == 0
    assert _clusters(out) == {"1": "1"}
    phones = _write(tmp_path / "phones.csv", "id,phone", "1,+33612345678", "2,0612345678", "3,")
    assert cli("resolve", "-i", str(phones), "-o", str(out))[0] == 0
    assert _clusters(out) == {"1": "1", "2": "1", "3": "3"}
