"""The raw line each record's current version was ingested from, by its hash.

Re-sending an unchanged file (a partner's weekly extract) cost a JSON parse, a sort of every
property and a checksum per line only to find the record unchanged. With the hash of each
line's bytes (and of the terms it was read under) kept beside the version it wrote, an
unchanged line is recognised from its bytes alone (`interlink.ingest.lines`). An entry is
valid only while the record's head is still that version, so any later write (an update, an
erasure, a review extension) outdates it without touching this table.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ingest_lines",
        sa.Column("record_id", sa.String(255), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("line_hash", sa.String(40), nullable=False),
        sa.Column("own_envelope", sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("ingest_lines")
