"""Entries per name key, for the watchlist index: built in bulk, read a query's keys at once.

A dictionary of Python lists, one list per key, was what a million-name index spent most of
its build on (issue 13: 100 s of CPU for the build, the target 60): a 1M list has some
twelve million distinct keys, most of them pair keys of a single entry, and each insert into
a dictionary that size is a cache miss and two allocations. Here a key is its 64-bit string
hash; the build appends (hash, entry) to two flat arrays and sorts them once with numpy,
which leaves each key's entries as one ascending run of a flat array (compressed sparse
rows). A query looks up all its keys in one `numpy.searchsorted` and reads the runs it needs.

Two keys whose hashes collide (in the bits `seal` keeps: a few pairs of the twelve million
keys of a million names) share one run: an entry may then rank as if it shared a key it
does not. That only adds a
candidate to score; nothing is decided on the index alone. The hash is Python's, salted per
process: the structure lives in one process and is never stored.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Collection, Sequence
from itertools import compress

import numpy as np

#: Ends the sorted hashes, so that a search never falls past them (a key whose hash it is
#: is told apart by its position).
_SENTINEL = np.iinfo(np.int64).max


class KeyPostings:
    """Entries (ascending indices) per string key: `add` many, then `spans` and `read`."""

    def __init__(self) -> None:
        # what `add` was given since the last sealing: key hashes, and per call the entry
        # and how many keys it gave
        self._hashes = array("q")
        self._owners = array("i")
        self._sizes = array("i")
        # the sealed index, one tuple so that a reader sees one version whole: the distinct
        # hashes ascending, where each one's run starts in `flat` (and the end), the runs
        # (a sentinel ends the hashes: see `spans`)
        self._sealed: tuple[np.ndarray, np.ndarray, array] = (
            np.array([_SENTINEL], dtype=np.int64),
            np.zeros(1, dtype=np.int64),
            array("i"),
        )
        #: the bits of a hash that the sealed index keeps (`seal`)
        self._high = -1

    def add(self, idx: int, keys: Collection[str]) -> None:
        """Post entry `idx` under `keys` (distinct; `idx` above every entry added before)."""
        self._hashes.extend(map(hash, keys))
        self._owners.append(idx)
        self._sizes.append(len(keys))

    def seal(self) -> None:
        """Sort what was added into the index (done by the first read after an `add`).

        Each (hash, entry) is packed into one 64-bit integer, the hash's high bits above the
        entry's index, and the packed integers are sorted in place: a plain sort of integers
        is ten times as fast as the stable argsort of the hashes that keeps every run
        ascending, and the packing keeps them ascending as well. The hash keeps 64 bits less
        those of the largest entry index (44 at a million entries): about four pairs of the
        twelve million keys of a million names then share a run (see the module doc).
        """
        if not self._owners:
            return
        uniq, offsets, flat = self._sealed
        uniq = uniq[:-1]
        owners = np.repeat(
            np.frombuffer(self._owners, dtype=np.int32).astype(np.int64),
            np.frombuffer(self._sizes, dtype=np.int32),
        )
        hashes = np.frombuffer(self._hashes, dtype=np.int64)
        if len(uniq):
            # the sealed runs expanded again (their entries are below the new ones)
            counts = np.diff(offsets)
            hashes = np.concatenate((np.repeat(uniq, counts), hashes))
            owners = np.concatenate((np.frombuffer(flat, dtype=np.int32), owners))
        top = int(owners.max()) if len(owners) else 0
        low = (1 << max(1, top.bit_length())) - 1
        packed = hashes & ~low
        packed |= owners
        packed.sort()
        if len(packed) > 1:
            # the same key given twice for one entry (two keys whose high bits collide)
            packed = packed[np.concatenate(([True], packed[1:] != packed[:-1]))]
        runs = array("i")
        runs.frombytes((packed & low).astype(np.int32).tobytes())
        packed &= ~low
        first = np.empty(len(packed), dtype=bool)
        first[:1] = True
        np.not_equal(packed[1:], packed[:-1], out=first[1:])
        starts = np.flatnonzero(first)
        bounds = np.append(starts, len(packed)).astype(np.int64)
        self._sealed = (np.append(packed[starts], _SENTINEL), bounds, runs)
        self._high = ~low
        self._hashes, self._owners, self._sizes = array("q"), array("i"), array("i")

    def spans(self, keys: Sequence[str]) -> dict[str, tuple[int, int]]:
        """For each key that has entries, where its run starts and ends (`read` reads it).

        One search for all the keys, as few numpy calls as can be (each costs a microsecond
        or two, as much as a dictionary look-up of a dozen keys): the hashes end with a
        sentinel above any hash, so that no position needs clipping (a key's masked hash has
        its low bits clear, the sentinel's are set: it never matches), and the found keys'
        run bounds are gathered by numpy and paired in C (`zip`, `compress`), not in a
        Python loop over the keys (a sixth of the look-up at 100k)."""
        if self._owners:
            self.seal()
        uniq, bounds, _ = self._sealed
        if not keys or len(uniq) == 1:
            return {}
        wanted = np.fromiter(map(hash, keys), dtype=np.int64, count=len(keys))
        wanted &= self._high
        pos = uniq.searchsorted(wanted)
        found = uniq[pos] == wanted
        at = pos[found]
        return dict(
            zip(
                compress(keys, found.tolist()),
                zip(bounds[at].tolist(), bounds[at + 1].tolist(), strict=True),
                strict=True,
            )
        )

    def count(self, key: str) -> int:
        """How many entries are posted under `key`."""
        span = self.spans((key,)).get(key)
        return span[1] - span[0] if span else 0

    def read(self, start: int, end: int) -> list[int]:
        """The entries of a run (or of a part of it), ascending."""
        return self._sealed[2][start:end].tolist()

    def holds(self, idx: int, start: int, end: int) -> bool:
        """Whether entry `idx` is in the run between `start` and `end`."""
        runs = self._sealed[2]
        pos = bisect_left(runs, idx, start, end)
        return pos < end and runs[pos] == idx

    def __len__(self) -> int:
        """Distinct keys."""
        if self._owners:
            self.seal()
        return len(self._sealed[0]) - 1

    def total(self) -> int:
        """Postings, all keys together."""
        if self._owners:
            self.seal()
        return len(self._sealed[2])
