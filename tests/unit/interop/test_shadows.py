"""Tests of qbp_lessons.interop.shadows: PennyLane's shadows against the estimator written out."""

import numpy as np
import pytest

from qbp_lessons import interop
from qbp_lessons.engine import circuits as C
from qbp_lessons.lessons.shadows.snapshots import random_pauli_snapshots

LETTERS = "XYZ"  # recipe 0, 1, 2


def shadow_mean(recipes, bits, label):
    """Mean over snapshots of prod_{w in support} 3 [recipe_w = P_w] (-1)^bit_w."""
    values = np.ones(recipes.shape[0])
    for w, letter in enumerate(label):
        if letter != "I":
            match = recipes[:, w] == LETTERS.index(letter)
            values *= 3.0 * match * (1 - 2 * bits[:, w].astype(float))
    return values.mean()


def test_pennylane_estimates_equal_the_estimator_on_the_same_snapshots():
    circ = C.random_circuit(3, 6, seed=2)
    psi = C.state(circ, C.random_parameters(6, seed=2))
    recipes, bits = random_pauli_snapshots(psi, 500, seed=3)
    labels = ["ZII", "IXY", "YZX", "IIZ"]
    got = interop.pennylane_shadow_expval(recipes, bits, labels, chunk=2)
    expected = [shadow_mean(recipes, bits, p) for p in labels]
    assert np.max(np.abs(got - expected)) < 1e-12


def test_pennylane_snapshots_estimate_the_engine_expectation():
    circ = C.random_circuit(2, 5, seed=6)  # observable Z on wire 0
    theta = C.random_parameters(5, seed=6)
    T = 6_000
    recipes, bits = interop.pennylane_classical_shadow(circ, theta, T, seed=1)
    assert recipes.shape == bits.shape == (T, 2) and recipes.dtype == np.int8
    again = interop.pennylane_classical_shadow(circ, theta, T, seed=1)
    assert np.array_equal(again[0], recipes) and np.array_equal(again[1], bits)
    # one snapshot of Z0 is 3 (+-1) w.p. 1/3, else 0: variance <= 3, so 5 sigma = 5 sqrt(3 / T)
    estimate = shadow_mean(recipes, bits, "ZI")
    assert abs(estimate - C.expval(circ, theta)) < 5 * np.sqrt(3 / T)


def test_shadow_expval_names_bad_input():
    recipes = np.zeros((4, 2), dtype=np.int8)
    with pytest.raises(ValueError, match=r"^bits"):
        interop.pennylane_shadow_expval(recipes, np.zeros(4), ["ZI"])
    with pytest.raises(TypeError, match=r"^paulis"):
        interop.pennylane_shadow_expval(recipes, np.zeros((4, 2), dtype=np.int8), "ZI")
