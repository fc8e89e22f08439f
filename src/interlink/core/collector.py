"""Python's cyclic garbage collector paused around bulk builds.

Why: the network builder and entity resolution fill tables of small objects (parsed name parts,
keys, adjacency lists) that only grow and hold no cycles, yet every full collection walks all
of them again: a third of the network build at 50,000 records, and 0.34-0.37 s of the 2.2-2.7 s
of CPU of the 10,600-record cross-script resolution (benchmarks/RESULTS.md, issues 6 and 18).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block; nested uses leave it as they found it (the
    outermost one turns it back on)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
