"""Tests of qbp_lessons.interop.qinfo: PennyLane's state measures, collapse vs the engine."""

import numpy as np
import pytest

from qbp_lessons import interop
from qbp_lessons.engine import paulis as Pa
from qbp_lessons.engine import qinfo as Q
from qbp_lessons.engine import sampling as S


@pytest.mark.parametrize("seed", range(4))
def test_pennylane_state_measures_equal_the_engine(seed):
    rho = Q.random_density(3, rank=1 + seed % 3, seed=seed)
    sigma = Q.random_density(3, seed=50 + seed)
    keep = [0, 2]
    got = interop.pennylane_state_measures(rho, sigma, keep)
    assert abs(got["fidelity"] - Q.fidelity(rho, sigma)) < 1e-8
    assert abs(got["trace_distance"] - Q.trace_distance(rho, sigma)) < 1e-12
    assert abs(got["purity"] - Q.purity(rho)) < 1e-12
    assert np.max(np.abs(got["reduced"] - Q.partial_trace(rho, keep))) < 1e-12


@pytest.mark.parametrize(
    "first, second, outcome", [("XII", "ZII", 1), ("IYI", "IZX", -1), ("IIZ", "XXZ", 1)]
)
def test_pennylane_collapse_equals_the_lueders_rule(first, second, outcome):
    psi = Q.random_state(3, seed=4)
    _, post = S.project_pauli(psi, first, outcome)
    expected = float(np.real(np.vdot(post, Pa.pauli_matrix(second) @ post)))
    assert abs(interop.pennylane_collapse(psi, first, second, outcome) - expected) < 1e-10


def test_measuring_x_erases_z():
    zero = np.array([1.0, 0.0])
    for outcome in (1, -1):
        assert abs(interop.pennylane_collapse(zero, "X", "Z", outcome)) < 1e-12


def test_collapse_names_bad_input():
    psi = Q.random_state(2, seed=0)
    with pytest.raises(ValueError, match=r"^first"):
        interop.pennylane_collapse(psi, "XX", "ZI", 1)
    with pytest.raises(ValueError, match=r"^outcome"):
        interop.pennylane_collapse(psi, "XI", "ZI", 0)
