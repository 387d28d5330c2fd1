"""Tests of qbp_lessons.lessons.shadows.reduction (chapter 6): a gradient at theta = 0 is a
list of Pauli expectations, against direct evaluation and PennyLane. No timings.
"""

import math

import numpy as np
import pytest

from qbp_lessons import interop
from qbp_lessons.engine import circuits as C
from qbp_lessons.engine import gradients
from qbp_lessons.lessons import shadows as S


def _state(n, seed, M=None):
    prep = C.random_circuit(n, M or 4 * n, locality=min(2, n), seed=seed)
    theta = C.random_parameters(prep.M, seed=seed + 100)
    return prep, theta, C.state(prep, theta)


def _direct(psi, paulis):
    return np.array([np.vdot(psi, C.apply_pauli(p, psi)).real for p in paulis])


@pytest.mark.parametrize("n, seed", [(2, 0), (3, 1), (4, 2), (5, 3)])
def test_reduction_gradient_is_twice_the_expectations(n, seed):
    prep, theta, psi = _state(n, seed)
    paulis = S.all_paulis(n, 1) + S.all_paulis(n, 2)[:20] + [C.random_pauli(n, n, seed)]
    via_gradient = S.expectations_by_gradient(prep, theta, paulis)
    assert np.max(np.abs(via_gradient - _direct(psi, paulis))) < 1e-10
    # and the gradient of the reduction circuit from a second route: central finite differences
    circuit = S.reduction_circuit(prep, paulis[:5])
    point = S.reduction_parameters(prep, theta, 5)
    fd = gradients.grad_finite_difference(circuit, point, h=1e-5)[-5:]
    assert np.max(np.abs(fd / 2 - via_gradient[:5])) < 1e-8


def test_reduction_agrees_with_pennylane_gradient():
    prep, theta, psi = _state(3, 7)
    paulis = ["XYZ", "ZZI", "IXY"]
    circuit = S.reduction_circuit(prep, paulis)
    point = S.reduction_parameters(prep, theta, len(paulis))
    pl = interop.pennylane_grad(circuit, point, diff_method="backprop")
    assert np.max(np.abs(pl[-3:] / 2 - _direct(psi, paulis))) < 1e-10


def test_reduction_needs_the_ancilla_in_plus_i():
    """With the ancilla left in |0> (angle 0) the same circuit's gradient at theta = 0 vanishes."""
    prep, theta, _ = _state(3, 5)
    circuit = S.reduction_circuit(prep, ["ZII", "XXI"])
    point = S.reduction_parameters(prep, theta, 2)
    point[0] = 0.0
    assert np.max(np.abs(gradients.grad_adjoint(circuit, point)[-2:])) < 1e-12
    assert S.ANCILLA_ANGLE == -math.pi / 4
    ancilla = C.apply_rotation("X", S.ANCILLA_ANGLE, C.zero_state(1))
    assert np.allclose(ancilla, np.array([1, 1j]) / math.sqrt(2))


def test_reduction_circuit_layout():
    prep, _, _ = _state(2, 0, M=3)
    circuit = S.reduction_circuit(prep, ["ZX", {0: "Y"}])
    labels = [g.label for g in circuit.generators]
    assert labels[0] == "XII" and labels[1:4] == ["I" + g.label for g in prep.generators]
    assert labels[4:] == ["XZX", "XYI"] and circuit.observable.terms[0][1].label == "ZII"


def test_reduction_circuit_core_is_what_reduction_circuit_builds():
    prep, _, _ = _state(3, 2, M=5)
    strings = S.all_paulis(3, 1)
    core = S.reduction_circuit_core(prep, strings)
    checked = S.reduction_circuit(prep, [q.label for q in strings])
    assert [g.label for g in core.generators] == [g.label for g in checked.generators]
    assert core.n == checked.n == 4 and core.M == 1 + prep.M + len(strings)


def test_the_reduction_refuses_bad_input():
    prep, theta, _ = _state(2, 1)
    with pytest.raises(ValueError, match=r"paulis\[0\] must act on n = 2"):
        S.reduction_circuit(prep, ["XYZ"])
    with pytest.raises(ValueError, match="prep_theta must have shape"):
        S.expectations_by_gradient(prep, theta[:-1], ["XY"])
