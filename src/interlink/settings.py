"""All configuration, read from INTERLINK_* environment variables in this one module."""

from __future__ import annotations

import os

#: Where records live: a SQLite file path or an SQLAlchemy URL (postgresql+psycopg://...).
STORE = os.environ.get("INTERLINK_STORE", "interlink.db")

#: Records per batch when writing in bulk: large enough for throughput, small enough that
#: memory stays bounded on million-entity inputs.
BATCH_SIZE = int(os.environ.get("INTERLINK_BATCH_SIZE", "5000"))

#: Who the command line acts as in the audit log when no user is signed in.
ACTOR = os.environ.get("INTERLINK_ACTOR") or os.environ.get("USER") or "cli"
