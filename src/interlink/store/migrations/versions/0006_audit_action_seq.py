"""Audit entries indexed by action and sequence number; records by owner and review date.

The gate asks, on every read that involves a grant, for the last audited change to sharing
groups or served agencies (to know whether its cached copy is current). With an index on the
action alone PostgreSQL answered that by walking the whole log backwards, and the log grows
with every read; (action, seq) makes it two index look-ups. The records due for review (an
owner's home page, the retention list) read every record of the agency without
(owner, review_by).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_audit_action_seq", "audit_log", ["action", "seq"])
    op.drop_index("ix_audit_action", table_name="audit_log")
    op.create_index("ix_records_owner_review", "records", ["owner", "review_by"])


def downgrade() -> None:
    op.drop_index("ix_records_owner_review", table_name="records")
    op.create_index("ix_audit_action", "audit_log", ["action"])
    op.drop_index("ix_audit_action_seq", table_name="audit_log")
