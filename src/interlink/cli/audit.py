"""`interlink audit ...`: checking and reading the hash-chained audit log."""

from __future__ import annotations

import json

import typer

from interlink.audit import chain
from interlink.cli import common

audit_app = typer.Typer(help="The append-only, hash-chained audit log.", no_args_is_help=True)


@audit_app.command("verify")
def verify(as_json: bool = typer.Option(False, "--json", help="Machine-readable output")) -> None:
    """Check every entry's hash and link; exit 1 if anything was edited or removed."""
    store = common.store()
    with store.engine.connect() as conn:
        report = chain.verify(conn)
    if as_json:
        typer.echo(json.dumps(
            {"ok": report.ok, "entries": report.entries, "head": report.head,
             "problems": report.problems}, indent=2))
    elif report.ok:
        common.out.print(f"audit log intact: {report.entries} entries, head {report.head}")
    else:
        for problem in report.problems:
            common.err.print(f"TAMPERED: {problem}", markup=False)
    if not report.ok:
        raise typer.Exit(1)


@audit_app.command("list")
def list_entries(
    action: str = typer.Option(None, "--action", help="Only this action, e.g. collection"),
    actor: str = typer.Option(None, "--actor", help="Only this user"),
    limit: int = typer.Option(50, "--limit", min=1, help="At most this many entries"),
) -> None:
    """Print audit entries as JSON lines, oldest first."""
    store = common.store()
    with store.engine.connect() as conn:
        for e in chain.entries(conn, action=action, actor=actor, limit=limit):
            typer.echo(json.dumps({
                "seq": e.seq, "at": chain.format_ts(e.at), "action": e.action, "actor": e.actor,
                "agency": e.agency, "reason": e.reason, "subjects": len(e.subjects),
                "hash": e.hash,
            }, ensure_ascii=False))


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")
