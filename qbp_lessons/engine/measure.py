"""How the course measures time and memory: one clock and one memory meter for every chapter.

Time
----
:data:`CLOCK` is ``time.process_time``: the CPU time of this process, not wall-clock
time, so that other programs sharing the machine cannot stretch one side of a
ratio. With one BLAS thread it is the work done; with more, their sum. The
chapters therefore time with one BLAS thread (``threadpoolctl``).
:func:`best_times` times several functions *in turn* and keeps the best of a few
repeats of each: a burst of load from elsewhere slows all of them alike, and the
least disturbed value is the best estimate of the work itself. Short calls are
looped so that one timing lasts at least ``min_seconds``.

Memory
------
:func:`peak_bytes` is tracemalloc's peak of new allocations during one call,
result included: numpy buffers and Python objects. Memory that existed before the
call (the inputs, a cache built earlier) is *not* in it, so a measurement that
must include a cache builds the cache inside the call (the chapters say which).

Introduced in chapter 1; used by chapters 1 and 2 and by ``benchmarks/``.
"""

from __future__ import annotations

import gc
import math
import time
import tracemalloc

from qbp_lessons._validate import bounded_int, positive_real

__all__ = ["CLOCK", "CLOCK_NAME", "MAX_PLANNED_SECONDS", "best_times", "best_time", "peak_bytes"]

#: The clock of every timing in the course.
CLOCK = time.process_time
#: How the book names it.
CLOCK_NAME = "CPU time of the process (time.process_time)"


def _check_callables(fns) -> list:
    if callable(fns) or isinstance(fns, (str, bytes)) or not hasattr(fns, "__iter__"):
        raise TypeError(f"fns must be a list of functions, got {type(fns).__name__}")
    fns = list(fns)
    if not fns:
        raise ValueError("fns must hold at least one function")
    for fn in fns:
        if not callable(fn):
            raise TypeError(f"fns must hold callables, got {type(fn).__name__}")
    return fns


def _loops_for(fn, min_seconds: float) -> int:
    """How many back-to-back calls of fn last at least ``min_seconds`` (timeit.autorange's idea)."""
    loops = 1
    while True:
        start = CLOCK()
        for _ in range(loops):
            fn()
        if CLOCK() - start >= min_seconds or loops >= 2**20:
            return loops
        loops *= 2


#: Most CPU seconds a timing may plan (repeats x min_seconds x functions, or its budget).
MAX_PLANNED_SECONDS = 120.0


def best_times(
    fns, repeats: int = 5, min_seconds: float = 5e-3, budget: float | None = None
) -> list[float]:
    """Best of ``repeats`` timings of each function in ``fns``, in CPU seconds per call.

    The functions take turns within each repeat. ``budget`` (CPU seconds)
    stops after the repeat that spends it (at least one repeat always runs).
    """
    fns = _check_callables(fns)
    repeats = bounded_int("repeats", repeats, maximum=1000)
    min_seconds = positive_real("min_seconds", min_seconds, upper=60.0)
    if budget is not None:
        budget = positive_real("budget", budget)
    per_repeat = min_seconds * len(fns)
    planned = per_repeat * (repeats if budget is None else min(repeats, budget / per_repeat + 1))
    if planned > MAX_PLANNED_SECONDS:
        raise ValueError(
            f"repeats x min_seconds x len(fns) must plan at most {MAX_PLANNED_SECONDS:g} s "
            f"(pass a budget to stop earlier), got {planned:g} s"
        )
    loops = [_loops_for(fn, min_seconds) for fn in fns]  # also warms caches up
    best = [math.inf] * len(fns)
    spent = 0.0
    for _ in range(repeats):
        for i, (fn, n) in enumerate(zip(fns, loops)):
            gc.disable()
            try:
                start = CLOCK()
                for _ in range(n):
                    fn()
                elapsed = CLOCK() - start
            finally:
                gc.enable()
            best[i] = min(best[i], elapsed / n)
            spent += elapsed
        if budget is not None and spent >= budget:
            break
    return best


def best_time(
    fn, repeats: int = 5, min_seconds: float = 5e-3, budget: float | None = None
) -> float:
    """:func:`best_times` of one function."""
    if not callable(fn):
        raise TypeError(f"fn must be callable, got {type(fn).__name__}")
    return best_times([fn], repeats, min_seconds, budget)[0]


def _call_and_read_peak(fn) -> tuple:
    """``fn()`` and tracemalloc's peak, read while that output is still alive (it is a cost)."""
    output = fn()
    return output, tracemalloc.get_traced_memory()[1]


def peak_bytes(fn) -> int:
    """Peak bytes allocated while ``fn`` runs (its result included), by tracemalloc.

    Counts Python objects and numpy array buffers created during the call;
    not counted: memory that existed before (the inputs, caches built earlier)
    and BLAS's own internal workspace.
    """
    if not callable(fn):
        raise TypeError(f"fn must be callable, got {type(fn).__name__}")
    gc.collect()
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    before, _ = tracemalloc.get_traced_memory()
    _, peak = _call_and_read_peak(fn)
    if not was_tracing:
        tracemalloc.stop()
    return peak - before
