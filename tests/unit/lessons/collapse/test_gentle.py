"""Tests of qbp_lessons.lessons.collapse.gentle (chapter 5): the Lueders rule for an effect, the
gentle measurement lemma on random cases and reached by a tight one, and the union bounds.
"""

import numpy as np
import pytest

from qbp_lessons import costs
from qbp_lessons.engine import qinfo as Q
from qbp_lessons.engine.paulis import pauli_matrix
from qbp_lessons.engine.sampling import project_pauli
from qbp_lessons.lessons import collapse as C


def ket(angle):
    return np.array([np.cos(angle / 2), np.sin(angle / 2)])


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


def test_the_bound_from_costs_is_reached_by_the_tight_case():
    # the tight case is built from a state and a projector, not from the formula it meets
    for eps in (1e-6, 1e-3, 0.05, 0.3, 0.9):
        eps_measured, distance = C.tight_gentle_case(eps, n=2, rank=2, seed=3)
        assert eps_measured == pytest.approx(eps, rel=1e-9)
        assert distance == pytest.approx(costs.gentle_measurement_bound(eps_measured), rel=1e-7)
    check = C.gentle_measurement_check(200, seed=4)
    np.testing.assert_array_equal(check.bound, costs.gentle_measurement_bound(check.eps))
    assert np.all(check.distance <= check.bound * (1 + 1e-9) + 1e-12)


@pytest.mark.parametrize(
    "eps, error",
    [
        (-0.1, ValueError),
        (1.5, ValueError),
        (True, TypeError),
        ("a", TypeError),
        ([0.5, 2.0], ValueError),
        ([np.nan], ValueError),
    ],
)
def test_gentle_measurement_bound_rejects_bad_eps(eps, error):
    with pytest.raises(error, match="eps"):
        costs.gentle_measurement_bound(eps)


def test_measure_effect_is_lueders_and_matches_projection():
    rng = np.random.default_rng(22)
    psi = Q.random_state(2, rng)
    rho = Q.density_matrix(psi)
    proj = (np.eye(4) + pauli_matrix("XZ")) / 2
    p, post = C.measure_effect(rho, proj)
    q, after = project_pauli(psi, "XZ", 1)
    assert abs(p - q) < 1e-12 and np.allclose(post, Q.density_matrix(after), atol=1e-12)


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


def test_gentle_functions_reject_bad_input():
    rho = Q.random_density(2, seed=0)
    with pytest.raises(ValueError, match="probability 0"):
        C.measure_effect(Q.density_matrix(ket(0)), np.diag([0.0, 1.0]))
    with pytest.raises(ValueError, match="0 <= effect <= I"):
        C.measure_effect(rho, 2 * np.eye(4))
    with pytest.raises(ValueError, match="cases must be <= "):
        C.gentle_measurement_check(10**6)
