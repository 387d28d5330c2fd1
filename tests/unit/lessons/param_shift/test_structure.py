"""Tests of qbp_lessons.lessons.param_shift.structure: reduced angles and the light cone."""

import math

import numpy as np
import pytest

from qbp_lessons.engine import circuits as C
from qbp_lessons.engine import gradients
from qbp_lessons.lessons.param_shift import structure


def test_gradient_vanishes_outside_light_cone():
    circ = C.Circuit(4, ["XXII", "IIYZ", "IIZX", "ZXII", "IIZZ"], {0: "Z"})
    inside = structure.light_cone(circ)
    assert inside.tolist() == [True, False, False, True, False]
    g = gradients.grad_adjoint(circ, C.random_parameters(circ.M, seed=1))
    assert np.allclose(g[~inside], 0.0, atol=1e-14)


def test_reduced_angles_leave_cos_and_sin_unchanged():
    theta = np.array([0.3, -2.0, 1e15, 7.5, -math.pi / 2])
    out = structure.reduce_angles(theta)
    assert np.all((out >= -math.pi / 2) & (out < math.pi / 2 + 1e-15))
    assert np.allclose(np.sin(2 * out), np.sin(2 * theta)) and np.allclose(
        np.cos(2 * out), np.cos(2 * theta)
    )
    assert np.allclose(structure.reduce_angles([7.5], period=2 * math.pi), [7.5 - 2 * math.pi])


def test_structure_rejects_bad_input():
    with pytest.raises(TypeError, match="circuit"):
        structure.light_cone([1, 2])
    with pytest.raises(ValueError, match="period"):
        structure.reduce_angles([1.0], period=0)
