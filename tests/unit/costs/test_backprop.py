"""Tests of qbp_lessons.costs.backprop: finite differences, backprop, the talk's examples."""

import pytest

from qbp_lessons import costs as c


def test_finite_difference_evaluations_forward_and_central():
    assert c.finite_difference_evaluations(1) == 2  # F(theta) + 1 shifted
    assert c.finite_difference_evaluations(10) == 11  # M + 1
    assert c.finite_difference_evaluations(10, "central") == 20  # 2 M
    assert c.finite_difference_evaluations(10**9, "forward") == 1_000_000_001
    assert c.finite_difference_evaluations([1, 10, 10**9], "central").tolist() == [2.0, 20.0, 2e9]


def test_talk_example_small_model_takes_about_ten_seconds():
    # M = 1000, TIME(F) = 0.01 s: (M + 1) * 0.01 = 10.01 s
    assert c.finite_difference_time(1000, 0.01) == pytest.approx(10.01, rel=1e-12)
    assert c.finite_difference_time(1000, 0.01, "central") == pytest.approx(20.0, rel=1e-12)


def test_talk_example_large_model_takes_about_1900_years_not_31():
    assert c.SECONDS_PER_YEAR == 365.25 * 86400 == 31_557_600
    # (1e9 + 1) * 60 s = 60,000,000,060 s; / 31,557,600 s/yr = 1901.285 years
    years = c.finite_difference_time(10**9, 60.0) / c.SECONDS_PER_YEAR
    assert years == pytest.approx(60_000_000_060 / 31_557_600, rel=1e-12)
    assert 1900 < years < 1902.5
    # the slide's "~31 years" is 1e9 *seconds* (1 s per evaluation): 31.69 years
    assert c.finite_difference_time(10**9, 1.0) / c.SECONDS_PER_YEAR == pytest.approx(
        31.69, abs=0.01
    )


def test_backprop_time_and_memory_are_omega_times_f_whatever_m():
    assert c.backprop_time(0.01) == pytest.approx(0.03)  # default omega = 3
    assert c.backprop_time(60.0) == pytest.approx(180.0)  # 3 minutes for the 60 s model
    assert c.backprop_time(60.0, omega=5) == pytest.approx(300.0)  # the slide's "~5 minutes"
    assert c.backprop_time(60.0, omega=2) == pytest.approx(120.0)
    assert c.backprop_memory(100.0) == pytest.approx(300.0)
    assert c.backprop_memory(100.0, omega=2.5) == pytest.approx(250.0)
