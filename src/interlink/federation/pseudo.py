"""Keyed pseudonyms of search keys: what travels instead of a name, a birth date or a document
number in a pseudonymised federated search.

The keys are the store's own search keys (`interlink.search.keys`: cross-script name keys,
birth dates, document numbers), so the Arabic and Latin spellings of one name give the same
pseudonym. A pseudonym is HMAC-SHA256 of the key under a secret agreed per pair of nodes
(sent by the asking node in a signed message, `peer rotate-key` replaces it), cut to 16 bytes.
The answering node compares them against its own keys under the same secret: it learns which of
its own keys the query shares (it holds those already), not the words of a query that matches
nothing it holds, except by guessing them (see docs/federation.md: dictionary attacks on small
name spaces such as birth dates, and why queries are rate limited and keys rotated).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import math
import threading
from collections.abc import Callable, Iterable

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from interlink.audit.entry import WRITE_ACTIONS
from interlink.audit.table import audit_log
from interlink.store import SQLStore
from interlink.store.tables import record_keys


def pseudonym(secret: str, key: str) -> str:
    raw = hmac.new(base64.b64decode(secret), key.encode("utf-8"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(raw[:16]).decode("ascii").rstrip("=")


def pseudonyms(secret: str, keys: Iterable[str]) -> list[str]:
    """Sorted, so their order says nothing of the query's."""
    return sorted({pseudonym(secret, k) for k in keys})


# pseudonym -> key of this store's keys under one secret, kept while the keys do not change
# (a rotation is a new secret, hence a new entry)
_index: dict[tuple[str, str], tuple[tuple[int | None, ...], dict[str, str]]] = {}
# key -> how many records hold it, and all postings, per store, kept likewise
_counts: dict[str, tuple[tuple[int | None, ...], dict[str, int], int]] = {}
_lock = threading.Lock()

#: the audit actions of every write that changes search keys: records written, altered or
#: erased, and a re-keying of the whole store (its entry follows the work)
KEY_CHANGES = (*WRITE_ACTIONS, "reindex")


def key_state(conn: Connection) -> tuple[int | None, ...]:
    """Where the audit chain stands for each action that changes search keys: it moves with
    every such write (written in the same transaction as the keys), and reading it is one
    look-up in the (action, seq) index per action. The count of keys it replaces read the
    whole key table on every pseudonymised question, and missed a new version whose keys
    changed but not their number (its new name went unfound until another write)."""
    return tuple(conn.execute(select(func.max(audit_log.c.seq))
                              .where(audit_log.c.action == action)).scalar()
                 for action in KEY_CHANGES)


def _key_counts(store: SQLStore, conn: Connection, mark: tuple[int | None, ...],
                ) -> tuple[dict[str, int], int]:
    cached = _counts.get(store.url)
    if cached is not None and cached[0] == mark:
        return cached[1], cached[2]
    counts: dict[str, int] = dict(conn.execute(  # type: ignore[arg-type]
        select(record_keys.c.key, func.count()).group_by(record_keys.c.key)).all())
    total = sum(counts.values())
    with _lock:
        _counts[store.url] = (mark, counts, total)
    return counts, total


def reverse(store: SQLStore, secret: str, wanted: Iterable[str]) -> list[str]:
    """The keys of this store whose pseudonym under `secret` is among `wanted`."""
    with store.reading() as conn:
        # read before the keys: a write between the two makes the next question rebuild
        # (never a table older than its mark)
        mark = key_state(conn)
        cache_key = (store.url, secret)
        cached = _index.get(cache_key)
        if cached is None or cached[0] != mark:
            counts, _ = _key_counts(store, conn, mark)
            table = {pseudonym(secret, k): k for k in counts}
            with _lock:
                for old in [k for k in _index if k[0] == store.url and k != cache_key]:
                    if len(_index) > 8:
                        del _index[old]
                _index[cache_key] = (mark, table)
            cached = (mark, table)
    table = cached[1]
    return sorted({table[p] for p in wanted if p in table})


def weigher(store: SQLStore) -> Callable[[str], float]:
    """How much a key says, from this store's own key frequencies: log(1 + postings / records
    holding it). A key a thousand namesakes share says little; one only the asked person's
    record holds says much. A key this store does not hold weighs as the rarest."""
    with store.reading() as conn:
        counts, total = _key_counts(store, conn, key_state(conn))

    def weigh(key: str) -> float:
        return math.log1p(total / counts.get(key, 1))

    return weigh
