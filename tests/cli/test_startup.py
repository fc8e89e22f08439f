"""A command run from the command line imports its own module only (`cli.main._asked`)."""

from __future__ import annotations

import subprocess
import sys

import typer

from interlink.cli import main

PROBE = """
import sys
sys.argv = [{argv0!r}, *{args!r}]
import interlink.cli.main
print(" ".join(sorted(m for m in sys.modules if m.startswith("interlink.cli."))))
"""


def _imported(argv0: str, *args: str) -> set[str]:
    code = PROBE.format(argv0=argv0, args=list(args))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    return {m.removeprefix("interlink.cli.") for m in out.stdout.split()}


def test_every_command_is_mapped_to_the_module_that_registers_it() -> None:
    found = {}
    for name in dict.fromkeys(main.MODULES.values()):
        app = typer.Typer()
        __import__(f"interlink.cli.{name}", fromlist=["register"]).register(app)
        for command in app.registered_commands:
            found[command.name or command.callback.__name__] = name  # type: ignore[union-attr]
        for group in app.registered_groups:
            found[group.name] = name  # type: ignore[index]
    assert found == main.MODULES


def test_ingest_imports_no_other_command_module() -> None:
    mods = _imported("/venv/bin/interlink", "--store", "x.db", "--lang", "fr", "ingest", "--help")
    assert mods == {"main", "state", "common", "data"}


def test_no_command_unknown_command_or_another_program_registers_all() -> None:
    every = set(main.MODULES.values())
    assert every <= _imported("/venv/bin/interlink", "--help")
    assert every <= _imported("/venv/bin/interlink", "ingestt")
    assert every <= _imported("/usr/bin/pytest", "ingest")
