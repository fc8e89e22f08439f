"""NetworKit's thread count, chosen per graph size.

On small graphs NetworKit's OpenMP threads cost more than they save: with the other core busy
(another job on a 2-core machine), every parallel barrier spins, and a PageRank of 200 nodes
took 1.2 s instead of 0.1 ms. Graphs under `SMALL_EDGES` edges therefore run on one thread;
larger ones use all cores.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

# OpenMP threads wait passively: settings sets OMP_WAIT_POLICY before NetworKit is imported.
from interlink import settings  # noqa: E402,F401

SMALL_EDGES = 200_000
# NetworKit draws its random numbers from one seed (`setSeed`) for every thread: whoever seeds
# and then runs an algorithm that draws (Leiden, EstimateBetweenness, KADABRA) holds this
# lock, so that two of them in threads of ours (a large network's betweenness beside its
# Leiden) each draw from their own seed, and give the same result whichever runs first
RANDOM = threading.Lock()


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


@contextmanager
def single_thread() -> Iterator[None]:
    """NetworKit on one thread in the calling thread (OpenMP's thread count is per calling
    thread): for work already spread over threads of ours, such as the periods of a large
    network, where each one's own two OpenMP threads would only wait for a core (twelve
    k-cores took 9.7 s of CPU in two threads of two, 2.5 s one after the other); and for
    what must give the same result at any load, which NetworKit's parallel code does not:
    building a graph (each node's neighbours in the order the threads added them) and Leiden
    (a partition that depends on how the threads interleave)."""
    import networkit as nk

    before = nk.getMaxNumberOfThreads()
    nk.setNumberOfThreads(1)
    try:
        yield
    finally:
        nk.setNumberOfThreads(before)


# glibc's mallopt parameters (malloc.h)
_M_TRIM_THRESHOLD = -1
_M_MMAP_MAX = -4
_TRIM_KEPT = 2**31 - 1  # the largest value mallopt takes (an int): never trim while inside
_TRIM_DEFAULT = 128 * 1024
_MMAP_MAX_DEFAULT = 65536
_KEPT = 0  # analyses inside `kept_memory` now
_KEPT_LOCK = threading.Lock()


@contextmanager
def kept_memory() -> Iterator[None]:
    """Inside, freed memory stays with the process and large blocks come from the heap, not
    from fresh mmaps: a million-node analysis allocates and frees arrays of tens of megabytes
    by the hundred, and each fresh mapping is zeroed by the kernel page by page on first touch
    (758,000 minor faults at 1M nodes / 10M edges, a quarter of the CPU time in the kernel).
    glibc only (ctypes' mallopt); elsewhere a no-op. On leaving, the defaults are restored and
    the heap is trimmed, so the memory goes back to the system once the analysis is done."""
    global _KEPT
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt, trim = libc.mallopt, libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to tune
        yield
        return
    with _KEPT_LOCK:  # process-wide settings: the last analysis to leave restores them
        _KEPT += 1
        if _KEPT == 1:
            mallopt(_M_MMAP_MAX, 0)
            mallopt(_M_TRIM_THRESHOLD, _TRIM_KEPT)
    try:
        yield
    finally:
        with _KEPT_LOCK:
            _KEPT -= 1
            if _KEPT == 0:
                mallopt(_M_MMAP_MAX, _MMAP_MAX_DEFAULT)
                mallopt(_M_TRIM_THRESHOLD, _TRIM_DEFAULT)
                trim(0)
