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


def test_a_y_generator_leaves_x_on_the_ancilla_and_a_zero_gradient():
    """Question 1's answer: with Y_anc (x) Q_k as the generator the component vanishes."""
    item = questions(STEM)[0]
    right = [a["answer"] for a in item["answers"] if a["correct"] is True]
    assert right == ["0, for every state"]
    prep = circuits.Circuit(1, ["Y"])
    a = math.acos(0.3) / 2  # <Z> = 0.3 on the state's qubit
    x_circuit = shadows.reduction_circuit(prep, ["Z"])
    labels = [p.label for p in x_circuit.generators]
    assert labels[-1] == "XZ"
    y_circuit = circuits.Circuit(2, labels[:-1] + ["YZ"], observable=x_circuit.observable)
    point = shadows.reduction_parameters(prep, [a], 1)
    assert gradients.grad_adjoint(x_circuit, point)[-1] == pytest.approx(0.6, abs=1e-12)
    assert gradients.grad_adjoint(y_circuit, point)[-1] == pytest.approx(0.0, abs=1e-12)


def test_the_snapshot_variance_is_the_shadow_norm_less_the_mean_squared():
    want, wrong = _numeric(3)
    assert costs.shadow_norm_squared(2) - 0.6**2 == pytest.approx(want)
    assert costs.shadow_norm_squared(2) == pytest.approx(wrong[0])
    # seeded snapshots of sqrt(0.8)|00> + sqrt(0.2)|01>, where <ZZ> = 0.6
    psi = np.sqrt(np.array([0.8, 0.2, 0.0, 0.0], dtype=complex))
    assert shadows.exact_expectations(psi, ["ZZ"])[0] == pytest.approx(0.6)
    shadow = shadows.measure_shadow(psi, 40000, seed=11)
    match = np.all(shadow.recipes == 2, axis=1)
    q = match * 9.0 * np.prod(1 - 2 * shadow.bits.astype(int), axis=1)
    # q^2 is 81 with probability 1/9: the sample variance's std is about sqrt(583 / T) = 0.12
    assert abs(np.var(q) - want) < 5 * math.sqrt(81**2 * (1 / 9) * (8 / 9) / len(q))


def test_commuting_strings_need_one_over_eps_squared_copies():
    want, wrong = _numeric(4)
    assert costs.shots_for_precision(0.05) == want
    assert 1000 * costs.shots_for_precision(0.05) == wrong[0]
    # seeded: |+++> measured in Z, three commuting Z strings with <Q> = 0 (the worst case)
    psi = np.full(8, 1 / math.sqrt(8), dtype=complex)
    recipes = np.full((int(want), 3), 2)
    means = []
    for s in range(200):
        signs = 1 - 2 * shadows.snapshot_outcomes(psi, recipes, seed=s).astype(int)
        means.append([signs[:, 0].mean(), (signs[:, 0] * signs[:, 1]).mean(), signs.prod(1).mean()])
    # each sample std of 200 runs within 5 standard errors of 0.05 (about 5 / sqrt(400))
    assert np.all(np.abs(np.std(means, axis=0) - 0.05) < 0.05 * 5 / math.sqrt(2 * 200))
