"""`interlink init` and `interlink agency ...`: setting up a store and its agencies."""

from __future__ import annotations

import json

import typer

from interlink.audit.anchor import Anchors
from interlink.cli import common
from interlink.core.agency import Agency

agency_app = typer.Typer(help="Agencies that own and share records.", no_args_is_help=True)


def init() -> None:
    """Create the store (or bring its schema up to date), and the key that signs its audit
    log's head (outside the store; see settings.AUDIT_KEY)."""
    store = common.store(create=True)
    anchors = Anchors.for_store(store.url)
    if anchors.create_key():
        common.out.print(f"audit key created: {anchors.key_path} (keep it off the database "
                         "server's backups; see docs/operations.md)")
    from interlink.federation.node import ensure as ensure_node

    ensure_node(store)  # the node's signing key, beside the audit key (docs/federation.md)
    with store.reading() as conn:
        made = anchors.sign(conn)
    head = made.seq if made is not None else 0
    ahead = max((a.seq for a in anchors.read()[0]), default=0)
    if made is not None and ahead > head:  # an old store's anchors: verify will call it cut
        common.err.print(f"warning: {anchors.anchors_path} signs entries up to {ahead} but this "
                         f"store's log ends at {head}: the anchors of another (older) store? "
                         "Move the file aside (docs/operations.md)", markup=False)
    common.out.print(f"store ready: {store.safe_url}")


@agency_app.command("add")
def agency_add(
    code: str = typer.Argument(..., help="Agency code, COUNTRY-UNIT, e.g. MA-DGSN"),
    name: str = typer.Option(..., "--name", help="Name of the agency (English or any)"),
    country: str = typer.Option(..., "--country", help="ISO 3166 country code, e.g. MA"),
    name_fr: str = typer.Option(None, "--name-fr", help="Name in French"),
    name_ar: str = typer.Option(None, "--name-ar", help="Name in Arabic"),
    name_es: str = typer.Option(None, "--name-es", help="Name in Spanish"),
) -> None:
    """Add an agency. Records can only be ingested for agencies added here."""
    extra = {k: v for k, v in (("fr", name_fr), ("ar", name_ar), ("es", name_es)) if v}
    agency = Agency.create(code, country, name=name, **extra)
    common.store().add_agency(agency, common.actor())
    common.out.print(f"added agency {agency.code} ({agency.name()}, {agency.country.upper()})")


@agency_app.command("list")
def agency_list(
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output"),
) -> None:
    """List the agencies of this store."""
    agencies = common.store().list_agencies()
    if as_json:
        typer.echo(json.dumps([a.to_dict() for a in agencies], ensure_ascii=False, indent=2))
        return
    for a in agencies:
        common.out.print(f"{a.code}\t{a.country.upper()}\t{a.name()}")


def reindex() -> None:
    """Recompute every record's search keys: run it once after an upgrade that changed how
    names are keyed (the release notes say so), or searches and notices miss cross-script
    matches on records stored before."""
    store = common.store()
    total = store.count()
    with common.progress_bar() as bar:
        task = bar.add_task("re-keying", total=total)
        done = store.reindex(common.actor(), progress=lambda n: bar.update(task, completed=n))
    common.out.print(f"re-keyed {done} record(s)")


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("reindex")(reindex)
    app.add_typer(agency_app, name="agency")
