"""Tests of qbp_lessons.costs.commuting: one setting's shots for every component (chapter 7)."""

import math

import numpy as np

from hypothesis import given, settings
from hypothesis import strategies as st

from qbp_lessons import costs as c


def ceil_allowed(x):
    """Whole numbers a count of x may round to: ceil(x), or x itself within float noise of it."""
    allowed = {math.ceil(x)}
    if abs(x - round(x)) <= 1e-9 * max(1.0, x):
        allowed.add(round(x))
    return allowed


def test_commuting_shots_and_time():
    # ceil(2 norm^2 ln(2M/delta) / eps^2)
    # M = 1, eps = 1, delta = 0.5, norm = 2: 8 ln 4 = 11.09 -> 12
    assert c.commuting_shots(1, 1.0, delta=0.5) == 12
    # M = 5, eps = 0.1, delta = 0.1, norm = 1: 2 ln 100 / 0.01 = 921.03 -> 922
    assert c.commuting_shots(5, 0.1, delta=0.1, norm=1.0) == 922
    # M = 10, eps = 0.1, delta = 0.01, norm 2: 8 ln 2000 / 0.01 = 6080.7 -> 6081
    assert c.commuting_shots(10, 0.1, delta=0.01) == 6_081
    assert c.commuting_time(10, 0.1, delta=0.01) == 60_810


def test_default_is_the_rms_target():
    # delta=None: variance of a +-2 reading <= 4, so ceil(4 / eps^2) shots, whatever M
    assert c.commuting_shots(10, 0.1) == 400
    assert c.commuting_shots(10**9, 0.1) == 400
    assert c.commuting_shots(3, 0.3, norm=1.0) == 12  # 1 / 0.09 = 11.1 -> 12
    assert c.commuting_time(10, 0.1) == 4_000  # 4 TIME(F) = 4 * 10 / 0.01
    M = np.array([1, 10, 10**6])
    assert np.array_equal(c.commuting_shots(M, 0.1), np.full(3, 400.0))
    assert np.allclose(c.commuting_time(M, 0.01) / c.circuit_time(M, 0.01), 4.0)


@settings(max_examples=50, deadline=None)
@given(M=st.integers(1, 10**12), eps=st.floats(1e-4, 1.0), delta=st.floats(1e-6, 0.999))
def test_shots_match_the_hoeffding_formula(M, eps, delta):
    assert c.commuting_shots(M, eps, delta) in ceil_allowed(8 * math.log(2 * M / delta) / eps**2)
