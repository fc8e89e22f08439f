"""Whole names compared in bulk: interlink.names' scoring, vectorised, with a cache per
distinct pair of name parts.

`interlink.names.compare` parses two names, scores every pair of their parts, aligns the parts
order-free and weighs matched, dropped and conflicting parts. Called once per distinct pair of
names it costs tens of microseconds of Python, and the model's u needs a million random pairs,
nearly all distinct: with Arabic names against Latin ones that was most of the time of a
resolution (issue 18: 37 s of 38 for 10,600 records). Yet those million pairs of names are made
of a few thousand distinct name *parts*. So, as the screening index does:

- each distinct name is parsed once (`parse_name`) into part ids and part weights;
- the similarity of two parts (`interlink.names.part_similarity`, the very function
  `compare` uses) is computed once per distinct pair of parts and kept in a cache that lives
  with the frame's name column, so the random pairs and the candidates share it; pairs of parts
  that cannot reach the lowest matching similarity (no first sound in common, see `_signature`)
  are never computed;
- the alignment (best pairs first, each part used once) and the score are computed for all
  pairs of names at once on numpy arrays, with the rules of `interlink.names.compare.align_score`
  (a test checks that both give the same scores).

interlink.names has no bulk entry point (its cache keys on `Part` objects and its alignment
works one pair at a time), hence this module here rather than there.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from interlink.names import parse_name, part_similarity
from interlink.names.compare import (
    _SUN_LETTERS,
    CONFLICT,
    DROPPED_END,
    DROPPED_MIDDLE,
    MIN_PART,
    REORDERED,
    default_part_weight,
)
from interlink.resolve.frame import NAMES_SEP, Column
from interlink.resolve.slips import (
    KEY_SLIP_MIN,
    SLIP_MIN_LENGTH,
    SLIP_PENALTY,
    SLIP_RARE,
    corrections,
    key_slip,
)

#: What a rare Latin part scores against an Arabic part when only their keys show the slip
#: (slips.key_slip): the lowest similarity that still matches.
KEY_SLIP_SCORE = MIN_PART

#: Whether a column's table reads rare Latin parts as possible slips (slips.py).
SLIPS = True

#: Names with more parts than this are scored one by one with interlink.names.compare.
MAX_PARTS = 6
#: Pairs of names aligned per numpy batch (memory: BATCH * MAX_PARTS^2 floats).
BATCH = 200_000


def _sun_side(part: Any) -> int:
    """-1 for an Arabic part with the article before a sun letter, 1 for a Latin part that
    starts a/e + consonant other than l, 0 else: the two sides of
    interlink.names.compare._sun_article, the one way two parts with no key in common and
    unlike consonants meet (الصيد = Essid)."""
    text = part.text
    if part.arabic:
        return -1 if len(text) >= 4 and text.startswith("ال") and text[2] in _SUN_LETTERS else 0
    return 1 if text[:1] in ("a", "e") and text[1:2] not in ("a", "e", "i", "o", "u", "l") else 0


def _signature(part: object) -> int:
    """Bits of the first sounds and letters through which two parts can meet at MIN_PART or
    above in part_similarity: a shared coarse key (same first class), close consonants (same
    first consonant after an initial vowel, also after an "abd" prefix), a similar spelling or
    an initial (same first letter). Two parts with no bit in common score below MIN_PART."""
    marks: set[str] = set()
    key = part.key  # type: ignore[attr-defined]
    for coarse in part.coarse_keys:  # type: ignore[attr-defined]
        marks.add(coarse[:1])
    stripped = key.coarse.lstrip("A") or key.coarse
    marks.add(stripped[:1])
    if key.coarse.startswith("ABD") and len(key.coarse) > 3:
        marks.add(key.coarse[3:4])
    marks.add(key.full[:1])
    marks.add(part.text[:1])  # type: ignore[attr-defined]
    bits = 0
    for mark in marks:
        if mark:
            bits |= 1 << (ord(mark) % 63)
    return bits


class NameTable:
    """The parsed names of one column: per distinct alternative name, its part ids and weights,
    and the cache of part similarities."""

    def __init__(self, values: np.ndarray, kind: str, parsed: list[list[tuple]] | None = None,
                 held: np.ndarray | None = None,
                 slips: dict[str, tuple[str, ...]] | None = None) -> None:
        """`parsed`: the parts of each alternative of each value when the caller has them
        already (frame.build parses every full name once for its features). `held`: how many
        records hold each value (slips.py: a Latin part that few records hold may be a typing
        slip of one that many hold); without it no part is read as a slip. `slips`: instead
        of `held`, the slips of a whole column (slip_dictionary of its table), for a table of
        some of its values only (the Spark engine's batches of pairs)."""
        self.kind = kind
        self.parts: list[object] = []
        part_ids: dict[int, int] = {}
        alt_owner: list[int] = []
        alt_parts: list[tuple[int, ...]] = []
        for v, value in enumerate(values.tolist()):
            alts = str(value).split(NAMES_SEP)
            known = parsed[v] if parsed is not None and len(parsed[v]) == len(alts) else None
            for n, alt in enumerate(alts):
                ids = []
                for part in (known[n] if known is not None else parse_name(alt, kind)):
                    pid = part_ids.get(id(part))
                    if pid is None:
                        pid = part_ids[id(part)] = len(self.parts)
                        self.parts.append(part)
                    ids.append(pid)
                alt_owner.append(v)
                alt_parts.append(tuple(ids))
        given = self._add_corrections(slips, kind, part_ids) if slips else None
        self.n_values = len(values)
        self.alt_owner = np.asarray(alt_owner, dtype=np.int64)
        starts = np.zeros(len(values) + 1, dtype=np.int64)
        np.add.at(starts, self.alt_owner + 1, 1)
        self.alt_start = np.cumsum(starts)  # alternatives of value v: alt_start[v]:[v+1]
        width = min(max((len(p) for p in alt_parts), default=1), MAX_PARTS)
        self.width = max(width, 1)
        self.ids = np.full((len(alt_parts), self.width), -1, dtype=np.int64)
        self.size = np.array([len(p) for p in alt_parts], dtype=np.int64)
        for a, alt_ids in enumerate(alt_parts):
            self.ids[a, : min(len(alt_ids), self.width)] = alt_ids[: self.width]
        self.weight = np.array([default_part_weight(p) for p in self.parts],  # type: ignore
                               dtype=np.float64)
        self.initial = np.array([p.initial for p in self.parts], dtype=bool)  # type: ignore
        self.signature = np.array([_signature(p) for p in self.parts], dtype=np.int64)
        self.arabic = np.array([p.arabic for p in self.parts], dtype=bool)  # type: ignore
        self.rare: np.ndarray | None = None
        self.long_first = np.array([_first_bits(p.coarse_keys) for p in self.parts],  # type: ignore
                                   dtype=np.int64)
        if given is not None:
            self.fix_start, self.fix_count, self.fix_ids = self._given(given)
        else:
            self.fix_start, self.fix_count, self.fix_ids = self._corrections(alt_parts, held)
        self._reach: tuple[Any, ...] | None = None
        # the text of each alternative (for names scored one by one): the values themselves
        # when no record has aliases, rather than a copy of every string (issue 18: memory)
        self.alt_text: Any = (values if len(alt_parts) == len(values)
                              else [alt for value in values.tolist()
                                    for alt in str(value).split(NAMES_SEP)])
        # the cache: sorted part-pair keys (a * P + b) and their similarities
        self.cache_keys = np.zeros(0, dtype=np.int64)
        self.cache_values = np.zeros(0, dtype=np.float64)

    def _corrections(self, alt_parts: list[tuple[int, ...]], held: np.ndarray | None
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """slips.corrections of this table's Latin single-word parts, from the records that
        hold each part (a part counted once per record holding it)."""
        n = len(self.parts)
        if held is None or n == 0:
            return (np.zeros(n, np.int64), np.zeros(n, np.int64), np.zeros(0, np.int64))
        per_part = np.zeros(n, dtype=np.float64)
        owner = np.repeat(self.alt_owner, [len(p) for p in alt_parts])
        flat = np.fromiter((i for p in alt_parts for i in p), dtype=np.int64,
                           count=len(owner))
        once = ~pd.Series(owner * n + flat).duplicated().to_numpy()  # a part twice in a name
        np.add.at(per_part, flat[once], held[owner[once]])
        parts: list[Any] = self.parts
        texts = [p.text for p in parts]
        eligible = np.array([not p.arabic and not p.initial and " " not in p.text
                             and p.text.isalpha() for p in parts], dtype=bool)
        # a Latin part few records hold: a slip when its key is one edit off (key_slip)
        self.rare = eligible & (per_part <= SLIP_RARE) & np.array(
            [len(t) >= SLIP_MIN_LENGTH for t in texts], dtype=bool)
        return corrections(texts, per_part, eligible)

    def slip_dictionary(self) -> dict[str, tuple[str, ...]]:
        """Each Latin part of this table that may be a slip (`rare`), with the spellings it
        may be a slip of (none: only its sound keys may show one, slips.key_slip): what a
        table of some of the column's values needs to read the same slips (`slips`)."""
        if self.rare is None:
            return {}
        parts: list[Any] = self.parts
        out: dict[str, tuple[str, ...]] = {}
        for pid in np.flatnonzero(self.rare).tolist():
            start, count = int(self.fix_start[pid]), int(self.fix_count[pid])
            out[parts[pid].text] = tuple(parts[f].text
                                         for f in self.fix_ids[start : start + count].tolist())
        return out

    def _add_corrections(self, slips: dict[str, tuple[str, ...]], kind: str,
                         part_ids: dict[int, int]) -> dict[int, list[int]]:
        """The parts of this table that `slips` lists, each with its corrections' part ids;
        corrections this table's names do not hold are parsed and added to its parts."""
        out: dict[int, list[int]] = {}
        for pid, part in enumerate(list(self.parts)):
            if part.arabic or part.initial:  # type: ignore[attr-defined]
                continue
            fixes = slips.get(part.text)  # type: ignore[attr-defined]
            if fixes is None:
                continue
            ids = []
            for text in fixes:
                for fix in parse_name(text, kind)[:1]:
                    fid = part_ids.get(id(fix))
                    if fid is None:
                        fid = part_ids[id(fix)] = len(self.parts)
                        self.parts.append(fix)
                    ids.append(fid)
            out[pid] = ids
        return out

    def _given(self, given: dict[int, list[int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The correction arrays (start, count, flat ids) and `rare` from _add_corrections."""
        n = len(self.parts)
        self.rare = np.zeros(n, dtype=bool)
        self.rare[list(given)] = True
        count = np.zeros(n, dtype=np.int64)
        for pid, ids in given.items():
            count[pid] = len(ids)
        start = np.cumsum(count) - count
        flat = np.fromiter((f for pid in sorted(given) for f in given[pid]), dtype=np.int64,
                           count=int(count.sum()))
        return start, count, flat

    def _slip_sims(self, a: np.ndarray, b: np.ndarray, latin_left: np.ndarray) -> np.ndarray:
        """Similarity of part pairs (one Arabic, one Latin part that may be a slip: slips.py)
        as the Latin part's best correction scores against the Arabic one, less SLIP_PENALTY
        (0 below MIN_PART)."""
        latin = np.where(latin_left, a, b)
        other = np.where(latin_left, b, a)
        reps = self.fix_count[latin]
        owner = np.repeat(np.arange(len(latin)), reps)
        fixes = self.fix_ids[np.repeat(self.fix_start[latin], reps) + _ranges(reps)]
        # the corrections are held by many records, so none is a slip itself: no recursion
        sims = self.part_sims(other[owner], fixes) - SLIP_PENALTY
        out = np.zeros(len(latin), dtype=np.float64)
        np.maximum.at(out, owner, sims)
        out[out < MIN_PART] = 0.0
        return out

    # --- part similarities ------------------------------------------------------------------

    def part_sims(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Similarity of part pairs (a[i], b[i]), below MIN_PART as 0: looked up in the cache
        (a sorted array of pair keys, searched in bulk), computed only for new pairs."""
        if len(a) == 0:
            return np.zeros(0, dtype=np.float64)
        n_parts = max(len(self.parts), 1)
        inverse, uniq = pd.factorize(a * n_parts + b)
        uniq = np.asarray(uniq, dtype=np.int64)
        values = np.zeros(len(uniq), dtype=np.float64)
        ua, ub = uniq // n_parts, uniq % n_parts
        possible = np.flatnonzero((self.signature[ua] & self.signature[ub]) != 0)
        keys = uniq[possible]
        hit = np.zeros(len(keys), dtype=bool)
        pos = np.zeros(len(keys), dtype=np.int64)
        if len(self.cache_keys):
            pos = np.minimum(np.searchsorted(self.cache_keys, keys), len(self.cache_keys) - 1)
            hit = self.cache_keys[pos] == keys
        values[possible[hit]] = self.cache_values[pos[hit]]
        new = possible[~hit]
        if len(new):
            new = new[self._may_reach(ua[new], ub[new])]
            parts = self.parts
            fresh = np.array([part_similarity(parts[x], parts[y])[0]
                              for x, y in zip(ua[new].tolist(), ub[new].tolist(), strict=True)],
                             dtype=np.float64)
            fresh[fresh < MIN_PART] = 0.0
            values[new] = fresh
        new = possible[~hit]  # those not worth scoring are cached as 0 too
        if len(new):
            # slips are cached with the pair's score; reading them scores other pairs (the
            # corrections), which may add some of `new` to the cache first: each key once
            self._read_slips(values, ua, ub, new)
            keys_all, first = np.unique(np.r_[self.cache_keys, uniq[new]], return_index=True)
            self.cache_keys = keys_all
            self.cache_values = np.r_[self.cache_values, values[new]][first]
        # pairs with no first sound in common are never cached: read for slips each time
        self._read_slips(values, ua, ub,
                         np.flatnonzero((self.signature[ua] & self.signature[ub]) == 0),
                         keys=False)
        return values[inverse]

    def _read_slips(self, values: np.ndarray, ua: np.ndarray, ub: np.ndarray,
                    idx: np.ndarray, keys: bool = True) -> None:
        """The part pairs idx of (ua, ub) that score below MIN_PART, one part Arabic and the
        other a Latin part few records hold (slips.py), scored in `values` as the Latin part's
        best correction does less SLIP_PENALTY, or else KEY_SLIP_SCORE when their keys show
        a slip (slips.key_slip; not with `keys` False: pairs with no first sound in common,
        which key_slip never finds, as every coarse key's first letter is in _signature)."""
        if self.rare is None or len(idx) == 0:
            return
        low = idx[values[idx] < MIN_PART]
        left = self.rare[ua[low]] & self.arabic[ub[low]]
        right = self.rare[ub[low]] & self.arabic[ua[low]]
        low, left = low[left | right], left[left | right]
        if len(low) == 0:
            return
        fixed = self.fix_count[np.where(left, ua[low], ub[low])] > 0
        if fixed.any():
            at = low[fixed]
            values[at] = self._slip_sims(ua[at], ub[at], left[fixed])
        rest = low[values[low] < MIN_PART] if keys else low[:0]
        # key_slip needs keys of KEY_SLIP_MIN letters with one first letter: tested in bulk
        rest = rest[(self.long_first[ua[rest]] & self.long_first[ub[rest]]) != 0]
        if len(rest):
            parts: list[Any] = self.parts
            values[rest] = [KEY_SLIP_SCORE if key_slip(parts[x], parts[y]) else 0.0
                            for x, y in zip(ua[rest].tolist(), ub[rest].tolist(), strict=True)]

    def _may_reach(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Which part pairs (a[i], b[i]) part_similarity may score at MIN_PART or above, by
        the only ways it can (interlink.names.compare._part_similarity): an initial, a sound
        key in common (the same spelling has the same keys), the sun letters' article
        across scripts, close consonants (`_fuzzy`: Levenshtein ratio of the coarse keys
        >= 0.75, "abd" set aside when both have it, computed in bulk by rapidfuzz) or, between
        two Latin spellings, a similar spelling with the same first letter. The others score
        below MIN_PART, which counts as 0: nearly all of the random pairs' part pairs
        (issue 18: 46,853 of 47,570 calls ended in `_fuzzy` below it), whose Python scoring
        was most of the CPU time of the names' u."""
        if self._reach is None:
            parts: list[Any] = self.parts
            coarse = [p.key.coarse for p in parts]
            self._reach = (
                np.array([p.initial for p in parts], dtype=bool),
                np.array([p.arabic for p in parts], dtype=bool),
                np.array([_sun_side(p) for p in parts], dtype=np.int8),
                pd.factorize(np.array([p.text[:1] for p in parts], dtype=object))[0],
                coarse,
                np.array([k.startswith("ABD") for k in coarse], dtype=bool),
                [frozenset(p.coarse_keys) for p in parts],
                [p.text for p in parts],
            )
        initial, arabic, article, first, coarse, abd, keys, text = self._reach
        out = initial[a] | initial[b]
        out |= ~arabic[a] & ~arabic[b] & (first[a] == first[b])
        out |= (article[a] * article[b]) < 0  # an Arabic sun article, a Latin a/e + consonant
        rest = np.flatnonzero(~out)
        if len(rest):
            ra, rb = a[rest].tolist(), b[rest].tolist()
            both_abd = (abd[a[rest]] & abd[b[rest]]).tolist()
            left = [coarse[x][3:] if s else coarse[x] for x, s in zip(ra, both_abd, strict=True)]
            right = [coarse[y][3:] if s else coarse[y]
                     for y, s in zip(rb, both_abd, strict=True)]
            lev = process.cpdist(left, right, scorer=Levenshtein.normalized_similarity,
                                 workers=1)
            out[rest] = np.asarray(lev) >= 0.75
        rest = np.flatnonzero(~out)
        if len(rest):
            out[rest] = [text[x] == text[y] or not keys[x].isdisjoint(keys[y])
                         for x, y in zip(a[rest].tolist(), b[rest].tolist(), strict=True)]
        return out

    def slips_read(self, va: int, vb: int) -> list[tuple[str, str]]:
        """The Latin parts of values va and vb's names that meet a part of the other name
        only when read as typing slips (slips.py), each with the correction it was read as
        ("" when only the sound keys show the slip: slips.key_slip). The explanation of a
        pair says so: interlink.names.compare, which writes the names' explanation, has no
        counts of spellings and so reads no slips."""
        if self.rare is None or va == vb:
            return []
        out: list[tuple[str, str]] = []
        for ia in range(int(self.alt_start[va]), int(self.alt_start[va + 1])):
            for ib in range(int(self.alt_start[vb]), int(self.alt_start[vb + 1])):
                left = [x for x in self.ids[ia].tolist() if x >= 0]
                right = [y for y in self.ids[ib].tolist() if y >= 0]
                for x in left:
                    for y in right:
                        for latin, arabic in ((x, y), (y, x)):
                            if not (self.rare[latin] and self.arabic[arabic]):
                                continue
                            found = self._slip_of(latin, arabic)
                            if found is not None and found not in out:
                                out.append(found)
        return out

    def _slip_of(self, latin: int, arabic: int) -> tuple[str, str] | None:
        """(slip, correction) when the rare Latin part meets the Arabic part only as a slip
        (the same tests as _read_slips), else None."""
        parts: list[Any] = self.parts
        if part_similarity(parts[latin], parts[arabic])[0] >= MIN_PART:
            return None
        start, count = int(self.fix_start[latin]), int(self.fix_count[latin])
        best, fix = 0.0, -1
        for f in self.fix_ids[start : start + count].tolist():
            sim = part_similarity(parts[f], parts[arabic])[0]
            if sim > best:
                best, fix = sim, f
        if fix >= 0 and best - SLIP_PENALTY >= MIN_PART:
            return parts[latin].text, parts[fix].text
        if key_slip(parts[latin], parts[arabic]):
            return parts[latin].text, ""
        return None

    # --- whole names ------------------------------------------------------------------------

    def scores(self, va: np.ndarray, vb: np.ndarray) -> np.ndarray:
        """Score of each pair of distinct values (va[i], vb[i]): the best pair of their
        alternative names, as interlink.names.compare scores it."""
        out = np.zeros(len(va), dtype=np.float64)
        if len(va) == 0:
            return out
        ca = self.alt_start[va + 1] - self.alt_start[va]
        cb = self.alt_start[vb + 1] - self.alt_start[vb]
        if (ca == 1).all() and (cb == 1).all():
            return self._align(self.alt_start[va], self.alt_start[vb])
        reps = ca * cb
        owner = np.repeat(np.arange(len(va)), reps)
        offset = np.arange(int(reps.sum())) - np.repeat(np.cumsum(reps) - reps, reps)
        ia = self.alt_start[va][owner] + offset // np.repeat(cb, reps)
        ib = self.alt_start[vb][owner] + offset % np.repeat(cb, reps)
        np.maximum.at(out, owner, self._align(ia, ib))
        return out

    def _align(self, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
        out = np.zeros(len(ia), dtype=np.float64)
        long = (self.size[ia] > self.width) | (self.size[ib] > self.width)
        for k in np.flatnonzero(long).tolist():
            from interlink.names import compare

            out[k] = compare(self.alt_text[int(ia[k])], self.alt_text[int(ib[k])],
                             kind=self.kind).score
        # aligned in groups of the same width (most names have two or three parts: a 3x3 grid
        # is a quarter of a 6x6 one)
        need = np.maximum(self.size[ia], self.size[ib])
        for width in np.unique(need[~long]).tolist():
            group = np.flatnonzero(~long & (need == width))
            for start in range(0, len(group), BATCH):
                idx = group[start : start + BATCH]
                out[idx] = self._align_batch(ia[idx], ib[idx], max(int(width), 1))
        return out

    def _align_batch(self, ia: np.ndarray, ib: np.ndarray, w: int) -> np.ndarray:
        """align_score of interlink.names.compare over arrays of alternative pairs whose names
        have at most w parts."""
        n = len(ia)
        pa, pb = self.ids[ia, :w], self.ids[ib, :w]  # (n, w), -1 padded
        valid = (pa[:, :, None] >= 0) & (pb[:, None, :] >= 0)
        grid_a = np.broadcast_to(pa[:, :, None], (n, w, w))[valid]
        grid_b = np.broadcast_to(pb[:, None, :], (n, w, w))[valid]
        sim = np.zeros((n, w, w), dtype=np.float64)
        sim[valid] = self.part_sims(grid_a, grid_b)
        wl = np.where(pa >= 0, self.weight[np.maximum(pa, 0)], 0.0)
        wr = np.where(pb >= 0, self.weight[np.maximum(pb, 0)], 0.0)
        il = np.where(pa >= 0, self.initial[np.maximum(pa, 0)], False)
        ir = np.where(pb >= 0, self.initial[np.maximum(pb, 0)], False)
        used_l = np.zeros((n, w), dtype=bool)
        used_r = np.zeros((n, w), dtype=bool)
        matched = np.full((n, w), -1, dtype=np.int64)  # left part -> right part it met
        num = np.zeros(n)
        den = np.zeros(n)
        any_match = np.zeros(n, dtype=bool)
        only_initials = np.ones(n, dtype=bool)
        rows = np.arange(n)
        work = sim.copy()
        for _ in range(w):
            flat = work.reshape(n, w * w)
            best = flat.argmax(axis=1)
            score = flat[rows, best]
            hit = score >= MIN_PART
            if not hit.any():
                break
            i, j = best // w, best % w
            h = np.flatnonzero(hit)
            hi, hj = i[h], j[h]
            pair_w = wl[h, hi] + wr[h, hj]
            num[h] += score[h] * pair_w
            den[h] += pair_w
            any_match[h] = True
            only_initials[h] &= il[h, hi] | ir[h, hj]
            used_l[h, hi] = True
            used_r[h, hj] = True
            matched[h, hi] = hj
            work[h, hi, :] = 0.0
            work[h, :, hj] = 0.0
        size_l, size_r = self.size[ia], self.size[ib]
        rest_l = (pa >= 0) & ~used_l
        rest_r = (pb >= 0) & ~used_r
        conflict = rest_l.any(axis=1) & rest_r.any(axis=1)
        den += _cost(rest_l, wl, size_l, conflict) + _cost(rest_r, wr, size_r, conflict)
        # parts met in another order cost a little (names.compare.REORDERED)
        last = np.full(n, -1, dtype=np.int64)
        in_order = np.ones(n, dtype=bool)
        for c in range(w):
            col = matched[:, c]
            has = col >= 0
            in_order &= ~has | (col > last)
            last = np.where(has, col, last)
        reordered = ((matched >= 0).sum(axis=1) > 1) & ~in_order
        num = np.where(reordered, num - REORDERED * den, num)
        num = np.where(only_initials, num * 0.5, num)
        score = np.where(den > 0, num / np.maximum(den, 1e-12), 0.0)
        score = np.round(score, 4)
        score[~any_match | (size_l == 0) | (size_r == 0)] = 0.0
        return score


def _first_bits(coarse_keys: tuple[str, ...]) -> int:
    """Bits of the first letters of a part's coarse keys of KEY_SLIP_MIN letters or more
    (slips.key_slip compares only those, and only with one first letter)."""
    bits = 0
    for key in coarse_keys:
        if len(key) >= KEY_SLIP_MIN:
            bits |= 1 << (ord(key[0]) % 63)
    return bits


def _ranges(sizes: np.ndarray) -> np.ndarray:
    """Concatenated aranges: [0..s0-1, 0..s1-1, ...]."""
    ends = np.cumsum(sizes)
    return np.arange(int(ends[-1]) if len(ends) else 0) - np.repeat(ends - sizes, sizes)


def _cost(rest: np.ndarray, weight: np.ndarray, size: np.ndarray, conflict: Any
          ) -> np.ndarray:
    """interlink.names.compare._cost over arrays: unmatched parts, as conflicts when both sides
    have some, else as dropped parts (cheaper in the middle of a name than at either end)."""
    pos = np.arange(rest.shape[1])[None, :]
    middle = (pos > 0) & (pos < size[:, None] - 1)
    dropped = np.where(middle, weight * DROPPED_MIDDLE, np.maximum(weight, 0.8) * DROPPED_END)
    each = np.where(conflict[:, None], weight * CONFLICT, dropped)
    return np.where(rest, each, 0.0).sum(axis=1)


def table_of(col: Column, kind: str) -> NameTable:
    """The name table of a column, built once and kept in the column's cache."""
    key = f"names:{kind}"
    if key not in col.cache:
        # the parses are needed only to build the table: dropped then (hundreds of thousands
        # of lists at a million records)
        # how many records hold each value, for slips.py: not on a column of some pairs'
        # records only (the Spark engine's batches), where the counts would be the batch's
        held = (np.bincount(col.codes[col.codes >= 0], minlength=len(col.values))
                if SLIPS and col.cache.get("slips", True) else None)
        # a batch's column may bring the whole column's slips instead (spark.py)
        slips = col.cache.get("slip_dictionary") if SLIPS else None
        col.cache[key] = NameTable(col.values, kind, col.cache.pop("parsed", None), held,
                                   slips)
    return col.cache[key]
