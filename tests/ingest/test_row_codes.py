"""Issue 15: a row set aside carries its refusal as a message code with parameters, from every
reader and from the pipeline's own checks, so the web and the API can say it in the reader's
language; its English `reason` (CLI report, quarantine CSV, scripts) stays as it was."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from interlink.core import Envelope, InvalidInput
from interlink.core.messages import MESSAGES, invalid, render
from interlink.ingest.base import ReadOptions, RowError
from interlink.ingest.interpol import read_notices
from interlink.ingest.pipeline import ingest
from interlink.ingest.tabular import read_tabular
from tests.conftest import ACTOR

MAPPING = {"entities": {"person": {"schema": "Person", "keys": ["id"], "properties": {
    "name": {"column": "name"}, "birthDate": {"column": "born"},
    "nationality": {"column": "country"}}}}}


def env(owner: str = "MA-DGSN", **kw) -> Envelope:  # type: ignore[no-untyped-def]
    return Envelope(owner=owner, purposes=["drug_trafficking"], **kw)


def said(error: RowError) -> tuple[str, str]:
    """The refusal in English and in French, from its code."""
    assert error.code in MESSAGES, error
    return render(error.code, error.params, "en"), render(error.code, error.params, "fr")


def test_ftm_lines_carry_codes(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lines = [
        json.dumps({"id": "ma-p1", "schema": "Person", "properties": {"name": ["A"]}}),
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"id": "ma-p2", "schema": "Person",
                    "properties": {"name": ["B"], "birthDate": ["1990-13-02"]}}),
        json.dumps({"id": "ma-s2", "schema": "Seizure", "properties": {"quantity": ["3"]}}),
        # our own export's envelope, owned by another agency than this ingest's
        json.dumps({"id": "fr-p9", "schema": "Person", "properties": {"name": ["C"]},
                    "envelope": {"owner": "FR-OFAST", "purposes": ["drug_trafficking"]}}),
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", "utf-8")
    quarantine = tmp_path / "q.csv"
    report = ingest(store, [src], env(), ACTOR, quarantine=quarantine)
    errors = {e.row: e for e in report.errors}
    assert errors["2"].code == "row.not_json" and errors["2"].reason.startswith("not JSON: ")
    assert errors["2"].params["reason"] == errors["2"].reason.removeprefix("not JSON: ")
    assert errors["3"].code == "row.not_ftm" and errors["3"].reason == "not an FtM entity"
    assert errors["4"].code not in (None, "invalid_input") and errors["4"].field == "birthDate"
    assert errors["5"].code == "row.missing_required"
    assert errors["5"].params == {"property": "commodity", "schema": "Seizure"}
    assert errors["6"].code == "row.other_owner"
    assert errors["6"].params == {"owner": "FR-OFAST", "agency": "MA-DGSN"}
    for row in ("2", "3", "5", "6"):  # the English rendering is the reason, word for word
        english, french = said(errors[row])
        assert english == errors[row].reason and french != english, (row, french)
    english, french = said(errors["4"])
    assert english == errors["4"].reason and french != english
    # the quarantine report still has the English words, unchanged
    text = quarantine.read_text("utf-8")
    assert "missing required field 'commodity' for Seizure" in text
    assert "owned by FR-OFAST, but this ingest is for MA-DGSN" in text


def test_fragments_that_cannot_merge_keep_the_merge_refusal_code(store, tmp_path: Path
                                                                 ) -> None:  # type: ignore[no-untyped-def]
    terms = [{"owner": "MA-DGSN", "purposes": ["drug_trafficking"], "tlp": t}
             for t in ("AMBER", "RED")]
    lines = [json.dumps({"id": "ma-p1", "schema": "Person", "properties": {"name": ["A"]},
                         "envelope": e}) for e in terms]
    src = tmp_path / "twice.jsonl"
    src.write_text("\n".join(lines) + "\n", "utf-8")
    report = ingest(store, [src], env(), ACTOR, quarantine=tmp_path / "q.csv")
    (error,) = report.errors
    assert error.code == "ingest.twice_other_terms" and error.params == {"id": "ma-p1"}
    assert said(error)[0] == error.reason


def read_csv(tmp_path: Path, text: str) -> list[RowError]:
    src = tmp_path / "people.csv"
    src.write_text(text, "utf-8")
    mapping = tmp_path / "m.yml"
    mapping.write_text(yaml.safe_dump(MAPPING), "utf-8")
    options = ReadOptions(agency="MA-DGSN", mapping=MAPPING, mapping_path=mapping)
    return [i.error for i in read_tabular(src, options) if i.error is not None]


def test_tabular_rows_carry_codes(tmp_path: Path) -> None:
    # rows are numbered as data rows (the header is not one)
    errors = {e.row: e for e in read_csv(tmp_path, (
        "id,name,born,country\n"
        "p1,Hélène Dubreuil,1979-03-02,fr\n"
        "p2,Jérôme Lefèvre,1985-13-45,fr\n"
        "p3,Karim\n"
        "p4,Ana,1990-01-01,ma,extra\n"
        "p5,Karim Benali,1990-02-31,Narnia\n"
        ",Nobody,1990-01-01,ma\n"))}
    assert errors["2"].code == "row.bad_date"
    assert errors["2"].params == {"value": "1985-13-45", "property": "birthDate"}
    assert errors["3"].code == "row.truncated" and errors["3"].params == {"n": 2, "width": 4}
    assert errors["4"].code == "row.too_many_fields"
    assert errors["6"].code == "row.no_key"  # no id while other columns hold values
    for row in ("2", "3", "4", "6"):
        english, french = said(errors[row])
        assert english == errors[row].reason and french != english, (row, english, french)
    # two faults in one row: the English reason joins both as before; the code chains them
    two = errors["5"]
    assert two.reason == ("unknown country 'Narnia' for nationality (use an ISO 3166 code "
                          "such as MA, FR); invalid date '1990-02-31' for birthDate (use ISO "
                          "8601 YYYY-MM-DD, or give the mapping a format:)")
    assert two.code == "row.problems" and two.field == "country"
    english, french = said(two)
    assert english == two.reason
    assert french.startswith("pays inconnu 'Narnia'") and " ; date non valide" in french
    assert "؛ " in render(two.code, two.params, "ar")


def test_a_missing_link_end_says_why_nested(tmp_path: Path) -> None:
    mapping = {"entities": {
        "company": {"schema": "Company", "keys": ["company"],
                    "properties": {"name": {"column": "company"}}},
        "person": {"schema": "Person", "keys": ["id"], "properties": {"name": {"column": "name"}}},
        "director": {"schema": "Directorship", "keys": ["id", "company"], "properties": {
            "director": {"entity": "person"}, "organization": {"entity": "company"},
            "role": {"column": "role"}}}}}
    src = tmp_path / "links.csv"
    src.write_text("id,name,company,role\np1,Ana,,director\n", "utf-8")
    options = ReadOptions(agency="MA-DGSN", mapping=mapping)
    errors = [i.error for i in read_tabular(src, options) if i.error is not None]
    (error,) = errors
    assert error.code == "row.link_absent"
    assert error.params["cause"]["code"] == "row.keys_empty"  # why the end is absent
    english, french = said(error)
    assert english == error.reason
    assert french.endswith("(colonne(s) clé(s) company vide(s))"), french


def test_interpol_notice_refusals_carry_codes(tmp_path: Path) -> None:
    fixtures = Path(__file__).parent / "fixtures"
    good = json.loads((fixtures / "interpol_red_notice_detail.json").read_text("utf-8"))
    bad = {**good, "date_of_birth": "1985/13/40"}
    src = tmp_path / "notices.json"
    src.write_text(json.dumps([good, bad]), "utf-8")
    (_, second) = list(read_notices(src, ReadOptions(agency="MA-DGSN")))
    error = second.error
    assert error is not None and "invalid date '1985-13-40'" in error.reason
    assert error.code not in (None, "invalid_input")
    english, french = said(error)
    assert english == error.reason and french != english


def test_an_error_without_a_code_of_its_own_keeps_none() -> None:
    """A bare domain error (its class's generic code, no parameters) keeps no code: its own
    English words say more than "The input is not valid.", and a page marks them English."""
    plain = RowError.of(InvalidInput("FtM's own words"), "f", "1", "x")
    assert plain.code is None and plain.params == {} and plain.reason == "FtM's own words"
    coded = RowError.of(invalid("record.no_id"), "f", "1", "id", {"a": 1})
    assert coded.code == "record.no_id" and coded.reason == "entity has no id"
    assert coded.raw == {"a": 1} and str(coded) == "f:1 [id]: entity has no id"
