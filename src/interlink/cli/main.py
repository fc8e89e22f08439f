"""Entry point of the `interlink` command.

Each command group lives in its own module and adds itself with `register(app)`. Errors a user
can fix (`InvalidInput`) become one line on stderr and exit 1; usage errors exit 2 (Click's
convention); anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import sys

import typer

from interlink import settings
from interlink.cli import state
from interlink.core.errors import DomainError
from interlink.core.messages import render_error

app = typer.Typer(
    name="interlink",
    help="Interlink: share and analyse intelligence across agencies, on the owner's terms.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _global(
    store: str = typer.Option(
        None,
        "--store",
        envvar="INTERLINK_STORE",
        help="SQLite file path or database URL (postgresql+psycopg://...). "
        f"Default: {settings.STORE} in the working directory.",
        show_default=False,
    ),
    lang: str = typer.Option(
        "en", "--lang", envvar="INTERLINK_LANG",
        help="Language of messages: ar, en, es, fr (output data stays as stored)."),
) -> None:
    from interlink.core.messages import language

    state.STORE_URL = store or settings.STORE
    state.LANG = language(lang)


def _register_all() -> None:
    from interlink.cli import (
        admin,
        audit,
        data,
        demo,
        identity,
        network,
        records,
        resolve,
        screen,
        serve,
    )

    for module in (admin, identity, data, records, audit, demo, screen, network, serve,
                   resolve):
        module.register(app)
    from interlink.cli import legal_requests, notices, operations

    for module in (operations, legal_requests, notices):
        module.register(app)
    from interlink.cli import federation  # node, peer, search

    federation.register(app)
    from interlink.cli import notify
    notify.register(app)


_register_all()


def main() -> None:
    try:
        app(standalone_mode=True)
    except DomainError as exc:  # the one mapping of domain errors for the command line
        typer.echo(f"error: {render_error(exc, state.LANG)}", err=True)
        sys.exit(1)
