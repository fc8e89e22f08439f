"""Pure domain types and code lists. No I/O, and nothing else of Interlink is imported here."""

from interlink.core.agency import Agency
from interlink.core.codes import (
    TLP,
    HandlingCode,
    InformationGrade,
    Purpose,
    SourceGrade,
)
from interlink.core.envelope import Envelope
from interlink.core.errors import InvalidInput
from interlink.core.model import model
from interlink.core.record import Record
from interlink.core.viewer import Viewer

__all__ = [
    "TLP",
    "Agency",
    "Envelope",
    "HandlingCode",
    "InformationGrade",
    "InvalidInput",
    "Purpose",
    "Record",
    "SourceGrade",
    "Viewer",
    "model",
]
