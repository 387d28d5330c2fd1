"""Quantum gradient algorithms with coherent access, and the price of a barren plateau.

Introduced in chapter 8.
"""

from __future__ import annotations

import numpy as np

from qbp_lessons._validate import count_array
from qbp_lessons.costs.units import check_eps

__all__ = ["quantum_gradient_queries", "quantum_gradient_time", "plateau_eps", "plateau_time"]


def quantum_gradient_queries(M, eps):
    """Coherent queries for all M components to eps: ``sqrt(M) / eps``, polylog factors dropped.

    Gilyen, Arunachalam & Wiebe, SODA 2019, arXiv:1711.00465: O~(sqrt(M)/eps) queries to
    a phase oracle of a smooth F (l-infinity error eps), optimal up to polylog factors for
    a class of smooth functions. The constant is set to 1. Introduced in chapter 8.
    """
    M = count_array("M", M)
    eps = check_eps(eps)
    return np.sqrt(M) / eps


def quantum_gradient_time(M, eps):
    """TIME(grad F) of the quantum gradient algorithm in gate applications: ``M sqrt(M) / eps``.

    Each query is one coherent (controlled, reversible) run of the M-gate circuit, so
    gate applications are M times :func:`quantum_gradient_queries`. Introduced in chapter 8.
    """
    M = count_array("M", M)
    return M * quantum_gradient_queries(M, eps)


def plateau_eps(n):
    """The precision a barren plateau asks for: the typical gradient size ``2^(-n/2)``.

    On a plateau Var(dF/dtheta_k) ~ 2^(-n) (McClean et al. 2018), so a gradient
    component is about 2^(-n/2) in size. Introduced in chapter 8.
    """
    n = count_array("n", n, maximum=1000)
    return 2.0 ** (-n / 2.0)


def plateau_time(M, n):
    """TIME(F) = M / eps^2 at eps = 2^(-n/2): ``M 2^n`` gate applications.

    Introduced in chapter 8.
    """
    M = count_array("M", M)
    return M / plateau_eps(n) ** 2
