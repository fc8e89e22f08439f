"""Blocking: which pairs of records are worth comparing at all.

A pair is a candidate when it shares the key of at least one rule (the union of the rules,
as Splink's blocking rules). Each rule is a combination of features that true matches usually
keep even when other fields are misspelt, so recall comes from having several independent
rules rather than one loose one: the sound keys of first and last name (the Arabic and Latin
spellings of one name share them, see interlink.names.keys), last name + birth date, first
name + birth date, any one part of a full name + birth date (whichever order the name is
written in: a family-name-first Latin record whose given name is misspelt still meets its
Arabic record born the same day), postcode + either name, birth date + postcode or city, and
the identifiers (document number, phone, e-mail, IBAN) and the address alone. The set was
chosen on recall and cost measured on FEBRL and on a million generated records
(benchmarks/RESULTS.md): a rule earns its place by the true pairs only it finds.

Pairs are generated with numpy: records are sorted by key and every group of k records yields
its k(k-1)/2 pairs without a Python loop; pairs found by several rules are kept once. A group
larger than `max_block` (100: a hub key, a placeholder date, a shared switchboard number, the
commonest first and last name together in a million records) yields no pairs for that rule,
because a key held by that many records distinguishes little; the other rules still apply to
those records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd
from rapidfuzz.distance import Levenshtein

from interlink.resolve.frame import Column, Frame, combine, derive

#: A rule is a tuple of feature names; all must be present for a record to be blocked by it.
#: The first rule joins first and last name keys in either order (family name written first).
RULES: tuple[tuple[str, ...], ...] = (
    ("names",),
    ("last_coarse", "birth_date"),
    ("first_coarse", "birth_date"),
    ("birth_date", "postcode"),
    ("city", "birth_date"),
    ("postcode", "last_coarse"),
    ("postcode", "first_coarse"),
    ("address",),
    ("id_number",),
    ("phone",),
    ("email",),
    ("iban",),
    ("name",),
    ("name_keys",),  # any two parts of a full name, in any order and either script
    ("name_slips",),  # the same, a Latin part's typing slip read as its correction: SLIPS_RULE
    ("name_parts", "birth_date"),  # any one part of a full name and the birth date
    ("name_parts", "birth_year"),  # filtered: see FILTERED_RULES
    ("name_parts", "birth_monthday"),  # filtered: see FILTERED_RULES
    ("name_initials", "undated"),  # filtered: see INITIALS_RULE
)

#: Rules whose pairs are kept only when the two birth dates are the same or one typing error
#: apart (compare.birth_date level 2 or more: one digit, day/month swapped, one day off) and the
#: whole names score at least 0.75 (compare.full_name level 1 or more). One shared name part and
#: the same birth year, or the same day and month, finds the pairs whose date was mistyped in one
#: record and whose name is written so differently that no rule on two parts or on the full date
#: meets it (issue 18: "محمد لطفي" / "lotfi ben mhamed", one year digit wrong); unfiltered, the
#: same year or day alone pairs every namesake born that year, so the filter keeps only pairs
#: that a typing error explains.
FILTERED_RULES = (("name_parts", "birth_year"), ("name_parts", "birth_monthday"))
#: The levels a filtered rule's pair must reach: birth date (typing error), whole name (>= 0.75).
FILTER_DATE_LEVEL = 2
FILTER_NAME_LEVEL = 1
#: Pairs whose birth dates a filtered rule compares at once (bounded temporaries).
FILTER_CHUNK = 2_000_000

#: One part of a name and the first sound of another part, for pairs of which one record has
#: no birth date, kept only when the whole names score at least 0.75 (FILTER_NAME_LEVEL). A
#: typing slip inside one part of a name ("habb" for Habib, "labii" for Labidi) changes that
#: part's sound key and so every pair key it is in; undated, no rule on the date meets it
#: either, and such a pair was never a candidate (issue 18: the largest share of the true pairs
#: missed). Its first sound survives a slip inside the word, so "BNMR>H" (بنعمر and a part in
#: H) is shared by حبيب بنعمر and "ben amor habb". The key is far more specific than the one
#: part alone (the rule on one rare part, undated, tried in the third pass, paired namesakes
#: that the exclusivity then linked), groups above NAME_MAX_BLOCK yield nothing (an undated
#: record leaves the split group), and the names must agree as a whole: the pairs kept are
#: those whose names differ by the slip, not namesakes sharing a family name. Before the names
#: are scored, their keys must show the slip (slip_apart: another part one consonant off).
INITIALS_RULE = ("name_initials", "undated")
#: Distinct names whose initials keys are built at once (_initials_codes: bounded memory).
INITIALS_CHUNK = 50_000
#: Distinct names whose pair or part keys are split into codes at once (_key_codes).
KEYS_CHUNK = 50_000

#: The rule on two parts of a name, where a Latin part that may be a typing slip (slips.py:
#: held by few records, one edit from a spelling many hold) is read as its correction: "bahsir
#: djerbal" meets بشير جربال through "bashir djerbal"'s keys. A slip moves the part's sound
#: key, so the record shares no pair key with the other script's spelling; undated, no rule on
#: the date meets it either (issue 18: most of the true pairs that were never candidates). The
#: pairs are those of a corrected key with the records holding it as written (groups above
#: NAME_MAX_BLOCK yield nothing), kept when the whole names score at least 0.75 (the score
#: reads the slip too). Not in the Spark engine yet (slips need the whole column's counts).
SLIPS_RULE = ("name_slips",)

DEFAULT_MAX_BLOCK = 100
#: Rules on names alone, and the largest group of one name they pair as it is. A name held by
#: more records than this says little about which of them is whom: its group is split by birth
#: year (records without one leave it), so a common name yields the pairs of people born the
#: same year rather than every pair of its holders. Candidates then grow with the records, not
#: with the square of a common name's count (issue 18: 2.2 candidates per record at 10,600
#: records and 10 at 106,000 before, with the same names).
NAME_RULES = (("names",), ("name",), ("name_keys",))
NAME_MAX_BLOCK = 20


@dataclass
class Pairs:
    """Candidate pairs as two aligned index arrays (left < right)."""

    left: np.ndarray
    right: np.ndarray

    def __len__(self) -> int:
        return len(self.left)


def _names_key(frame: Frame) -> Column | None:
    first, last = frame.cols.get("first_coarse"), frame.cols.get("last_coarse")
    if first is None or last is None:
        return None
    # order-free: the smaller code first, on one shared vocabulary of keys
    vocab: dict[str, int] = {}
    fmap = np.array([vocab.setdefault(v, len(vocab)) for v in first.values], dtype=np.int64)
    lmap = np.array([vocab.setdefault(v, len(vocab)) for v in last.values], dtype=np.int64)
    ok = (first.codes >= 0) & (last.codes >= 0)
    a = np.where(ok, fmap[np.maximum(first.codes, 0)], 0)
    b = np.where(ok, lmap[np.maximum(last.codes, 0)], 0)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    size = max(len(vocab), 1)
    key = np.where(ok, lo * size + hi, -1)
    codes, uniques = pd.factorize(key)
    codes = codes.astype(np.int32)
    miss = np.flatnonzero(uniques == -1)
    if len(miss):
        codes[codes == miss[0]] = -1
    return Column(codes, np.asarray(uniques))


def rule_key(frame: Frame, rule: tuple[str, ...]) -> Column | None:
    """The key column of one rule, within the record's kind (schema) when known; None when the
    frame lacks one of the rule's features."""
    if rule == ("names",):
        key = _names_key(frame)
    else:
        if not all(frame.has(f) for f in rule):
            return None
        key = combine(*(frame.cols[f] for f in rule))
    if key is None:
        return None
    if "schema" in frame.cols:
        key = combine(key, frame.cols["schema"])
    return key


def refine(codes: np.ndarray, max_block: int, by: np.ndarray | None) -> np.ndarray:
    """Keys whose group is larger than max_block split by a second code (`by`, -1 missing:
    the record leaves the split group); smaller groups keep their key."""
    present = codes >= 0
    if by is None or not present.any():
        return codes
    sizes = np.bincount(codes[present])
    big = present & (sizes[np.maximum(codes, 0)] > max_block)
    if not big.any():
        return codes
    width = int(by.max()) + 2
    key = codes.astype(np.int64) * (width + 1)  # small groups: their own code, by-part 0
    key[big] += by[big].astype(np.int64) + 1 + 1  # big groups: code and by (+2: never 0)
    key[big & (by < 0)] = -1
    key[~present] = -1
    out, uniq = pd.factorize(key)
    out = out.astype(np.int32)
    miss = np.flatnonzero(uniq == -1)
    if len(miss):
        out[out == miss[0]] = -1
    return out


def pairs_of_key(codes: np.ndarray, max_block: int = DEFAULT_MAX_BLOCK) -> Pairs:
    """All pairs of records sharing a code (code -1: no key), as pair indices."""
    chunks = list(pairs_of_key_chunks(codes, max_block))
    if len(chunks) == 1:
        return chunks[0]
    return Pairs(np.concatenate([c.left for c in chunks]),
                 np.concatenate([c.right for c in chunks]))


def pairs_of_key_chunks(codes: np.ndarray, max_block: int = DEFAULT_MAX_BLOCK,
                        chunk: int | None = None) -> Iterator[Pairs]:
    """pairs_of_key's pairs, in the same order, a run of whole key groups at a time of at most
    `chunk` pairs each (a single larger group on its own; None: all at once). A filtered rule
    keeps a few of the tens of millions of pairs its groups make at a million records: tested
    a chunk at a time, they never all exist at once (they were blocking's peak of memory)."""
    empty = Pairs(np.zeros(0, np.int64), np.zeros(0, np.int64))
    idx = np.flatnonzero(codes >= 0)
    if len(idx) < 2:
        yield empty
        return
    order = idx[np.argsort(codes[idx], kind="stable")]
    sorted_codes = codes[order]
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
    sizes = np.diff(np.r_[starts, len(order)])
    keep = (sizes >= 2) & (sizes <= max_block)
    starts, sizes = starts[keep], sizes[keep]
    if len(starts) == 0:
        yield empty
        return
    # position of every member in its group, and how many later members it pairs with; in
    # 32 bits when the records allow (half the memory of the largest transient arrays)
    index = np.int32 if len(codes) < 2**31 else np.int64
    order = order.astype(index)
    starts, sizes = starts.astype(index), sizes.astype(index)
    bounds = [0, len(starts)]
    if chunk is not None:  # runs of groups whose pairs add up to at most `chunk`
        made = np.cumsum(sizes.astype(np.int64) * (sizes.astype(np.int64) - 1) // 2)
        bounds, lo = [0], 0
        while lo < len(starts):
            base = int(made[lo - 1]) if lo else 0
            hi = max(int(np.searchsorted(made, base + chunk, side="right")), lo + 1)
            bounds.append(hi)
            lo = hi
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
        yield _group_pairs(order, starts[lo:hi], sizes[lo:hi], index)


def _group_pairs(order: np.ndarray, starts: np.ndarray, sizes: np.ndarray,
                 index: type) -> Pairs:
    """The pairs of the groups order[start:start + size] (each of at least two members)."""
    rank = _ranges(sizes, index)
    member_pos = np.repeat(starts, sizes) + rank
    later = np.repeat(sizes, sizes) - rank - 1
    del rank
    left_pos = np.repeat(member_pos, later)
    del member_pos
    right_pos = _ranges(later, index)
    right_pos += left_pos
    right_pos += 1
    a = order[left_pos]
    del left_pos
    b = order[right_pos]
    del right_pos
    return Pairs(np.minimum(a, b).astype(np.int64), np.maximum(a, b).astype(np.int64))


def _ranges(sizes: np.ndarray, dtype: type = np.int64) -> np.ndarray:
    """Concatenated aranges: [0..s0-1, 0..s1-1, ...]."""
    total = int(sizes.sum(dtype=np.int64))
    if total == 0:
        return np.zeros(0, dtype=dtype)
    ends = np.cumsum(sizes, dtype=np.int64)
    out: np.ndarray = np.arange(total, dtype=dtype)
    out -= np.repeat((ends - sizes).astype(dtype), sizes)
    return out


def _key_codes(col: Column, what: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each distinct name_keys value's keys ("pairs": as written; "parts": the sound key of
    each part, once, from its pair keys: "AMR|MHMD MHMD|SD" holds AMR, MHMD and SD) as integer
    codes, once per column: (flat codes, start, count), in bulk with
    pandas' string methods rather than a Python loop over hundreds of thousands of values."""
    if what == "initials":
        return _initials_codes(col)
    if what not in col.cache:
        vocab: dict[str, int] = {}
        owners, all_codes = [], []
        # in chunks of KEYS_CHUNK values: the lists and exploded strings of every value at
        # once were a peak of blocking's memory at a million records
        for lo in range(0, len(col.values), KEYS_CHUNK):
            values = pd.Series(col.values[lo:lo + KEYS_CHUNK], dtype=object)
            split = values.str.split(" " if what == "pairs" else r"[ |]",
                                     regex=what != "pairs")
            exploded = split.explode()
            del split
            exploded = exploded[exploded.notna() & (exploded != "")]
            owner = exploded.index.to_numpy(dtype=np.int64) + lo
            local, uniques = pd.factorize(exploded.to_numpy(dtype=object))
            del exploded
            if what == "parts":  # a part in several pair keys counts once
                once = ~pd.Series(owner * (len(uniques) + 1) + local).duplicated().to_numpy()
                owner, local = owner[once], local[once]
            # the chunk's codes on one vocabulary for the whole column, in order of first
            # appearance (as one factorize over all values would number them)
            glob = np.array([vocab.setdefault(u, len(vocab)) for u in uniques.tolist()],
                            dtype=np.int64)
            owners.append(owner)
            all_codes.append(glob[local] if len(local) else np.zeros(0, np.int64))
        owner = np.concatenate(owners) if owners else np.zeros(0, np.int64)
        codes = np.concatenate(all_codes) if all_codes else np.zeros(0, np.int64)
        del owners, all_codes
        col.cache[f"{what}_vocab"] = np.array(list(vocab), dtype=object)
        lens = np.bincount(owner, minlength=len(col.values)).astype(np.int64)
        col.cache[what] = (codes, np.cumsum(lens) - lens, lens)
    return col.cache[what]


def _initials_codes(col: Column, held: np.ndarray | None = None
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """INITIALS_RULE's keys of each distinct name_keys value: each part's key with the first
    sound of another of the name's part keys ("BNMR>H" for بنعمر and a part in H), each once
    per value. From the single parts' codes (_key_codes "parts", which the rule on one part
    and the date has built), in numpy: no string is made per key.

    With `held` (name_keys values: those an undated record holds), only the keys one of them
    holds are kept, for every value: the keys of `held` are built first, and each chunk of the
    others' keys is looked up in them before it is kept. No other key can make a pair with an
    undated record, and at a million records all the keys (ten times the part keys) were the
    peak of memory of the whole run."""
    if held is None and "initials" in col.cache:
        return col.cache["initials"]
    flat, start, lens = _key_codes(col, "parts")
    first = np.array([ord(k[:1] or " ") % 256 for k in col.cache["parts_vocab"].tolist()],
                     dtype=np.int64)
    hot = None
    if held is not None:
        mine = np.unique(held)
        hot = np.unique(np.concatenate(
            [_initials_raw(flat, start, lens, first, mine[lo:lo + INITIALS_CHUNK])[1]
             for lo in range(0, len(mine), INITIALS_CHUNK)] or [np.zeros(0, np.int64)]))
    owners, raws = [], []
    # in chunks of values: the ordered pairs of part keys are ten times the keys
    for lo in range(0, len(lens), INITIALS_CHUNK):
        values = np.arange(lo, min(lo + INITIALS_CHUNK, len(lens)), dtype=np.int64)
        own, raw = _initials_raw(flat, start, lens, first, values)
        if hot is not None:  # only the keys an undated record's name holds
            at = np.minimum(np.searchsorted(hot, raw), max(len(hot) - 1, 0))
            keep = hot[at] == raw if len(hot) else np.zeros(len(raw), dtype=bool)
            own, raw = own[keep], raw[keep]
        # kept in 32 bits where they fit: at a million records these keys were the peak of
        # blocking's memory
        owners.append(own.astype(np.int32) if len(lens) < 2**31 else own)
        raws.append(raw.astype(np.int32) if len(first) and len(flat) and
                    int(flat.max()) < 2**23 else raw)
    owner = np.concatenate(owners) if owners else np.zeros(0, np.int64)
    del owners
    counts = np.bincount(owner, minlength=len(lens)).astype(np.int64)
    del owner
    raw = np.concatenate(raws) if raws else np.zeros(0, np.int64)
    del raws
    codes = pd.factorize(raw)[0].astype(np.int32 if len(raw) < 2**31 else np.int64)
    del raw
    out = (codes, np.cumsum(counts) - counts, counts)
    if held is None:
        col.cache["initials"] = out
    return out


def _initials_raw(flat: np.ndarray, start: np.ndarray, lens: np.ndarray, first: np.ndarray,
                  values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The INITIALS_RULE keys of some name_keys values (sorted by value, each key once per
    value) as (owner value, part code * 256 + another part's first sound)."""
    n_of = lens[values]
    owner = np.repeat(values, n_of)
    entry = np.repeat(start[values], n_of) + _ranges(n_of)  # each part entry of each value
    times = np.repeat(n_of, n_of)  # each entry pairs with every entry of its value
    left = np.repeat(entry, times)
    right = np.repeat(start[owner], times) + _ranges(times)
    own = np.repeat(owner, times)
    keep = left != right
    left, right, own = left[keep], right[keep], own[keep]
    raw = flat[left] * 256 + first[flat[right]]
    # each key once per value (np.unique hashes: slower here by far than a sort)
    pair = np.lexsort((raw, own))
    own, raw = own[pair], raw[pair]
    fresh = np.r_[True, (own[1:] != own[:-1]) | (raw[1:] != raw[:-1])] if len(raw) else \
        np.zeros(0, dtype=bool)
    return own[fresh], raw[fresh]


def pairs_of_name_keys(frame: Frame, max_block: int, by: np.ndarray | None = None,
                       parts_with: Column | None = None, initials: bool = False,
                       focus: np.ndarray | None = None,
                       each: Callable[[Pairs], Pairs] | None = None) -> Pairs:
    """Pairs sharing any one of their name keys (a record holds several: one per two parts);
    keys held by more than max_block records split by `by` (refine). With `parts_with`, the
    keys are the name's single parts, each joined with that column's value (a record without
    it has no key): any one part and the birth date, whichever order the name is written in.
    With `initials`, the keys are each part with the first sound of another (INITIALS_RULE).
    With `focus` (a mask of records), only pairs with a record in it (pairs_with; no split by
    `by`). With `each` (a filtered rule's test), the pairs are made a run of key groups at a
    time (FILTER_CHUNK pairs) and only those `each` keeps are kept: the rule's pairs before
    its test never all exist at once."""
    col = frame.cols["name_keys"]
    what = "initials" if initials else "pairs" if parts_with is None else "parts"
    present = np.flatnonzero(col.codes >= 0)
    if initials and focus is not None:  # only the keys a focus record holds can pair
        flat, start, lens = _initials_codes(col, col.codes[present[focus[present]]])
        for part in ("parts", "parts_vocab"):  # built from them; not needed again
            col.cache.pop(part, None)
    else:
        flat, start, lens = _key_codes(col, what)
        if focus is not None:
            flat, start, lens = _held_by(flat, start, lens,
                                         col.codes[present[focus[present]]])
    if parts_with is not None:
        present = present[parts_with.codes[present] >= 0]
    values = col.codes[present]
    counts = lens[values]
    # one entry per record and key (millions at a million records: INITIALS_RULE's were the
    # peak of blocking's memory), so in 32 bits where they fit, temporaries freed at once
    index = np.int32 if len(frame) < 2**31 and len(flat) < 2**31 else np.int64
    records = np.repeat(present.astype(index), counts)
    if len(records) == 0:
        return Pairs(np.zeros(0, np.int64), np.zeros(0, np.int64))
    at = np.repeat(start[values].astype(index), counts)
    at += _ranges(counts, index)
    codes = flat[at]
    del at, values, counts
    if parts_with is not None:
        codes = pd.factorize(codes * (len(parts_with.values) + 1)
                             + parts_with.codes[records])[0]
    if "schema" in frame.cols:
        schema = frame.cols["schema"].codes[records].astype(np.int64)
        schema += codes.astype(np.int64) * (len(frame.cols["schema"].values) + 1) + 1
        codes = pd.factorize(schema)[0]
        del schema
    if focus is not None:
        p = pairs_with(codes.astype(np.int64, copy=False), focus[records], max_block)
        return _of_records(records, p)
    codes = refine(codes.astype(np.int32), max_block, None if by is None else by[records])
    if each is None:
        p = pairs_of_key(codes, max_block)
        del codes
        return _of_records(records, p)
    kept = [each(_of_records(records, q))
            for q in pairs_of_key_chunks(codes, max_block, FILTER_CHUNK)]
    return Pairs(np.concatenate([q.left for q in kept]),
                 np.concatenate([q.right for q in kept]))


def _of_records(records: np.ndarray, p: Pairs) -> Pairs:
    """Pairs of key entries as pairs of the records holding them (a record's pair with itself,
    through two of its keys, dropped)."""
    a, b = records[p.left].astype(np.int64), records[p.right].astype(np.int64)
    keep = a != b
    return Pairs(np.minimum(a, b)[keep], np.maximum(a, b)[keep])


def slip_pairs(frame: Frame, max_block: int) -> Pairs:
    """SLIPS_RULE's pairs before its filter: each record whose name has a part that may be a
    slip, with its pair keys where that part is read as each of its corrections, meets the
    records holding those keys as written (the rule on two parts' keys: _key_codes "pairs")."""
    from interlink.names.keys import pair_key
    from interlink.resolve.namesim import table_of

    empty = Pairs(np.zeros(0, np.int64), np.zeros(0, np.int64))
    names, keys = frame.cols["name"], frame.cols["name_keys"]
    table = table_of(names, frame.kind)
    if len(table.fix_ids) == 0:
        return empty
    flat, start, lens = _key_codes(keys, "pairs")
    vocab = {k: i for i, k in enumerate(keys.cache["pairs_vocab"].tolist())}
    parts: list = table.parts
    slipping = np.flatnonzero(((table.fix_count[np.maximum(table.ids, 0)] > 0)
                               & (table.ids >= 0)).any(axis=1))
    value_codes: dict[int, set[int]] = {}
    for alt in slipping.tolist():  # few: a slip is a spelling few records hold
        plain = [i for i in table.ids[alt].tolist() if i >= 0 and not parts[i].initial]
        found: set[int] = value_codes.setdefault(int(table.alt_owner[alt]), set())
        # each part as written or as one of its corrections, two parts at a time (both may
        # be slips: "hedid metsiri"), the pairs as written left out (the rule on two parts')
        ways = [[pid, *table.fix_ids[table.fix_start[pid]:table.fix_start[pid]
                                     + table.fix_count[pid]].tolist()] for pid in plain]
        for i in range(len(plain)):
            for j in range(i + 1, len(plain)):
                for x in ways[i]:
                    for y in ways[j]:
                        if x == plain[i] and y == plain[j]:
                            continue
                        for ka in parts[x].retrieval_keys:
                            for kb in parts[y].retrieval_keys:
                                code = vocab.get(pair_key(ka, kb)) if ka != kb else None
                                if code is not None:
                                    found.add(code)
    fixed = {v: sorted(c) for v, c in value_codes.items() if c}
    if not fixed:
        return empty
    # corrected entries: every record holding such a name, with each corrected key
    holders = np.flatnonzero(np.isin(names.codes, np.fromiter(fixed, dtype=np.int64)))
    rec_fix = np.repeat(holders, [len(fixed[v]) for v in names.codes[holders].tolist()])
    code_fix = np.fromiter((c for v in names.codes[holders].tolist() for c in fixed[v]),
                           dtype=np.int64, count=len(rec_fix))
    # entries as written: every record with each of its pair keys
    present = np.flatnonzero(keys.codes >= 0)
    values = keys.codes[present]
    counts = lens[values]
    rec_all = np.repeat(present, counts)
    code_all = flat[np.repeat(start[values], counts) + _ranges(counts)]
    records = np.r_[rec_all, rec_fix].astype(np.int64)
    codes = np.r_[code_all, code_fix].astype(np.int64)
    focus = np.r_[np.zeros(len(rec_all), bool), np.ones(len(rec_fix), bool)]
    if "schema" in frame.cols:
        codes = pd.factorize(codes * (len(frame.cols["schema"].values) + 1)
                             + frame.cols["schema"].codes[records] + 1)[0].astype(np.int64)
    return _of_records(records, pairs_with(codes, focus, max_block))


def _held_by(flat: np.ndarray, start: np.ndarray, lens: np.ndarray, values: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The per-value keys (flat, start, lens) reduced to the keys that one of `values` holds."""
    mine = np.unique(values)
    hot = np.zeros(int(flat.max(initial=0)) + 1, dtype=bool)
    hot[flat[np.repeat(start[mine], lens[mine]) + _ranges(lens[mine])]] = True
    keep = hot[flat]
    owner = np.repeat(np.arange(len(lens), dtype=np.int64), lens)[keep]
    counts = np.bincount(owner, minlength=len(lens)).astype(np.int64)
    return flat[keep], np.cumsum(counts) - counts, counts


def pairs_with(codes: np.ndarray, focus: np.ndarray, max_block: int) -> Pairs:
    """The pairs of entries sharing a code (groups of 2 to max_block entries) of which at
    least one is in `focus`, each once: pairs_of_key without the pairs of two entries out of
    focus (INITIALS_RULE: undated records, an eighth of them, with every record of their
    groups; all pairs were twelve times as many, nearly all of two dated records)."""
    # only the entries of groups that pair at all and hold a focus entry (a few percent)
    sizes_all = np.bincount(codes)
    hot = np.bincount(codes[focus], minlength=len(sizes_all)) > 0
    hot &= (sizes_all >= 2) & (sizes_all <= max_block)
    idx = np.flatnonzero(hot[codes])
    del sizes_all, hot
    p = _pairs_with(codes[idx], focus[idx], max_block)
    return Pairs(idx[p.left], idx[p.right])


def _pairs_with(codes: np.ndarray, focus: np.ndarray, max_block: int) -> Pairs:
    if len(codes) == 0:
        return Pairs(np.zeros(0, np.int64), np.zeros(0, np.int64))
    order = np.argsort(codes, kind="stable")
    sorted_codes = codes[order]
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
    sizes = np.diff(np.r_[starts, len(order)])
    group = np.repeat(np.arange(len(starts)), sizes)  # group of each sorted entry
    fine = (sizes >= 2) & (sizes <= max_block)
    mine = np.flatnonzero(focus[order] & fine[group])  # sorted positions of focus entries
    if len(mine) == 0:
        return Pairs(np.zeros(0, np.int64), np.zeros(0, np.int64))
    g = group[mine]
    count = sizes[g]
    left = np.repeat(mine, count)
    right = np.repeat(starts[g], count) + _ranges(count)
    a, b = order[left], order[right]
    keep = left != right
    # a pair of two focus entries comes twice: once from each
    key = np.unique(np.minimum(a, b)[keep].astype(np.int64) * len(codes)
                    + np.maximum(a, b)[keep])
    return Pairs(key // len(codes), key % len(codes))


def monthday(value: str) -> str:
    """MMDD of a full YYYYMMDD date, '' otherwise (the year may be the mistyped part)."""
    return value[4:8] if len(value) == 8 else ""


def filter_comparisons() -> list:
    """The comparisons a filtered rule's pairs must pass (birth date, whole name), as
    compare.py defines them, so that the Spark engine filters with the very same functions."""
    from interlink.resolve.compare import Comparison, birth_date, full_name

    return [Comparison("birth_date", (), ("birth_date",), birth_date),
            Comparison("name", (), ("name",), full_name)]


def passes_filter(levels: np.ndarray) -> np.ndarray:
    """Which pairs (rows of filter_comparisons' levels) a filtered rule keeps."""
    return (levels[:, 0] >= FILTER_DATE_LEVEL) & (levels[:, 1] >= FILTER_NAME_LEVEL)


def undated_pairs(frame: Frame, p: Pairs) -> Pairs:
    """The pairs of which at least one record has no birth date (INITIALS_RULE)."""
    codes = frame.cols["birth_date"].codes if "birth_date" in frame.cols else None
    if codes is None or len(p) == 0:
        return p
    keep = (codes[p.left] < 0) | (codes[p.right] < 0)
    return Pairs(p.left[keep], p.right[keep])


def slip_apart(keys_a: str, keys_b: str) -> bool:
    """Whether two names (their name_keys values) share a part's key and have another part
    each whose keys are one consonant apart with the same first sound (a slip inside one
    part): INITIALS_RULE's cheap test before the whole names are scored. Nearly all pairs its
    key meets are namesakes sharing one part (a family name) with another given name in the
    same letter; scoring all of them cost more than the rest of blocking."""
    return _slip(_parts_of(keys_a), _parts_of(keys_b))


def _parts_of(keys: str) -> frozenset[str]:
    return frozenset(keys.replace("|", " ").split())


def _slip(pa: frozenset[str], pb: frozenset[str]) -> bool:
    if pa.isdisjoint(pb):
        return False
    rest_a, rest_b = pa - pb, pb - pa
    return any(x[:1] == y[:1] and Levenshtein.distance(x, y, score_cutoff=1) <= 1
               for x in rest_a for y in rest_b)


def slipped(frame: Frame, p: Pairs) -> Pairs:
    """The pairs whose names are slip_apart, tested once per distinct pair of names."""
    if len(p) == 0:
        return p
    col = frame.cols["name_keys"]
    a, b = col.codes[p.left].astype(np.int64), col.codes[p.right].astype(np.int64)
    inverse, uniq = pd.factorize(a * len(col.values) + b)
    values = col.values
    ua, ub = (uniq // len(values)).tolist(), (uniq % len(values)).tolist()
    sets = {v: _parts_of(values[v]) for v in {*ua, *ub}}  # each name's parts once
    ok = np.array([_slip(sets[x], sets[y]) for x, y in zip(ua, ub, strict=True)],
                  dtype=bool)[inverse]
    return Pairs(p.left[ok], p.right[ok])


def passes_initials_filter(levels: np.ndarray) -> np.ndarray:
    """Which pairs (rows of filter_comparisons' levels) INITIALS_RULE keeps: a birth date
    missing on one side, whole names >= 0.75 (as undated_pairs and names_agree)."""
    return (levels[:, 0] < 0) & (levels[:, 1] >= FILTER_NAME_LEVEL)


def names_agree(frame: Frame, p: Pairs) -> Pairs:
    """The pairs whose whole names score at least 0.75 (INITIALS_RULE's filter)."""
    if len(p) == 0:
        return p
    _, name = filter_comparisons()
    keep = name.fn(frame, p.left, p.right) >= FILTER_NAME_LEVEL
    return Pairs(p.left[keep], p.right[keep])


def filtered(frame: Frame, p: Pairs, found: np.ndarray | None = None) -> Pairs:
    """The pairs of a filtered rule that pass its filter (see FILTERED_RULES); with `found`
    (the earlier rules' pairs, sorted codes: _merge), those already found are dropped without
    scoring their names (they are candidates already)."""
    if len(p) == 0:
        return p
    date, name = filter_comparisons()
    # the dates first (vectorised, cheap): only the pairs a typing error explains have their
    # names scored, which costs Python work per new pair of name parts
    # in chunks: the rule's pairs are tens of millions at a million records, and the date
    # comparison's temporaries over all of them at once were blocking's peak of memory
    near = np.concatenate(
        [np.flatnonzero(date.fn(frame, p.left[lo:lo + FILTER_CHUNK],
                                p.right[lo:lo + FILTER_CHUNK]) >= FILTER_DATE_LEVEL) + lo
         for lo in range(0, len(p), FILTER_CHUNK)])
    q = Pairs(p.left[near], p.right[near])
    if found is not None:  # after the date test: it leaves a few of tens of millions
        q = _new(q, found, len(frame))
    keep = name.fn(frame, q.left, q.right) >= FILTER_NAME_LEVEL
    return Pairs(q.left[keep], q.right[keep])


def _new(p: Pairs, found: np.ndarray, n: int) -> Pairs:
    """The pairs not already found by an earlier rule (`found`: their codes left * n + right,
    sorted, each once; looked up by binary search): a filtered rule scores the names of the
    pairs it keeps, and a pair already a candidate need not be scored to be kept."""
    if len(p) == 0 or len(found) == 0:
        return p
    fresh = ~_within(p.left.astype(np.int64) * n + p.right, found)
    return Pairs(p.left[fresh], p.right[fresh])


def _within(codes: np.ndarray, found: np.ndarray) -> np.ndarray:
    """Which of `codes` are in `found` (sorted): a binary search each, where np.isin sorted
    every earlier rule's pairs again at each call (about 12 s CPU of blocking at a million)."""
    at = np.searchsorted(found, codes)
    at[at == len(found)] = 0
    return found[at] == codes


def _merge(found: np.ndarray, p: Pairs, n: int) -> np.ndarray:
    """`found` (sorted pair codes, each once) with a rule's pairs added, still sorted and each
    once: the union of the rules kept as it grows, so that no rule's pairs are looked up in,
    nor the candidates sorted from, a list of every rule's pairs."""
    codes = p.left.astype(np.int64) * n + p.right
    if len(codes) == 0:
        return found
    codes.sort()
    codes = codes[np.r_[True, codes[1:] != codes[:-1]]]
    if len(found):
        codes = codes[~_within(codes, found)]
    merged = np.concatenate([found, codes])
    merged.sort(kind="stable")  # two sorted runs: timsort merges them in one pass
    return merged


def _filter_across(frame: Frame, across: Callable[[Pairs], Pairs], found: np.ndarray,
                   p: Pairs) -> Pairs:
    """A filtered rule's test of one chunk of its pairs (pairs_of_name_keys' `each`)."""
    return filtered(frame, across(p), found)


def block(
    frame: Frame,
    rules: tuple[tuple[str, ...], ...] = RULES,
    max_block: int = DEFAULT_MAX_BLOCK,
    link_only: bool = False,
) -> Pairs:
    """Candidate pairs: the union of every applicable rule's pairs, each pair once.

    `link_only` keeps only pairs of records from different sources (linking two lists that
    have no duplicates of their own, as FEBRL4)."""
    n = len(frame)
    found = np.zeros(0, np.int64)  # the pairs found so far as left * n + right: _merge
    year = frame.cols["birth_year"].codes if frame.has("birth_year") else None
    src = frame.source.codes

    def across(p: Pairs) -> Pairs:
        if not link_only:
            return p
        keep = src[p.left] != src[p.right]
        return Pairs(p.left[keep], p.right[keep])

    for rule in rules:
        limit = (min(max_block, NAME_MAX_BLOCK)
                 if rule in NAME_RULES or rule in FILTERED_RULES
                 or rule in (INITIALS_RULE, SLIPS_RULE)
                 else max_block)
        if rule == INITIALS_RULE:
            if not (frame.has("name_keys") and frame.has("name")):
                continue
            undated = (frame.cols["birth_date"].codes < 0 if "birth_date" in frame.cols
                       else np.ones(n, dtype=bool))
            # the pair keys' codes served the rule on two parts only: freed before this
            # rule's keys, the peak of blocking's memory at a million records
            for what in ("pairs", "pairs_vocab"):
                frame.cols["name_keys"].cache.pop(what, None)
            p = pairs_of_name_keys(frame, limit, initials=True, focus=undated)
            p = across(p)  # before the filter: it compares names, the costly part
            p = names_agree(frame, slipped(frame, undated_pairs(frame, _new(p, found, n))))
        elif rule == ("name_keys",):
            if not frame.has("name_keys"):
                continue
            p = across(pairs_of_name_keys(frame, limit, year))
        elif rule == SLIPS_RULE:
            if not (frame.has("name_keys") and frame.has("name")):
                continue
            p = names_agree(frame, _new(across(slip_pairs(frame, limit)), found, n))
        elif rule == ("name_parts", "birth_date"):
            if not (frame.has("name_keys") and frame.has("birth_date")):
                continue
            p = across(pairs_of_name_keys(frame, limit, parts_with=frame.cols["birth_date"]))
        elif rule in FILTERED_RULES:
            if not (frame.has("name_keys") and frame.has("birth_date") and frame.has("name")):
                continue
            dates = frame.cols["birth_date"]
            if rule[1] == "birth_year":
                with_ = frame.cols["birth_year"]
            else:
                if "monthday" not in dates.cache:
                    dates.cache["monthday"] = derive(dates, monthday)
                with_ = dates.cache["monthday"]
            # across() before the filter: it compares names, the costly part; `found` holds
            # the earlier rules' pairs (this rule's own are added after)
            p = pairs_of_name_keys(frame, limit, parts_with=with_,
                                   each=partial(_filter_across, frame, across, found))
        else:
            key = rule_key(frame, rule)
            if key is None:
                continue
            codes = refine(key.codes, limit, year) if rule in NAME_RULES else key.codes
            p = across(pairs_of_key(codes, limit))
        found = _merge(found, p, n)
    # the keys' codes of every part and pair of parts serve blocking only: dropped, so that
    # the later stages do not carry them (tens of megabytes at a million records)
    if "name_keys" in frame.cols:
        for what in ("pairs", "parts", "initials", "pairs_vocab", "parts_vocab"):
            frame.cols["name_keys"].cache.pop(what, None)
    index = np.int32 if n < 2**31 else np.int64  # half the memory of the pair list
    return Pairs((found // n).astype(index), (found % n).astype(index))
