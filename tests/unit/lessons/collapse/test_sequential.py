"""Tests of qbp_lessons.lessons.collapse.sequential (chapter 5): one Pauli string measured, then
another on the same copy, exactly (Lueders rule, against PennyLane's mid-circuit measurement)
and shot by shot (seeded, with tolerances of 5 standard errors derived from the Born-rule
variance 1 - <P>^2, a 6e-7 chance each of a false failure).
"""

import numpy as np
import pytest

from qbp_lessons import costs, interop
from qbp_lessons.engine import qinfo as Q
from qbp_lessons.engine.circuits import apply_pauli
from qbp_lessons.engine.ledger import Ledger
from qbp_lessons.engine.paulis import commutes, pauli_matrix
from qbp_lessons.engine.sampling import project_pauli
from qbp_lessons.lessons import collapse as C


PAIRS = [("XX", "ZI"), ("XX", "ZZ"), ("ZIY", "XIX"), ("ZIY", "ZZI"), ("YZX", "XZY"), ("XYZ", "ZYX")]


def ket(angle):
    return np.array([np.cos(angle / 2), np.sin(angle / 2)])


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


def test_single_copy_lower_bound_shape():
    assert costs.single_copy_lower_bound(10, 20) == 10
    assert np.array_equal(costs.single_copy_lower_bound(np.array([1, 2**5, 2**7]), 5), [1, 32, 32])
    with pytest.raises(ValueError, match="M must be >= 1"):
        costs.single_copy_lower_bound(0, 3)
    with pytest.raises(TypeError, match="angle"):
        costs.cnot_copy_fidelities("a")


def test_sequential_measurements_reject_bad_input():
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
