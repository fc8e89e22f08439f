"""What was delivered, so nothing is delivered twice (migration 0008 creates the table).

One row per inbox item, agency and channel: `key` names the item (its message code, link, date
and the id it is about), so an item that stays in the inbox for days is told once, and one that
changes (a deadline extended, a request now overdue) is told again as the new item it is.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, String, Table, UniqueConstraint

from interlink.store.tables import metadata

notify_sent = Table(
    "notify_sent",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("agency", String(64), nullable=False),
    Column("channel", String(16), nullable=False),  # email | webhook
    Column("key", String(64), nullable=False),  # sha256 of the item's identity
    Column("code", String(64), nullable=False),  # the item's message code, for reading
    Column("sent_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("agency", "channel", "key", name="uq_notify_sent"),
)
