"""CSV dialects as agencies' spreadsheets write them: Excel's "CSV (semicolon)" in Windows-1252
on a French or Spanish Windows, its "Unicode text" (UTF-16 with a BOM, tab-separated), "CSV
UTF-8" with a BOM, and files in a code page we cannot tell (Arabic in Windows-1256), which are
refused with the candidates until the user names the encoding. The bytes are written here
exactly as Excel writes them (CRLF line ends, BOMs, the code page's own bytes)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from interlink.core.errors import InvalidInput
from interlink.core.messages import render_error
from interlink.ingest.base import Item, ReadOptions
from interlink.ingest.tabular import read_tabular
from interlink.ingest.textfile import detect_delimiter, detect_encoding

MAPPING = {"entities": {"p": {"schema": "Person", "keys": ["ref"], "properties": {
    "name": {"column": "nom"}, "nationality": {"column": "pays"},
    "birthDate": {"column": "date_naissance"}, "notes": {"column": "observations"},
}}}}
FRENCH = [
    ["ref", "nom", "pays", "date_naissance", "observations"],
    ["F-001", "Hélène LEFÈVRE", "FR", "1985-03-02", "vue à Besançon, 2 000 € en espèces"],
    ["F-002", "François D’ARCY", "FR", "1979-11-30", "« dit le Grec »; œuvre à Nîmes"],
    ["F-003", "Zoé MÜLLER", "BE", "1990-01-15", "contact : +33 6 12 34 56 78"],
]


def excel_csv(rows: list[list[str]], sep: str) -> str:
    """A sheet as Excel saves it: fields with the separator or quotes quoted, CRLF ends."""
    def cell(text: str) -> str:
        if sep in text or '"' in text:
            return '"' + text.replace('"', '""') + '"'
        return text
    return "".join(sep.join(cell(c) for c in row) + "\r\n" for row in rows)


def read(path: Path, encoding: str | None = None, delimiter: str | None = None) -> list[Item]:
    options = ReadOptions(agency="FR-OFAST", mapping=MAPPING, mapping_path=Path("m.yml"),
                          encoding=encoding, delimiter=delimiter)
    return list(read_tabular(path, options))


def people(items: list[Item]) -> dict[str, dict[str, list[str]]]:
    assert all(i.error is None for i in items), [i.error for i in items]
    return {e.get("name")[0]: e.properties for i in items for e in i.entities}


def test_windows_1252_semicolons_from_a_french_excel(tmp_path: Path) -> None:
    path = tmp_path / "fiches.csv"
    path.write_bytes(excel_csv(FRENCH, ";").encode("cp1252"))
    assert detect_encoding(path) == "cp1252"
    found = people(read(path))
    assert set(found) == {"Hélène LEFÈVRE", "François D’ARCY", "Zoé MÜLLER"}
    assert found["Hélène LEFÈVRE"]["notes"] == ["vue à Besançon, 2 000 € en espèces"]
    assert found["François D’ARCY"]["notes"] == ["« dit le Grec »; œuvre à Nîmes"]
    assert found["Zoé MÜLLER"]["nationality"] == ["be"]


def test_latin1_semicolons_from_a_spanish_excel(tmp_path: Path) -> None:
    rows = [["ref", "nom", "pays", "date_naissance", "observations"],
            ["E-1", "José MUÑOZ PEÑA", "ES", "1975-06-01", "Cádiz; Algeciras"],
            ["E-2", "Ángela GARCÍA", "CO", "1988-02-29", "alias «la Niña»"]]
    path = tmp_path / "personas.csv"
    path.write_bytes(excel_csv(rows, ";").encode("latin-1"))
    assert set(people(read(path))) == {"José MUÑOZ PEÑA", "Ángela GARCÍA"}
    # named by the user, ISO-8859-1 reads the same
    assert set(people(read(path, encoding="iso-8859-1"))) == {"José MUÑOZ PEÑA", "Ángela GARCÍA"}


def test_utf16_unicode_text_from_excel(tmp_path: Path) -> None:
    rows = [*FRENCH, ["M-1", "عبد القادر البخاري", "MA", "1981-07-07", "هاتف +212661234567"]]
    path = tmp_path / "texte_unicode.txt.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + excel_csv(rows, "\t").encode("utf-16-le"))
    assert detect_encoding(path) == "utf-16"
    found = people(read(path))
    assert found["عبد القادر البخاري"]["notes"] == ["هاتف +212661234567"]
    assert "Zoé MÜLLER" in found
    # the same without its BOM (some exports drop it): told by the NUL bytes of Latin text
    bare = tmp_path / "sans_bom.csv"
    bare.write_bytes(excel_csv(FRENCH, "\t").encode("utf-16-le"))
    assert detect_encoding(bare) == "utf-16-le" and len(people(read(bare))) == 3


def test_utf8_with_bom_and_commas(tmp_path: Path) -> None:
    path = tmp_path / "csv_utf8.csv"
    path.write_bytes(codecs.BOM_UTF8 + excel_csv(FRENCH, ",").encode("utf-8"))
    found = people(read(path))
    assert found["Hélène LEFÈVRE"]["notes"] == ["vue à Besançon, 2 000 € en espèces"]


def test_an_encoding_that_cannot_be_told_is_refused_then_named(tmp_path: Path) -> None:
    rows = [["ref", "nom", "pays", "date_naissance", "observations"],
            ["M-1", "عبد القادر البخاري", "MA", "1981-07-07", "شبكة طنجة"],
            ["M-2", "يوسف الحمداوي", "MA", "1979-01-02", "الدار البيضاء"]]
    path = tmp_path / "dgsn.csv"
    path.write_bytes(excel_csv(rows, ";").encode("cp1256"))
    with pytest.raises(InvalidInput) as refused:
        read(path)
    assert refused.value.code == "file.encoding_unsure"
    assert refused.value.params["offset"] == len("ref;nom;pays;date_naissance;observations\r\n"
                                                 "M-1;")
    assert "--encoding" in str(refused.value)
    assert "--encoding" in render_error(refused.value, "ar")
    assert render_error(refused.value, "ar") != str(refused.value)  # said in Arabic
    found = people(read(path, encoding="windows-1256"))
    assert set(found) == {"عبد القادر البخاري", "يوسف الحمداوي"}


def test_a_named_encoding_is_checked_and_unknown_names_refused(tmp_path: Path) -> None:
    path = tmp_path / "fiches.csv"
    path.write_bytes(excel_csv(FRENCH, ";").encode("cp1252"))
    with pytest.raises(InvalidInput) as wrong:
        read(path, encoding="utf-8")
    assert wrong.value.code == "file.encoding_invalid" and wrong.value.params["offset"] > 0
    with pytest.raises(InvalidInput) as unknown:
        read(path, encoding="klingon")
    assert unknown.value.code == "file.unknown_encoding"


def test_separators_detected_chosen_or_refused(tmp_path: Path) -> None:
    assert detect_delimiter("x", ["a;b;c\n", "1;2,5;3\n"]) == ";"
    assert detect_delimiter("x", ["a|b\n", "1|2\n"]) == "|"
    assert detect_delimiter("x", ["name\n", "Ali\n"]) == ","  # one column
    # a header that both splits, rows that fit both: which one is the user's?
    with pytest.raises(InvalidInput) as unsure:
        detect_delimiter("x.csv", ["a,b;c,d\n", "1,2;3,4\n"])
    assert unsure.value.code == "file.delimiter_unsure"
    assert unsure.value.params["candidates"] == ["comma", "semicolon"]
    # the rows settle it when only one separator gives every row the header's width
    assert detect_delimiter("x", ["a,b;c\n", "1;2,5\n", "3;4\n"]) == ";"
    assert detect_delimiter("x", ["a,b;c,d\n"], "semicolon") == ";"
    with pytest.raises(InvalidInput):
        detect_delimiter("x", ["a\n"], "colon")
    path = tmp_path / "odd.csv"
    path.write_bytes(b"ref,nom;pays,date_naissance;observations\r\nX,Ali;MA,1980-01-01;y\r\n")
    with pytest.raises(InvalidInput, match="--delimiter"):
        read(path)
    with pytest.raises(InvalidInput, match="'nom;pays'"):  # named: the header is then
        read(path, delimiter=",")  # ref | nom;pays | ..., and the mapping's columns missing
