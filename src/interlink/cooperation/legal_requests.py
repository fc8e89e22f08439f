"""Judicial and police requests between agencies, and the one state machine they all follow.

draft -> sent -> received -> accepted -> in_execution -> executed | partly_executed, with
refused (with a reason) open to the requested side until execution ends and withdrawn open to
the requesting side until then. Each transition belongs to one side: the requesting authority
drafts, sends and withdraws; the requested authority receives, accepts, executes and refuses.
A transition asked of the wrong side or in the wrong state is refused with the reason
(`TransitionRefused`: 403 for the side, 409 for the state) and nothing is written.

Every transition records two times: `at`, when it really happened (a request registered after
the fact gives its past dates), and when it was entered. The clocks (`clocks.py`) count from
the first; the audit log keeps both. The request for information on a hit (`rfi.py`) is the
`rfi` type of this same machine.
"""

from __future__ import annotations

import json
import secrets
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from statistics import median
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.engine import Connection

from interlink.audit import chain
from interlink.cooperation.clocks import ENDED, Clock, Event, clocks, extendable, utc
from interlink.cooperation.tables import legal_request_events, legal_requests
from interlink.core.codes import Purpose, bound_by
from interlink.core.envelope import parse_date
from interlink.core.errors import Conflict, DomainError, Forbidden
from interlink.core.messages import LABELS, invalid, render
from interlink.core.viewer import Viewer
from interlink.policy import Visibility
from interlink.policy.sharing import judge
from interlink.store import Actor, SQLStore

#: request types and legal bases: codes, with their English names (the surfaces translate the
#: codes through `core.messages`, whose code lists these are)
TYPES = LABELS["request_type"]
LEGAL_BASES = LABELS["legal_basis"]
#: An EIO stands on the Directive and an EAW on the Framework Decision, nothing else; and only
#: between member states the instrument binds (`core.codes.BOUND_BY`).
REQUIRED_BASIS = {"eio": "dir-2014-41", "eaw": "fd-2002-584"}
URGENCY = ("normal", "urgent", "immediate")
STATES = ("draft", "sent", "received", "accepted", "in_execution", "executed",
          "partly_executed", "refused", "withdrawn")
REQUESTING, REQUESTED = "requesting", "requested"
OPEN_FOR_REFUSAL = ("received", "accepted", "in_execution")

#: action -> (states it may leave, state it reaches, the side allowed to take it)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "send": (("draft",), "sent", REQUESTING),
    "receive": (("sent",), "received", REQUESTED),
    "accept": (("received",), "accepted", REQUESTED),
    "start": (("accepted",), "in_execution", REQUESTED),
    "execute": (("accepted", "in_execution"), "executed", REQUESTED),
    "execute_partly": (("accepted", "in_execution"), "partly_executed", REQUESTED),
    "refuse": (OPEN_FOR_REFUSAL, "refused", REQUESTED),
    "withdraw": (("draft", "sent", "received", "accepted", "in_execution"), "withdrawn",
                 REQUESTING),
}
#: events that change no state but move a clock (the requested side records them)
EVENTS = {"extend", "arrest", "consent"}
#: How a step weighs when steps the two sides took on different nodes cross in flight
#: (`reconcile`). The requested side's answer stands over everything: it may already have
#: sent the record (an RFI's grant travels with it) and a decision of an authority is not
#: undone by a letter that crossed it. A withdrawal stands over every other step (the
#: requester no longer wants the request; the clocks stop). Any other step weighs 1.
PRECEDENCE = {"execute": 3, "execute_partly": 3, "refuse": 3, "withdraw": 2}


class TransitionRefused(DomainError):
    """A step not allowed, with a message code and its parameters (`core.messages`), like
    every refusal here. Raised as one of its two kinds, which the surfaces tell apart."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(render(code, params), code=code, **params)


class WrongSide(TransitionRefused, Forbidden):
    """The step belongs to the other side of the request."""


class WrongState(TransitionRefused, Conflict):
    """The request is not in a state that allows the step (or changed meanwhile)."""


@dataclass(frozen=True)
class LegalRequest:
    id: str
    type: str
    requesting: str
    requested: str
    created_by: str
    legal_basis: str
    subjects: list[str]
    measures: list[str]
    attachments: list[dict[str, Any]]
    purpose: str | None
    urgency: str
    message: str
    deadline: date | None
    state: str
    answer: str
    grant_id: str | None
    created_at: datetime

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["deadline"] = self.deadline.isoformat() if self.deadline else None
        data["created_at"] = utc(self.created_at).isoformat()
        return data


@dataclass(frozen=True)
class HistoryLine:
    action: str
    from_state: str | None
    to_state: str
    at: datetime
    recorded_at: datetime
    actor: str
    agency: str
    reason: str
    details: dict[str, Any]

    @property
    def superseded_by(self) -> str | None:
        """The agency whose crossing step won over this one (`reconcile`): the line stays in
        the history, marked, and counts for nothing (state, clocks, later checks)."""
        by = self.details.get("superseded_by")
        return str(by) if by else None

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["at"], data["recorded_at"] = self.at.isoformat(), self.recorded_at.isoformat()
        data["superseded_by"] = self.superseded_by
        return data


def active(history: list[HistoryLine]) -> list[HistoryLine]:
    """The lines that count: every one but those a crossing step superseded."""
    return [h for h in history if h.superseded_by is None]


@dataclass(frozen=True)
class RequestDetail:
    """A request with its history and every clock, as of `now`."""

    request: LegalRequest
    history: list[HistoryLine]
    clocks: list[Clock]
    now: datetime

    def to_dict(self) -> dict[str, Any]:
        return {**self.request.to_dict(), "history": [h.to_dict() for h in self.history],
                "clocks": [c.to_dict(self.now) for c in self.clocks]}


@dataclass(frozen=True)
class DueItem:
    """A running clock for the overdue list and reminders."""

    request_id: str
    type: str
    requesting: str
    requested: str
    state: str
    clock: str
    due: datetime
    status: str
    late_by_hours: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["due"] = self.due.isoformat()
        return data


@dataclass(frozen=True)
class PairFigures:
    """Time to execute between two countries."""

    requesting_country: str
    requested_country: str
    executed: int
    median_days: float
    mean_days: float
    max_days: float
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def now_utc() -> datetime:
    return datetime.now(UTC)


def parse_when(value: str | datetime | None, name: str = "at") -> datetime | None:
    """An ISO 8601 date or date-time (UTC if no offset) from the CLI or API; None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return utc(value)
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise invalid("request.invalid_time", name, value=value) from None
    return utc(parsed)


def _row(row: Any) -> LegalRequest:
    return LegalRequest(
        id=row.id, type=row.type, requesting=row.requesting, requested=row.requested,
        created_by=row.created_by, legal_basis=row.legal_basis,
        subjects=json.loads(row.subjects), measures=json.loads(row.measures),
        attachments=json.loads(row.attachments), purpose=row.purpose, urgency=row.urgency,
        message=row.message, deadline=row.deadline, state=row.state, answer=row.answer,
        grant_id=row.grant_id, created_at=utc(row.created_at),
    )


def _attachments(items: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Attachments as {name, language, translations: [language, ...]}, checked."""
    out = []
    for n, item in enumerate(items or []):
        name = str(item.get("name") or "").strip()
        language = str(item.get("language") or "").strip().lower()
        translations = [str(t).strip().lower() for t in item.get("translations") or []]
        if not name:
            raise invalid("request.attachment_name", "attachments", n=n + 1)
        for lang in [language, *translations]:
            if len(lang) != 2 or not lang.isalpha():
                raise invalid("request.attachment_language", "attachments", id=name, value=lang)
        out.append({"name": name, "language": language, "translations": sorted(set(translations))})
    return out


def _checked(store: SQLStore, user: str, requesting: str, requested: str, type: str,
             legal_basis: str | None, urgency: str, purpose: str | None,
             subjects: list[str]) -> tuple[str, str | None, list[str]]:
    """The checks a draft passes when written and again when edited: the legal basis the type
    stands on, member states bound by the instrument, and subjects the requester knows of.
    Returns the basis, the purpose's code and the subjects, cleaned."""
    if requested == requesting:
        raise invalid("request.other_agency", "requested")
    to = store.require_agency(requested)
    basis = (legal_basis or REQUIRED_BASIS.get(type, "")).strip().lower()
    if basis and basis not in LEGAL_BASES:
        raise invalid("request.unknown_basis", "legal_basis", value=legal_basis,
                      allowed=list(LEGAL_BASES))
    if type in REQUIRED_BASIS and basis != REQUIRED_BASIS[type]:
        raise invalid("request.basis_required", "legal_basis", type=type,
                      required=REQUIRED_BASIS[type], basis=basis)
    if type in REQUIRED_BASIS:
        for agency in (store.require_agency(requesting), to):
            if not bound_by(type, agency.country):
                raise invalid("request.not_bound",
                              "requested" if agency is to else "type", type=type,
                              required=REQUIRED_BASIS[type], country=agency.country)
    if urgency not in URGENCY:
        raise invalid("request.unknown_urgency", "urgency", value=urgency, allowed=list(URGENCY))
    purpose_code = Purpose.parse(purpose).value if purpose else None
    subjects = list(dict.fromkeys(s.strip() for s in subjects if s and s.strip()))
    if not subjects:
        raise invalid("request.no_subject", "subjects")
    found = {r.id: r for r in store.get_many(subjects)}
    viewer = Viewer(user, requesting, purpose_code)
    seen = dict(zip(found, judge(store, list(found.values()), viewer), strict=True))
    # asked of an agency another node serves: a subject held there (a federated hit) is not
    # here to judge; the requested node judges it as its gate sees the requester
    remote = peer_of(store, requested) is not None
    for subject in subjects:
        if remote and subject not in found:
            continue
        if seen.get(subject, Visibility.NONE) is Visibility.NONE:
            raise invalid("request.unknown_subject" if purpose_code
                          else "request.unknown_subject_purpose", "subjects", id=subject,
                          agency=requesting)
    return basis, purpose_code, subjects


def peer_of(store: SQLStore, agency: str) -> str | None:
    """The peer node that serves `agency`, or None when it is an agency of this node."""
    from interlink.federation.peers import peers_serving

    with store.reading() as conn:
        served = peers_serving(conn, {agency})
    return next(iter(served), None)


def take_remote(conn: Connection, peer: str, message_id: str, data: dict[str, Any],
                events: list[dict[str, Any]]) -> LegalRequest:
    """A request an agency served by `peer` sent to an agency of this node, as its node sent
    it: the same id and fields, and its dated history up to the sending (so both sides count
    their clocks from the same times), in state `sent`. Its later steps arrive one by one and
    go through `transition` like local ones. The caller (the federation inbox) has checked
    that the peer serves the requesting agency and this node the requested one."""
    request_id = str(data["id"])
    kind = str(data["type"])
    if kind not in TYPES:
        raise invalid("request.unknown_type", "type", value=kind, allowed=list(TYPES))
    if _load(conn, request_id) is not None:
        raise invalid("federation.request_known", "request", id=request_id)
    steps = [e for e in events if str(e.get("action")) in ("create", "edit", "send")]
    if not steps or steps[-1]["action"] != "send":
        raise invalid("federation.request_not_sent", "request", id=request_id)
    sent_at = utc(datetime.fromisoformat(str(steps[-1]["at"])))
    created = utc(datetime.fromisoformat(str(data["created_at"])))
    subjects = [str(x) for x in data.get("subjects") or []]
    conn.execute(legal_requests.insert().values(
        id=request_id, type=kind, requesting=str(data["requesting"]),
        requested=str(data["requested"]), created_by=f"{data['created_by']}@{peer}",
        legal_basis=str(data.get("legal_basis") or ""), subjects=json.dumps(subjects),
        measures=json.dumps([str(m) for m in data.get("measures") or []]),
        attachments=json.dumps(_attachments(data.get("attachments")), ensure_ascii=False),
        purpose=data.get("purpose"), urgency=str(data.get("urgency") or "normal"),
        message=str(data.get("message") or ""),
        deadline=parse_date(data["deadline"]) if data.get("deadline") else None,
        state="sent", answer="", grant_id=None, created_at=created, updated_at=sent_at))
    for e in steps:  # each transition with its entry, as the log accounts for them
        at = utc(datetime.fromisoformat(str(e["at"])))
        conn.execute(legal_request_events.insert().values(
            request_id=request_id, action=str(e["action"]), from_state=e.get("from_state"),
            to_state=str(e["to_state"]), at=at,
            recorded_at=now_utc(), actor=f"{e['actor']}@{peer}", agency=str(e["agency"]),
            reason=str(e.get("reason") or ""),
            details=json.dumps(e.get("details") or {}, ensure_ascii=False)))
        chain.append(conn, "request", f"{e['actor']}@{peer}", agency=str(e["agency"]),
                     recipient=str(data["requested"]), purpose=data.get("purpose"),
                     subjects=subjects, reason=str(e.get("reason") or data.get("message")
                                                   or ""),
                     details={"request": request_id, "type": kind, "action": str(e["action"]),
                              "from": e.get("from_state"), "to": str(e["to_state"]),
                              "at": at.isoformat(), "arrived": True, "peer": peer,
                              "message": message_id})
    return _row(_load(conn, request_id))


def create_request(
    store: SQLStore,
    actor: Actor,
    *,
    type: str,
    requested: str,
    subjects: list[str],
    legal_basis: str | None = None,
    measures: list[str] | None = None,
    attachments: list[dict[str, Any]] | None = None,
    purpose: str | None = None,
    urgency: str = "normal",
    message: str = "",
    deadline: str | date | None = None,
    at: datetime | None = None,
    conn: Connection | None = None,
) -> LegalRequest:
    """A draft request from `actor.agency` to `requested`, about records the requester knows
    of (its own, or visible to it at least as a hit for the declared purpose)."""
    if actor.agency is None:
        raise invalid("request.by_agency")
    if type not in TYPES:
        raise invalid("request.unknown_type", "type", value=type, allowed=list(TYPES))
    requesting = actor.agency
    to = store.require_agency(requested)
    requested = to.code
    basis, purpose_code, subjects = _checked(store, actor.user, requesting, requested, type,
                                             legal_basis, urgency, purpose, subjects)
    due = parse_date(deadline) if deadline else None
    when = at or now_utc()
    request = LegalRequest(
        id=secrets.token_hex(8), type=type, requesting=requesting, requested=requested,
        created_by=actor.user, legal_basis=basis, subjects=subjects,
        measures=[m.strip() for m in measures or [] if m.strip()],
        attachments=_attachments(attachments), purpose=purpose_code, urgency=urgency,
        message=message, deadline=due, state="draft", answer="", grant_id=None, created_at=when,
    )

    def write(c: Connection) -> None:
        values = request.to_dict()
        values.update(subjects=json.dumps(subjects), measures=json.dumps(request.measures),
                      attachments=json.dumps(request.attachments, ensure_ascii=False),
                      deadline=due, created_at=when, updated_at=when)
        c.execute(legal_requests.insert().values(**values))
        _event(c, request.id, "create", None, "draft", when, actor, requesting)
        chain.append(c, "request", actor.user, agency=requesting, recipient=requested,
                     purpose=purpose_code, subjects=subjects, reason=message,
                     details={"request": request.id, "type": type, "action": "create",
                              "legal_basis": basis, "at": when.isoformat()})

    if conn is not None:
        write(conn)
    else:
        with store.transaction() as c:
            write(c)
    return request


def _event(conn: Connection, request_id: str, action: str, from_state: str | None,
           to_state: str, at: datetime, actor: Actor, agency: str, reason: str = "",
           details: dict[str, Any] | None = None) -> None:
    conn.execute(legal_request_events.insert().values(
        request_id=request_id, action=action, from_state=from_state, to_state=to_state, at=at,
        recorded_at=now_utc(), actor=actor.user, agency=agency, reason=reason,
        details=json.dumps(details or {}, ensure_ascii=False)))


def _load(conn: Connection, request_id: str) -> Any:
    return conn.execute(select(legal_requests).where(legal_requests.c.id == request_id)).first()


def _events(conn: Connection, request_id: str) -> list[HistoryLine]:
    rows = conn.execute(select(legal_request_events)
                        .where(legal_request_events.c.request_id == request_id)
                        .order_by(legal_request_events.c.id)).all()
    return [HistoryLine(r.action, r.from_state, r.to_state, utc(r.at), utc(r.recorded_at),
                        r.actor, r.agency, r.reason, json.loads(r.details)) for r in rows]


def _side_of(row: Any, agency: str | None) -> str | None:
    if agency == row.requesting:
        return REQUESTING
    if agency == row.requested:
        return REQUESTED
    return None


def transition(
    store: SQLStore,
    actor: Actor,
    request_id: str,
    action: str,
    *,
    at: datetime | None = None,
    reason: str = "",
    details: dict[str, Any] | None = None,
    conn: Connection | None = None,
) -> LegalRequest:
    """Take `action` on a request as `actor`, at `at` (default now), or refuse it with why.

    `action` is a transition (send, receive, accept, start, execute, execute_partly, refuse,
    withdraw) or an event that moves a clock (extend with details {"clock": name} and a
    reason; arrest; consent: the last two for an EAW).
    """
    if conn is None:
        with store.transaction() as c:
            return transition(store, actor, request_id, action, at=at, reason=reason,
                              details=details, conn=c)
    row = _load(conn, request_id)
    side = _side_of(row, actor.agency) if row is not None else None
    if row is None or side is None:
        raise LookupError(request_id)
    when = at or now_utc()
    history = active(_events(conn, request_id))
    # an edit of the draft is entered when typed, not dated: a step registered after the fact
    # may precede it
    steps = [h for h in history if h.action != "edit"]
    if steps and when < steps[-1].at:
        raise WrongState("request.precedes", action=action, at=when,
                                last=steps[-1].action, last_at=steps[-1].at)
    details = dict(details or {})
    if action in TRANSITIONS:
        sources, target, allowed = TRANSITIONS[action]
        if side != allowed:
            raise WrongSide("request.wrong_side", side=allowed, action=action, id=request_id,
                agency=row.requesting if allowed == REQUESTING else row.requested)
        if row.state not in sources:
            raise WrongState("request.wrong_state", id=request_id, state=row.state,
                                    action=action, states=list(sources))
        if action == "refuse" and not reason.strip():
            raise invalid("request.refusal_reason", "reason")
        if action == "withdraw" and not reason.strip() and row.state != "draft":
            raise invalid("request.withdrawal_reason", "reason")
    elif action in EVENTS:
        target = row.state
        if side != REQUESTED:
            raise WrongSide("request.event_side", agency=row.requested,
                                    action=action, id=request_id)
        _check_event(row, action, details, reason, history)
    else:
        raise invalid("request.unknown_action", "action", value=action)
    values: dict[str, Any] = {"state": target, "updated_at": when}
    if reason.strip() and action in ("refuse", "withdraw", "execute", "execute_partly"):
        values["answer"] = reason
    if "grant_id" in details:
        values["grant_id"] = details["grant_id"]
    # only from the state just read: of two concurrent steps, one moves it, the other is told
    moved = conn.execute(update(legal_requests).where(
        legal_requests.c.id == request_id, legal_requests.c.state == row.state).values(**values))
    if moved.rowcount != 1:
        raise WrongState("request.changed", id=request_id)
    _event(conn, request_id, action, row.state, target, when, actor, actor.agency or "", reason,
           details)
    other = row.requested if side == REQUESTING else row.requesting
    chain.append(conn, "refusal" if action == "refuse" else "request", actor.user,
                 agency=actor.agency, recipient=other, purpose=row.purpose,
                 subjects=json.loads(row.subjects), reason=reason,
                 details={"request": request_id, "type": row.type, "action": action,
                          "from": row.state, "to": target, "at": when.isoformat(), **details})
    return _row(_load(conn, request_id))


def _next_state(row: Any, side: str, state: str, action: str, reason: str) -> str:
    """The state `action` taken by `side` leads to from `state`, or why it may not: the
    machine's rules without the clock checks (which the side that took it applied)."""
    if action in TRANSITIONS:
        sources, target, allowed = TRANSITIONS[action]
        if side != allowed:
            raise WrongSide("request.wrong_side", side=allowed, action=action, id=row.id,
                            agency=row.requesting if allowed == REQUESTING else row.requested)
        if state not in sources:
            raise WrongState("request.wrong_state", id=row.id, state=state, action=action,
                             states=list(sources))
        if action == "refuse" and not reason.strip():
            raise invalid("request.refusal_reason", "reason")
        return target
    if action in EVENTS:
        if side != REQUESTED:
            raise WrongSide("request.event_side", agency=row.requested, action=action,
                            id=row.id)
        if state in ENDED:
            raise WrongState("request.clocks_stopped", id=row.id, state=state)
        return state
    raise invalid("request.unknown_action", "action", value=action)


def reconcile(
    store: SQLStore,
    actor: Actor,
    request_id: str,
    action: str,
    *,
    seen: int,
    nodes: tuple[str, str],
    at: datetime | None = None,
    reason: str = "",
    details: dict[str, Any] | None = None,
    conn: Connection,
) -> LegalRequest:
    """Take a step the other side took on its node (`actor` is of that side), knowing `seen`
    of this side's steps when it did: the steps this side took after those crossed it in
    flight, and both nodes must end in the same state, whichever order the two messages
    arrive in.

    Nothing crossed: an ordinary `transition`. Otherwise the crossing steps are this side's
    steps the other had not seen and the other side's steps taken since this side's first of
    those (the new one included). Of the two sides, the one whose heaviest crossing step
    weighs most (`PRECEDENCE`) wins; between equal weights the earlier such step (its signed
    `at`), then the node name first in order (`nodes`: this node's name, the other's). The
    winner's steps stand, the loser's are recorded and marked `superseded_by` the winner, the
    state is the winner's, and the outcome is audited (superseded and reinstated steps named
    AGENCY#N, the Nth step of that agency, the same on both nodes). The decision depends on
    the whole crossing sets only, so it is taken again as each further crossing step arrives,
    and both nodes reach the same one once both have everything: the first arrivals may be
    decided one way and later ones reinstate them."""
    row = _load(conn, request_id)
    side = _side_of(row, actor.agency) if row is not None else None
    if row is None or side is None:
        raise LookupError(request_id)
    here = row.requested if side == REQUESTING else row.requesting
    there = str(actor.agency)
    lines = conn.execute(select(legal_request_events).where(
        legal_request_events.c.request_id == request_id)
        .order_by(legal_request_events.c.id)).all()
    mine = [r for r in lines if r.agency == here]
    crossing = mine[seen:]
    if not crossing:
        return transition(store, actor, request_id, action, at=at, reason=reason,
                          details=details, conn=conn)
    theirs = [r for r in lines if r.agency == there]
    # the other side's steps this node had when it took its first crossing step
    known = sum(1 for r in theirs if r.id < crossing[0].id)
    their_window = theirs[known:]
    base = str(crossing[0].from_state)
    # the other side's own chain from there, the new step at its end, must hold
    state = base
    for r in their_window:
        state = _next_state(row, side, state, r.action, r.reason)
    prior, target = state, _next_state(row, side, state, action, reason)
    when = at or now_utc()
    details = {**(details or {}), "seen": seen}
    _event(conn, request_id, action, prior, target, when, actor, there, reason, details)
    new_id = conn.execute(select(legal_request_events.c.id).where(
        legal_request_events.c.request_id == request_id)
        .order_by(legal_request_events.c.id.desc()).limit(1)).scalar_one()
    lines = conn.execute(select(legal_request_events).where(
        legal_request_events.c.request_id == request_id)
        .order_by(legal_request_events.c.id)).all()
    their_window = [r for r in lines if r.agency == there][known:]
    assert their_window[-1].id == new_id

    def weight(steps: list[Any], agency: str) -> tuple[int, datetime, str]:
        heaviest = max(PRECEDENCE.get(r.action, 1) for r in steps)
        first = min(utc(r.at) for r in steps if PRECEDENCE.get(r.action, 1) == heaviest)
        return -heaviest, first, nodes[0] if agency == here else nodes[1]

    winner = here if weight(crossing, here) < weight(their_window, there) else there
    numbers = {r.id: f"{r.agency}#{n}" for agency in (here, there)
               for n, r in enumerate((x for x in lines if x.agency == agency), start=1)}
    superseded, reinstated = [], []
    for r in crossing + their_window:
        data = json.loads(r.details or "{}")
        lost, was = r.agency != winner, bool(data.get("superseded_by"))
        if lost and (not was or r.id == new_id):
            data["superseded_by"] = winner
            superseded.append(numbers[r.id])
        elif not lost and was:
            data.pop("superseded_by")
            reinstated.append(numbers[r.id])
        else:
            continue
        conn.execute(update(legal_request_events).where(legal_request_events.c.id == r.id)
                     .values(details=json.dumps(data, ensure_ascii=False)))
    won = crossing if winner == here else their_window
    state = base
    values: dict[str, Any] = {"answer": "", "grant_id": None}
    for r in won:
        state = TRANSITIONS[r.action][1] if r.action in TRANSITIONS else state
        if r.reason.strip() and r.action in ("refuse", "withdraw", "execute", "execute_partly"):
            values["answer"] = r.reason
        grant = json.loads(r.details or "{}").get("grant_id")
        if grant:
            values["grant_id"] = grant
    values.update(state=state, updated_at=max(utc(r.at) for r in won))
    conn.execute(update(legal_requests).where(legal_requests.c.id == request_id)
                 .values(**values))
    subjects = json.loads(row.subjects)
    arrived_lost = winner != there
    # the step as it arrived (one entry per transition, as `transition` writes), then the
    # outcome: which steps stand, which are superseded
    chain.append(conn, "refusal" if action == "refuse" else "request", actor.user,
                 agency=there, recipient=here, purpose=row.purpose, subjects=subjects,
                 reason=reason,
                 details={"request": request_id, "type": row.type, "action": action,
                          "from": prior, "to": target,
                          "at": when.isoformat(), **details,
                          **({"superseded_by": winner} if arrived_lost else {})})
    chain.append(conn, "request", "federation", agency=here, recipient=there,
                 purpose=row.purpose, subjects=subjects,
                 reason=f"steps crossed: {winner} stands",
                 details={"request": request_id, "reconciled": {
                     "winner": winner, "state": state, "superseded": superseded,
                     "reinstated": reinstated,
                     "crossing": {here: [numbers[r.id] for r in crossing],
                                  there: [numbers[r.id] for r in their_window]}},
                     **({"peer_message": details["peer_message"]}
                        if "peer_message" in details else {})})
    return _row(_load(conn, request_id))


def _check_event(row: Any, action: str, details: dict[str, Any], reason: str,
                 history: list[HistoryLine]) -> None:
    if row.state in ENDED:
        raise WrongState("request.clocks_stopped", id=row.id, state=row.state)
    if action in ("arrest", "consent"):
        if row.type != "eaw":
            raise WrongState("request.eaw_only", action=action, type=row.type)
        if row.state != "received":
            raise WrongState("request.event_when_received", id=row.id,
                                    state=row.state, action=action)
        if any(h.action == action for h in history):
            raise WrongState("request.event_already", action=action, id=row.id)
        return
    clock = str(details.get("clock") or "")
    if not clock:
        clock = {"eio": "recognition", "eaw": "surrender_decision"}.get(row.type, "")
        details["clock"] = clock
    if not extendable(row.type, clock):
        raise WrongState("request.not_extendable", clock=clock or "deadline",
                                type=row.type)
    if not reason.strip():
        raise invalid("request.extension_reason", "reason")
    if any(h.action == "extend" and h.details.get("clock") == clock for h in history):
        raise WrongState("request.extended_once", clock=clock, id=row.id)
    if row.type == "eaw" and any(h.action == "consent" for h in history):
        raise WrongState("request.consent_no_extension")
    if row.type == "eaw" and not any(h.action == "arrest" for h in history):
        raise WrongState("request.no_arrest")
    open_states = ("received",) if row.type in ("eio", "eaw") else ()
    if row.state not in open_states:
        raise WrongState("request.clock_not_running", id=row.id, state=row.state,
                                clock=clock)


def _visible_row(store: SQLStore, agency: str, request_id: str) -> tuple[Any, list[HistoryLine]]:
    with store.engine.connect() as conn:
        row = _load(conn, request_id)
        if row is None or _side_of(row, agency) is None:
            raise LookupError(request_id)
        return row, _events(conn, request_id)


def load_request(store: SQLStore, request_id: str) -> LegalRequest:
    """A request whoever asks: for the operator's command line, which then acts as one of its
    sides (never for a user-facing path: those use `get_request`)."""
    with store.engine.connect() as conn:
        row = _load(conn, request_id)
    if row is None:
        raise LookupError(request_id)
    return _row(row)


def get_request(store: SQLStore, agency: str, request_id: str) -> LegalRequest:
    """A request, for one of its two sides only (anyone else: LookupError, as if absent)."""
    return _row(_visible_row(store, agency, request_id)[0])


def show_request(store: SQLStore, agency: str, request_id: str,
                 now: datetime | None = None) -> RequestDetail:
    row, history = _visible_row(store, agency, request_id)
    request = _row(row)
    return RequestDetail(request, history, _clocks(request, history), now or now_utc())


def _clocks(request: LegalRequest, history: list[HistoryLine]) -> list[Clock]:
    events = [Event(h.action, h.to_state, h.at, h.reason, h.details) for h in active(history)]
    return clocks(request.type, events, request.deadline)


def list_legal_requests(store: SQLStore, agency: str, box: str = "all",
                        type: str | None = None, state: str | None = None) -> list[LegalRequest]:
    """The agency's requests: incoming (it is asked), outgoing (it asks) or all."""
    query = select(legal_requests)
    if box == "incoming":
        query = query.where(legal_requests.c.requested == agency)
    elif box == "outgoing":
        query = query.where(legal_requests.c.requesting == agency)
    else:
        query = query.where(or_(legal_requests.c.requested == agency,
                                legal_requests.c.requesting == agency))
    if type:
        query = query.where(legal_requests.c.type == type)
    if state:
        query = query.where(legal_requests.c.state == state)
    with store.engine.connect() as conn:
        rows = conn.execute(query.order_by(legal_requests.c.created_at,
                                           legal_requests.c.id)).all()
    return [_row(r) for r in rows]


def due_list(store: SQLStore, agency: str | None, at: datetime | None = None,
             within: timedelta = timedelta(0)) -> list[DueItem]:
    """Running clocks of the agency's requests (every agency's if None) past due at `at`, or
    due within `within` of it: the overdue list (within 0) and reminders (within N days)."""
    now = at or now_utc()
    query = select(legal_requests).where(legal_requests.c.state.not_in(ENDED))
    if agency is not None:
        query = query.where(or_(legal_requests.c.requested == agency,
                                legal_requests.c.requesting == agency))
    out: list[DueItem] = []
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
        for row in rows:
            request = _row(row)
            for clock in _clocks(request, _events(conn, row.id)):
                if clock.stopped_at is not None or clock.due > now + within:
                    continue
                late = max(0.0, (now - clock.due).total_seconds() / 3600)
                out.append(DueItem(request.id, request.type, request.requesting,
                                   request.requested, request.state, clock.name, clock.due,
                                   clock.status(now), round(late, 1)))
    return sorted(out, key=lambda d: d.due)


def overdue(store: SQLStore, agency: str | None, at: datetime | None = None) -> list[DueItem]:
    return due_list(store, agency, at)


def reminders(store: SQLStore, agency: str | None, at: datetime | None = None,
              days: int = 7) -> list[DueItem]:
    """Clocks due within `days` of `at` that are not yet overdue."""
    now = at or now_utc()
    return [d for d in due_list(store, agency, now, timedelta(days=days)) if d.due >= now]


def time_to_execute(store: SQLStore, type: str | None = None) -> list[PairFigures]:
    """Days from sending to execution (full or partial), per pair of countries."""
    with store.engine.connect() as conn:
        query = select(legal_requests).where(legal_requests.c.state.in_(
            ("executed", "partly_executed")))
        if type:
            query = query.where(legal_requests.c.type == type)
        rows = conn.execute(query).all()
        countries = {a.code: a.country.upper() for a in store.list_agencies()}
        spans: dict[tuple[str, str], list[float]] = defaultdict(list)
        for row in rows:
            history = active(_events(conn, row.id))
            start = next((h.at for h in history if h.to_state in ("sent", "received")), None)
            end = next((h.at for h in history if h.to_state in ("executed", "partly_executed")),
                       None)
            if start is None or end is None:
                continue
            pair = (countries.get(row.requesting, "??"), countries.get(row.requested, "??"))
            spans[pair].append((end - start).total_seconds() / 86400)
    return [PairFigures(a, b, len(v), round(median(v), 2), round(sum(v) / len(v), 2),
                        round(max(v), 2)) for (a, b), v in sorted(spans.items())]


#: what an edit of a draft may change (the type and the two sides stay: another draft for that)
EDITABLE = ("legal_basis", "subjects", "measures", "purpose", "urgency", "message", "deadline")


def edit_draft(store: SQLStore, actor: Actor, request_id: str, **changes: Any) -> LegalRequest:
    """Change a draft before it is sent, as its requesting authority only, with the checks
    the draft passed when written (a refused edit changes nothing). `changes` names fields of
    `EDITABLE`; one given as None is left as it is, `deadline=""` clears the deadline.

    The history keeps an `edit` line with the fields changed (their old values in the audit
    log), so the draft sent can be told from the draft written."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise invalid("request.not_editable", unknown[0], value=unknown[0],
                      allowed=list(EDITABLE))
    given = {k: v for k, v in changes.items() if v is not None}
    with store.transaction() as conn:
        row = _load(conn, request_id)
        side = _side_of(row, actor.agency) if row is not None else None
        if row is None or side is None:
            raise LookupError(request_id)
        if side != REQUESTING:
            raise WrongSide("request.wrong_side", side=REQUESTING, action="edit",
                            id=request_id, agency=row.requesting)
        if row.state != "draft":
            raise WrongState("request.wrong_state", id=request_id, state=row.state,
                             action="edit", states=["draft"])
        old = _row(row)
        measures = given.get("measures", old.measures)
        basis, purpose_code, subjects = _checked(
            store, actor.user, row.requesting, row.requested, row.type,
            given.get("legal_basis", old.legal_basis) or None,
            given.get("urgency", old.urgency), given.get("purpose", old.purpose),
            list(given.get("subjects", old.subjects)))
        deadline = given.get("deadline", old.deadline)
        due = parse_date(deadline) if deadline else None
        new = {"legal_basis": basis, "subjects": subjects,
               "measures": [str(m).strip() for m in measures if str(m).strip()],
               "purpose": purpose_code, "urgency": given.get("urgency", old.urgency),
               "message": str(given.get("message", old.message)), "deadline": due}
        changed = sorted(k for k in new if new[k] != getattr(old, k))
        if not changed:
            return old
        when = now_utc()
        moved = conn.execute(update(legal_requests).where(
            legal_requests.c.id == request_id, legal_requests.c.state == "draft").values(
            legal_basis=basis, subjects=json.dumps(subjects),
            measures=json.dumps(new["measures"]), purpose=purpose_code,
            urgency=new["urgency"], message=new["message"], deadline=due, updated_at=when))
        if moved.rowcount != 1:
            raise WrongState("request.changed", id=request_id)
        _event(conn, request_id, "edit", "draft", "draft", when, actor, row.requesting,
               details={"fields": changed})
        before = {k: (getattr(old, k).isoformat() if isinstance(getattr(old, k), date)
                      else getattr(old, k)) for k in changed}
        chain.append(conn, "request", actor.user, agency=row.requesting,
                     recipient=row.requested, purpose=purpose_code, subjects=subjects,
                     reason=new["message"],
                     details={"request": request_id, "type": row.type, "action": "edit",
                              "from": "draft", "to": "draft", "at": when.isoformat(),
                              "fields": changed, "before": before})
        return _row(_load(conn, request_id))
