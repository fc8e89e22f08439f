"""All configuration, read from environment variables in this one module (the README's
settings table lists every one). Other modules read `settings.NAME` at the time they use it, so
a test or a command can change a value after import."""

from __future__ import annotations

import os
from pathlib import Path

# OpenMP threads that wait at a barrier sleep instead of spinning, unless the operator chose
# otherwise. NetworKit's OpenMP runtime reads it when NetworKit is first imported, and every
# module that imports NetworKit imports this one first. On a shared 2-core machine a spinning
# thread burns the CPU its partner is waiting for (key actors + communities on 200,000 nodes /
# 1,000,000 edges: 4.1 s of CPU instead of 5.5-5.8 s).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

#: argon2id cost of the password hashes made from now on: passes over the memory and KiB of
#: memory (argon2-cffi's defaults, RFC 9106's second recommendation: 3 and 65536, about 0.3 s of
#: CPU each). A check uses the parameters written in the stored hash, so a change applies to
#: passwords set afterwards. The test suite lowers both (tests/conftest.py) to sign in quickly.
PASSWORD_TIME_COST = int(os.environ.get("INTERLINK_PASSWORD_TIME_COST", "3"))
PASSWORD_MEMORY_KIB = int(os.environ.get("INTERLINK_PASSWORD_MEMORY_KIB", "65536"))

#: Where records live: a SQLite file path or an SQLAlchemy URL (postgresql+psycopg://...).
STORE = os.environ.get("INTERLINK_STORE", "interlink.db")

#: Records per batch when writing in bulk: large enough for throughput, small enough that
#: memory stays bounded on million-entity inputs.
BATCH_SIZE = int(os.environ.get("INTERLINK_BATCH_SIZE", "5000"))

#: Who the command line acts as in the audit log when no user is signed in (else the OS user).
ACTOR = os.environ.get("INTERLINK_ACTOR") or os.environ.get("USER") or "cli"

#: Processes that read and validate large line-based inputs (FtM JSON lines) in parallel.
WORKERS = int(os.environ.get("INTERLINK_WORKERS", str(min(os.cpu_count() or 1, 8))))

#: Files smaller than this are read in one process (starting workers costs more than it saves).
PARALLEL_MIN_BYTES = int(os.environ.get("INTERLINK_PARALLEL_MIN_BYTES", str(16 << 20)))

#: Size of the parts a large file is cut into for the workers.
PARALLEL_PART_BYTES = int(os.environ.get("INTERLINK_PARALLEL_PART_BYTES", str(4 << 20)))

#: Size of a large file's first part: the parts grow from it, doubling, to PARALLEL_PART_BYTES,
#: so that the writing process, idle until the first part's lines arrive, waits for a few
#: hundred lines instead of a whole part (4 MiB: ~7,000 FtM lines, ~0.4 s of a reader).
PARALLEL_FIRST_PART_BYTES = int(os.environ.get("INTERLINK_PARALLEL_FIRST_PART_BYTES",
                                               str(256 << 10)))

#: Rows staged before a first load's first write (then BATCH_SIZE each): writing starts once
#: the first part's lines arrive, not after a whole batch.
FIRST_BATCH = int(os.environ.get("INTERLINK_FIRST_BATCH", "1000"))

#: The installed front-end packages (a `node_modules` directory); unset: the checkout's own.
WEB_ASSETS = os.environ.get("INTERLINK_WEB_ASSETS") or None

#: The Ed25519 key that signs the audit chain's head (created by `interlink init`). Unset: a
#: SQLite store's key sits beside its file (`<store>.audit-key`), a PostgreSQL store's in
#: STATE_DIR. Either way outside the database: whoever can rewrite the database must not hold it.
AUDIT_KEY = os.environ.get("INTERLINK_AUDIT_KEY") or None

#: The file of signed anchors (one JSON line per signed head); unset: beside the key.
AUDIT_ANCHORS = os.environ.get("INTERLINK_AUDIT_ANCHORS") or None

#: Seconds between two signed anchors while a server runs (0: only at init and verify).
AUDIT_ANCHOR_SECONDS = float(os.environ.get("INTERLINK_AUDIT_ANCHOR_SECONDS", "300"))

#: Where a PostgreSQL store's audit key and anchors go when not named above.
STATE_DIR = Path(os.environ.get("INTERLINK_STATE_DIR")
                 or Path.home() / ".local" / "state" / "interlink")


def store_location() -> str:
    """The store a server process opens: read when asked, because `interlink serve` names it
    in the environment of the worker processes it starts."""
    return os.environ.get("INTERLINK_STORE", STORE)


#: Federation: the client certificate (PEM with its key) this node presents to peers for mutual
#: TLS, and the CA bundle peers' certificates are checked against; unset: no client
#: certificate, the system's CAs (docs/federation.md).
FEDERATION_CLIENT_CERT = os.environ.get("INTERLINK_FEDERATION_CLIENT_CERT") or None
FEDERATION_CA = os.environ.get("INTERLINK_FEDERATION_CA") or None

#: Federation: questions (searches, screening queries) one peer may ask this node per minute;
#: beyond, refused with `rate_limited` and logged (dictionary attacks on pseudonyms need many).
FEDERATION_QUERIES_PER_MINUTE = int(os.environ.get("INTERLINK_FEDERATION_QUERIES_PER_MINUTE",
                                                   "600"))

#: Federation: seconds between two rounds of the server's delivery timer (the outbox read from
#: the audit log and sent to every peer with a backlog); a failing peer is retried after a
#: delay that doubles up to 5 minutes. 0: no timer (`interlink peer sync` delivers).
FEDERATION_DELIVERY_SECONDS = float(os.environ.get("INTERLINK_FEDERATION_DELIVERY_SECONDS",
                                                   "5"))

# -- delivery of the inbox by e-mail or webhook (interlink.notify): off unless a destination
# is named. Each destination list is `AGENCY=VALUE;AGENCY=VALUE`.

#: E-mail recipients per agency: `MA-DGSN=permanence@dgsn.example,chef@dgsn.example;FR-OFAST=...`
NOTIFY_EMAIL = os.environ.get("INTERLINK_NOTIFY_EMAIL", "")

#: Webhook URLs per agency (https, or http to this machine only): `MA-DGSN=https://...`
NOTIFY_WEBHOOK = os.environ.get("INTERLINK_NOTIFY_WEBHOOK", "")

#: Key of the HMAC-SHA256 signature a webhook's receiver checks (`X-Interlink-Signature`).
NOTIFY_WEBHOOK_SECRET = os.environ.get("INTERLINK_NOTIFY_WEBHOOK_SECRET", "")

#: The mail server, `HOST:PORT`; STARTTLS when it offers it (required with a password).
NOTIFY_SMTP = os.environ.get("INTERLINK_NOTIFY_SMTP", "localhost:25")
NOTIFY_SMTP_USER = os.environ.get("INTERLINK_NOTIFY_SMTP_USER", "")
NOTIFY_SMTP_PASSWORD = os.environ.get("INTERLINK_NOTIFY_SMTP_PASSWORD", "")

#: The sender of the e-mails.
NOTIFY_FROM = os.environ.get("INTERLINK_NOTIFY_FROM", "interlink@localhost")

#: The language of what is sent: one for all (`fr`) or per agency (`MA-DGSN=ar;FR-OFAST=fr`).
NOTIFY_LANG = os.environ.get("INTERLINK_NOTIFY_LANG", "en")

#: The web interface's address, to make the links sent absolute (`https://interlink.example`).
NOTIFY_BASE_URL = os.environ.get("INTERLINK_NOTIFY_BASE_URL", "")

#: Seconds between two rounds of `interlink notify watch`.
NOTIFY_INTERVAL = float(os.environ.get("INTERLINK_NOTIFY_INTERVAL", "300"))
