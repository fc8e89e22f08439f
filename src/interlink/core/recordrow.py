"""A record in the form the store writes it (`RecordRow`), and the JSON it is written as.

Nothing here needs FollowTheMoney: the paths that only move stored rows around (the store's
writes, a re-ingest's unchanged lines, `ingest.lines`) import this and not `core.record`, and
so never pay for importing FtM and loading its model (half a second of a command's start-up).
`core.record` gives every name here too.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson

from interlink.core.envelope import Envelope

if TYPE_CHECKING:
    from interlink.core.record import Record


def dumps_compact(data: Any) -> str:
    """Compact JSON, non-ASCII kept, in the key order given: what the store keeps (and hashes)
    for properties. orjson writes exactly the bytes of `json.dumps(data, ensure_ascii=False,
    separators=(",", ":"))` several times faster; a text it refuses (a lone surrogate) falls
    back to the standard library, so the output never depends on which one ran."""
    try:
        return orjson.dumps(data).decode("utf-8")
    except TypeError:  # orjson.JSONEncodeError
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def loads(text: str | bytes) -> Any:
    """Parse JSON with orjson; what it refuses but the standard library reads (integers
    beyond 64 bits, NaN) is read by the latter, so no input changes meaning."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


class RecordRow(NamedTuple):
    """A record in the serialised form the store writes. Bulk paths (ingest staging, worker
    processes) hold records this way, so a million-entity load never rebuilds FtM objects just
    to store them; a tuple also crosses process boundaries far cheaper than an object."""

    id: str
    schema: str
    properties_json: str
    caption: str
    envelope: Envelope
    missing: str = ""  # the first required property the entity lacks, if any
    keys: tuple[str, ...] | None = None  # search keys, when computed ahead (ingest workers)

    @property
    def owner(self) -> str:
        return self.envelope.owner

    @classmethod
    def of(cls, record: Record) -> RecordRow:
        entity = record.entity
        missing = next((p for p in entity.schema.required if not entity.has(p)), "")
        return cls(
            record.id, record.schema, record.properties_json, entity.caption or "",
            record.envelope, missing,
        )

    def checksum(self) -> str:
        """Content hash over schema, properties and the envelope's terms: the same input gives
        the same checksum whenever it is sent, which is how re-ingesting a file adds nothing."""
        raw = "\x1f".join((self.schema, self.properties_json, self.envelope.terms_json))
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()


def scoped_id(owner: str, record_id: str) -> str:
    """The id a record gets when its own id is already used by another agency's record: stable
    (re-ingesting the same file gives the same id again) and tied to the owner, so two
    agencies' ids never collide and neither learns who held the other."""
    digest = hashlib.sha1(f"{owner}\x1f{record_id}".encode()).hexdigest()[:24]
    return f"{owner.lower()}-{digest}"
