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


def test_pauli_rot_derivative_question():
    # gates exp(-i phi P / 2) at phi = 2 theta: dF/dphi = (1/2) dF/dtheta; Im z = <Y (x) O>
    grad_theta = G.grad_adjoint(CIRC, THETA)
    h = 1e-5
    grad_phi = np.array(
        [
            (C.expval(CIRC, THETA + h / 2 * e) - C.expval(CIRC, THETA - h / 2 * e)) / (2 * h)
            for e in np.eye(CIRC.M)
        ]
    )
    im_z = np.array([rotations.hadamard_test(CIRC, THETA, k, "Y") for k in range(CIRC.M)])
    assert np.max(np.abs(grad_phi - im_z)) < 1e-8 and np.max(np.abs(grad_theta)) > 0.1
    assert np.max(np.abs(2 * im_z - grad_phi)) > 0.05  # the convention's factor 2 is visible
    assert _correct(ITEMS[0])["answer"].startswith("$\\mathrm{Im}")


def test_plus_gates_ancilla_question():
    # gates exp(+i theta P) at theta are the package's circuit at -theta: G(theta) = F(-theta),
    # so dG/dtheta = -F'(-theta); the Hadamard test's circuit (and its <Y (x) O>) is unchanged
    grad_plus = -G.grad_adjoint(CIRC, -THETA)
    y = np.array([rotations.hadamard_test(CIRC, -THETA, k, "Y") for k in range(CIRC.M)])
    x = np.array([rotations.hadamard_test(CIRC, -THETA, k, "X") for k in range(CIRC.M)])
    assert np.max(np.abs(-2 * y - grad_plus)) < 1e-12 and np.max(np.abs(grad_plus)) > 0.1
    assert np.max(np.abs(2 * y - grad_plus)) > 0.1
    assert min(np.max(np.abs(2 * x - grad_plus)), np.max(np.abs(-2 * x - grad_plus))) > 0.1
    assert _correct(ITEMS[1])["answer"] == "$-2\\langle Y \\otimes O\\rangle$"


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
