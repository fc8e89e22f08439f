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

import heapq
import math
from collections.abc import Iterable, Iterator, Sequence
from operator import itemgetter

from interlink.names.compare import default_part_weight
from interlink.names.keys import key_groups
from interlink.names.parse import parse_name
from interlink.names.parts import Part
from interlink.screen.entry import Entry

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
#: Below this many entries, frequencies are noise and the built-in weights are used.
MIN_ENTRIES_FOR_FREQUENCY = 1000


def part_keys(parts: Sequence[Part]) -> tuple[list[str], list[str]]:
    """Single and pair keys of one parsed name (initials and generic words excluded)."""
    singles: list[str] = []
    pairs: list[str] = []
    for group in key_groups(parts):
        for key in group:
            target = pairs if "|" in key else singles
            if key not in target:
                target.append(key)
    return singles, pairs


class Watchlist:
    """Entries and their inverted index. Build once, query many times (read-only thereafter)."""

    def __init__(self, entries: Iterable[Entry] = (), name: str = "") -> None:
        self.name = name
        self.entries: list[Entry] = []
        self.parsed: list[tuple[tuple[Part, ...], ...]] = []
        self._postings: dict[str, list[int]] = {}
        self._ids: dict[str, list[int]] = {}
        self._weights: dict[str, float] = {}
        for entry in entries:
            self.add(entry)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def add(self, entry: Entry) -> None:
        """Index one entry (aliases included)."""
        idx = len(self.entries)
        parsed = tuple(parse_name(n, entry.kind) for n in entry.names)
        self.entries.append(entry)
        self.parsed.append(parsed)
        postings = self._postings
        # the keys of every unit of every name, once each: a set fed group by group (not
        # part_keys' ordered lists, whose membership tests cost a tenth of the build)
        keys: set[str] = set()
        update = keys.update
        for parts in parsed:
            for group in key_groups(parts):
                update(group)
        get = postings.get
        for key in keys:
            posting = get(key)
            if posting is None:
                postings[key] = [idx]
            else:
                posting.append(idx)
        for number in entry.id_numbers:
            self._ids.setdefault(number, []).append(idx)
        if self._weights:
            self._weights = {}

    # -- weights -------------------------------------------------------------------------

    def weight(self, part: Part) -> float:
        """Weight of a part: built-in, lowered when the part is frequent on this list."""
        key = part.key.coarse
        cached = self._weights.get(key)
        if cached is not None and not part.initial and not part.generic:
            return cached
        weight = default_part_weight(part)
        if part.initial or part.generic:
            return weight
        n = len(self.entries)
        if n >= MIN_ENTRIES_FOR_FREQUENCY:
            freq = len(self._postings.get(key, ())) / n
            if freq > 0.001:
                drop = min(1.0, math.log(freq / 0.001) / math.log(50))
                weight = min(weight, 1.0 - 0.7 * drop)
        self._weights[key] = weight
        return weight

    # -- retrieval -----------------------------------------------------------------------

    def candidates(
        self,
        names: Sequence[Sequence[Part]],
        id_numbers: Sequence[str] = (),
        limit: int = TOP_K,
    ) -> list[int]:
        """Indices of the entries worth scoring for a query, best-ranked first.

        Each unit of evidence (a part, a pair of parts, a joined pair: `key_groups`) adds its
        rarity, log(N / postings), to every entry posted under one of its keys: sharing
        "Mohamed" and "Ahmed" ranks an entry below sharing a rare family name, which is what
        keeps the true entry within the cut-off when common names share keys. Long postings
        of single parts are not read (too common to block on: their pairs are); pair postings
        longer than PAIR_CAP are read (up to the cap) only when nothing rarer is shared.
        """
        hits: dict[int, float] = {}
        get = hits.get
        postings = self._postings
        total = len(self.entries) + 1
        single_cap = max(SINGLE_CAP, total // SINGLE_CAP_FRACTION)
        common: list[tuple[float, list[list[int]]]] = []
        for parts in names:
            alone = sum(1 for p in parts if not p.initial and not p.generic) == 1
            for group in key_groups(parts):
                lists = [p for p in (postings.get(k) for k in group) if p]
                pair = "|" in group[0]
                if not pair and sum(len(p) for p in lists) > single_cap:
                    if not alone:
                        continue  # its pairs with the other parts are read instead
                    # a one-part name's rarest readings still count when its loosest ones are
                    # too common to read (آيت البان: ATBN, not the "BN" every Ben shares);
                    # what is read stays within the cap
                    lists.sort(key=len)
                    kept, read = [], 0
                    for posting in lists:
                        read += len(posting)
                        if read > single_cap:
                            break
                        kept.append(posting)
                    lists = kept
                if not lists:
                    continue
                size = sum(len(p) for p in lists)
                bonus = 2.0 if pair else 1.0
                if size > PAIR_CAP:
                    # read only if nothing rarer is shared
                    common.append((math.log(total / size) + bonus, lists))
                    continue
                if len(lists) == 1:
                    rarity = math.log(total / size) + bonus
                    for idx in lists[0]:
                        hits[idx] = get(idx, 0.0) + rarity
                    continue
                # A unit counts once, at the rarity of the rarest of its keys the entry shares:
                # "Nyawose" shares all of its readings (NS, NJS, NFS) with itself, "Nazih" only
                # the loosest, most crowded one (NS), and ranks below it.
                seen: set[int] = set()
                for posting in sorted(lists, key=len):  # rarest first: its rarity counts
                    rarity = math.log(total / len(posting)) + bonus
                    fresh = set(posting)
                    fresh -= seen
                    seen |= fresh
                    for idx in fresh:
                        hits[idx] = get(idx, 0.0) + rarity
        if not hits:
            # only common pairs (Mohamed + Ahmed) in common: read them, up to a cap each
            for rarity, lists in common:
                seen = set()
                for posting in lists:
                    seen.update(posting[:PAIR_CAP])
                for idx in seen:
                    hits[idx] = get(idx, 0.0) + rarity
        for number in id_numbers:
            for idx in self._ids.get(number, ()):
                hits[idx] = get(idx, 0.0) + 100.0
        if not hits:
            return []
        if len(hits) <= limit:
            ranked = sorted(hits.items(), key=itemgetter(1), reverse=True)
        else:
            ranked = heapq.nlargest(limit, hits.items(), key=itemgetter(1))
        # Entries sharing much less than what the best share are not worth a full score.
        floor = ranked[0][1] * RELATIVE_FLOOR
        return [idx for idx, score in ranked if score >= floor]

    def by_id_number(self, number: str) -> list[int]:
        return list(self._ids.get(number, ()))

    def stats(self) -> dict[str, int]:
        return {
            "entries": len(self.entries),
            "keys": len(self._postings),
            "postings": sum(len(p) for p in self._postings.values()),
        }
