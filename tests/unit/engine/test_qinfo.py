"""Tests of qbp_lessons.engine.qinfo against PennyLane's qml.math and closed forms.

The closed forms of pure states (fidelity |<psi|phi>|^2, trace distance sqrt(1 - F)) and of
product states are checked in tests/unit/lessons/collapse; here: mixed states of every rank
against qml.math, partial traces of entangled and product states on any wires, and the checks."""

import numpy as np
import pennylane as qml
import pytest

from qbp_lessons.engine import qinfo as Q


@pytest.mark.parametrize("rank", [1, 2, 5, 8])
def test_mixed_states_against_qml_math(rank):
    for seed in range(3):
        rho = Q.random_density(3, rank=rank, seed=seed)
        sigma = Q.random_density(3, rank=8, seed=10 + seed)
        assert abs(Q.fidelity(rho, sigma) - float(qml.math.fidelity(rho, sigma))) < 1e-8
        assert (
            abs(Q.trace_distance(rho, sigma) - float(qml.math.trace_distance(rho, sigma))) < 1e-12
        )
        assert abs(Q.purity(rho) - float(qml.math.purity(rho, indices=[0, 1, 2]))) < 1e-12
        for keep in ([0], [1], [2], [0, 2], [1, 2]):
            expected = np.asarray(qml.math.reduce_dm(rho, indices=keep))
            assert np.max(np.abs(Q.partial_trace(rho, keep) - expected)) < 1e-13, keep


def test_a_bell_pair_halves_are_maximally_mixed():
    bell = np.array([1, 0, 0, 1]) / np.sqrt(2)
    rho = Q.density_matrix(bell)
    for wire in (0, 1):
        assert np.max(np.abs(Q.partial_trace(rho, wire) - np.eye(2) / 2)) < 1e-15
    assert abs(Q.purity(Q.partial_trace(rho, 0)) - 0.5) < 1e-15


def test_partial_trace_of_a_product_keeps_the_factors_in_wire_order():
    a, b, c = (Q.random_density(1, seed=s) for s in range(3))
    rho = np.kron(np.kron(a, b), c)
    assert np.max(np.abs(Q.partial_trace(rho, [2, 0]) - np.kron(a, c))) < 1e-14
    assert np.max(np.abs(Q.partial_trace(rho, [1]) - b)) < 1e-14
    assert np.max(np.abs(Q.partial_trace(rho, [0, 1, 2]) - rho)) < 1e-15


def test_orthogonal_states_are_distance_one_and_fidelity_zero():
    zero, one = np.diag([1.0, 0.0]), np.diag([0.0, 1.0])
    assert Q.trace_distance(zero, one) == 1.0 and Q.fidelity(zero, one) == 0.0
    # T = 1/2 sum |p - q| for commuting (diagonal) states; F = (sum sqrt(p q))^2
    p, q = np.diag([0.7, 0.3]), np.diag([0.2, 0.8])
    assert abs(Q.trace_distance(p, q) - 0.5) < 1e-15
    assert abs(Q.fidelity(p, q) - (np.sqrt(0.14) + np.sqrt(0.24)) ** 2) < 1e-14


def test_bloch_vector_and_operator_sqrt():
    plus = Q.density_matrix(np.array([1, 1]) / np.sqrt(2))
    assert np.max(np.abs(Q.bloch_vector(plus) - [1, 0, 0])) < 1e-15
    rho = Q.random_density(2, seed=3)
    root = Q.operator_sqrt(rho)
    assert np.max(np.abs(root @ root - rho)) < 1e-14


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda: Q.check_density(np.array([[1, 1], [0, 0]])), ValueError, "^rho"),
        (lambda: Q.check_density(np.diag([1.5, -0.5])), ValueError, "^rho"),
        (lambda: Q.check_density(np.diag([0.5, 0.4])), ValueError, "^rho"),
        (lambda: Q.check_density(np.eye(3) / 3), ValueError, "^rho"),
        (lambda: Q.check_ket(np.array([1.0, 1.0])), ValueError, "^psi"),
        (lambda: Q.check_density("rho"), TypeError, "^rho"),
        (lambda: Q.partial_trace(np.eye(4) / 4, [0, 0]), ValueError, "^keep"),
        (lambda: Q.partial_trace(np.eye(4) / 4, 2), ValueError, "^keep"),
        (lambda: Q.trace_distance(np.eye(2) / 2, np.eye(4) / 4), ValueError, "^rho and sigma"),
    ],
)
def test_bad_input_is_named(call, error, match):
    with pytest.raises(error, match=match):
        call()
