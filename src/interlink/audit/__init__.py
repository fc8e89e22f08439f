"""Append-only, hash-chained audit log: every collection, alteration, erasure, consultation,
disclosure and search, with signed anchors of its head kept outside the store."""

from interlink.audit.anchor import Anchor, Anchors
from interlink.audit.chain import AuditEntry, VerifyReport, append, entries, verify

__all__ = ["Anchor", "Anchors", "AuditEntry", "VerifyReport", "append", "entries", "verify"]
