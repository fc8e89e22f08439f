"""`interlink operation ...` (placeholder while the notices module is written)."""

from __future__ import annotations

import typer

operation_app = typer.Typer(help="Notices and diffusions.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(operation_app, name="operation")
