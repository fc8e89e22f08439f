"""The envelope: the owner's terms that travel with every record.

An envelope is immutable and part of a record version: changing the terms of a record (say,
lowering its TLP) is an alteration like any other and leaves the old terms readable in history.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from typing import Any

from interlink.core.agency import parse_agency_code
from interlink.core.codes import TLP, HandlingCode, InformationGrade, Purpose, SourceGrade
from interlink.core.messages import invalid

REVIEW_YEARS = 3


def utcnow() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def add_years(day: date, years: int, field: str | None = None) -> date:
    if not 1 <= day.year + years <= 9999:
        raise invalid("date.years_past_9999", field, value=str(day), years=str(years))
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


#: UTC offsets in use run from -12:00 to +14:00; Python accepts up to 24 hours either way
MAX_OFFSET = timedelta(hours=14)


def _parse_iso(text: str, field: str | None) -> datetime:
    try:
        dt = datetime.fromisoformat(text)
    except ValueError as exc:
        raise invalid("date.invalid_datetime", field, value=repr(text)) from exc
    offset = dt.utcoffset()
    if offset is not None and abs(offset) > MAX_OFFSET:
        raise invalid("date.bad_offset", field, value=repr(text), offset=str(offset))
    return dt


def parse_datetime(value: str | datetime | date, field: str | None = None) -> datetime:
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        dt = datetime(value.year, value.month, value.day)
    else:
        dt = _parse_iso(str(value).strip(), field)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    try:
        return dt.astimezone(UTC)
    except OverflowError:  # 9999-12-31T23:00-05:00 is in the year 10000 in UTC
        raise invalid("date.past_9999", field, value=repr(value)) from None


def parse_date(value: str | date, field: str | None = None) -> date:
    """A calendar date; a date-time is read whole (its offset checked) and its date kept."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if len(text) > 10:
        return _parse_iso(text, field).date()
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise invalid("date.invalid", field, value=repr(value)) from exc


@dataclass(frozen=True)
class Envelope:
    """Who owns a record and on what terms it may be used and shared."""

    owner: str
    handling: HandlingCode = HandlingCode.H0
    conditions: str = ""  # free-text conditions, required with H3
    tlp: TLP = TLP.AMBER
    source_grade: SourceGrade = SourceGrade.X
    info_grade: InformationGrade = InformationGrade.UNVERIFIED
    purposes: frozenset[Purpose] = field(default_factory=lambda: frozenset({Purpose.OTHER}))
    collected_at: datetime = field(default_factory=utcnow)
    review_by: date | None = None  # filled in as collected_at + 3 years
    source_ref: str = ""

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "owner", parse_agency_code(self.owner))
        set_(self, "handling", HandlingCode.parse(self.handling))
        set_(self, "tlp", TLP.parse(self.tlp))
        set_(self, "source_grade", SourceGrade.parse(self.source_grade))
        set_(self, "info_grade", InformationGrade.parse(str(self.info_grade)))
        purposes = self.purposes
        if isinstance(purposes, str):
            purposes = [purposes]
        parsed = frozenset(Purpose.parse(p) for p in purposes)
        if not parsed:
            raise invalid("envelope.no_purpose", "purposes")
        set_(self, "purposes", parsed)
        set_(self, "collected_at", parse_datetime(self.collected_at, "collected_at"))
        if self.review_by is None:
            set_(self, "review_by",
                 add_years(self.collected_at.date(), REVIEW_YEARS, "collected_at"))
        else:
            set_(self, "review_by", parse_date(self.review_by, "review_by"))
        if self.handling == HandlingCode.H3 and not self.conditions.strip():
            raise invalid("envelope.h3_conditions", "conditions")

    @property
    def grading(self) -> str:
        """The 4x4 grading as written on a report, e.g. "B2"."""
        return f"{self.source_grade.value}{self.info_grade.value}"

    def with_changes(self, **changes: Any) -> Envelope:
        return replace(self, **changes)

    def terms(self) -> dict[str, Any]:
        """The owner's terms without the timing: what makes two envelopes "the same" when the
        same data is sent again (a re-sent file is not a new collection)."""
        data = self.to_dict()
        del data["collected_at"], data["review_by"]
        return data

    @cached_property
    def terms_json(self) -> str:
        """`terms()` serialised once per envelope: bulk writes hash it for every record."""
        return json.dumps(self.terms(), sort_keys=True, separators=(",", ":"))

    @cached_property
    def json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True)

    def to_dict(self) -> dict[str, Any]:
        return {
            "owner": self.owner,
            "handling": self.handling.value,
            "conditions": self.conditions,
            "tlp": self.tlp.value,
            "source_grade": self.source_grade.value,
            "info_grade": self.info_grade.value,
            "purposes": sorted(p.value for p in self.purposes),
            "collected_at": self.collected_at.isoformat(),
            "review_by": self.review_by.isoformat() if self.review_by else None,
            "source_ref": self.source_ref,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Envelope:
        known = {
            "owner", "handling", "conditions", "tlp", "source_grade", "info_grade",
            "purposes", "collected_at", "review_by", "source_ref",
        }
        unknown = set(data) - known
        if unknown:
            raise invalid("envelope.unknown_fields", names=", ".join(sorted(unknown)))
        if "owner" not in data:
            raise invalid("envelope.no_owner", "owner")
        kwargs = {k: v for k, v in data.items() if v is not None}
        purposes = kwargs.get("purposes")
        if purposes is not None and not isinstance(purposes, str | Iterable):
            raise invalid("envelope.purposes_list", "purposes")
        return cls(**kwargs)
