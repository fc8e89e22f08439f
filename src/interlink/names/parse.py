"""Parsing a name of any kind: persons by the Arabic name-part rules (parts.py), companies and
vessels without their legal forms and generic words (companies.py)."""

from __future__ import annotations

from interlink.names.companies import parse_company
from interlink.names.parts import Part, parse_person


def parse_name(name: str, kind: str = "person") -> tuple[Part, ...]:
    """The parts of a name, by the rules of its kind."""
    if kind in ("company", "organization", "vessel"):
        return tuple(parse_company(name, kind))
    return parse_person(name)
