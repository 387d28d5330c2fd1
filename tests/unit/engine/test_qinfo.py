"""Tests of qbp_lessons.engine.qinfo (chapter 5): density matrices, partial trace, trace distance,
fidelity, purity, against closed forms written out here and against PennyLane's qml.math, and
the checks of their inputs.
"""

import numpy as np
import pennylane as qml
import pytest

from qbp_lessons import interop
from qbp_lessons.engine import qinfo as Q


def ket(angle):
    return np.array([np.cos(angle / 2), np.sin(angle / 2)])


def test_pure_state_quantities_have_their_closed_forms():
    rng = np.random.default_rng(0)
    for n in (1, 2, 3):
        psi, phi = Q.random_state(n, rng), Q.random_state(n, rng)
        rho, sigma = Q.density_matrix(psi), Q.density_matrix(phi)
        overlap = abs(np.vdot(psi, phi)) ** 2
        assert abs(Q.fidelity(rho, sigma) - overlap) < 1e-12
        assert abs(Q.trace_distance(rho, sigma) - np.sqrt(1 - overlap)) < 1e-12
        assert abs(Q.purity(rho) - 1) < 1e-12
        assert Q.trace_distance(rho, rho) < 1e-12 and abs(Q.fidelity(rho, rho) - 1) < 1e-12


def test_fidelity_with_a_pure_state_is_its_expectation():
    rng = np.random.default_rng(1)
    psi = Q.random_state(2, rng)
    sigma = Q.random_density(2, seed=rng)
    assert abs(Q.fidelity(Q.density_matrix(psi), sigma) - np.vdot(psi, sigma @ psi).real) < 1e-12


def test_qubit_trace_distance_is_half_the_bloch_distance():
    rng = np.random.default_rng(2)
    for _ in range(20):
        a, b = Q.random_density(1, seed=rng), Q.random_density(1, seed=rng)
        half = 0.5 * np.linalg.norm(Q.bloch_vector(a) - Q.bloch_vector(b))
        assert abs(Q.trace_distance(a, b) - half) < 1e-12


def test_maximally_mixed_state():
    for n in (1, 3):
        mixed = np.eye(1 << n) / (1 << n)
        assert abs(Q.purity(mixed) - 2.0**-n) < 1e-15
        assert abs(Q.fidelity(mixed, Q.density_matrix(Q.random_state(n, 3))) - 2.0**-n) < 1e-12


def test_partial_trace_of_products_and_bell_states():
    rng = np.random.default_rng(4)
    a, b = Q.random_density(1, seed=rng), Q.random_density(2, seed=rng)
    rho = np.kron(a, b)
    assert np.allclose(Q.partial_trace(rho, [0]), a, atol=1e-14)
    assert np.allclose(Q.partial_trace(rho, [1, 2]), b, atol=1e-14)
    assert np.allclose(Q.partial_trace(rho, (2, 1)), b, atol=1e-14)  # order does not matter
    # wires 0 and 2 of a (x) b: a (x) (tr_1 of b's wires 1, 2 -> keep b's second wire)
    b2 = Q.partial_trace(b, [1])
    assert np.allclose(Q.partial_trace(rho, [0, 2]), np.kron(a, b2), atol=1e-14)
    bell = Q.density_matrix(np.array([1, 0, 0, 1]) / np.sqrt(2))
    assert np.allclose(Q.partial_trace(bell, 0), np.eye(2) / 2, atol=1e-15)


def test_partial_trace_core_is_what_partial_trace_runs():
    rho = Q.random_density(3, seed=5)
    for keep in ([0], [1], [2], [0, 2], [1, 2], [0, 1, 2]):
        core = Q.partial_trace_core(rho, keep)
        np.testing.assert_array_equal(core, Q.partial_trace(rho, keep))
        # the core alone, against the trace written as a sum over the dropped wires' basis
        n, drop = 3, [w for w in range(3) if w not in keep]
        tensor = rho.reshape((2,) * 6)
        expected = np.zeros((2 ** len(keep),) * 2, complex)
        for bits in np.ndindex(*(2,) * len(drop)):
            index = [slice(None)] * 6
            for w, b in zip(drop, bits):
                index[w], index[n + w] = b, b
            block = tensor[tuple(index)]
            expected += block.reshape(2 ** len(keep), 2 ** len(keep))
        assert np.allclose(core, expected, atol=1e-15)


def test_bloch_vector_and_random_objects_are_valid():
    assert np.allclose(Q.bloch_vector(Q.density_matrix(ket(np.pi / 2))), [1, 0, 0], atol=1e-15)
    rng = np.random.default_rng(5)
    for n in (1, 2, 3):
        Q.check_density(Q.random_density(n, rank=1, seed=rng))
        for kind in ("general", "projector"):
            e = Q.check_effect(Q.random_effect(n, kind, seed=rng))
            if kind == "projector":
                assert np.allclose(e @ e, e, atol=1e-12)
    assert abs(np.linalg.matrix_rank(Q.random_density(3, rank=2, seed=6), tol=1e-10) - 2) == 0


def test_operator_sqrt_squares_back():
    e = Q.random_effect(2, seed=7)
    r = Q.operator_sqrt(e)
    assert np.allclose(r @ r, e, atol=1e-13)


@pytest.mark.parametrize("seed", range(4))
def test_qinfo_matches_pennylane(seed):
    rng = np.random.default_rng(100 + seed)
    n = 1 + seed % 3
    rho = Q.random_density(n, rank=1 + seed % (1 << n), seed=rng)
    sigma = Q.random_density(n, seed=rng)
    keep = [n - 1] if n > 1 else [0]
    ref = interop.pennylane_state_measures(rho, sigma, keep)
    # PennyLane takes square roots of rank-deficient matrices without clipping: ~1e-8 of rounding
    # noise
    assert abs(ref["fidelity"] - Q.fidelity(rho, sigma)) < 1e-7
    assert abs(ref["trace_distance"] - Q.trace_distance(rho, sigma)) < 1e-12
    assert abs(ref["purity"] - Q.purity(rho)) < 1e-12
    assert np.allclose(ref["reduced"], Q.partial_trace(rho, keep), atol=1e-13)


@pytest.mark.parametrize(
    "rho, error, match",
    [
        ("rho", TypeError, "rho must be a complex square matrix"),
        (np.eye(3) / 3, ValueError, "dimension 2"),
        (np.ones((2, 3)), ValueError, "square"),
        (np.array([[0.5, 1], [0, 0.5]]), ValueError, "Hermitian"),
        (np.eye(2), ValueError, "trace 1"),
        (np.diag([1.5, -0.5]), ValueError, "positive semidefinite"),
        (np.array([[np.nan, 0], [0, 1]]), ValueError, "finite"),
        (np.full((2, 2), "a"), TypeError, "numeric"),
        (np.eye(2**11) / 2**11, ValueError, "at most 10"),
    ],
)
def test_check_density_rejects(rho, error, match):
    with pytest.raises(error, match=match):
        Q.check_density(rho)


@pytest.mark.parametrize(
    "effect, match",
    [
        (np.diag([1.2, 0.5]), r"0 <= effect <= I"),
        (np.diag([-0.1, 0.5]), r"0 <= effect <= I"),
        (np.array([[0.5, 0.1j], [0.1j, 0.5]]), "Hermitian"),
        (np.eye(4), "2 x 2"),
    ],
)
def test_check_effect_rejects(effect, match):
    with pytest.raises(ValueError, match=match):
        Q.check_effect(effect, dim=2)


def test_other_bad_input():
    rho = Q.random_density(2, seed=0)
    with pytest.raises(ValueError, match="same shape"):
        Q.trace_distance(rho, np.eye(2) / 2)
    with pytest.raises(ValueError, match="outside 0..1"):
        Q.partial_trace(rho, [2])
    with pytest.raises(ValueError, match="each once"):
        Q.partial_trace(rho, [0, 0])
    with pytest.raises(TypeError, match="integer wires"):
        Q.partial_trace(rho, [0.5])
    with pytest.raises(ValueError, match="normalised"):
        Q.density_matrix([1, 1])
    with pytest.raises(ValueError, match="rank must be <= 2"):
        Q.random_effect(1, "projector", rank=3)
    with pytest.raises(ValueError, match="kind"):
        Q.random_effect(1, "povm")
    with pytest.raises(ValueError, match="n must be <= 10"):
        Q.random_state(11)
    with pytest.raises(ValueError, match="first must act on one wire"):
        interop.pennylane_collapse(Q.random_state(2, 1), "XX", "ZI", 1)


# --- mixed states of every rank against qml.math, partial traces on any wires -------------


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
