"""Screening alerts keep their explanation as codes with parameters (`names.explanation`),
beside the English line, so the web, the API and the CLI show it in the reader's language.

Stored as JSON text, as the other JSON columns (see `store.tables`). Alerts raised before this
revision have none: the surfaces read their line into codes when they show it.

Revision ID: 0011
Revises: 0007
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("alerts", sa.Column("explanation_codes", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("alerts", "explanation_codes")
