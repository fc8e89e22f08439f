"""Joint operations: a lead agency, partners, a period, purposes, targets and tasks.

An operation is a sharing group (`policy.sharing`) with a life: the lead creates it and is its
first member; invited partners join and are added to the group; participants share records
into it under their own envelopes (a grant to the group, so the gate applies each owner's
handling code, TLP and purposes as everywhere else); leaving takes an agency out of the group,
and closing empties the group and revokes the grants made into it, so access ends at once.

Targets are record ids; the person behind them is the resolved entity (`interlink.resolve`),
which is what deconfliction compares.

Across nodes (issue 16) the lead's node holds the operation. Each of its steps (create,
invite, join, leave, close) sends every peer serving an agency on the list a snapshot of the
operation (name, purposes, period, state, members): the peer keeps it in the same tables, so
its agencies see it on their own node's pages and API through the same membership gate, and a
sharing group of the same id whose members are the operation's members, so what they share
into the operation travels to the lead's node as any group grant does. An agency served by a
peer joins or leaves on its own node: the step is audited there and travels to the lead's node
as a message, which takes it like a local step (the group changes there, and the grants made
into it are sent or revoked). The lead's node's snapshot is the truth: the peer replaces its
copy with each one.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from interlink.audit import chain
from interlink.cooperation.clocks import utc
from interlink.cooperation.deconfliction import DeconflictionNotice, check_interest
from interlink.cooperation.tables import (
    operation_members,
    operation_targets,
    operation_tasks,
    operations,
)
from interlink.core.codes import Purpose
from interlink.core.envelope import parse_date
from interlink.core.messages import invalid
from interlink.core.viewer import Viewer
from interlink.identity.permissions import Permission, require
from interlink.policy import Visibility
from interlink.policy.sharing import (
    add_group,
    change_membership,
    judge,
    make_grant,
    revoke_grants,
    set_membership,
)
from interlink.store import Actor, SQLStore


@dataclass(frozen=True)
class Member:
    agency: str
    role: str
    status: str
    contact: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Target:
    record_id: str
    agency: str
    added_by: str
    added_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "added_at": utc(self.added_at).isoformat()}


@dataclass(frozen=True)
class Task:
    id: int
    agency: str
    description: str
    due: date | None
    status: str

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "due": self.due.isoformat() if self.due else None}


@dataclass(frozen=True)
class Operation:
    id: str
    name: str
    lead: str
    purposes: list[str]
    starts: date | None
    ends: date | None
    description: str
    state: str
    group_id: str
    members: list[Member] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "lead": self.lead, "purposes": self.purposes,
            "starts": self.starts.isoformat() if self.starts else None,
            "ends": self.ends.isoformat() if self.ends else None,
            "description": self.description, "state": self.state, "group_id": self.group_id,
            "members": [m.to_dict() for m in self.members],
            "targets": [t.to_dict() for t in self.targets],
            "tasks": [t.to_dict() for t in self.tasks],
        }

    def member(self, agency: str | None) -> Member | None:
        return next((m for m in self.members if m.agency == agency), None)


@dataclass(frozen=True)
class TargetOutcome:
    target: Target
    deconfliction: list[DeconflictionNotice]

    def to_dict(self) -> dict[str, Any]:
        return {**self.target.to_dict(),
                "deconfliction": [d.to_dict() for d in self.deconfliction]}


def _now() -> datetime:
    return datetime.now(UTC)


def _agency(actor: Actor) -> str:
    if actor.agency is None:
        raise invalid("operation.by_agency")
    return actor.agency


def _load(conn: Connection, operation_id: str) -> Operation | None:
    row = conn.execute(select(operations).where(operations.c.id == operation_id)).first()
    if row is None:
        return None
    m, t, k = operation_members.c, operation_targets.c, operation_tasks.c
    members = sorted((Member(r.agency, r.role, r.status, r.contact) for r in conn.execute(
        select(operation_members).where(m.operation_id == operation_id))),
        key=lambda x: (x.role != "lead", x.agency))
    targets = [Target(r.record_id, r.agency, r.added_by, r.added_at) for r in conn.execute(
        select(operation_targets).where(t.operation_id == operation_id, t.removed_at.is_(None))
        .order_by(t.id))]
    tasks = [Task(r.id, r.agency, r.description, r.due, r.status) for r in conn.execute(
        select(operation_tasks).where(k.operation_id == operation_id).order_by(k.id))]
    return Operation(row.id, row.name, row.lead, [p for p in row.purposes.split(",") if p],
                     row.starts, row.ends, row.description, row.state, row.group_id,
                     members, targets, tasks)


def get_operation(store: SQLStore, agency: str | None, operation_id: str) -> Operation:
    """An operation, for agencies on its list (invited, members, former members); anyone
    else gets LookupError, as if it did not exist."""
    with store.engine.connect() as conn:
        op = _load(conn, operation_id)
    if op is None or (agency is not None and op.member(agency) is None):
        raise LookupError(operation_id)
    return op


def list_operations(store: SQLStore, agency: str) -> list[Operation]:
    with store.engine.connect() as conn:
        ids = [r.operation_id for r in conn.execute(
            select(operation_members.c.operation_id)
            .where(operation_members.c.agency == agency))]
        ops = [_load(conn, i) for i in sorted(ids)]
    return [o for o in ops if o is not None]


def create_operation(
    store: SQLStore,
    actor: Actor,
    name: str,
    *,
    partners: list[str] = (),  # type: ignore[assignment]
    purposes: list[str],
    starts: str | date | None = None,
    ends: str | date | None = None,
    description: str = "",
    contact: str | None = None,
) -> Operation:
    """Open an operation led by `actor.agency`, with its sharing group; partners are invited
    (they join themselves)."""
    require(actor, Permission.COORDINATE_OPERATIONS)
    lead = _agency(actor)
    if not name.strip():
        raise invalid("operation.name_required", "name")
    codes = sorted({Purpose.parse(p).value for p in purposes})
    if not codes:
        raise invalid("operation.purpose_required", "purposes")
    start = parse_date(starts) if starts else None
    end = parse_date(ends) if ends else None
    if start and end and end < start:
        raise invalid("operation.ends_before", "ends", end=end, start=start)
    invited = sorted({store.require_agency(p).code for p in partners} - {lead})
    op_id = secrets.token_hex(6)
    group_id = f"op-{op_id}"
    add_group(store, group_id, name, [lead], actor)  # pages label it "Operation …"
    now = _now()
    with store.transaction() as conn:
        conn.execute(operations.insert().values(
            id=op_id, name=name.strip(), lead=lead, purposes=",".join(codes), starts=start,
            ends=end, description=description, state="open", group_id=group_id,
            created_by=actor.user, created_at=now, closed_at=None))
        conn.execute(operation_members.insert(), [
            {"operation_id": op_id, "agency": lead, "role": "lead", "status": "member",
             "contact": contact or actor.user, "joined_at": now, "left_at": None},
            *({"operation_id": op_id, "agency": a, "role": "partner", "status": "invited",
               "contact": "", "joined_at": None, "left_at": None} for a in invited),
        ])
        chain.append(conn, "operation", actor.user, agency=lead,
                     details={"operation": op_id, "action": "create", "name": name,
                              "partners": invited, "purposes": codes, "group": group_id})
        op = _load(conn, op_id)
    assert op is not None
    return op


def _open_op(conn: Connection, operation_id: str, agency: str) -> Operation:
    op = _load(conn, operation_id)
    if op is None or op.member(agency) is None:
        raise LookupError(operation_id)
    if op.state != "open":
        raise invalid("operation.closed", name=op.name)
    return op


def invite(store: SQLStore, actor: Actor, operation_id: str, agency: str) -> Operation:
    """The lead invites another partner."""
    require(actor, Permission.COORDINATE_OPERATIONS)
    lead = _agency(actor)
    code = store.require_agency(agency).code
    with store.transaction() as conn:
        op = _open_op(conn, operation_id, lead)
        if op.lead != lead:
            raise invalid("operation.lead_invites", agency=op.lead)
        if op.member(code) is None:
            conn.execute(operation_members.insert().values(
                operation_id=operation_id, agency=code, role="partner", status="invited",
                contact="", joined_at=None, left_at=None))
        else:
            conn.execute(update(operation_members).where(
                operation_members.c.operation_id == operation_id,
                operation_members.c.agency == code, operation_members.c.status == "left",
            ).values(status="invited"))
        chain.append(conn, "operation", actor.user, agency=lead, recipient=code,
                     details={"operation": operation_id, "action": "invite"})
    return get_operation(store, None, operation_id)


def join(store: SQLStore, actor: Actor, operation_id: str,
         contact: str | None = None) -> Operation:
    """An invited agency joins: it enters the operation's sharing group."""
    require(actor, Permission.COORDINATE_OPERATIONS)
    agency = _agency(actor)
    with store.engine.connect() as conn:
        op = _open_op(conn, operation_id, agency)
    me = op.member(agency)
    assert me is not None
    if me.status == "member":
        raise invalid("operation.already_member", agency=agency, name=op.name)
    if me.status != "invited":
        raise invalid("operation.left", agency=agency, name=op.name)
    node = _lead_node(store, op.lead)
    if node is None:  # else led on a peer node: the group changes there, when the step arrives
        set_membership(store, op.group_id, agency, True, actor)
    with store.transaction() as conn:
        conn.execute(update(operation_members).where(
            operation_members.c.operation_id == operation_id,
            operation_members.c.agency == agency,
        ).values(status="member", contact=contact or actor.user, joined_at=_now(),
                 left_at=None))
        chain.append(conn, "operation", actor.user, agency=agency, recipient=op.lead,
                     details={"operation": operation_id, "action": "join",
                              "contact": contact or actor.user,
                              **({"node": node} if node else {})})
    return get_operation(store, None, operation_id)


def _end_targets(conn: Connection, operation_id: str, agency: str | None = None) -> None:
    where = [operation_targets.c.operation_id == operation_id,
             operation_targets.c.removed_at.is_(None)]
    if agency is not None:
        where.append(operation_targets.c.agency == agency)
    conn.execute(update(operation_targets).where(*where).values(removed_at=_now()))


def leave(store: SQLStore, actor: Actor, operation_id: str) -> Operation:
    """A partner leaves: out of the group (its access through the operation ends) and its
    targets end. The lead closes instead."""
    require(actor, Permission.COORDINATE_OPERATIONS)
    agency = _agency(actor)
    with store.engine.connect() as conn:
        op = _open_op(conn, operation_id, agency)
    if op.lead == agency:
        raise invalid("operation.lead_stays")
    if op.member(agency).status != "member":  # type: ignore[union-attr]
        raise invalid("operation.not_member", agency=agency, name=op.name)
    node = _lead_node(store, op.lead)
    if node is None:
        set_membership(store, op.group_id, agency, False, actor)
    with store.transaction() as conn:
        conn.execute(update(operation_members).where(
            operation_members.c.operation_id == operation_id,
            operation_members.c.agency == agency,
        ).values(status="left", left_at=_now()))
        _end_targets(conn, operation_id, agency)
        chain.append(conn, "operation", actor.user, agency=agency, recipient=op.lead,
                     details={"operation": operation_id, "action": "leave",
                              **({"node": node} if node else {})})
    return get_operation(store, None, operation_id)


def close(store: SQLStore, actor: Actor, operation_id: str, reason: str = "") -> Operation:
    """The lead closes: the group is emptied and every grant into it revoked, targets end."""
    require(actor, Permission.COORDINATE_OPERATIONS)
    lead = _agency(actor)
    with store.engine.connect() as conn:
        op = _open_op(conn, operation_id, lead)
    if op.lead != lead:
        raise invalid("operation.lead_closes", agency=op.lead, name=op.name)
    for m in op.members:
        if m.status == "member":
            set_membership(store, op.group_id, m.agency, False, actor)
    now = _now()
    with store.transaction() as conn:
        revoked = revoke_grants(conn, actor, group=op.group_id, reason="operation closed",
                                operation=operation_id)
        conn.execute(update(operations).where(operations.c.id == operation_id)
                     .values(state="closed", closed_at=now))
        conn.execute(update(operation_members).where(
            operation_members.c.operation_id == operation_id,
            operation_members.c.status == "member", operation_members.c.role == "partner",
        ).values(status="left", left_at=now))
        _end_targets(conn, operation_id)
        chain.append(conn, "operation", actor.user, agency=lead, reason=reason,
                     details={"operation": operation_id, "action": "close",
                              "grants_revoked": len(revoked)})
    return get_operation(store, None, operation_id)


def share(store: SQLStore, actor: Actor, operation_id: str, record_ids: list[str] | None,
          purposes: list[str] | None = None, level: str = "full") -> list[str]:
    """A participant shares its records (all of them if `record_ids` is None) into the
    operation's group, for the operation's purposes (or some of them): grant ids."""
    agency = _agency(actor)
    with store.engine.connect() as conn:
        op = _open_op(conn, operation_id, agency)
    if op.member(agency).status != "member":  # type: ignore[union-attr]
        raise invalid("operation.join_to_share", agency=agency, name=op.name)
    wanted = purposes or op.purposes
    if not set(wanted) <= set(op.purposes):
        raise invalid("operation.purposes_only", name=op.name, purposes=list(op.purposes))
    made = []
    for rid in record_ids if record_ids is not None else [None]:
        made.append(make_grant(store, actor, record_id=rid, recipient_group=op.group_id,
                               purposes=wanted, level=level,
                               reason=f"operation {op.name}").id)
    return made


def add_target(store: SQLStore, actor: Actor, operation_id: str,
               record_id: str) -> TargetOutcome:
    """A member targets a record it knows of (its own, or seen at least as a hit for one of
    the operation's purposes); deconfliction runs at once."""
    agency = _agency(actor)
    with store.engine.connect() as conn:
        op = _open_op(conn, operation_id, agency)
    if op.member(agency).status != "member":  # type: ignore[union-attr]
        raise invalid("operation.join_to_target", agency=agency, name=op.name)
    record = store.get(record_id)
    known = record is not None and any(
        judge(store, [record], Viewer(actor.user, agency, p))[0] is not Visibility.NONE
        for p in op.purposes)
    if not known:
        raise invalid("request.unknown_subject", "record_id", id=record_id, agency=agency)
    if any(t.record_id == record_id and t.agency == agency for t in op.targets):
        raise invalid("operation.already_target", id=record_id, agency=agency, name=op.name)
    now = _now()
    with store.transaction() as conn:
        conn.execute(operation_targets.insert().values(
            operation_id=operation_id, record_id=record_id, agency=agency,
            added_by=actor.user, added_at=now, removed_at=None))
        chain.append(conn, "operation", actor.user, agency=agency, subjects=[record_id],
                     details={"operation": operation_id, "action": "target"})
    notices = check_interest(store, agency, actor.user, [record_id], "target")
    return TargetOutcome(Target(record_id, agency, actor.user, now), notices)


def remove_target(store: SQLStore, actor: Actor, operation_id: str, record_id: str) -> None:
    agency = _agency(actor)
    with store.transaction() as conn:
        _open_op(conn, operation_id, agency)
        done = conn.execute(update(operation_targets).where(
            operation_targets.c.operation_id == operation_id,
            operation_targets.c.record_id == record_id, operation_targets.c.agency == agency,
            operation_targets.c.removed_at.is_(None)).values(removed_at=_now()))
        if done.rowcount == 0:
            raise invalid("operation.not_target", id=record_id, agency=agency)
        chain.append(conn, "operation", actor.user, agency=agency, subjects=[record_id],
                     details={"operation": operation_id, "action": "untarget"})


def assign_task(store: SQLStore, actor: Actor, operation_id: str, agency: str,
                description: str, due: str | date | None = None) -> Task:
    """The lead assigns a task to a member agency."""
    require(actor, Permission.COORDINATE_OPERATIONS)
    lead = _agency(actor)
    code = store.require_agency(agency).code
    if not description.strip():
        raise invalid("operation.task_description", "description")
    when = parse_date(due) if due else None
    with store.transaction() as conn:
        op = _open_op(conn, operation_id, lead)
        if op.lead != lead:
            raise invalid("operation.lead_assigns", agency=op.lead)
        member = op.member(code)
        if member is None or member.status != "member":
            raise invalid("operation.not_member", agency=code, name=op.name)
        result = conn.execute(operation_tasks.insert().values(
            operation_id=operation_id, agency=code, description=description.strip(), due=when,
            status="open", assigned_by=actor.user, assigned_at=_now()))
        task_id = int(result.inserted_primary_key[0])
        chain.append(conn, "operation", actor.user, agency=lead, recipient=code,
                     details={"operation": operation_id, "action": "task", "task": task_id})
    return Task(task_id, code, description.strip(), when, "open")


def complete_task(store: SQLStore, actor: Actor, operation_id: str, task_id: int) -> Task:
    """The assigned agency (or the lead) marks a task done."""
    agency = _agency(actor)
    with store.transaction() as conn:
        op = _open_op(conn, operation_id, agency)
        task = next((t for t in op.tasks if t.id == task_id), None)
        if task is None or agency not in (task.agency, op.lead):
            raise invalid("operation.no_task", id=task_id, agency=agency, name=op.name)
        conn.execute(update(operation_tasks).where(operation_tasks.c.id == task_id)
                     .values(status="done"))
        chain.append(conn, "operation", actor.user, agency=agency,
                     details={"operation": operation_id, "action": "task_done", "task": task_id})
    return Task(task.id, task.agency, task.description, task.due, "done")


# -- across nodes (issue 16) ---------------------------------------------------------------

#: the steps whose audit entries send the operation's snapshot to the peers on its list
SNAPSHOT_STEPS = ("create", "invite", "join", "leave", "close")


def _lead_node(store: SQLStore, lead: str) -> str | None:
    """The peer node serving the operation's lead (the operation is held there), or None when
    the lead is an agency of this node."""
    from interlink.federation.peers import peers_serving

    with store.reading() as conn:
        served = peers_serving(conn, {lead})
    return next(iter(served), None)


def _iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    return utc(value).isoformat() if isinstance(value, datetime) else value.isoformat()


def snapshot(conn: Connection, operation_id: str) -> dict[str, Any] | None:
    """What a peer node holds of an operation: no targets or tasks (record ids of this node's
    holdings and its internal work), only the operation and its list."""
    row = conn.execute(select(operations).where(operations.c.id == operation_id)).first()
    if row is None:
        return None
    members = [{"agency": m.agency, "role": m.role, "status": m.status, "contact": m.contact,
                "joined_at": _iso(m.joined_at), "left_at": _iso(m.left_at)}
               for m in conn.execute(select(operation_members).where(
                   operation_members.c.operation_id == operation_id)
                   .order_by(operation_members.c.agency))]
    return {"id": row.id, "name": row.name, "lead": row.lead, "purposes": row.purposes,
            "starts": _iso(row.starts), "ends": _iso(row.ends), "description": row.description,
            "state": row.state, "created_by": row.created_by, "created_at": _iso(row.created_at),
            "closed_at": _iso(row.closed_at), "members": members}


def _when(value: Any) -> datetime | None:
    return utc(datetime.fromisoformat(str(value))) if value else None


def take_remote(conn: Connection, peer: str, data: dict[str, Any], served: set[str],
                local: set[str]) -> dict[str, Any]:
    """Hold (or replace) the snapshot of an operation led by an agency `peer` serves, with
    its group of the same members; closed there, closed here: this node's grants into the
    group are revoked and targets end. Returns what the audit note says."""
    from interlink.store.tables import agencies, group_members, sharing_groups

    op_id, lead = str(data["id"]), str(data["lead"])
    if lead not in served:
        raise invalid("federation.agency_not_served", "lead", agency=lead, peer=peer)
    listed = [m for m in data["members"] if str(m["agency"]) in local]
    if not listed:
        raise invalid("federation.operation_no_local", "members", id=op_id)
    held = conn.execute(select(operations.c.lead, operations.c.state, operations.c.group_id)
                        .where(operations.c.id == op_id)).first()
    if held is not None and held.lead != lead:
        raise invalid("federation.operation_other", "operation", id=op_id)
    group_id = held.group_id if held is not None else f"op-{op_id}"
    if held is None and (not op_id.isalnum() or len(op_id) > 32 or conn.execute(
            select(sharing_groups.c.id).where(sharing_groups.c.id == group_id)).first()):
        # a new operation never takes over a group this node already has (a peer naming
        # its operation after a local group would otherwise add its agencies to it)
        raise invalid("federation.operation_other", "operation", id=op_id)
    values = {"name": str(data["name"])[:200], "lead": lead,
              "purposes": ",".join(sorted(Purpose.parse(p).value
                                          for p in str(data["purposes"]).split(",") if p)),
              "starts": parse_date(data["starts"]) if data.get("starts") else None,
              "ends": parse_date(data["ends"]) if data.get("ends") else None,
              "description": str(data.get("description") or ""),
              "state": "closed" if data["state"] == "closed" else "open",
              "closed_at": _when(data.get("closed_at"))}
    if held is None:
        conn.execute(operations.insert().values(
            id=op_id, group_id=group_id, created_by=f"{data.get('created_by')}@{peer}",
            created_at=_when(data.get("created_at")) or _now(), **values))
    else:
        conn.execute(update(operations).where(operations.c.id == op_id).values(**values))
    conn.execute(operation_members.delete().where(operation_members.c.operation_id == op_id))
    conn.execute(operation_members.insert(), [
        {"operation_id": op_id, "agency": str(m["agency"]), "role": str(m["role"]),
         "status": str(m["status"]), "contact": str(m.get("contact") or ""),
         "joined_at": _when(m.get("joined_at")), "left_at": _when(m.get("left_at"))}
        for m in data["members"]])
    # the group: the operation's members this node knows of, none once it is closed
    actor = Actor(user="federation", agency=None)
    if conn.execute(select(sharing_groups.c.id).where(sharing_groups.c.id == group_id)
                    ).first() is None:
        conn.execute(sharing_groups.insert().values(id=group_id, name=values["name"],
                                                    created_by=lead, created_at=_now()))
    known = set(conn.execute(select(agencies.c.code)).scalars())
    wanted = set() if values["state"] == "closed" else {
        str(m["agency"]) for m in data["members"]
        if m["status"] == "member" and str(m["agency"]) in known}
    present = set(conn.execute(select(group_members.c.agency).where(
        group_members.c.group_id == group_id)).scalars())
    for code in sorted(wanted - present):
        change_membership(conn, group_id, code, True, actor)
    for code in sorted(present - wanted):
        change_membership(conn, group_id, code, False, actor)
    revoked: list[str] = []
    if values["state"] == "closed" and (held is None or held.state != "closed"):
        revoked = revoke_grants(conn, actor, group=group_id, reason="operation closed",
                                operation=op_id)
        _end_targets(conn, op_id)
    for m in data["members"]:
        if str(m["agency"]) in local and m["status"] == "left":
            _end_targets(conn, op_id, str(m["agency"]))
    return {"operation": op_id, "state": values["state"],
            "agencies": sorted(str(m["agency"]) for m in listed),
            "grants_revoked": len(revoked)}


def take_remote_step(conn: Connection, peer: str, mid: str, body: dict[str, Any],
                     served: set[str]) -> None:
    """A join or a leave by an agency `peer` serves, of an operation led here: taken like a
    local step in the caller's transaction (its group changes, so the grants into it are sent
    or revoked by the outbox), audited under the peer's user. An operation that is not here,
    or that does not list the agency, is LookupError: the same for both."""
    agency, action = str(body["agency"]), str(body["action"])
    if agency not in served:
        raise invalid("federation.agency_not_served", "agency", agency=agency, peer=peer)
    if action not in ("join", "leave"):
        raise invalid("federation.unknown_kind", "action", value=action)
    op = _load(conn, str(body["operation"]))
    if op is None or op.member(agency) is None:
        raise LookupError(str(body["operation"]))
    if op.state != "open":
        raise invalid("operation.closed", name=op.name)
    me = op.member(agency)
    assert me is not None
    actor = Actor(user=f"{body.get('actor') or 'unknown'}@{peer}", agency=agency)
    where = (operation_members.c.operation_id == op.id) & (operation_members.c.agency == agency)
    if action == "join":
        if me.status != "invited":
            raise invalid("operation.already_member" if me.status == "member"
                          else "operation.left", agency=agency, name=op.name)
        change_membership(conn, op.group_id, agency, True, actor)
        conn.execute(update(operation_members).where(where).values(
            status="member", contact=str(body.get("contact") or actor.user),
            joined_at=_when(body.get("at")) or _now(), left_at=None))
    else:
        if me.status != "member":
            raise invalid("operation.not_member", agency=agency, name=op.name)
        change_membership(conn, op.group_id, agency, False, actor)
        conn.execute(update(operation_members).where(where).values(
            status="left", left_at=_when(body.get("at")) or _now()))
        _end_targets(conn, op.id, agency)
    chain.append(conn, "operation", actor.user, agency=agency, recipient=op.lead,
                 details={"operation": op.id, "action": action, "node": peer,
                          "peer_message": mid})
