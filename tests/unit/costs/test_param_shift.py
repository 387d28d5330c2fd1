"""Tests of qbp_lessons.costs.param_shift: 2M circuits and their shots (chapter 3)."""

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


def test_param_shift_counts():
    assert c.param_shift_circuits(10) == 20  # 2 M
    assert c.param_shift_shots_per_circuit(10, 0.1) == 200  # ceil(2 / 0.01)
    assert c.param_shift_shots(10, 0.1) == 4_000  # 20 circuits * 200 shots
    assert c.param_shift_time(10, 0.1) == 40_000  # 4000 shots * 10 gates = 4 M^2 / eps^2
    assert c.param_shift_shots_per_circuit(10, 0.03) == 2223  # 2 / 0.0009 = 2222.2 -> 2223


def test_param_shift_with_delta_uses_hoeffding_and_a_union_bound():
    # N = ceil(4 ln(2M/delta) / eps^2)
    # M = 10, delta = 0.1: ln(200) = 5.2983; 4 * 5.2983 / 0.01 = 2119.33 -> 2120
    assert c.param_shift_shots_per_circuit(10, 0.1, delta=0.1) == 2_120
    assert c.param_shift_shots(10, 0.1, delta=0.1) == 20 * 2_120
    assert c.param_shift_time(10, 0.1, delta=0.1) == 10 * 20 * 2_120
    # M = 1000, delta = 0.05: ln(40000) = ln 4 + 4 ln 10 = 10.59663; * 4 / 1e-4 = 423865.4 -> 423866
    assert c.param_shift_shots_per_circuit(1000, 0.01, delta=0.05) == 423_866
    # M = 1, delta = 0.5: ln 4 = 1.386294; * 4 / 1 = 5.545 -> 6
    assert c.param_shift_shots_per_circuit(1, 1.0, delta=0.5) == 6


def test_param_shift_delta_none_is_the_per_component_bound():
    assert c.param_shift_shots_per_circuit(10, 0.1, None) == c.param_shift_shots_per_circuit(
        10, 0.1
    )


def test_large_m_quadratic_models_stay_exact_for_scalars():
    # M = 1e12, eps = 1e-3: 2M circuits * 2e6 shots * M gates = 4e30, exactly, as a Python int
    assert c.param_shift_time(10**12, 1e-3) == 4 * 10**30
    assert c.param_shift_time(np.array([10**12], dtype=np.int64), 1e-3)[0] == pytest.approx(
        4e30, rel=1e-12
    )


@settings(max_examples=50, deadline=None)
@given(M=st.integers(1, 10**12), eps=st.floats(1e-4, 1.0), delta=st.floats(1e-6, 0.999))
def test_shots_per_circuit_match_the_hoeffding_formula(M, eps, delta):
    assert c.param_shift_shots_per_circuit(M, eps, delta) in ceil_allowed(
        4 * math.log(2 * M / delta) / eps**2
    )
