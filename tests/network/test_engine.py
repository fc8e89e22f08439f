"""`engine.kept_memory`: inside it, an array freed and allocated again reuses the process's
memory instead of a fresh mapping the kernel zeroes page by page; outside, as before."""

from __future__ import annotations

import contextlib
import ctypes.util
import resource
from collections.abc import Iterator

import numpy as np
import pytest

from interlink.network import engine


@pytest.fixture
def small_pages() -> Iterator[None]:
    """numpy's transparent huge pages off: one fault per 4 KiB page, so faults count pages."""
    switch = getattr(np._core.multiarray, "_set_madvise_hugepage", None)
    before = switch(False) if switch is not None else None
    yield
    if switch is not None:
        switch(before)


def _faults_of_reallocations(kept: bool) -> int:
    with engine.kept_memory() if kept else contextlib.nullcontext():
        first = np.ones(8_000_000)  # 64 MB: above glibc's largest mmap threshold
        del first
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        for _ in range(3):
            again = np.ones(8_000_000)
            del again
        return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


@pytest.mark.skipif(ctypes.util.find_library("c") is None, reason="needs glibc's mallopt")
def test_kept_memory_reuses_freed_arrays_and_restores(small_pages: None) -> None:
    fresh = _faults_of_reallocations(kept=False)
    assert fresh > 3 * 8_000_000 * 8 // 4096 // 2  # a fresh mapping each time (>= 1/2 pages)
    assert _faults_of_reallocations(kept=True) < fresh // 10
    assert engine._KEPT == 0
    assert _faults_of_reallocations(kept=False) > fresh // 2  # the defaults are back


@pytest.mark.skipif(ctypes.util.find_library("c") is None, reason="needs glibc's mallopt")
def test_kept_memory_nests() -> None:
    with engine.kept_memory():
        with engine.kept_memory():
            assert engine._KEPT == 2
        assert engine._KEPT == 1
    assert engine._KEPT == 0
