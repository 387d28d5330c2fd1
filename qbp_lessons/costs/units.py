"""Units and shared helpers of the cost models: the year, the smallest precision, whole counts.

Introduced in chapter 1 (the year) and chapter 2 (precisions and shot counts).
"""

from __future__ import annotations

import math

import numpy as np

from qbp_lessons._validate import positive_real, real_array

__all__ = [
    "SECONDS_PER_YEAR",
    "MIN_EPS",
    "MAX_EPS",
    "MAX_SCALE",
    "MIN_DELTA",
    "check_eps",
    "check_delta",
    "ceil_count",
]

#: Julian year in seconds (365.25 days), used to turn the talk's examples into years.
SECONDS_PER_YEAR = 365.25 * 24 * 3600

#: Smallest precision the models accept: 1/eps^2 shots stays finite and meaningful.
MIN_EPS = 1e-9


#: Largest precision the models accept (a precision wider than any expectation's range means
#: nothing, and 1/eps^2 must not underflow).
MAX_EPS = 1e3


def check_eps(eps) -> float:
    """Check a precision: a real number in [MIN_EPS, MAX_EPS]; the error names ``eps``."""
    eps = positive_real("eps", eps, upper=MAX_EPS)
    if eps < MIN_EPS:
        raise ValueError(f"eps must be >= {MIN_EPS:g} (1/eps^2 shots), got {eps}")
    return eps


#: Largest scale of an observable the models accept (a single-shot variance, a norm, a
#: gradient component's rms): far beyond any bounded observable, far below overflow.
MAX_SCALE = 1e6


#: Smallest failure probability the models accept: log(1/delta) stays finite.
MIN_DELTA = 1e-300


def check_delta(delta) -> float:
    """Check a failure probability: a real number in [MIN_DELTA, 1); the error names ``delta``."""
    delta = positive_real("delta", delta, upper=1.0, upper_inclusive=False)
    if delta < MIN_DELTA:
        raise ValueError(f"delta must be >= {MIN_DELTA:g} (log 1/delta finite), got {delta}")
    return delta


def ceil_count(x):
    """Round up to a whole count: scalars become ints, arrays stay float arrays.

    Round-off within 1e-12 above a whole number does not add one: a model that is exactly
    100 shots on paper stays 100 whatever the last bit of ``1 / eps**2``.
    """
    if np.ndim(x) == 0:
        return int(math.ceil(positive_real("x", x, allow_zero=True) - 1e-12))
    return np.ceil(real_array("x", x) - 1e-12)
