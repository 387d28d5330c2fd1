"""Tests of qbp_lessons.interop.circuits: operators, QNodes, gradients and the Tracker's Ledger,
each against the engine."""

import numpy as np
import pennylane as qml
import pytest

from qbp_lessons import interop
from qbp_lessons.engine import circuits as C
from qbp_lessons.lessons.param_shift.structure import light_cone
from qbp_lessons.engine import gradients as G
from qbp_lessons.engine import paulis as Pa
from qbp_lessons.engine.ledger import Ledger


@pytest.mark.parametrize("label", ["X", "IZ", "XYZ", "IIYI", "III"])
def test_an_operator_has_the_matrix_of_its_pauli_string(label):
    op = interop.pennylane_op(label)
    matrix = qml.matrix(op, wire_order=range(len(label)))
    assert np.array_equal(matrix, Pa.pauli_matrix(label))


def test_an_observable_has_the_matrix_of_its_terms():
    obs = Pa.observable([(0.5, "ZZI"), (-1.25, "IXY"), (2.0, "III")], 3)
    matrix = qml.matrix(interop.pennylane_observable(obs), wire_order=range(3))
    expected = sum(c * Pa.pauli_matrix(p) for c, p in obs.terms)
    assert np.max(np.abs(matrix - expected)) < 1e-14
    with pytest.raises(TypeError, match=r"^obs"):
        interop.pennylane_observable("ZZ")


@pytest.mark.parametrize("seed", range(4))
def test_a_qnode_and_its_gradient_equal_the_engine(seed):
    circ = C.random_circuit(4, 12, locality=2, observable="random", seed=seed)
    theta = C.random_parameters(12, seed=100 + seed)
    value = float(interop.to_qnode(circ)(theta))
    assert abs(value - C.expval(circ, theta)) < 1e-12
    grad = interop.pennylane_grad(circ, theta, diff_method="backprop")
    assert grad.shape == (12,)
    assert np.max(np.abs(grad - G.grad_adjoint(circ, theta))) < 1e-12


def test_parameter_shift_through_pennylane_equals_the_adjoint_and_is_counted():
    # every gate inside the light cone of Z on wire 0, so PennyLane shifts all M of them
    circ = C.Circuit(2, ["XI", "YZ", "XX", "ZY"], "ZI")
    assert light_cone(circ).all()
    theta = np.array([0.3, -0.7, 1.1, 0.4])
    grad, tracked = interop.param_shift_grad_pennylane(circ, theta)
    assert np.max(np.abs(grad - G.grad_adjoint(circ, theta))) < 1e-12
    M, N = 4, 100
    _, tracked = interop.param_shift_grad_pennylane(circ, theta, shots=N, seed=3)
    # 2M shifted circuits of N shots, each of M gates
    assert tracked == Ledger(circuits=2 * M, shots=2 * M * N, shot_gates=2 * M * N * M)


def test_the_tracker_ledger_counts_executions_shots_and_gates():
    circ = C.random_circuit(3, 5, seed=4)
    qnode = interop.to_qnode(circ, shots=30, seed=1)
    theta = C.random_parameters(5, seed=4)
    with qml.Tracker(qnode.device) as tracker:
        qnode(theta)
        qnode(theta)
    assert interop.tracker_ledger(tracker) == Ledger(circuits=2, shots=60, shot_gates=2 * 30 * 5)


def test_to_qnode_names_bad_input():
    circ = C.random_circuit(2, 3, seed=0)
    with pytest.raises(TypeError, match=r"^diff_method"):
        interop.to_qnode(circ, diff_method=3)
    with pytest.raises(ValueError, match=r"^shots"):
        interop.to_qnode(circ, shots=interop.MAX_SHOTS + 1)
    with pytest.raises(ValueError, match=r"^theta"):
        interop.to_qnode(circ)(np.zeros(2))
