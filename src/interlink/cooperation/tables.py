"""Cooperation's tables, on the store's shared metadata (migration 0005 creates them).

Requests of every type, the request for information on a hit included, live in one table with
their history of transitions beside them: the clocks are computed from that history, so a
request registered after the fact (transitions `--at` a past time) has the right due dates.
Lists that are only ever read whole with their row (subjects, measures, attachments) are JSON
text, as elsewhere in the store.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from interlink.store.tables import metadata

legal_requests = Table(
    "legal_requests",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("type", String(16), nullable=False),  # rfi | mla | eio | eaw | extradition | ...
    Column("requesting", String(64), nullable=False),  # agency codes
    Column("requested", String(64), nullable=False),
    Column("created_by", String(128), nullable=False),
    Column("legal_basis", String(32), nullable=False, default=""),
    Column("subjects", Text, nullable=False, default="[]"),  # JSON list of record ids
    Column("measures", Text, nullable=False, default="[]"),  # JSON list of strings
    Column("attachments", Text, nullable=False, default="[]"),  # JSON list of objects
    Column("purpose", String(64), nullable=True),
    Column("urgency", String(16), nullable=False, default="normal"),
    Column("message", Text, nullable=False, default=""),
    Column("deadline", Date, nullable=True),  # set by the requester (types without a law's)
    Column("state", String(24), nullable=False),
    Column("answer", Text, nullable=False, default=""),  # the last reason given
    Column("grant_id", String(32), nullable=True),  # an RFI granted
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_legal_requests_requested", "requested", "state"),
    Index("ix_legal_requests_requesting", "requesting", "state"),
)

legal_request_events = Table(
    "legal_request_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("request_id", String(32), nullable=False),
    Column("action", String(24), nullable=False),  # create | send | ... | extend | arrest
    Column("from_state", String(24), nullable=True),
    Column("to_state", String(24), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),  # when it happened
    Column("recorded_at", DateTime(timezone=True), nullable=False),  # when it was entered
    Column("actor", String(128), nullable=False),
    Column("agency", String(64), nullable=False),
    Column("reason", Text, nullable=False, default=""),
    Column("details", Text, nullable=False, default="{}"),  # JSON
    Index("ix_legal_request_events_request", "request_id"),
)

operations = Table(
    "operations",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("lead", String(64), nullable=False),
    Column("purposes", String(255), nullable=False),  # comma-separated codes
    Column("starts", Date, nullable=True),
    Column("ends", Date, nullable=True),
    Column("description", Text, nullable=False, default=""),
    Column("state", String(16), nullable=False),  # open | closed
    Column("group_id", String(64), nullable=False),  # its sharing group
    Column("created_by", String(128), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("closed_at", DateTime(timezone=True), nullable=True),
)

operation_members = Table(
    "operation_members",
    metadata,
    Column("operation_id", String(32), primary_key=True),
    Column("agency", String(64), primary_key=True),
    Column("role", String(16), nullable=False),  # lead | partner
    Column("status", String(16), nullable=False),  # invited | member | left
    Column("contact", String(128), nullable=False, default=""),  # the liaison to call
    Column("joined_at", DateTime(timezone=True), nullable=True),
    Column("left_at", DateTime(timezone=True), nullable=True),
)

operation_targets = Table(
    "operation_targets",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("operation_id", String(32), nullable=False),
    Column("record_id", String(255), nullable=False),
    Column("agency", String(64), nullable=False),  # the agency that targets
    Column("added_by", String(128), nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("removed_at", DateTime(timezone=True), nullable=True),
    Index("ix_operation_targets_record", "record_id"),
)

operation_tasks = Table(
    "operation_tasks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("operation_id", String(32), nullable=False),
    Column("agency", String(64), nullable=False),
    Column("description", Text, nullable=False),
    Column("due", Date, nullable=True),
    Column("status", String(16), nullable=False),  # open | done
    Column("assigned_by", String(128), nullable=False),
    Column("assigned_at", DateTime(timezone=True), nullable=False),
)

# The results ledger: one row per arrest, seizure, freezing, organisation or investigation.
# Numbers the totals add up are columns; the rest of what a kind records is JSON.
operation_results = Table(
    "operation_results",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("operation_id", String(32), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("agency", String(64), nullable=False),
    Column("country", String(2), nullable=False),
    Column("happened_on", Date, nullable=False),
    Column("place", Text, nullable=False, default=""),
    Column("quantity", Float, nullable=True),
    Column("unit", String(16), nullable=True),
    Column("value", Float, nullable=True),  # estimated value or amount frozen
    Column("currency", String(3), nullable=True),
    Column("details", Text, nullable=False, default="{}"),  # JSON
    Column("recorded_by", String(128), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Index("ix_operation_results_op", "operation_id"),
)

deconfliction_notices = Table(
    "deconfliction_notices",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("trigger", String(16), nullable=False),  # target | screen | search
    Column("operation_id", String(32), nullable=True),  # the first agency's operation
    Column("record_id", String(255), nullable=False),  # the first agency's target
    Column("first_agency", String(64), nullable=False),
    Column("first_contact", String(128), nullable=False),
    Column("second_agency", String(64), nullable=False),
    Column("second_contact", String(128), nullable=False),
    Column("second_record", String(255), nullable=False),  # what the second agency touched
    Index("ix_deconfliction_agencies", "first_agency", "second_agency"),
)

notices = Table(
    "notices",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("type", String(16), nullable=False),  # red | yellow | ... | un | diffusion
    Column("issuer", String(64), nullable=False),
    Column("subject", String(255), nullable=False),  # the record the notice is about
    Column("scope", Text, nullable=False),  # JSON list of agency codes, or ["*"]
    Column("purpose", String(64), nullable=False),
    Column("reason", Text, nullable=False, default=""),
    Column("reference", String(128), nullable=False, default=""),  # e.g. Interpol's entity id
    Column("state", String(16), nullable=False),  # published | withdrawn | cancelled
    Column("grant_ids", Text, nullable=False, default="[]"),  # JSON: how it reached the scope
    Column("published_at", DateTime(timezone=True), nullable=False),
    Column("published_by", String(128), nullable=False),
    Column("ended_at", DateTime(timezone=True), nullable=True),
    Column("ended_reason", Text, nullable=False, default=""),
    Index("ix_notices_subject", "subject"),
)
