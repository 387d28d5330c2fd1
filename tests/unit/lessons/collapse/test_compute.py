"""Tests of qbp_lessons.engine.qinfo and qbp_lessons.lessons.collapse.compute (chapter 5).

Three independent routes: closed forms (written out here, from the algebra in
each docstring), PennyLane (qml.math and a mid-circuit measurement, through
interop), and the sampler (seeded, with tolerances of 5 standard errors derived
from the Born-rule variance 1 - <P>^2, a 6e-7 chance each of a false failure).
"""

import numpy as np
import pytest

from qbp_lessons.lessons.collapse import compute as C
from qbp_lessons import costs, interop
from qbp_lessons.engine import qinfo as Q
from qbp_lessons.engine.circuits import apply_pauli
from qbp_lessons.engine.ledger import Ledger
from qbp_lessons.engine.paulis import commutes, pauli_matrix
from qbp_lessons.engine.sampling import project_pauli

CNOT = np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]], dtype=complex)


def ket(angle):
    return np.array([np.cos(angle / 2), np.sin(angle / 2)])


# --------------------------------------------------------------------------
# qinfo: closed forms
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# qinfo against PennyLane's qml.math
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------


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
    with pytest.raises(ValueError, match="probability 0"):
        C.measure_effect(Q.density_matrix(ket(0)), np.diag([0.0, 1.0]))
    with pytest.raises(ValueError, match="0 <= effect <= I"):
        C.measure_effect(rho, 2 * np.eye(4))
    with pytest.raises(ValueError, match="strength must lie in"):
        C.weak_measurement(Q.density_matrix(ket(1.0)), 1.5)
    with pytest.raises(ValueError, match="outcome must be"):
        project_pauli(ket(1.0), "Z", 0)
    with pytest.raises(ValueError, match="probability 0"):
        project_pauli(ket(0.0), "Z", -1)
    with pytest.raises(ValueError, match="copies must be >= 1"):
        C.sequential_sample(ket(1.0), "Z", "X", 0)
    with pytest.raises(ValueError, match="copies must be <= "):
        C.sequential_sample(ket(1.0), "Z", "X", 10**9)
    with pytest.raises(ValueError, match="psi must have 2"):
        C.sequential_exact(ket(1.0), "ZZ", "XI")
    with pytest.raises(ValueError, match="control and target"):
        C.cnot(np.array([1, 0, 0, 0]), 1, 1)
    with pytest.raises(ValueError, match="cases must be <= "):
        C.gentle_measurement_check(10**6)
    with pytest.raises(ValueError, match="first must act on one wire"):
        interop.pennylane_collapse(Q.random_state(2, 1), "XX", "ZI", 1)


# --------------------------------------------------------------------------
# No-cloning
# --------------------------------------------------------------------------


def test_cnot_from_rotations_is_the_cnot_matrix_and_is_counted():
    rng = np.random.default_rng(8)
    for _ in range(5):
        psi = Q.random_state(2, rng)
        ledger = Ledger()
        assert np.allclose(C.cnot(psi, 0, 1, ledger=ledger), CNOT @ psi, atol=1e-14)
        assert ledger.rotations == len(C.CNOT_ROTATIONS) == 3
    swap = np.array([[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1]])
    psi = Q.random_state(2, rng)
    assert np.allclose(C.cnot(psi, 1, 0), swap @ CNOT @ swap @ psi, atol=1e-14)


def test_copy_attempt_copies_basis_states_exactly():
    for n in (1, 2):
        for b in range(1 << n):
            e = np.zeros(1 << n)
            e[b] = 1
            assert np.allclose(C.copy_attempt(e), np.kron(e, e), atol=1e-14)


@pytest.mark.parametrize("angle", [0.0, 0.4, np.pi / 3, np.pi / 2, 2.5, np.pi])
def test_copy_report_matches_closed_forms(angle):
    r = C.copy_report(ket(angle))
    per_copy, joint = costs.cnot_copy_fidelities(angle)
    c, s = np.cos(angle / 2), np.sin(angle / 2)
    assert abs(per_copy - (c**4 + s**4)) < 1e-15
    assert abs(r.fidelity_copy - per_copy) < 1e-12 and abs(r.fidelity_original - per_copy) < 1e-12
    assert abs(r.fidelity_joint - joint) < 1e-12
    assert abs(r.purity_copy - per_copy) < 1e-12
    assert np.allclose(r.reduced_copy, np.diag([c**2, s**2]), atol=1e-14)
    assert np.allclose(r.output, [c, 0, 0, s], atol=1e-14)


def test_copy_of_plus_is_a_bell_state():
    r = C.copy_report(ket(np.pi / 2))
    assert abs(r.fidelity_copy - 0.5) < 1e-12 and abs(r.purity_copy - 0.5) < 1e-12
    assert np.allclose(r.reduced_copy, np.eye(2) / 2, atol=1e-14)


def test_copy_fidelity_haar_average_is_two_thirds():
    """E|a|^4 = 2/(d(d+1)) = 1/3 for a Haar-random qubit, so E(|a|^4 + |b|^4) = 2/3; Var from 200 draws."""
    rng = np.random.default_rng(9)
    values = np.array([C.copy_report(Q.random_state(1, rng)).fidelity_copy for _ in range(400)])
    assert abs(values.mean() - 2 / 3) < 5 * values.std(ddof=1) / np.sqrt(values.size)


def test_linearity_check_unitary_keeps_overlaps_cloning_would_square_them():
    check = C.linearity_check(300, n=1, seed=10)
    assert check.kept < 1e-13
    assert np.allclose(check.needed, check.before**2)
    assert check.gap.min() > 1e-3  # random pairs are never orthogonal or equal
    same = C.linearity_check(1, n=2, seed=11)
    assert same.kept < 1e-13


# --------------------------------------------------------------------------
# Collapse: exact identities
# --------------------------------------------------------------------------

PAIRS = [("XX", "ZI"), ("XX", "ZZ"), ("ZIY", "XIX"), ("ZIY", "ZZI"), ("YZX", "XZY"), ("XYZ", "ZYX")]


@pytest.mark.parametrize("first, second", PAIRS)
def test_sequential_exact_identities(first, second):
    rng = np.random.default_rng(12)
    n = len(first)
    for _ in range(5):
        psi = Q.random_state(n, rng)
        e = C.sequential_exact(psi, first, second)
        assert e.commute == commutes(first, second)
        assert abs(e.probabilities.sum() - 1) < 1e-12
        assert abs(e.before - np.vdot(psi, apply_pauli(second, psi)).real) < 1e-12
        if e.commute:
            assert abs(e.average_after - e.before) < 1e-12
        else:
            assert np.all(np.abs(e.after) < 1e-12)
            assert abs(e.average_after) < 1e-12


@pytest.mark.parametrize("first, second", PAIRS)
def test_projector_sandwich_vanishes_exactly_for_anticommuting_strings(first, second):
    """(I + s P1) P2 (I + s P1) = 0 when {P1, P2} = 0, as matrices."""
    p1, p2 = pauli_matrix(first), pauli_matrix(second)
    eye = np.eye(p1.shape[0])
    for s in (1, -1):
        sandwich = (eye + s * p1) @ p2 @ (eye + s * p1) / 4
        if commutes(first, second):
            assert np.allclose(sandwich, p2 @ (eye + s * p1) / 2, atol=1e-15)
        else:
            assert np.max(np.abs(sandwich)) < 1e-15


def test_sequential_exact_matches_pennylane_mid_circuit_measurement():
    rng = np.random.default_rng(13)
    for first, second in [("XI", "ZI"), ("IY", "IX"), ("ZI", "ZZ"), ("IX", "XX"), ("IY", "YZ")]:
        psi = Q.random_state(2, rng)
        e = C.sequential_exact(psi, first, second)
        for i, s in enumerate((1, -1)):
            assert abs(interop.pennylane_collapse(psi, first, second, s) - e.after[i]) < 1e-12


def test_an_impossible_outcome_leaves_no_state():
    e = C.sequential_exact(ket(0.0), "Z", "X")
    assert (
        e.probabilities.tolist() == [1.0, 0.0] and np.isnan(e.after[1]) and abs(e.after[0]) < 1e-15
    )


# --------------------------------------------------------------------------
# Collapse: sampled
# --------------------------------------------------------------------------


def test_sequential_sample_anticommuting_is_unbiased_zero_and_counted():
    psi = Q.random_state(2, 14)
    ledger = Ledger()
    sample = C.sequential_sample(psi, "XX", "ZI", 3000, seed=15, ledger=ledger)
    assert ledger.shots == 3 * 3000 and ledger.circuits == 2 * 3000 and ledger.shot_gates == 0
    exact = C.sequential_exact(psi, "XX", "ZI")
    for s in (1, -1):
        mean, _, m = sample.after(s)
        assert abs(mean) < 5 / np.sqrt(m)  # <P2> = 0 exactly, so Var = 1
    fresh, _ = sample.fresh_estimate()
    assert abs(fresh - exact.before) < 5 * np.sqrt((1 - exact.before**2) / 3000)
    # the first measurement's statistics follow the Born rule too
    p_plus = np.mean(sample.outcomes[:, 0] == 1)
    p = exact.probabilities[0]
    assert abs(p_plus - p) < 5 * np.sqrt(p * (1 - p) / 3000)


def test_sequential_sample_commuting_keeps_the_statistics():
    psi = Q.random_state(2, 16)
    sample = C.sequential_sample(psi, "XX", "ZZ", 3000, seed=17)
    exact = C.sequential_exact(psi, "XX", "ZZ")
    mean, _, _ = sample.after()
    assert abs(mean - exact.before) < 5 * np.sqrt((1 - exact.before**2) / 3000)
    for i, s in enumerate((1, -1)):
        m_s, _, m = sample.after(s)
        assert (
            abs(m_s - exact.after[i]) < 5 * np.sqrt((1 - exact.after[i] ** 2 + 1e-12) / m) + 1e-12
        )


def test_sequential_sample_is_reproducible():
    a = C.sequential_sample(ket(1.0), "Z", "X", 50, seed=3)
    b = C.sequential_sample(ket(1.0), "Z", "X", 50, seed=3)
    assert np.array_equal(a.outcomes, b.outcomes) and np.array_equal(a.fresh, b.fresh)


def test_collapse_scan_columns():
    states = [ket(a) for a in np.linspace(0.2, 2.9, 4)]
    scan = C.collapse_scan(states, "Z", "X", 400, seed=18)
    assert np.allclose(scan.exact_before, np.sin(np.linspace(0.2, 2.9, 4)), atol=1e-12)
    assert np.all(np.abs(scan.exact_after) < 1e-12)
    assert np.all(np.abs(scan.after) < 5 / np.sqrt(400))
    assert np.all(
        np.abs(scan.fresh - scan.exact_before)
        < 5 * np.sqrt((1 - scan.exact_before**2) / 400) + 1e-12
    )


# --------------------------------------------------------------------------
# Gentle measurement
# --------------------------------------------------------------------------


def test_gentle_measurement_lemma_is_never_violated():
    check = C.gentle_measurement_check(2000, n_max=3, seed=19)
    assert check.cases == 2000 and check.violations == 0
    assert check.max_ratio <= 1 + 1e-8
    assert len(set(check.kind)) == 4 and np.all(
        np.bincount(np.unique(check.kind, return_inverse=True)[1]) == 500
    )
    # acceptance probabilities reach close to 1, where the bound bites
    assert np.sum(check.eps < 0.01) > 100


def test_gentle_lemma_is_reached_by_pure_states_and_projectors():
    check = C.gentle_measurement_check(400, n_max=3, seed=20)
    tight = check.kind == "pure state, projector"
    assert np.all(np.abs(check.ratio[tight] - 1) < 1e-6)
    assert np.max(check.ratio[~tight]) < 1 - 1e-6  # general effects and mixed states stay below
    for eps in (1e-6, 1e-3, 0.1, 0.5, 0.9):
        e, d = C.tight_gentle_case(eps, n=2, rank=1 + int(eps > 0.2), seed=21)
        assert abs(e - eps) < 1e-12 and abs(d - np.sqrt(eps)) < 1e-12


def test_measure_effect_is_lueders_and_matches_projection():
    rng = np.random.default_rng(22)
    psi = Q.random_state(2, rng)
    rho = Q.density_matrix(psi)
    proj = (np.eye(4) + pauli_matrix("XZ")) / 2
    p, post = C.measure_effect(rho, proj)
    q, after = project_pauli(psi, "XZ", 1)
    assert abs(p - q) < 1e-12 and np.allclose(post, Q.density_matrix(after), atol=1e-12)


# --------------------------------------------------------------------------
# Weak measurement
# --------------------------------------------------------------------------


@pytest.mark.parametrize("angle", [0.0, 0.7, np.pi / 2, 2.4])
@pytest.mark.parametrize("s", [0.0, 0.3, 0.8, 1.0])
def test_weak_measurement_closed_forms(angle, s):
    r = C.weak_measurement(Q.density_matrix(ket(angle)), s)
    x, z = np.sin(angle), np.cos(angle)
    p_plus = (1 + s * z) / 2
    assert abs(r.probabilities[0] - p_plus) < 1e-12
    # outcome forgotten: z unchanged, coherence shrinks by sqrt(1 - s^2)
    assert np.allclose(r.bloch_average, [x * np.sqrt(1 - s * s), 0, z], atol=1e-12)
    assert abs(r.disturbance_forgotten - abs(x) * (1 - np.sqrt(1 - s * s)) / 2) < 1e-12
    for i, sign in enumerate((1, -1)):
        p = (1 + sign * s * z) / 2
        if p > 1e-12:
            want = [np.sqrt(1 - s * s) * x / (2 * p), 0, (z + sign * s) / (2 * p)]
            assert np.allclose(r.bloch_after[i], want, atol=1e-10)
    h = lambda q: -sum(v * np.log2(v) for v in (q, 1 - q) if v > 0)
    assert abs(r.information - max(h(p_plus) - h((1 - s) / 2), 0)) < 1e-12
    assert r.disturbance <= r.gentle_bound + 1e-12


def test_weak_measurement_trade_off_is_monotone():
    scan = C.weak_measurement_scan([np.pi / 3], np.linspace(0, 1, 21))
    info = scan.curve(np.pi / 3, "information")
    dist = scan.curve(np.pi / 3, "disturbance")
    assert info[0] == 0 and dist[0] < 1e-15
    assert np.all(np.diff(info) > 0) and np.all(np.diff(dist) > 0)
    assert abs(info[-1] - scan.get(np.pi / 3, 1.0).information_max) < 1e-12


def test_single_copy_lower_bound_shape():
    assert costs.single_copy_lower_bound(10, 20) == 10
    assert np.array_equal(costs.single_copy_lower_bound(np.array([1, 2**5, 2**7]), 5), [1, 32, 32])
    with pytest.raises(ValueError, match="M must be >= 1"):
        costs.single_copy_lower_bound(0, 3)
    with pytest.raises(TypeError, match="angle"):
        costs.cnot_copy_fidelities("a")


def test_union_bound_check_quantum_bound_holds_classical_one_does_not():
    u = C.union_bound_check(600, steps_max=5, n_max=2, seed=24)
    assert u.cases == 600 and u.quantum_violations == 0 and u.worst_ratio <= 4
    assert u.classical_violations > 0  # collapse: later projectors see a moved state
    assert np.all((u.steps >= 1) & (u.steps <= 5)) and np.all(
        (u.accept_all >= 0) & (u.accept_all <= 1 + 1e-12)
    )
    one = C.union_bound_check(50, steps_max=1, seed=25)
    assert np.allclose(
        one.accept_all, 1 - one.eps_sum, atol=1e-12
    )  # a single measurement: Born rule


def test_union_bound_check_rejects_bad_input():
    with pytest.raises(ValueError, match="steps_max must be <= 100"):
        C.union_bound_check(10, steps_max=101)
    with pytest.raises(TypeError, match="cases must be an integer"):
        C.union_bound_check(2.5)
