"""Tests of qbp_lessons.interop.spsa: PennyLane's SPSA on given directions against the formula."""

import numpy as np
import pytest

from qbp_lessons import interop
from qbp_lessons.engine import circuits as C
from qbp_lessons.lessons.param_shift.structure import light_cone


def spsa_by_hand(circ, theta, directions, c):
    """(1/K) sum_k [F(theta + c D_k) - F(theta - c D_k)] / (2c) * D_k, with the engine's F."""
    return np.mean(
        [
            (C.expval(circ, theta + c * d) - C.expval(circ, theta - c * d)) / (2 * c) * d
            for d in directions
        ],
        axis=0,
    )


@pytest.mark.parametrize("route", ["transform", "qnode"])
def test_spsa_on_given_directions_is_the_central_difference_formula(route):
    circ = C.random_circuit(3, 6, seed=8)
    theta = C.random_parameters(6, seed=8)
    directions = np.random.default_rng(1).choice([-1.0, 1.0], size=(4, 6))
    grad, tracked = interop.spsa_grad_pennylane(
        circ, theta, K=4, c=0.05, directions=directions, route=route
    )
    assert np.max(np.abs(grad - spsa_by_hand(circ, theta, directions, 0.05))) < 1e-12
    # 2K perturbed circuits; the QNode route runs one forward pass more
    assert tracked.circuits == 8 + (route == "qnode")


def test_pennylane_directions_are_signs_inside_the_light_cone():
    circ = C.random_circuit(4, 10, seed=11)
    inside = light_cone(circ)
    directions = interop.pennylane_spsa_directions(circ, 5, seed=3)
    assert directions.shape == (5, 10)
    assert set(np.unique(directions[:, inside])) <= {-1.0, 1.0}
    assert np.all(directions[:, ~inside] == 0.0)
    # and they are the directions PennyLane's own sampler draws for that seed
    grad, _ = interop.spsa_grad_pennylane(circ, C.random_parameters(10, seed=1), K=5, seed=3)
    mine, _ = interop.spsa_grad_pennylane(
        circ, C.random_parameters(10, seed=1), K=5, directions=directions
    )
    assert np.max(np.abs(grad - mine)) < 1e-12


def test_spsa_names_bad_input():
    circ = C.random_circuit(2, 3, seed=0)
    with pytest.raises(ValueError, match=r"^directions"):
        interop.spsa_grad_pennylane(circ, np.zeros(3), K=2, directions=np.ones((1, 3)))
    with pytest.raises(ValueError, match=r"^route"):
        interop.spsa_grad_pennylane(circ, np.zeros(3), route="fast")
