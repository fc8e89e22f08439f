"""Whole names in bulk: the same scores as interlink.names.compare, each pair of parts once."""

from __future__ import annotations

import numpy as np

from interlink.names import compare
from interlink.resolve import namesim
from interlink.resolve.frame import NAMES_SEP

NAMES = [
    "mohamed amra", "محمد عمره", "amra mohamed", "youssef el hamdaoui", "يوسف الحمداوي",
    "yusuf hamdawi", "mohamed ben ahmed benali", "محمد بن احمد بن علي", "m benali",
    "abdelkader ziani", "عبد القادر زياني", "abd el kader ziani", "karim bennani",
    "pierre dubois", "fatima zahra el idrissi", "فاطمة الزهراء الادريسي", "salah",
    "a b c d e f g h", f"nour eddine{NAMES_SEP}نور الدين", "mahmoud saad", "mohamed said",
]


def test_bulk_scores_are_the_scores_of_names_compare() -> None:
    values = np.array(NAMES, dtype=object)
    table = namesim.NameTable(values, "person")
    a, b = np.meshgrid(np.arange(len(values)), np.arange(len(values)))
    a, b = a.ravel(), b.ravel()
    got = table.scores(a, b)
    want = np.array([max(compare(p, q).score for p in values[x].split(NAMES_SEP)
                         for q in values[y].split(NAMES_SEP))
                     for x, y in zip(a.tolist(), b.tolist(), strict=True)])
    assert np.allclose(got, want, atol=1e-4)
    assert got[np.flatnonzero((a == 0) & (b == 1))[0]] >= 0.95  # Mohamed Amra / محمد عمره
    assert got[np.flatnonzero((a == 14) & (b == 0))[0]] < 0.75  # Dubois is not Amra


def test_each_pair_of_parts_is_computed_once(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls: list[tuple[object, object]] = []
    real = namesim.part_similarity

    def counting(x, y):  # type: ignore[no-untyped-def]
        calls.append((x, y))
        return real(x, y)

    monkeypatch.setattr(namesim, "part_similarity", counting)
    values = np.array(NAMES, dtype=object)
    table = namesim.NameTable(values, "person")
    rng = np.random.default_rng(3)
    a, b = rng.integers(0, len(values), 5000), rng.integers(0, len(values), 5000)
    first = table.scores(a, b)
    made = len(calls)
    assert made == len(set(calls)) <= len(table.cache_keys)  # once per distinct pair of parts
    assert made < 5000  # and far fewer than the pairs of names
    # the pairs cached without a call are those that cannot reach MIN_PART (_may_reach)
    n_parts = len(table.parts)
    called = {table.parts.index(x) * n_parts + table.parts.index(y) for x, y in calls}
    skipped = [k for k in table.cache_keys.tolist() if k not in called]
    assert skipped
    for k in skipped:
        x, y = table.parts[k // n_parts], table.parts[k % n_parts]
        assert real(x, y)[0] < namesim.MIN_PART
    again = table.scores(b[::-1], a[::-1])
    assert np.allclose(table.scores(a, b), first)
    assert len(calls) == len(set(calls))  # the reversed pairs added only new part pairs
    assert again.shape == first.shape
    # parts that share no first sound are never compared: "pierre" / "محمد"
    pierre = table.parts.index(next(p for p in table.parts if p.text == "pierre"))
    mhmd = table.parts.index(next(p for p in table.parts if p.text == "محمد"))
    assert (table.signature[pierre] & table.signature[mhmd]) == 0
    assert (pierre, mhmd) not in {(table.parts.index(x), table.parts.index(y)) for x, y in calls}
