"""Append-only, hash-chained audit log: every collection, alteration, erasure and, once the
policy gate serves reads, every consultation, disclosure and search."""

from interlink.audit.chain import AuditEntry, VerifyReport, append, entries, verify

__all__ = ["AuditEntry", "VerifyReport", "append", "entries", "verify"]
