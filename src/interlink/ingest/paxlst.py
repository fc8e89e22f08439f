"""UN/EDIFACT PAXLST passenger manifests (API, WCO/IATA profile, D.02B and later).

An airline sends one PAXLST message per flight: a header (reporting party, flight TDT,
departure LOC+125/DTM+189, arrival LOC+87/DTM+232), then one group per person starting with
NAD+FL (passenger) or NAD+FM (crew): ATT gender, DTM+329 birth date, LOC+178/179 embarkation
and debarkation, NAT nationality, RFF+AVF booking reference, DOC document with its DTM+36
expiry and LOC+91 issuing country; then CNT+42 (passenger count) and the UNT trailer.

The syntax: an optional UNA service string advice gives the component (:), element (+),
decimal (.), release (?) characters and the segment terminator ('); a released character is
taken literally (O?'BRIEN is O'BRIEN). Line breaks between segments are tolerated.

A malformed manifest raises `InvalidInput` naming the segment (its position and tag) and why:
a task force must know that a manifest was unreadable, never screen half of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from followthemoney.proxy import EntityProxy
from followthemoney.types import registry
from followthemoney.util import make_entity_id

from interlink.core.errors import InvalidInput
from interlink.core.messages import cause, invalid
from interlink.core.model import model
from interlink.core.record import add_value

DEFAULT_SEPARATORS = ":+.? '"  # component, element, decimal, release, reserved, terminator
PERSON_ROLES = {"FL": "passenger", "FM": "crew", "DDT": "passenger in transit", "DDU": "crew"}
DOC_TYPES = {"P": "passport", "I": "identity card", "A": "identity card", "C": "identity card",
             "V": "visa", "F": "facilitation document", "M": "military id"}  # fmt: skip
GENDERS = {"M": "male", "F": "female"}


@dataclass(frozen=True)
class Segment:
    """One segment: position (1-based), tag, and elements as lists of components."""

    index: int
    tag: str
    elements: list[list[str]]

    def get(self, element: int, component: int = 0) -> str:
        """A component, or "" when absent (EDIFACT omits trailing empty data)."""
        if element >= len(self.elements):
            return ""
        comps = self.elements[element]
        return comps[component].strip() if component < len(comps) else ""

    def where(self) -> str:
        return f"segment {self.index} ({self.tag})"


@dataclass
class Document:
    """A travel document: type code (P, I...), number, expiry, issuing country (ISO2)."""

    type: str
    number: str
    expiry: str | None = None
    country: str | None = None

    @property
    def type_label(self) -> str:
        return DOC_TYPES.get(self.type, self.type or "document")


@dataclass
class Passenger:
    """A person on the manifest (`screen.manifest.passenger_entry` makes it a screening query)."""

    id: str
    role: str
    surname: str
    given_names: str
    gender: str | None = None
    birth_date: str | None = None
    nationality: str | None = None
    documents: list[Document] = field(default_factory=list)
    booking_ref: str | None = None
    embarkation: str | None = None
    debarkation: str | None = None
    segment: int = 0  # where its NAD segment is, for messages

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.given_names, self.surname) if p)

    def to_entities(self, flight_key: str = "") -> list[EntityProxy]:
        """A FtM Person and one Passport/Identification per document."""
        person = model.make_entity("Person")
        person.id = make_entity_id("paxlst", flight_key, self.id, self.name, self.birth_date)
        add_value(person, "name", self.name)
        add_value(person, "firstName", self.given_names)
        add_value(person, "lastName", self.surname)
        add_value(person, "birthDate", self.birth_date)
        add_value(person, "nationality", self.nationality)
        add_value(person, "gender", self.gender)
        entities = [person]
        for doc in self.documents:
            schema = "Passport" if doc.type == "P" else "Identification"
            proxy = model.make_entity(schema)
            proxy.id = make_entity_id(person.id, doc.type, doc.number)
            add_value(proxy, "holder", person.id)
            add_value(proxy, "number", doc.number)
            add_value(proxy, "type", doc.type_label)
            add_value(proxy, "country", doc.country)
            add_value(proxy, "endDate", doc.expiry)
            if schema == "Passport":
                add_value(person, "passportNumber", doc.number)
            else:
                add_value(person, "idNumber", doc.number)
            entities.append(proxy)
        return entities


@dataclass
class Manifest:
    """One PAXLST message: the flight and its people."""

    message_ref: str = ""
    flight: str = ""
    carrier: str = ""
    departure: str | None = None
    departure_time: str | None = None
    arrival: str | None = None
    arrival_time: str | None = None
    declared_passengers: int | None = None
    passengers: list[Passenger] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def flight_key(self) -> str:
        return f"{self.flight}/{self.departure_time or ''}"


def _at(seg: Segment, code: str, **params: Any) -> InvalidInput:
    """The refusal `code` of a segment, which its message names by number and tag."""
    return invalid(code, segment=str(seg.index), tag=seg.tag, **params)  # type: ignore[return-value]


# --- syntax ---------------------------------------------------------------------------------


def split_segments(text: str) -> list[Segment]:
    """Split an interchange into segments, honouring UNA and the release character."""
    seps = DEFAULT_SEPARATORS
    body = text.lstrip("\ufeff")
    stripped = body.lstrip()
    if stripped.startswith("UNA"):
        if len(stripped) < 9:
            raise invalid("paxlst.una_short")
        seps = stripped[3:9]
        body = stripped[9:]
    component, element, _decimal, release, _reserved, terminator = seps
    if len({component, element, release, terminator}) < 4:
        raise invalid("paxlst.una_separators")
    raw_segments: list[str] = []
    current: list[str] = []
    i = 0
    n = len(body)
    while i < n:
        char = body[i]
        if char == release and i + 1 < n:
            current.append(char + body[i + 1])
            i += 2
            continue
        if char == terminator:
            raw_segments.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    tail = "".join(current).strip()
    offset = 1 if stripped.startswith("UNA") else 0
    if tail:
        tag = tail[:3]
        index = len([s for s in raw_segments if s.strip()]) + 1 + offset
        raise invalid("paxlst.unterminated", segment=str(index), tag=tag,
                      terminator=repr(terminator))
    segments: list[Segment] = []
    for raw in raw_segments:
        raw = raw.strip("\r\n\t ")
        if not raw:
            continue
        index = len(segments) + 1 + offset
        elements = [
            [_unescape(c, release) for c in _split(e, component, release)]
            for e in _split(raw, element, release)
        ]
        tag = elements[0][0] if elements and elements[0] else ""
        if not re.fullmatch(r"[A-Z]{3}", tag):
            raise invalid("paxlst.bad_tag", segment=str(index), tag=tag[:10] or "?")
        segments.append(Segment(index=index, tag=tag, elements=elements[1:]))
    return segments


def _split(text: str, sep: str, release: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == release and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if char == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    parts.append("".join(current))
    return parts


def _unescape(text: str, release: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        if text[i] == release and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


# --- values ---------------------------------------------------------------------------------


def _birth_date(seg: Segment, value: str, fmt: str, today: date) -> str:
    """DTM+329: YYMMDD (the API default) or CCYYMMDD (format 102). Two-digit years are in the
    past: a birth year after this year's two digits belongs to the previous century."""
    if fmt == "102" or (not fmt and len(value) == 8):
        if not re.fullmatch(r"\d{8}", value):
            raise _at(seg, "paxlst.birth_date_format", value=repr(value), format="CCYYMMDD")
        year, month, day = int(value[:4]), int(value[4:6]), int(value[6:8])
    else:
        if not re.fullmatch(r"\d{6}", value):
            raise _at(seg, "paxlst.birth_date_format", value=repr(value), format="YYMMDD")
        yy, month, day = int(value[:2]), int(value[2:4]), int(value[4:6])
        year = 2000 + yy if 2000 + yy <= today.year else 1900 + yy
    try:
        return date(year, month, day).isoformat()
    except ValueError as exc:
        # the calendar's own reason (`datetime.date`), in its words
        raise _at(seg, "paxlst.bad_birth_date", value=repr(value), reason=str(exc)) from exc


def _date(seg: Segment, value: str, fmt: str) -> str:
    """Expiry dates (DTM+36, YYMMDD, always this century) and flight times (format 201:
    YYMMDDHHMM, 203: CCYYMMDDHHMM) as ISO 8601."""
    try:
        if fmt == "201" or (not fmt and len(value) == 10):
            if not re.fullmatch(r"\d{10}", value):
                raise ValueError("expected YYMMDDHHMM")
            y, m, d = 2000 + int(value[:2]), int(value[2:4]), int(value[4:6])
            return f"{date(y, m, d).isoformat()}T{value[6:8]}:{value[8:10]}"
        if fmt == "203" or (not fmt and len(value) == 12):
            if not re.fullmatch(r"\d{12}", value):
                raise ValueError("expected CCYYMMDDHHMM")
            y, m, d = int(value[:4]), int(value[4:6]), int(value[6:8])
            return f"{date(y, m, d).isoformat()}T{value[8:10]}:{value[10:12]}"
        if len(value) == 8 and value.isdigit():
            return date(int(value[:4]), int(value[4:6]), int(value[6:8])).isoformat()
        if len(value) == 6 and value.isdigit():
            return date(2000 + int(value[:2]), int(value[2:4]), int(value[4:6])).isoformat()
        raise ValueError("expected YYMMDD")
    except ValueError as exc:
        reason = str(exc)
        if reason.startswith("expected "):  # ours: the format the qualifier asks for
            raise _at(seg, "paxlst.date_format", value=repr(value),
                      format=reason.removeprefix("expected ")) from exc
        # the calendar's own reason (`datetime.date`), in its words
        raise _at(seg, "paxlst.bad_date", value=repr(value), reason=reason) from exc


def _country(seg: Segment, value: str) -> str:
    code = registry.country.clean(value)
    if code is None:
        raise _at(seg, "paxlst.unknown_country", value=repr(value))
    return code


# --- message --------------------------------------------------------------------------------


def parse_paxlst(text: str, today: date | None = None) -> Manifest:
    """Parse one PAXLST interchange holding one message into a `Manifest`."""
    today = today or date.today()
    segments = split_segments(text)
    if not segments:
        raise invalid("paxlst.empty")
    manifest = Manifest()
    unh: Segment | None = None
    unt: Segment | None = None
    passenger: Passenger | None = None
    document: Document | None = None
    last_loc = ""
    count = 0
    for seg in segments:
        tag = seg.tag
        if tag in ("UNB", "UNG", "UNE", "UNZ"):
            continue
        if unh is None:
            if tag != "UNH":
                raise _at(seg, "paxlst.expected_unh", before=tag)
            unh = seg
            count = 1
            manifest.message_ref = seg.get(0)
            msg_type = seg.get(1, 0)
            if msg_type != "PAXLST":
                raise _at(seg, "paxlst.wrong_type", value=repr(msg_type or "(none)"))
            continue
        if unt is not None:
            raise _at(seg, "paxlst.after_unt")
        count += 1
        if tag == "UNH":
            raise _at(seg, "paxlst.second_unh")
        if tag == "UNT":
            unt = seg
            declared = seg.get(0)
            if declared.isdigit() and int(declared) != count:
                manifest.warnings.append(
                    f"{seg.where()}: declares {declared} segments, message has {count}"
                )
            continue
        if tag == "TDT":
            manifest.flight = seg.get(1)
            manifest.carrier = seg.get(4) or seg.get(1)[:2]
            if not manifest.flight:
                raise _at(seg, "paxlst.no_flight")
            continue
        if tag == "NAD":
            role = seg.get(0)
            if role in PERSON_ROLES:
                surname = seg.get(3, 0)
                given = " ".join(c.strip() for c in seg.elements[3][1:] if c.strip()) if len(
                    seg.elements
                ) > 3 else ""
                if not surname:
                    raise _at(seg, "paxlst.no_surname")
                number = len(manifest.passengers) + 1
                passenger = Passenger(
                    id=f"{manifest.flight or manifest.message_ref}-{number:03d}",
                    role=PERSON_ROLES[role],
                    surname=surname,
                    given_names=given,
                    segment=seg.index,
                )
                manifest.passengers.append(passenger)
                document = None
            else:
                passenger = None
                document = None
            continue
        if tag == "CNT":
            if seg.get(0, 0) == "42":
                value = seg.get(0, 1)
                if not value.isdigit():
                    raise _at(seg, "paxlst.count_not_number", value=repr(value))
                manifest.declared_passengers = int(value)
            passenger = None
            continue
        if tag == "LOC" and passenger is None:
            last_loc = seg.get(0)
            if last_loc == "125":
                manifest.departure = seg.get(1)
            elif last_loc == "87":
                manifest.arrival = seg.get(1)
            continue
        if tag == "DTM" and passenger is None:
            qualifier, value, fmt = seg.get(0, 0), seg.get(0, 1), seg.get(0, 2)
            if qualifier == "189":
                manifest.departure_time = _date(seg, value, fmt)
            elif qualifier == "232":
                manifest.arrival_time = _date(seg, value, fmt)
            elif qualifier in ("329", "36"):
                raise _at(seg, "paxlst.dtm_outside", qualifier=qualifier)
            continue
        if passenger is None:
            if tag in ("ATT", "NAT", "DOC", "RFF"):
                raise _at(seg, "paxlst.outside_group")
            continue  # BGM, COM, other header segments
        _passenger_segment(seg, passenger, today)
        if tag == "DOC":
            document = passenger.documents[-1]
        elif tag == "DTM" and seg.get(0, 0) == "36":
            if document is None:
                raise _at(seg, "paxlst.expiry_before_doc")
            document.expiry = _date(seg, seg.get(0, 1), seg.get(0, 2))
        elif tag == "LOC" and seg.get(0) == "91":
            if document is None:
                raise _at(seg, "paxlst.issuing_before_doc")
            document.country = _country(seg, seg.get(1))
    if unh is None:
        raise invalid("paxlst.no_unh")
    if unt is None:
        raise invalid("paxlst.no_unt", segment=str(segments[-1].index + 1))
    travellers = [p for p in manifest.passengers if p.role.startswith("passenger")]
    if manifest.declared_passengers is not None and manifest.declared_passengers != len(
        travellers
    ):
        raise invalid("paxlst.count_mismatch", declared=str(manifest.declared_passengers),
                      listed=str(len(travellers)))
    return manifest


def _passenger_segment(seg: Segment, passenger: Passenger, today: date) -> None:
    tag = seg.tag
    if tag == "ATT":
        code = seg.get(2, 0).upper()
        if code not in ("M", "F", "U", "X", ""):
            raise _at(seg, "paxlst.unknown_gender", value=repr(code))
        passenger.gender = GENDERS.get(code)
    elif tag == "DTM":
        qualifier = seg.get(0, 0)
        if qualifier == "329":
            passenger.birth_date = _birth_date(seg, seg.get(0, 1), seg.get(0, 2), today)
        elif not qualifier:
            raise _at(seg, "paxlst.date_no_qualifier")
    elif tag == "NAT":
        passenger.nationality = _country(seg, seg.get(1))
    elif tag == "RFF":
        if seg.get(0, 0) == "AVF":
            passenger.booking_ref = seg.get(0, 1)
    elif tag == "LOC":
        qualifier = seg.get(0)
        if qualifier == "178":
            passenger.embarkation = seg.get(1)
        elif qualifier == "179":
            passenger.debarkation = seg.get(1)
    elif tag == "DOC":
        number = seg.get(1)
        if not number:
            raise _at(seg, "paxlst.doc_no_number")
        passenger.documents.append(Document(type=seg.get(0, 0), number=number))


def read_paxlst(path: Path) -> Manifest:
    """Parse a manifest file; errors name the file and the segment."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        # the system's own reason, in its words; the file's name, never the server's path
        raise invalid("paxlst.cannot_read", "file", file=path.name,
                      reason=str(exc.strerror)) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")  # UNOA/UNOB/UNOC syntax levels are ISO 8859-1 subsets
    try:
        return parse_paxlst(text)
    except InvalidInput as exc:
        # the segment's refusal, translated inside the file's; the name, never the path
        raise invalid("file.cause", exc.field, file=path.name, cause=cause(exc)) from exc


def read_paxlst_items(path: Path, options: Any) -> Iterator[Any]:
    """The ingest reader of a manifest: per passenger (its NAD segment), a FtM Person with
    its passports and identity documents (`Passenger.to_entities`)."""
    from interlink.ingest.base import Item

    manifest = read_paxlst(path)
    for passenger in manifest.passengers:
        yield Item(path.name, f"NAD segment {passenger.segment}",
                   passenger.to_entities(manifest.flight_key))
