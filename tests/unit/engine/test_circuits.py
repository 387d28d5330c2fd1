"""Tests of qbp_lessons.engine.circuits: Pauli algebra, the engine, three gradients, PennyLane.

Gradients must agree to 1e-10 across every route (finite differences to 1e-6).
PennyLane cases stay small (n <= 4, M <= 12) so the suite is fast. No timings.
"""

import tracemalloc

import numpy as np
import pennylane as qml
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qbp_lessons.engine import circuits as C
from qbp_lessons import costs, interop
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
# Pauli algebra (property-based)
# --------------------------------------------------------------------------


@FAST
@given(labels, st.integers(0, 2**31))
def test_engine_pauli_equals_kron_matrix(label, seed):
    psi = random_state(len(label), seed)
    assert np.allclose(C.apply_pauli(label, psi), Pa.pauli_matrix(label) @ psi, atol=1e-13)


@FAST
@given(labels, st.integers(0, 2**31))
def test_pauli_squares_to_identity(label, seed):
    psi = random_state(len(label), seed)
    assert np.allclose(C.apply_pauli(label, C.apply_pauli(label, psi)), psi, atol=1e-13)
    mat = Pa.pauli_matrix(label)
    assert np.allclose(mat @ mat, np.eye(2 ** len(label)))


@FAST
@given(label_pairs)
def test_commutation_sign_matches_symbolic_rule(pair):
    p, q = pair
    P, Q = Pa.pauli_matrix(p), Pa.pauli_matrix(q)
    sign = 1 if Pa.commutes(p, q) else -1
    assert np.allclose(P @ Q, sign * (Q @ P))
    # the product rule gives the same sign: PQ = phase R and QP = phase' R
    phase_pq, r = Pa.multiply(p, q)
    phase_qp, r2 = Pa.multiply(q, p)
    assert r == r2 and np.isclose(phase_pq, sign * phase_qp)
    assert np.allclose(P @ Q, phase_pq * Pa.pauli_matrix(r))


@FAST
@given(labels, st.floats(-10, 10), st.integers(0, 2**31))
def test_rotation_is_unitary_and_matches_cos_sin_form(label, t, seed):
    psi = random_state(len(label), seed)
    out = C.apply_rotation(label, t, psi)
    assert np.isclose(np.linalg.norm(out), 1.0, atol=1e-12)
    P = Pa.pauli_matrix(label)
    U = np.cos(t) * np.eye(len(P)) - 1j * np.sin(t) * P
    assert np.allclose(out, U @ psi, atol=1e-12)
    assert np.allclose(U.conj().T @ U, np.eye(len(P)))


def test_wire_zero_is_most_significant_bit_like_pennylane():
    for label in ["XZ", "ZX", "YIZ", "IXY", "ZZYX"]:
        ops = [
            getattr(qml, "Pauli" + ch)(w) if ch != "I" else qml.Identity(w)
            for w, ch in enumerate(label)
        ]
        ref = qml.matrix(qml.prod(*ops), wire_order=range(len(label)))
        assert np.allclose(Pa.pauli_matrix(label), ref)
    p = Pa.pauli("XIZ")
    assert p.x_mask == 0b100 and p.z_mask == 0b001 and p.support == (0, 2) and p.word == "XZ"


def test_pauli_parsing_forms_agree():
    assert Pa.pauli({0: "X", 3: "Z"}, 4) == Pa.pauli("XIIZ") == Pa.pauli(Pa.PauliString("XIIZ"), 4)
    assert Pa.pauli({}, 2).label == "II"
    obs = Pa.observable([(0.5, "ZI"), (-1, {1: "X"}), (2 + 0j, Pa.PauliString("YY"))], 2)
    assert np.allclose(obs.coeffs, [0.5, -1.0, 2.0]) and [p.label for p in obs.paulis] == [
        "ZI",
        "IX",
        "YY",
    ]
    assert Pa.observable("XZ", 2).terms == ((1.0, Pa.PauliString("XZ")),)


# --------------------------------------------------------------------------
# States, expectation values, gradients
# --------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(4))
def test_three_gradients_agree(seed):
    n, M = 3 + seed % 3, 8 + 4 * seed
    obs = "random" if seed % 2 else None
    circ = C.random_circuit(n, M, locality=1 + seed % 2, observable=obs, seed=seed)
    theta = C.random_parameters(M, seed=100 + seed)
    g_adj = C.grad_adjoint(circ, theta)
    assert np.allclose(C.grad_adjoint(circ, theta, fused=True), g_adj, atol=1e-13, rtol=0)
    assert np.allclose(C.grad_inserted(circ, theta), g_adj, atol=1e-10, rtol=0)
    assert np.allclose(C.grad_finite_difference(circ, theta), g_adj, atol=1e-6, rtol=0)
    assert np.allclose(
        C.grad_finite_difference(circ, theta, h=1e-7, scheme="forward"), g_adj, atol=1e-6, rtol=0
    )


def test_gradients_on_ten_qubits_with_diagonal_gates():
    gens = ["ZZIIIIIIII", "XIIIIIIIIY", {3: "Z"}, "IYYIIIIIII", {0: "Z", 9: "Z"}, "ZIIIIIIIIX"] * 3
    circ = C.Circuit(10, gens, [(0.7, {0: "X"}), (-0.4, "ZIIIIIIIIZ"), (0.2, "IIIIIIIIII")])
    theta = C.random_parameters(circ.M, seed=7)
    g = C.grad_adjoint(circ, theta)
    assert np.allclose(C.grad_adjoint(circ, theta, fused=True), g, atol=1e-13, rtol=0)
    assert np.allclose(C.grad_inserted(circ, theta), g, atol=1e-10, rtol=0)
    assert np.allclose(C.grad_finite_difference(circ, theta), g, atol=1e-6, rtol=0)


def test_state_is_normalised_and_expval_is_consistent():
    circ = C.random_circuit(4, 10, observable="random", seed=3)
    theta = C.random_parameters(10, seed=4)
    psi = C.state(circ, theta)
    assert np.isclose(np.linalg.norm(psi), 1.0)
    O = sum(c * Pa.pauli_matrix(p) for c, p in circ.observable.terms)
    assert np.isclose(C.expval(circ, theta), np.vdot(psi, O @ psi).real)
    assert np.isclose(C.expval(circ, theta), C.term_expvals(circ, theta) @ circ.observable.coeffs)


def test_gradient_vanishes_outside_light_cone():
    circ = C.Circuit(4, ["XXII", "IIYZ", "IIZX", "ZXII", "IIZZ"], {0: "Z"})
    inside = C.light_cone(circ)
    assert inside.tolist() == [True, False, False, True, False]
    g = C.grad_adjoint(circ, C.random_parameters(circ.M, seed=1))
    assert np.allclose(g[~inside], 0.0, atol=1e-14)


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


@pytest.mark.parametrize("diff_method", ["backprop", "adjoint", "parameter-shift"])
@pytest.mark.parametrize("seed", [0, 1])
def test_gradient_matches_pennylane(diff_method, seed):
    n, M = 3 + seed, 12 - 2 * seed
    circ = C.random_circuit(n, M, observable="random" if seed else None, seed=20 + seed)
    theta = C.random_parameters(M, seed=30 + seed)
    ref = interop.pennylane_grad(circ, theta, "default.qubit", diff_method)
    assert np.allclose(C.grad_adjoint(circ, theta), ref, atol=1e-10, rtol=0)


def test_gradient_matches_lightning_adjoint():
    circ = C.random_circuit(4, 10, observable="random", seed=5)
    theta = C.random_parameters(10, seed=6)
    ref = interop.pennylane_grad(circ, theta, "lightning.qubit", "adjoint")
    assert np.allclose(C.grad_adjoint(circ, theta), ref, atol=1e-10, rtol=0)


def test_to_qnode_accepts_a_device_object():
    circ = C.random_circuit(2, 3, seed=1)
    theta = C.random_parameters(3, seed=2)
    qnode = interop.to_qnode(circ, qml.device("default.qubit", wires=2))
    assert abs(float(qnode(theta)) - C.expval(circ, theta)) < 1e-12


# --------------------------------------------------------------------------
# Counting gate applications
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "method,call",
    [
        ("state", lambda c, t, k: C.state(c, t, ledger=k)),
        ("expval", lambda c, t, k: C.expval(c, t, ledger=k)),
        ("adjoint", lambda c, t, k: C.grad_adjoint(c, t, ledger=k)),
        ("adjoint", lambda c, t, k: C.grad_adjoint(c, t, fused=True, ledger=k)),
        ("inserted", lambda c, t, k: C.grad_inserted(c, t, ledger=k)),
        ("finite_difference", lambda c, t, k: C.grad_finite_difference(c, t, ledger=k)),
        (
            "finite_difference_forward",
            lambda c, t, k: C.grad_finite_difference(c, t, scheme="forward", ledger=k),
        ),
    ],
)
@pytest.mark.parametrize("M", [1, 7])
def test_gate_counts_match_formulas(method, call, M):
    circ = C.random_circuit(3, M, observable="random", seed=M)
    counter = Ledger()
    call(circ, C.random_parameters(M, seed=0), counter)
    expected = Ledger(*costs.simulator_gate_applications(method, M, n_terms=len(circ.observable)))
    assert counter == expected
    if method == "adjoint":
        assert counter.rotations == 3 * M  # each gate applied three times
    if method == "inserted":
        assert counter.rotations == M * (M + 1)  # O(M^2): the naive cost


def test_counter_accumulates_over_calls():
    circ = C.random_circuit(2, 5, seed=0)
    counter = Ledger()
    for _ in range(3):
        C.expval(circ, np.zeros(5), ledger=counter)
    assert counter.rotations == 15 and counter.paulis == 3 and counter.gates == 18


# --------------------------------------------------------------------------
# Memory: the adjoint gradient holds a small constant number of statevectors
# --------------------------------------------------------------------------


def _peak(fn):
    tracemalloc.start()
    tracemalloc.reset_peak()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def test_adjoint_memory_is_a_small_multiple_of_the_forward_pass():
    circ = C.random_circuit(12, 40, seed=0)  # a statevector is 64 KiB
    theta = C.random_parameters(40, seed=1)
    C.grad_adjoint(circ, theta)  # build the kernels outside the measurement
    forward = _peak(lambda: C.expval(circ, theta))
    grad = _peak(lambda: C.grad_adjoint(circ, theta))
    statevector = 16 * 2**12
    # forward: psi and one scratch vector; adjoint: psi, lam and one scratch vector
    # (+ the M-float gradient and small objects)
    assert forward <= 2.2 * statevector
    assert grad <= 3.2 * statevector
    assert grad / forward <= 1.6
    C.grad_adjoint(circ, theta, fused=True)
    fused = _peak(lambda: C.grad_adjoint(circ, theta, fused=True))
    assert fused <= 4.2 * statevector  # [psi; lam] and a two-vector scratch


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
    (lambda: C.grad_inserted(CIRC, [0.1]), ValueError, "theta"),
    (lambda: C.grad_adjoint(CIRC, None), TypeError, "theta"),
    (lambda: C.grad_adjoint(None, GOOD), TypeError, "circuit"),
    (lambda: C.grad_adjoint(CIRC, GOOD, ledger={}), TypeError, "ledger"),
    (lambda: C.grad_adjoint(CIRC, GOOD, fused="yes"), TypeError, "fused"),
    (lambda: C.grad_finite_difference(CIRC, GOOD, h=0), ValueError, "h must be > 0"),
    (lambda: C.grad_finite_difference(CIRC, GOOD, h="1e-5"), TypeError, "h must be a real"),
    (lambda: C.grad_finite_difference(CIRC, GOOD, scheme="backward"), ValueError, "scheme"),
    (lambda: C.grad_finite_difference(CIRC, [0.1]), ValueError, "theta"),
    (lambda: C.random_circuit(0, 5), ValueError, "n must be >= 1"),
    (lambda: C.random_circuit(3, 0), ValueError, "M must be >= 1"),
    (lambda: C.random_circuit(3, 5, locality=4), ValueError, "locality must be <= n"),
    (lambda: C.random_circuit(3, 5, seed="a"), TypeError, "seed"),
    (lambda: C.random_circuit(3, 5, seed=-1), ValueError, "seed"),
    (lambda: C.random_circuit(3, 5, observable="ZZZZ"), ValueError, "observable"),
    (lambda: C.random_parameters(-2), ValueError, "M"),
    (lambda: C.random_parameters(2, seed=1.5), TypeError, "seed"),
    (lambda: C.light_cone([1, 2]), TypeError, "circuit"),
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
