"""The policy gate: the one place that decides what a viewer may see of a record.

This is the foundation's version of the gate. Nothing is shared by default, and sharing is an
explicit grant by the owner; grants, sharing groups, TLP distribution and purpose limitation
arrive with the agency server, and they extend `visibility()` here rather than adding checks
elsewhere. Until then the rule is the one that holds with no grants: the owner agency sees its
own records in full, and nobody else sees anything.
"""

from __future__ import annotations

from enum import StrEnum

from interlink.core.record import Record
from interlink.core.viewer import Viewer


class Visibility(StrEnum):
    FULL = "full"  # the record with its content
    HIT = "hit"  # only that it exists, its owner and a reference
    NONE = "none"  # as if it did not exist


def visibility(record: Record, viewer: Viewer) -> Visibility:
    if record.owner == viewer.agency:
        return Visibility.FULL
    return Visibility.NONE


__all__ = ["Viewer", "Visibility", "visibility"]
