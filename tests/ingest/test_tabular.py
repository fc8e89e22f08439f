from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from interlink.core.errors import InvalidInput
from interlink.ingest.base import Item, ReadOptions
from interlink.ingest.tabular import compile_mapping, read_csv, read_tabular, read_xlsx

HEADER = (
    "person_id,full_name,name_ar,birth_date,nationality,passport_no,passport_country,"
    "company,company_country,role"
)


def opts(mapping: dict, agency: str = "MA-DGSN", path: str = "people_mapping.yml") -> ReadOptions:
    return ReadOptions(agency=agency, mapping=mapping, mapping_path=Path(path))


def read(path: Path, mapping: dict, agency: str = "MA-DGSN") -> list[Item]:
    return list(read_tabular(path, opts(mapping, agency)))


def by_row(items: list[Item]) -> dict[str, Item]:
    return {item.row: item for item in items}


def schemata(item: Item) -> list[str]:
    return sorted(e.schema.name for e in item.entities)


def entity(item: Item, schema: str):
    (found,) = [e for e in item.entities if e.schema.name == schema]
    return found


def write_csv(tmp_path: Path, text: str, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- mapping and rows ----------------------------------------------------------------------


def test_people_fixture_good_and_bad_rows(fixtures, people_mapping):
    items = by_row(read(fixtures / "people.csv", people_mapping))
    assert sorted(items, key=int) == ["1", "2", "3", "4", "5", "6"]

    first = items["1"]
    assert first.error is None
    assert schemata(first) == ["Company", "Directorship", "Passport", "Person"]
    person = entity(first, "Person")
    assert person.get("name") == ["Youssef El Amrani"]
    assert person.get("alias") == ["يوسف العمراني"]
    assert person.get("birthDate") == ["1985-03-12"]
    assert person.get("nationality") == ["ma"]
    passport = entity(first, "Passport")
    assert passport.get("holder") == [person.id]
    assert passport.get("number") == ["AB123456"]
    directorship = entity(first, "Directorship")
    assert directorship.get("director") == [person.id]
    assert directorship.get("organization") == [entity(first, "Company").id]
    assert directorship.get("role") == ["director"]

    # no passport, no company: those entities (and the directorship) are simply absent
    assert schemata(items["2"]) == ["Person"]
    # the same company in two rows is one entity
    assert entity(items["6"], "Company").id == entity(first, "Company").id

    bad_date = items["3"].error
    assert bad_date is not None and not items["3"].entities
    assert (bad_date.file, bad_date.row, bad_date.field) == ("people.csv", "3", "birth_date")
    assert "1985-13-40" in bad_date.reason and "date" in bad_date.reason
    assert bad_date.raw["full_name"] == "Fatima Zahra Idrissi"

    bad_country = items["4"].error
    assert bad_country is not None and bad_country.field == "nationality"
    assert "unknown country 'Atlantis'" in bad_country.reason

    no_name = items["5"].error
    assert no_name is not None and no_name.field == "full_name"
    assert "missing required field 'name'" in no_name.reason
    assert str(no_name).startswith("people.csv:5 [full_name]: ")


def test_ids_stable_across_reads_and_distinct_per_agency(fixtures, people_mapping):
    def ids(agency: str) -> list[str]:
        items = read(fixtures / "people.csv", people_mapping, agency)
        return [e.id for item in items for e in item.entities]

    first, again, other = ids("MA-DGSN"), ids("MA-DGSN"), ids("FR-OFAST")
    assert first and first == again
    assert not set(first) & set(other)


@pytest.mark.parametrize("shape", ["dataset", "queries", "single"])
def test_mapping_shapes_give_the_same_entities(fixtures, people_mapping, shape):
    query = people_mapping["partner_watchlist"]["queries"][0]
    mapping = {
        "dataset": people_mapping,
        "queries": {"queries": [query]},
        "single": {"entities": query["entities"]},
    }[shape]
    items = read(fixtures / "people.csv", mapping)
    reference = read(fixtures / "people.csv", people_mapping)
    assert [sorted(e.id for e in i.entities) for i in items] == [
        sorted(e.id for e in i.entities) for i in reference
    ]


def test_unknown_property_is_a_mapping_error(fixtures, people_mapping):
    query = people_mapping["partner_watchlist"]["queries"][0]
    query["entities"]["person"]["properties"]["shoeSize"] = {"column": "full_name"}
    with pytest.raises(InvalidInput) as exc:
        read(fixtures / "people.csv", people_mapping)
    assert "people_mapping.yml" in str(exc.value)
    assert "shoeSize" in str(exc.value) and exc.value.field == "shoeSize"


@pytest.mark.parametrize(
    ("mapping", "words"),
    [
        ([1, 2], "must be a YAML mapping"),
        ({"foo": "bar"}, "no mapping found"),
        ({"entities": {"p": {"schema": "Alien", "keys": ["a"]}}}, "unknown schema 'Alien'"),
        ({"entities": {"p": {"schema": "Person", "properties": {}}}}, "No keys or ID"),
        (
            {"entities": {"p": {"schema": "Person", "keys": ["a"],
                                "properties": {"nationality": {"literal": "Atlantis"}}}}},
            "invalid country literal 'Atlantis'",
        ),
    ],
)
def test_bad_mappings(tmp_path, mapping, words):
    path = write_csv(tmp_path, "a\n1\n")
    with pytest.raises(InvalidInput, match=words):
        read(path, mapping)


def test_no_mapping(tmp_path):
    path = write_csv(tmp_path, "a\n1\n")
    with pytest.raises(InvalidInput, match="needs a mapping"):
        list(read_csv(path, ReadOptions(agency="MA-DGSN")))


def test_column_missing_from_file(tmp_path, people_mapping):
    path = write_csv(tmp_path, "person_id,full_name\nP1,Ali\n")
    with pytest.raises(InvalidInput) as exc:
        read(path, people_mapping)
    assert "'birth_date'" in str(exc.value) and "data.csv" in str(exc.value)
    assert "people_mapping.yml" in str(exc.value)


def test_link_without_its_end_but_with_values_is_an_error(tmp_path, people_mapping):
    path = write_csv(tmp_path, HEADER + "\nP1,Ali Saleh,علي صالح,1980-01-01,MA,,,,,director\n")
    (item,) = read(path, people_mapping)
    assert item.error is not None and item.error.field == "role"
    assert "'company' is absent" in item.error.reason


def test_entity_without_key_but_with_values_is_an_error(tmp_path, people_mapping):
    path = write_csv(tmp_path, HEADER + "\n,Ali Saleh,علي صالح,1980-01-01,MA,,,,,\n")
    (item,) = read(path, people_mapping)
    assert item.error is not None and item.error.field == "person_id"
    assert "no id for 'person'" in item.error.reason


def test_mapping_filters(tmp_path):
    mapping = {
        "entities": {"p": {"schema": "Person", "keys": ["id"],
                           "properties": {"name": {"column": "name"}}}},
        "filters": {"kind": "person"},
        "filters_not": {"status": "deleted"},
    }
    path = write_csv(
        tmp_path,
        "id,name,kind,status\n1,Ali,person,\n2,Acme,company,\n3,Omar,person,deleted\n",
    )
    items = read(path, mapping)
    assert [(i.row, entity(i, "Person").get("name")) for i in items] == [("1", ["Ali"])]


def test_date_format_in_mapping(tmp_path):
    mapping = {"entities": {"p": {"schema": "Person", "keys": ["id"], "properties": {
        "name": {"column": "name"},
        "birthDate": {"column": "born", "format": "%d/%m/%Y"},
    }}}}
    path = write_csv(tmp_path, "id,name,born\n1,Ali,31/12/1990\n2,Omar,1990-12-31\n")
    first, second = read(path, mapping)
    assert entity(first, "Person").get("birthDate") == ["1990-12-31"]
    assert second.error is not None and second.error.field == "born"


# --- CSV files -----------------------------------------------------------------------------


SIMPLE = {"entities": {"p": {"schema": "Person", "keys": ["id"], "properties": {
    "name": {"column": "name"}, "nationality": {"column": "country"},
}}}}


def test_truncated_file_gives_a_row_error(tmp_path):
    path = write_csv(tmp_path, "id,name,country\n1,Ali,MA\n2,Omar,DZ\n3,Kar")
    items = read(path, SIMPLE)
    assert [i.error is None for i in items] == [True, True, False]
    error = items[2].error
    assert error.row == "3" and error.field == "country" and "truncated" in error.reason


def test_cut_inside_a_quoted_field(tmp_path):
    path = write_csv(tmp_path, 'id,name,country\n1,Ali,MA\n2,"Omar')
    items = read(path, SIMPLE)
    assert items[0].error is None
    assert items[1].error is not None and "malformed CSV" in items[1].error.reason
    assert items[1].error.raw == {"_line": '2,"Omar'}


def test_row_with_extra_fields(tmp_path):
    path = write_csv(tmp_path, "id,name,country\n1,Ali,MA,oops\n2,Omar,DZ,\n")
    first, second = read(path, SIMPLE)
    assert first.error is not None and "4 fields" in first.error.reason
    assert first.error.raw["_extra"] == ["oops"]
    assert second.error is None  # a trailing empty field is harmless


def test_not_utf8(tmp_path):
    path = tmp_path / "arabic.csv"
    path.write_bytes("id,name,country\n1,علي,MA\n".encode("cp1256"))
    with pytest.raises(InvalidInput) as exc:
        read(path, SIMPLE)
    assert str(exc.value).startswith("arabic.csv: not UTF-8 text (byte offset 18) and the "
                                      "encoding cannot be told")


def test_latin1_late_in_a_file(tmp_path):
    path = tmp_path / "late.csv"
    head = "id,name,country\n" + "1,Ali,MA\n" * 200_000 + "2,H"
    path.write_bytes((head + "élène,FR\n").encode("latin-1"))
    *_, last = read(path, SIMPLE)  # Windows-1252 (of which Latin-1 letters are a part) found
    assert last.error is None and last.entities[0].get("name") == ["Hélène"]


def test_multibyte_character_across_read_chunks(tmp_path):
    head = "id,notes,name,country\n1,"
    pad = (1 << 20) - len(head.encode()) - 1  # an Arabic letter straddles the 1 MiB chunk edge
    path = tmp_path / "edge.csv"
    path.write_bytes((head + "a" * pad + "ي,علي,MA\n").encode("utf-8"))
    (item,) = read(path, SIMPLE)
    assert entity(item, "Person").get("name") == ["علي"]


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n  \n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(InvalidInput, match="empty.csv is empty"):
        read(path, SIMPLE)


def test_header_only(tmp_path):
    assert read(write_csv(tmp_path, "id,name,country\n"), SIMPLE) == []


def test_xlsx_given_as_csv(tmp_path):
    path = tmp_path / "book.csv"
    workbook = openpyxl.Workbook()
    workbook.active.append(["id", "name", "country"])
    workbook.save(path)
    with pytest.raises(InvalidInput, match="book.csv: is a ZIP/XLSX file"):
        read(path, SIMPLE)


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_delimiters_bom_and_arabic(tmp_path, delimiter):
    rows = [["id", "name", "country"], ["1", "محمد الأمين", "MA"], ["2", "Omar; Jr", "DZ"]]
    text = "\n".join(delimiter.join(r) for r in rows)
    if delimiter == ";":
        text = text.replace("Omar; Jr", '"Omar; Jr"')
    path = tmp_path / "d.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    first, second = read(path, SIMPLE)
    assert entity(first, "Person").get("name") == ["محمد الأمين"]
    assert entity(second, "Person").get("name") == ["Omar; Jr"]


def test_blank_lines_are_skipped_but_counted(tmp_path):
    path = write_csv(tmp_path, "id,name,country\n1,Ali,MA\n\n3,Omar,Atlantis\n")
    first, second = read(path, SIMPLE)
    assert first.row == "1" and second.row == "3" and second.error is not None


def test_rows_are_streamed(tmp_path):
    path = write_csv(tmp_path, "id,name,country\n" + "".join(
        f"{n},Person {n},MA\n" for n in range(1, 20_001)
    ))
    items = read_csv(path, opts(SIMPLE))
    first = next(items)
    assert first.row == "1" and first.error is None
    assert sum(1 for _ in items) == 19_999


# --- XLSX ----------------------------------------------------------------------------------


def make_xlsx(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    notes = workbook.active
    notes.title = "Notes"
    notes.append(["About this file"])
    sheet = workbook.create_sheet("People")
    sheet.append(HEADER.split(","))
    sheet.append(["P001", "Youssef El Amrani", "يوسف العمراني", datetime(1985, 3, 12), "MA",
                  "AB123456", "MA", "Atlas Trading SARL", "MA", "director"])
    sheet.append([1002, "Karim Benali", "كريم بن علي", "1979-11-02", "Algeria"])
    sheet.append([])
    sheet.append(["P004", "Omar Haddad", "عمر حداد", 1990.0, "Atlantis"])
    workbook.save(path)
    return path


def test_xlsx(tmp_path, people_mapping):
    path = make_xlsx(tmp_path / "people.xlsx")
    items = by_row(read(path, people_mapping))
    assert sorted(items) == ["2", "3", "5"]  # sheet row numbers; the blank row 4 is skipped
    first = entity(items["2"], "Person")
    assert first.get("birthDate") == ["1985-03-12"]
    assert first.get("alias") == ["يوسف العمراني"]
    second = items["3"]
    assert entity(second, "Person").get("nationality") == ["dz"]
    error = items["5"].error
    assert error is not None and error.row == "5" and error.field == "nationality"
    assert error.raw["birth_date"] == "1990"  # a whole number loses its ".0"
    # the same rows in CSV and XLSX are the same entities
    csv_items = by_row(read(Path(__file__).parent / "fixtures" / "people.csv", people_mapping))
    assert sorted(e.id for e in items["2"].entities) == sorted(
        e.id for e in csv_items["1"].entities
    )


def test_xlsx_numbers_as_ids_are_stable(tmp_path, people_mapping):
    path = make_xlsx(tmp_path / "people.xlsx")
    once = [e.id for i in read(path, people_mapping) for e in i.entities]
    twice = [e.id for i in read(path, people_mapping) for e in i.entities]
    assert once == twice


def test_xlsx_sheet_key(tmp_path, people_mapping):
    path = make_xlsx(tmp_path / "people.xlsx")
    people_mapping["partner_watchlist"]["queries"][0]["sheet"] = "People"
    assert len(read(path, people_mapping)) == 3
    people_mapping["partner_watchlist"]["queries"][0]["sheet"] = "Persons"
    with pytest.raises(InvalidInput, match="no sheet 'Persons'"):
        read(path, people_mapping)
    people_mapping["partner_watchlist"]["queries"][0]["sheet"] = "Notes"
    with pytest.raises(InvalidInput, match="'birth_date'"):
        read(path, people_mapping)


def test_xlsx_several_sheets_label_rows(tmp_path):
    workbook = openpyxl.Workbook()
    for title in ("A", "B"):
        sheet = workbook.create_sheet(title)
        sheet.append(["id", "name", "country"])
        sheet.append([title, f"Person {title}", "XX"])
    workbook.remove(workbook["Sheet"])
    path = tmp_path / "two.xlsx"
    workbook.save(path)
    items = read(path, SIMPLE)
    assert [i.row for i in items] == ["A!2", "B!2"]


def test_xlsx_missing_columns(tmp_path, people_mapping):
    workbook = openpyxl.Workbook()
    workbook.active.append(["person_id", "full_name"])
    path = tmp_path / "few.xlsx"
    workbook.save(path)
    with pytest.raises(InvalidInput, match="few.xlsx .*'birth_date'"):
        read(path, people_mapping)


def test_csv_renamed_xlsx(tmp_path, fixtures, people_mapping):
    path = tmp_path / "people.xlsx"
    path.write_bytes((fixtures / "people.csv").read_bytes())
    with pytest.raises(InvalidInput, match="people.xlsx: not a valid XLSX workbook"):
        read(path, people_mapping)


def test_truncated_xlsx(tmp_path, people_mapping):
    path = make_xlsx(tmp_path / "cut.xlsx")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InvalidInput, match="cut.xlsx: not a valid XLSX workbook"):
        read(path, people_mapping)


def test_empty_xlsx(tmp_path, people_mapping):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    with pytest.raises(InvalidInput, match="empty.xlsx is empty"):
        list(read_xlsx(path, opts(people_mapping)))
    openpyxl.Workbook().save(path)
    with pytest.raises(InvalidInput, match="empty.xlsx is empty"):
        list(read_xlsx(path, opts(people_mapping)))


def test_zip_that_is_not_a_workbook(tmp_path, people_mapping):
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(InvalidInput, match="other.xlsx: not a valid XLSX workbook"):
        read(path, people_mapping)


def test_compile_mapping_reports_columns(people_mapping):
    (query,) = compile_mapping(people_mapping, "MA-DGSN", "m.yml")
    assert "passport_no" in query.columns and "role" in query.columns
