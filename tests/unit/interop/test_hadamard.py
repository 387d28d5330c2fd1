"""Tests of qbp_lessons.interop.hadamard: the Hadamard test's QNode against the engine."""

import numpy as np
import pytest

from qbp_lessons import interop
from qbp_lessons.engine import circuits as C
from qbp_lessons.engine import gradients as G


@pytest.mark.parametrize("seed", range(3))
def test_the_y_ancilla_reads_half_a_gradient_component(seed):
    circ = C.random_circuit(3, 6, observable="random", seed=seed)
    theta = C.random_parameters(6, seed=seed)
    grad = G.grad_adjoint(circ, theta)
    for k in range(6):
        value = float(interop.hadamard_test_qnode(circ, k, "Y")(theta))
        assert abs(value - 0.5 * grad[k]) < 1e-12, k


def test_the_qnode_and_the_engine_prepare_the_same_state_up_to_the_ancilla_basis():
    # <X_a (x) O> = Re <psi|O|~d_k psi>, read from the engine's Hadamard-test state
    circ = C.random_circuit(2, 4, seed=3)
    theta = C.random_parameters(4, seed=3)
    k = 2
    state = G.hadamard_test_state(circ, theta, k)
    half = state.size // 2
    psi, dpsi = state[:half] * np.sqrt(2), state[half:] * np.sqrt(2)
    z0 = np.repeat([1.0, -1.0], half // 2)  # Z on wire 0 of the system
    expected = float(np.real(np.vdot(psi, z0 * dpsi)))
    assert abs(float(interop.hadamard_test_qnode(circ, k, "X")(theta)) - expected) < 1e-12


def test_hadamard_qnode_names_bad_input():
    circ = C.random_circuit(2, 3, seed=0)
    with pytest.raises(ValueError, match=r"^k"):
        interop.hadamard_test_qnode(circ, 3)
    with pytest.raises(ValueError, match=r"^ancilla"):
        interop.hadamard_test_qnode(circ, 0, "Z")
