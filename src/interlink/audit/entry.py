"""One audit entry and its hash: what the chain links and what every check reads."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
WRITE_ACTIONS = ("collection", "alteration", "erasure")


def format_ts(value: datetime) -> str:
    if value.tzinfo is None:  # SQLite hands back naive datetimes; we only ever write UTC
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")


@dataclass
class AuditEntry:
    seq: int
    at: datetime
    action: str
    actor: str
    agency: str | None = None
    recipient: str | None = None
    purpose: str | None = None
    reason: str = ""
    subjects: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    prev_hash: str = GENESIS
    hash: str = ""

    def compute_hash(self) -> str:
        body = {
            "seq": self.seq,
            "at": format_ts(self.at),
            "action": self.action,
            "actor": self.actor,
            "agency": self.agency,
            "recipient": self.recipient,
            "purpose": self.purpose,
            "reason": self.reason,
            "subjects": self.subjects,
            "details": self.details,
            "prev": self.prev_hash,
        }
        raw = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()

    @classmethod
    def from_row(cls, row: Any) -> AuditEntry:
        return cls(
            seq=row.seq,
            at=row.at,
            action=row.action,
            actor=row.actor,
            agency=row.agency,
            recipient=row.recipient,
            purpose=row.purpose,
            reason=row.reason,
            subjects=json.loads(row.subjects),
            details=json.loads(row.details),
            prev_hash=row.prev_hash,
            hash=row.hash,
        )
