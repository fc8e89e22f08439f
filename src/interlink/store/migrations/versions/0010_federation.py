"""Federation between nodes: this node's identity, its peers and the agencies each serves, the
outbox per peer, the message ids and sequence numbers received (replays refused), the keys of
the pseudonyms per pair of nodes, what was sent under which grant, and what was received.

The node's signing key is not here: it is a file beside the audit key (`interlink init`), so
whoever can rewrite the database cannot sign as the node.

Revision ID: 0010
Revises: 0007
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TABLES = ("fed_received_grants", "fed_received", "fed_sent", "fed_pair_keys", "fed_inbox",
          "fed_outbox", "fed_peer_agencies", "fed_peers", "fed_node")


def upgrade() -> None:
    op.create_table(
        "fed_inbox",
        sa.Column("peer", sa.String(128), primary_key=True),
        sa.Column("channel", sa.String(8), primary_key=True),
        sa.Column("seq", sa.BigInteger(), primary_key=True),
        sa.Column("message_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "fed_node",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("url", sa.Text(), nullable=False, server_default=""),
        sa.Column("audit_cursor", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "fed_outbox",
        sa.Column("peer", sa.String(128), primary_key=True),
        sa.Column("seq", sa.BigInteger(), primary_key=True),
        sa.Column("message_id", sa.String(64), nullable=False, unique=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
    )
    op.create_table(
        "fed_pair_keys",
        sa.Column("peer", sa.String(128), primary_key=True),
        sa.Column("direction", sa.String(3), primary_key=True),
        sa.Column("key_id", sa.String(32), primary_key=True),
        sa.Column("secret", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "fed_peer_agencies",
        sa.Column("peer", sa.String(128), primary_key=True),
        sa.Column("agency", sa.String(64), primary_key=True),
    )
    op.create_table(
        "fed_peers",
        sa.Column("name", sa.String(128), primary_key=True),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("public_key", sa.String(128), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("out_seq", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("in_seq", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("q_out_seq", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("q_in_high", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_delivered_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "fed_received",
        sa.Column("record_id", sa.String(255), primary_key=True),
        sa.Column("peer", sa.String(128), nullable=False),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("record", sa.Text(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("gone_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("gone_reason", sa.String(32), nullable=True),
    )
    op.create_table(
        "fed_received_grants",
        sa.Column("id", sa.String(128), primary_key=True),
        sa.Column("grant_id", sa.String(64), nullable=False),
        sa.Column("peer", sa.String(128), nullable=True),
        sa.Column("record_id", sa.String(255), nullable=False),
        sa.Column("grantor", sa.String(64), nullable=False),
        sa.Column("recipient_agency", sa.String(64), nullable=False),
        sa.Column("purposes", sa.String(255), nullable=False),
        sa.Column("users", sa.Text(), nullable=False, server_default="[]"),
        sa.Column("level", sa.String(8), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("revoked", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("parent", sa.String(128), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "fed_sent",
        sa.Column("peer", sa.String(128), primary_key=True),
        sa.Column("grant_id", sa.String(32), primary_key=True),
        sa.Column("record_id", sa.String(255), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_fed_received_grants_record", "fed_received_grants", ["record_id"])
    op.create_index("ix_fed_received_grants_grant", "fed_received_grants", ["grant_id"])
    op.create_index("ix_fed_sent_record", "fed_sent", ["record_id"])
    op.create_index("ix_fed_sent_grant", "fed_sent", ["grant_id"])


def downgrade() -> None:
    for name in TABLES:
        op.drop_table(name)
