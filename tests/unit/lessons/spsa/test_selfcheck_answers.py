"""Chapter 4's self-check answers, recomputed with the package."""

from __future__ import annotations

import numpy as np
import pytest

from qbp_lessons import costs
from qbp_lessons.engine import Ledger, random_circuit, random_parameters
from qbp_lessons.lessons import spsa
from qbp_lessons.show.selfcheck import questions


def _numeric(number: int) -> float:
    item = questions("04_spsa")[number - 1]
    assert item["type"] == "numeric"
    return next(a["value"] for a in item["answers"] if a.get("correct"))


def test_shots_of_one_gradient():
    # question 1: K = 5 directions, 100 shots per evaluation, M = 1000, counted by the ledger
    circuit = random_circuit(2, 1000, seed=0)
    ledger = Ledger()
    spsa.spsa_grad(circuit, random_parameters(1000, seed=1), K=5, shots=100, seed=2, ledger=ledger)
    assert _numeric(1) == ledger.shots


def test_shots_where_the_two_terms_meet():
    # question 2: M = 64, ||g||^2 = 2, c = 0.1, v = 1; the shot term is the moment with shots
    # minus the noise-free one, and falls as 1/N
    M, g2, c = 64, 2.0, 0.1
    spread = float(costs.spsa_second_moment(M, g2))
    shot_term_1 = float(costs.spsa_second_moment(M, g2, shots=1, c=c)) - spread
    assert _numeric(2) == pytest.approx(shot_term_1 / spread, rel=2e-3)


def test_gaussian_variance_of_one_component():
    # question 3: g = (3, 4), Gaussian directions; the package's estimator on F = g . theta,
    # averaged exactly by Gauss-Hermite quadrature (exact for these polynomials)
    g = np.array([3.0, 4.0])
    nodes, weights = np.polynomial.hermite_e.hermegauss(6)
    weights = weights / weights.sum()
    mean = second = 0.0
    for x1, w1 in zip(nodes, weights):
        for x2, w2 in zip(nodes, weights):
            d = np.array([[x1, x2]])
            est = spsa.spsa_grad_core(lambda t: float(g @ t), np.zeros(2), d, 0.1)[0]
            mean += w1 * w2 * est
            second += w1 * w2 * est**2
    assert mean == pytest.approx(g[0])
    assert _numeric(3) == pytest.approx(second - mean**2)
