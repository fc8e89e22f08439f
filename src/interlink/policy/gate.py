"""The decision function itself; the rules are listed in the package docstring."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Protocol

from interlink.core.codes import TLP, HandlingCode
from interlink.core.envelope import Envelope
from interlink.core.viewer import Viewer
from interlink.policy.grants import Grant, Level, SharingGroup


class Gated(Protocol):
    """What the gate reads of a record: its id and its envelope. A `Record` is one; so is a
    search candidate whose content has not been parsed yet (store/sql.py's `Candidate`)."""

    @property
    def id(self) -> str: ...

    @property
    def envelope(self) -> Envelope: ...


class Visibility(StrEnum):
    FULL = "full"  # the record with its content
    HIT = "hit"  # only that it exists, its owner and a reference
    NONE = "none"  # as if it did not exist


def _today() -> date:
    return datetime.now(UTC).date()


@dataclass(frozen=True)
class PolicyContext:
    """What the gate needs besides the record and the viewer: the grants that may apply to the
    record, the sharing groups, which agencies serve which, and the date."""

    grants: Sequence[Grant] = ()
    groups: Mapping[str, SharingGroup] = field(default_factory=dict)
    serves: Mapping[str, frozenset[str]] = field(default_factory=dict)  # agency -> its clients
    today: date = field(default_factory=_today)


EMPTY = PolicyContext()
_RANK = {Visibility.NONE: 0, Visibility.HIT: 1, Visibility.FULL: 2}


def visibility(
    record: Gated, viewer: Viewer, context: PolicyContext | None = None
) -> Visibility:
    ctx = context or EMPTY
    env = record.envelope
    if viewer.agency == env.owner:
        return Visibility.FULL
    if env.review_by is not None and env.review_by < ctx.today:
        return Visibility.NONE
    if viewer.purpose is None or viewer.purpose not in env.purposes:
        return Visibility.NONE
    if env.tlp is TLP.CLEAR:
        return Visibility.FULL
    best = Visibility.NONE
    for grant in ctx.grants:
        if _grant_gives(grant, record, viewer, ctx, seen=frozenset()):
            level = Visibility.FULL if grant.level == Level.FULL else Visibility.HIT
            if _RANK[level] > _RANK[best]:
                best = level
    if best is Visibility.NONE and env.tlp is not TLP.RED:
        return Visibility.HIT
    return best


def _grant_gives(
    grant: Grant, record: Gated, viewer: Viewer, ctx: PolicyContext, seen: frozenset[str]
) -> bool:
    env = record.envelope
    if grant.id in seen or not grant.active(ctx.today):
        return False
    if grant.record_id is not None and grant.record_id != record.id:
        return False
    if grant.record_id is None and grant.grantor != env.owner:
        return False  # only the owner can share its holdings wholesale
    if viewer.purpose not in grant.purposes:
        return False
    if not _reaches(grant, viewer, env.tlp, ctx):
        return False
    if grant.grantor == env.owner:
        return True
    # a re-grant: allowed by the handling code and the TLP (AMBER+STRICT never leaves the
    # receiving organisation), and backed by the grantor's own full access
    if env.handling is HandlingCode.H2 or env.tlp is TLP.AMBER_STRICT or grant.parent is None:
        return False
    parent = next((g for g in ctx.grants if g.id == grant.parent), None)
    if parent is None or parent.level != Level.FULL:
        return False
    grantor = Viewer(user="", agency=grant.grantor, purpose=viewer.purpose)
    return _grant_gives(parent, record, grantor, ctx, seen | {grant.id})


def _recipients(grant: Grant, ctx: PolicyContext) -> frozenset[str]:
    if grant.recipient_agency is not None:
        return frozenset({grant.recipient_agency})
    group = ctx.groups.get(grant.recipient_group or "")
    return group.members if group else frozenset()


def _reaches(grant: Grant, viewer: Viewer, tlp: TLP, ctx: PolicyContext) -> bool:
    if grant.users and viewer.user not in grant.users:
        return False
    recipients = _recipients(grant, ctx)
    if tlp is TLP.RED:
        return bool(grant.users) and viewer.agency in recipients
    if viewer.agency in recipients:
        return True
    if tlp is TLP.AMBER_STRICT:
        return False
    if any(viewer.agency in ctx.serves.get(r, ()) for r in recipients):
        return True
    if tlp is TLP.AMBER:
        return False
    # GREEN: the community of every group a recipient belongs to
    return any(
        viewer.agency in group.members and recipients & group.members
        for group in ctx.groups.values()
    )
