"""Agencies: the owners of records and the parties to every grant and request."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from interlink.core.errors import InvalidInput

# Codes look like "MA-DGSN": the ISO country, a dash, the unit's own acronym. The country
# prefix keeps two countries' "DGSN" or "DEA" apart without a central registry.
AGENCY_CODE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{2,20}(-[A-Z0-9]{1,20})*$")


def parse_country(value: str) -> str:
    """Return the ISO 3166-1 alpha-2 code (lower case, as FtM stores it) or refuse. FtM reads
    names too ("Morocco"); `core.codes.country_code` then refuses what FtM lets through but
    is no country ("zz", "eu", the Soviet Union's "suhh")."""
    from followthemoney.types import registry  # (here: importing FtM is half a second)

    from interlink.core.codes import country_code
    from interlink.core.messages import invalid

    try:
        return country_code(registry.country.clean(value) or value)
    except InvalidInput:
        raise invalid("country.unknown", "country", value=str(value)) from None


def parse_agency_code(value: str) -> str:
    code = value.strip().upper()
    if not AGENCY_CODE.match(code):
        from interlink.core.messages import invalid

        raise invalid("agency.invalid_code", "code", value=repr(value))
    return code


@dataclass(frozen=True)
class Agency:
    """A police, customs, FIU or judicial authority that owns and shares records."""

    code: str
    country: str
    names: dict[str, str] = field(default_factory=dict)  # language (ISO 639-1) -> name

    @classmethod
    def create(cls, code: str, country: str, name: str | None = None, **names: str) -> Agency:
        all_names = dict(names)
        if name:
            all_names.setdefault("en", name)
        code = parse_agency_code(code)
        country = parse_country(country)
        if not code.lower().startswith(country + "-"):
            # A code whose prefix disagrees with the country is almost always a typo.
            from interlink.core.messages import invalid

            raise invalid("agency.code_country", "code", agency=code, prefix=country.upper())
        return cls(code=code, country=country, names=all_names)

    def name(self, lang: str = "en") -> str:
        fallback = next(iter(self.names.values()), self.code)
        return self.names.get(lang) or self.names.get("en") or fallback

    def name_lang(self, lang: str = "en") -> str:
        """The language `name(lang)` is written in (an agency without an Arabic name shows
        its English or French one: a page marks it as such); "" for the bare code."""
        for code in (lang, "en", *self.names):
            if self.names.get(code):
                return code
        return ""

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "country": self.country, "names": dict(self.names)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Agency:
        return cls(code=data["code"], country=data["country"], names=dict(data.get("names") or {}))
