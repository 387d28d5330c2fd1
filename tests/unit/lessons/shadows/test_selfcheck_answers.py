"""Chapter 6's self-check numbers, recomputed with the package (not copied from the JSON)."""

import math

import numpy as np
import pytest

from qbp_lessons import costs
from qbp_lessons.engine import circuits, gradients
from qbp_lessons.lessons import shadows
from qbp_lessons.show.selfcheck import questions

STEM = "06_shadow_tomography"


def _numeric(index):
    item = questions(STEM)[index]
    assert item["type"] == "numeric"
    right = [a for a in item["answers"] if a.get("correct") is True]
    wrong = [a["value"] for a in item["answers"] if a.get("correct") is False]
    return right[0]["value"], wrong


def test_the_reduction_component_is_twice_the_expectation():
    want, wrong = _numeric(1)
    # one qubit exp(-i a Y)|0> has <Z> = cos 2a = -0.35; Q = Z
    prep = circuits.Circuit(1, ["Y"])
    a = math.acos(-0.35) / 2
    circuit = shadows.reduction_circuit(prep, ["Z"])
    component = gradients.grad_adjoint(circuit, shadows.reduction_parameters(prep, [a], 1))[-1]
    assert component == pytest.approx(want, abs=1e-12)
    assert shadows.expectations_by_gradient(prep, [a], ["Z"])[0] == pytest.approx(wrong[0])


def test_the_snapshot_count_comes_from_the_shadow_norm():
    want, wrong = _numeric(2)
    assert costs.shadow_norm_squared(3) / 0.1**2 == pytest.approx(want)
    assert 1 / 0.1**2 == pytest.approx(wrong[0])  # a variance of 1: direct measurement


def test_the_snapshot_count_holds_on_seeded_snapshots():
    """At T = 2700 a weight-3 estimate spreads by about 0.1 over seeded runs (<Q> = 0)."""
    want, _ = _numeric(2)
    psi = np.zeros(8, dtype=complex)
    psi[0] = 1.0  # |000>: <XXX> = 0, the worst case of the variance bound
    estimates = [
        shadows.estimate_paulis(shadows.measure_shadow(psi, int(want), seed=s), ["XXX"])[0]
        for s in range(200)
    ]
    # the sample std of 200 runs is within about 10% (5 standard errors of a std: 5 / sqrt(400))
    assert abs(np.std(estimates) - 0.1) < 0.1 * 5 / math.sqrt(2 * 200)
