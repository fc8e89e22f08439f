"""Cooperation: judicial and police requests (the RFI on a hit becomes their `rfi` type, its
rows copied over), joint operations with targets, tasks and results, deconfliction notices, and
notices published on the platform.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# info_requests statuses as states of the general request machine
_STATES = {"open": "received", "granted": "executed", "refused": "refused"}


def upgrade() -> None:
    op.create_table(
        "legal_requests",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("requesting", sa.String(64), nullable=False),
        sa.Column("requested", sa.String(64), nullable=False),
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.Column("legal_basis", sa.String(32), nullable=False, server_default=""),
        sa.Column("subjects", sa.Text, nullable=False, server_default="[]"),
        sa.Column("measures", sa.Text, nullable=False, server_default="[]"),
        sa.Column("attachments", sa.Text, nullable=False, server_default="[]"),
        sa.Column("purpose", sa.String(64), nullable=True),
        sa.Column("urgency", sa.String(16), nullable=False, server_default="normal"),
        sa.Column("message", sa.Text, nullable=False, server_default=""),
        sa.Column("deadline", sa.Date, nullable=True),
        sa.Column("state", sa.String(24), nullable=False),
        sa.Column("answer", sa.Text, nullable=False, server_default=""),
        sa.Column("grant_id", sa.String(32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_legal_requests_requested", "legal_requests", ["requested", "state"])
    op.create_index("ix_legal_requests_requesting", "legal_requests", ["requesting", "state"])
    op.create_table(
        "legal_request_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("request_id", sa.String(32), nullable=False),
        sa.Column("action", sa.String(24), nullable=False),
        sa.Column("from_state", sa.String(24), nullable=True),
        sa.Column("to_state", sa.String(24), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("agency", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
        sa.Column("details", sa.Text, nullable=False, server_default="{}"),
    )
    op.create_index("ix_legal_request_events_request", "legal_request_events", ["request_id"])
    op.create_table(
        "operations",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("lead", sa.String(64), nullable=False),
        sa.Column("purposes", sa.String(255), nullable=False),
        sa.Column("starts", sa.Date, nullable=True),
        sa.Column("ends", sa.Date, nullable=True),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("group_id", sa.String(64), nullable=False),
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "operation_members",
        sa.Column("operation_id", sa.String(32), primary_key=True),
        sa.Column("agency", sa.String(64), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("contact", sa.String(128), nullable=False, server_default=""),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("left_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "operation_targets",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("operation_id", sa.String(32), nullable=False),
        sa.Column("record_id", sa.String(255), nullable=False),
        sa.Column("agency", sa.String(64), nullable=False),
        sa.Column("added_by", sa.String(128), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_operation_targets_record", "operation_targets", ["record_id"])
    op.create_table(
        "operation_tasks",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("operation_id", sa.String(32), nullable=False),
        sa.Column("agency", sa.String(64), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("due", sa.Date, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("assigned_by", sa.String(128), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "operation_results",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("operation_id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("agency", sa.String(64), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("happened_on", sa.Date, nullable=False),
        sa.Column("place", sa.Text, nullable=False, server_default=""),
        sa.Column("quantity", sa.Float, nullable=True),
        sa.Column("unit", sa.String(16), nullable=True),
        sa.Column("value", sa.Float, nullable=True),
        sa.Column("currency", sa.String(3), nullable=True),
        sa.Column("details", sa.Text, nullable=False, server_default="{}"),
        sa.Column("recorded_by", sa.String(128), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_operation_results_op", "operation_results", ["operation_id"])
    op.create_table(
        "deconfliction_notices",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("trigger", sa.String(16), nullable=False),
        sa.Column("operation_id", sa.String(32), nullable=True),
        sa.Column("record_id", sa.String(255), nullable=False),
        sa.Column("first_agency", sa.String(64), nullable=False),
        sa.Column("first_contact", sa.String(128), nullable=False),
        sa.Column("second_agency", sa.String(64), nullable=False),
        sa.Column("second_contact", sa.String(128), nullable=False),
        sa.Column("second_record", sa.String(255), nullable=False),
    )
    op.create_index("ix_deconfliction_agencies", "deconfliction_notices",
                    ["first_agency", "second_agency"])
    op.create_table(
        "notices",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("issuer", sa.String(64), nullable=False),
        sa.Column("subject", sa.String(255), nullable=False),
        sa.Column("scope", sa.Text, nullable=False),
        sa.Column("purpose", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
        sa.Column("reference", sa.String(128), nullable=False, server_default=""),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("grant_ids", sa.Text, nullable=False, server_default="[]"),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_by", sa.String(128), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_reason", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_notices_subject", "notices", ["subject"])
    _copy_info_requests()


def _copy_info_requests() -> None:
    """Requests for information opened before this revision, as `rfi` requests (the old table
    stays, unused, so that a downgrade loses nothing)."""
    bind = op.get_bind()
    old = sa.table(
        "info_requests", *(sa.column(c) for c in (
            "id", "record_id", "owner", "requester", "requested_by", "purpose", "message",
            "status", "answer", "grant_id", "created_at", "answered_at")))
    new = sa.table("legal_requests", *(sa.column(c) for c in (
        "id", "type", "requesting", "requested", "created_by", "legal_basis", "subjects",
        "measures", "attachments", "purpose", "urgency", "message", "deadline", "state",
        "answer", "grant_id", "created_at", "updated_at")))
    events = sa.table("legal_request_events", *(sa.column(c) for c in (
        "request_id", "action", "from_state", "to_state", "at", "recorded_at", "actor",
        "agency", "reason", "details")))
    for row in bind.execute(sa.select(old)).all():
        state = _STATES.get(row.status, "received")
        bind.execute(new.insert().values(
            id=row.id, type="rfi", requesting=row.requester, requested=row.owner,
            created_by=row.requested_by, legal_basis="", subjects=json.dumps([row.record_id]),
            measures="[]", attachments="[]", purpose=row.purpose, urgency="normal",
            message=row.message, deadline=None, state=state, answer=row.answer,
            grant_id=row.grant_id, created_at=row.created_at,
            updated_at=row.answered_at or row.created_at))
        bind.execute(events.insert().values(
            request_id=row.id, action="create", from_state=None, to_state="received",
            at=row.created_at, recorded_at=row.created_at, actor=row.requested_by,
            agency=row.requester, reason="", details="{}"))
        if state != "received":
            bind.execute(events.insert().values(
                request_id=row.id, action="execute" if state == "executed" else "refuse",
                from_state="received", to_state=state, at=row.answered_at,
                recorded_at=row.answered_at, actor="migration", agency=row.owner,
                reason=row.answer, details="{}"))


def downgrade() -> None:
    for name in ("notices", "deconfliction_notices", "operation_results", "operation_tasks",
                 "operation_targets", "operation_members", "operations",
                 "legal_request_events", "legal_requests"):
        op.drop_table(name)
