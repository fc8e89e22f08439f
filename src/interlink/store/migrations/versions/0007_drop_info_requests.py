"""The old requests-for-information table goes: revision 0005 copied its rows into the request
machine (legal_requests, type rfi) and nothing has read it since.

The transitions 0005 copied were written without audit entries; the log's cross-check counts
every request transition against an entry (audit/crosscheck.py), so this revision records, in
one audit entry, how many it brought in.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

from interlink.audit import chain

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    old = sa.table("info_requests", sa.column("status"))
    rows = bind.execute(sa.select(old.c.status)).all()
    # 0005 wrote a "create" event for each, and an answer for each one no longer open
    copied = len(rows) + sum(1 for r in rows if r.status in ("granted", "refused"))
    if copied:
        chain.append(bind, "migration", "migration",
                     reason="requests for information carried into the request machine",
                     details={"revision": "0005", "request_transitions": copied})
    op.drop_index("ix_info_requests_owner", table_name="info_requests")
    op.drop_table("info_requests")


def downgrade() -> None:
    # the table comes back empty: its rows live on as legal requests of type rfi
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
