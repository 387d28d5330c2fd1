"""The Heisenberg form of chapter 6: dF/dtheta_k = <psi| i[P~_k, O] |psi> on the one final state.

Checked against three other routes: the adjoint gradient (chapter 2), parameter shift
(chapter 3), central finite differences, and PennyLane's autodiff.
"""

import numpy as np
import pytest

from qbp_lessons import interop
from qbp_lessons.engine import circuits, gradients
from qbp_lessons.engine.paulis import pauli_matrix
from qbp_lessons.lessons import shadows
from qbp_lessons.lessons.param_shift import param_shift_grad
from qbp_lessons.lessons.shadows import heisenberg as H


@pytest.mark.parametrize("n, M, seed", [(2, 3, 0), (3, 12, 1), (4, 30, 2), (6, 40, 3)])
def test_heisenberg_gradient_equals_adjoint_and_parameter_shift(n, M, seed):
    circuit = circuits.random_circuit(n, M, seed=seed)
    theta = circuits.random_parameters(M, seed=seed + 100)
    g = H.heisenberg_gradient(circuit, theta)
    assert np.max(np.abs(g - gradients.grad_adjoint(circuit, theta))) < 1e-12
    assert np.max(np.abs(g - param_shift_grad(circuit, theta))) < 1e-12
    fd = gradients.grad_finite_difference(circuit, theta, h=1e-5)
    assert np.max(np.abs(g - fd)) < 1e-8  # O(h^2) truncation plus rounding / h


def test_heisenberg_gradient_equals_pennylane():
    gens = ["XYI", "IZX", "YIY", "ZZI", "IXX"]
    circuit = circuits.Circuit(3, gens, [(0.5, "ZII"), (-1.0, "IXY")])
    theta = circuits.random_parameters(circuit.M, seed=7)
    pl = interop.pennylane_grad(circuit, theta, diff_method="backprop")
    assert np.max(np.abs(H.heisenberg_gradient(circuit, theta) - pl)) < 1e-12


def test_heisenberg_observables_are_conjugated_paulis():
    circuit = circuits.random_circuit(3, 6, seed=4)
    theta = circuits.random_parameters(6, seed=5)
    tilde = H.heisenberg_observables(circuit, theta)
    assert len(tilde) == circuit.M
    # the last gate has nothing after it; each P~_k is Hermitian and squares to I
    assert np.allclose(tilde[-1], pauli_matrix(circuit.generators[-1]))
    for Pk in tilde:
        assert np.allclose(Pk, Pk.conj().T) and np.allclose(Pk @ Pk, np.eye(8))
    # at theta = 0 every U_{>k} is the identity: P~_k = P_k
    for Pk, g in zip(H.heisenberg_observables(circuit, np.zeros(6)), circuit.generators):
        assert np.allclose(Pk, pauli_matrix(g))


def test_heisenberg_gradient_at_the_reduction_point_is_twice_the_expectations():
    prep = circuits.random_circuit(2, 5, seed=8)
    prep_theta = circuits.random_parameters(5, seed=9)
    strings = ["XZ", "YI", "ZZ"]
    circuit = shadows.reduction_circuit(prep, strings)
    point = shadows.reduction_parameters(prep, prep_theta, 3)
    g = H.heisenberg_gradient(circuit, point)[-3:] / 2
    assert np.max(np.abs(g - shadows.expectations_by_gradient(prep, prep_theta, strings))) < 1e-12


def test_caps_and_bad_input_name_the_parameter():
    with pytest.raises(ValueError, match="circuit must act on at most 6 qubits"):
        H.heisenberg_gradient(circuits.random_circuit(7, 3, seed=0), np.zeros(3))
    with pytest.raises(ValueError, match="circuit must have at most 200 gates"):
        H.heisenberg_observables(circuits.random_circuit(2, 201, seed=0), np.zeros(201))
    with pytest.raises(TypeError, match="circuit"):
        H.heisenberg_gradient("XX", [0.1])
    with pytest.raises(ValueError, match="theta"):
        H.heisenberg_gradient(circuits.random_circuit(2, 3, seed=0), np.zeros(4))
    with pytest.raises(ValueError, match="circuit must act on at most 6 qubits"):
        H.observable_matrix(circuits.random_circuit(7, 3, seed=0))
