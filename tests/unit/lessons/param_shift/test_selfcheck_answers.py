"""Chapter 3's self-checks: each numeric answer and claimed fact recomputed from the package."""

import math

import numpy as np

from qbp_lessons import costs
from qbp_lessons.lessons import param_shift as PS
from qbp_lessons.show.selfcheck import questions

ITEMS = questions("03_parameter_shift")


def _correct(item):
    return next(a for a in item["answers"] if a.get("correct") is True)


def test_shift_rule_question():
    item = ITEMS[0]
    assert "\\pi/4) - F(\\theta - \\pi/4)$" in _correct(item)["answer"]
    f = lambda x: 0.1 + 0.3 * np.cos(2 * x) - 0.5 * np.sin(2 * x)  # noqa: E731
    exact = 2 * (-0.3 * np.sin(2 * 0.4) - 0.5 * np.cos(2 * 0.4))
    assert abs(PS.shift_derivative(f, 0.4) - exact) < 1e-12
    # the distractors: a shift of pi/2 gives zero, the central difference misses
    assert abs(f(0.4 + np.pi / 2) - f(0.4 - np.pi / 2)) < 1e-12
    assert abs((f(0.4 + np.pi / 4) - f(0.4 - np.pi / 4)) / (np.pi / 2) - exact) > 0.1


def test_variance_question():
    item = ITEMS[1]
    # F(x) = a + c sin 2x at x = 0 has F(+pi/4) = a + c = 0.6 and F(-pi/4) = a - c = -0.8
    f = lambda x: -0.1 + 0.7 * np.sin(2 * x)  # noqa: E731
    assert math.isclose(f(np.pi / 4), 0.6) and math.isclose(f(-np.pi / 4), -0.8)
    value = PS.shift_variance(f, 0.0, np.pi / 4, shots=1)
    assert math.isclose(_correct(item)["value"], value, rel_tol=1e-12)


def test_worst_case_question():
    eps = 0.3
    res = PS.shots_needed([4, 8], eps, seeds=100, seed=5)
    assert np.all(res.predicted <= res.model)
    assert np.all(res.shots_needed <= res.model)
    assert "worst case" in _correct(ITEMS[2])["answer"]


def test_scaling_question():
    M = np.array([10, 100, 1000])
    ratio = costs.param_shift_time(M, 0.1) / costs.circuit_time(M, 0.1)
    assert np.allclose(ratio, 4 * M)
    assert _correct(ITEMS[3])["answer"] == "Linearly in $M$."
