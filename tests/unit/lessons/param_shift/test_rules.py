"""Tests of qbp_lessons.lessons.param_shift.rules: the two-term rule for any r, RX's
convention, huge angles, and the four-term rule for controlled rotations.

The rules are checked against the adjoint gradient, PennyLane and finite
differences, and the four-term rule shown to be needed (both two-term rules fail).
"""

import numpy as np
import pennylane as qml
import pytest
from pennylane import numpy as pnp

from qbp_lessons.engine import circuits as C
from qbp_lessons.engine import gradients
from qbp_lessons.lessons import param_shift as PS


@pytest.mark.parametrize("r", [0.25, 0.5, 1.0, 2.0, 3.0])
def test_general_r_shift_rule(small, r):
    """Gate exp(-i x r P): generator rP, eigenvalues +-r.

    dF/dx = r * dF/dtheta_k at theta_k = r x.
    """
    circ, theta = small
    k, x = 2, 0.37

    def f(value):
        th = theta.copy()
        th[k] = r * value
        return C.expval(circ, th)

    th = theta.copy()
    th[k] = r * x
    analytic = r * gradients.grad_adjoint(circ, th)[k]
    assert abs(PS.shift_derivative(f, x, r=r) - analytic) < 1e-10


def test_pauli_rule_is_shift_pi_over_4(small):
    circ, theta = small

    def f(value):
        th = theta.copy()
        th[0] = value
        return C.expval(circ, th)

    expected = f(theta[0] + np.pi / 4) - f(theta[0] - np.pi / 4)
    assert PS.shift_derivative(f, theta[0]) == pytest.approx(expected, abs=1e-15)
    assert expected == pytest.approx(gradients.grad_adjoint(circ, theta)[0], abs=1e-10)


def test_rx_rule_against_pennylane_and_engine():
    dev = qml.device("default.qubit", wires=2)

    @qml.qnode(dev, diff_method="backprop")
    def f(x):
        qml.RY(0.4, wires=0)
        qml.RX(x, wires=0)
        qml.CNOT(wires=[0, 1])
        return qml.expval(qml.PauliZ(1))

    x = pnp.array(0.81, requires_grad=True)
    assert abs(PS.rx_shift_derivative(lambda v: float(f(v)), 0.81) - float(qml.grad(f)(x))) < 1e-10
    # RX(x) = exp(-i (x/2) X): the engine's gate with theta = x / 2, so dF/dx = dF/dtheta / 2.
    circ = C.Circuit(1, ["X"])
    assert (
        abs(
            PS.rx_shift_derivative(lambda v: C.expval(circ, [v / 2]), 0.81)
            - gradients.grad_adjoint(circ, [0.405])[0] / 2
        )
        < 1e-12
    )
    assert (
        abs(PS.rx_shift_derivative(lambda v: C.expval(circ, [v / 2]), 0.81) + np.sin(0.81)) < 1e-12
    )


def test_shift_rule_reduces_huge_angles():
    """At |theta| = 1e15 the float spacing is 0.125: shifting without reducing first is wrong."""
    circ = C.Circuit(1, ["X"], "Z")
    big = 1e15
    exact = gradients.grad_adjoint(circ, [big])[0]  # cos and sin reduce their argument exactly
    assert abs(PS.param_shift_grad(circ, [big])[0] - exact) < 1e-12
    assert abs(PS.shift_derivative(lambda x: C.expval(circ, [x]), big) - exact) < 1e-12
    naive = C.expval(circ, [big + np.pi / 4]) - C.expval(circ, [big - np.pi / 4])
    assert abs(naive - exact) > 1e-3  # what the reduction prevents


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


# --------------------------------------------------------------------------
# Bad inputs
# --------------------------------------------------------------------------

BAD_INPUTS = [
    (lambda: PS.shift_derivative(3, 0.1), TypeError, "f must be a callable"),
    (lambda: PS.shift_derivative(np.sin, "0.1"), TypeError, "x must be a real"),
    (lambda: PS.shift_derivative(np.sin, np.nan), ValueError, "x must be finite"),
    (lambda: PS.shift_derivative(np.sin, True), TypeError, "x must be a real"),
    (lambda: PS.shift_derivative(np.sin, 0.1, r=0), ValueError, "r must be > 0"),
    (lambda: PS.shift_derivative(np.sin, 0.1, r="1"), TypeError, "r must be a real"),
    (lambda: PS.rx_shift_derivative(None, 0.1), TypeError, "f must be"),
    (lambda: PS.shift_rule_scan(np.sin, 0.1, points=10**9), ValueError, "points"),
    (lambda: PS.four_term_shift_derivative(1, 0.1), TypeError, "f"),
    (lambda: PS.controlled_rotation(0, "XI", 2), ValueError, "p"),
    (lambda: PS.controlled_rotation(2, "IX", 2), ValueError, "control"),
]


@pytest.mark.parametrize("call,exc,match", BAD_INPUTS)
def test_bad_inputs_raise_and_name_the_parameter(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
