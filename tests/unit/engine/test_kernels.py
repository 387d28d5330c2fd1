"""Tests of qbp_lessons.engine.kernels: how one Pauli string acts, and the bounded cache.

The action is checked against Kronecker-product matrices (property-based), the
view and gather formulations against each other (bit for bit), and the cache
against its byte budget and the model of it in costs.
"""

import numpy as np
import pennylane as qml
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qbp_lessons import costs
from qbp_lessons.engine import circuits as C
from qbp_lessons.engine import gradients
from qbp_lessons.engine import kernels as K
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
# Flipped views and stored permutations give the same numbers
# --------------------------------------------------------------------------


@FAST
@given(labels, st.integers(0, 10**6))
def test_view_and_gather_agree_bit_for_bit(label, seed):
    p = Pa.pauli(label)
    psi = random_state(p.n, seed)
    view = K.PauliKernel(p)
    gather = K.KernelCache(p.n).kernel(p)
    assert (gather.perm is None) == (p.x_mask == 0) and view.perm is None
    expected = -1j * (Pa.pauli_matrix(p) @ psi)
    assert np.allclose(view.minus_i_pauli(psi), expected, atol=1e-13)
    assert np.array_equal(view.minus_i_pauli(psi, 0.3), gather.minus_i_pauli(psi, 0.3))
    a, b = psi.copy(), psi.copy()
    view.rotate(a, 0.6, 0.8)
    gather.rotate(b, 0.6, 0.8)
    assert np.array_equal(a, b)
    assert np.allclose(a, 0.6 * psi + 0.8 * expected, atol=1e-13)


@pytest.mark.parametrize("label", ["XZY", "ZIZ", "IYI"])
def test_a_stack_of_states_is_acted_on_row_by_row(label):
    p = Pa.pauli(label)
    both = np.stack([random_state(3, 1), random_state(3, 2)])
    for k in (K.PauliKernel(p), K.KernelCache(3).kernel(p)):
        out = k.minus_i_pauli(both)
        assert np.allclose(out[0], k.minus_i_pauli(both[0])) and not np.allclose(out[0], out[1])
        assert np.allclose(out[1], k.minus_i_pauli(both[1]))


@pytest.mark.parametrize("label", ["ZZ", "XY"])
def test_a_strided_view_is_updated_in_place(label):
    k = K.PauliKernel(Pa.pauli(label))
    parent = random_state(3, 0)
    view = parent[::2]  # every second amplitude: a strided view, as a branch of a larger state
    expected = 0.6 * view + 0.8 * (-1j * (Pa.pauli_matrix(Pa.pauli(label)) @ view))
    untouched = parent[1::2].copy()
    k.rotate(view, 0.6, 0.8)
    assert np.allclose(parent[::2], expected, atol=1e-13)
    assert np.array_equal(parent[1::2], untouched)


def test_kernel_functions_count_every_gate_where_applied():
    ledger = Ledger()
    k = K.PauliKernel(Pa.pauli("XY"))
    psi = random_state(2, 3)
    K.rotate(psi, k, 0.6, 0.8, ledger)
    K.apply_kernel(psi, k, ledger)
    K.term_values([(1.0, k), (0.5, k)], psi, ledger)
    K.run([k, k, k], [0.1, 0.2, 0.3], psi, ledger)
    assert (ledger.rotations, ledger.paulis) == (4, 3)


# --------------------------------------------------------------------------
# The cache: never past its budget, and counted as the model says
# --------------------------------------------------------------------------


def _masks(circ):
    return {p.x_mask for p in circ.generators + circ.observable.paulis if p.x_mask}


def test_cache_never_exceeds_its_budget_with_many_distinct_strings():
    n, M = 12, 400
    entry = 8 << n  # one 8-byte index per amplitude
    for budget in (0, 5 * entry - 1, 16 * entry, K.CACHE_BUDGET):
        circ = C.random_circuit(n, M, locality=3, seed=5, cache_budget=budget)
        assert len({p.label for p in circ.generators}) > 300 and len(_masks(circ)) > 150
        gradients.grad_adjoint(circ, C.random_parameters(M, seed=6))
        assert circ.cache_bytes <= budget
        assert circ.cached_masks == min(len(_masks(circ)), budget // entry)
        model = costs.kernel_cache_statevectors(len(_masks(circ)), n, budget) * 16 * circ.dim
        assert circ.cache_bytes == model


def test_cache_bytes_are_the_stored_permutations():
    circ = C.random_circuit(8, 30, seed=4)
    assert circ.cache_bytes == 0  # nothing built before the first simulation
    C.expval(circ, C.random_parameters(30, seed=1))
    gates, terms = circ.kernels()
    perms = {id(k.perm): k.perm.nbytes for k in gates + [k for _, k in terms] if k.perm is not None}
    assert circ.cache_bytes == sum(perms.values()) == len(_masks(circ)) * 8 * circ.dim > 0
    circ.clear_cache()
    assert circ.cache_bytes == 0
    lean = C.random_circuit(8, 30, seed=4, cache=False)
    C.expval(lean, C.random_parameters(30, seed=1))
    assert lean.cache_bytes == 0 and all(k.perm is None for k in lean.kernels()[0])


def test_kernel_cache_rejects_bad_input():
    with pytest.raises(ValueError, match="budget"):
        K.KernelCache(3, budget=-1)
    with pytest.raises(TypeError, match="p must be a PauliString"):
        K.PauliKernel("XZ")
    with pytest.raises(ValueError, match="cache_budget"):
        C.Circuit(2, ["XX"], cache_budget=-5)
