"""Tests of qbp_lessons.lessons.backprop.passes (chapter 1): the forward pass and its tape, the
backward pass that reads it, the loss, and the cores the book shows.
"""

import numpy as np
import pytest

from qbp_lessons.lessons import backprop as cl
from qbp_lessons.lessons.backprop import passes, references
from .networks import NETWORKS, setup


# depth 1, shallow, wide, narrow-bottleneck and deep networks


def test_backward_from_forward_equals_grad():
    params, X, Y = setup([5, 8, 8, 2])
    F, tape = cl.forward(params, X, Y)
    assert len(tape.activations) == len(params) + 1
    assert tape.activations[0] is not None and np.all(
        (tape.activations[-1] > 0) & (tape.activations[-1] < 1)
    )
    for a, b in zip(cl.backward(params, tape), cl.grad(params, X, Y)):
        np.testing.assert_array_equal(a, b)


def test_gradient_is_zero_at_a_perfect_fit():
    params, X, _ = setup([3, 4, 2])
    Y = cl.forward(params, X, np.zeros((2, X.shape[1])))[1].activations[-1]
    assert cl.loss(params, X, Y) == 0.0
    assert np.all(cl.flatten(cl.grad(params, X, Y)) == 0.0)


@pytest.mark.parametrize("widths", NETWORKS)
def test_forward_and_loss_agree(widths):
    params, X, Y = setup(widths)
    F, _ = cl.forward(params, X, Y)
    assert F == cl.loss(params, X, Y)
    assert F == pytest.approx(float(references.autograd_loss(params, X, Y)), rel=1e-14)
    # the talk's formula, written out for a two-layer network
    if len(params) == 2:

        def sig(z):
            return 1 / (1 + np.exp(-z))

        f = sig(params[1] @ sig(params[0] @ X))
        assert F == pytest.approx(0.5 * np.sum((f - Y) ** 2) / X.shape[1], rel=1e-13)


@pytest.mark.parametrize("widths", NETWORKS)
def test_the_cores_the_book_shows_are_what_the_checked_functions_run(widths):
    params, X, Y = setup(widths)
    F, tape = passes.forward_core(params, X, Y)
    F_checked, tape_checked = cl.forward(params, X, Y)
    assert F == F_checked == passes.loss_core(params, X, Y)
    for a, b in zip(tape.activations, tape_checked.activations):
        np.testing.assert_array_equal(a, b)
    for a, b in zip(passes.backward_core(params, tape), cl.backward(params, tape_checked)):
        np.testing.assert_array_equal(a, b)


P, X0, Y0 = setup([3, 4, 2], batch=5)


def test_backward_rejects_bad_tape():
    _, tape = cl.forward(P, X0, Y0)
    with pytest.raises(TypeError, match="tape"):
        cl.backward(P, tape.activations)
    with pytest.raises(ValueError, match="tape"):
        cl.backward(P, cl.Tape(tape.activations[:-1], Y0))
    with pytest.raises(ValueError, match="tape"):
        cl.backward(P, cl.Tape([X0, tape.activations[1][:, :2], tape.activations[2]], Y0))
    with pytest.raises(ValueError, match="params"):
        cl.backward([], tape)
