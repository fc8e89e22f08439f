"""Comparisons: for each candidate pair and each field, how well the two records agree.

Each comparison turns a pair into a *level* (0 = disagree, higher = closer; -1 = one side has
no value, which counts neither for nor against). Levels, not raw similarities, are what the
Fellegi-Sunter model weighs (model.py), as in Splink's comparison levels.

Work is done on the distinct pairs of values, not on the pairs of records: the codes of the two
records are compared first (equal codes are an exact match at no cost), and only the distinct
unequal (value, value) pairs go through rapidfuzz's `process.cpdist` (element-wise, in C++,
on both cores). Names are compared by spelling (Jaro-Winkler) and by sound key from
interlink.names, so "Youssef" meets "يوسف" at the sound-key level; full names given only as a
whole are compared with `interlink.names.compare` (order-free, nasab and dropped parts
understood), once per distinct pair of names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from interlink.resolve.frame import NAMES_SEP, Frame
from interlink.resolve.measures import (
    bigram_bits,
    char_matrix,
    dice,
    packed,
    within_one_edit,
)
from interlink.resolve.namesim import table_of

NULL = -1
WORKERS = -1  # rapidfuzz: all cores


@dataclass(frozen=True)
class Comparison:
    """One comparison: its name, the labels of its levels (index = level) and its function."""

    name: str
    levels: tuple[str, ...]
    needs: tuple[str, ...]
    fn: Callable[[Frame, np.ndarray, np.ndarray], np.ndarray]
    tf: str | None = None  # feature whose value frequency adjusts the exact level
    #: How often two random records agree exactly, as a prior for u when there are too few
    #: records to count it (a handful of rows in a CSV): about 1 in 1,000 for a name, 1 in
    #: 2 for a gender.
    u_top: float = 0.001
    #: At most this many random pairs estimate u (None: all of them). For a comparison whose
    #: every distinct pair costs Python work (whole names), 50,000 pairs give u within a few
    #: percent (its least frequent agreeing level, "same", occurs some 2,000 times among them)
    #: at a twentieth of the cost: on real Maghreb names, whose parts pair in far more
    #: distinct ways than a short list's, 200,000 made u the slowest stage of all (issue 18:
    #: 1.8 of 2.1 CPU seconds, with links unchanged at 50,000).
    u_pairs: int | None = None

    @property
    def top(self) -> int:
        return len(self.levels) - 1


def _codes(frame: Frame, name: str, left: np.ndarray, right: np.ndarray
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    col = frame.cols[name]
    a, b = col.codes[left], col.codes[right]
    null = (a < 0) | (b < 0)
    same = (a == b) & ~null
    return a, b, null, same


def _on_distinct(frame: Frame, name: str, a: np.ndarray, b: np.ndarray, todo: np.ndarray,
                 scorer: Callable, dtype: type = np.float32) -> np.ndarray:
    """scorer(value_a, value_b) for the pairs in `todo`, computed once per distinct pair."""
    out = np.zeros(len(a), dtype=dtype)
    if not todo.any():
        return out
    values = frame.cols[name].values
    ca, cb = a[todo].astype(np.int64), b[todo].astype(np.int64)
    key = ca * len(values) + cb
    inverse, uniq = pd.factorize(key)  # hashing: faster than sorting for tens of millions
    ua, ub = uniq // len(values), uniq % len(values)
    scores = process.cpdist(values[ua].tolist(), values[ub].tolist(), scorer=scorer,
                            workers=WORKERS)
    out[todo] = np.asarray(scores, dtype=dtype)[inverse]
    return out


def _levels(null: np.ndarray) -> np.ndarray:
    out = np.zeros(len(null), dtype=np.int8)
    out[null] = NULL
    return out


def name_part(part: str) -> Callable[[Frame, np.ndarray, np.ndarray], np.ndarray]:
    """First or last name: 4 same spelling, 3 Jaro-Winkler >= 0.92 or same sound key,
    2 >= 0.88 or same coarse key, 1 >= 0.7, 0 else."""
    spelled, key, coarse = f"{part}_name", f"{part}_key", f"{part}_coarse"

    def fn(frame: Frame, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        a, b, null, same = _codes(frame, spelled, left, right)
        out = _levels(null)
        todo = ~null & ~same
        jw = _on_distinct(frame, spelled, a, b, todo, JaroWinkler.normalized_similarity)
        _, _, _, same_key = _codes(frame, key, left, right)
        _, _, _, same_coarse = _codes(frame, coarse, left, right)
        out[todo & (jw >= 0.7)] = 1
        out[todo & ((jw >= 0.88) | same_coarse)] = 2
        out[todo & ((jw >= 0.92) | same_key)] = 3
        out[same] = 4
        return out

    return fn


def full_name(frame: Frame, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Whole names scored as interlink.names.compare scores them (namesim.py: in bulk, once
    per distinct pair of names and of name parts): 3 >= 0.95, 2 >= 0.88, 1 >= 0.75, 0 else."""
    a, b, null, same = _codes(frame, "name", left, right)
    out = _levels(null)
    todo = ~null & ~same
    if todo.any():
        col = frame.cols["name"]
        ca, cb = a[todo].astype(np.int64), b[todo].astype(np.int64)
        inverse, uniq = pd.factorize(ca * len(col.values) + cb)
        sims = table_of(col, frame.kind).scores(uniq // len(col.values),
                                                uniq % len(col.values))[inverse]
        lv = np.zeros(len(sims), dtype=np.int8)
        lv[sims >= 0.75] = 1
        lv[sims >= 0.88] = 2
        lv[sims >= 0.95] = 3
        out[todo] = lv
    out[same] = 3
    return out


def _edit_arrays(frame: Frame, name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    col = frame.cols[name]
    if "chars" not in col.cache:
        matrix, lengths = char_matrix(col.values)
        col.cache["chars"] = (matrix, lengths, packed(matrix))
    return col.cache["chars"]


def _bigrams(frame: Frame, name: str) -> tuple[np.ndarray, np.ndarray]:
    col = frame.cols[name]
    if "bigrams" not in col.cache:
        col.cache["bigrams"] = bigram_bits(col.values)
    return col.cache["bigrams"]


_NO_DAY = -(2**40)


def _day_numbers(values: np.ndarray) -> np.ndarray:
    """Days since 1970 of each YYYYMMDD value; _NO_DAY for partial or impossible dates."""
    text = [f"{v[:4]}-{v[4:6]}-{v[6:8]}" if len(v) == 8 else "NaT" for v in values.tolist()]
    days = pd.to_datetime(pd.Series(text, dtype=object), format="%Y-%m-%d", errors="coerce")
    out = (days - pd.Timestamp("1970-01-01")).dt.days
    return out.fillna(_NO_DAY).to_numpy(dtype=np.int64)


def birth_date(frame: Frame, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """3 same date; 2 a typing error: one digit wrong (or two neighbouring digits swapped), day
    and month swapped, or one day off; 1 same year (also when one side knows only the year);
    0 else: two dates that no typing error explains, evidence of two people (a namesake)."""
    a, b, null, same = _codes(frame, "birth_date", left, right)
    out = _levels(null)
    todo = ~null & ~same
    col = frame.cols["birth_date"]
    if "dates" not in col.cache:
        values = col.values
        year = pd.factorize(np.array([v[:4] for v in values], dtype=object))[0]
        swapped = np.array([v[:4] + v[6:8] + v[4:6] if len(v) == 8 else v for v in values],
                           dtype=object)
        # code of each value's day/month-swapped form, -1 when that form is not a value
        lookup = {v: i for i, v in enumerate(values.tolist())}
        swap_code = np.array([lookup.get(v, -1) for v in swapped.tolist()], dtype=np.int64)
        full = np.array([len(v) == 8 for v in values], dtype=bool)
        day = _day_numbers(values)
        col.cache["dates"] = (year, swap_code, full, day)
    year, swap_code, full, day = col.cache["dates"]
    ia, ib = a[todo], b[todo]
    lv = np.zeros(len(ia), dtype=np.int8)
    lv[year[ia] == year[ib]] = 1
    both_full = full[ia] & full[ib]
    matrix, lengths, words = _edit_arrays(frame, "birth_date")
    close = both_full & (within_one_edit(matrix, lengths, ia, ib, words)
                         | (swap_code[ia] == ib)
                         | ((np.abs(day[ia] - day[ib]) == 1) & (day[ia] > _NO_DAY)))
    lv[close] = 2
    out[todo] = lv
    # the same year-only date (1993 and 1993) says no more than the same year
    out[same] = np.where(full[np.maximum(a[same], 0)], 3, 1)
    return out


def dice_levels(name: str, cuts: tuple[float, ...]) -> Callable[
        [Frame, np.ndarray, np.ndarray], np.ndarray]:
    """Top level: same value; then one level per bigram-Dice cut, highest first."""

    def fn(frame: Frame, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        a, b, null, same = _codes(frame, name, left, right)
        out = _levels(null)
        todo = ~null & ~same
        bits, sizes = _bigrams(frame, name)
        sim = dice(bits, sizes, a[todo], b[todo])
        lv = np.zeros(len(sim), dtype=np.int8)
        for level, cut in enumerate(sorted(cuts), start=1):
            lv[sim >= cut] = level
        out[todo] = lv
        out[same] = len(cuts) + 1
        return out

    return fn


def one_edit_levels(name: str) -> Callable[[Frame, np.ndarray, np.ndarray], np.ndarray]:
    """2 same value, 1 one typo apart, 0 else."""

    def fn(frame: Frame, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        a, b, null, same = _codes(frame, name, left, right)
        out = _levels(null)
        todo = ~null & ~same
        matrix, lengths, words = _edit_arrays(frame, name)
        lv = within_one_edit(matrix, lengths, a[todo], b[todo], words).astype(np.int8)
        out[todo] = lv
        out[same] = 2
        return out

    return fn


def exact(name: str) -> Callable[[Frame, np.ndarray, np.ndarray], np.ndarray]:
    """1 same value, 0 else; a value holding several (NAMES_SEP between them, as a person's
    nationalities from the store) agrees with any value sharing one of them."""

    def fn(frame: Frame, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        a, b, null, same = _codes(frame, name, left, right)
        out = _levels(null)
        col = frame.cols[name]
        if "sets" not in col.cache:
            col.cache["sets"] = ([frozenset(v.split(NAMES_SEP)) for v in col.values.tolist()]
                                 if any(NAMES_SEP in v for v in col.values.tolist()) else None)
        sets = col.cache["sets"]
        if sets is not None:
            todo = np.flatnonzero(~null & ~same)
            shared = np.array([bool(sets[x] & sets[y])
                               for x, y in zip(a[todo].tolist(), b[todo].tolist(), strict=True)],
                              dtype=bool)
            out[todo[shared]] = 1
        out[same] = 1
        return out

    return fn


def comparisons(frame: Frame) -> list[Comparison]:
    """The comparisons that apply to this frame (features present in some records)."""
    return comparisons_for({name for name in frame.cols if frame.has(name)})


def comparisons_for(present: set[str]) -> list[Comparison]:
    """The comparisons for these present features (the Spark backend decides on the whole
    dataset what a local run decides on its frame).

    Full names are compared as a whole only when they are not split into first and last
    names: split names get the per-part comparisons, which are vectorised."""
    split = "first_name" in present and "last_name" in present and "name" not in present
    out: list[Comparison] = []
    if split:
        for part in ("first", "last"):
            out.append(Comparison(
                f"{part}_name",
                ("different", "similar (JW>=0.7)", "close (JW>=0.88 or same coarse key)",
                 "very close (JW>=0.92 or same sound key)", "same spelling"),
                (f"{part}_name",), name_part(part), tf=f"{part}_name", u_top=0.005))
    elif "name" in present:
        out.append(Comparison(
            "name", ("different", "similar (>=0.75)", "close (>=0.88)", "same (>=0.95)"),
            ("name",), full_name, tf="name_pair" if "name_pair" in present else "name",
            u_top=0.001, u_pairs=50_000))
    specs: list[tuple[str, tuple[str, ...], Callable, str | None, float]] = [
        ("birth_date", ("different", "same year",
                        "a typing error (one digit, day/month swapped, one day off)", "same"),
         birth_date, None, 0.0005),
        ("gender", ("different", "same"), exact("gender"), None, 0.5),
        ("nationality", ("different", "same"), exact("nationality"), None, 0.2),
        ("address", ("different", "similar (bigrams >= 0.6)", "close (bigrams >= 0.85)",
                     "same"), dice_levels("address", (0.6, 0.85)), None, 0.0005),
        ("city", ("different", "close (bigrams >= 0.7)", "same"),
         dice_levels("city", (0.7,)), "city", 0.01),
        ("postcode", ("different", "one typo", "same"), one_edit_levels("postcode"), None,
         0.005),
        ("country", ("different", "same"), exact("country"), None, 0.2),
        ("id_number", ("different", "one typo", "same"), one_edit_levels("id_number"), None,
         0.0001),
        ("phone", ("different", "one typo", "same"), one_edit_levels("phone"), None, 0.0001),
        ("email", ("different", "one typo", "same"), one_edit_levels("email"), None, 0.0001),
        ("iban", ("different", "one typo", "same"), one_edit_levels("iban"), None, 0.0001),
    ]
    for name, levels, fn, tf, u_top in specs:
        if name in present:
            out.append(Comparison(name, levels, (name,), fn, tf=tf, u_top=u_top))
    return out


def u_mask(left: np.ndarray, right: np.ndarray, pairs: int | None, total: int) -> np.ndarray:
    """Which of `total` random pairs estimate the u of a comparison limited to `pairs` of them:
    a fixed function of the two records' numbers, so that every backend (spark.py) picks the
    same ones whatever order its pairs come in."""
    if pairs is None or pairs >= total:
        return np.ones(len(left), dtype=bool)
    per_mille = max(1, int(1000 * pairs / max(total, 1)))
    mixed = (left.astype(np.uint64) * np.uint64(2654435761) + right.astype(np.uint64))
    return (mixed % np.uint64(1000)) < np.uint64(per_mille)


def compare_pairs(frame: Frame, comps: list[Comparison], left: np.ndarray,
                  right: np.ndarray) -> np.ndarray:
    """Levels of every pair (rows) on every comparison (columns), int8."""
    out = np.empty((len(left), len(comps)), dtype=np.int8)
    for j, comp in enumerate(comps):
        out[:, j] = comp.fn(frame, left, right)
    return out
