"""Pure domain types and code lists. No I/O, and nothing else of Interlink is imported here.

The names below are imported when first asked for (PEP 562): importing one module of the
package (`core.errors`, `core.envelope`) does not import FollowTheMoney with `core.model` and
`core.record`, which a re-ingest of unchanged lines never needs (`ingest.lines`). FtM's model
is `interlink.core.model.model` (`interlink.core.model` is that module: a lazy name could not
be both)."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from interlink.core.record import Record
    from interlink.core.viewer import Viewer

#: name -> the module of the package that defines it
_WHERE = {
    "Agency": "agency", "TLP": "codes", "HandlingCode": "codes", "InformationGrade": "codes",
    "Purpose": "codes", "SourceGrade": "codes", "Envelope": "envelope",
    "InvalidInput": "errors", "Record": "record", "Viewer": "viewer",
}


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{where}"), name)


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
]
