"""The watchlist index: sub-linear candidate retrieval over sound keys and document numbers.

Every entry is posted under the coarse sound key of each of its name parts and under the
order-free key of each *pair* of parts (names.keys). A query looks up its own keys and counts,
per entry, how many keys it shares; only the best-ranked entries are scored in full. Pair
postings are what keeps this fast on a million names: "MHMD" (Mohamed) is posted under tens of
thousands of entries, "MHMD|MR" (Mohamed + Amra) under a handful. Single-part postings are read
only when short (a rare family name), which also catches a query whose other parts are all
misspelt. Document numbers have their own postings, so a matching passport finds its entry
whatever the name.

The index also counts how many entries carry each part, which gives the weight of a part in the
comparison: on a list where "Benali" is common it weighs less than a rare family name.
"""

from __future__ import annotations

import contextlib
import math
from array import array
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

import numpy as np
from rapidfuzz.fuzz import ratio
from rapidfuzz.process import cdist

from interlink.names.compare import default_part_weight, remember
from interlink.names.keys import (
    extra_index_keys,
    index_keys,
    key_groups,
    may_have_extra_keys,
    spelled_keys,
)
from interlink.names.parse import parse_name
from interlink.names.parts import Part
from interlink.screen.entry import Entry
from interlink.screen.postings import KeyPostings

#: Single-part postings longer than this (or than 1/SINGLE_CAP_FRACTION of the list) are not
#: read: the part is too common to block on alone.
SINGLE_CAP = 500
SINGLE_CAP_FRACTION = 200
#: Pair postings longer than this are read only up to this many entries.
PAIR_CAP = 2000
#: Entries scored in full per query, best-ranked first.
TOP_K = 20
#: Candidates ranking below this fraction of the best-ranked one are dropped.
RELATIVE_FLOOR = 0.15
#: Entries ranked by shared keys that `_rerank` reorders by whole-name sound before the cut-off.
POOL = 200
#: When the pool ends inside a tie of rarity sums, the entries of the tie past it whose
#: skeleton is the query's join it (`_rerank`; False: the pool is cut where it falls).
POOL_TIE = True
#: Entries are also posted under their parts' spellings, two at a time (`spelled_keys`), and
#: an entry holding two parts of the query as spelt gains their rarity and this bonus.
SPELLED = True
SPELLED_BONUS = 2.0
#: Entries are also posted under the forms a query writes apart or drops that the entry
#: writes as one part (`extra_index_keys`: "Mint Farah" for "Mint Mohamed Farah", "al-Qasim
#: Rasa" for "ابوالقاسم رسا"); the query's own keys find them.
EXTRA_KEYS = True
#: Added in `_rerank` to the entries written in the other script than the query.
CROSS_SCRIPT_BONUS = 1.0
#: Entries in the other script whose skeleton is the query's rank above every entry but the
#: query's exact spellings (`_rerank`) ...
CROSS_SCRIPT_SAME = True
#: ... that far above the best of the others.
CROSS_SCRIPT_SAME_STEP = 1.0
#: Weight of the whole-name sound similarity (0..1) beside the rarity sum (a unit: 2 to 14).
RERANK_WEIGHT = 6.0
#: Birth postings longer than this are intersected with a query's hits as sets.
BIRTH_SET_MIN = 64
#: However many candidates tie at the cut-off (identical names: namesakes the retrieval cannot
#: tell apart), no more than this many are scored: a bound on the work of one query.
TIE_CAP = 1000
#: parts whose weight `Watchlist.weight` remembers, before it forgets them all (a server's
#: watchlist meets new query parts for as long as it runs)
PART_WEIGHTS_MAX = 500_000
#: Added to the rank of an entry that has the query's very spelling (`_rerank`): above the
#: entries that only sound alike, however many keys their aliases add (a record screened
#: without its birth date must still find itself among its near-namesakes).
SAME_SPELLING_BONUS = 6.0
#: How far above the entries that only sound like the query those holding every part of the
#: query as it is spelt, and more, are ranked (`_rerank`).
SUBSET_BONUS = 1.0
#: Below this many entries, frequencies are noise and the built-in weights are used.
MIN_ENTRIES_FOR_FREQUENCY = 1000
#: Specificity of a name match (`Watchlist.commonness`): how much of a part's rarity counts,
#: by how closely the two parts met (exact spelling, same sound key, same consonants or
#: coarse key, looser): a looser meeting admits more entries than the key's posting holds.
SPECIFIC_LEVELS = ((0.999, 1.0), (0.92, 0.9), (0.85, 0.75), (0.0, 0.6))
#: An exact spelling is rarer than its coarse key (a key covers several spellings): nats added.
SPECIFIC_SAME_SPELLING = 1.5
#: A part met across scripts through the same sound key is as rare as the entries that have that
#: key, fewer than those of its coarse key (a key covers fewer spellings than a coarse key):
#: this share of log(coarse postings / sound-key entries) is added, as for a same-key level.
SPECIFIC_CROSS_SCRIPT = 0.9
#: A match is specific when fewer than exp(-SPECIFIC_MARGIN) entries of the list are expected
#: to share its parts by chance ...
SPECIFIC_MARGIN = 1.0
#: ... and below that, the name score loses this much per nat missing, up to the cap.
COMMONNESS_SLOPE = 0.02
COMMONNESS_CAP = 0.1


def _span_length(span: tuple[int, int]) -> int:
    return span[1] - span[0]


def birth_keys(date: str) -> tuple[str, ...]:
    """The keys a birth date is posted under: its year, then its month and day when known
    ("1968", "1968-10", "1968-10-06"), least precise first."""
    return tuple(date[:n] for n in (4, 7, 10) if len(date) >= n)


def _spelling(parts: Sequence[Part]) -> tuple[int, ...]:
    """A name's parts as an order-free identity (one `Part` object per spelling)."""
    return tuple(sorted(map(id, parts)))


def skeleton(parts: Sequence[Part]) -> str:
    """A name's coarse keys sorted, one word each (initials and generic words left out).

    A part's first coarse key is its primary variant's (`Part.coarse_keys` keeps the
    variants' order), read from the slot rather than through `Part.key`: a million-name
    build makes a skeleton per entry, and the property and the generator cost 1.1 of its
    2.5 µs."""
    return " ".join(sorted([p.coarse_keys[0] for p in parts if not p.initial and not p.generic]))


class _Columns(NamedTuple):
    """Per entry, what `_rerank` gathers for its pool, as numpy arrays (`Watchlist._columns`)."""

    #: the length, hash and text of each first-name skeleton; the texts as one fixed-width
    #: ASCII array (None when one is not ASCII): a pool's are gathered from it in one copy,
    #: where a list of strings scattered in memory cost a cache miss per entry
    lengths: np.ndarray
    #: the longest skeleton's length
    width: int
    hashes: np.ndarray
    packed: np.ndarray | None
    #: 1 when the entry's first name is written in Arabic script
    arabic: np.ndarray


@lru_cache(maxsize=1024)
def _subset_ratios(length: int, width: int) -> np.ndarray:
    """Per skeleton length up to `width`, the ratio (as rapidfuzz rounds it) of a skeleton of
    `length` characters to a longer one that holds it as a subsequence: 2 * length / (length
    + other), and 255 (no ratio) for the lengths that are not longer."""
    other = np.arange(width + 1, dtype=np.int32)
    own = np.array([length], dtype=np.int32)
    expected = np.floor(200.0 * own / (own + other) + 0.5)
    return np.where(other > length, expected, 255).astype(np.uint8)


class Watchlist:
    """Entries and their inverted index. Build once, query many times (read-only thereafter)."""

    def __init__(self, entries: Iterable[Entry] = (), name: str = "") -> None:
        self.name = name
        self.entries: list[Entry] = []
        self.parsed: list[tuple[tuple[Part, ...], ...]] = []
        #: entries per name key (`KeyPostings`: hashed keys sorted in bulk, sealed below)
        self._postings = KeyPostings()
        #: entries per key, for the keys whose count was asked (`_count`)
        self._counts: dict[str, int] = {}
        #: per one-part key, the entries posted under it only by `extra_index_keys`
        #: (`_post_extra`), left out of `_count`
        self._extra_singles: dict[str, int] = {}
        self._ids: dict[str, list[int]] = {}
        #: entries per birth year, month and date (`birth_keys`), ascending; the long ones
        #: also as sets (`_birth_bonus`), built on first use
        self._births: dict[str, list[int]] = {}
        self._birth_sets: dict[str, set[int]] = {}
        self._weights: dict[str, float] = {}
        self._part_weights: dict[Part, float] = {}
        #: entries per full sound key (any reading of any part), built on first use
        self._full_counts: dict[str, int] | None = None
        #: per entry, its first name's sorted coarse keys (what `_rerank` compares), and
        #: those of the other names of the entries that have aliases
        self.skeletons: list[str] = []
        self._alias_skeletons: dict[int, tuple[str, ...]] = {}
        #: the length of each skeleton (`_rerank` reads the pool's in one numpy gather)
        self._skeleton_lengths = array("i")
        #: the hash of each skeleton (`_rerank` looks for the query's past the pool)
        self._skeleton_hashes = array("q")
        #: per entry, 1 when its first name is written in Arabic script (`_rerank`)
        self._arabic = array("b")
        #: the four per-entry columns above as numpy arrays, made after the last `add`
        #: (`_columns`: a numpy view of an `array` would keep it from growing)
        self._frozen: _Columns | None = None
        for entry in entries:
            self.add(entry)
        self._postings.seal()
        self._columns()

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def add(self, entry: Entry) -> None:
        """Index one entry (aliases included)."""
        idx = len(self.entries)
        names = entry.names
        if len(names) == 1:
            parsed: tuple[tuple[Part, ...], ...] = (parse_name(names[0], entry.kind),)
        else:
            parsed = tuple(parse_name(n, entry.kind) for n in names)
        self.entries.append(entry)
        self.parsed.append(parsed)
        first_skeleton = skeleton(parsed[0]) if parsed else ""
        self.skeletons.append(first_skeleton)
        self._skeleton_lengths.append(len(first_skeleton))
        self._skeleton_hashes.append(hash(first_skeleton))
        self._arabic.append(1 if parsed and any(p.arabic for p in parsed[0]) else 0)
        if len(parsed) > 1:
            self._alias_skeletons[idx] = tuple(skeleton(parts) for parts in parsed[1:])
        # the keys of every unit of every name, once each (`index_keys`: the union of
        # `key_groups` without its per-unit tuples, a fifth of a million-name build)
        if len(parsed) == 1:
            keys = index_keys(parsed[0])
            if SPELLED:
                keys |= spelled_keys(parsed[0])
        else:
            keys = set()
            for parts in parsed:
                keys |= index_keys(parts)
                if SPELLED:
                    keys |= spelled_keys(parts)
        if EXTRA_KEYS and any(map(may_have_extra_keys, parsed)):
            self._post_extra(parsed, keys)
        self._postings.add(idx, keys)
        if entry.id_numbers:
            for number in entry.id_numbers:
                self._ids.setdefault(number, []).append(idx)
        if entry.birth_dates:
            births = self._births
            for key in {k for date in entry.birth_dates for k in birth_keys(date)}:
                births.setdefault(key, []).append(idx)
        if self._birth_sets:
            self._birth_sets = {}
        if self._weights or self._part_weights:
            self._weights = {}
            self._part_weights = {}
        if self._counts:
            self._counts = {}
        self._full_counts = None
        self._frozen = None

    def _post_extra(self, parsed: tuple[tuple[Part, ...], ...], keys: set[str]) -> None:
        """Add to an entry's keys those of `extra_index_keys`, and count the one-part keys
        among them that the entry has only so (`_extra_singles`): a part's weight and a
        match's commonness count the entries that *have* a part, which these postings are
        not (ابوالقاسم is posted under KSM, but it is no Qasim to weigh Qasim by)."""
        extra: set[str] = set()
        for parts in parsed:
            extra |= extra_index_keys(parts)
        if not extra:
            return
        extra -= keys
        singles = self._extra_singles
        for key in extra:
            if "|" not in key:
                singles[key] = singles.get(key, 0) + 1
        keys |= extra

    def _columns(self) -> _Columns:
        """The per-entry columns `_rerank` reads, as numpy arrays (made again after an `add`)."""
        frozen = self._frozen
        if frozen is None:
            lengths = np.frombuffer(self._skeleton_lengths, dtype=np.int32).copy()
            width = int(lengths.max(initial=0))
            packed: np.ndarray | None = None
            with contextlib.suppress(UnicodeEncodeError):
                packed = np.array(self.skeletons, dtype=f"S{max(1, width)}")
            if packed is not None and not np.array_equal(np.char.str_len(packed), lengths):
                packed = None  # a skeleton ending in NUL, which numpy drops
            frozen = self._frozen = _Columns(
                lengths,
                width,
                np.frombuffer(self._skeleton_hashes, dtype=np.int64).copy(),
                packed,
                np.frombuffer(self._arabic, dtype=np.int8).copy(),
            )
        return frozen

    def _count(self, key: str) -> int:
        """Entries posted under a key, remembered (the weights and `commonness` ask the
        same few keys again and again)."""
        count = self._counts.get(key)
        if count is None:
            count = self._postings.count(key) - self._extra_singles.get(key, 0)
            self._counts[key] = count
        return count

    # -- weights -------------------------------------------------------------------------

    def weight(self, part: Part) -> float:
        """Weight of a part: built-in, lowered when the part is frequent on this list.

        Remembered per part (one `Part` object per spelling) as well as per key: every pair
        scored asks the weights of both names' parts, the query's once per candidate."""
        known = self._part_weights.get(part)
        if known is None:  # every query's parts come here: bounded
            known = remember(self._part_weights, part, self._key_weight(part), PART_WEIGHTS_MAX)
        return known

    def _key_weight(self, part: Part) -> float:
        key = part.key.coarse
        cached = self._weights.get(key)
        if cached is not None and not part.initial and not part.generic:
            return cached
        weight = default_part_weight(part)
        if part.initial or part.generic:
            return weight
        n = len(self.entries)
        if n >= MIN_ENTRIES_FOR_FREQUENCY:
            freq = self._count(key) / n
            if freq > 0.001:
                drop = min(1.0, math.log(freq / 0.001) / math.log(50))
                weight = min(weight, 1.0 - 0.7 * drop)
        self._weights[key] = weight
        return weight

    def commonness(self, pairs: Sequence[tuple[float, int, int, str]],
                   entry_parts: Sequence[Part],
                   query_parts: Sequence[Part] = ()) -> float:  # fmt: skip
        """What a name score loses because the parts that met are common on this list.

        The weights (`weight`) make a common part count less *within* a name, but a name made
        only of common parts still scores as high as a rare one: "Salem Elie" meets "Elie
        Salem" and "Ismail Allawi" meets "Ismail Ali" at 0.9 or more, on a list where
        hundreds of entries share those keys. What makes a match evidence is how unlikely
        it is by chance *on this list*: the parts that met carry log(N / postings) nats each
        (scaled by how closely they met, exact spellings a little more), and their sum minus
        log N is minus the log of how many entries would share them at random. Below
        SPECIFIC_MARGIN, the score loses COMMONNESS_SLOPE per missing nat, up to
        COMMONNESS_CAP. The same name therefore needs to meet more closely on a million
        names than on a thousand, which is what keeps false alerts from growing with the
        list. Lists under MIN_ENTRIES_FOR_FREQUENCY are left alone (frequencies are noise).

        A part met across scripts can never be the same spelling, so it never earned the
        exact-spelling nats, and a true Arabic-script match of common names lost to the
        margin what its Latin twin kept. What a same-key meeting across scripts does say is
        that the entry is one of those with that sound key, fewer than those of its coarse key
        (the key covers fewer spellings): those nats, log(coarse postings / entries with the
        sound key), count at the same-key share (the query's parts are needed for it).
        """
        n = len(self.entries)
        if n < MIN_ENTRIES_FOR_FREQUENCY or not pairs:
            return 0.0
        count = self._count
        nats = -math.log(n)
        for sim, i, j, _ in pairs:
            part = entry_parts[j]
            if part.initial or part.generic:
                continue
            size = count(part.key.coarse) or 1
            for floor, share in SPECIFIC_LEVELS:
                if sim >= floor:
                    nats += share * math.log(n / size)
                    break
            if sim >= 0.999:
                nats += SPECIFIC_SAME_SPELLING
            elif sim >= SPECIFIC_LEVELS[1][0] and query_parts:
                nats += self._cross_script_nats(query_parts[i], part, size)
        missing = SPECIFIC_MARGIN - nats
        return min(COMMONNESS_CAP, COMMONNESS_SLOPE * missing) if missing > 0 else 0.0

    def _cross_script_nats(self, query_part: Part, entry_part: Part, size: int) -> float:
        """Nats a same-key meeting across scripts adds beside its coarse key's rarity: the
        entries sharing the sound key are fewer than those sharing the coarse key. Of the
        sound keys both parts have, the most widely shared one counts (the conservative one).
        """
        if query_part.arabic == entry_part.arabic:
            return 0.0
        shared = {v.full for v in query_part.variants}.intersection(
            v.full for v in entry_part.variants
        )
        if not shared:
            return 0.0
        counts = self._full_counts
        if counts is None:
            counts = self._full_counts = self._count_full_keys()
        widest = max(counts.get(k, 0) for k in shared) or 1
        return SPECIFIC_CROSS_SCRIPT * max(0.0, math.log(size / widest))

    def _count_full_keys(self) -> dict[str, int]:
        """Entries per full sound key, every reading of every part of every name once."""
        counts: dict[str, int] = {}
        get = counts.get
        for parsed in self.parsed:
            keys = {
                v.full
                for parts in parsed
                for p in parts
                if not p.initial and not p.generic
                for v in p.variants
            }
            for key in keys:
                counts[key] = get(key, 0) + 1
        return counts

    # -- retrieval -----------------------------------------------------------------------

    def candidates(
        self,
        names: Sequence[Sequence[Part]],
        id_numbers: Sequence[str] = (),
        limit: int = TOP_K,
        birth_dates: Sequence[str] = (),
    ) -> list[int]:
        """Indices of the entries worth scoring for a query, best-ranked first.

        Each unit of evidence (a part, a pair of parts, a joined pair: `key_groups`) adds its
        rarity, log(N / postings), to every entry posted under one of its keys: sharing
        "Mohamed" and "Ahmed" ranks an entry below sharing a rare family name, which is what
        keeps the true entry within the cut-off when common names share keys. Long postings
        of single parts are not read (too common to block on: their pairs are); pair postings
        longer than PAIR_CAP are read (up to the cap) only when nothing rarer is shared.

        The query's birth dates rank the entries its name already found (`_birth_bonus`):
        among hundreds of namesakes, which share every key, the one born on the same day
        would otherwise be cut off as often as not; an entry beyond the cap of a common pair
        is read when it shares the date. A birth date alone never makes a candidate. However
        far the list is cut, a tie at the cut-off is kept whole (`_rerank`, up to TIE_CAP):
        which of twenty identical namesakes are scored must not depend on the order of the list.

        At a million names (issue 13, nineteenth pass): two parts of the query as an entry
        spells them are a unit of their own (`spelled_keys`: a reordered name, a middle name
        dropped, found past thousands of sound-alikes); a pool that ends inside a tie of
        rarity sums takes the entries of the tie that sound as the query (POOL_TIE); and an
        entry in the other script gains CROSS_SCRIPT_BONUS in `_rerank` (it shares units
        through one reading where a near-namesake in the query's script shares the rarest
        of many).
        """
        hits = self._hits(names, id_numbers, birth_dates)
        if not hits:
            return []
        if len(hits) <= limit:
            ranked = sorted(hits.items(), key=itemgetter(1), reverse=True)
            # Entries sharing much less than what the best share are not worth a full score.
            floor = ranked[0][1] * RELATIVE_FLOOR
            return [idx for idx, score in ranked if score >= floor]
        born = self._birth_bonus(hits, birth_dates) if birth_dates else {}
        if born:
            named = dict(hits)  # the floor is the name's: a date alone keeps no candidate
            for idx, extra in born.items():
                hits[idx] += extra
            ranked = self._rerank(names, hits, limit)
            floor = max(named[idx] for idx, _ in ranked) * RELATIVE_FLOOR
            return [idx for idx, _ in ranked if named[idx] >= floor]
        ranked = self._rerank(names, hits, limit)
        floor = ranked[0][1] * RELATIVE_FLOOR
        return [idx for idx, score in ranked if score >= floor]

    def _hits(
        self,
        names: Sequence[Sequence[Part]],
        id_numbers: Sequence[str] = (),
        birth_dates: Sequence[str] = (),
    ) -> dict[int, float]:
        """Per entry sharing a unit of evidence with the query, the rarity sum of the units
        it shares (`candidates` ranks them)."""
        hits: dict[int, float] = {}
        get = hits.get
        postings = self._postings
        total = len(self.entries) + 1
        single_cap = max(SINGLE_CAP, total // SINGLE_CAP_FRACTION)
        common: list[tuple[float, list[tuple[int, int]]]] = []
        units = [(parts, key_groups(parts)) for parts in names]
        spelt = [k for parts in names for k in spelled_keys(parts)] if SPELLED else []
        # every key of the query looked up at once: where its entries lie (`KeyPostings`)
        wanted = set(spelt)
        for _, groups in units:
            wanted.update(*groups)  # (in C: a set comprehension over the groups was not)
        spans = postings.spans(list(wanted))
        read = postings.read
        for parts, groups in units:
            alone = sum(1 for p in parts if not p.initial and not p.generic) == 1
            for group in groups:
                # the group's keys that have entries (most joined and pair keys have none)
                lists = list(filter(None, map(spans.get, group)))
                if not lists:
                    continue
                pair = "|" in group[0]
                size = sum([e - s for s, e in lists])
                if not pair and size > single_cap:
                    if not alone:
                        continue  # its pairs with the other parts are read instead
                    # a one-part name's rarest readings still count when its loosest ones are
                    # too common to read (آيت البان: ATBN, not the "BN" every Ben shares);
                    # what is read stays within the cap
                    lists.sort(key=_span_length)
                    kept, taken = [], 0
                    for span in lists:
                        taken += span[1] - span[0]
                        if taken > single_cap:
                            break
                        kept.append(span)
                    if not kept:
                        continue
                    lists = kept
                    size = sum([e - s for s, e in lists])
                bonus = 2.0 if pair else 1.0
                if size > PAIR_CAP:
                    # read only if nothing rarer is shared
                    common.append((math.log(total / size) + bonus, lists))
                    continue
                if len(lists) == 1:
                    rarity = math.log(total / size) + bonus
                    for idx in read(*lists[0]):
                        hits[idx] = get(idx, 0.0) + rarity
                    continue
                # A unit counts once, at the rarity of the rarest of its keys the entry shares:
                # "Nyawose" shares all of its readings (NS, NJS, NFS) with itself, "Nazih" only
                # the loosest, most crowded one (NS), and ranks below it.
                seen: set[int] = set()
                for span in sorted(lists, key=_span_length):  # rarest first: its rarity counts
                    rarity = math.log(total / (span[1] - span[0])) + bonus
                    fresh = set(read(*span))
                    fresh -= seen
                    seen |= fresh
                    for idx in fresh:
                        hits[idx] = get(idx, 0.0) + rarity
        if not hits:
            # only common pairs (Mohamed + Ahmed) in common: read them, up to a cap each
            dated = self._dated(birth_dates)
            holds = postings.holds
            for rarity, lists in common:
                seen = set()
                for begin, end in lists:
                    seen.update(read(begin, min(end, begin + PAIR_CAP)))
                    if dated and end - begin > PAIR_CAP:
                        # past the cap, the entries born on the query's date (postings and
                        # dates are both in ascending order of entry: a bisection each)
                        seen.update(i for i in dated if holds(i, begin + PAIR_CAP, end))
                for idx in seen:
                    hits[idx] = get(idx, 0.0) + rarity
        for key in spelt:
            # two parts as the entry spells them (after the common pairs: a spelling shared
            # is no reason to leave them unread)
            run = spans.get(key)
            if run and run[1] - run[0] <= PAIR_CAP:
                rarity = math.log(total / (run[1] - run[0])) + SPELLED_BONUS
                for idx in read(*run):
                    hits[idx] = get(idx, 0.0) + rarity
        for number in id_numbers:
            for idx in self._ids.get(number, ()):
                hits[idx] = get(idx, 0.0) + 100.0
        return hits

    def _dated(self, birth_dates: Sequence[str]) -> list[int]:
        """The entries born on one of these dates (full dates only), in ascending order."""
        out: set[int] = set()
        for date in birth_dates:
            if len(date) == 10:
                out.update(self._births.get(date, ()))
        return sorted(out)

    def _birth_bonus(self, hits: dict[int, float], birth_dates: Sequence[str]) -> dict[int, float]:
        """Per entry among the hits, the rarity of the most precise birth key it shares with
        the query: log(N / entries born that day), that month or that year.

        Namesakes share every name key, so nothing else ranks them; a shared year is weak
        evidence (a fiftieth of a list), a shared day strong (one in twenty thousand). A
        long posting (a year's, a month's) is kept as a set, built on first use, and
        intersected with the hits in C: a loop over either in Python was a sixth of the CPU
        of screening a list's own records (`benchmarks/screening_self.py`).
        """
        total = len(self.entries) + 1
        bonus: dict[int, float] = {}
        sets = self._birth_sets
        for date in birth_dates:
            for key in birth_keys(date):  # least precise first: the rarest shared wins
                posting = self._births.get(key)
                if not posting:
                    continue
                rarity = math.log(total / len(posting))
                if len(posting) <= BIRTH_SET_MIN:
                    matched: Iterable[int] = [i for i in posting if i in hits]
                else:
                    # a year's or a month's posting: as a set, intersected in C
                    members = sets.get(key)
                    if members is None:
                        members = sets[key] = set(posting)
                    matched = members.intersection(hits)
                for idx in matched:
                    if rarity > bonus.get(idx, 0.0):
                        bonus[idx] = rarity
        return bonus

    def _rerank(
        self, names: Sequence[Sequence[Part]], hits: dict[int, float], limit: int
    ) -> list[tuple[int, float]]:
        """The `limit` best of the POOL entries ranked first by shared keys, ties and
        near-ties broken by how alike the whole names sound.

        The rarity sum counts which units an entry shares, not how the rest of the name
        compares: "Mokhtar Qaem-Maghami" shares only Mokhtar's key with مختار قائممقامي and
        ranked 33rd behind entries sharing one rarer glued key. A token-sorted ratio of the
        coarse keys (order-free, tolerant of a part written glued or apart) added with weight
        RERANK_WEIGHT reorders the pool; the pool is what the rarity sum keeps.

        Skeletons are stored with their keys sorted, so the token-sorted ratio is the plain
        Indel ratio of the two strings (rapidfuzz `ratio`, a quarter of the cost of
        `token_sort_ratio`, which sorts again); the pool is cut and ordered with numpy
        (`heapq.nlargest` and the Python lists around it were half of the retrieval time).
        """
        count = len(hits)
        all_ids = np.fromiter(hits.keys(), dtype=np.int64, count=count)
        all_scores = np.fromiter(hits.values(), dtype=np.float64, count=count)
        size = max(limit, POOL)
        # the `size` best, best first, ties taken in the order the entries were met (what
        # heapq.nlargest did): one stable sort of them all (a few hundred: cheaper than a
        # partition and the gathering around it); the entries past the pool stay in `rest`
        everyone = (-all_scores).argsort(kind="stable")
        top, rest = everyone[:size], everyone[size:]
        queries = [q for q in map(skeleton, names) if q]
        columns = self._columns()
        if POOL_TIE and queries and count > size:
            edge = all_scores[everyone[size - 1 : size + 1]].tolist()
            if edge[0] == edge[1]:
                # the pool ends inside a tie of rarity sums: which of the tied entries made it
                # in was the order of the list. Those of the tie past it that sound exactly as
                # the query (its skeleton: a hash compare in numpy, no string touched) join it
                tail = rest[: int(np.count_nonzero(all_scores[rest] == edge[0]))]
                hashes = columns.hashes[all_ids[tail]]
                same = np.zeros(len(tail), dtype=bool)
                for q in queries:
                    same |= hashes == hash(q)
                joined = tail[same]
                if len(joined):
                    top = np.concatenate((top, joined))
                    rest = np.setdiff1d(rest, joined, assume_unique=True)
                    if len(rest):
                        rest = rest[(-all_scores[rest]).argsort(kind="stable")]
        ids, scores = all_ids[top], all_scores[top]
        pool = ids.tolist()
        exact: list[int] = []  # positions in the pool of entries spelt as the query
        if queries:
            each = self._sounds(queries, ids, pool, columns.packed)
            # a new array (aliases may raise it); one query's row copied (a reduction along an
            # axis costs more than the rest of this block)
            sims = each[0].copy() if len(each) == 1 else np.maximum.reduce(each, axis=0)
            aliases = self._alias_skeletons
            if aliases:
                for pos, idx in enumerate(pool):
                    for text in aliases.get(idx, ()):
                        for q in queries:
                            sims[pos] = max(int(sims[pos]), int(ratio(q, text)))
            scores = scores + sims * (RERANK_WEIGHT / 100.0)
            if CROSS_SCRIPT_BONUS:
                # an entry in the other script shares a unit through its one reading where a
                # near-namesake in the query's script shares the rarest of the query's many
                # (Khoury: JR, KR, KHR, JRJ; خوري: JR): the sum ranks it lower for that alone
                arabic = any(p.arabic for parts in names for p in parts)
                other = columns.arabic[ids] != arabic
                scores = scores + other * CROSS_SCRIPT_BONUS
            parsed = self.parsed
            if len(pool) > limit:
                # a name holding every part of the query as it is spelt, and more (a middle
                # name the query drops: "Ali Huda Fakhri" for "Ali Fakhri") ranks above the
                # names that only sound like the query's
                whole = [set(map(id, n)) for n in names if len(n) > 1]
                if whole:
                    # looked for among the entries whose skeleton is longer than the query's
                    # and holds it as a subsequence (sorted keys: a subset of its words is
                    # one): their ratio is then 2 * len(query) / (len(query) + len(entry)),
                    # rounded as rapidfuzz rounds it (a filter: the identity test decides)
                    lengths = columns.lengths[ids]
                    width = columns.width
                    subsequence = None
                    for row, q in zip(each, queries, strict=True):
                        if len(q) > width:
                            continue  # no skeleton of the list is longer
                        found = row == _subset_ratios(len(q), width)[lengths]
                        subsequence = found if subsequence is None else subsequence | found
                    near = [] if subsequence is None else subsequence.nonzero()[0].tolist()
                    held = [pos for pos in near
                            if any(w.issubset(map(id, e)) for e in parsed[pool[pos]]
                                   for w in whole if len(e) > len(w))]  # fmt: skip
                    if held:
                        # shifted above every other entry, their own order kept
                        scores[held] += scores.max() - scores[held].min() + SUBSET_BONUS
            if CROSS_SCRIPT_SAME and CROSS_SCRIPT_BONUS:
                # the query's skeleton in the other script is as near as a name written in two
                # scripts comes to the query's spelling (علي ابراهيم for "Ali Ibrahim"): it
                # ranks above the names holding the query's parts and more (at a million
                # names, a hundred "Ali Ibrahim X" pushed it out) and the sound-alikes, below
                # the exact spellings (shifted above it next)
                same = (other & (sims == 100)).nonzero()[0]
                if len(same):
                    scores[same] = max(scores[same].max(), scores.max()) + CROSS_SCRIPT_SAME_STEP
            # the query's very spelling ranks above a name that merely sounds the same:
            # among the entries whose skeleton is the query's, those with a name parsed to
            # the same parts in any order (one Part object per spelling: an identity test,
            # mostly; "Sher Ali" is the spelling of "Ali Sher", reordered)
            alike = (sims == 100).nonzero()[0].tolist()
            if alike:
                wanted = {_spelling(n) for n in names}
                exact = [pos for pos in alike
                         if any(_spelling(n) in wanted for n in parsed[pool[pos]])]  # fmt: skip
                if exact:
                    # ... and they all rank alike: what their aliases add to the rarity sum
                    # says nothing once the spelling is the query's (a tie kept whole below)
                    scores[exact] = max(scores[exact].max(), scores.max()) + SAME_SPELLING_BONUS
        # (the methods, not numpy's functions: their dispatch cost as much as the sort)
        order = (-scores).argsort(kind="stable").tolist()
        final = scores.tolist()
        ranked = [(pool[i], final[i]) for i in order[:limit]]
        if len(pool) <= limit:
            return ranked
        # A tie of namesakes at the cut-off is kept whole, up to TIE_CAP: the entries that
        # rank as the last one kept and sound the same (its skeleton; past the pool, its
        # aliases' too) or are spelt as the query. Other entries that merely rank alike are
        # cut as before (a rank is a sum of rounded parts: such ties say nothing of the names).
        last_idx, last = ranked[-1]
        first, aliases = self.skeletons, self._alias_skeletons
        its_skeleton, its_aliases = first[last_idx], aliases.get(last_idx)
        if final[order[limit]] == last:
            spelt = {pool[pos] for pos in exact}
            for i in order[limit:]:
                if final[i] != last or len(ranked) >= TIE_CAP:
                    break
                idx = pool[i]
                if first[idx] == its_skeleton or idx in spelt:
                    ranked.append((idx, last))
        if not len(rest):
            return ranked
        kth = float(all_scores[top[-1]])  # the pool's lowest rarity sum
        if hits[last_idx] == kth == float(all_scores[rest[0]]) and len(ranked) < TIE_CAP:
            # ... past the pool too: the entries that share the last one's keys as closely
            # (the same rarity sum: the stable sort put them first past the pool, in the
            # order met) and sound the same
            tied = all_ids[rest[: int(np.count_nonzero(all_scores[rest] == kth))]]
            # those whose skeleton's hash is the last one's (a compare in numpy: such a tie
            # can hold thousands of namesakes and sound-alikes), then the strings themselves
            tied = tied[columns.hashes[tied] == hash(its_skeleton)]
            for idx in tied.tolist():
                if first[idx] == its_skeleton and aliases.get(idx) == its_aliases:
                    ranked.append((idx, last))
                    if len(ranked) >= TIE_CAP:
                        break
        return ranked

    def _sounds(
        self, queries: list[str], ids: np.ndarray, pool: list[int], packed: np.ndarray | None
    ) -> np.ndarray:
        """The Indel ratio (0..100) of each query skeleton to each pool entry's, one row per
        query: from the packed ASCII skeletons when there are (one gather, bytes compared as
        their characters are), else from the list of strings."""
        if packed is not None:
            try:
                encoded = [q.encode("ascii") for q in queries]
            except UnicodeEncodeError:
                pass
            else:
                return cdist(encoded, packed[ids].tolist(), scorer=ratio, dtype=np.uint8)
        first = self.skeletons
        # one C call to gather them (a list comprehension over entries scattered in memory
        # was a tenth of the screening time)
        texts = itemgetter(*pool)(first) if len(pool) > 1 else [first[pool[0]]]
        return cdist(queries, texts, scorer=ratio, dtype=np.uint8)

    def by_id_number(self, number: str) -> list[int]:
        return list(self._ids.get(number, ()))

    def stats(self) -> dict[str, int]:
        return {
            "entries": len(self.entries),
            "keys": len(self._postings),
            "postings": self._postings.total(),
        }
