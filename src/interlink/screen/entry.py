"""What screening compares: a watchlist entry or a query, reduced to the facts that identify.

Watchlists arrive as CSV, FtM entities, Interpol notices or store records; queries as CSV rows,
passengers of a manifest or store records. All become an `Entry` with clean values (ISO dates
at their precision, ISO country codes, "male"/"female", document numbers without spaces or
dashes), so that scoring compares like with like and never has to know where a value came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from interlink.core.errors import InvalidInput
from interlink.core.messages import invalid

PERSON = "Person"
#: FtM schemata screened as companies: sanctions lists use all three for organisations.
COMPANY_SCHEMATA = frozenset({"Company", "Organization", "LegalEntity", "PublicBody"})
VESSEL = "Vessel"
SCREENED_SCHEMATA = frozenset({PERSON, VESSEL}) | COMPANY_SCHEMATA
ID_SCHEMATA = frozenset({"Passport", "Identification"})

_DATE = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")
_ID_CHARS = re.compile(r"[^0-9A-Z]")

GENDERS = {
    "m": "male", "male": "male", "man": "male", "h": "male", "homme": "male",
    "masculin": "male", "ذكر": "male",
    "f": "female", "female": "female", "woman": "female", "femme": "female",
    "feminin": "female", "féminin": "female", "أنثى": "female", "انثى": "female",
}  # fmt: skip


def kind_of(schema: str) -> str:
    """The name kind (names.compare's `kind`) for an FtM schema."""
    if schema == VESSEL:
        return "vessel"
    if schema in COMPANY_SCHEMATA:
        return "company"
    return "person"


def parse_birth_date(value: str) -> str:
    """ISO date at its own precision: "1988", "1988-04", "1988-04-17" (also 1988/04/17)."""
    match = _DATE.match(value.strip())
    if match is None:
        raise invalid("screen.bad_birth_date", "birth_date", value=repr(value))
    year, month, day = match.groups()
    parts = [year]
    if month is not None:
        if not 1 <= int(month) <= 12:
            raise invalid("screen.bad_birth_month", "birth_date", value=repr(value),
                          month=month)
        parts.append(month.zfill(2))
    if day is not None:
        if not 1 <= int(day) <= 31:
            raise invalid("screen.bad_birth_day", "birth_date", value=repr(value), day=day)
        parts.append(day.zfill(2))
    return "-".join(parts)


def parse_country(value: str) -> str:
    code = registry.country.clean(value.strip())
    if code is None:
        raise invalid("screen.unknown_nationality", "nationality", value=repr(value))
    return code


def parse_gender(value: str) -> str | None:
    text = value.strip().casefold()
    if not text or text in ("u", "x", "unknown"):
        return None
    gender = GENDERS.get(text)
    if gender is None:
        raise invalid("screen.unknown_gender", "gender", value=repr(value))
    return gender


def clean_id(value: str) -> str:
    """Document numbers compare without spaces, dashes or case: "19FR 88123" = "19fr-88123".

    A leading "IMO" is dropped so that "IMO 9123456" and "9123456" meet.
    """
    text = _ID_CHARS.sub("", value.upper())
    if text.startswith("IMO") and text[3:].isdigit():
        text = text[3:]
    return text


def split_multi(value: str) -> list[str]:
    """Several values in one CSV cell, separated by ";" or "|"."""
    return [v.strip() for v in re.split(r"[;|]", value) if v.strip()]


@dataclass
class Entry:
    """A watchlist entry or a query: names plus the facts that confirm or refute a match."""

    id: str
    names: list[str]
    schema: str = PERSON
    birth_dates: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    gender: str | None = None
    id_numbers: list[str] = field(default_factory=list)
    list_name: str = ""

    @property
    def kind(self) -> str:
        return kind_of(self.schema)

    @property
    def name(self) -> str:
        return self.names[0] if self.names else ""

    def add_ids(self, values: Iterable[str]) -> None:
        for value in values:
            cleaned = clean_id(value)
            if cleaned and cleaned not in self.id_numbers:
                self.id_numbers.append(cleaned)

    @classmethod
    def create(
        cls,
        id: str,
        name: str | list[str],
        birth_date: str | list[str] | None = None,
        nationality: str | list[str] | None = None,
        gender: str | None = None,
        id_number: str | list[str] | None = None,
        schema: str = PERSON,
        list_name: str = "",
    ) -> Entry:
        """Build an entry from raw values, refusing what cannot be read (InvalidInput)."""
        names = [n.strip() for n in _as_list(name) if n and n.strip()]
        if not names:
            raise invalid("name.empty", "name")
        entry = cls(id=id, names=names, schema=schema, list_name=list_name)
        for value in _as_list(birth_date):
            try:
                entry.birth_dates.append(parse_birth_date(value))
            except InvalidInput as exc:
                raise InvalidInput(exc.message, "birth_date", code=exc.code,
                                   **exc.params) from exc
        for value in _as_list(nationality):
            try:
                entry.nationalities.append(parse_country(value))
            except InvalidInput as exc:
                raise InvalidInput(exc.message, "nationality", code=exc.code,
                                   **exc.params) from exc
        if gender:
            try:
                entry.gender = parse_gender(gender)
            except InvalidInput as exc:
                raise InvalidInput(exc.message, "gender", code=exc.code,
                                   **exc.params) from exc
        entry.add_ids(_as_list(id_number))
        return entry

    @classmethod
    def from_proxy(cls, proxy: EntityProxy, list_name: str = "") -> Entry | None:
        """An FtM entity as an entry; None if it has no name or is not a screened schema."""
        return from_ftm_dict(
            {"id": proxy.id, "schema": proxy.schema.name, "properties": proxy.properties},
            list_name,
        )


def _as_list(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return split_multi(value)
    return [v for v in value if v]


def _values(props: dict[str, Any], *names: str) -> list[str]:
    out: list[str] = []
    for name in names:
        values = props.get(name) or []
        if isinstance(values, str):
            values = [values]
        out.extend(str(v) for v in values if v)
    return out


def from_ftm_dict(data: dict[str, Any], list_name: str = "") -> Entry | None:
    """An FtM entity dict (an OpenSanctions line, our own export) as an entry.

    Read leniently: a sanctions export has values our FtM version may not validate, and a
    watchlist entry with an odd birth date is still worth screening on its name.
    """
    schema = data.get("schema")
    if schema not in SCREENED_SCHEMATA:
        return None
    props = data.get("properties") or {}
    names = _values(props, "name", "alias", "previousName")
    if not names and schema == PERSON:
        composed = " ".join(
            _values(props, "firstName", "secondName", "middleName", "fatherName", "lastName")
        )
        if composed.strip():
            names = [composed]
    if not names:
        return None
    entry = Entry(id=str(data.get("id") or ""), names=list(dict.fromkeys(names)), schema=schema)
    entry.list_name = list_name
    for value in _values(props, "birthDate"):
        try:
            date = parse_birth_date(value[:10])
        except InvalidInput:
            continue
        if date not in entry.birth_dates:
            entry.birth_dates.append(date)
    for value in _values(props, "nationality", "citizenship", "jurisdiction", "flag"):
        code = registry.country.clean(value)
        if code and code not in entry.nationalities:
            entry.nationalities.append(code)
    genders = _values(props, "gender")
    if genders:
        entry.gender = GENDERS.get(genders[0].casefold())
    entry.add_ids(
        _values(
            props, "passportNumber", "idNumber", "imoNumber", "registrationNumber",
            "taxNumber", "leiCode",
        )
    )
    return entry
