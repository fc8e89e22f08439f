"""The numpy measures agree with the string measures they stand in for."""

from __future__ import annotations

import numpy as np
from rapidfuzz.distance import OSA

from interlink.resolve.measures import bigram_bits, char_matrix, dice, packed, within_one_edit


def test_within_one_edit_is_osa_distance_at_most_one() -> None:
    rng = np.random.default_rng(3)
    letters = list("ab12")
    values = ["".join(rng.choice(letters, int(rng.integers(0, 10)))) for _ in range(400)]
    values += ["19900304", "19900403", "1990034", "محمد", "محمود", "KB871443", "KB817443"]
    arr = np.array(values, dtype=object)
    a, b = rng.integers(0, len(arr), 40_000), rng.integers(0, len(arr), 40_000)
    expected = np.array([OSA.distance(arr[i], arr[j]) <= 1 for i, j in zip(a, b, strict=True)])
    matrix, lengths = char_matrix(arr)
    assert (within_one_edit(matrix, lengths, a, b) == expected).all()
    short = np.array([v for v in values if len(v) <= 8 and v.isascii()], dtype=object)
    m2, l2 = char_matrix(short)
    words = packed(m2)
    assert words is not None
    a2, b2 = rng.integers(0, len(short), 20_000), rng.integers(0, len(short), 20_000)
    expected2 = np.array([OSA.distance(short[i], short[j]) <= 1
                          for i, j in zip(a2, b2, strict=True)])
    assert (within_one_edit(m2, l2, a2, b2, words) == expected2).all()


def test_bigram_dice_orders_addresses_by_closeness() -> None:
    arr = np.array(["12 markham street", "12 markham stret", "12 markam street",
                    "45 high road", "12 markham street"], dtype=object)
    bits, sizes = bigram_bits(arr)
    sims = dice(bits, sizes, np.array([0, 0, 0, 0]), np.array([1, 2, 3, 4]))
    assert sims[3] == 1.0 and sims[0] > 0.85 and sims[1] > 0.85 and sims[2] < 0.3
