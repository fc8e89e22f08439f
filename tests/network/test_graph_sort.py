"""The simple graph is grouped by sorting (issue 14, fourth pass): the same pairs, weights to the
last bit, counts and adjacency as `np.unique` + `np.bincount` gave, whichever path the sort
takes (one weight, keys packed with their row, stable argsort), and the brokerage counted
from the ties leaving a community equals the count over every tie."""

from __future__ import annotations

import numpy as np
import pytest

from interlink.network import network_from_arrays
from interlink.network.actors import _bridges, cells, role_scores
from interlink.network.graph import Network, distinct, group_sum
from tests.network.conftest import planted_ties


def _reference(key: np.ndarray, weight: np.ndarray) -> tuple[np.ndarray, ...]:
    uniq, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    return uniq, np.bincount(inverse, weights=weight, minlength=len(uniq)), counts


@pytest.mark.parametrize("bound", [10_000, 2**62])  # packed with the row / stable argsort
@pytest.mark.parametrize("weights", ["varied", "one", "tenths"])
def test_group_sum_is_unique_and_bincount(bound: int, weights: str) -> None:
    rng = np.random.default_rng(3)
    key = rng.integers(0, 10_000, 50_000)  # many repeated keys
    weight = {"varied": rng.uniform(0.1, 3.0, len(key)), "one": np.ones(len(key)),
              "tenths": np.full(len(key), 0.1)}[weights]
    got = group_sum(key, weight, bound)
    want = _reference(key, weight)
    for g, w in zip(got, want, strict=True):
        assert np.array_equal(g, w)  # bit for bit: summed in row order as before


def test_group_sum_without_repeats_and_empty() -> None:
    key = np.array([9, 2, 5, 7])
    weight = np.array([1.5, 2.5, 3.5, 4.5])
    uniq, sums, counts = group_sum(key, weight, 10)
    assert uniq.tolist() == [2, 5, 7, 9] and sums.tolist() == [2.5, 3.5, 4.5, 1.5]
    assert counts.tolist() == [1, 1, 1, 1]
    uniq, sums, counts = group_sum(np.zeros(0, dtype=np.int64), np.zeros(0), 10)
    assert len(uniq) == len(sums) == len(counts) == 0


def test_distinct_counts() -> None:
    values, counts = distinct(np.array([4, 1, 4, 4, 0, 1]))
    assert values.tolist() == [0, 1, 4] and counts.tolist() == [1, 2, 3]
    values, counts = distinct(np.zeros(0, dtype=np.int64))
    assert len(values) == len(counts) == 0


def test_damped_pairs_match_the_former_computation() -> None:
    rng = np.random.default_rng(5)
    n, rows = 200, 5000
    src, dst = rng.integers(0, n, rows), rng.integers(0, n, rows)
    weight = rng.choice([1.0, 0.5, 2.0, 0.3], rows)
    kind = rng.integers(0, 3, rows)
    net = Network(ids=[str(i) for i in range(n)], src=src, dst=dst, weight=weight, kind=kind,
                  kinds=["call", "meeting", "family"], damped=True)
    a, b, w = net.pairs
    lo, hi = np.minimum(src, dst), np.maximum(src, dst)
    keep = lo != hi
    key = lo[keep] * n + hi[keep]
    by_kind, inverse = np.unique(key * 3 + kind[keep], return_inverse=True)
    total = np.bincount(inverse, weights=weight[keep])
    count = np.bincount(inverse)
    damped = total / count * (1.0 + np.log(count))
    uniq, inverse = np.unique(by_kind // 3, return_inverse=True)
    assert np.array_equal(a, uniq // n) and np.array_equal(b, uniq % n)
    assert np.array_equal(w, np.bincount(inverse, weights=damped))


def test_adjacency_is_symmetric_canonical_and_from_the_pairs() -> None:
    rng = np.random.default_rng(11)
    n = 400
    net = network_from_arrays(n, rng.integers(0, n, 3000), rng.integers(0, n, 3000),
                              rng.uniform(0.5, 2.0, 3000))
    adj = net.adjacency
    assert adj.has_canonical_format  # rows' columns in order, no repeated entry
    assert (adj != adj.T).nnz == 0
    a, b, w = net.pairs
    assert np.array_equal(np.asarray(adj[a, b]).ravel(), w)
    assert adj.nnz == 2 * len(a)


def test_bridges_from_ties_leaving_the_community_count_every_cell() -> None:
    rng = np.random.default_rng(2)
    n = 600
    # planted groups of 30, most ties inside: cells exist, and nodes tie into several
    src, dst = planted_ties(rng, n, 6000, 30, 0.7)
    net = network_from_arrays(n, src, dst)
    membership = np.arange(n) // 30
    cell = cells(net, membership)
    a, b, _ = net.pairs
    reached: list[set[int]] = [set() for _ in range(n)]
    for u, v in zip(a.tolist(), b.tolist(), strict=True):
        if cell[v] >= 0:
            reached[u].add(int(cell[v]))
        if cell[u] >= 0:
            reached[v].add(int(cell[u]))
    want = np.array([max(len(r) - 1, 0) for r in reached])
    got = _bridges(net, membership, cell)
    assert np.array_equal(got, want) and got.max() > 1
    # the roles count it from the leader's sorted (node, cell) pairs, one sort for both
    _roles, facts = role_scores(net, membership, np.zeros(n), np.ones(n, dtype=np.int64))
    assert np.array_equal(facts["bridges"], want)


def test_ranking_the_top_sorts_only_the_contenders_and_agrees_with_the_full_sort() -> None:
    from interlink.network.actors import _rank

    rng = np.random.default_rng(4)
    n = 3000
    ids = [f"n{rng.integers(0, 10**6):07d}-{i}" for i in range(n)]
    net = network_from_arrays(n, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64),
                              ids=ids)
    score = np.round(rng.integers(0, 5, n) / 4, 9)  # few values: many ties at every cut
    total = np.round(rng.integers(0, 3, n) / 2, 9)
    full = sorted(range(n), key=lambda i: (-score[i], -total[i], ids[i]))
    candidates = np.arange(n)
    assert _rank(net, candidates, score, total, None).tolist() == full
    for top in (1, 20, 700):
        assert _rank(net, candidates, score, total, top).tolist() == full[:top]
    some = candidates[::3]
    want = [i for i in full if i % 3 == 0]
    assert _rank(net, some, score, total, 20).tolist() == want[:20]


def test_leader_cells_sorting_only_the_ties_that_leave_home_equal_the_full_count() -> None:
    """`_leader_cells` counts and weighs the ties into a node's own community per node and
    sorts only the rest: the same centre (by tie weight), cell (lowest-numbered on a tie),
    ties, their weight and cells reached as a plain sum over every (node, cell) pair of
    neighbours. Whole weights, so that the sums are exact whatever their order."""
    from collections import Counter

    from interlink.network.actors import _leader_cells

    rng = np.random.default_rng(8)
    n = 500
    src, dst = planted_ties(rng, n, 5000, 25, 0.75)
    net = network_from_arrays(n, src, dst, rng.integers(1, 6, len(src)).astype(np.float64))
    membership = np.arange(n) // 25
    membership[::7] = 0  # some nodes put in another community than their ties': brokers
    cell = cells(net, membership)
    width = int(cell.max()) + 1
    sizes = np.bincount(cell[cell >= 0], minlength=width)
    centre, best_cell, ties, weight, reached = _leader_cells(net, membership, cell, width,
                                                             sizes)
    a, b, w = net.pairs
    groups: list[Counter[int]] = [Counter() for _ in range(n)]
    weighs: list[Counter[int]] = [Counter() for _ in range(n)]
    for u, v, x in zip(a.tolist(), b.tolist(), w.tolist(), strict=True):
        if cell[v] >= 0:
            groups[u][int(cell[v])] += 1
            weighs[u][int(cell[v])] += x
        if cell[u] >= 0:
            groups[v][int(cell[u])] += 1
            weighs[v][int(cell[u])] += x
    best = np.zeros(width)
    for g in weighs:
        for c, k in g.items():
            best[c] = max(best[c], k)
    largest = np.log1p(sizes.max())
    assert len(set(w.tolist())) > 1  # weights differ, so they, not the counts, decide
    for v in range(n):
        values = {c: k / best[c] * (np.log1p(sizes[c]) / largest)
                  for c, k in weighs[v].items()}
        top = max(values.values(), default=0.0)
        assert centre[v] == top
        want = min((c for c, x in values.items() if x == top and x > 0), default=-1)
        assert best_cell[v] == want
        assert ties[v] == (groups[v][want] if want >= 0 else 0)
        assert weight[v] == (weighs[v][want] if want >= 0 else 0)
        assert reached[v] == len(groups[v])
    assert (best_cell >= 0).sum() > n // 2 and reached.max() > 2


def test_ranks_share_the_better_rank_as_scipy_min() -> None:
    """`actors._ranks` (an unstable sort and the first of each run of equal values) against
    scipy's rankdata(method="min") on the descending order, with many ties and zeros."""
    from scipy.stats import rankdata

    from interlink.network.actors import _ranks

    rng = np.random.default_rng(7)
    for x in (np.round(rng.random(5000), 2), rng.integers(0, 4, 3000).astype(float),
              np.zeros(10), np.array([3.0]), np.concatenate([np.zeros(50), rng.random(50)])):
        expected = rankdata(-x, method="min").astype(np.int64)
        assert np.array_equal(_ranks(x), expected)
