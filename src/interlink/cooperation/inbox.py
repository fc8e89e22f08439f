"""The agency's inbox: everything that waits for it, in one list, so nothing is missed.

Work between agencies arrives in several places (requests for information and judicial
requests, operations, notices, screening alerts, the clocks of requests); an analyst who has to
visit each page to learn that something waits misses it. `inbox(store, agency, now)` gathers
them, each item a message code with parameters (`core.messages`, rendered in the reader's
language by the surfaces) and a link to where it is dealt with.

Only the agency's own cooperation state is read (its requests, operations, notices in its
scope, its alerts); no record of another agency is disclosed here, only ids the agency already
knows from the request, notice or alert itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select

from interlink.cooperation import legal_requests as machine
from interlink.cooperation.clocks import utc
from interlink.cooperation.notices import list_notices
from interlink.cooperation.operations import list_operations
from interlink.cooperation.tables import (
    legal_requests,
    notices,
    operation_members,
    operations,
)
from interlink.screen.decisions import count_new, list_alerts
from interlink.store import SQLStore
from interlink.store.tables import alerts

#: states of an incoming request in which the requested side has the next step
WAITING = ("sent", "received", "accepted", "in_execution")
ANSWERED = ("executed", "partly_executed", "refused")
#: an answer to a request for information stays in the inbox this long after it came
ANSWER_DAYS = 30
#: a notice published to the agency stays in the inbox this long after publication
NOTICE_DAYS = 30
#: clocks due within this many days are listed (the overdue ones always)
DUE_DAYS = 7
#: alerts listed (all new ones are counted)
ALERT_LIMIT = 20
#: sections, in the order a reader deals with them
KINDS = ("overdue", "request", "answer", "invitation", "notice", "alert", "due")


@dataclass(frozen=True)
class Item:
    """One thing waiting: its section, what to say (code and parameters) and where to go."""

    kind: str  # one of KINDS
    code: str
    params: Mapping[str, Any]
    link: str
    at: datetime | None = None  # when it arrived, or when it falls due

    def to_dict(self) -> dict[str, Any]:
        params = {k: (v.isoformat() if isinstance(v, datetime) else v)
                  for k, v in self.params.items()}
        return {"kind": self.kind, "code": self.code, "params": params, "link": self.link,
                "at": self.at.isoformat() if self.at else None}


@dataclass(frozen=True)
class Inbox:
    agency: str
    now: datetime
    items: list[Item] = field(default_factory=list)
    new_alerts: int = 0  # every new alert, though only ALERT_LIMIT are listed

    def of(self, kind: str) -> list[Item]:
        return [i for i in self.items if i.kind == kind]

    @property
    def count(self) -> int:
        """What the header shows: the items waiting, every new alert counted once."""
        return len([i for i in self.items if i.kind != "alert"]) + self.new_alerts


def _waiting_requests(store: SQLStore, agency: str) -> list[Item]:
    out = []
    for r in machine.list_legal_requests(store, agency, "incoming"):
        if r.state not in WAITING:
            continue
        if r.type == "rfi":  # the owner is asked about its own record: named, with its id
            out.append(Item("request", "inbox.rfi_waiting",
                            {"agency": r.requesting, "record": r.subjects[0], "id": r.id,
                             "purpose": r.purpose},
                            "/sharing#incoming", utc(r.created_at)))
            continue
        out.append(Item("request", "inbox.request_waiting",
                        {"agency": r.requesting, "type": r.type, "id": r.id, "state": r.state},
                        f"/legal-requests/{r.id}", utc(r.created_at)))
    return out


def _answers(store: SQLStore, agency: str, now: datetime) -> list[Item]:
    """Requests for information the agency asked that were answered lately."""
    since = now - timedelta(days=ANSWER_DAYS)
    answered = [r for r in machine.list_legal_requests(store, agency, "outgoing", type="rfi")
                if r.state in ANSWERED]
    with store.engine.connect() as conn:  # when each was answered: its last transition
        when = dict(conn.execute(select(legal_requests.c.id, legal_requests.c.updated_at).where(
            legal_requests.c.id.in_([r.id for r in answered]))).all()) if answered else {}
    out = []
    for r in answered:
        at = utc(when[r.id])
        if since <= at <= now:
            record = r.subjects[0] if r.subjects else ""
            out.append(Item("answer", "inbox.rfi_answered",
                            {"agency": r.requested, "record": record, "state": r.state},
                            f"/entity/{record}" if record else "/sharing", at))
    return out


def _invitations(store: SQLStore, agency: str) -> list[Item]:
    out = []
    for op in list_operations(store, agency):
        me = op.member(agency)
        if me is not None and me.status == "invited" and op.state == "open":
            out.append(Item("invitation", "inbox.invitation",
                            {"agency": op.lead, "name": op.name}, f"/operations/{op.id}"))
    return out


def _notices(store: SQLStore, agency: str, now: datetime) -> list[Item]:
    since = now - timedelta(days=NOTICE_DAYS)
    return [Item("notice", "inbox.notice",
                 {"agency": n.issuer, "notice_type": n.type, "subject": n.subject},
                 f"/notices/{n.id}", utc(n.published_at))
            for n in list_notices(store, agency)
            if n.issuer != agency and since <= utc(n.published_at) <= now]


def _alerts(store: SQLStore, agency: str) -> list[Item]:
    """New alerts; those a notice raised are told apart (they come with the notice's link),
    and the issuer's own are told as what its notice found elsewhere: the record is another
    agency's, held where the alert says (owner and reference: what a hit tells)."""
    kept = list_alerts(store, agency, "new", ALERT_LIMIT)
    ids = {a.list_name.removeprefix("notice:") for a in kept if a.list_name.startswith("notice:")}
    with store.engine.connect() as conn:
        issued = {r.id for r in conn.execute(select(notices.c.id).where(
            notices.c.id.in_(sorted(ids)), notices.c.issuer == agency))} if ids else set()
    out = []
    for a in kept:
        notice = a.list_name.removeprefix("notice:") if a.list_name.startswith("notice:") else ""
        params: dict[str, Any] = {"record": a.record_id, "score": round(a.score, 2)}
        code = "inbox.notice_alert" if notice else "inbox.alert"
        if notice in issued:
            holder = store.get(a.record_id)
            if holder is not None and holder.owner != agency:
                code, params["agency"] = "inbox.notice_found", holder.owner
        out.append(Item("alert", code, params,
                        f"/notices/{notice}" if notice else "/screen", utc(a.created_at)))
    return out


def _deadlines(store: SQLStore, agency: str, now: datetime, days: int) -> list[Item]:
    """Running clocks of the agency's requests: overdue ones flagged as such, never listed
    among those merely due within `days`."""
    out = []
    for d in machine.due_list(store, agency, now, timedelta(days=days)):
        late = d.due < now
        out.append(Item("overdue" if late else "due",
                        "inbox.deadline_overdue" if late else "inbox.deadline_due",
                        {"type": d.type, "id": d.request_id, "clock": d.clock, "due": d.due},
                        f"/legal-requests/{d.request_id}", d.due))
    return out


def inbox(store: SQLStore, agency: str, now: datetime | None = None,
          due_days: int = DUE_DAYS) -> Inbox:
    """What waits for `agency` at `now`: incoming requests, answers to its requests for
    information, invitations to operations, notices published to it, new alerts, and the
    clocks of its requests that are overdue or due within `due_days`."""
    now = utc(now) if now else datetime.now(UTC)
    items = (_deadlines(store, agency, now, due_days) + _waiting_requests(store, agency)
             + _answers(store, agency, now) + _invitations(store, agency)
             + _notices(store, agency, now) + _alerts(store, agency))
    order = {k: n for n, k in enumerate(KINDS)}
    items.sort(key=lambda i: order[i.kind])
    return Inbox(agency, now, items, count_new(store, agency))


def _count_of(table: Any, *where: Any) -> Any:
    return select(func.count()).select_from(table).where(*where).scalar_subquery()


def inbox_count(store: SQLStore, agency: str, now: datetime | None = None,
                due_days: int = DUE_DAYS) -> int:
    """`inbox(...).count` without building the inbox, for the header of every page: one
    statement counts what waits (requests, answers, invitations, notices, new alerts), and the
    running clocks of the agency's requests add the deadlines (their due dates come from each
    request's history, as in the inbox itself)."""
    now = utc(now) if now else datetime.now(UTC)
    lr = legal_requests
    scoped = or_(notices.c.scope.like('%"*"%'), notices.c.scope.like(f'%"{agency}"%'))
    counts = select(
        _count_of(lr, lr.c.requested == agency, lr.c.state.in_(WAITING)),
        _count_of(lr, lr.c.requesting == agency, lr.c.type == "rfi",
                  lr.c.state.in_(ANSWERED),
                  lr.c.updated_at >= now - timedelta(days=ANSWER_DAYS), lr.c.updated_at <= now),
        _count_of(operation_members.join(
            operations, operations.c.id == operation_members.c.operation_id),
            operation_members.c.agency == agency, operation_members.c.status == "invited",
            operations.c.state == "open"),
        _count_of(notices, notices.c.state == "published", notices.c.issuer != agency, scoped,
                  and_(notices.c.published_at >= now - timedelta(days=NOTICE_DAYS),
                       notices.c.published_at <= now)),
        _count_of(alerts, alerts.c.agency == agency, alerts.c.status == "new"),
    )
    with store.engine.connect() as conn:
        waiting = sum(int(n) for n in conn.execute(counts).one())
    return waiting + len(machine.due_list(store, agency, now, timedelta(days=due_days)))
