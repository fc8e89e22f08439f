"""`interlink notice ...` (placeholder while the notices module is written)."""

from __future__ import annotations

import typer

notice_app = typer.Typer(help="Notices and diffusions.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(notice_app, name="notice")
