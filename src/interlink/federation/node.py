"""This node's identity: a name, a URL and an Ed25519 signing key.

The private key is a file beside the audit key (`<store>.node-key`, or `<audit key>.node-key`
when INTERLINK_AUDIT_KEY names the audit key), made by `interlink init`, readable by its owner
only: never in the database, so whoever can rewrite the database still cannot sign messages as
this node. The public half is what a peer declares with `interlink peer add --key`.
"""

from __future__ import annotations

import base64
import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select, update

from interlink.audit import chain
from interlink.audit.anchor import Anchors
from interlink.core.messages import invalid
from interlink.federation.tables import fed_node
from interlink.store import Actor, SQLStore


def key_path(store: SQLStore) -> Path:
    """Where this store's node key lives: beside its audit key."""
    audit_key = str(Anchors.for_store(store.url).key_path)
    base = audit_key.removesuffix(".audit-key")
    return Path(f"{base}.node-key")


def create_key(store: SQLStore) -> bool:
    """Make the node's signing key unless it exists; True if made."""
    path = key_path(store)
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return True


def private_key(store: SQLStore) -> Ed25519PrivateKey:
    path = key_path(store)
    if not path.exists():
        # never the server's path in a message: the operator finds it in the settings
        raise invalid("node.no_key")
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise invalid("node.bad_key")
    return key


def encode_public(key: Ed25519PublicKey) -> str:
    """A public key as peers declare it: the 32 raw bytes in URL-safe base64."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_public(text: str) -> Ed25519PublicKey:
    """A declared public key; `InvalidInput` for anything that is not 32 bytes of base64."""
    try:
        raw = base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))
        return Ed25519PublicKey.from_public_bytes(raw)
    except (ValueError, TypeError) as exc:
        raise invalid("node.bad_public_key", "key") from exc


@dataclass(frozen=True)
class Node:
    name: str
    url: str
    public_key: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "url": self.url, "public_key": self.public_key}


def ensure(store: SQLStore) -> Node:
    """The node's identity, made on first use (`interlink init`): key file and name."""
    create_key(store)
    with store.transaction() as conn:
        row = conn.execute(select(fed_node).where(fed_node.c.id == 1)).first()
        if row is None:
            name = socket.gethostname().split(".")[0].lower() or "node"
            conn.execute(fed_node.insert().values(id=1, name=name, url="", audit_cursor=0,
                                                  created_at=datetime.now(UTC)))
    return show(store)


def show(store: SQLStore) -> Node:
    with store.reading() as conn:
        row = conn.execute(select(fed_node).where(fed_node.c.id == 1)).first()
    if row is None:
        return ensure(store)
    return Node(row.name, row.url, encode_public(private_key(store).public_key()))


def set_identity(store: SQLStore, actor: Actor, name: str | None = None,
                 url: str | None = None) -> Node:
    """Rename the node or change its URL (audited): peers know it by both."""
    ensure(store)
    values: dict[str, str] = {}
    if name is not None:
        if not name.strip() or len(name) > 128 or any(c.isspace() for c in name):
            raise invalid("node.name", "name")
        values["name"] = name.strip()
    if url is not None:
        from interlink.federation.peers import check_url

        values["url"] = check_url(url)
    if values:
        with store.transaction() as conn:
            conn.execute(update(fed_node).where(fed_node.c.id == 1).values(**values))
            chain.append(conn, "federation", actor.user, agency=actor.agency,
                         reason="node identity changed", details={"node": values})
    return show(store)
