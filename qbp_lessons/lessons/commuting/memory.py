"""What the commuting estimator keeps in memory, measured against one evaluation of F.

The talk's backprop scaling asks for MEMORY(grad F) <= omega MEMORY(F) as well as the
same of TIME. On a device the commuting estimator keeps n qubits (n + 1 with a
block's ancilla), the M components it accumulates and the N bitstrings of its one
setting, which one evaluation of F keeps too. In this simulator both routes also
keep the statevector, its outcome probabilities, the shot counts and the circuit's
kernel cache (chapter 2). :func:`memory_comparison` measures the peak of each with
:mod:`tracemalloc` (numpy reports its arrays to it), the kernel cache built inside
the measured call so that every cache the call keeps alive is counted.

Introduced in chapter 7.
"""

from __future__ import annotations

import gc
import tracemalloc
from dataclasses import dataclass

import numpy as np

from qbp_lessons._validate import bounded_int, record
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine.sampling import expval_shots
from qbp_lessons.lessons.commuting.generators import (
    MAX_COMMUTING_GATES,
    prepare_gradient,
    x_generator_circuit,
)

__all__ = ["MAX_MEMORY_QUBITS", "MemoryComparison", "memory_comparison"]

#: Most qubits :func:`memory_comparison` simulates (2^16 amplitudes: about 1 MB a state).
MAX_MEMORY_QUBITS = 16


@record
@dataclass(frozen=True)
class MemoryComparison:
    """Peak memory, in bytes, of one shot-based F and of one commuting gradient.

    ``function_bytes``: one evaluation of F from ``shots`` shots
    (:func:`~qbp_lessons.engine.sampling.expval_shots`). ``gradient_bytes``: one
    commuting gradient from ``shots`` shots of its setting (prepare, then draw).
    ``kept_bytes``: what the prepared gradient holds once made (its settings: the
    outcome probabilities and three numbers per reading), kernel cache included.
    ``table_bytes``: what a dense 2^n x M table of readings would have taken (not
    stored; the reason the settings keep three numbers per reading instead).
    Introduced in chapter 7.
    """

    n: int
    M: int
    shots: int
    function_bytes: int
    gradient_bytes: int
    kept_bytes: int
    table_bytes: int

    @property
    def ratio(self) -> float:
        """MEMORY(grad F) / MEMORY(F): the omega of the memory condition."""
        return self.gradient_bytes / self.function_bytes


def _traced(func):
    """(result, peak bytes, bytes still held with the result alive) of ``func()``."""
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    try:
        gc.collect()
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        result = func()
        current, peak = tracemalloc.get_traced_memory()
    finally:
        if started:
            tracemalloc.stop()
    return result, peak - base, current - base


def memory_comparison(n: int = 12, M: int = 64, shots: int = 1000, seed=0) -> MemoryComparison:
    """Measure the peak memory of one F and of one commuting gradient, same circuit and shots.

    The circuit: :func:`~qbp_lessons.lessons.commuting.generators.x_generator_circuit`
    (M X-type generators through wire 0, H = Z_0) at seeded random angles. The
    circuit's kernel cache is cleared before each measured call, so building it is
    part of what each call's peak counts. Introduced in chapter 7.
    """
    n = bounded_int("n", n, minimum=2, maximum=MAX_MEMORY_QUBITS)
    M = bounded_int("M", M, maximum=MAX_COMMUTING_GATES)
    if M > 1 << (n - 1):
        raise ValueError(f"M must be <= 2^(n-1) = {1 << (n - 1)} X-type strings for n = {n}")
    shots = bounded_int("shots", shots, maximum=10**6)
    gen = make_rng("seed", seed)
    model = x_generator_circuit(n, M, seed=gen)
    theta = gen.uniform(0, 2 * np.pi, size=M)
    full = model.full_theta(theta)
    draw_seed = int(gen.integers(2**32))

    model.circuit.clear_cache()
    _, f_peak, _ = _traced(lambda: expval_shots(model.circuit, full, shots, draw_seed))
    model.circuit.clear_cache()
    _, g_peak, _ = _traced(lambda: prepare_gradient(model, theta).estimates(shots, draw_seed))
    model.circuit.clear_cache()
    _, _, kept = _traced(lambda: prepare_gradient(model, theta))
    model.circuit.clear_cache()
    return MemoryComparison(n, M, shots, int(f_peak), int(g_peak), int(kept), (1 << n) * M * 8)
