"""The Hadamard test (chapter 2): one gradient component as one circuit on n + 1 qubits.

Checked three ways: against the adjoint gradient (the engine), against PennyLane's
``qml.ctrl`` circuit (an independent implementation), and, with shots, statistically
against the exact value with a tolerance from the predicted standard error. The
ledger's counts are compared with the closed forms of costs.py.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from qbp_lessons import costs, interop
from qbp_lessons.engine import circuits as C
from qbp_lessons.engine import gradients
from qbp_lessons.engine.ledger import Ledger
from qbp_lessons.lessons.rotations import hadamard


@pytest.fixture(scope="module")
def case():
    circ = C.random_circuit(3, 9, observable="random", seed=21)
    return circ, C.random_parameters(circ.M, seed=22)


def test_y_ancilla_gives_half_the_derivative(case):
    circ, theta = case
    exact = gradients.grad_adjoint(circ, theta)
    y = np.array([hadamard.hadamard_test(circ, theta, k, "Y") for k in range(circ.M)])
    assert np.allclose(2 * y, exact, atol=1e-12)
    assert np.max(np.abs(exact)) > 0.1  # a gradient worth checking


def test_x_ancilla_gives_the_real_part_not_the_derivative(case):
    circ, theta = case
    psi = C.state(circ, theta)
    o_psi = sum(c * C.apply_pauli(q, psi) for c, q in circ.observable.terms)
    x = np.array([hadamard.hadamard_test(circ, theta, k, "X") for k in range(circ.M)])
    for k in range(circ.M):  # Re <psi|O|~d_k psi>, built from primitives
        phi = C.apply_pauli(
            circ.generators[k], C.state(C.Circuit(circ.n, circ.generators[: k + 1]), theta[: k + 1])
        )
        for p, t in zip(circ.generators[k + 1 :], theta[k + 1 :]):
            phi = C.apply_rotation(p, t, phi)
        assert x[k] == pytest.approx(np.vdot(o_psi, phi).real, abs=1e-12)
    assert np.max(np.abs(2 * x - gradients.grad_adjoint(circ, theta))) > 0.1


def test_state_is_normalised_and_holds_both_branches(case):
    circ, theta = case
    psi = gradients.hadamard_test_state(circ, theta, 4)
    D = circ.dim
    assert np.linalg.norm(psi) == pytest.approx(1.0)
    assert np.allclose(
        np.sqrt(2) * psi[:D], C.state(circ, theta)
    )  # the ancilla's |0> branch is |psi>


@pytest.mark.parametrize("ancilla", ["X", "Y"])
def test_engine_agrees_with_pennylane(case, ancilla):
    circ, theta = case
    for k in (0, 4, circ.M - 1):
        pl = float(interop.hadamard_test_qnode(circ, k, ancilla)(theta))
        assert pl == pytest.approx(hadamard.hadamard_test(circ, theta, k, ancilla), abs=1e-12)


def test_ledger_counts_what_the_engine_applied(case):
    circ, theta = case
    ledger = Ledger()
    gradients.hadamard_test_state(circ, theta, 2, ledger=ledger)
    assert (ledger.rotations, ledger.paulis) == (circ.M + 1, 1)
    exact = Ledger()
    hadamard.hadamard_test(circ, theta, 2, ledger=exact)  # plus one application per term of O
    assert (exact.rotations, exact.paulis) == (circ.M + 1, 1 + len(circ.observable))


def test_shots_are_counted_by_the_sampler_and_match_the_model():
    circ = C.random_circuit(3, 7, seed=3)  # Z on wire 0: one setting per test
    theta = C.random_parameters(7, seed=4)
    eps = 0.05
    N = costs.shots_for_precision(eps, variance=4.0)
    ledger = Ledger()
    est = hadamard.grad_hadamard_shots(circ, theta, N, seed=5, ledger=ledger)
    assert ledger.circuits == circ.M and ledger.shots == circ.M * N
    assert ledger.shot_gates == round(circ.M * costs.circuit_time(circ.M + 2, eps / 2))
    assert hadamard.hadamard_test_gates(circ) == circ.M + 2
    # each component has standard deviation <= 2/sqrt(N): 5 sigma
    assert np.max(np.abs(est - gradients.grad_adjoint(circ, theta))) < 5 * 2 / math.sqrt(N)


def test_shot_estimates_have_the_predicted_variance():
    circ = C.random_circuit(2, 4, seed=8)
    theta = C.random_parameters(4, seed=9)
    y = hadamard.hadamard_test(circ, theta, 1, "Y")
    N, R = 50, 2000
    gen = np.random.default_rng(10)
    est = np.array([hadamard.hadamard_test_shots(circ, theta, 1, N, gen) for _ in range(R)])
    predicted = 4 * (1 - y**2) / N
    # the sample variance of R draws has relative standard error sqrt(2/(R-1)); allow 5 of them
    assert abs(est.var(ddof=1) / predicted - 1) < 5 * math.sqrt(2 / (R - 1))
    assert abs(est.mean() - 2 * y) < 5 * math.sqrt(predicted / R)


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda c, t: gradients.hadamard_test_state(c, t, c.M), ValueError, "k"),
        (lambda c, t: gradients.hadamard_test_state(c, t, -1), ValueError, "k"),
        (lambda c, t: gradients.hadamard_test_state(c, t, 1.5), TypeError, "k"),
        (lambda c, t: gradients.hadamard_test_state(c, t[:-1], 0), ValueError, "theta"),
        (lambda c, t: gradients.hadamard_test_state("c", t, 0), TypeError, "circuit"),
        (lambda c, t: hadamard.hadamard_test(c, t, 0, "Z"), ValueError, "ancilla"),
        (lambda c, t: hadamard.hadamard_test_shots(c, t, 0, 0), ValueError, "shots"),
        (
            lambda c, t: gradients.hadamard_test_state(
                C.random_circuit(20, 2, seed=0), np.zeros(2), 0
            ),
            ValueError,
            "n",
        ),
        (lambda c, t: interop.hadamard_test_qnode(c, c.M), ValueError, "k"),
        (lambda c, t: interop.hadamard_test_qnode(c, 0, "Z"), ValueError, "ancilla"),
        (lambda c, t: hadamard.hadamard_test_gates("c"), TypeError, "circuit"),
    ],
)
def test_bad_input_names_the_parameter(case, call, error, name):
    circ, theta = case
    with pytest.raises(error, match=name):
        call(circ, theta)
