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


#: the module that registers each command or group: one command run from the command line
#: imports its own module only (`_asked`); every other module costs a re-ingest ~0.3 s of CPU
MODULES = {
    "init": "admin", "reindex": "admin", "agency": "admin",
    "user": "identity", "token": "identity",
    "ingest": "data", "export": "data", "stats": "data",
    "record": "records", "audit": "audit", "demo": "demo", "screen": "screen",
    "network": "network", "serve": "serve",
    "resolve": "resolve", "judge": "resolve", "judgements": "resolve",
    "operation": "operations", "request": "legal_requests", "notice": "notices",
    "search": "federation", "node": "federation", "peer": "federation",
    "notify": "notify",
}
#: the global options that take a value (`_global`)
_VALUED = ("--store", "--lang")


def _asked(argv: list[str]) -> str | None:
    """The module of the command this process was started for, or None (every module): when
    the process is not the `interlink` command (a test, a program importing `app`), the
    command is not named, or it is unknown (Click's usage error then lists them all)."""
    started = argv[0].replace("\\", "/") if argv else ""
    if not (started.rsplit("/", 1)[-1] == "interlink" or started.endswith("interlink/__main__.py")):
        return None
    words = iter(argv[1:])
    for word in words:
        if word in _VALUED:
            next(words, None)
        elif not word.startswith("-"):
            return MODULES.get(word)
    return None


def _register(only: str | None) -> None:
    from importlib import import_module

    names = dict.fromkeys(MODULES.values()) if only is None else (only,)
    for name in names:
        import_module(f"interlink.cli.{name}").register(app)


_register(_asked(sys.argv))


def main() -> None:
    try:
        app(standalone_mode=True)
    except DomainError as exc:  # the one mapping of domain errors for the command line
        typer.echo(f"error: {render_error(exc, state.LANG)}", err=True)
        sys.exit(1)
