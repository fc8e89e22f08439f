"""`interlink notice ...`: issue, withdraw and import notices and diffusions.

Issuing prints the notice's id alone on the last line (the screening's figures on stderr).
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from sqlalchemy import select

from interlink.cli import common
from interlink.cooperation import notices as nt
from interlink.cooperation.tables import notices as notices_table
from interlink.core.messages import invalid
from interlink.store import Actor

notice_app = typer.Typer(help="Notices and diffusions: publish, screen, withdraw.",
                         no_args_is_help=True)
USER = typer.Option(None, "--user", help="The acting person, for the audit log")


def _actor(agency: str, user: str | None) -> Actor:
    base = common.actor(agency.upper())
    return Actor(user or base.user, base.agency)


@notice_app.command("issue")
def issue(
    type: str = typer.Option(..., "--type", help=", ".join(nt.TYPES)),
    subject: str = typer.Option(..., "--subject", help="The issuer's record of the person"),
    agency: str = typer.Option(..., "--agency", envvar="INTERLINK_AGENCY",
                               help="The issuing agency (its national central bureau)"),
    purpose: str = typer.Option(..., "--purpose"),
    scope: list[str] = typer.Option(None, "--scope",
                                    help="An agency it is published to (default: all)"),
    reason: str = typer.Option("", "--reason"),
    reference: str = typer.Option("", "--reference", help="e.g. Interpol's 2024/31877"),
    threshold: float = typer.Option(0.8, "--threshold", min=0.0, max=1.0),
    user: str = USER,
) -> None:
    """Issue a notice: publish it to the scope and screen the store for its subject now."""
    pub = nt.issue_notice(common.store(), _actor(agency, user), type, subject, purpose=purpose,
                          scope=scope or None, reason=reason, reference=reference,
                          threshold=threshold)
    common.err.print(f"{nt.TYPES[pub.notice.type]} published to {pub.grants} agencies; "
                     f"{pub.screened} candidates screened, {pub.owner_alerts} alerts to owners, "
                     f"{len(pub.issuer_hits)} hits for {pub.notice.issuer}")
    typer.echo(pub.notice.id)


@notice_app.command("withdraw")
def withdraw(
    notice_id: str = typer.Argument(..., help="The notice's id"),
    reason: str = typer.Option("withdrawn by the issuing agency", "--reason"),
    cancel: bool = typer.Option(False, "--cancel", help="Cancelled rather than withdrawn"),
    agency: str = typer.Option(None, "--agency", envvar="INTERLINK_AGENCY",
                               help="The issuing agency (default: the notice's issuer)"),
    user: str = USER,
) -> None:
    """Withdraw (or cancel) a notice: off every watchlist, its alerts closed."""
    store = common.store()
    if agency is None:
        with store.engine.connect() as conn:
            row = conn.execute(select(notices_table.c.issuer)
                               .where(notices_table.c.id == notice_id)).first()
        agency = row.issuer if row is not None else "-"
    try:
        ended = nt.end_notice(store, _actor(agency, user), notice_id, reason, cancel)
    except LookupError:
        raise invalid("cli.no_notice", "notice_id", id=notice_id, agency=agency) from None
    common.out.print(f"notice {ended.id} {ended.state}")


@notice_app.command("list")
def list_(agency: str = typer.Option(..., "--agency", envvar="INTERLINK_AGENCY"),
          state: str = typer.Option("published", "--state",
                                    help="published | withdrawn | cancelled | all")) -> None:
    """Notices the agency issued or is in the scope of, one JSON object a line."""
    for n in nt.list_notices(common.store(), agency.upper(), None if state == "all" else state):
        typer.echo(json.dumps(n.to_dict(), ensure_ascii=False))


@notice_app.command("alerts")
def alerts(notice_id: str = typer.Argument(...),
           agency: str = typer.Option(..., "--agency", envvar="INTERLINK_AGENCY")) -> None:
    """The alerts a notice raised for the agency, one JSON object a line."""
    for a in nt.notice_alerts(common.store(), agency.upper(), notice_id):
        typer.echo(json.dumps(a, ensure_ascii=False))


@notice_app.command("import")
def import_(
    path: Path = typer.Argument(..., exists=True, dir_okay=False,
                                help="Interpol public notices JSON"),
    agency: str = typer.Option(..., "--agency", envvar="INTERLINK_AGENCY"),
    purpose: str = typer.Option(..., "--purpose"),
    scope: list[str] = typer.Option(None, "--scope"),
    tlp: str = typer.Option("GREEN", "--tlp"),
    user: str = USER,
) -> None:
    """Import Interpol public notices as records and notices (each published and screened);
    the new notices' ids, one a line."""
    done = nt.import_interpol(common.store(), _actor(agency, user), path, purpose=purpose,
                              scope=scope or None, tlp=tlp)
    common.err.print(f"{len(done)} notices issued")
    for pub in done:
        typer.echo(pub.notice.id)


def register(app: typer.Typer) -> None:
    app.add_typer(notice_app, name="notice")
