"""Grants and sharing groups: the owner's explicit decisions to share.

A grant is made by an agency (the owner, or a recipient passing a record on where the owner's
handling code allows it) to one agency or to a sharing group, for named purposes, until a date,
at a level (full content, or hit only). Nothing else shares anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from interlink.core.codes import Purpose


class Level:
    """Grant levels, as the visibility they confer."""

    FULL = "full"
    HIT = "hit"


@dataclass(frozen=True)
class SharingGroup:
    """Agencies that share as one community (a joint operation, a regional platform)."""

    id: str
    name: str
    members: frozenset[str]


@dataclass(frozen=True)
class Grant:
    id: str
    grantor: str  # the agency granting
    recipient_agency: str | None = None
    recipient_group: str | None = None
    record_id: str | None = None  # one record, or None: every record the grantor owns
    purposes: frozenset[Purpose] = field(default_factory=frozenset)
    users: frozenset[str] = field(default_factory=frozenset)  # named people (TLP:RED)
    level: str = Level.FULL
    valid_until: date | None = None
    revoked: bool = False
    parent: str | None = None  # for a re-grant: the grant the grantor received

    def active(self, today: date) -> bool:
        return not self.revoked and (self.valid_until is None or today <= self.valid_until)
