"""The parameter-shift gradient: 2M circuits and the shots each needs. Introduced in chapter 3."""

from __future__ import annotations

import numpy as np

from qbp_lessons._validate import count_array
from qbp_lessons.costs.units import ceil_count, check_delta, check_eps

__all__ = [
    "param_shift_circuits",
    "param_shift_shots_per_circuit",
    "param_shift_shots",
    "param_shift_time",
]


def param_shift_circuits(M):
    """Distinct circuits for a full parameter-shift gradient: ``2 M``.

    Each component needs F(theta_k + pi/4) and F(theta_k - pi/4) for gates
    exp(-i theta P) (Mitarai et al., PRA 98, 032309 (2018); Schuld et al.,
    PRA 99, 032331 (2019)). Introduced in chapter 3.
    """
    M = count_array("M", M)
    return 2 * M


def param_shift_shots_per_circuit(M, eps, delta=None):
    """Shots per shifted circuit so that gradient components are eps-accurate.

    With N shots on each of the two circuits of a +-1 observable,
    Var(component) = [(1 - F+^2) + (1 - F-^2)] / N <= 2 / N, so
    ``N = ceil(2 / eps^2)`` bounds every component's standard deviation by eps.

    With ``delta`` given, all M components are within eps at once with
    probability >= 1 - delta: a component is a mean of 2N terms of range 2/N,
    so Hoeffding gives P(|error| >= eps) <= 2 exp(-N eps^2 / 4), and a union
    bound over M components gives ``N = ceil(4 ln(2 M / delta) / eps^2)``.
    Introduced in chapter 3.
    """
    M = count_array("M", M)
    eps = check_eps(eps)
    if delta is None:
        per_circuit = ceil_count(2.0 / eps**2)
        return per_circuit if np.ndim(M) == 0 else np.full(np.shape(M), float(per_circuit))
    delta = check_delta(delta)
    return ceil_count(4.0 * np.log(2.0 * M / delta) / eps**2)


def param_shift_shots(M, eps, delta=None):
    """Total shots of a parameter-shift gradient: ``2 M`` circuits times shots each."""
    return param_shift_circuits(M) * param_shift_shots_per_circuit(M, eps, delta)


def param_shift_time(M, eps, delta=None):
    """TIME of a parameter-shift gradient in gate applications: shots times M.

    About ``2 M * M * 2 / eps^2 = 4 M^2 / eps^2``: O(M) times TIME(F) = M / eps^2
    (up to a log(M / delta) factor when all components must hold at once).
    Introduced in chapter 3.
    """
    M = count_array("M", M)
    return param_shift_shots(M, eps, delta) * M
