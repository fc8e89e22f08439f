"""Screening: index retrieval, evidence, watchlist loaders, bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from interlink.core.errors import InvalidInput
from interlink.names.parse import parse_name
from interlink.screen import Entry, Screener, Watchlist, load_csv, load_entries, load_watchlist
from tests.conftest import SAMPLES


def _wl(*entries: Entry) -> Watchlist:
    return Watchlist(entries)


def _person(id_: str, name: str, **kw: str) -> Entry:
    return Entry.create(id=id_, name=name, **kw)


def test_index_retrieves_across_scripts_without_scanning() -> None:
    filler = [_person(f"F{i}", f"Karim Filler{i:05d}") for i in range(3000)]
    target = _person("T", "محمد عمره")
    wl = Watchlist([*filler, target])
    got = wl.candidates([parse_name("Mohammed Omara")])
    assert got and wl.entries[got[0]].id == "T"
    # a name sharing nothing retrieves nothing: no scoring of every entry
    assert wl.candidates([parse_name("Sean Patrick Murphy")]) == []


def test_common_parts_alone_are_not_read() -> None:
    wl = Watchlist([_person(f"F{i}", f"Mohamed Filler{i:05d}") for i in range(2000)])
    # "Mohamed" is on every entry: its posting is too long to read on its own
    assert len(wl.candidates([parse_name("Mohamed Zzzz")])) == 0


def test_match_returns_explained_alert() -> None:
    wl = _wl(_person("W1", "Youssef El Hamdaoui", birth_date="1988-04-17"))
    alerts = Screener(wl).match(_person("Q1", "يوسف الحمداوي", birth_date="1988-04-17"))
    assert len(alerts) == 1
    alert = alerts[0]
    assert (alert.query_id, alert.watchlist_id) == ("Q1", "W1")
    assert 0.9 <= alert.score <= 1.0
    assert "same birth date 1988-04-17" in alert.explanation
    assert "same sound key YSF" in alert.explanation


def test_passport_match_boosts_a_weak_name() -> None:
    wl = _wl(_person("W1", "Hicham Ait Benali", id_number="UY2209337"))
    query = _person("Q", "Hicham Tazi", id_number="UY 2209337")
    without = Screener(wl, threshold=0.0).match(_person("Q", "Hicham Tazi"))[0].score
    with_doc = Screener(wl).match(query)
    assert without < 0.8  # not an alert on the name alone
    assert with_doc and with_doc[0].score >= without + 0.1
    assert "same document number UY2209337" in with_doc[0].explanation


def test_passport_finds_entry_whatever_the_name() -> None:
    wl = _wl(_person("W1", "Karim Bennani", id_number="P123456"))
    alerts = Screener(wl, threshold=0.5).match(_person("Q", "John Smith", id_number="p-123456"))
    assert [a.watchlist_id for a in alerts] == ["W1"]


def test_different_birth_year_lowers_the_score() -> None:
    wl = _wl(_person("W1", "Mohamed Amra", birth_date="1980-05-01"))
    screener = Screener(wl, threshold=0.0)
    same = screener.match(_person("Q", "Mohamed Amra", birth_date="1980-05-01"))[0].score
    near = screener.match(_person("Q", "Mohamed Amra", birth_date="1981-05-01"))[0].score
    far = screener.match(_person("Q", "Mohamed Amra", birth_date="1992-05-01"))[0].score
    assert same > near > far
    assert Screener(wl).match(_person("Q", "Mohamed Amra", birth_date="1992-05-01")) == []


def test_gender_and_nationality_evidence() -> None:
    wl = _wl(_person("W1", "Amina Tazi", gender="F", nationality="MA"))
    screener = Screener(wl, threshold=0.0)
    base = screener.match(_person("Q", "Amina Tazi"))[0].score
    other_gender = screener.match(_person("Q", "Amina Tazi", gender="M"))[0]
    assert other_gender.score < base - 0.1
    assert "different gender" in other_gender.explanation
    same_nat = screener.match(_person("Q", "Amina Tazi", nationality="MAR"))[0]
    assert "same nationality MA" in same_nat.explanation


def test_person_never_alerts_on_vessel() -> None:
    wl = _wl(Entry(id="V", names=["Amina"], schema="Vessel"), _person("P", "Amina Tazi"))
    assert {a.watchlist_id for a in Screener(wl).match(_person("Q", "Amina Tazi"))} == {"P"}


def test_csv_watchlist_with_aliases(tmp_path: Path) -> None:
    path = tmp_path / "wl.csv"
    path.write_text(
        "id,name,birth_date,nationality,gender,id_number\n"
        "W1,Mohamed Amra,1980,MA,M,\n"
        "W1,محمد عمره,,,,AB123\n"
        "W2,Fatima Zahra Bennani,1992-02-03,MAR,F,VL4410981\n",
        encoding="utf-8",
    )
    entries = {e.id: e for e in load_csv(path)}
    assert entries["W1"].names == ["Mohamed Amra", "محمد عمره"]
    assert entries["W1"].id_numbers == ["AB123"]
    assert entries["W2"].nationalities == ["ma"]
    assert entries["W2"].gender == "female"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty file"),
        ("id,nom\nW1,X\n", "row 1: missing column(s) name"),
        ("id,name\nW1,Ali\nW2,Omar,extra\n", "row 3: expected 2 fields, found 3"),
        ("id,name\n,Ali\n", "row 2 [id]: empty id"),
        ("id,name\nW1,\n", "row 2 [name]: empty name"),
        ("id,name,birth_date\nW1,Ali,17/04/1988\n", "row 2 [birth_date]: invalid birth date"),
        ("id,name,nationality\nW1,Ali,Atlantis\n", "row 2 [nationality]: unknown nationality"),
        ("id,name,gender\nW1,Ali,Q\n", "row 2 [gender]: unknown gender"),
        ("id,name,colour\nW1,Ali,red\n", "unknown column(s) colour"),
    ],
)
def test_bad_csv_names_the_row(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInput, match=re.escape(message)):
        load_csv(path)


def test_ftm_watchlist_links_passports_and_imo(tmp_path: Path) -> None:
    lines = [
        {"id": "p1", "schema": "Person", "properties": {
            "name": ["Karim Bennani"], "alias": ["كريم بناني"], "birthDate": ["1979-11-02"],
            "nationality": ["ma"], "gender": ["male"]}},
        {"id": "pass1", "schema": "Passport", "properties": {
            "holder": ["p1"], "number": ["ZZ 998877"]}},
        {"id": "c1", "schema": "Company", "properties": {"name": ["Atlas Trading SARL"]}},
        {"id": "v1", "schema": "Vessel", "properties": {
            "name": ["Sea Star"], "imoNumber": ["IMO 9123456"]}},
        {"id": "s1", "schema": "Sanction", "properties": {"entity": ["p1"]}},
    ]  # fmt: skip
    path = tmp_path / "export.json"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    wl = load_watchlist(str(path))
    by_id = {e.id: e for e in wl}
    assert set(by_id) == {"p1", "c1", "v1"}
    assert by_id["p1"].id_numbers == ["ZZ998877"]
    assert by_id["v1"].id_numbers == ["9123456"]
    screener = Screener(wl)
    assert [a.watchlist_id for a in screener.match(_person("q", "كريم بناني"))] == ["p1"]
    company = Entry(id="q", names=["ATLAS TRADING LLC"], schema="Company")
    assert [a.watchlist_id for a in screener.match(company)] == ["c1"]
    vessel = Entry(id="q", names=["MV Ocean Pearl"], schema="Vessel", id_numbers=["9123456"])
    assert [a.watchlist_id for a in screener.match(vessel)] == ["v1"]


def test_bad_ftm_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "schema": "Person", "properties": {}}\n{oops\n', "utf-8")
    with pytest.raises(InvalidInput, match="line 2: invalid JSON"):
        load_entries(str(path))


def test_interpol_notices_watchlist() -> None:
    wl = load_watchlist(str(SAMPLES / "interpol_red_notices_list.json"))
    ids = {e.id for e in wl}
    assert ids == {"2024/31877", "2023/90412", "2025/10233"}
    alerts = Screener(wl).match(_person("q", "يوسف الحمداوي", birth_date="1988-04-17"))
    assert [a.watchlist_id for a in alerts] == ["2024/31877"]
    detail = load_entries(str(SAMPLES / "interpol_red_notice_detail.json"))
    assert detail[0].gender == "male" and detail[0].birth_dates == ["1988-04-17"]


def test_unknown_watchlist_format(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("x", "utf-8")
    with pytest.raises(InvalidInput, match="unknown watchlist format"):
        load_entries(str(path))
    with pytest.raises(InvalidInput, match="missing.csv: no such file"):
        load_entries(str(tmp_path / "missing.csv"))
