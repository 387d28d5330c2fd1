"""Tests of qbp_lessons.costs.compare: the backprop references, METHODS and gradient_time."""

import numpy as np
import pytest

from qbp_lessons import costs as c


def test_backprop_scaling_time_is_log_m_times_time_f():
    assert c.backprop_scaling_time(1, 0.1) == pytest.approx(100)  # log(1) -> 1: 1 * 1/0.01
    assert c.backprop_scaling_time(3, 0.1) == pytest.approx(
        1.0986122886681098 * 300
    )  # ln 3 = 1.0986
    assert c.backprop_scaling_time(10, 0.1) == pytest.approx(2.302585092994046 * 1_000)
    assert c.backprop_scaling_time(10**6, 0.01) == pytest.approx(13.815510557964274 * 1e10)
    # never below TIME(F) itself
    M = np.array([1, 2, 3, 10, 1000])
    assert np.all(c.backprop_scaling_time(M, 0.1) >= c.circuit_time(M, 0.1))


def test_methods_table_points_at_the_right_models():
    assert {k: f for k, (_, f) in c.METHODS.items()} == {
        "function": c.circuit_time,
        "backprop": c.backprop_reference_time,
        "backprop_scaling": c.backprop_scaling_time,
        "param_shift": c.param_shift_time,
        "spsa": c.spsa_time,
        "shadows": c.shadow_time,
        "commuting": c.commuting_time,
    }
    assert all(isinstance(label, str) and label for label, _ in c.METHODS.values())


@pytest.mark.parametrize(
    "method, expected",
    [
        ("function", 1_000),  # 10 / 0.01
        ("backprop", 3_000),  # 3 * 1000
        ("backprop_scaling", 2302.585092994046),  # ln 10 * 1000
        ("param_shift", 40_000),  # 2*10 circuits * 200 shots * 10 gates
        ("spsa", 1_800_000),  # ceil(9/0.01) = 900 estimates * 2 * 100 shots * 10 gates
        ("shadows", 4_651_760),  # 465176 snapshots * 10 gates
        ("commuting", 4_000),  # rms target: ceil(4/0.01) = 400 shots * 10 gates
    ],
)
def test_gradient_time_hand_values_at_m10_eps01(method, expected):
    assert c.gradient_time(method, 10, 0.1) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("method", sorted(c.METHODS))
def test_gradient_time_equals_the_model_it_names(method):
    M = np.array([1, 7, 1000, 10**9])
    assert np.array_equal(c.gradient_time(method, M, 0.01), c.METHODS[method][1](M, 0.01))
    assert c.gradient_time(method, 1000, 0.003) == c.METHODS[method][1](1000, 0.003)


def test_param_shift_over_backprop_scaling_grows_like_m_over_log_m():
    # eps = 0.01: parameter shift = 2M * 20000 * M, backprop scaling = ln M * M * 1e4,
    # so the ratio is 4 M / ln M exactly (for M >= 3, where ln M >= 1)
    M = np.array([3, 10, 100, 10**4, 10**6, 10**9, 10**12], dtype=float)
    ratio = c.param_shift_time(M, 0.01) / c.backprop_scaling_time(M, 0.01)
    assert np.allclose(ratio, 4 * M / np.log(M), rtol=1e-12)
    assert np.all(np.diff(ratio) > 0)
    # at eps = 0.03 the shot count is ceil(2222.2) = 2223, so the constant is 2 * 2223 * 0.0009
    ratio = c.param_shift_time(M, 0.03) / c.backprop_scaling_time(M, 0.03)
    assert np.allclose(ratio * np.log(M) / M, 2 * 2223 * 0.0009, rtol=1e-12)
    # and the talk's O(M) overhead over TIME(F) itself: 4 M at eps = 0.01
    assert np.allclose(c.param_shift_time(M, 0.01) / c.circuit_time(M, 0.01), 4 * M, rtol=1e-12)
