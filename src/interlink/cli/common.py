"""Helpers the command modules share: opening the store, the acting user, console output."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from interlink import settings
from interlink.cli import state
from interlink.store import Actor, SQLStore, open_store

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


def store(create: bool = False) -> SQLStore:
    return open_store(state.STORE_URL, create=create)


def actor(agency: str | None = None) -> Actor:
    return Actor(user=settings.ACTOR, agency=agency)


@contextmanager
def progress_bar() -> Iterator[Progress]:
    """A progress display on stderr; silent when stderr is not a terminal (logs, CI)."""
    with Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        yield bar
