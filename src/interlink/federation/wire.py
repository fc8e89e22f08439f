"""Messages between nodes: signed JSON with a sequence number.

A message is `{"from", "to", "channel", "seq", "id", "kind", "at", "key", "body"}` plus
`signature`, the Ed25519 signature of the canonical JSON of everything else. `key` is the
sender's public key: the receiver refuses a message whose key is not the one it declared for
the sender (an undeclared key) before it even checks the signature (a bad signature), so a
message is never trusted for what it says about itself.

Two channels, each with its own sequence per pair of nodes: `sync` (the outbox: shares,
revocations, erasures, new versions, pair keys; applied in order, exactly once) and `query`
(federated searches, answered at once). Answers are signed too, naming the query they answer.
"""

from __future__ import annotations

import base64
import json
import secrets
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from interlink.federation.node import decode_public, encode_public

#: how far ahead of the last message applied a message may be and still be held for later;
#: beyond it the message is refused (a peer that skipped that many is broken or hostile)
WINDOW = 256


class Refused(Exception):
    """A message this node will not take: `reason` is a stable code, logged in the audit."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def canonical(data: dict[str, Any]) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=str).encode("utf-8")


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def new_id() -> str:
    return secrets.token_hex(16)


def seal(key: Ed25519PrivateKey, *, sender: str, to: str, channel: str, seq: int, kind: str,
         body: dict[str, Any], message_id: str | None = None, at: str | None = None,
         ) -> dict[str, Any]:
    """A signed message."""
    message = {"from": sender, "to": to, "channel": channel, "seq": seq,
               "id": message_id or new_id(), "kind": kind,
               "at": at or datetime.now(UTC).isoformat(),
               "key": encode_public(key.public_key()), "body": body}
    return {**message, "signature": _b64(key.sign(canonical(message)))}


def check(message: dict[str, Any], declared_key: str | None) -> None:
    """Raise `Refused` unless the message is well formed, carries the declared key and is
    signed by it. `declared_key` None: the sender is not a declared peer."""
    fields = ("from", "to", "channel", "seq", "id", "kind", "at", "key", "body", "signature")
    if not isinstance(message, dict) or any(f not in message for f in fields):
        raise Refused("malformed", "missing fields")
    if not isinstance(message["seq"], int) or message["seq"] < 1:
        raise Refused("malformed", "sequence number")
    if not isinstance(message["body"], dict):
        raise Refused("malformed", "body")
    if declared_key is None or message["key"] != declared_key:
        raise Refused("undeclared_key", str(message.get("from")))
    unsigned = {k: v for k, v in message.items() if k != "signature"}
    try:
        decode_public(declared_key).verify(_unb64(str(message["signature"])), canonical(unsigned))
    except (InvalidSignature, ValueError) as exc:
        raise Refused("bad_signature", str(message.get("from"))) from exc
