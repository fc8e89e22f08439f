"""The audit log's table: audit owns it, and defines it on a metadata of its own, so that the
audit package imports nothing of the store (the store imports the audit, to chain its writes).
Migrations create it (0001, indexes in 0006)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, DateTime, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

audit_log = Table(
    "audit_log",
    metadata,
    Column(
        "seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    ),
    Column("at", DateTime(timezone=True), nullable=False),
    # collection | alteration | erasure | agency | consultation | disclosure | search | grant ...
    Column("action", String(32), nullable=False),
    Column("actor", String(255), nullable=False),
    Column("agency", String(64), nullable=True),  # the actor's agency
    Column("recipient", String(64), nullable=True),  # to whom, for disclosures and grants
    Column("purpose", String(64), nullable=True),  # declared purpose, for reads
    Column("reason", Text, nullable=False, default=""),
    Column("subjects", Text, nullable=False, default="[]"),  # JSON list of record ids
    Column("details", Text, nullable=False, default="{}"),  # JSON
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Index("ix_audit_action_seq", "action", "seq"),
    Index("ix_audit_actor", "actor"),
)
