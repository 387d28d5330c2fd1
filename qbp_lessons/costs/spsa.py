"""SPSA: the spread of the estimate, the directions and shots an eps-accurate gradient needs.

Introduced in chapter 4.
"""

from __future__ import annotations

import numpy as np

from qbp_lessons._validate import choice, count_array, positive_real
from qbp_lessons.costs.circuits import shots_for_precision
from qbp_lessons.costs.units import MAX_SCALE, ceil_count, check_eps

__all__ = [
    "SPSA_OFFSET",
    "spsa_second_moment",
    "spsa_directions_for_accuracy",
    "spsa_circuits",
    "spsa_estimates",
    "spsa_shots",
    "spsa_time",
    "spsa_gradient_circuits",
]

#: The spread of one SPSA estimate around the gradient, per kind of direction: E||g_hat - g||^2
#: = (M + SPSA_OFFSET[kind]) ||g||^2 for one noise-free direction in the limit c -> 0.
SPSA_OFFSET = {"rademacher": -1, "gaussian": +1}


def spsa_second_moment(
    M, g_norm2=1.0, K=1, directions: str = "rademacher", *, shots=None, c=None, variance=1.0
):
    """E||g_hat - g||^2 of an SPSA gradient averaged over ``K`` directions.

    Spall, IEEE TAC 37(3) (1992) 332-341. One direction Delta gives
    g_hat = [F(theta + c Delta) - F(theta - c Delta)] / (2c) * Delta. Linearised
    (c -> 0) and noise-free, g_hat = Delta Delta^T g, so

    * Rademacher Delta (entries +-1): g_hat_i = g_i + sum_{j != i} g_j Delta_j Delta_i,
      Var(g_hat_i) = ||g||^2 - g_i^2 and E||g_hat - g||^2 = (M - 1) ||g||^2;
    * Gaussian Delta (entries N(0, 1)): E||g_hat - g||^2 = (M + 1) ||g||^2.

    With ``shots`` N per circuit, each difference carries shot noise of variance
    (sigma+^2 + sigma-^2) / (4 c^2) per unit of Delta_i^2, and E||Delta||^2 = M:
    that adds ``M * 2 * variance / (4 c^2 N) = M variance / (2 c^2 N)``, where
    ``variance`` is the single-shot variance of the observable (at most 1 for a
    +-1 observable; 1 - F^2 exactly). Averaging K independent directions divides
    the whole by K. Finite c adds an O(c^2) bias, left out. Introduced in chapter 4.
    """
    M = count_array("M", M)
    g_norm2 = positive_real("g_norm2", g_norm2, allow_zero=True)
    K = count_array("K", K)
    directions = choice("directions", directions, set(SPSA_OFFSET))
    variance = positive_real("variance", variance, allow_zero=True, upper=MAX_SCALE)
    spread = (M + SPSA_OFFSET[directions]) * g_norm2
    if shots is not None:
        shots = count_array("shots", shots)
        if c is None:
            raise ValueError(
                "c must be given with shots: the shot noise of a difference scales as 1/c^2"
            )
        c = positive_real("c", c)
        spread = spread + M * variance / (2.0 * c**2 * shots)
    return spread / K


def spsa_directions_for_accuracy(M, eps, directions: str = "rademacher"):
    """Directions K for a relative mean-square error E||g_hat - g||^2 <= eps^2 ||g||^2 (noise-free).

    From :func:`spsa_second_moment`: ``K = ceil((M - 1) / eps^2)`` for Rademacher
    directions, ``ceil((M + 1) / eps^2)`` for Gaussian ones, at least 1. Linear
    in M: an eps-accurate SPSA gradient is not cheaper than M, whatever its two
    evaluations per estimate. Introduced in chapter 4.
    """
    M = count_array("M", M)
    eps = check_eps(eps)
    directions = choice("directions", directions, set(SPSA_OFFSET))
    K = ceil_count((M + SPSA_OFFSET[directions]) / eps**2)
    return max(K, 1) if np.ndim(K) == 0 else np.maximum(K, 1.0)


def spsa_circuits(M, eps, directions: str = "rademacher"):
    """Circuit executions of that eps-accurate SPSA gradient: two per direction, ``2 K``.

    Set next to :func:`param_shift_circuits` (2M): both linear in M. Introduced in chapter 4.
    """
    return 2 * spsa_directions_for_accuracy(M, eps, directions)


def spsa_estimates(M, eps, g_rms: float = 1.0):
    """SPSA estimates to average for eps-accurate gradient components.

    Spall, IEEE TAC 37(3) (1992) 332-341. Linearised and noise-free, one
    estimate is g_hat_i = g_i + sum_{j != i} g_j Delta_j Delta_i with Rademacher
    Delta, so Var(g_hat_i) = ||g||^2 - g_i^2. With every component of size
    ``g_rms`` that is (M - 1) g_rms^2, and averaging K estimates brings it to
    eps^2 when ``K = ceil((M - 1) g_rms^2 / eps^2)`` (at least 1). Shot noise
    only adds to this (:func:`spsa_second_moment`). Introduced in chapter 4.
    """
    M = count_array("M", M)
    eps = check_eps(eps)
    g_rms = positive_real("g_rms", g_rms, upper=MAX_SCALE)
    estimates = ceil_count((M - 1) * g_rms**2 / eps**2)
    return max(estimates, 1) if np.ndim(estimates) == 0 else np.maximum(estimates, 1.0)


def spsa_shots(M, eps, g_rms: float = 1.0):
    """Total shots of an eps-accurate SPSA gradient: 2 circuits per estimate, 1/eps^2 shots each.

    A simple allocation for the cost explorers. It is not the cheapest: the shot
    noise of :func:`spsa_second_moment`, ``M variance / (2 c^2 N)``, is averaged
    over the K directions as well, so fewer shots per circuit and more directions
    reach the same error for fewer shots in all. Introduced in chapter 4.
    """
    return 2 * spsa_estimates(M, eps, g_rms) * shots_for_precision(eps)


def spsa_time(M, eps, g_rms: float = 1.0):
    """TIME of an eps-accurate SPSA gradient in gate applications (shots times M)."""
    M = count_array("M", M)
    return spsa_shots(M, eps, g_rms) * M


def spsa_gradient_circuits(K):
    """Circuit executions of one SPSA gradient averaged over ``K`` directions: ``2 K``, whatever M.

    Two evaluations per direction, F(theta + c Delta) and F(theta - c Delta).
    Introduced in chapter 4.
    """
    K = count_array("K", K)
    return 2 * K
