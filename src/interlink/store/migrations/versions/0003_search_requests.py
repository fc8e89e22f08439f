"""Search keys of current records; requests for information on hits.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "record_keys",
        sa.Column("key", sa.String(255), primary_key=True),
        sa.Column("record_id", sa.String(255), primary_key=True),
    )
    op.create_index("ix_record_keys_record", "record_keys", ["record_id"])
    op.create_table(
        "info_requests",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("record_id", sa.String(255), nullable=False),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("requester", sa.String(64), nullable=False),
        sa.Column("requested_by", sa.String(128), nullable=False),
        sa.Column("purpose", sa.String(64), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("grant_id", sa.String(32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_by", sa.String(128), nullable=True),
    )
    op.create_index("ix_info_requests_owner", "info_requests", ["owner", "status"])


def downgrade() -> None:
    op.drop_table("info_requests")
    op.drop_table("record_keys")
