"""Grants, sharing groups and served agencies in the store, and the gate's context from them.

Making a grant checks, before anything is written, what the gate would otherwise quietly
ignore, so that an owner is told at once why a grant cannot work: a recipient re-granting an H2
record, a TLP:RED grant naming nobody, purposes the record was not collected for.
"""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

from sqlalchemy import and_, literal, or_, select, union_all, update
from sqlalchemy.engine import Connection

from interlink.audit import chain
from interlink.core.codes import TLP, HandlingCode, Purpose
from interlink.core.envelope import parse_date
from interlink.core.errors import NotFound
from interlink.core.messages import invalid
from interlink.core.record import Record
from interlink.core.viewer import Viewer
from interlink.identity.permissions import Permission, require
from interlink.policy.gate import PolicyContext, Visibility, visibility
from interlink.policy.grants import Grant, Level, SharingGroup
from interlink.store.base import Actor
from interlink.store.sql import SQLStore
from interlink.store.tables import (
    agency_serves,
    grants,
    group_members,
    sharing_groups,
)


@contextmanager
def _within(store: SQLStore, conn: Connection | None = None) -> Iterator[Connection]:
    """The caller's transaction when it gives one (a grant that is part of a larger step),
    else a transaction of its own. Afterwards, this process's grants snapshot is read again
    before its next use, so that its own reads need not be judged twice (policy/snapshot.py:
    the audit entry of each read would catch the change anyway)."""
    try:
        if conn is not None:
            yield conn
        else:
            with store.transaction() as own:
                yield own
    finally:
        from interlink.policy import snapshot  # it reads this module's tables

        snapshot.stale(store)


def _now() -> datetime:
    return datetime.now(UTC)


def add_group(store: SQLStore, group_id: str, name: str, members: Iterable[str],
              actor: Actor) -> SharingGroup:
    codes = frozenset(store.require_agency(m).code for m in members)
    with _within(store) as conn:
        if conn.execute(select(sharing_groups.c.id).where(sharing_groups.c.id == group_id)).first():
            raise invalid("group.exists", "group_id", id=group_id)
        conn.execute(sharing_groups.insert().values(
            id=group_id, name=name, created_by=actor.agency or actor.user, created_at=_now()))
        if codes:
            conn.execute(group_members.insert(), [
                {"group_id": group_id, "agency": c, "added_at": _now()} for c in sorted(codes)])
        chain.append(conn, "group", actor.user, agency=actor.agency,
                     details={"group": group_id, "members": sorted(codes)})
    return SharingGroup(group_id, name, codes)


def set_membership(store: SQLStore, group_id: str, agency: str, member: bool,
                   actor: Actor) -> None:
    """Add an agency to a group, or remove it: leaving ends its access through group grants."""
    code = store.require_agency(agency).code
    with _within(store) as conn:
        change_membership(conn, group_id, code, member, actor)


def change_membership(conn: Connection, group_id: str, code: str, member: bool,
                      actor: Actor) -> None:
    """`set_membership` in the caller's transaction (a message from a peer node changes an
    operation's group in the same transaction that takes the message)."""
    if not conn.execute(select(sharing_groups.c.id).where(sharing_groups.c.id == group_id)
                        ).first():
        raise invalid("group.unknown", "group_id", id=group_id)
    where = (group_members.c.group_id == group_id) & (group_members.c.agency == code)
    present = conn.execute(select(group_members.c.agency).where(where)).first() is not None
    if member and not present:
        conn.execute(group_members.insert().values(group_id=group_id, agency=code,
                                                   added_at=_now()))
    elif not member and present:
        conn.execute(group_members.delete().where(where))
    chain.append(conn, "group", actor.user, agency=actor.agency,
                 details={"group": group_id, "joined" if member else "left": code})


def add_serves(store: SQLStore, agency: str, client: str, actor: Actor) -> None:
    a, c = store.require_agency(agency).code, store.require_agency(client).code
    with _within(store) as conn:
        conn.execute(agency_serves.insert().values(agency=a, client=c))
        chain.append(conn, "serves", actor.user, agency=actor.agency,
                     details={"agency": a, "client": c})


# Groups, members and served agencies change seldom and are read on most judgements. Each
# change to them is audited ("group", "serves") in its own transaction, so the last such entry's
# sequence number says whether the copy this process holds is still the current one: asking for
# it rides along with the grants query, and the tables are read again only when it moved.
_SHARING_ACTIONS = ("group", "serves")
_sharing_cache: dict[str, tuple[int, dict[str, SharingGroup], dict[str, frozenset[str]]]] = {}
_cache_lock = threading.Lock()


def _sharing_tables(conn: Connection, version: int
                    ) -> tuple[dict[str, SharingGroup], dict[str, frozenset[str]]]:
    key = str(conn.engine.url)
    cached = _sharing_cache.get(key)
    if cached is not None and cached[0] == version:
        return cached[1], cached[2]
    groups, serves = read_sharing_tables(conn)
    with _cache_lock:
        _sharing_cache[key] = (version, groups, serves)
    return groups, serves


def read_sharing_tables(conn: Connection
                        ) -> tuple[dict[str, SharingGroup], dict[str, frozenset[str]]]:
    """Every sharing group with its members, and who serves whom, in one statement."""
    rows = conn.execute(union_all(
        select(literal("g").label("kind"), sharing_groups.c.id.label("a"),
               sharing_groups.c.name.label("b"), group_members.c.agency.label("c"))
        .select_from(sharing_groups.outerjoin(
            group_members, group_members.c.group_id == sharing_groups.c.id)),
        select(literal("s"), agency_serves.c.agency, literal(""), agency_serves.c.client),
    )).all()
    names: dict[str, str] = {}
    members: dict[str, set[str]] = {}
    serving: dict[str, set[str]] = {}
    for kind, a, b, c in rows:
        if kind == "g":
            names[a] = b
            if c is not None:
                members.setdefault(a, set()).add(c)
        else:
            serving.setdefault(a, set()).add(c)
    groups = {gid: SharingGroup(gid, name, frozenset(members.get(gid, ())))
              for gid, name in names.items()}
    return groups, {k: frozenset(v) for k, v in serving.items()}


def load_context(conn: Connection, record_ids: Iterable[str], owners: Iterable[str],
                 today: date | None = None) -> PolicyContext:
    """The grants that may apply to these records (theirs, and their owners' wholesale ones,
    with every grant a re-grant names as parent), all groups, and who serves whom."""
    ids, owner_codes = sorted(set(record_ids)), sorted(set(owners))
    # both only grow, so their sum moves whenever either does
    group_seq, serves_seq = chain.newest_of(_SHARING_ACTIONS)
    version = group_seq + serves_seq
    rows = conn.execute(select(grants, version.label("sharing_version")).where(or_(
        grants.c.record_id.in_(ids),
        grants.c.record_id.is_(None) & grants.c.grantor.in_(owner_codes),
    ))).all()
    found = {r.id: grant_of(r) for r in rows}
    asked: set[str] = set(found)
    parents = {g.parent for g in found.values() if g.parent and g.parent not in asked}
    while parents:  # follow re-grants to their parents; a parent that is gone stops the walk
        asked |= parents
        more = conn.execute(select(grants).where(grants.c.id.in_(sorted(parents)))).all()
        for r in more:
            found[r.id] = grant_of(r)
        parents = {g.parent for g in found.values() if g.parent and g.parent not in asked}
    today = today or _now().date()
    if not found:  # groups and served agencies matter only through grants
        return PolicyContext(today=today)
    groups, serves = _sharing_tables(conn, rows[0].sharing_version if rows else -1)
    return PolicyContext(grants=tuple(found.values()), groups=groups, serves=serves,
                         today=today)


def grant_of(row) -> Grant:  # type: ignore[no-untyped-def]
    """A row of the grants table as the gate's Grant."""
    return Grant(
        id=row.id, grantor=row.grantor, recipient_agency=row.recipient_agency,
        recipient_group=row.recipient_group, record_id=row.record_id,
        purposes=frozenset(Purpose.parse(p) for p in row.purposes.split(",") if p),
        users=frozenset(json.loads(row.users)), level=row.level, valid_until=row.valid_until,
        revoked=row.revoked_at is not None, parent=row.parent,
    )


def make_grant(
    store: SQLStore,
    actor: Actor,
    *,
    record_id: str | None,
    recipient_agency: str | None = None,
    recipient_group: str | None = None,
    purposes: Iterable[str],
    users: Iterable[str] = (),
    level: str = Level.FULL,
    valid_until: str | date | None = None,
    parent: str | None = None,
    reason: str = "",
    conn: Connection | None = None,
) -> Grant:
    """Grant as `actor.agency`; refuse, with the reason, any grant the gate would not honour."""
    if actor.agency is None:
        raise invalid("grant.by_agency")
    grantor = actor.agency
    if (recipient_agency is None) == (recipient_group is None):
        raise invalid("grant.one_recipient", "recipient")
    if level not in (Level.FULL, Level.HIT):
        raise invalid("grant.unknown_level", "level", value=level)
    wanted = frozenset(Purpose.parse(p) for p in purposes)
    if not wanted:
        raise invalid("grant.purpose_required", "purposes")
    until = parse_date(valid_until, "valid_until") if valid_until is not None else None
    today = _now().date()
    if until is not None and until < today:
        # the date as typed (ISO), not in the locale's long form: it names what was entered
        raise invalid("grant.past", "valid_until", value=until.isoformat())
    if record_id is None:  # all of the agency's records: a supervisor's decision
        require(actor, Permission.GRANT_WHOLESALE)
    if recipient_agency is not None:
        recipient_agency = store.require_agency(recipient_agency).code
        if recipient_agency == grantor:
            raise invalid("grant.own_records", "recipient_agency")
    named = frozenset(u.strip().lower() for u in users if u.strip())
    with _within(store, conn) as conn:
        if recipient_group is not None and not conn.execute(
            select(sharing_groups.c.id).where(sharing_groups.c.id == recipient_group)
        ).first():
            raise invalid("group.unknown", "recipient_group", id=recipient_group)
        if record_id is None:
            if parent is not None:
                raise invalid("grant.regrant_one_record", "record_id")
        else:
            record = store.get(record_id)
            env = record.envelope if record is not None else None
            mine = env is not None and env.owner == grantor
            seen = mine or (record is not None and env is not None and any(
                visibility(record, Viewer(actor.user, grantor, p), ctx) is Visibility.FULL
                for ctx in [load_context(conn, [record_id], [env.owner], today)]
                for p in env.purposes))
            if record is None or env is None or not seen:
                # absent, or not the grantor's to see: the same answer either way (no oracle)
                raise NotFound("no such record", "record_id", code="not_found")
            if not wanted <= env.purposes:
                # the purposes' codes, as typed (--purpose), joined as the message always was
                extra = ", ".join(sorted(p.value for p in wanted - env.purposes))
                raise invalid("grant.not_collected_for", "purposes", id=record_id, codes=extra)
            if env.tlp is TLP.RED and not named:
                raise invalid("grant.red_named", "users")
            if env.owner != grantor:
                if env.handling is HandlingCode.H2:
                    raise invalid("grant.h2", "record_id", id=record_id, agency=env.owner)
                if env.tlp is TLP.AMBER_STRICT:
                    raise invalid("grant.amber_strict", "record_id", id=record_id)
                ctx = load_context(conn, [record_id], [env.owner], today)
                via = next((g for g in ctx.grants if g.id == parent), None)
                ok = via is not None and all(
                    visibility(record, Viewer("", grantor, p),
                               PolicyContext((via,), ctx.groups, ctx.serves, today))
                    is Visibility.FULL
                    for p in wanted
                )
                if not ok:
                    raise invalid("grant.not_held", "parent", agency=grantor, id=record_id,
                                  grant=parent, owner=env.owner)
        grant = Grant(
            id=secrets.token_hex(8), grantor=grantor, recipient_agency=recipient_agency,
            recipient_group=recipient_group, record_id=record_id, purposes=wanted,
            users=named, level=level, valid_until=until, parent=parent,
        )
        conn.execute(grants.insert().values(
            id=grant.id, grantor=grantor, recipient_agency=recipient_agency,
            recipient_group=recipient_group, record_id=record_id,
            purposes=",".join(sorted(p.value for p in wanted)),
            users=json.dumps(sorted(named)), level=level, valid_until=until, revoked_at=None,
            parent=parent, created_by=actor.user, created_at=_now(), reason=reason,
        ))
        chain.append(
            conn, "grant", actor.user, agency=grantor,
            recipient=recipient_agency or f"group:{recipient_group}",
            subjects=[record_id] if record_id else [], reason=reason,
            details={"grant": grant.id, "level": level,
                     "purposes": sorted(p.value for p in wanted),
                     "until": until.isoformat() if until else None},
        )
    return grant


def revoke_grant(store: SQLStore, grant_id: str, actor: Actor, reason: str = "") -> None:
    """Only the grantor revokes; access through the grant (and re-grants under it) ends."""
    with _within(store) as conn:
        row = conn.execute(select(grants).where(grants.c.id == grant_id)).first()
        if row is None or (actor.agency is not None and row.grantor != actor.agency):
            raise invalid("grant.unknown", "grant_id", id=grant_id)
        if row.revoked_at is not None:
            raise invalid("grant.already_revoked", "grant_id", id=grant_id)
        conn.execute(update(grants).where(grants.c.id == grant_id).values(revoked_at=_now()))
        chain.append(conn, "revocation", actor.user, agency=actor.agency,
                     recipient=row.recipient_agency or f"group:{row.recipient_group}",
                     subjects=[row.record_id] if row.record_id else [], reason=reason,
                     details={"grant": grant_id})


def revoke_grants(conn: Connection, actor: Actor, *, ids: Iterable[str] | None = None,
                  group: str | None = None, reason: str = "", **details: object) -> list[str]:
    """Revoke, inside the caller's transaction, the live grants named (`ids`) or made into a
    sharing group (`group`): what a withdrawn notice or a closed operation ends. Each
    revocation is audited like one by `revoke_grant`. Returns the ids revoked."""
    live = and_(grants.c.revoked_at.is_(None),
                grants.c.id.in_(sorted(ids or ())) if group is None
                else grants.c.recipient_group == group)
    rows = conn.execute(select(grants.c.id, grants.c.grantor, grants.c.record_id,
                               grants.c.recipient_agency, grants.c.recipient_group)
                        .where(live)).all()
    if not rows:
        return []
    conn.execute(update(grants).where(grants.c.id.in_([r.id for r in rows]))
                 .values(revoked_at=_now()))
    for r in rows:
        chain.append(conn, "revocation", actor.user, agency=r.grantor,
                     recipient=r.recipient_agency or f"group:{r.recipient_group}",
                     subjects=[r.record_id] if r.record_id else [], reason=reason,
                     details={"grant": r.id, **details})
    return [r.id for r in rows]


def judge(store: SQLStore, records: list[Record], viewer: Viewer,
          today: date | None = None) -> list[Visibility]:
    """The gate's decision for each record, with the grants and groups the store holds for
    them loaded once: the one way every read path asks."""
    if not records:
        return []
    if all(r.owner == viewer.agency for r in records):  # an agency sees its own records
        return [visibility(r, viewer) for r in records]
    with store.reading() as conn:
        ctx = load_context(conn, [r.id for r in records], {r.owner for r in records}, today)
    return [visibility(r, viewer, ctx) for r in records]
