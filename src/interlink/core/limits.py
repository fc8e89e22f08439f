"""Bounds on what comes from outside: ids the store can hold, row ids that fit its integer
columns, and quantities that are finite and of a size the world has.

A number past these is not an input to process but a probe or a typo; refusing it here, with
the field it came in, answers 4xx where the database would otherwise fail (SQLite cannot bind
an integer past 2**63, PostgreSQL overflows a column) or a report would sum infinity.
"""

from __future__ import annotations

import math
import re

from interlink.core.messages import invalid

#: the store's integer ids are signed 64-bit
MAX_ROW_ID = 2**63 - 1
#: a seizure, a freeze or a value above a thousand billion units (kg, euros ...) is a typo
MAX_QUANTITY = 1e12


#: the store's record id column
MAX_ID = 255
# control characters (C0, DEL, C1), line and paragraph separators, bidirectional marks and
# overrides (which make an id display as another), lone surrogates
_BAD_ID_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e"
                           "\u2066-\u2069\ud800-\udfff]")


def record_id(value: object, field: str = "id") -> str:
    """A record id as given, or InvalidInput naming the field: non-empty, at most MAX_ID
    characters, none of them invisible or reordering."""
    if not isinstance(value, str) or not value.strip():
        raise invalid("record.no_id", field)
    text = value.strip()
    if len(text) > MAX_ID:
        raise invalid("record.id_too_long", field, length=len(text), max=MAX_ID)
    bad = _BAD_ID_CHARS.search(text)
    if bad is not None:
        raise invalid("record.id_control", field, value=repr(text[:40]),
                      char=f"U+{ord(bad.group()):04X}")
    return text


def file_name(value: str | None, field: str = "file") -> str:
    """The name of an uploaded file as a plain name in one directory: never empty, ".", "..",
    a path or anything with control characters, which joined to a directory would name another
    place (".." its parent) or nothing printable."""
    name = (value or "").strip()
    if (name in ("", ".", "..") or "/" in name or "\\" in name
            or _BAD_ID_CHARS.search(name) is not None or len(name) > MAX_ID):
        raise invalid("file.bad_name", field, value=repr(name[:40]))
    return name


def quantity(value: object, field: str, maximum: float = MAX_QUANTITY) -> float:
    """A finite, non-negative amount no larger than `maximum`."""
    try:
        amount = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise invalid("quantity.not_number", field, name=field, value=repr(value)) from None
    if not math.isfinite(amount):
        raise invalid("quantity.not_finite", field, name=field)
    if amount < 0:
        raise invalid("quantity.negative", field, name=field)
    if amount > maximum:
        raise invalid("quantity.too_large", field, name=field, value=f"{amount:g}",
                      max=f"{maximum:g}")
    return amount
