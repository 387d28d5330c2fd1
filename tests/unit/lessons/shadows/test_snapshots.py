"""Tests of qbp_lessons.lessons.shadows.snapshots (chapter 6): random Pauli snapshots.

Seeded statistical tests against the Born rule of each setting and against
PennyLane's ``qml.classical_shadow``; the ledger gets one execution per snapshot,
written by the sampler. No timings.
"""

import numpy as np
import pytest
from scipy import stats

from qbp_lessons import interop
from qbp_lessons.engine import circuits as C
from qbp_lessons.engine import sampling
from qbp_lessons.engine.ledger import Ledger
from qbp_lessons.lessons import shadows
from qbp_lessons.lessons.shadows import snapshots


def _state(n, seed, M=None):
    prep = C.random_circuit(n, M or 4 * n, locality=min(2, n), seed=seed)
    theta = C.random_parameters(prep.M, seed=seed + 100)
    return prep, theta, C.state(prep, theta)


@pytest.mark.parametrize("basis", ["XYZ", "ZZZ", "YXX"])
def test_snapshot_outcomes_follow_the_born_rule_of_their_setting(basis):
    """All snapshots in one setting: the counts pass a chi-square test against setting.probs."""
    _, _, psi = _state(3, 11)
    T = 20_000
    recipes = np.tile(np.array(["XYZ".index(ch) for ch in basis], dtype=np.int8), (T, 1))
    bits = snapshots.snapshot_outcomes(psi, recipes, seed=12)
    index = bits.astype(int) @ (1 << np.arange(2, -1, -1))
    counts = np.bincount(index, minlength=8)
    probs = sampling.setting(psi, basis).probs
    keep = probs * T > 5
    chi2 = np.sum((counts[keep] - T * probs[keep]) ** 2 / (T * probs[keep]))
    assert stats.chi2.sf(chi2, keep.sum() - 1) > 1e-4
    assert counts[~keep].sum() <= max(10, 3 * T * probs[~keep].sum() + 10)


def test_snapshots_have_the_distribution_of_pennylane_classical_shadow():
    """Ours and qml.classical_shadow's (recipes, bits) on 2 qubits: a two-sample chi-square test."""
    prep, theta, psi = _state(2, 21)
    T = 6_000
    ours = snapshots.random_pauli_snapshots(psi, T, seed=22)
    theirs = interop.pennylane_classical_shadow(prep, theta, T, seed=23)

    def cells(recipes, bits):
        code = (recipes.astype(int) @ np.array([3, 1])) * 4 + bits.astype(int) @ np.array([2, 1])
        return np.bincount(code, minlength=36)

    table = np.array([cells(*ours), cells(*theirs)])
    table = table[:, table.sum(axis=0) > 0]
    _, p, _, _ = stats.chi2_contingency(table)
    assert p > 1e-4
    for recipes, bits in (ours, theirs):
        assert recipes.shape == bits.shape == (T, 2) and set(np.unique(recipes)) <= {0, 1, 2}


def test_snapshots_are_seeded():
    _, _, psi = _state(4, 2)
    a = snapshots.random_pauli_snapshots(psi, 700, seed=5)
    b = snapshots.random_pauli_snapshots(psi, 700, seed=5)
    c = snapshots.random_pauli_snapshots(psi, 700, seed=6)
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    assert not np.array_equal(a[1], c[1])


def test_the_sampler_writes_each_draw_into_the_ledger():
    _, _, psi = _state(3, 4)
    ledger = Ledger()
    recipes, bits = snapshots.random_pauli_snapshots(psi, 600, seed=1, gates=5, ledger=ledger)
    assert (ledger.circuits, ledger.shots, ledger.shot_gates) == (600, 600, 3000)
    snapshots.snapshot_outcomes(psi, recipes[:7], seed=2, ledger=ledger)
    assert (ledger.circuits, ledger.shots, ledger.shot_gates) == (607, 607, 3000)
    assert bits.shape == (600, 3) and set(np.unique(bits)) == {0, 1}


def test_the_chapter_face_exports_the_snapshots():
    assert shadows.random_pauli_snapshots is snapshots.random_pauli_snapshots
    assert shadows.RECIPE_LETTERS == "XYZ" and shadows.BASIS_ROTATIONS.shape == (3, 2, 2)


def test_sampler_refuses_bad_input():
    _, _, psi = _state(2, 1)
    with pytest.raises(ValueError, match="psi must be normalised"):
        snapshots.snapshot_outcomes(2 * psi, np.zeros((3, 2), int))
    with pytest.raises(ValueError, match="psi must be normalised"):
        snapshots.random_pauli_snapshots(np.zeros(4), 3)
    with pytest.raises(ValueError, match="recipes must have shape"):
        snapshots.snapshot_outcomes(psi, np.zeros((3, 3), int))
    with pytest.raises(ValueError, match="recipes must contain only 0, 1 and 2"):
        snapshots.snapshot_outcomes(psi, np.full((3, 2), 3))
    with pytest.raises(ValueError, match="snapshots must be <="):
        snapshots.random_pauli_snapshots(psi, 10**7)
    with pytest.raises(ValueError, match="psi must have a dimension 2"):
        snapshots.random_pauli_snapshots(np.ones(3) / 3**0.5, 5)
