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
from rapidfuzz import process
from rapidfuzz.distance import OSA, JaroWinkler

from interlink.resolve.frame import Frame

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
    uniq, inverse = np.unique(key, return_inverse=True)
    ua, ub = uniq // len(values), uniq % len(values)
    scores = process.cpdist(values[ua], values[ub], scorer=scorer, workers=WORKERS)
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
    """Whole names with interlink.names.compare: 3 >= 0.95, 2 >= 0.88, 1 >= 0.75, 0 else."""
    from interlink.names import compare

    a, b, null, same = _codes(frame, "name", left, right)
    out = _levels(null)
    todo = ~null & ~same
    values = frame.cols["name"].values

    def score(x: str, y: str, **_: object) -> float:
        return compare(x, y, kind=frame.kind).score

    if todo.any():
        ca, cb = a[todo].astype(np.int64), b[todo].astype(np.int64)
        key = ca * len(values) + cb
        uniq, inverse = np.unique(key, return_inverse=True)
        sims = np.array([score(values[k // len(values)], values[k % len(values)])
                         for k in uniq], dtype=np.float32)[inverse]
        lv = np.zeros(len(sims), dtype=np.int8)
        lv[sims >= 0.75] = 1
        lv[sims >= 0.88] = 2
        lv[sims >= 0.95] = 3
        out[todo] = lv
    out[same] = 3
    return out


def birth_date(frame: Frame, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """3 same date, 2 one typo or day and month swapped, 1 same year (or only years known and
    equal... partial dates), 0 else."""
    a, b, null, same = _codes(frame, "birth_date", left, right)
    out = _levels(null)
    todo = ~null & ~same
    values = frame.cols["birth_date"].values
    dist = _on_distinct(frame, "birth_date", a, b, todo, OSA.distance, np.int32)
    ya = np.array([v[:4] for v in values], dtype=object)
    same_year = np.zeros(len(a), dtype=bool)
    same_year[todo] = ya[a[todo]] == ya[b[todo]]
    swapped = np.zeros(len(a), dtype=bool)
    if todo.any():
        sw = np.array([v[:4] + v[6:8] + v[4:6] if len(v) == 8 else v for v in values],
                      dtype=object)
        swapped[todo] = sw[a[todo]] == values[b[todo]]
    full = np.zeros(len(a), dtype=bool)
    lens = np.array([len(v) for v in values], dtype=np.int8)
    full[todo] = (lens[a[todo]] == 8) & (lens[b[todo]] == 8)
    out[todo & same_year] = 1
    out[todo & full & ((dist <= 1) | swapped)] = 2
    out[same] = 3
    return out


def jw_levels(name: str, cuts: tuple[float, ...]) -> Callable[
        [Frame, np.ndarray, np.ndarray], np.ndarray]:
    """Top level: same value; then one level per Jaro-Winkler cut, highest first."""

    def fn(frame: Frame, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        a, b, null, same = _codes(frame, name, left, right)
        out = _levels(null)
        todo = ~null & ~same
        jw = _on_distinct(frame, name, a, b, todo, JaroWinkler.normalized_similarity)
        for level, cut in enumerate(sorted(cuts), start=1):
            out[todo & (jw >= cut)] = level
        out[same] = len(cuts) + 1
        return out

    return fn


def edit_levels(name: str, max_dists: tuple[int, ...]) -> Callable[
        [Frame, np.ndarray, np.ndarray], np.ndarray]:
    """Top level: same value; then one level per edit distance, closest first."""

    def fn(frame: Frame, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        a, b, null, same = _codes(frame, name, left, right)
        out = _levels(null)
        todo = ~null & ~same
        dist = _on_distinct(frame, name, a, b, todo, OSA.distance, np.int32)
        for level, d in enumerate(sorted(max_dists, reverse=True), start=1):
            out[todo & (dist <= d)] = level
        out[same] = len(max_dists) + 1
        return out

    return fn


def exact(name: str) -> Callable[[Frame, np.ndarray, np.ndarray], np.ndarray]:
    def fn(frame: Frame, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        _, _, null, same = _codes(frame, name, left, right)
        out = _levels(null)
        out[same] = 1
        return out

    return fn


def comparisons(frame: Frame) -> list[Comparison]:
    """The comparisons that apply to this frame (features present in some records).

    Full names are compared as a whole only when they are not split into first and last
    names: split names get the per-part comparisons, which are vectorised."""
    split = frame.has("first_name") and frame.has("last_name") and not frame.has("name")
    out: list[Comparison] = []
    if split:
        for part in ("first", "last"):
            out.append(Comparison(
                f"{part}_name",
                ("different", "similar (JW>=0.7)", "close (JW>=0.88 or same coarse key)",
                 "very close (JW>=0.92 or same sound key)", "same spelling"),
                (f"{part}_name",), name_part(part), tf=f"{part}_name"))
    elif frame.has("name"):
        out.append(Comparison(
            "name", ("different", "similar (>=0.75)", "close (>=0.88)", "same (>=0.95)"),
            ("name",), full_name, tf="name"))
    specs: list[tuple[str, tuple[str, ...], Callable, str | None]] = [
        ("birth_date", ("different", "same year", "one typo or day/month swapped", "same"),
         birth_date, None),
        ("gender", ("different", "same"), exact("gender"), None),
        ("nationality", ("different", "same"), exact("nationality"), None),
        ("address", ("different", "JW>=0.7", "JW>=0.9", "same"),
         jw_levels("address", (0.7, 0.9)), None),
        ("city", ("different", "JW>=0.88", "same"), jw_levels("city", (0.88,)), "city"),
        ("postcode", ("different", "one typo", "same"), edit_levels("postcode", (1,)), None),
        ("country", ("different", "same"), exact("country"), None),
        ("id_number", ("different", "two typos", "one typo", "same"),
         edit_levels("id_number", (1, 2)), None),
        ("phone", ("different", "one typo", "same"), edit_levels("phone", (1,)), None),
        ("email", ("different", "one typo", "same"), edit_levels("email", (1,)), None),
        ("iban", ("different", "one typo", "same"), edit_levels("iban", (1,)), None),
    ]
    for name, levels, fn, tf in specs:
        if frame.has(name):
            out.append(Comparison(name, levels, (name,), fn, tf=tf))
    return out


def compare_pairs(frame: Frame, comps: list[Comparison], left: np.ndarray,
                  right: np.ndarray) -> np.ndarray:
    """Levels of every pair (rows) on every comparison (columns), int8."""
    out = np.empty((len(left), len(comps)), dtype=np.int8)
    for j, comp in enumerate(comps):
        out[:, j] = comp.fn(frame, left, right)
    return out
