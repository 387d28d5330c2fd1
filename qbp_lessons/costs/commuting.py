"""Commuting generators: every gradient component from the shots of one setting.

Introduced in chapter 7.
"""

from __future__ import annotations

import numpy as np

from qbp_lessons._validate import count_array, positive_real
from qbp_lessons.costs.units import MAX_SCALE, ceil_count, check_delta, check_eps

__all__ = ["commuting_shots", "commuting_time"]


def commuting_shots(M, eps, delta=None, norm: float = 2.0):
    """Shots of one setting that give all M components of a commuting-generator gradient to eps.

    Bowles, Wierichs & Park, Quantum 9, 1873 (2025), arXiv:2306.14962: each
    component is <O_j> with O_j = 2i G_j H, a Pauli string times +-2 for Pauli
    G_j and H, and all O_j are read from the same N shots of one setting. A
    component's estimate is a mean of N values in [-norm, norm].

    Two accuracy targets, the same two as :func:`~qbp_lessons.costs.param_shift_shots`:

    * ``delta=None`` (default), **rms error eps per component**: one reading has
      variance ``norm^2 - g_j^2 <= norm^2``, so ``N = ceil(norm^2 / eps^2)``
      (4/eps^2 for norm = 2) bounds every component's standard deviation by eps,
      whatever M is. TIME is then 4 M/eps^2 = 4 TIME(F).
    * ``delta`` given, **all M components within eps at once with probability
      >= 1 - delta**: Hoeffding gives P(|error| >= eps) <= 2 exp(-N eps^2 / (2 norm^2))
      and a union bound over the M components gives
      ``N = ceil(2 norm^2 ln(2 M / delta) / eps^2)``, 8 ln(2M/delta)/eps^2 for norm = 2.
      The bound holds whatever the correlations between components (they share
      their shots).

    Introduced in chapter 7.
    """
    M = count_array("M", M)
    eps = check_eps(eps)
    norm = positive_real("norm", norm, upper=MAX_SCALE)
    if delta is None:
        shots = ceil_count(norm**2 / eps**2)
        return shots if np.ndim(M) == 0 else np.full(np.shape(M), float(shots))
    delta = check_delta(delta)
    return ceil_count(2.0 * norm**2 * np.log(2.0 * M / delta) / eps**2)


def commuting_time(M, eps, delta=None, norm: float = 2.0):
    """TIME of a commuting-generator gradient in gate applications (shots times M).

    At the rms target (``delta=None``) about ``4 M / eps^2 = 4 TIME(F)``, whatever M.
    Introduced in chapter 7.
    """
    M = count_array("M", M)
    return commuting_shots(M, eps, delta, norm) * M
