"""FollowTheMoney JSON lines: one entity per line, as Aleph, OpenSanctions and `ftm` write them.

Lines may be fragments of one entity (FtM tools emit those); required properties are therefore
checked by the pipeline after fragments merge, not here.

Lines written by `interlink export --format ftm` carry an `envelope` beside the entity; it is
honoured, so an export ingested into a fresh store gives back the same records.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import orjson

from interlink.core.envelope import Envelope
from interlink.core.errors import InvalidInput
from interlink.core.messages import invalid
from interlink.core.record import loads, make_entity
from interlink.ingest.base import Item, ReadOptions, RowError
from interlink.ingest.textfile import utf8_lines


def _envelope(data: object, seen: dict[bytes, Envelope]) -> Envelope:
    """Parse an envelope, once per distinct envelope: an export repeats a handful of them on
    millions of lines."""
    if not isinstance(data, dict):
        raise invalid("record.envelope_object", "envelope")
    try:  # orjson: this runs on every line of an export
        key = orjson.dumps(data, option=orjson.OPT_SORT_KEYS, default=str)
    except TypeError:  # what orjson cannot write (a lone surrogate) the standard library can
        key = json.dumps(data, sort_keys=True, default=str).encode("utf-8", "surrogatepass")
    envelope = seen.get(key)
    if envelope is None:
        try:
            envelope = Envelope.from_dict(data)
        except InvalidInput as exc:
            # the envelope's refusal, its code and parameters kept (translated as they are)
            raise InvalidInput(exc.message, exc.field or "envelope", code=exc.code,
                               **exc.params) from None
        if len(seen) < 10_000:
            seen[key] = envelope
    return envelope


def read_ftm(path: Path, options: ReadOptions) -> Iterator[Item]:
    name = path.name
    good = 0
    envelopes: dict[bytes, Envelope] = {}
    for number, line, ended in utf8_lines(path, options.span):
        line = line.strip()
        if not line:
            continue
        row = str(number)
        try:
            data = loads(line)
        except json.JSONDecodeError as exc:
            if good == 0 and number == 1:
                # the JSON parser's own reason, in its words
                raise invalid("ingest.ftm_not_json", file=name, reason=exc.msg) from None
            if not ended:
                raise invalid("ingest.ftm_truncated", file=name, line=str(number)) from None
            yield Item(name, row, error=RowError(name, row, "", f"not JSON: {exc.msg}",
                                                 {"line": line[:500]}, "row.not_json",
                                                 {"reason": exc.msg}))
            continue
        if not isinstance(data, dict) or "schema" not in data:
            if good == 0 and number == 1:
                raise invalid("ingest.ftm_no_schema", file=name)
            yield Item(name, row, error=RowError(name, row, "schema", "not an FtM entity",
                                                 {"line": line[:500]}, "row.not_ftm"))
            continue
        try:
            entity = make_entity(data)
            envelope = None
            if data.get("envelope") is not None:
                envelope = _envelope(data["envelope"], envelopes)
        except InvalidInput as exc:
            yield Item(name, row, error=RowError.of(exc, name, row, exc.field or "", data))
            continue
        good += 1
        yield Item(name, row, entities=[entity], envelope=envelope)
