"""Listing what an agency has shared and received, and the groups it belongs to: what the
sharing page shows an owner so that every grant can be checked and revoked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_, select

from interlink.store import SQLStore
from interlink.store.tables import grants, group_members, sharing_groups


@dataclass(frozen=True)
class GrantRow:
    id: str
    grantor: str
    recipient: str  # an agency code, or "group:ID"
    record_id: str | None
    purposes: tuple[str, ...]
    level: str
    valid_until: date | None
    revoked_at: datetime | None
    created_by: str
    created_at: datetime
    reason: str

    @property
    def active(self) -> bool:
        return self.revoked_at is None and (self.valid_until is None
                                            or self.valid_until >= date.today())


def _row(r) -> GrantRow:  # type: ignore[no-untyped-def]
    recipient = r.recipient_agency or f"group:{r.recipient_group}"
    return GrantRow(r.id, r.grantor, recipient, r.record_id,
                    tuple(p for p in r.purposes.split(",") if p), r.level, r.valid_until,
                    r.revoked_at, r.created_by, r.created_at, r.reason or "")


def groups_of(store: SQLStore, agency: str) -> dict[str, tuple[str, list[str]]]:
    """Groups the agency belongs to: id -> (name, member agencies)."""
    with store.engine.connect() as conn:
        mine = [r.group_id for r in conn.execute(
            select(group_members.c.group_id).where(group_members.c.agency == agency))]
        if not mine:
            return {}
        names = {r.id: r.name for r in conn.execute(
            select(sharing_groups).where(sharing_groups.c.id.in_(mine)))}
        members: dict[str, list[str]] = {}
        for r in conn.execute(select(group_members).where(group_members.c.group_id.in_(mine))
                              .order_by(group_members.c.agency)):
            members.setdefault(r.group_id, []).append(r.agency)
    return {g: (names.get(g, g), members.get(g, [])) for g in sorted(mine)}


def given(store: SQLStore, agency: str, limit: int = 500) -> list[GrantRow]:
    """Grants the agency made, newest first."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(grants).where(grants.c.grantor == agency)
                            .order_by(grants.c.created_at.desc()).limit(limit)).all()
    return [_row(r) for r in rows]


def received(store: SQLStore, agency: str, limit: int = 500) -> list[GrantRow]:
    """Grants to the agency, directly or through one of its groups, newest first."""
    groups = list(groups_of(store, agency))
    with store.engine.connect() as conn:
        rows = conn.execute(select(grants).where(or_(
            grants.c.recipient_agency == agency, grants.c.recipient_group.in_(groups)))
            .order_by(grants.c.created_at.desc()).limit(limit)).all()
    return [_row(r) for r in rows]
