"""Memory measurement shared by the chapters' sweeps (chapters 1 and 2).

One definition of "the memory a call needs", so that chapter 1's omega2 and
chapter 2's statevector counts are measured the same way.
"""

from __future__ import annotations

import gc
import tracemalloc


def peak_bytes(fn) -> int:
    """Peak bytes allocated while fn runs (its result included), by tracemalloc.

    Counts Python objects and numpy array buffers created during the call;
    not counted: memory that existed before (the inputs) and BLAS's own
    internal workspace.
    """
    gc.collect()
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    before, _ = tracemalloc.get_traced_memory()
    result = fn()  # noqa: F841  (kept alive until the peak is read: the output is part of the cost)
    _, peak = tracemalloc.get_traced_memory()
    del result
    if not was_tracing:
        tracemalloc.stop()
    return peak - before
