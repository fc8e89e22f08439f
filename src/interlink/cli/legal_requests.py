"""`interlink request ...`: judicial and police requests, their transitions and clocks.

`--agency` names the side acting (requesting or requested authority) and is checked against
the request; without it the command acts as the side the step belongs to, as an operator
registering what an authority did (the audit log names the operator either way). `--at`
records when a step really happened, for requests registered after the fact.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import typer

from interlink.cli import common
from interlink.cooperation import legal_requests as lr
from interlink.core.messages import invalid
from interlink.store import Actor

request_app = typer.Typer(help="Judicial and police requests: MLA, EIO, EAW, extradition ...",
                          no_args_is_help=True)

AT = typer.Option(None, "--at", help="When it really happened (ISO 8601; default now)")
AGENCY = typer.Option(None, "--agency", envvar="INTERLINK_AGENCY",
                      help="Act as this agency (checked against the request's sides)")
USER = typer.Option(None, "--user", help="The acting person, for the audit log")


@contextmanager
def _found(request_id: str) -> Iterator[None]:
    try:
        yield
    except LookupError:
        raise invalid("cli.no_request", "request_id", id=request_id) from None


def _actor(agency: str | None, user: str | None) -> Actor:
    base = common.actor(agency.upper() if agency else None)
    return Actor(user or base.user, base.agency)


def _when(value: str | None) -> datetime | None:
    return lr.parse_when(value, "--at")


@request_app.command("create")
def create(
    type: str = typer.Option(..., "--type", help=f"One of: {', '.join(lr.TYPES)}"),
    from_: str = typer.Option(..., "--from", help="The requesting agency"),
    to: str = typer.Option(..., "--to", help="The requested agency"),
    subject: list[str] = typer.Option(..., "--subject", help="A record id (repeatable)"),
    legal_basis: str = typer.Option(None, "--legal-basis",
                                    help=f"One of: {', '.join(lr.LEGAL_BASES)}"),
    deadline: str = typer.Option(None, "--deadline", help="Due date set by the requester"),
    measure: list[str] = typer.Option([], "--measure", help="A requested measure (repeatable)"),
    attachment: list[str] = typer.Option(
        [], "--attachment",
        help="NAME:LANG[:TRANSLATION,...], e.g. warrant.pdf:fr:ar,en (repeatable)"),
    purpose: str = typer.Option(None, "--purpose", help="Needed to name another agency's record"),
    urgency: str = typer.Option("normal", "--urgency", help=", ".join(lr.URGENCY)),
    message: str = typer.Option("", "--message", help="What is asked, in words"),
    at: str = AT,
    user: str = USER,
) -> None:
    """Draft a request. Its id is printed alone on the last line."""
    attachments = []
    for item in attachment:
        parts = item.split(":")
        if len(parts) < 2:
            raise invalid("cli.attachment", "attachment", value=item)
        attachments.append({"name": parts[0], "language": parts[1],
                            "translations": parts[2].split(",") if len(parts) > 2 else []})
    made = lr.create_request(
        common.store(), _actor(from_, user), type=type.lower(), requested=to, subjects=subject,
        legal_basis=legal_basis, measures=measure, attachments=attachments, purpose=purpose,
        urgency=urgency, message=message, deadline=deadline, at=_when(at))
    common.err.print(f"drafted {lr.TYPES[made.type]} {made.id}: {made.requesting} -> "
                     f"{made.requested}")
    typer.echo(made.id)


def _step(action: str, request_id: str, agency: str | None, user: str | None,
          at: str | None, reason: str, details: dict | None = None) -> None:  # type: ignore[type-arg]
    store = common.store()
    with _found(request_id):
        if agency is None:  # act as the side the step belongs to
            req = lr.load_request(store, request_id)
            who = lr.TRANSITIONS[action][2] if action in lr.TRANSITIONS else lr.REQUESTED
            agency = req.requesting if who == lr.REQUESTING else req.requested
        done = lr.transition(store, _actor(agency, user), request_id, action, at=_when(at),
                             reason=reason, details=details)
    common.out.print(f"request {done.id}: {action.replace('_', ' ')} -> {done.state}")


def _transition_command(action: str, doc: str) -> None:
    def command(
        request_id: str = typer.Argument(..., help="The request's id"),
        at: str = AT,
        reason: str = typer.Option("", "--reason", help="Why (required to refuse)"),
        agency: str = AGENCY,
        user: str = USER,
    ) -> None:
        _step(action, request_id, agency, user, at, reason)

    command.__doc__ = doc
    request_app.command(action)(command)


for _action, _doc in (
    ("send", "The requesting authority sends its draft."),
    ("receive", "The requested authority acknowledges receipt (starts the EIO clock)."),
    ("accept", "The requested authority accepts (recognises) the request."),
    ("start", "The requested authority starts executing it."),
    ("refuse", "The requested authority refuses, with --reason."),
    ("withdraw", "The requesting authority withdraws it."),
):
    _transition_command(_action, _doc)


@request_app.command("execute")
def execute(
    request_id: str = typer.Argument(..., help="The request's id"),
    partly: bool = typer.Option(False, "--partly", help="Executed in part only"),
    at: str = AT,
    reason: str = typer.Option("", "--reason", help="What was done"),
    agency: str = AGENCY,
    user: str = USER,
) -> None:
    """The requested authority reports the request executed (or partly executed)."""
    _step("execute_partly" if partly else "execute", request_id, agency, user, at, reason)


@request_app.command("record")
def record(
    request_id: str = typer.Argument(..., help="The request's id"),
    event: str = typer.Option(..., "--event", help="arrest | consent (EAW) | extend"),
    clock: str = typer.Option(None, "--clock", help="For extend: the clock to extend"),
    at: str = AT,
    reason: str = typer.Option("", "--reason", help="Why (required to extend)"),
    agency: str = AGENCY,
    user: str = USER,
) -> None:
    """Record an event that moves a clock: an arrest or consent on an EAW, an extension."""
    if event not in lr.EVENTS:
        raise invalid("cli.unknown_event", "event", value=event,
                      allowed=", ".join(sorted(lr.EVENTS)))
    _step(event, request_id, agency, user, at, reason, {"clock": clock} if clock else None)


@request_app.command("edit")
def edit(
    request_id: str = typer.Argument(..., help="The draft's id"),
    subject: list[str] = typer.Option(None, "--subject",
                                      help="A record id (repeatable; replaces the subjects)"),
    legal_basis: str = typer.Option(None, "--legal-basis",
                                    help=f"One of: {', '.join(lr.LEGAL_BASES)}"),
    deadline: str = typer.Option(None, "--deadline", help="Due date ('' clears it)"),
    measure: list[str] = typer.Option(None, "--measure",
                                      help="A requested measure (repeatable; replaces them)"),
    purpose: str = typer.Option(None, "--purpose"),
    urgency: str = typer.Option(None, "--urgency", help=", ".join(lr.URGENCY)),
    message: str = typer.Option(None, "--message"),
    agency: str = AGENCY,
    user: str = USER,
) -> None:
    """Change a draft before it is sent (the requesting side only); what is not given stays."""
    store = common.store()
    with _found(request_id):
        side = agency or lr.load_request(store, request_id).requesting
        done = lr.edit_draft(store, _actor(side, user), request_id, subjects=subject or None,
                             legal_basis=legal_basis, deadline=deadline,
                             measures=measure or None, purpose=purpose, urgency=urgency,
                             message=message)
    common.out.print(f"request {done.id}: draft saved")


@request_app.command("show")
def show(
    request_id: str = typer.Argument(..., help="The request's id"),
    at: str = typer.Option(None, "--at", help="Clocks as of this time (default now)"),
    agency: str = AGENCY,
) -> None:
    """State, history and every clock with its due date, as JSON."""
    store = common.store()
    with _found(request_id):
        side = agency.upper() if agency else lr.load_request(store, request_id).requesting
        detail = lr.show_request(store, side, request_id, now=_when(at))
    typer.echo(json.dumps(detail.to_dict(), ensure_ascii=False, indent=2))


@request_app.command("list")
def list_(
    agency: str = typer.Option(..., "--agency", help="Whose requests"),
    box: str = typer.Option("all", "--box", help="incoming | outgoing | all"),
    type: str = typer.Option(None, "--type"),
    state: str = typer.Option(None, "--state"),
) -> None:
    """An agency's requests, one JSON object a line."""
    for r in lr.list_legal_requests(common.store(), agency.upper(), box, type, state):
        typer.echo(json.dumps(r.to_dict(), ensure_ascii=False))


@request_app.command("overdue")
def overdue(
    at: str = typer.Option(None, "--at", help="As of this time (default now)"),
    agency: str = typer.Option(None, "--agency", help="One agency's (default: all)"),
    within: int = typer.Option(0, "--within", min=0,
                               help="Also clocks due within N days (reminders)"),
) -> None:
    """Running clocks past their due date (and, with --within, those coming due), one JSON
    object a line; exit 0 either way."""
    from datetime import timedelta

    items = lr.due_list(common.store(), agency.upper() if agency else None, _when(at),
                        timedelta(days=within))
    for item in items:
        typer.echo(json.dumps(item.to_dict(), ensure_ascii=False))
    common.err.print(f"{sum(i.status == 'overdue' for i in items)} overdue")


@request_app.command("figures")
def figures(type: str = typer.Option(None, "--type")) -> None:
    """Time to execute per pair of countries (days from sending to execution)."""
    for pair in lr.time_to_execute(common.store(), type):
        typer.echo(json.dumps(pair.to_dict()))


def register(app: typer.Typer) -> None:
    app.add_typer(request_app, name="request")
