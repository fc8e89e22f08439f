"""Typing slips in Latin name parts, told from other names by how often each spelling occurs.

A slip inside a Latin part ("habb" for Habib, "bahsir" for Bashir, "noui" for Nouri) moves its
consonant skeleton off the Arabic spelling's, and interlink.names then scores the pair as two
different names: across scripts there is no Latin spelling to compare letter by letter. One
consonant off is no evidence of a slip by itself: two different names are as often one
consonant apart (issue 18: a part score for "one consonant off" matched 0.32 % -> 2.26 % of
pairs of different attested names). What tells them apart is the data itself, as a spelling
corrector's dictionary does (Norvig; SymSpell's deletions): a slip makes a spelling that
(almost) nobody else holds, one edit (insertion, deletion, substitution, two letters swapped)
from a spelling that many records hold; a different name is itself a spelling that many hold.

So a Latin part held by at most SLIP_RARE records, whose first letter is kept (slips at the
first letter are rare, and two names that differ there are different names), has as its
possible corrections the Latin parts one edit away that at least SLIP_RATIO times as many
records hold. namesim scores such a part against an Arabic part as its best correction does,
less SLIP_PENALTY. Built once per name column from its distinct parts, in bulk: candidate
pairs meet on a shared deletion variant (a pandas join), then the edit is checked by rapidfuzz.

A rare part whose right spelling no record holds ("aftocuhe" / افتوش: "aftouche" is rare
itself) has no correction; against an Arabic part it still counts as a slip when their coarse
sound keys, of KEY_SLIP_MIN consonants or more each, are one edit apart with the same first
sound (key_slip): the sixth pass's "one consonant off", kept to rare spellings and long keys,
where it matched no more namesakes on the dev seeds (with keys of 3 consonants it did).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz import process
from rapidfuzz.distance import OSA

#: A Latin part held by at most this many records may be a slip.
SLIP_RARE = 3
#: Its corrections are held by at least this many times as many records.
SLIP_RATIO = 2
#: Parts shorter than this are not corrected (one edit in three letters makes another name).
SLIP_MIN_LENGTH = 4
#: What a part matched only through a correction loses against the correction's own score.
SLIP_PENALTY = 0.1


#: The shortest coarse keys key_slip compares (three consonants one edit apart are too often
#: two names).
KEY_SLIP_MIN = 4


def key_slip(a: Any, b: Any) -> bool:
    """Whether two name parts (interlink.names Part) have coarse keys of KEY_SLIP_MIN
    consonants or more that are one edit apart (OSA: a swap counts one) with the same first
    sound."""
    for ka in a.coarse_keys:
        for kb in b.coarse_keys:
            if (min(len(ka), len(kb)) >= KEY_SLIP_MIN and ka[0] == kb[0]
                    and OSA.distance(ka, kb, score_cutoff=1) <= 1):
                return True
    return False


def _variants(texts: list[str], ids: np.ndarray, with_self: bool) -> pd.DataFrame:
    """Each text's deletion variants (one letter removed), and the text itself if asked."""
    rows_v: list[str] = []
    rows_i: list[int] = []
    for text, i in zip(texts, ids.tolist(), strict=True):
        if with_self:
            rows_v.append(text)
            rows_i.append(i)
        for k in range(1, len(text)):  # the first letter stays: see the module's docstring
            rows_v.append(text[:k] + text[k + 1:])
            rows_i.append(i)
    return pd.DataFrame({"variant": rows_v, "id": np.asarray(rows_i, dtype=np.int64)})


def corrections(texts: list[str], counts: np.ndarray, eligible: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The possible corrections of each part (texts[i], held by counts[i] records; only the
    `eligible` ones: single Latin words) as (start, count, flat ids): parts one edit away,
    with the same first letter, held by SLIP_RATIO times as many records or more."""
    n = len(texts)
    start = np.zeros(n, dtype=np.int64)
    count = np.zeros(n, dtype=np.int64)
    empty = (start, count, np.zeros(0, dtype=np.int64))
    if n == 0:
        return empty
    # one row per distinct text: a spelling's records counted once whatever part holds it
    codes, uniq = pd.factorize(np.asarray(texts, dtype=object))
    held = np.bincount(codes, weights=counts, minlength=len(uniq)).astype(np.int64)
    ok = np.zeros(len(uniq), dtype=bool)
    ok[codes[eligible]] = True
    length = np.array([len(t) for t in uniq.tolist()], dtype=np.int64)
    rare = np.flatnonzero(ok & (held <= SLIP_RARE) & (length >= SLIP_MIN_LENGTH))
    common = np.flatnonzero(ok & (held >= SLIP_RATIO) & (length >= SLIP_MIN_LENGTH - 1))
    if len(rare) == 0 or len(common) == 0:
        return empty
    words = uniq.tolist()
    left = _variants([words[i] for i in rare.tolist()], rare, True)
    right = _variants([words[i] for i in common.tolist()], common, True)
    met = left.merge(right, on="variant", suffixes=("_slip", "_fix"))
    met = met[met["id_slip"] != met["id_fix"]].drop_duplicates(["id_slip", "id_fix"])
    slip = met["id_slip"].to_numpy(dtype=np.int64)
    fix = met["id_fix"].to_numpy(dtype=np.int64)
    keep = held[fix] >= SLIP_RATIO * np.maximum(held[slip], 1)
    slip, fix = slip[keep], fix[keep]
    if len(slip):  # a shared deletion variant may be two edits apart (a deletion in each)
        dist = process.cpdist([words[i] for i in slip.tolist()],
                              [words[i] for i in fix.tolist()], scorer=OSA.distance,
                              workers=1)
        one = np.asarray(dist) <= 1
        slip, fix = slip[one], fix[one]
    if len(slip) == 0:
        return empty
    # back to part ids: every part spelt as the slip, corrected to the first part of each fix
    first_part = np.full(len(uniq), -1, dtype=np.int64)
    order = np.arange(n)[::-1]
    first_part[codes[order]] = order
    by_text = pd.DataFrame({"slip": slip, "fix": first_part[fix]})
    part_rows = pd.DataFrame({"part": np.flatnonzero(eligible),
                              "slip": codes[eligible]})
    table = part_rows.merge(by_text, on="slip").sort_values(["part", "fix"])
    part = table["part"].to_numpy(dtype=np.int64)
    count = np.bincount(part, minlength=n).astype(np.int64)
    start = np.cumsum(count) - count
    return start, count, table["fix"].to_numpy(dtype=np.int64)
