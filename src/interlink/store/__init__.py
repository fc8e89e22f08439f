"""The record store: one interface, one SQL implementation (SQLite file or PostgreSQL URL)."""

from interlink.store.base import Actor, Store, WriteResult
from interlink.store.sql import SQLStore


def open_store(location: str, create: bool = False) -> SQLStore:
    """Open the store at a SQLite path or database URL; `create` initialises or migrates it."""
    return SQLStore(location, create=create)


__all__ = ["Actor", "SQLStore", "Store", "WriteResult", "open_store"]
