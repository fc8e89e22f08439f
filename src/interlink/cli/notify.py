"""`interlink notify send|watch`: deliver each new inbox item by e-mail or webhook, once.

Off unless `INTERLINK_NOTIFY_EMAIL` or `INTERLINK_NOTIFY_WEBHOOK` names a destination (see the
README's settings). `send` is one round (for cron); `watch` repeats it every
`INTERLINK_NOTIFY_INTERVAL` seconds. A destination that fails is reported and tried again next
round; exit 1 if any failed, so a cron job's mail says so.
"""

from __future__ import annotations

import contextlib
import json

import typer

from interlink import notify
from interlink.cli import common, state
from interlink.cooperation import legal_requests as lr
from interlink.core.messages import invalid, render

notify_app = typer.Typer(help="Deliver the inbox by e-mail or webhook (off unless configured)",
                         no_args_is_help=True)


def _report(outcomes: list[notify.Outcome], as_json: bool, dry_run: bool = False) -> bool:
    """Print each outcome in the user's language (or as JSON lines); True if one failed."""
    failed = False
    for o in outcomes:
        if as_json:
            typer.echo(json.dumps(o.to_dict(), ensure_ascii=False))
        params = {"agency": o.agency, "channel": o.channel, "n": o.sent}
        if o.error:
            failed = True
            common.err.print(render("notify.failed", {**params, "reason": o.error},
                                    state.LANG))
        elif not as_json:
            common.out.print(render("notify.would_send" if dry_run else "notify.sent", params,
                                    state.LANG))
    return failed


def _configured(agency: str | None) -> None:
    if not notify.destinations(agency):
        raise invalid("notify.off")


@notify_app.command("send")
def send(
    agency: str = typer.Option(None, "--agency", help="Only this agency's destinations"),
    dry_run: bool = typer.Option(False, "--dry-run", help="Count what would be sent; send none"),
    at: str = typer.Option(None, "--at", help="The inbox as of this time (default now)"),
    as_json: bool = typer.Option(False, "--json", help="One JSON line per destination"),
) -> None:
    """One round: each destination's new inbox items, sent once and recorded."""
    _configured(agency)
    outcomes = notify.send(common.store(), agency, lr.parse_when(at, "--at"), dry_run=dry_run)
    if _report(outcomes, as_json, dry_run):
        raise typer.Exit(1)


@notify_app.command("watch")
def watch(
    interval: float = typer.Option(None, "--interval", min=1.0,
                                   help="Seconds between rounds (INTERLINK_NOTIFY_INTERVAL)"),
    rounds: int = typer.Option(None, "--rounds", min=1, help="Stop after N rounds"),
    as_json: bool = typer.Option(False, "--json", help="One JSON line per destination"),
) -> None:
    """Send rounds until stopped (Ctrl-C), or for --rounds; failures are retried."""
    _configured(None)

    def report(outcomes: list[notify.Outcome]) -> None:
        _report(outcomes, as_json)  # a failed delivery is retried next round, not fatal

    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C ends the watch, not an error
        notify.watch(common.store(), interval, rounds, report=report)


def register(app: typer.Typer) -> None:
    app.add_typer(notify_app, name="notify")
