"""Legal clocks of a request, computed from its history.

The law sets some deadlines and the requester sets the others:

- European Investigation Order (Directive 2014/41/EU, art. 12): the decision on recognition
  within 30 days of receipt, extendable once by 30 days with a reason; execution within 90 days
  of that decision.
- European Arrest Warrant (Framework Decision 2002/584/JHA, art. 17): the decision on
  surrender within 10 days of the person's consent; without consent, within 60 days of the
  arrest, extendable by 30 days with a reason.
- Every other type: the deadline the requester set, counted from sending.

Nothing here reads the wall clock: a clock is a function of the events (each with the time it
really happened) and of the `now` the caller passes, so a request registered after the fact
gets the right due dates and tests drive time at will.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

EIO_RECOGNITION = timedelta(days=30)
EIO_EXECUTION = timedelta(days=90)
EAW_AFTER_CONSENT = timedelta(days=10)
EAW_AFTER_ARREST = timedelta(days=60)
EXTENSION = {"recognition": timedelta(days=30), "surrender_decision": timedelta(days=30)}

DONE = ("executed", "partly_executed")
ENDED = (*DONE, "refused", "withdrawn")


@dataclass(frozen=True)
class Event:
    """One line of a request's history, as the clocks need it."""

    action: str
    to_state: str
    at: datetime
    reason: str = ""
    details: dict[str, Any] | None = None


@dataclass(frozen=True)
class Clock:
    """A deadline: when it started, when it is due, and when (if) it stopped."""

    name: str
    started_at: datetime
    due: datetime
    rule: str  # the rule's code (`core.messages.LABELS["clock_rule"]`): surfaces translate it
    extended: bool = False
    stopped_at: datetime | None = None

    @property
    def basis(self) -> str:
        """The rule in English words (the API's and CLI's `basis`, kept for their readers)."""
        from interlink.core.messages import label

        return label("clock_rule", self.rule)

    def status(self, now: datetime) -> str:
        """running | overdue | met | missed."""
        if self.stopped_at is None:
            return "overdue" if now > self.due else "running"
        return "met" if self.stopped_at <= self.due else "missed"

    def to_dict(self, now: datetime) -> dict[str, Any]:
        return {
            "name": self.name, "rule": self.rule, "basis": self.basis,
            "started_at": self.started_at.isoformat(),
            "due": self.due.isoformat(), "extended": self.extended,
            "stopped_at": self.stopped_at.isoformat() if self.stopped_at else None,
            "status": self.status(now),
        }


def utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything we write is UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def end_of(day: date) -> datetime:
    """A deadline date means "by the end of that day" (UTC)."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=UTC)


def _first(events: Sequence[Event], *states: str) -> datetime | None:
    return next((e.at for e in events if e.to_state in states and e.action != "extend"), None)


def _action(events: Sequence[Event], action: str) -> datetime | None:
    return next((e.at for e in events if e.action == action), None)


def _extended(events: Sequence[Event], clock: str) -> bool:
    return any(e.action == "extend" and (e.details or {}).get("clock") == clock for e in events)


def clocks(kind: str, events: Sequence[Event], deadline: date | None = None) -> list[Clock]:
    """Every clock of a request of type `kind` with this history (oldest event first)."""
    events = sorted(events, key=lambda e: e.at)
    ended = _first(events, *ENDED)
    out: list[Clock] = []
    if kind == "eio":
        received = _first(events, "received")
        if received is not None:
            decided = _first(events, "accepted", "refused", "withdrawn")
            ext = _extended(events, "recognition")
            due = received + EIO_RECOGNITION + (EXTENSION["recognition"] if ext else timedelta())
            out.append(Clock("recognition", received, due,
                             "eio.recognition.extended" if ext else "eio.recognition",
                             ext, decided))
        accepted = _first(events, "accepted")
        if accepted is not None:
            out.append(Clock("execution", accepted, accepted + EIO_EXECUTION,
                             "eio.execution", False, ended))
    elif kind == "eaw":
        consent = _action(events, "consent")
        arrest = _action(events, "arrest")
        decided = _first(events, "accepted", "refused", "withdrawn")
        if consent is not None:
            out.append(Clock("surrender_decision", consent, consent + EAW_AFTER_CONSENT,
                             "eaw.consent", False, decided))
        elif arrest is not None:
            ext = _extended(events, "surrender_decision")
            due = arrest + EAW_AFTER_ARREST + (
                EXTENSION["surrender_decision"] if ext else timedelta())
            out.append(Clock("surrender_decision", arrest, due,
                             "eaw.arrest.extended" if ext else "eaw.arrest", ext, decided))
    elif deadline is not None:
        sent = _first(events, "sent") or (events[0].at if events else None)
        if sent is not None:
            out.append(Clock("deadline", sent, end_of(deadline), "deadline", False, ended))
    return out


def extendable(kind: str, clock: str) -> bool:
    return (kind, clock) in (("eio", "recognition"), ("eaw", "surrender_decision"))
