"""Tests of qbp_lessons.lessons.shadows.exact (chapter 6): the strings asked about and their
exact expectations, against the engine's apply_pauli. No timings.
"""

import math

import numpy as np
import pytest

from qbp_lessons.engine import circuits as C
from qbp_lessons.lessons import shadows as S


def _state(n, seed, M=None):
    prep = C.random_circuit(n, M or 4 * n, locality=min(2, n), seed=seed)
    theta = C.random_parameters(prep.M, seed=seed + 100)
    return prep, theta, C.state(prep, theta)


def _direct(psi, paulis):
    return np.array([np.vdot(psi, C.apply_pauli(p, psi)).real for p in paulis])


@pytest.mark.parametrize("n", [1, 3, 6])
def test_exact_expectations_match_apply_pauli(n):
    _, _, psi = _state(n, n)
    paulis = [
        C.random_pauli(n, int(w), s) for s, w in enumerate(np.resize(np.arange(1, n + 1), 40))
    ] + ["I" * n]
    assert np.max(np.abs(S.exact_expectations(psi, paulis) - _direct(psi, paulis))) < 1e-12


@pytest.mark.parametrize("n, k", [(3, 1), (4, 2), (5, 3), (6, 6)])
def test_all_paulis_counts_and_uniqueness(n, k):
    strings = S.all_paulis(n, k)
    assert len(strings) == math.comb(n, k) * 3**k
    assert len({p.label for p in strings}) == len(strings)
    assert all(p.weight == k for p in strings)
