"""Search keys of current records.

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


def downgrade() -> None:
    op.drop_table("record_keys")
