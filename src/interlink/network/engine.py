"""NetworKit's thread count, chosen per graph size.

On small graphs NetworKit's OpenMP threads cost more than they save: with the other core busy
(another job on a 2-core machine), every parallel barrier spins, and a PageRank of 200 nodes
took 1.2 s instead of 0.1 ms. Graphs under `SMALL_EDGES` edges therefore run on one thread;
larger ones use all cores.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

# OpenMP threads that wait at a barrier sleep instead of spinning (unless the user chose
# otherwise): read by NetworKit's OpenMP runtime when NetworKit is first imported, which every
# module of this package does after this one. On the shared 2-core machine (load 10-16) a
# spinning thread burns the CPU its partner is waiting for: key actors + communities on
# 200,000 nodes / 1,000,000 edges took 4.1 s of CPU instead of 5.5-5.8 s.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

SMALL_EDGES = 200_000


@contextmanager
def threads_for(edges: int) -> Iterator[None]:
    import networkit as nk

    before = nk.getMaxNumberOfThreads()
    wanted = 1 if edges < SMALL_EDGES else before
    if wanted != before:
        nk.setNumberOfThreads(wanted)
    try:
        yield
    finally:
        if wanted != before:
            nk.setNumberOfThreads(before)
