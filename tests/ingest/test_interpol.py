from __future__ import annotations

import json
from pathlib import Path

import pytest

from interlink.core.errors import InvalidInput
from interlink.ingest.base import Item, ReadOptions
from interlink.ingest.interpol import notice_to_entities, read_notices

OPTIONS = ReadOptions(agency="MA-DGSN")


def read(path: Path, agency: str = "MA-DGSN") -> list[Item]:
    return list(read_notices(path, ReadOptions(agency=agency)))


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def split(entities):
    person, sanction = entities
    assert person.schema.name == "Person" and sanction.schema.name == "Sanction"
    return person, sanction


def write_json(tmp_path: Path, data, name: str = "notices.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_search_answer_page(fixtures):
    items = read(fixtures / "interpol_red_notices_list.json")
    assert [i.row for i in items] == ["2024/31877", "2023/90412", "2025/10233"]
    assert all(i.error is None for i in items)
    births = [split(i.entities)[0].get("birthDate") for i in items]
    assert births == [["1988-04-17"], ["1979-11"], ["1991"]]  # precision kept
    person, sanction = split(items[0].entities)
    assert person.get("name") == ["YOUSSEF EL HAMDAOUI"]
    assert person.get("firstName") == ["YOUSSEF"]
    assert person.get("lastName") == ["EL HAMDAOUI"]
    assert sorted(person.get("nationality")) == ["fr", "ma"]
    assert person.get("topics") == ["wanted"]
    assert sanction.get("entity") == [person.id]
    assert sanction.get("program") == ["Red notice"]
    assert sanction.get("authority") == ["INTERPOL"]
    assert sanction.get("recordId") == ["2024/31877"]
    assert sanction.get("sourceUrl") == [
        "https://ws-public.interpol.int/notices/v1/red/2024-31877"
    ]


def test_notice_detail(fixtures):
    (item,) = read(fixtures / "interpol_red_notice_detail.json")
    person, sanction = split(item.entities)
    assert person.get("gender") == ["male"]
    assert person.get("birthPlace") == ["Tanger"]
    assert person.get("birthCountry") == ["ma"]
    assert sorted(person.get("spokenLanguage")) == ["ara", "fra", "spa"]
    assert person.get("height") == ["179"]
    assert person.get("weight") == ["78"]
    assert person.get("eyeColor") == ["brown"]
    assert person.get("hairColor") == ["black"]
    assert person.get("appearance") == ["Scar on the left forearm"]
    assert sanction.get("country") == ["fr"]
    reasons = sanction.get("reason")
    assert any("stupéfiants" in r for r in reasons)
    assert any("Organised importation of narcotics" in r for r in reasons)


def test_detail_and_list_give_the_same_ids(fixtures):
    (detail,) = read(fixtures / "interpol_red_notice_detail.json")
    listed = read(fixtures / "interpol_red_notices_list.json")[0]
    assert [e.id for e in detail.entities] == [e.id for e in listed.entities]


def test_ids_stable_and_per_agency(fixtures):
    notice = load(fixtures / "interpol_red_notice_detail.json")
    first = [e.id for e in notice_to_entities(notice, "MA-DGSN")]
    again = [e.id for e in notice_to_entities(notice, "MA-DGSN")]
    other = [e.id for e in notice_to_entities(notice, "FR-OFAST")]
    assert first == again
    assert not set(first) & set(other)


def test_array_and_json_lines(tmp_path, fixtures):
    notices = load(fixtures / "interpol_red_notices_list.json")["_embedded"]["notices"]
    as_array = read(write_json(tmp_path, notices, "array.json"))
    lines = tmp_path / "notices.jsonl"
    lines.write_text("\n".join(json.dumps(n) for n in notices) + "\n", encoding="utf-8")
    as_lines = read(lines)
    expected = [e.id for i in read(fixtures / "interpol_red_notices_list.json") for e in i.entities]
    assert [e.id for i in as_array for e in i.entities] == expected
    assert [e.id for i in as_lines for e in i.entities] == expected


@pytest.mark.parametrize(
    ("href", "argument", "program", "topics"),
    [
        ("https://ws-public.interpol.int/notices/v1/yellow/2024-1", None,
         "Yellow notice (missing person)", []),
        ("https://ws-public.interpol.int/notices/v1/un/2024-1", None, "UN notice", ["sanction"]),
        (None, None, "Red notice", ["wanted"]),
        (None, "yellow", "Yellow notice (missing person)", []),
    ],
)
def test_notice_types(href, argument, program, topics):
    notice = {"entity_id": "2024/1", "name": "DOE", "forename": "JANE"}
    if href:
        notice["_links"] = {"self": {"href": href}}
    person, sanction = split(notice_to_entities(notice, "MA-DGSN", argument))
    assert sanction.get("program") == [program]
    assert person.get("topics") == topics


def test_page_link_gives_the_type(tmp_path):
    page = {
        "total": 1,
        "_embedded": {"notices": [{"entity_id": "2024/2", "name": "DOE"}]},
        "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/yellow?page=1"}},
    }
    (item,) = read(write_json(tmp_path, page))
    assert split(item.entities)[1].get("program") == ["Yellow notice (missing person)"]


def test_unknown_notice_type_argument():
    with pytest.raises(InvalidInput, match="unknown notice type"):
        notice_to_entities({"entity_id": "1", "name": "X"}, "MA-DGSN", "purple")


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"date_of_birth": "1985/13/40"}, "date_of_birth", "invalid date '1985-13-40'"),
        ({"date_of_birth": "17.04.1988"}, "date_of_birth", "invalid date '17.04.1988'"),
        ({"nationalities": ["MA", "XX"]}, "nationalities", "'XX'"),
        ({"nationalities": 12}, "nationalities", "expected text"),
        ({"sex_id": "Q"}, "sex_id", "unknown sex_id"),
        ({"height": "tall"}, "height", "invalid number"),
        ({"arrest_warrants": [{"issuing_country_id": "ZX"}]}, "arrest_warrants", "'ZX'"),
        ({"entity_id": None}, "entity_id", "missing required field 'entity_id'"),
        ({"name": ""}, "name", "missing required field 'name'"),
    ],
)
def test_bad_values_are_row_errors(tmp_path, fixtures, change, field, words):
    good = load(fixtures / "interpol_red_notice_detail.json")
    bad = {**good, **change}
    (first, second) = read(write_json(tmp_path, [good, bad]))
    assert first.error is None
    error = second.error
    assert error is not None and not second.entities
    assert error.field == field and words in error.reason
    assert error.file == "notices.json"
    assert error.row == ("2" if change.get("entity_id", 1) is None else "2024/31877")
    assert error.raw == bad


def test_gender_unknown_and_sex_id_u():
    person, _ = split(notice_to_entities({"entity_id": "1", "name": "X", "sex_id": "U"}, "MA-X1"))
    assert person.get("gender") == []


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "is empty"),
        (b"  \n", "is empty"),
        (b'{"total": 3, "_embedded": {"notices": [{"entity_id": "2024', "truncated JSON"),
        (b"not json at all", "invalid or truncated JSON"),
        ('{"name": "بن علي"}'.encode("cp1256"), "not UTF-8 text (byte offset 10)"),
        (b'{"foo": 1}', "not Interpol notices JSON"),
        (b"[1, 2]", "not Interpol notices JSON"),
        (b"[]", "not Interpol notices JSON"),
        (b'"red"', "not Interpol notices JSON"),
        (
            b'{"id": "x", "schema": "Person", "properties": {"name": ["A"]}}',
            "FollowTheMoney entities",
        ),
        (b'{"entity_id": "1", "name": "A"}\n{"entity_id": "2", "na', "line 2"),
    ],
)
def test_unreadable_files(tmp_path, content, words):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(InvalidInput) as exc:
        read(path)
    message = str(exc.value)
    assert words in message and message.startswith("bad.json")
    assert "\n" not in message


def test_empty_search_answer_has_no_items(tmp_path):
    page = {"total": 0, "_embedded": {"notices": []}}
    assert read(write_json(tmp_path, page)) == []
