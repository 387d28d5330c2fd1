"""Tests of qbp_lessons.costs.spsa: estimates, shots and time of an eps-accurate SPSA gradient."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qbp_lessons import costs as c


def ceil_allowed(x):
    """Whole numbers a count of x may round to: ceil(x), or x itself within float noise of it."""
    allowed = {math.ceil(x)}
    if abs(x - round(x)) <= 1e-9 * max(1.0, x):
        allowed.add(round(x))
    return allowed


def test_spsa_estimates():
    assert c.spsa_estimates(1, 0.1) == 1  # (1 - 1) ... = 0 -> at least 1
    assert c.spsa_estimates(2, 10.0) == 1  # 1 / 100 -> 1
    assert c.spsa_estimates(101, 0.1) == 10_000  # 100 / 0.01
    assert c.spsa_estimates(101, 0.1, g_rms=0.5) == 2_500  # 100 * 0.25 / 0.01
    assert c.spsa_estimates(10, 0.3) == 100  # 9 / 0.09 = 100 (exactly)
    assert c.spsa_estimates([1, 101], 0.1).tolist() == [1.0, 10_000.0]


def test_spsa_shots_and_time():
    # 2 circuits per estimate, ceil(1/eps^2) shots each, M gates per shot
    assert c.spsa_shots(101, 0.1) == 2 * 10_000 * 100 == 2_000_000
    assert c.spsa_time(101, 0.1) == 2_000_000 * 101
    assert c.spsa_time(1, 0.1) == 2 * 1 * 100 * 1


def test_spsa_at_a_billion_parameters_is_exact_and_finite():
    # M = 1e9, eps = 1e-3: K = (1e9 - 1) / 1e-6 = 999,999,999,000,000 estimates,
    # 2 K circuits of 1e6 shots of 1e9 gates: 2 (1e9 - 1) 1e21 = 1.999999998e30
    assert c.spsa_estimates(10**9, 1e-3) == 999_999_999_000_000
    expected = 2 * (10**9 - 1) * 10**6 * 10**6 * 10**9
    got = c.spsa_time(10**9, 1e-3)
    assert got == expected
    assert math.isfinite(got) and got > 0
    arr = c.spsa_time(np.array([10**9]), 1e-3)
    assert np.all(np.isfinite(arr)) and arr[0] == pytest.approx(expected, rel=1e-12)


@settings(max_examples=50, deadline=None)
@given(M=st.integers(1, 10**12), eps=st.floats(1e-4, 1.0))
def test_estimates_match_the_variance_formula(M, eps):
    assert c.spsa_estimates(M, eps) in {max(1, k) for k in ceil_allowed((M - 1) / eps**2)}


def test_second_moment_and_directions():
    # (M - 1) ||g||^2 for Rademacher, (M + 1) ||g||^2 for Gaussian, divided by K
    assert c.spsa_second_moment(10, 2.0) == 18.0
    assert c.spsa_second_moment(10, 2.0, K=3, directions="gaussian") == pytest.approx(22.0 / 3)
    # shot noise adds M variance / (2 c^2 N): 10 * 1 / (2 * 0.01 * 100) = 5
    assert c.spsa_second_moment(10, 2.0, shots=100, c=0.1) == pytest.approx(23.0)
    # K = ceil(9 / 0.25) = 36 directions, 72 circuits, for relative error 0.5 at M = 10
    assert c.spsa_directions_for_accuracy(10, 0.5) == 36
    assert c.spsa_circuits(10, 0.5) == 72
    assert c.spsa_directions_for_accuracy(10, 0.5, "gaussian") == 44  # 11 / 0.25
