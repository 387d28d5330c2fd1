"""Chapter 2's self-checks: each numeric answer and claimed fact recomputed from the package."""

import numpy as np

from qbp_lessons import costs
from qbp_lessons.engine import Ledger
from qbp_lessons.engine import circuits as C
from qbp_lessons.engine import gradients as G
from qbp_lessons.lessons import rotations
from qbp_lessons.show.selfcheck import questions

ITEMS = questions("02_pauli_rotation_circuits")
CIRC = C.random_circuit(4, 12, observable="random", seed=2)
THETA = C.random_parameters(CIRC.M, seed=3)


def _correct(item):
    return next(a for a in item["answers"] if a.get("correct") is True)


def test_sign_question():
    grad = G.grad_adjoint(CIRC, THETA)
    by_inserted = G.grad_inserted(CIRC, THETA)  # +2 Im <psi|O|~d_k psi>, computed literally
    assert np.max(np.abs(by_inserted - grad)) < 1e-12 and np.max(np.abs(grad)) > 0.1
    assert _correct(ITEMS[0])["answer"].startswith("$+2")


def test_ancilla_question():
    grad = G.grad_adjoint(CIRC, THETA)
    y = np.array([rotations.hadamard_test(CIRC, THETA, k, "Y") for k in range(CIRC.M)])
    x = np.array([rotations.hadamard_test(CIRC, THETA, k, "X") for k in range(CIRC.M)])
    assert np.max(np.abs(2 * y - grad)) < 1e-12
    assert np.max(np.abs(2 * x - grad)) > 0.1
    assert _correct(ITEMS[1])["answer"] == "$Y$"


def test_pauli_rot_shots_question():
    # dF/dphi = (1/2) dF/dtheta = <Y (x) O>: a mean of +-1 outcomes, variance <= 1/N
    circ = C.random_circuit(4, 16, seed=5)
    theta = C.random_parameters(circ.M, seed=6)
    y = np.array([rotations.hadamard_test(circ, theta, k, "Y") for k in range(circ.M)])
    assert np.max(np.abs(y - 0.5 * G.grad_adjoint(circ, theta))) < 1e-12
    assert np.max(1 - y**2) <= 1 and np.max(1 - y**2) > 0.9
    assert _correct(ITEMS[2])["value"] == costs.shots_for_precision(0.1, variance=1.0)


def test_adjoint_count_question():
    circ = C.random_circuit(4, 40, observable="random", seed=8)
    assert len(circ.observable.terms) == 3
    ledger = Ledger()
    G.grad_adjoint(circ, C.random_parameters(40, seed=9), ledger=ledger)
    assert ledger.gates == _correct(ITEMS[3])["value"]
    assert sum(costs.simulator_gate_applications("adjoint", 40, 3)) == ledger.gates
