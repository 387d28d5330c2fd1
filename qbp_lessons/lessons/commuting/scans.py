"""Shots for an eps-accurate gradient, measured against M: one setting against parameter shift.

Introduced in chapter 7.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from qbp_lessons._validate import record
from qbp_lessons._validate import bounded_int, count_list, positive_real, probability
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine.ledger import Ledger
from qbp_lessons.lessons.commuting.generators import (
    MAX_COMMUTING_GATES,
    prepare_gradient,
    x_generator_circuit,
)
from qbp_lessons.lessons.param_shift.gradients import shifted_settings

__all__ = ["ShotsScan", "shots_for_accuracy"]


@record
@dataclass(frozen=True)
class ShotsScan:
    """Result of :func:`shots_for_accuracy`; arrays have one entry per M.

    ``commuting_shots``, ``param_shift_shots``: the smallest grid value of the
    shots per setting at which at least 1 - delta of ``reps`` seeded gradients
    had every component within eps, times the settings (1 and 2M). ``*_ledger``:
    what the sampler counted for one gradient at that budget.
    Introduced in chapter 7.
    """

    M: np.ndarray
    eps: float
    delta: float
    reps: int
    commuting_shots: np.ndarray
    param_shift_shots: np.ndarray
    commuting_ledgers: tuple
    param_shift_ledgers: tuple
    n: int


def _smallest_budget(draw, exact, eps, delta, reps, gen, lo=4, hi=2**20) -> int:
    """Smallest N on a 2^(1/4) grid at which >= 1 - delta of reps gradients are within eps.

    Found by bisection on the grid.
    """
    hi = min(hi, 10**9 // reps)
    grid = np.unique(
        np.minimum(  # the ceiling may step past hi, the sampler's own limit: clip to it
            np.ceil(lo * 2.0 ** (np.arange(0, 4 * math.log2(hi / lo) + 1) / 4)), hi
        ).astype(np.int64)
    )

    def ok(N):
        est = draw(int(N), gen, reps)
        return np.mean(np.max(np.abs(est - exact), axis=1) <= eps) >= 1 - delta

    a, b = 0, len(grid) - 1
    if not ok(grid[b]):
        raise ValueError(f"eps = {eps} needs more than {grid[b]} shots per setting")
    while a < b:
        mid = (a + b) // 2
        if ok(grid[mid]):
            b = mid
        else:
            a = mid + 1
    return int(grid[a])


def shots_for_accuracy(
    M_values, eps: float = 0.2, delta: float = 0.1, n: int = 8, reps: int = 200, seed=0
) -> ShotsScan:
    """Measure the shots an eps-accurate full gradient needs against M: commuting, parameter shift.

    For each M: an X-generator circuit on n qubits with H = Z_0
    (:func:`x_generator_circuit`) at random angles; the smallest shot budget
    (on a 2^(1/4) grid, by bisection) at which at least 1 - delta of ``reps``
    seeded gradients have *every* component within eps, for the one-setting
    commuting estimator and for parameter shift (2M circuits) on the same
    circuit. Introduced in chapter 7.
    """
    M_arr = np.array(count_list("M_values", M_values, maximum=MAX_COMMUTING_GATES))
    eps = positive_real("eps", eps, upper=4.0)
    delta = probability("delta", delta)
    n = bounded_int("n", n, minimum=2, maximum=12)
    reps = bounded_int("reps", reps, minimum=10, maximum=5000)
    if int(M_arr.max()) > (1 << (n - 1)):
        raise ValueError(f"M_values must be <= 2^(n-1) = {1 << (n - 1)} for n = {n}")
    gen = make_rng("seed", seed)
    com, ps, com_l, ps_l = [], [], [], []
    for M in M_arr.tolist():
        model = x_generator_circuit(n, M, seed=gen)
        theta = gen.uniform(0, 2 * np.pi, size=M)
        prepared = prepare_gradient(model, theta)
        n_com = _smallest_budget(
            lambda N, g, r: prepared.estimates(N, g, repetitions=r),
            prepared.exact,
            eps,
            delta,
            reps,
            gen,
        )
        shifted = shifted_settings(model.circuit, model.full_theta(theta))
        n_ps = _smallest_budget(
            lambda N, g, r: shifted.estimates(N, g, repetitions=r),
            shifted.exact,
            eps,
            delta,
            reps,
            gen,
        )
        ledger_c, ledger_p = Ledger(), Ledger()
        prepared.estimates(n_com, gen, ledger=ledger_c)
        shifted.estimates(n_ps, gen, ledger=ledger_p)
        com.append(ledger_c.shots)
        ps.append(ledger_p.shots)
        com_l.append(ledger_c)
        ps_l.append(ledger_p)
    return ShotsScan(
        M_arr, eps, delta, reps, np.array(com), np.array(ps), tuple(com_l), tuple(ps_l), n
    )
