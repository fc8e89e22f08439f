"""`index._add` is the loop it replaces, bit for bit and in the same order (issue 13 speed)."""

from __future__ import annotations

import math
import random

from interlink.screen.index import _add


def _loop(hits: dict[int, float], run: list[int] | set[int], rarity: float) -> None:
    for idx in run:
        hits[idx] = hits.get(idx, 0.0) + rarity


def test_add_matches_the_loop_in_values_and_order() -> None:
    rng = random.Random(13)
    for _ in range(300):
        a: dict[int, float] = {}
        b: dict[int, float] = {}
        for _ in range(rng.randint(1, 6)):
            run = rng.sample(range(60), rng.randint(0, 40))
            rarity = math.log(rng.uniform(1.5, 5000.0)) + rng.choice((1.0, 2.0))
            given: list[int] | set[int] = set(run) if rng.random() < 0.4 else run
            _loop(a, given, rarity)
            _add(b, given, rarity)
            assert list(b.items()) == list(a.items())


def test_add_keeps_the_place_of_entries_met_before() -> None:
    hits = {5: 1.0, 3: 2.0}
    _add(hits, [7, 3, 1], 0.5)
    assert list(hits.items()) == [(5, 1.0), (3, 2.5), (7, 0.5), (1, 0.5)]
