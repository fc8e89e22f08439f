"""`interlink record ...`: one record, its versions, and its erasure."""

from __future__ import annotations

import json

import typer

from interlink.access import operator
from interlink.cli import common
from interlink.core.messages import invalid

record_app = typer.Typer(help="Read one record and its history; erase it.", no_args_is_help=True)


@record_app.command("show")
def show(
    record_id: str = typer.Argument(..., help="Record id"),
    version: int = typer.Option(None, "--version", min=1, help="An older version"),
) -> None:
    """Print a record (current or a given version) as FtM JSON with its envelope."""
    record = operator.show(common.store(), common.actor(), record_id, version)
    data = record.to_dict()
    data["version"] = record.version
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@record_app.command("history")
def history(record_id: str = typer.Argument(..., help="Record id")) -> None:
    """List every version: when, by whom, why, and whether its content still exists."""
    versions = common.store().history(record_id)
    if not versions:
        raise invalid("cli.no_record", "record_id", id=record_id)
    for v in versions:
        typer.echo(json.dumps({
            "version": v["version"], "kind": v["kind"], "written_at": v["written_at"].isoformat(),
            "written_by": v["written_by"], "reason": v["reason"],
            "content": "kept" if v["record"] is not None else "erased",
        }, ensure_ascii=False))


@record_app.command("erase")
def erase(
    record_id: str = typer.Argument(..., help="Record id"),
    reason: str = typer.Option(..., "--reason", help="Why (court order, retention, ...)"),
    agency: str = typer.Option(..., "--agency", help="The owner agency, acting"),
) -> None:
    """Erase a record's content in every version. The erasure is a version and is audited."""
    store = common.store()
    code = store.require_agency(agency).code
    held = store.get(record_id)
    if held is None or held.owner != code:
        # another agency's record reads as one that does not exist (the store's own refusal
        # would name its owner): no oracle from the command line either
        raise invalid("record.no_erase", "record_id", id=record_id, agency=code)
    store.erase(record_id, common.actor(code), reason)
    common.out.print(f"erased {record_id}")


def register(app: typer.Typer) -> None:
    app.add_typer(record_app, name="record")
