"""Saved link charts: what an analyst drew, to open again (issue 14).

A chart is kept as its recipe (the centres, depth, entity types, resolved or raw) and the
analyst's notes, never as the drawn nodes and links: opening it draws again through the access
layer, so it shows only what its owner may see at that moment.

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "charts",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("agency", sa.String(64), nullable=False),
        sa.Column("owner", sa.String(128), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("centres", sa.Text, nullable=False),  # JSON list of record ids
        sa.Column("depth", sa.Integer, nullable=False),
        sa.Column("types", sa.Text, nullable=False),  # comma-separated FtM schemata
        sa.Column("raw", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_charts_owner", "charts", ["agency", "owner"])


def downgrade() -> None:
    op.drop_index("ix_charts_owner", table_name="charts")
    op.drop_table("charts")
