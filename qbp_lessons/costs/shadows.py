"""Classical shadows and shadow tomography: snapshots, batches, copies. Introduced in chapter 6."""

from __future__ import annotations

import numpy as np

from qbp_lessons._validate import (
    bounded_int,
    choice,
    count_array,
)
from qbp_lessons.costs.units import ceil_count, check_delta, check_eps

__all__ = [
    "MAX_LOCALITY",
    "shadow_norm_squared",
    "shadow_batches",
    "shadow_batch_size",
    "shadow_snapshots",
    "shadow_snapshots_infinity_norm",
    "shadow_time",
    "direct_measurement_shots",
    "shadow_tomography_copies",
]


#: Largest Pauli weight the shadow models accept: 3^k stays a finite float.
MAX_LOCALITY = 200


def shadow_norm_squared(locality: int = 2) -> int:
    """Squared shadow norm of the traceless part of a weight-k Pauli string (random Pauli bases).

    Huang, Kueng & Preskill, Nat. Phys. 16, 1050 (2020): the variance of a
    shadow estimate of O is at most ||O - tr(O) I / 2^n||^2_shadow. A
    non-identity Pauli string is traceless, and a snapshot gives it 3^k times a
    product of +-1 signs with probability 3^-k (its random letters must match
    the string's) and 0 otherwise, so the second moment is exactly 3^k.
    ``locality`` must be >= 1 (the identity is known without measuring).
    Introduced in chapter 6.
    """
    locality = bounded_int("locality", locality, maximum=MAX_LOCALITY)
    return 3**locality


def shadow_batches(M, delta: float = 0.01):
    """Median-of-means batches for M estimates all within eps w.p. >= 1 - delta: ``2 ln(2M/delta)``.

    (Huang, Kueng & Preskill 2020, their main theorem on median-of-means
    prediction.) Returned unrounded, as in the bound :func:`shadow_snapshots`.
    Introduced in chapter 6.
    """
    M = count_array("M", M)
    delta = check_delta(delta)
    return 2.0 * np.log(2.0 * M / delta)


def shadow_batch_size(eps, locality: int = 2):
    """Snapshots per median-of-means batch: ``34 ||P||^2_shadow / eps^2 = 34 3^k / eps^2``.

    Returned unrounded, as in the bound of :func:`shadow_snapshots`. Introduced in chapter 6.
    """
    eps = check_eps(eps)
    return 34.0 * shadow_norm_squared(locality) / eps**2


def shadow_snapshots(M, eps, delta: float = 0.01, locality: int = 2):
    """Snapshots for M weight-``locality`` Pauli expectations to eps, all at once w.p. >= 1 - delta.

    Huang, Kueng & Preskill, Nat. Phys. 16, 1050 (2020), main theorem, with random
    Pauli measurements: :func:`shadow_batches` batches of
    :func:`shadow_batch_size` snapshots, median of means, with the squared shadow
    norm of the *traceless part* of the observable (:func:`shadow_norm_squared`,
    3^k for a weight-k string): ``ceil(68 * 3^k * ln(2 M / delta) / eps^2)`` in
    all. Not to be confused with :func:`shadow_snapshots_infinity_norm`.
    Introduced in chapter 6.
    """
    M = count_array("M", M)
    return ceil_count(shadow_batches(M, delta) * shadow_batch_size(eps, locality))


def shadow_snapshots_infinity_norm(M, eps, delta: float = 0.01):
    """A tutorials' shortcut, ||O||_inf^2 = 1 for the shadow norm: ``68 ln(2M/delta) / eps^2``.

    It is *not* a bound for Pauli shadows: it understates :func:`shadow_snapshots`
    by the factor 3^k for weight-k strings. Kept only so the book can show by how
    much. Introduced in chapter 6.
    """
    M = count_array("M", M)
    eps = check_eps(eps)
    return ceil_count(shadow_batches(M, delta) * 34.0 / eps**2)


def shadow_time(M, eps, delta: float = 0.01, locality: int = 2):
    """TIME of a classical-shadow gradient in gate applications (snapshots times M)."""
    M = count_array("M", M)
    return shadow_snapshots(M, eps, delta, locality) * M


def direct_measurement_shots(M, eps, delta: float = 0.01):
    """Shots to measure M Pauli strings one by one, all within eps w.p. >= 1 - delta.

    Each string gets its own setting and N shots of +-1 outcomes; Hoeffding gives
    P(|error| >= eps) <= 2 exp(-N eps^2 / 2) and a union bound over M strings
    gives ``N = ceil(2 ln(2 M / delta) / eps^2)`` each, ``M N`` in all.
    Introduced in chapter 6.
    """
    M = count_array("M", M)
    eps = check_eps(eps)
    delta = check_delta(delta)
    return M * ceil_count(2.0 * np.log(2.0 * M / delta) / eps**2)


def shadow_tomography_copies(M, eps, n, bound: str = "badescu-odonnell"):
    """Copies of the state for shadow tomography of M observables on n qubits.

    Up to constants and log(1/delta) factors: Aaronson, STOC 2018
    (arXiv:1711.01053), ``log^4 M * log D / eps^4``; Badescu & O'Donnell, STOC
    2021 (arXiv:2011.10908), ``log^2 M * log D / eps^4``, with D = 2^n. The
    classical post-processing of both is exponential in n. Introduced in
    chapter 6.
    """
    M = count_array("M", M)
    eps = check_eps(eps)
    n = bounded_int("n", n)
    bound = choice("bound", bound, {"aaronson", "badescu-odonnell"})
    power = 4 if bound == "aaronson" else 2
    log_m = np.maximum(np.log(M), 1.0)
    return log_m**power * n * np.log(2.0) / eps**4
