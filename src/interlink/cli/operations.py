"""`interlink operation ...`: joint operations, their targets, tasks, results and report.

Every command acts as one agency (`--agency`, or INTERLINK_AGENCY): the lead creates, invites,
assigns tasks and closes; partners join, leave, share, target and record results.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from interlink.cli import common
from interlink.cooperation import ledger
from interlink.cooperation import operations as ops
from interlink.cooperation.deconfliction import list_notices
from interlink.core.messages import invalid
from interlink.store import Actor

operation_app = typer.Typer(help="Joint operations: members, targets, tasks, results, report.",
                            no_args_is_help=True)
result_app = typer.Typer(help="The results ledger of an operation.", no_args_is_help=True)
operation_app.add_typer(result_app, name="result")

AGENCY = typer.Option(..., "--agency", envvar="INTERLINK_AGENCY", help="Act as this agency")
USER = typer.Option(None, "--user", help="The acting person, for the audit log and contacts")
OP_ID = typer.Argument(..., help="The operation's id")


def _actor(agency: str, user: str | None) -> Actor:
    base = common.actor(agency.upper())
    return Actor(user or base.user, base.agency)


@contextmanager
def _found(operation_id: str) -> Iterator[None]:
    try:
        yield
    except LookupError:
        raise invalid("cli.no_operation", "operation_id", id=operation_id) from None


def _print(data: object) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@operation_app.command("create")
def create(
    name: str = typer.Argument(..., help="The operation's name, e.g. Andes"),
    partner: list[str] = typer.Option([], "--partner", help="A partner agency to invite"),
    purpose: list[str] = typer.Option(..., "--purpose", help="A purpose (repeatable)"),
    starts: str = typer.Option(None, "--starts", help="First day (YYYY-MM-DD)"),
    ends: str = typer.Option(None, "--ends", help="Last day (YYYY-MM-DD)"),
    description: str = typer.Option("", "--description"),
    contact: str = typer.Option(None, "--contact", help="Whom partners call (default: --user)"),
    agency: str = AGENCY,
    user: str = USER,
) -> None:
    """Open an operation led by --agency; its id is printed alone on the last line."""
    op = ops.create_operation(common.store(), _actor(agency, user), name, partners=partner,
                              purposes=purpose, starts=starts, ends=ends,
                              description=description, contact=contact)
    common.err.print(f"operation {op.name} led by {op.lead}; invited: "
                     f"{', '.join(m.agency for m in op.members if m.role == 'partner') or '-'}")
    typer.echo(op.id)


@operation_app.command("invite")
def invite(operation_id: str = OP_ID,
           partner: str = typer.Argument(..., help="The agency to invite"),
           agency: str = AGENCY, user: str = USER) -> None:
    """The lead invites another partner."""
    with _found(operation_id):
        ops.invite(common.store(), _actor(agency, user), operation_id, partner)
    common.out.print(f"invited {partner.upper()}")


@operation_app.command("join")
def join(operation_id: str = OP_ID,
         contact: str = typer.Option(None, "--contact", help="Whom others call"),
         agency: str = AGENCY, user: str = USER) -> None:
    """An invited agency joins (enters the operation's sharing group)."""
    with _found(operation_id):
        op = ops.join(common.store(), _actor(agency, user), operation_id, contact)
    common.out.print(f"{agency.upper()} joined {op.name}")


@operation_app.command("leave")
def leave(operation_id: str = OP_ID, agency: str = AGENCY, user: str = USER) -> None:
    """A partner leaves: its access through the operation and its targets end."""
    with _found(operation_id):
        op = ops.leave(common.store(), _actor(agency, user), operation_id)
    common.out.print(f"{agency.upper()} left {op.name}")


@operation_app.command("close")
def close(operation_id: str = OP_ID, reason: str = typer.Option("", "--reason"),
          agency: str = AGENCY, user: str = USER) -> None:
    """The lead closes: the sharing group is emptied and its grants revoked."""
    with _found(operation_id):
        op = ops.close(common.store(), _actor(agency, user), operation_id, reason)
    common.out.print(f"closed {op.name}")


@operation_app.command("share")
def share(operation_id: str = OP_ID,
          record: list[str] = typer.Option(None, "--record",
                                           help="A record id (repeatable; default: all yours)"),
          purpose: list[str] = typer.Option(None, "--purpose"),
          agency: str = AGENCY, user: str = USER) -> None:
    """Share records into the operation under their own envelopes."""
    with _found(operation_id):
        made = ops.share(common.store(), _actor(agency, user), operation_id, record or None,
                         purpose or None)
    common.out.print(f"{len(made)} grant(s) to the operation's group")


@operation_app.command("target")
def target(operation_id: str = OP_ID,
           record: str = typer.Argument(..., help="The record id of the person targeted"),
           agency: str = AGENCY, user: str = USER) -> None:
    """Target a person; prints any deconfliction notice (who else, whom to call)."""
    with _found(operation_id):
        outcome = ops.add_target(common.store(), _actor(agency, user), operation_id, record)
    for notice in outcome.deconfliction:
        common.err.print(f"deconfliction: {notice.other_agency} is also interested; call "
                         f"{notice.other_contact}")
    _print(outcome.to_dict())


@operation_app.command("untarget")
def untarget(operation_id: str = OP_ID,
             record: str = typer.Argument(..., help="The record id no longer targeted"),
             agency: str = AGENCY, user: str = USER) -> None:
    """Stop targeting a person (the agency's own target only)."""
    with _found(operation_id):
        ops.remove_target(common.store(), _actor(agency, user), operation_id, record)
    common.out.print(f"{record} is no longer a target of {agency.upper()}")


@operation_app.command("task-done")
def task_done(operation_id: str = OP_ID,
              task_id: int = typer.Argument(..., help="The task's number"),
              agency: str = AGENCY, user: str = USER) -> None:
    """The assigned agency (or the lead) marks a task done."""
    with _found(operation_id):
        done = ops.complete_task(common.store(), _actor(agency, user), operation_id, task_id)
    _print(done.to_dict())


@operation_app.command("task")
def task(operation_id: str = OP_ID,
         to: str = typer.Option(..., "--to", help="The member agency assigned"),
         description: str = typer.Option(..., "--description"),
         due: str = typer.Option(None, "--due"),
         agency: str = AGENCY, user: str = USER) -> None:
    """The lead assigns a task."""
    with _found(operation_id):
        made = ops.assign_task(common.store(), _actor(agency, user), operation_id, to,
                               description, due)
    _print(made.to_dict())


@operation_app.command("show")
def show(operation_id: str = OP_ID, agency: str = AGENCY) -> None:
    """Members, targets and tasks, as JSON."""
    with _found(operation_id):
        _print(ops.get_operation(common.store(), agency.upper(), operation_id).to_dict())


@operation_app.command("list")
def list_(agency: str = AGENCY) -> None:
    """The agency's operations, one JSON object a line."""
    for op in ops.list_operations(common.store(), agency.upper()):
        typer.echo(json.dumps({"id": op.id, "name": op.name, "lead": op.lead,
                               "state": op.state}, ensure_ascii=False))


@operation_app.command("deconfliction")
def deconfliction(agency: str = AGENCY) -> None:
    """Deconfliction notices concerning the agency: who else, whom to call."""
    for n in list_notices(common.store(), agency.upper()):
        typer.echo(json.dumps(n.to_dict(), ensure_ascii=False))


@operation_app.command("totals")
def totals(by: str = typer.Option("operation", "--by", help="operation | country | month"),
           operation_id: str = typer.Option(None, "--operation"),
           agency: str = AGENCY) -> None:
    """Totals of results per operation, country or month, one JSON object a line."""
    with _found(operation_id or ""):
        for t in ledger.totals(common.store(), agency.upper(), by, operation_id):
            typer.echo(json.dumps(t.to_dict(), ensure_ascii=False))


@operation_app.command("report")
def report(operation_id: str = OP_ID,
           output: Path = typer.Option(..., "--output", help="report.html or report.pdf"),
           lang: str = typer.Option("en", "--lang", help="ar | en | fr"),
           agency: str = AGENCY) -> None:
    """The operation report in the reader's language, HTML or PDF (by --output's suffix)."""
    from interlink.cooperation.report import render_html, render_pdf

    store = common.store()
    with _found(operation_id):
        if output.suffix.lower() == ".pdf":
            output.write_bytes(render_pdf(store, agency.upper(), operation_id, lang))
        elif output.suffix.lower() in (".html", ".htm"):
            output.write_text(render_html(store, agency.upper(), operation_id, lang), "utf-8")
        else:
            raise invalid("cli.report_output", "output", file=output.name)
    common.out.print(f"wrote {output}")


@result_app.command("add")
def result_add(
    operation_id: str = OP_ID,
    kind: str = typer.Option(..., "--kind", help=", ".join(ledger.KINDS)),
    on: str = typer.Option(..., "--on", help="The day (YYYY-MM-DD)"),
    place: str = typer.Option("", "--place"),
    country: str = typer.Option(None, "--country", help="ISO 3166 (default: the agency's)"),
    person: str = typer.Option(None, "--person", help="arrest: who"),
    nationality: str = typer.Option(None, "--nationality"),
    record_id: str = typer.Option(None, "--record", help="The record of the person or asset"),
    commodity: str = typer.Option(None, "--commodity", help="seizure: cocaine, cannabis ..."),
    quantity: float = typer.Option(None, "--quantity"),
    unit: str = typer.Option(None, "--unit", help=", ".join(ledger.UNITS)),
    value: float = typer.Option(None, "--value", help="seizure: estimated value"),
    currency: str = typer.Option(None, "--currency", help="ISO 4217"),
    concealment: str = typer.Option(None, "--concealment", help="seizure: concealment method"),
    amount: float = typer.Option(None, "--amount", help="asset_freeze: amount frozen"),
    asset_kind: str = typer.Option(None, "--asset-kind", help=", ".join(ledger.ASSET_KINDS)),
    organisation: str = typer.Option(None, "--organisation"),
    reference: str = typer.Option(None, "--reference", help="investigation_opened: its number"),
    authority: str = typer.Option(None, "--authority"),
    agency: str = AGENCY,
    user: str = USER,
) -> None:
    """Record an arrest, seizure, asset freezing, organisation or investigation."""
    fields = {"person": person, "nationality": nationality, "record_id": record_id,
              "commodity": commodity, "quantity": quantity, "unit": unit, "value": value,
              "currency": currency, "concealment": concealment, "amount": amount,
              "asset_kind": asset_kind, "organisation": organisation, "reference": reference,
              "authority": authority}
    with _found(operation_id):
        made = ledger.add_result(common.store(), _actor(agency, user), operation_id, kind,
                                 on=on, place=place, country=country, **fields)
    _print(made.to_dict())


@result_app.command("list")
def result_list(operation_id: str = OP_ID, agency: str = AGENCY) -> None:
    """The operation's results, one JSON object a line."""
    with _found(operation_id):
        for r in ledger.list_results(common.store(), agency.upper(), operation_id):
            typer.echo(json.dumps(r.to_dict(), ensure_ascii=False, default=str))


def register(app: typer.Typer) -> None:
    app.add_typer(operation_app, name="operation")
