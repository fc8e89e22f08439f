"""`interlink audit ...`: checking and reading the hash-chained audit log."""

from __future__ import annotations

import json
from dataclasses import asdict

import typer

from interlink.audit import chain
from interlink.audit.anchor import Anchors
from interlink.cli import common, state
from interlink.core.messages import say

audit_app = typer.Typer(help="The append-only, hash-chained audit log.", no_args_is_help=True)


@audit_app.command("verify")
def verify(as_json: bool = typer.Option(False, "--json", help="Machine-readable output")) -> None:
    """Check every entry's hash and link, the signed anchors and the tables of activity; exit 1
    if anything was edited, cut or removed. A clean log's head is signed as a new anchor."""
    store = common.store()
    anchors = Anchors.for_store(store.url)
    with store.engine.connect() as conn:
        report = chain.verify(conn, anchors=anchors)
        if report.ok:
            anchors.sign(conn)
    if as_json:
        typer.echo(json.dumps(
            {"ok": report.ok, "entries": report.entries, "head": report.head,
             "problems": report.problems, "notes": report.notes}, indent=2))
    elif report.ok:
        common.out.print(f"audit log intact: {report.entries} entries, head {report.head}")
        for note in report.notes:
            common.err.print(say(note, state.LANG), markup=False)
    else:
        for problem in report.problems:
            common.err.print(f"TAMPERED: {say(problem, state.LANG)}", markup=False)
    if not report.ok:
        raise typer.Exit(1)


@audit_app.command("anchor")
def anchor(
    show: bool = typer.Option(False, "--print", help="Also print the anchor as a JSON line "
                              "(to keep a copy off this machine, e.g. in a log host)"),
) -> None:
    """Sign the audit log's current head now (what a server does at intervals)."""
    store = common.store()
    anchors = Anchors.for_store(store.url)
    with store.engine.connect() as conn:
        made = anchors.sign(conn)
    if made is None:
        common.err.print(f"no audit key at {anchors.key_path}: run `interlink init`",
                         markup=False)
        raise typer.Exit(1)
    if show:
        typer.echo(json.dumps(asdict(made), sort_keys=True))
    else:
        common.out.print(f"anchor {made.n}: entry {made.seq} signed")


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
