"""Signed anchors: the chain's head, signed with a key the store does not hold.

The hash chain alone shows an entry edited or removed from its middle, but not entries cut from
its end, nor a chain rewritten from some entry on (every later entry re-hashed): whoever can
write the database can do either. An anchor is the head of the chain (its sequence number and
hash) at one moment, signed with an Ed25519 key that lives in a file outside the database and
appended to an anchors file, also outside it. `verify` then finds every anchored entry in the
chain with the hash that was signed: a cut below an anchor, or a rewrite before it, is seen.

What it cannot see (the README's "Security model" says so too): entries after the newest anchor
that leave no trace elsewhere (reads, searches) can still be cut; whoever holds the key and the
anchors file as well as the database can rewrite all three; lines cut from the end of the
anchors file are not seen here (copy anchors off the machine, e.g. with `interlink audit anchor
--print` to a log host, for that). Anchors are numbered, so a line removed from the middle is.

The key is made by `interlink init`; anchors are signed at init, after each clean `interlink
audit verify`, by `interlink audit anchor`, and every AUDIT_ANCHOR_SECONDS while a server runs.
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import json
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.engine import Connection, make_url

from interlink import settings
from interlink.audit.entry import GENESIS
from interlink.audit.table import audit_log
from interlink.core.messages import said


@dataclass(frozen=True)
class Anchor:
    """The head of the chain at `at`: entry `seq` had hash `head`. `n` numbers the anchors of
    one file (1, 2, ...), so a line removed from between two others is seen."""

    n: int
    seq: int
    head: str
    at: str
    signature: str = ""

    def payload(self) -> bytes:
        body = {"n": self.n, "seq": self.seq, "head": self.head, "at": self.at}
        return json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _default_base(store_url: str) -> Path:
    url = make_url(store_url)
    if url.get_backend_name() == "sqlite" and url.database:
        return Path(url.database).expanduser()
    # one pair of files per server and database (and schema, which tests set in the options)
    name = url.render_as_string(hide_password=True)
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]
    return Path(settings.STATE_DIR) / f"store-{digest}"


@dataclass(frozen=True)
class Anchors:
    """The key file and the anchors file of one store."""

    key_path: Path
    anchors_path: Path

    @classmethod
    def for_store(cls, store_url: str) -> Anchors:
        """The files named in settings, or those beside the store (see settings.AUDIT_KEY)."""
        base = _default_base(store_url)
        key = Path(settings.AUDIT_KEY) if settings.AUDIT_KEY else Path(f"{base}.audit-key")
        anchors = (Path(settings.AUDIT_ANCHORS) if settings.AUDIT_ANCHORS
                   else Path(f"{key}.anchors"))
        return cls(key, anchors)

    @property
    def public_path(self) -> Path:
        return Path(f"{self.key_path}.pub")

    # -- the key ------------------------------------------------------------------------------

    def create_key(self) -> bool:
        """Make the signing key (readable by its owner only) and its public half, unless they
        exist; True if made."""
        if self.key_path.exists():
            return False
        self.key_path.parent.mkdir(parents=True, exist_ok=True)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
        fd = os.open(self.key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
        self.public_path.write_bytes(key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
        return True

    def _private(self) -> Ed25519PrivateKey | None:
        if not self.key_path.exists():
            return None
        key = serialization.load_pem_private_key(self.key_path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{self.key_path} is not an Ed25519 key")
        return key

    def _public(self) -> Ed25519PublicKey | None:
        private = self._private()
        if private is not None:
            return private.public_key()
        if self.public_path.exists():  # a verifier may hold only the public half
            key = serialization.load_pem_public_key(self.public_path.read_bytes())
            if isinstance(key, Ed25519PublicKey):
                return key
        return None

    @property
    def can_sign(self) -> bool:
        return self.key_path.exists()

    # -- anchors ------------------------------------------------------------------------------

    def read(self) -> tuple[list[Anchor], list[str]]:
        """The anchors of the file, and the lines that are not anchors (as problems)."""
        if not self.anchors_path.exists():
            return [], []
        found: list[Anchor] = []
        problems: list[str] = []
        with self.anchors_path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                    found.append(Anchor(n=int(data["n"]), seq=int(data["seq"]),
                                        head=str(data["head"]), at=str(data["at"]),
                                        signature=str(data["signature"])))
                except (ValueError, KeyError, TypeError):
                    problems.append(said("audit.not_an_anchor", line=str(number),
                                         file=self.anchors_path.name))
        return found, problems

    def sign(self, conn: Connection) -> Anchor | None:
        """Sign the chain's current head and append it to the anchors file; None without a
        key. The caller reads `conn` after the entries it wants covered have committed."""
        key = self._private()
        if key is None:
            return None
        last = conn.execute(
            select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)
        ).first()
        seq, head = (int(last.seq), str(last.hash)) if last else (0, GENESIS)
        self.anchors_path.parent.mkdir(parents=True, exist_ok=True)
        # numbering reads the file and appends to it: one signer at a time, across the
        # processes of a server and a verify run beside them (an advisory lock on the file)
        fd = os.open(self.anchors_path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
        with os.fdopen(fd, "r+", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            previous, _ = self.read()
            unsigned = Anchor(n=max((a.n for a in previous), default=0) + 1, seq=seq,
                              head=head, at=datetime.now(UTC).isoformat(timespec="seconds"))
            signature = base64.b64encode(key.sign(unsigned.payload())).decode("ascii")
            anchor = Anchor(**{**asdict(unsigned), "signature": signature})
            handle.write(json.dumps(asdict(anchor), sort_keys=True) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        return anchor

    def check(self, hashes: dict[int, str], last_seq: int) -> tuple[list[str], list[str]]:
        """(problems, notes) of the anchors against the chain: `hashes` holds the hash of every
        anchored sequence number the chain has, `last_seq` its newest entry."""
        anchors, problems = self.read()
        public = self._public()
        if public is None:
            if anchors:
                problems.append(said("audit.anchors_unchecked", file=self.key_path.name))
            return problems, [said("audit.no_key", file=self.key_path.name)]
        if not anchors:
            problems.append(said("audit.anchors_removed", file=self.anchors_path.name))
            return problems, []
        expected = 1
        for anchor in sorted(anchors, key=lambda a: a.n):
            if anchor.n != expected:
                problems.append(said("audit.anchors_missing", first=str(expected),
                                     last=str(anchor.n - 1), file=self.anchors_path.name))
            expected = anchor.n + 1
            try:
                public.verify(base64.b64decode(anchor.signature), anchor.payload())
            except (InvalidSignature, ValueError):
                problems.append(said("audit.anchor_forged", n=str(anchor.n),
                                     seq=str(anchor.seq)))
                continue
            if anchor.seq == 0:
                continue
            if anchor.seq > last_seq:
                problems.append(said("audit.cut", first=str(last_seq + 1),
                                     last=str(anchor.seq), at=anchor.at))
            elif hashes.get(anchor.seq) != anchor.head:
                problems.append(said("audit.rewritten", seq=str(anchor.seq), at=anchor.at))
        newest = max(anchors, key=lambda a: a.n)
        return problems, [said("audit.newest_anchor", seq=str(newest.seq), at=newest.at)]

    def anchored(self) -> set[int]:
        """The sequence numbers the anchors name (what `verify` collects hashes of)."""
        return {a.seq for a in self.read()[0]}
