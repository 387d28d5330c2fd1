"""Chapter 0's computations (lessons.basics.compute) against closed forms and the engine."""

from __future__ import annotations

import math

import numpy as np
import pytest

from qbp_lessons.engine import circuits, paulis
from qbp_lessons.engine.ledger import Ledger
from qbp_lessons.lessons import basics


def test_all_strings_are_the_4_to_the_n_distinct_strings():
    for n in (1, 2, 3):
        labels = [p.label for p in basics.all_strings(n)]
        assert len(labels) == len(set(labels)) == 4**n
    assert basics.all_strings(1)[0].label == "I"


@pytest.mark.parametrize("label", ["X", "XZ", "YIZ", "ZZZ", "IIXY"])
def test_half_of_all_strings_anticommute_with_a_non_identity_string(label):
    found = basics.anticommuting(label)
    assert len(found) == 4 ** len(label) // 2
    p = paulis.pauli_matrix(label)
    for q in found[:20]:  # anticommutation checked with matrices, not only with the rule
        Q = paulis.pauli_matrix(q)
        assert np.allclose(p @ Q, -Q @ p)


def test_the_identity_anticommutes_with_nothing():
    assert basics.anticommuting("III") == []


def test_rotation_matrix_is_cos_minus_i_sin_p():
    for label, t in (("X", 0.3), ("YZ", -1.1), ("XIZ", 2.5)):
        want = math.cos(t) * np.eye(2 ** len(label)) - 1j * math.sin(t) * paulis.pauli_matrix(label)
        assert np.max(np.abs(basics.rotation_matrix(label, t) - want)) < 1e-14


def test_measured_basis_puts_z_where_the_string_has_identity():
    assert basics.measured_basis("IXIY").label == "ZXZY"


def test_shot_estimates_are_counted_and_centred_on_the_expectation():
    psi = circuits.state(circuits.Circuit(2, ["YI", "XY"]), [0.4, 0.7])
    exact = float(np.vdot(psi, paulis.pauli_matrix("XZ") @ psi).real)
    ledger = Ledger()
    est = basics.shot_estimates(psi, "XZ", 200, 500, seed=3, ledger=ledger)
    assert est.shape == (500,)
    assert (ledger.circuits, ledger.shots) == (500, 500 * 200)
    sigma = math.sqrt((1 - exact**2) / 200)
    # the mean of 500 estimates has standard deviation sigma / sqrt(500): 5 of them bound it
    assert abs(est.mean() - exact) < 5 * sigma / math.sqrt(500)
    assert np.all(np.abs(est) <= 1)


def test_shot_spread_matches_the_binomial_model_within_its_sampling_error():
    spread = basics.shot_spread([0.0, 0.6], [20, 200], repetitions=1000, seed=1)
    assert spread.ledger.shots == 1000 * (20 + 200) * 2
    ratio = spread.measured_std() / spread.model_std()
    # the sample std of R estimates has relative error about 1/sqrt(2(R-1)) (2.2 %); allow 5 of
    # them plus the kurtosis of a mean of N +-1 outcomes (small for N >= 20)
    assert np.all(np.abs(ratio - 1) < 0.15)


def test_bad_input_names_the_parameter():
    with pytest.raises(ValueError, match="^n must be <="):
        basics.all_strings(7)
    with pytest.raises(ValueError, match="^p must have at most"):
        basics.anticommuting("X" * 7)
    with pytest.raises(ValueError, match="^p: rotation_matrix"):
        basics.rotation_matrix("X" * 9, 0.1)
    with pytest.raises(TypeError, match="^theta"):
        basics.rotation_matrix("X", "a")
    with pytest.raises(ValueError, match="^expectations must lie"):
        basics.shot_spread([1.5], [10])
    with pytest.raises(ValueError, match=r"^shots\[0\]"):
        basics.shot_spread([0.0], [0])
    with pytest.raises(ValueError, match="^psi"):
        basics.shot_estimates(np.ones(4), "XZ", 10, 2)
