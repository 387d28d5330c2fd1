"""Chapter 4's self-check answers, recomputed with the package."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from qbp_lessons import costs
from qbp_lessons.lessons import spsa
from qbp_lessons.show.selfcheck import questions


def _numeric(number: int) -> float:
    item = questions("04_spsa")[number - 1]
    assert item["type"] == "numeric"
    return next(a["value"] for a in item["answers"] if a.get("correct"))


def test_second_moment_of_one_direction():
    # question 2: M = 10, ||g|| = 1
    assert _numeric(2) == pytest.approx(float(costs.spsa_second_moment(10, 1.0)))


def test_variance_of_one_component():
    # question 3: g = (3, 4); the package's estimator on F = g . theta, over all directions
    g = np.array([3.0, 4.0])
    directions = np.array(list(itertools.product([-1.0, 1.0], repeat=2)))
    estimates = np.array(
        [spsa.spsa_grad_core(lambda t: float(g @ t), np.zeros(2), d[None], 0.1) for d in directions]
    )
    assert np.allclose(estimates.mean(axis=0), g)
    assert _numeric(3) == pytest.approx(float(np.mean((estimates[:, 0] - g[0]) ** 2)))


def test_directions_grow_linearly():
    # question 5's right answer: K >= (M - 1) / eps^2
    item = questions("04_spsa")[4]
    assert "(M-1)/\\varepsilon^2" in next(a["answer"] for a in item["answers"] if a["correct"])
    K = costs.spsa_directions_for_accuracy(np.array([11, 101, 1001]), 0.5)
    assert K.tolist() == [40, 400, 4000]
