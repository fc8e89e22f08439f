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

#: Processes that read and validate large line-based inputs (FtM JSON lines) in parallel.
WORKERS = int(os.environ.get("INTERLINK_WORKERS", str(min(os.cpu_count() or 1, 8))))

#: Files smaller than this are read in one process (starting workers costs more than it saves).
PARALLEL_MIN_BYTES = int(os.environ.get("INTERLINK_PARALLEL_MIN_BYTES", str(16 << 20)))

#: Size of the parts a large file is cut into for the workers.
PARALLEL_PART_BYTES = int(os.environ.get("INTERLINK_PARALLEL_PART_BYTES", str(4 << 20)))
