"""Tests of qbp_lessons.lessons.collapse.cloning (chapter 5): the CNOT from Pauli rotations, the
copier it makes, and the no-cloning argument in numbers, against closed forms.
"""

import numpy as np
import pytest

from qbp_lessons import costs
from qbp_lessons.engine import qinfo as Q
from qbp_lessons.engine.ledger import Ledger
from qbp_lessons.lessons import collapse as C


CNOT = np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]], dtype=complex)


def ket(angle):
    return np.array([np.cos(angle / 2), np.sin(angle / 2)])


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


def test_cnot_core_is_what_cnot_runs():
    psi = Q.random_state(3, seed=2)
    for control, target in ((0, 1), (2, 0), (1, 2)):
        checked = C.cnot(psi, control, target)
        np.testing.assert_array_equal(C.cnot_core(psi, control, target), checked)


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
    """E|a|^4 = 2/(d(d+1)) = 1/3 for a Haar-random qubit, so E(|a|^4 + |b|^4) = 2/3.

    Var from 200 draws.
    """
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


def test_cnot_rejects_bad_wires():
    with pytest.raises(ValueError, match="control and target"):
        C.cnot(np.array([1, 0, 0, 0]), 1, 1)
