"""One expectation value on hardware, and what the statevector simulator does and holds.

Hardware: shots for a precision and TIME(F) = M / eps^2 in gate applications.
Simulator: the gate applications of each routine (counted by the Ledger, predicted
here), the statevectors it holds and the kernel cache. Introduced in chapter 2.
"""

from __future__ import annotations

import numpy as np

from qbp_lessons._validate import choice, count_array, positive_int, positive_real
from qbp_lessons.costs.units import MAX_SCALE, ceil_count, check_delta, check_eps

__all__ = [
    "shots_for_precision",
    "circuit_time",
    "simulator_gate_applications",
    "SIMULATOR_STATEVECTORS",
    "kernel_cache_statevectors",
]


def shots_for_precision(eps, variance: float = 1.0):
    """Shots so that the sample mean of a quantity of that variance has std <= eps.

    ``ceil(variance / eps^2)``; for a +-1 observable the variance is at most 1,
    which gives the talk's 1/eps^2. Introduced in chapter 2.
    """
    eps = check_eps(eps)
    variance = positive_real("variance", variance, upper=MAX_SCALE)
    return ceil_count(variance / eps**2)


def circuit_time(M, eps, delta=None):
    """TIME(F) on hardware, in gate applications: ``M / eps^2``.

    One expectation value to precision eps needs about 1/eps^2 shots of an
    M-gate circuit, each gate at unit cost (the talk's model). Introduced in
    chapter 2.

    With ``delta`` given, the value is within eps with probability >= 1 - delta: a mean
    of N outcomes +-1 has terms of range 2/N, so Hoeffding gives P(|error| >= eps) <=
    2 exp(-N eps^2 / 2) and ``N = ceil(2 ln(2 / delta) / eps^2)`` shots of M gates
    (chapter 8 compares methods at this target).
    """
    M = count_array("M", M)
    eps = check_eps(eps)
    if delta is None:
        return M / eps**2
    delta = check_delta(delta)
    return M * ceil_count(2.0 * np.log(2.0 / delta) / eps**2)


#: Gate applications of each simulator routine, for M gates and an observable of L terms:
#: method -> (rotations, bare Pauli strings). Counted by the Ledger, predicted here.
_GATE_TABLE = {
    "state": lambda M, L: (M, 0),
    "expval": lambda M, L: (M, L),
    "adjoint": lambda M, L: (3 * M, L),
    "inserted": lambda M, L: (M + M * M, L + M),
    "finite_difference": lambda M, L: (2 * M * M, 2 * M * L),
    "finite_difference_forward": lambda M, L: ((M + 1) * M, (M + 1) * L),
    "param_shift": lambda M, L: (2 * M * M, 2 * M * L),
}


def simulator_gate_applications(method: str, M: int, n_terms: int = 1) -> tuple[int, int]:
    """``(rotations, paulis)`` a simulator routine applies, for M gates and ``n_terms`` terms of O.

    ============================ ====================== =====================
    method                       rotations              paulis
    ============================ ====================== =====================
    ``"state"``                  M                      0
    ``"expval"``                 M                      L
    ``"adjoint"``                3 M                    L
    ``"inserted"``               M + M^2                L + M
    ``"finite_difference"``      2 M^2   (central)      2 M L
    ``"finite_difference_forward"`` (M + 1) M           (M + 1) L
    ``"param_shift"``            2 M^2   (exact)        2 M L
    ============================ ====================== =====================

    The adjoint method's 3M: one forward pass, then each gate undone on two
    vectors. Introduced in chapter 2 (parameter shift in chapter 3).
    """
    method = choice("method", method, set(_GATE_TABLE))
    M = positive_int("M", M)
    L = positive_int("n_terms", n_terms)
    return _GATE_TABLE[method](M, L)


#: Statevectors each simulator routine holds at its peak, cache left out: forward = psi + one
#: scratch; adjoint = psi, lam and one scratch; inserted = psi, O psi, the inserted state, its
#: scratch and the fresh |0> it is prepared from.
SIMULATOR_STATEVECTORS = {"forward": 2, "adjoint": 3, "inserted": 5}


def kernel_cache_statevectors(distinct_x_masks: int, n: int, budget_bytes: int) -> float:
    """Statevectors' worth of memory the engine's kernel cache keeps (complex128 states).

    The cache stores one index permutation (8 bytes per amplitude: half a
    statevector) per distinct non-zero x-mask of the circuit's strings, first
    come first served, while they fit in ``budget_bytes``; it keeps
    ``min(masks, budget // (8 * 2^n))`` of them. So it never exceeds the
    budget, whatever M is. Introduced in chapter 2.
    """
    masks = positive_int("distinct_x_masks", distinct_x_masks, minimum=0)
    n = positive_int("n", n)
    if n > 64:
        raise ValueError(f"n must be <= 64, got {n}")
    budget = positive_int("budget_bytes", budget_bytes, minimum=0)
    kept = min(masks, budget // (8 << n))
    return kept / 2
