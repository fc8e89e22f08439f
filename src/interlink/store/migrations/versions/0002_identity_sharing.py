"""Identity and sharing: users, tokens, sharing groups, served agencies, grants.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("login", sa.String(128), primary_key=True),
        sa.Column("agency", sa.String(64), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=True),
        sa.Column("disabled", sa.Boolean, nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "tokens",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("login", sa.String(128), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("secret_hash", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=True),
        sa.Column("revoked_at", TS, nullable=True),
    )
    op.create_index("ix_tokens_login", "tokens", ["login"])
    op.create_table(
        "sharing_groups",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "group_members",
        sa.Column("group_id", sa.String(64), primary_key=True),
        sa.Column("agency", sa.String(64), primary_key=True),
        sa.Column("added_at", TS, nullable=False),
    )
    op.create_table(
        "agency_serves",
        sa.Column("agency", sa.String(64), primary_key=True),
        sa.Column("client", sa.String(64), primary_key=True),
    )
    op.create_table(
        "grants",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("grantor", sa.String(64), nullable=False),
        sa.Column("recipient_agency", sa.String(64), nullable=True),
        sa.Column("recipient_group", sa.String(64), nullable=True),
        sa.Column("record_id", sa.String(255), nullable=True),
        sa.Column("purposes", sa.String(255), nullable=False),
        sa.Column("users", sa.Text, nullable=False),
        sa.Column("level", sa.String(8), nullable=False),
        sa.Column("valid_until", sa.Date, nullable=True),
        sa.Column("revoked_at", TS, nullable=True),
        sa.Column("parent", sa.String(32), nullable=True),
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_index("ix_grants_record", "grants", ["record_id"])
    op.create_index("ix_grants_recipient", "grants", ["recipient_agency"])


def downgrade() -> None:
    for table in ("grants", "agency_serves", "group_members", "sharing_groups", "tokens", "users"):
        op.drop_table(table)
