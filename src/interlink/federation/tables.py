"""Federation's tables: federation owns them and defines them on a metadata of its own (as the
audit does), so nothing else in the store has to know about peers. Migration 0010 creates them.

- `fed_node`: this node's name, URL and where the outbox builder stopped reading the audit
  chain (one row). The signing key is a file beside the audit key, never in the database.
- `fed_peers` / `fed_peer_agencies`: declared peers, their public key, the agencies each
  serves, the sequence counters of both directions and the last delivery error.
- `fed_outbox`: messages to a peer, numbered per peer, kept until acknowledged.
- `fed_inbox`: message ids and sequence numbers received from a peer (replays are refused by
  them); messages that arrived ahead of a gap wait here until the gap is filled.
- `fed_pair_keys`: the keys of the pseudonyms, per pair of nodes and direction, rotated.
- `fed_sent`: which grant sent which record to which peer (what a revocation, an erasure or a
  new version has to follow).
- `fed_received` / `fed_received_grants`: records received from peers and the grants they came
  with; only `interlink.access.federation` reads them, through the policy gate.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

fed_node = Table(
    "fed_node",
    metadata,
    Column("id", Integer, primary_key=True),  # always 1
    Column("name", String(128), nullable=False),
    Column("url", Text, nullable=False, default=""),
    Column("audit_cursor", BigInteger, nullable=False, default=0),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

fed_peers = Table(
    "fed_peers",
    metadata,
    Column("name", String(128), primary_key=True),
    Column("url", Text, nullable=False),
    Column("public_key", String(128), nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("out_seq", BigInteger, nullable=False, default=0),  # last sync seq assigned
    Column("in_seq", BigInteger, nullable=False, default=0),  # last sync seq applied in order
    Column("q_out_seq", BigInteger, nullable=False, default=0),  # last query seq sent
    Column("q_in_high", BigInteger, nullable=False, default=0),  # highest query seq received
    Column("last_error", Text, nullable=True),
    Column("last_error_at", DateTime(timezone=True), nullable=True),
    Column("last_delivered_at", DateTime(timezone=True), nullable=True),
)

fed_peer_agencies = Table(
    "fed_peer_agencies",
    metadata,
    Column("peer", String(128), primary_key=True),
    Column("agency", String(64), primary_key=True),
)

fed_outbox = Table(
    "fed_outbox",
    metadata,
    Column("peer", String(128), primary_key=True),
    Column("seq", BigInteger, primary_key=True),
    Column("message_id", String(64), nullable=False, unique=True),
    Column("kind", String(32), nullable=False),
    Column("body", Text, nullable=False),  # JSON
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("delivered_at", DateTime(timezone=True), nullable=True),
    Column("attempts", Integer, nullable=False, default=0),
)

fed_inbox = Table(
    "fed_inbox",
    metadata,
    Column("peer", String(128), primary_key=True),
    Column("channel", String(8), primary_key=True),  # sync | query
    Column("seq", BigInteger, primary_key=True),
    Column("message_id", String(64), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("body", Text, nullable=True),  # JSON, kept until applied
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=True),
)

fed_pair_keys = Table(
    "fed_pair_keys",
    metadata,
    Column("peer", String(128), primary_key=True),
    Column("direction", String(3), primary_key=True),  # out: ours to query with | in: theirs
    Column("key_id", String(32), primary_key=True),
    Column("secret", String(128), nullable=False),  # base64
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("confirmed_at", DateTime(timezone=True), nullable=True),  # the peer holds it
    Column("retired_at", DateTime(timezone=True), nullable=True),
)

fed_sent = Table(
    "fed_sent",
    metadata,
    Column("peer", String(128), primary_key=True),
    Column("grant_id", String(32), primary_key=True),
    Column("record_id", String(255), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=False),
    Column("ended_at", DateTime(timezone=True), nullable=True),  # revoked or erased
)

fed_received = Table(
    "fed_received",
    metadata,
    Column("record_id", String(255), primary_key=True),
    Column("peer", String(128), nullable=False),
    Column("owner", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("record", Text, nullable=True),  # JSON entity + envelope; NULL once gone
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("gone_at", DateTime(timezone=True), nullable=True),
    Column("gone_reason", String(32), nullable=True),  # revoked | erased
)

fed_received_grants = Table(
    "fed_received_grants",
    metadata,
    # `grant_id:agency`: one row per recipient agency of the owner's grant, or a local
    # re-grant's own id (peer NULL, parent the row it passes on)
    Column("id", String(128), primary_key=True),
    Column("grant_id", String(64), nullable=False),
    Column("peer", String(128), nullable=True),
    Column("record_id", String(255), nullable=False),
    Column("grantor", String(64), nullable=False),
    Column("recipient_agency", String(64), nullable=False),
    Column("purposes", String(255), nullable=False),
    Column("users", Text, nullable=False, default="[]"),
    Column("level", String(8), nullable=False),
    Column("valid_until", Date, nullable=True),
    Column("revoked", Boolean, nullable=False, default=False),
    Column("parent", String(128), nullable=True),
    Column("received_at", DateTime(timezone=True), nullable=False),
)

Index("ix_fed_received_grants_record", fed_received_grants.c.record_id)
Index("ix_fed_received_grants_grant", fed_received_grants.c.grant_id)
Index("ix_fed_sent_record", fed_sent.c.record_id)
Index("ix_fed_sent_grant", fed_sent.c.grant_id)
