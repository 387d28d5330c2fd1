"""Chapter 3's additions to the shift rule: the variance of a shift-s estimate, the least
noisy shift, and the four-term rule for controlled rotations.

The variance is checked against its formula's worst case and against shots drawn by the
sampler (chi-square tolerance); the four-term rule against the adjoint gradient and
finite differences, and shown to be needed (both two-term rules fail).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from qbp_lessons.engine import circuits as C
from qbp_lessons.engine import gradients
from qbp_lessons.engine.ledger import Ledger
from qbp_lessons.lessons.param_shift import compute as PS


def F_EX(x):
    return -0.6 + 0.3 * np.cos(2 * x) + 0.1 * np.sin(2 * x)


def test_variance_never_exceeds_the_worst_case_and_pi_over_4_minimises_it():
    shifts = np.linspace(0.05, np.pi / 2 - 0.05, 50)
    for s in shifts:
        assert PS.shift_variance(F_EX, 0.2, s) <= 2 / math.sin(2 * s) ** 2
    assert PS.shift_variance(lambda x: 0.0, 0.3, np.pi / 4, shots=10) == pytest.approx(2 / 10)


def test_best_shift_beats_a_fine_grid_and_differs_from_pi_over_4():
    s, v = PS.best_shift(F_EX, 0.2)
    grid = np.linspace(1e-3, np.pi / 2 - 1e-3, 20001)
    assert v <= min(PS.shift_variance(F_EX, 0.2, g) for g in grid[::50]) + 1e-12
    assert abs(s - np.pi / 4) > 0.1 and v < PS.shift_variance(F_EX, 0.2, np.pi / 4)


def test_a_pure_sinusoid_is_least_noisy_at_pi_over_4():
    # F = cos 2x: Var(s) = 2 (1 - cos 4x cos 4s) / (1 - cos 4s) is smallest at s = pi/4 for every x
    s, _ = PS.best_shift(lambda x: math.cos(2 * x), 0.3)
    assert s == pytest.approx(np.pi / 4, abs=1e-5)


def test_sampled_estimates_have_the_exact_variance_and_mean():
    circ = C.Circuit(1, ["Y", "X", "Y"])
    theta = np.array([0.5, 0.1, 0.5])

    def f(x):
        return C.expval(circ, [0.5, x, 0.5])

    R, N = 3000, 50
    for s in (np.pi / 4, PS.best_shift(f, 0.1)[0]):
        ledger = Ledger()
        est = PS.shift_estimates(circ, theta, 1, s, N, seed=3, repetitions=R, ledger=ledger)
        var = PS.shift_variance(f, 0.1, s, shots=N)
        lo, hi = stats.chi2.ppf([1e-4, 1 - 1e-4], R - 1) / (R - 1)
        assert lo < est.var(ddof=1) / var < hi
        assert abs(est.mean() - gradients.grad_adjoint(circ, theta)[1]) < 5 * math.sqrt(var / R)
        assert ledger.circuits == 2 * R and ledger.shots == 2 * R * N


def _controlled(seed):
    p, zp = PS.controlled_rotation(0, "IX", 2)
    circ = C.Circuit(2, ["YI", "IY", p, zp, "XY"], {1: "Z"})
    base = C.random_parameters(5, seed=seed)

    def f(x):
        t = base.copy()
        t[2], t[3] = x / 2, -x / 2
        return C.expval(circ, t)

    return circ, base, f


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_four_term_rule_is_exact_where_two_terms_fail(seed):
    circ, base, f = _controlled(seed)
    x = 0.3 + seed
    t = base.copy()
    t[2], t[3] = x / 2, -x / 2
    g = gradients.grad_adjoint(circ, t)
    exact = 0.5 * (g[2] - g[3])
    assert PS.four_term_shift_derivative(f, x) == pytest.approx(exact, abs=1e-12)
    assert (f(x + 1e-6) - f(x - 1e-6)) / 2e-6 == pytest.approx(exact, abs=1e-8)


def test_two_term_rules_miss_a_controlled_rotation():
    circ, base, f = _controlled(0)
    base[:] = [0.4, 0.3, 0.0, 0.0, 0.5]
    exact = PS.four_term_shift_derivative(f, 0.7)
    assert abs(PS.shift_derivative(f, 0.7, r=1.0) - exact) > 0.05
    assert abs(PS.shift_derivative(f, 0.7, r=0.5) - exact) > 0.05


def test_controlled_rotation_is_the_controlled_gate():
    p, zp = PS.controlled_rotation(1, "XIY", 3)
    assert (p.label, zp.label) == ("XIY", "XZY")
    from scipy.linalg import expm

    from qbp_lessons.engine.paulis import pauli_matrix

    x = 0.83
    proj = np.kron(np.kron(np.eye(2), np.diag([0, 1])), np.eye(2))  # |1><1| on wire 1
    gate = expm(-1j * x * proj @ pauli_matrix("XIY"))
    built = expm(-1j * (x / 2) * pauli_matrix(p)) @ expm(1j * (x / 2) * pauli_matrix(zp))
    assert np.allclose(gate, built, atol=1e-12)


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda: PS.shift_variance("f", 0.1, 0.5), TypeError, "f"),
        (lambda: PS.shift_variance(F_EX, 0.1, 0.0), ValueError, "s"),
        (lambda: PS.shift_variance(F_EX, 0.1, 2.0), ValueError, "s"),
        (lambda: PS.shift_variance(F_EX, 0.1, 0.5, shots=0), ValueError, "shots"),
        (lambda: PS.shift_variance(lambda x: 3.0, 0.1, 0.5), ValueError, "f"),
        (lambda: PS.best_shift(F_EX, "x"), TypeError, "x"),
        (lambda: PS.four_term_shift_derivative(1, 0.1), TypeError, "f"),
        (lambda: PS.controlled_rotation(0, "XI", 2), ValueError, "p"),
        (lambda: PS.controlled_rotation(2, "IX", 2), ValueError, "control"),
        (
            lambda: PS.shift_estimates(
                C.random_circuit(2, 3, observable="random", seed=0), np.zeros(3), 0, 0.5, 10
            ),
            ValueError,
            "circuit",
        ),
    ],
)
def test_bad_input_names_the_parameter(call, error, name):
    with pytest.raises(error, match=name):
        call()
