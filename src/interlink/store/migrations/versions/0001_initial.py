"""Initial schema: agencies, versioned records, hash-chained audit log, screening alerts.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "agencies",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("names", sa.Text, nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "records",
        sa.Column("id", sa.String(255), primary_key=True),
        sa.Column("schema", sa.String(64), nullable=False),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("checksum", sa.String(40), nullable=False),
        sa.Column("caption", sa.Text, nullable=False),
        sa.Column("properties", sa.Text, nullable=False),
        sa.Column("handling", sa.String(2), nullable=False),
        sa.Column("conditions", sa.Text, nullable=False),
        sa.Column("tlp", sa.String(16), nullable=False),
        sa.Column("source_grade", sa.String(1), nullable=False),
        sa.Column("info_grade", sa.String(1), nullable=False),
        sa.Column("purposes", sa.String(255), nullable=False),
        sa.Column("collected_at", TS, nullable=False),
        sa.Column("review_by", sa.Date, nullable=True),
        sa.Column("source_ref", sa.String(512), nullable=False),
        sa.Column("erased", sa.Boolean, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("updated_by", sa.String(255), nullable=False),
    )
    op.create_index("ix_records_owner_schema", "records", ["owner", "schema"])
    op.create_index("ix_records_schema", "records", ["schema"])
    op.create_index("ix_records_source_ref", "records", ["source_ref"])
    op.create_table(
        "record_versions",
        sa.Column("record_id", sa.String(255), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("schema", sa.String(64), nullable=False),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("checksum", sa.String(40), nullable=False),
        sa.Column("properties", sa.Text, nullable=True),
        sa.Column("envelope", sa.Text, nullable=False),
        sa.Column("written_at", TS, nullable=False),
        sa.Column("written_by", sa.String(255), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer, "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("at", TS, nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(255), nullable=False),
        sa.Column("agency", sa.String(64), nullable=True),
        sa.Column("recipient", sa.String(64), nullable=True),
        sa.Column("purpose", sa.String(64), nullable=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("subjects", sa.Text, nullable=False),
        sa.Column("details", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_action", "audit_log", ["action"])
    op.create_index("ix_audit_actor", "audit_log", ["actor"])
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("agency", sa.String(64), nullable=True),
        sa.Column("query_ref", sa.String(255), nullable=False),
        sa.Column("query_name", sa.Text, nullable=False),
        sa.Column("record_id", sa.String(255), nullable=False),
        sa.Column("list_name", sa.String(255), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("explanation", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("decided_by", sa.String(255), nullable=True),
        sa.Column("decided_at", TS, nullable=True),
    )
    op.create_index("ix_alerts_status", "alerts", ["status"])


def downgrade() -> None:
    for table in ("alerts", "audit_log", "record_versions", "records", "agencies"):
        op.drop_table(table)
