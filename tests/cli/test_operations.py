"""`interlink operation ...` and `interlink notice ...` as scripts call them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_commands import run
from tests.conftest import SAMPLES

DT = "drug_trafficking"


@pytest.fixture
def cli(monkeypatch, capsys, store_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    def call(*args: str) -> tuple[int, str, str]:
        return run(monkeypatch, capsys, store_url, *args)

    assert call("init")[0] == 0
    for code, country in (("FR-OFAST", "FR"), ("MA-DGSN", "MA"), ("ES-DAVA", "ES")):
        assert call("agency", "add", code, "--name", code, "--country", country)[0] == 0
    for agency, rid, name in (("FR-OFAST", "fr-1", "Youssef El Hamdaoui"),
                              ("MA-DGSN", "ma-1", "يوسف الحمداوي")):
        src = tmp_path / f"{rid}.jsonl"
        src.write_text(json.dumps({"id": rid, "schema": "Person", "properties": {
            "name": [name], "birthDate": ["1988-04-17"]}}, ensure_ascii=False) + "\n", "utf-8")
        assert call("ingest", str(src), "--agency", agency, "--purpose", DT)[0] == 0
    return call


def test_operation_from_creation_to_report(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("operation", "create", "Andes", "--agency", "FR-OFAST", "--partner",
                         "MA-DGSN", "--purpose", DT, "--starts", "2026-01-01", "--user", "marie")
    assert code == 0, err
    op = out.strip().splitlines()[-1]
    assert cli("operation", "join", op, "--agency", "MA-DGSN", "--contact", "Cdt. Alami")[0] == 0
    code, _, err = cli("operation", "join", op, "--agency", "ES-DAVA")
    assert code == 1 and "no operation" in err  # not invited: it does not exist for ES
    code, out, _ = cli("operation", "target", op, "fr-1", "--agency", "FR-OFAST")
    assert code == 0 and json.loads(out)["deconfliction"] == []
    code, out, err = cli("operation", "target", op, "ma-1", "--agency", "MA-DGSN")
    assert code == 0 and json.loads(out)["record_id"] == "ma-1"
    code, out, err = cli("operation", "result", "add", op, "--kind", "seizure", "--agency",
                         "MA-DGSN", "--on", "2026-01-11", "--place", "Tanger Med",
                         "--commodity", "cocaine", "--quantity", "1200", "--unit", "kg",
                         "--value", "36000000", "--currency", "EUR", "--concealment", "fruit")
    assert code == 0, err
    code, _, err = cli("operation", "result", "add", op, "--kind", "arrest", "--agency",
                       "FR-OFAST", "--on", "2026-02-10")
    assert code == 1 and "person" in err
    assert cli("operation", "result", "add", op, "--kind", "arrest", "--agency", "FR-OFAST",
               "--on", "2026-02-10", "--person", "Y. El Hamdaoui")[0] == 0
    code, out, _ = cli("operation", "totals", "--agency", "FR-OFAST", "--by", "country")
    rows = {r["key"]: r for r in map(json.loads, out.splitlines())}
    assert rows["MA"]["seized"] == {"cocaine kg": 1200.0} and rows["FR"]["arrests"] == 1
    for lang, suffix in (("ar", "html"), ("en", "pdf")):
        target = tmp_path / f"report-{lang}.{suffix}"
        code, _, err = cli("operation", "report", op, "--agency", "FR-OFAST", "--lang", lang,
                           "--output", str(target))
        assert code == 0, err
    assert 'dir="rtl"' in (tmp_path / "report-ar.html").read_text("utf-8")
    assert (tmp_path / "report-en.pdf").read_bytes().startswith(b"%PDF-")
    code, out, err = cli("operation", "task", op, "--to", "MA-DGSN", "--description",
                         "controlled delivery", "--agency", "FR-OFAST")
    assert code == 0, err
    task = str(json.loads(out)["id"])
    code, out, _ = cli("operation", "task-done", op, task, "--agency", "MA-DGSN")
    assert json.loads(out)["status"] == "done"
    assert cli("operation", "untarget", op, "ma-1", "--agency", "MA-DGSN")[0] == 0
    code, _, err = cli("operation", "untarget", op, "ma-1", "--agency", "MA-DGSN")
    assert code == 1 and "not a target" in err
    assert cli("operation", "leave", op, "--agency", "MA-DGSN")[0] == 0
    assert cli("operation", "close", op, "--agency", "FR-OFAST")[0] == 0
    code, out, _ = cli("operation", "show", op, "--agency", "FR-OFAST")
    assert json.loads(out)["state"] == "closed"


def test_notice_issue_and_withdraw(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("notice", "issue", "--type", "red", "--subject", "ma-1", "--agency",
                         "MA-DGSN", "--purpose", DT, "--reference", "2024/31877")
    assert code == 0, err
    notice = out.strip().splitlines()[-1]
    assert "1 alerts to owners" in err  # FR's record of the same man, across scripts
    code, out, _ = cli("notice", "alerts", notice, "--agency", "FR-OFAST")
    assert json.loads(out.splitlines()[0])["record_id"] == "fr-1"
    code, out, _ = cli("notice", "list", "--agency", "ES-DAVA")
    assert json.loads(out)["id"] == notice
    code, out, err = cli("notice", "withdraw", notice)
    assert code == 0 and "withdrawn" in out
    code, out, _ = cli("notice", "alerts", notice, "--agency", "FR-OFAST")
    assert json.loads(out.splitlines()[0])["status"] == "closed"
    code, _, err = cli("notice", "withdraw", notice)
    assert code == 1 and "already withdrawn" in err
    code, out, err = cli("notice", "import", str(SAMPLES / "interpol_red_notices_list.json"),
                         "--agency", "ES-DAVA", "--purpose", DT)
    assert code == 0 and len(out.split()) == 3, err
