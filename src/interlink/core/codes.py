"""Code lists of the sharing terms: Europol handling codes, TLP 2.0, 4x4 grading, purposes.

They are `StrEnum`s so that they serialise as the exact codes partners exchange ("H2",
"AMBER+STRICT", "drug_trafficking") and parse from the same strings.
"""

from __future__ import annotations

from enum import StrEnum

from interlink.core.errors import InvalidInput


class _Code(StrEnum):
    @classmethod
    def parse(cls, value: str | _Code) -> _Code:
        """Parse a code leniently on case and spacing, strictly on meaning."""
        if isinstance(value, cls):
            return value
        member = cls._value2member_map_.get(value)  # the exact code: no need to be lenient
        if member is not None:
            return member  # type: ignore[return-value]
        text = str(value).strip().upper().replace(" ", "")
        for member in cls:
            if member.value.upper() == text:
                return member
        allowed = ", ".join(m.value for m in cls)
        raise InvalidInput(f"unknown {cls.__doc_name__()} {value!r} (allowed: {allowed})")

    @classmethod
    def __doc_name__(cls) -> str:
        return cls.__name__


class HandlingCode(_Code):
    """Europol handling codes: conditions the owner attaches to a record."""

    H0 = "H0"  # purpose-bound: use only for the purposes it was given for
    H1 = "H1"  # not to be used in court without the owner's consent
    H2 = "H2"  # no onward dissemination without the owner's consent
    H3 = "H3"  # other conditions, stated in free text

    @classmethod
    def __doc_name__(cls) -> str:
        return "handling code"


class TLP(_Code):
    """Traffic Light Protocol 2.0 levels, from least to most restrictive."""

    CLEAR = "CLEAR"
    GREEN = "GREEN"
    AMBER = "AMBER"
    AMBER_STRICT = "AMBER+STRICT"
    RED = "RED"

    @property
    def rank(self) -> int:
        return list(TLP).index(self)

    @classmethod
    def __doc_name__(cls) -> str:
        return "TLP level"


class SourceGrade(_Code):
    """4x4 system: reliability of the source."""

    A = "A"  # no doubt about authenticity, trustworthiness, competence
    B = "B"  # source has in most instances proved reliable
    C = "C"  # source has in most instances proved unreliable
    X = "X"  # reliability cannot be assessed

    @classmethod
    def __doc_name__(cls) -> str:
        return "source grade"


class InformationGrade(_Code):
    """4x4 system: reliability of the information itself."""

    KNOWN = "1"  # known to be true without reservation
    PERSONALLY_KNOWN = "2"  # known personally to the source, not to the officer
    NOT_PERSONALLY_KNOWN = "3"  # not known personally to the source, corroborated
    UNVERIFIED = "4"  # cannot be judged

    @classmethod
    def __doc_name__(cls) -> str:
        return "information grade"


class Purpose(_Code):
    """Purposes a record may be used for; a search must declare one of these."""

    DRUG_TRAFFICKING = "drug_trafficking"
    HUMAN_TRAFFICKING = "human_trafficking"
    MIGRANT_SMUGGLING = "migrant_smuggling"
    MONEY_LAUNDERING = "money_laundering"
    TERRORISM = "terrorism"
    ORGANISED_CRIME = "organised_crime"
    OTHER = "other"

    @classmethod
    def parse(cls, value: str | _Code) -> Purpose:
        if isinstance(value, cls):
            return value
        member = cls._value2member_map_.get(value)
        if member is not None:
            return member  # type: ignore[return-value]
        text = str(value).strip().lower().replace("-", "_").replace(" ", "_")
        for member in cls:
            if member.value == text:
                return member
        allowed = ", ".join(m.value for m in cls)
        raise InvalidInput(f"unknown purpose {value!r} (allowed: {allowed})")
