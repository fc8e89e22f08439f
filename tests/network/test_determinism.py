"""Key actors give the same answer whatever the machine's load: nothing they rest on may
depend on how NetworKit's threads interleave or on the clock.

Three causes were found (fifteenth pass): a graph built on two threads lists each node's
neighbours in the order the threads added them, Leiden on two threads finds a partition
that depends on their interleaving, and the sampled betweenness stopped when its time was
spent, so the pivots, and the ranks, followed the load."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pytest

from interlink.network import betweenness as module
from interlink.network import engine, key_actors, network_from_arrays
from interlink.network.betweenness import betweenness, pivots_within
from interlink.network.communities import detect_communities
from interlink.network.graph import Network
from tests.network.conftest import planted_periods


def _periods_network() -> Network:
    return planted_periods()[0]  # the test_actors threads test's network


@contextmanager
def _threads(count: int) -> Iterator[None]:
    """NetworKit at `count` threads in the calling thread, as a caller on a larger machine."""
    import networkit as nk

    before = nk.getMaxNumberOfThreads()
    nk.setNumberOfThreads(count)
    try:
        yield
    finally:
        nk.setNumberOfThreads(before)


def _neighbours(net: Network, weighted: bool) -> list[list[int]]:
    graph = net.to_networkit(weighted=weighted)
    return [list(graph.iterNeighbors(u)) for u in range(graph.numberOfNodes())]


def test_a_graph_lists_each_nodes_neighbours_in_one_order(monkeypatch: pytest.MonkeyPatch,
                                                         ) -> None:
    """Built with NetworKit at two threads (as the caller's default on this machine), every
    build of a period's graph lists each node's neighbours in ascending order, weighted or
    not: built by two threads, 61 builds of 1,500 of this graph under load differed, and
    Leiden, which visits the neighbours in that order, found another partition. The builder
    runs on one thread (seen from inside it; on the former code two)."""
    import networkit as nk

    net = _periods_network()
    seen: list[int] = []
    real = nk.GraphFromCsr

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(nk.getMaxNumberOfThreads())
        return real(*args, **kwargs)

    monkeypatch.setattr(nk, "GraphFromCsr", spy)
    with _threads(2):
        first = None
        for _ in range(100):
            sub, _nodes = net.in_period(5)
            built = (_neighbours(sub, True), _neighbours(sub, False))
            assert all(row == sorted(row) for row in built[0])
            assert built[1] == built[0]  # the unweighted copy in the same order
            first = first or built
            assert built == first
    assert seen and set(seen) == {1}


def test_leiden_finds_one_partition_whatever_the_threads(monkeypatch: pytest.MonkeyPatch,
                                                         ) -> None:
    """With NetworKit allowed two threads and the graph taken for a large one (where the
    former code gave Leiden every thread), ten runs find the same partition, the one a
    single thread finds: on two threads this graph gave 58 partitions in 200 runs."""
    net = _periods_network().in_period(5)[0]
    with _threads(1):
        alone = detect_communities(net, describe=False).membership
    monkeypatch.setattr(engine, "SMALL_EDGES", 0)  # every graph "large"
    with _threads(2):
        for _ in range(10):
            assert np.array_equal(detect_communities(net, describe=False).membership, alone)


def test_sampled_betweenness_does_not_depend_on_the_clock(monkeypatch: pytest.MonkeyPatch,
                                                         ) -> None:
    """The pivots a budget buys are counted in work (`pivots_within`), not read off the
    clock: with a clock that runs 1,000 times too fast (a machine loaded beyond measure) the
    estimate is the same to the last bit. On the former code it stopped after one pivot."""
    import networkx as nx

    graph = nx.barabasi_albert_graph(600, 2, seed=1)
    a, b = (np.array(x) for x in zip(*graph.edges(), strict=True))
    net = network_from_arrays(600, a, b)
    budget = 0.05
    calm, method = betweenness(net, exact_limit=0, budget_s=budget)
    done = int(method.split("(")[1].split()[0])
    assert done > 1 and done <= pivots_within(budget, net.n + len(net.pairs[0]))
    ticks = iter(range(0, 10**9, 1000))
    monkeypatch.setattr(module.time, "perf_counter", lambda: float(next(ticks)))
    loaded, method_loaded = betweenness(net, exact_limit=0, budget_s=budget)
    assert np.array_equal(calm, loaded)
    assert method_loaded.split(" in ")[0] == method.split(" in ")[0]  # as many pivots


def test_pivots_within_counts_work_not_time() -> None:
    """The budget's seconds at VISITS_PER_S nodes and ties a second, per pivot's visits: at
    least one pivot, at most MAX_PIVOTS, a costlier pivot (NetworKit's) buys fewer."""
    assert pivots_within(8.0, 11_000_000) == 8.0 * module.VISITS_PER_S // 11_000_000
    assert pivots_within(0.0, 1000) == 1
    assert pivots_within(1000.0, 10) == module.MAX_PIVOTS
    assert pivots_within(8.0, 1_200_000, module.ESTIMATE_COST) < pivots_within(8.0, 1_200_000)


def test_key_actors_the_same_whatever_the_threads_of_the_caller() -> None:
    """A network with periods ranked from a caller whose NetworKit has one thread and from
    one with two (its own graphs built and Leiden run in either): the same roles, the same
    cells, the same order."""
    with _threads(1):
        one = key_actors(_periods_network(), top=None, explain=False)
    with _threads(2):
        for _ in range(3):
            two = key_actors(_periods_network(), top=None, explain=False)
            assert np.array_equal(two.communities.membership, one.communities.membership)
            for role, scores in one.roles.items():
                assert np.array_equal(two.roles[role], scores)
            assert [a.id for a in two.actors] == [a.id for a in one.actors]
