"""Interpol public notices (the `ws-public.interpol.int/notices/v1` JSON) as FtM entities.

Accepted input: a search answer page (`{"total": .., "_embedded": {"notices": [..]}}`), one
notice's detail (an object with `entity_id`), a JSON array of either, or JSON lines of either.

Each notice becomes a `Person` and a `Sanction` whose `entity` is that person; the Sanction is
how FtM (and OpenSanctions, and so our screening) records "this person is on a list":

- red notice: program "Red notice", topic `wanted` on the person, the charges of the arrest
  warrants as `reason` and their issuing countries as `country`;
- yellow notice (missing person): program "Yellow notice (missing person)", no topic. A missing
  person is not sanctioned, but a Sanction with that program keeps one shape for every notice,
  lets a watchlist screen hit on it, and says in plain words what the listing means;
- UN notice (INTERPOL-United Nations Security Council Special Notice): program "UN notice",
  topic `sanction`.

The notice type comes from the caller, else from the notice's (or its page's)
`_links.self.href` (`/notices/v1/red/...`, `/yellow/`, `/un/`), else red. Ids are derived from
the agency code, the notice type and the notice's `entity_id`, so the same notice read twice has
the same ids and two agencies' copies never collide.

Interpol gives height in metres; it is stored in centimetres (FtM's `height` has no unit, and
"179" reads as a height where "1.79" does not). Weight stays in kilograms.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from followthemoney.proxy import EntityProxy
from followthemoney.util import make_entity_id

from interlink.core.errors import InvalidInput
from interlink.core.messages import invalid
from interlink.core.model import model
from interlink.core.record import add_value, check_required
from interlink.ingest.base import Item, ReadOptions, RowError

NOTICE_TYPES = ("red", "yellow", "un")
PROGRAMS = {
    "red": "Red notice",
    "yellow": "Yellow notice (missing person)",
    "un": "UN notice",
}
TOPICS = {"red": "wanted", "un": "sanction"}
AUTHORITY = "INTERPOL"
GENDERS = {"M": "male", "F": "female", "U": None}
# Interpol's colour codes as used in the public notices
EYE_COLOURS = {
    "BLA": "black", "BLU": "blue", "BRO": "brown", "GRE": "green", "GRY": "grey",
    "HAZ": "hazel", "BLUL": "light blue", "BROD": "dark brown", "BROL": "light brown",
    "GREL": "light green", "OTHD": None,
}
HAIR_COLOURS = {
    "BLA": "black", "BRO": "brown", "BLO": "blond", "GRY": "grey", "RED": "red",
    "WHI": "white", "BAL": "bald", "BROD": "dark brown", "BROL": "light brown",
    "BLOD": "dark blond", "OTHD": None,
}
# keys that make a JSON object recognisably a notice (a missing entity_id is then a row error)
NOTICE_KEYS = frozenset({
    "entity_id", "forename", "name", "date_of_birth", "nationalities", "arrest_warrants",
    "sex_id", "place_of_birth",
})
_DATE = re.compile(r"^(\d{4})(?:[/-](\d{1,2})(?:[/-](\d{1,2}))?)?$")
_TYPE_IN_URL = re.compile(r"/notices/v1/(red|yellow|un)(?:[/?#]|$)")

__all__ = ["notice_to_entities", "notice_type_of", "read_notices"]


def _field_error(key: str, code: str, **params: Any) -> InvalidInput:
    """The refusal `code` of a value, naming the notice's JSON key it came from."""
    return invalid(code, key, **params)  # type: ignore[return-value]


def _refield(exc: InvalidInput, key: str) -> InvalidInput:
    """A value's refusal (its code, parameters and words) re-aimed at the notice's JSON key."""
    return InvalidInput(exc.message, key, code=exc.code, **exc.params)


def _add(proxy: EntityProxy, prop: str, value: Any, key: str) -> None:
    """Add a value, or refuse it naming the JSON key it came from."""
    try:
        add_value(proxy, prop, value)
    except InvalidInput as exc:
        raise _refield(exc, key) from exc


def _texts(notice: dict[str, Any], key: str) -> list[str]:
    """A key holding a string or a list of strings, as a list."""
    value = notice.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise _field_error(key, "interpol.expected_texts", value=json.dumps(value)[:80])


def _text(notice: dict[str, Any], key: str) -> str | None:
    value = notice.get(key)
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise _field_error(key, "interpol.expected_text", value=json.dumps(value)[:80])
    return value.strip() or None


def parse_notice_date(value: str, key: str = "date_of_birth") -> str:
    """Interpol's `YYYY/MM/DD`, `YYYY/MM` or `YYYY` as ISO 8601 at the same precision."""
    match = _DATE.match(value.strip())
    if match is None:
        raise _field_error(key, "interpol.bad_date", value=repr(value))
    year, month, day = match.groups()
    parts = [year] + [p.zfill(2) for p in (month, day) if p is not None]
    return "-".join(parts)


def notice_type_of(notice: dict[str, Any], default: str = "red") -> str:
    """red, yellow or un, read from the notice's `_links.self.href`."""
    links = notice.get("_links")
    if isinstance(links, dict):
        this = links.get("self")
        href = this.get("href") if isinstance(this, dict) else None
        if isinstance(href, str):
            match = _TYPE_IN_URL.search(href)
            if match:
                return match.group(1)
    return default


def _self_url(notice: dict[str, Any]) -> str | None:
    links = notice.get("_links")
    this = links.get("self") if isinstance(links, dict) else None
    href = this.get("href") if isinstance(this, dict) else None
    return href if isinstance(href, str) else None


def _number(notice: dict[str, Any], key: str) -> float | None:
    value = notice.get(key)
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise _field_error(key, "interpol.bad_number", value=repr(value)) from None
    if number <= 0:
        raise _field_error(key, "interpol.bad_number", value=repr(value))
    return number


def _fmt(number: float) -> str:
    number = round(number, 1)
    return str(int(number)) if number.is_integer() else str(number)


def notice_to_entities(
    notice: dict[str, Any], agency: str, notice_type: str | None = None
) -> list[EntityProxy]:
    """One notice as `[Person, Sanction]`; an invalid or missing value raises `InvalidInput`
    whose `field` is the notice's JSON key."""
    if not isinstance(notice, dict):
        raise invalid("interpol.not_object")
    kind = (notice_type or notice_type_of(notice)).lower()
    if kind not in NOTICE_TYPES:
        raise invalid("interpol.unknown_type", "type", value=repr(notice_type))

    entity_id = _text(notice, "entity_id")
    if entity_id is None:
        raise _field_error("entity_id", "interpol.missing_field", value=repr("entity_id"))
    family = _text(notice, "name")
    if family is None:
        raise _field_error("name", "interpol.missing_field", value=repr("name"))
    forename = _text(notice, "forename")

    person = model.make_entity("Person")
    person.id = make_entity_id(agency, "interpol", kind, entity_id)
    _add(person, "name", " ".join(p for p in (forename, family) if p), "name")
    _add(person, "firstName", forename, "forename")
    _add(person, "lastName", family, "name")
    for value in _texts(notice, "date_of_birth"):
        _add(person, "birthDate", parse_notice_date(value), "date_of_birth")
    for value in _texts(notice, "nationalities"):
        _add(person, "nationality", value, "nationalities")
    sex = _text(notice, "sex_id")
    if sex is not None:
        if sex.upper() not in GENDERS:
            raise _field_error("sex_id", "interpol.unknown_sex", value=repr(sex))
        _add(person, "gender", GENDERS[sex.upper()], "sex_id")
    _add(person, "birthPlace", _text(notice, "place_of_birth"), "place_of_birth")
    _add(person, "birthCountry", _text(notice, "country_of_birth_id"), "country_of_birth_id")
    for value in _texts(notice, "languages_spoken_ids"):
        _add(person, "spokenLanguage", value, "languages_spoken_ids")
    height = _number(notice, "height")
    if height is not None:
        # metres, though a few notices give centimetres already
        _add(person, "height", _fmt(height * 100 if height < 3 else height), "height")
    weight = _number(notice, "weight")
    if weight is not None:
        _add(person, "weight", _fmt(weight), "weight")
    for code in _texts(notice, "eyes_colors_id"):
        _add(person, "eyeColor", EYE_COLOURS.get(code.upper(), code), "eyes_colors_id")
    for code in _texts(notice, "hairs_id"):
        _add(person, "hairColor", HAIR_COLOURS.get(code.upper(), code), "hairs_id")
    _add(person, "appearance", _text(notice, "distinguishing_marks"), "distinguishing_marks")
    url = _self_url(notice)
    _add(person, "sourceUrl", url, "_links")
    if kind in TOPICS:
        _add(person, "topics", TOPICS[kind], "entity_id")

    sanction = model.make_entity("Sanction")
    sanction.id = make_entity_id(agency, "interpol", kind, entity_id, "notice")
    _add(sanction, "entity", person.id, "entity_id")
    _add(sanction, "authority", AUTHORITY, "entity_id")
    _add(sanction, "program", PROGRAMS[kind], "entity_id")
    _add(sanction, "recordId", entity_id, "entity_id")
    _add(sanction, "sourceUrl", url, "_links")
    warrants = notice.get("arrest_warrants") or []
    if not isinstance(warrants, list) or not all(isinstance(w, dict) for w in warrants):
        raise _field_error("arrest_warrants", "interpol.expected_objects")
    for warrant in warrants:
        _add(sanction, "reason", _text(warrant, "charge"), "arrest_warrants")
        _add(sanction, "reason", _text(warrant, "charge_translation"), "arrest_warrants")
        country = _text(warrant, "issuing_country_id")
        _add(sanction, "country", country, "arrest_warrants")
    for key in ("date_of_publication", "listing_date"):  # not in the public API today
        if isinstance(notice.get(key), str):
            _add(sanction, "listingDate", parse_notice_date(notice[key], key), key)

    for proxy in (person, sanction):
        try:
            check_required(proxy)
        except InvalidInput as exc:  # pragma: no cover - guarded by the checks above
            raise _refield(exc, exc.field or "") from exc
    return [person, sanction]


# --- files ---------------------------------------------------------------------------------


def _decode(path: Path) -> str:
    name = path.name
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise invalid("interpol.not_utf8", "file", file=name, offset=str(exc.start)) from exc
    if not text.strip():
        raise invalid("file.is_empty", "file", file=name)
    return text


def _load(path: Path) -> list[Any]:
    """The JSON documents of the file: one, or one per line (JSON lines)."""
    name = path.name
    text = _decode(path)
    try:
        return [json.loads(text)]
    except json.JSONDecodeError as exc:
        if exc.msg != "Extra data":
            # the JSON parser's own reason, in its words
            raise invalid("interpol.bad_json", "file", file=name, line=str(exc.lineno),
                          column=str(exc.colno), reason=exc.msg) from exc
    docs = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            docs.append(json.loads(line))
        except json.JSONDecodeError as exc:
            # the JSON parser's own reason, in its words
            raise invalid("interpol.bad_json_line", "file", file=name, line=str(number),
                          reason=exc.msg) from exc
    return docs


def _not_notices(name: str, doc: Any) -> InvalidInput:
    if isinstance(doc, dict) and "schema" in doc and "properties" in doc:
        return invalid("interpol.holds_ftm", "file", file=name)  # type: ignore[return-value]
    return invalid("interpol.not_notices", "file", file=name)  # type: ignore[return-value]


def _notices(name: str, docs: list[Any]) -> list[tuple[dict[str, Any], str]]:
    """Every notice of the file with its default type (from its page's link)."""
    found: list[tuple[dict[str, Any], str]] = []
    pending = list(docs)
    while pending:
        doc = pending.pop(0)
        if isinstance(doc, list):
            pending[:0] = doc
            continue
        if not isinstance(doc, dict):
            raise _not_notices(name, doc)
        embedded = doc.get("_embedded")
        if isinstance(embedded, dict) and "notices" in embedded:
            notices = embedded["notices"]
            if not isinstance(notices, list):
                raise invalid("interpol.embedded_list", "file", file=name)
            kind = notice_type_of(doc)
            for notice in notices:
                if not isinstance(notice, dict):
                    raise _not_notices(name, notice)
                found.append((notice, kind))
            continue
        if not NOTICE_KEYS & set(doc):
            raise _not_notices(name, doc)
        found.append((doc, "red"))
    return found


def read_notices(path: Path, options: ReadOptions) -> Iterator[Item]:
    """Read Interpol notices; a notice with a bad value is an Item with its RowError."""
    name = path.name
    docs = _load(path)
    notices = _notices(name, docs)
    if not notices and not any(isinstance(d, dict) and "_embedded" in d for d in docs):
        raise _not_notices(name, docs[0] if docs else None)
    for index, (notice, page_kind) in enumerate(notices, start=1):
        entity_id = notice.get("entity_id")
        row = entity_id if isinstance(entity_id, str) and entity_id.strip() else str(index)
        try:
            kind = notice_type_of(notice, default=page_kind)
            entities = notice_to_entities(notice, options.agency, kind)
        except InvalidInput as exc:
            error = RowError.of(exc, name, row, exc.field or "", notice)
            error.reason = exc.message  # the notice's refusal in its own words, as before
            yield Item(file=name, row=row, error=error)
            continue
        yield Item(file=name, row=row, entities=entities)
