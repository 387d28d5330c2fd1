"""Tests of qbp_lessons.costs.units: the year, the smallest precision, whole counts."""

import numpy as np
import pytest

from qbp_lessons import costs as c


def test_a_julian_year():
    assert c.SECONDS_PER_YEAR == 365.25 * 86400 == 31_557_600


def test_check_eps_accepts_min_eps_and_names_eps_below_it():
    assert c.check_eps(c.MIN_EPS) == c.MIN_EPS
    assert c.check_eps(0.5) == 0.5
    with pytest.raises(ValueError, match=r"^eps must be >= 1e-09"):
        c.check_eps(c.MIN_EPS / 2)
    with pytest.raises(ValueError, match=r"^eps"):
        c.check_eps(0.0)
    with pytest.raises(TypeError, match=r"^eps"):
        c.check_eps("0.1")


def test_ceil_count_rounds_up_but_not_round_off():
    assert c.ceil_count(1 / 0.1**2) == 100  # 99.99999999999999
    assert c.ceil_count(100 + 1e-13) == 100
    assert c.ceil_count(100.01) == 101
    assert type(c.ceil_count(2.5)) is int
    got = c.ceil_count(np.array([0.2, 1.0, 1.5]))
    assert got.dtype == float and got.tolist() == [1.0, 1.0, 2.0]
