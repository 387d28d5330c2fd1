"""Tests of qbp_lessons.engine.circuits: circuits, states and F, against PennyLane; bad input.

PennyLane cases stay small (n <= 4, M <= 12) so the suite is fast. No timings.
"""

import numpy as np
import pennylane as qml
import pytest
from hypothesis import settings
from hypothesis import strategies as st

from qbp_lessons import costs, interop
from qbp_lessons.engine import circuits as C
from qbp_lessons.engine import gradients
from qbp_lessons.engine import paulis as Pa
from qbp_lessons.engine.ledger import Ledger

# --------------------------------------------------------------------------
# Strategies
# --------------------------------------------------------------------------

labels = st.integers(1, 4).flatmap(lambda n: st.text("IXYZ", min_size=n, max_size=n))
label_pairs = st.integers(1, 4).flatmap(
    lambda n: st.tuples(
        st.text("IXYZ", min_size=n, max_size=n), st.text("IXYZ", min_size=n, max_size=n)
    )
)
FAST = settings(max_examples=60, deadline=None)


def random_state(n, seed):
    rng = np.random.default_rng(seed)
    psi = rng.normal(size=2**n) + 1j * rng.normal(size=2**n)
    return psi / np.linalg.norm(psi)


# --------------------------------------------------------------------------
# States and expectation values
# --------------------------------------------------------------------------


def test_state_is_normalised_and_expval_is_consistent():
    circ = C.random_circuit(4, 10, observable="random", seed=3)
    theta = C.random_parameters(10, seed=4)
    psi = C.state(circ, theta)
    assert np.isclose(np.linalg.norm(psi), 1.0)
    obs = sum(c * Pa.pauli_matrix(p) for c, p in circ.observable.terms)
    assert np.isclose(C.expval(circ, theta), np.vdot(psi, obs @ psi).real)
    assert np.isclose(C.expval(circ, theta), C.term_expvals(circ, theta) @ circ.observable.coeffs)


def test_theta_as_list_and_integers_accepted():
    circ = C.Circuit(2, ["XY", "ZX"])
    assert np.isclose(C.expval(circ, [0, 0]), 1.0)
    assert np.isclose(C.expval(circ, [0.1, 0.2]), C.expval(circ, np.array([0.1, 0.2])))


# --------------------------------------------------------------------------
# Against PennyLane (small: n <= 4, M <= 12)
# --------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1])
def test_state_and_value_match_pennylane(seed):
    circ = C.random_circuit(4, 12, observable="random", seed=seed)
    theta = C.random_parameters(12, seed=seed + 10)

    @qml.qnode(qml.device("default.qubit", wires=4))
    def ref_state(th):
        for j, p in enumerate(circ.generators):
            qml.PauliRot(2 * th[j], p.word, wires=list(p.support))
        return qml.state()

    assert np.allclose(C.state(circ, theta), ref_state(theta), atol=1e-12)
    assert abs(C.expval(circ, theta) - float(interop.to_qnode(circ)(theta))) < 1e-10


# --------------------------------------------------------------------------
# Random circuits
# --------------------------------------------------------------------------


def test_random_circuit_is_seeded_and_local():
    a = C.random_circuit(6, 30, locality=3, seed=11)
    b = C.random_circuit(6, 30, locality=3, seed=11)
    assert a == b
    assert all(p.weight == 3 for p in a.generators)
    assert a.observable.terms == ((1.0, Pa.PauliString("ZIIIII")),)
    assert C.random_circuit(6, 30, seed=12) != a
    t = C.random_parameters(5, seed=np.random.default_rng(3))
    assert t.shape == (5,) and np.all((0 <= t) & (t < 2 * np.pi))


# --------------------------------------------------------------------------
# Bad inputs: every public function names the parameter it rejects
# --------------------------------------------------------------------------

CIRC = C.Circuit(2, ["XY", "ZI"], [(1.0, "ZZ")])
GOOD = np.array([0.1, 0.2])

BAD_INPUTS = [
    (lambda: Pa.PauliString("XQ"), ValueError, "label"),
    (lambda: Pa.PauliString(3), TypeError, "label"),
    (lambda: Pa.pauli("XAZ"), ValueError, "pauli"),
    (lambda: Pa.pauli("", 1), ValueError, "pauli"),
    (lambda: Pa.pauli("xz"), ValueError, "pauli"),
    (lambda: Pa.pauli("XZ", 3), ValueError, "n = 3"),
    (lambda: Pa.pauli({0: "X"}), ValueError, "needs the number of qubits n"),
    (lambda: Pa.pauli({5: "X"}, 3), ValueError, "wire 5"),
    (lambda: Pa.pauli({"0": "X"}, 3), TypeError, "wires must be integers"),
    (lambda: Pa.pauli({0: "W"}, 3), ValueError, "wire 0 must map"),
    (lambda: Pa.pauli(7), TypeError, "pauli"),
    (lambda: Pa.pauli("X", n=0), ValueError, "n must be >= 1"),
    (lambda: Pa.multiply("XY", "Z"), ValueError, "q must act on n = 2"),
    (lambda: Pa.multiply(1, "Z"), TypeError, "p must be"),
    (lambda: Pa.commutes("XY", "ZZZ"), ValueError, "q"),
    (lambda: Pa.pauli_matrix("X" * 11), ValueError, "n = 11"),
    (lambda: Pa.observable("XYZ", 2), ValueError, "observable"),
    (lambda: Pa.observable([(1j, "XY")], 2), ValueError, "observable coefficient 0 must be real"),
    (lambda: Pa.observable([("1", "XY")], 2), TypeError, "observable coefficient 0"),
    (lambda: Pa.observable([(float("nan"), "XY")], 2), ValueError, "observable coefficient 0"),
    (lambda: Pa.observable([(1.0, "XY"), (2.0, "XQ")], 2), ValueError, "observable term 1"),
    (lambda: Pa.observable([(1.0, "XY", 3)], 2), TypeError, "observable term 0"),
    (lambda: Pa.observable([], 2), ValueError, "observable"),
    (lambda: Pa.observable(3.0, 2), TypeError, "observable"),
    (lambda: Pa.observable("XY", "2"), TypeError, "n must be an integer"),
    (lambda: C.Circuit(2, "XY"), TypeError, "generators"),
    (lambda: C.Circuit(2, []), ValueError, "generators"),
    (lambda: C.Circuit(2, ["XY", "X"]), ValueError, r"generators\[1\]"),
    (lambda: C.Circuit(2, ["XY", "II"]), ValueError, r"generators\[1\] is the identity"),
    (lambda: C.Circuit(2.5, ["XY"]), TypeError, "n must be an integer"),
    (lambda: C.Circuit(0, ["XY"]), ValueError, "n must be >= 1"),
    (lambda: C.Circuit(C.MAX_QUBITS + 1, ["X" * (C.MAX_QUBITS + 1)]), ValueError, "n must be <="),
    (lambda: C.Circuit(2, ["XY"], "ZZZ"), ValueError, "observable"),
    (lambda: Ledger(*costs.simulator_gate_applications("backprop", 3)), ValueError, "method"),
    (
        lambda: Ledger(*costs.simulator_gate_applications("adjoint", 0)),
        ValueError,
        "M must be >= 1",
    ),
    (
        lambda: Ledger(*costs.simulator_gate_applications("adjoint", 3, n_terms=0)),
        ValueError,
        "n_terms",
    ),
    (lambda: C.apply_pauli("XY", np.ones(3)), ValueError, "psi must have shape"),
    (lambda: C.apply_pauli("XY", "abcd"), TypeError, "psi"),
    (lambda: C.apply_pauli("XY", [np.nan, 0, 0, 0]), ValueError, "psi"),
    (lambda: C.apply_rotation("XY", "0.1", np.ones(4)), TypeError, "t must be a real"),
    (lambda: C.apply_rotation("XY", np.inf, np.ones(4)), ValueError, "t must be finite"),
    (lambda: C.apply_rotation("XY", 1j, np.ones(4)), TypeError, "t must be a real"),
    (lambda: C.zero_state(0), ValueError, "n"),
    (lambda: C.zero_state(C.MAX_QUBITS + 1), ValueError, "n must be <="),
    (lambda: C.state("circuit", GOOD), TypeError, "circuit must be a Circuit"),
    (lambda: C.state(CIRC, [0.1]), ValueError, "theta must have shape"),
    (lambda: C.expval(CIRC, [0.1, 0.2, 0.3]), ValueError, "theta"),
    (lambda: C.expval(CIRC, "ab"), TypeError, "theta"),
    (lambda: C.expval(CIRC, [0.1, np.nan]), ValueError, "theta must contain only finite"),
    (lambda: C.expval(CIRC, [1j, 0.0]), TypeError, "theta must be real"),
    (lambda: C.expval(CIRC, GOOD, ledger=3), TypeError, "ledger"),
    (lambda: C.term_expvals(CIRC, [[0.1, 0.2]]), ValueError, "theta"),
    (lambda: gradients.grad_inserted(CIRC, [0.1]), ValueError, "theta"),
    (lambda: gradients.grad_adjoint(CIRC, None), TypeError, "theta"),
    (lambda: gradients.grad_adjoint(None, GOOD), TypeError, "circuit"),
    (lambda: gradients.grad_adjoint(CIRC, GOOD, ledger={}), TypeError, "ledger"),
    (lambda: gradients.grad_adjoint(CIRC, GOOD, fused="yes"), TypeError, "fused"),
    (lambda: gradients.grad_finite_difference(CIRC, GOOD, h=0), ValueError, "h must be > 0"),
    (lambda: gradients.grad_finite_difference(CIRC, GOOD, h="1e-5"), TypeError, "h must be a real"),
    (lambda: gradients.grad_finite_difference(CIRC, GOOD, scheme="backward"), ValueError, "scheme"),
    (lambda: gradients.grad_finite_difference(CIRC, [0.1]), ValueError, "theta"),
    (lambda: C.random_circuit(0, 5), ValueError, "n must be >= 1"),
    (lambda: C.random_circuit(3, 0), ValueError, "M must be >= 1"),
    (lambda: C.random_circuit(3, 5, locality=4), ValueError, "locality must be <= n"),
    (lambda: C.random_circuit(3, 5, seed="a"), TypeError, "seed"),
    (lambda: C.random_circuit(3, 5, seed=-1), ValueError, "seed"),
    (lambda: C.random_circuit(3, 5, observable="ZZZZ"), ValueError, "observable"),
    (lambda: C.random_parameters(-2), ValueError, "M"),
    (lambda: C.random_parameters(2, seed=1.5), TypeError, "seed"),
    (lambda: interop.pennylane_observable("ZZ"), TypeError, "obs"),
    (lambda: interop.to_qnode(CIRC, device=3), TypeError, "device"),
    (lambda: interop.to_qnode(CIRC, diff_method=1), TypeError, "diff_method"),
    (lambda: interop.to_qnode(CIRC, shots=0), ValueError, "shots"),
    (lambda: interop.to_qnode(CIRC, seed="x"), TypeError, "seed"),
    (lambda: interop.to_qnode(CIRC)(np.array([0.1])), ValueError, "theta"),
    (lambda: interop.pennylane_grad(CIRC, [0.1]), ValueError, "theta"),
]


@pytest.mark.parametrize("call,exc,match", BAD_INPUTS)
def test_bad_inputs_raise_and_name_the_parameter(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
