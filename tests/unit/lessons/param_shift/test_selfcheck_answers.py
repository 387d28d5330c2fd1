"""Chapter 3's self-checks: each numeric answer and claimed fact recomputed from the package."""

import math

import numpy as np
from scipy.linalg import expm

from qbp_lessons import costs
from qbp_lessons.engine import circuits
from qbp_lessons.lessons import param_shift as PS
from qbp_lessons.show.selfcheck import questions

ITEMS = questions("03_parameter_shift")


def _correct(item):
    return next(a for a in item["answers"] if a.get("correct") is True)


def test_eigenvalues_one_and_three_question():
    item = ITEMS[0]
    assert "\\pi/4) - F(\\theta - \\pi/4)$" in _correct(item)["answer"]
    # G = 2I + P acts as P up to a global phase: F along e^{-i x (2I + X)} equals F along e^{-i x X}
    circ = circuits.Circuit(2, ["YI", "XI", "XY"], {0: "Z"})
    f = lambda x: circuits.expval(circ, [0.4, x, 0.3])  # noqa: E731
    x = 0.7
    X = np.array([[0.0, 1.0], [1.0, 0.0]])
    phase = np.exp(-2j * x)  # e^{-i x (2I + X)} = e^{-2ix} e^{-i x X}: a global phase
    assert np.allclose(expm(-1j * x * (2 * np.eye(2) + X)), phase * expm(-1j * x * X))
    assert np.allclose(np.linalg.eigvalsh(2 * np.eye(2) + X), [1.0, 3.0])
    exact = 0.5 * (f(x + 1e-6) - f(x - 1e-6)) / 1e-6
    assert abs(PS.shift_derivative(f, x, r=1.0) - exact) < 1e-8
    assert abs(PS.shift_derivative(f, x, r=1.5) - exact) > 1e-3


def test_rx_variance_question():
    item = ITEMS[1]
    # the r = 1/2 estimator at shift pi/2 is half the difference: its variance a quarter of the sum
    f = lambda x: -0.1 + 0.7 * np.sin(x)  # noqa: E731  F(+pi/2) = 0.6, F(-pi/2) = -0.8
    assert math.isclose(f(np.pi / 2), 0.6) and math.isclose(f(-np.pi / 2), -0.8)
    variance = 0.25 * ((1 - f(np.pi / 2) ** 2) + (1 - f(-np.pi / 2) ** 2))
    # the same as the r = 1 rule on F(x/2) at shift pi/4, scaled by 1/2 (variance by 1/4)
    assert math.isclose(
        variance, 0.25 * PS.shift_variance(lambda y: f(2 * y), 0.0, np.pi / 4), rel_tol=1e-12
    )
    assert math.isclose(_correct(item)["value"], variance, rel_tol=1e-12)


def test_hoeffding_question():
    item = ITEMS[2]
    n = int(costs.param_shift_shots_per_circuit(1000, 0.1, 0.05))
    assert _correct(item)["value"] == n == math.ceil(4 * math.log(2 * 1000 / 0.05) / 0.1**2)
    assert str(int(costs.param_shift_shots_per_circuit(1000, 0.1))) in _correct(item)["feedback"]


def test_small_shift_question():
    f = lambda x: 0.0 * x  # noqa: E731  the worst case, F = 0 everywhere
    ratio = PS.shift_variance(f, 0.3, np.pi / 8) / PS.shift_variance(f, 0.3, np.pi / 4)
    assert math.isclose(ratio, 2.0, rel_tol=1e-12)
    assert _correct(ITEMS[3])["answer"] == "It doubles."
