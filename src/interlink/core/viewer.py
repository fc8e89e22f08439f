"""Who is looking, and why: the input of every policy decision."""

from __future__ import annotations

from dataclasses import dataclass

from interlink.core.agency import parse_agency_code
from interlink.core.codes import Purpose


@dataclass(frozen=True)
class Viewer:
    """A user of an agency, with the purpose they declared for this read or search."""

    user: str
    agency: str
    purpose: Purpose | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "agency", parse_agency_code(self.agency))
        if self.purpose is not None:
            object.__setattr__(self, "purpose", Purpose.parse(self.purpose))
