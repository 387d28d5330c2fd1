"""Tests of qbp_lessons.lessons.backprop.checkpointing (chapter 1): the same gradient as plain
backprop, fewer stored layers, one extra forward pass, all counted by the code.
"""

import math

import numpy as np
import pytest

from qbp_lessons import costs
from qbp_lessons.lessons import backprop as cl
from qbp_lessons.lessons.backprop import checkpointing
from .networks import NETWORKS, setup


# depth 1, shallow, wide, narrow-bottleneck and deep networks


@pytest.mark.parametrize("widths", NETWORKS + [[4] * 13, [3] * 51])
def test_checkpointed_gradient_equals_plain_for_every_segment_length(widths):
    params, X, Y = setup(widths, batch=4)
    L = len(widths) - 1
    plain = cl.grad(params, X, Y)
    for segment in range(1, L + 1):
        result = cl.grad_checkpointed(params, X, Y, segment)
        for g, h in zip(result.grads, plain):
            assert g.shape == h.shape
            assert np.linalg.norm(g - h) <= 1e-12 * max(np.linalg.norm(h), 1e-300)
        # counted by the loops, compared with the closed forms of costs
        assert result.layer_evaluations == 2 * L
        assert result.peak_stored_layers == costs.stored_layers(L, segment)


def test_the_core_the_book_shows_is_what_grad_checkpointed_runs():
    params, X, Y = setup([4] * 10, batch=3)
    core = checkpointing.grad_checkpointed_core(params, X, Y, 3)
    checked = cl.grad_checkpointed(params, X, Y, 3)
    assert core.layer_evaluations == checked.layer_evaluations == 18
    assert core.peak_stored_layers == checked.peak_stored_layers
    for a, b in zip(core.grads, checked.grads):
        np.testing.assert_array_equal(a, b)


def test_checkpointed_gradient_matches_autograd_independently():
    params, X, Y = setup([5, 6, 6, 6, 6, 6, 6, 6, 2], batch=3, seed=4)
    ours = cl.grad_checkpointed(params, X, Y).grads
    for g, h in zip(ours, cl.grad_autograd(params, X, Y)):
        assert np.linalg.norm(g - h) <= 1e-12 * np.linalg.norm(h)


def test_default_checkpointing_holds_about_two_sqrt_L_layers():
    for L in (4, 9, 16, 32, 50, 100):
        params, X, Y = setup([2] * (L + 1), batch=1)
        held = cl.grad_checkpointed(params, X, Y).peak_stored_layers
        assert held < L + 1 or L < 4
        assert held <= 2 * math.ceil(math.sqrt(L)) + 1
        # a brute-force minimum over all segment lengths is not far below the default
        best = min(
            cl.grad_checkpointed(params, X, Y, k).peak_stored_layers for k in range(1, L + 1)
        )
        assert best <= held <= best + 2


def test_stored_layers_model_by_hand():
    assert costs.stored_layers(32) == 33
    assert (
        costs.checkpoint_segment(32) == 6
        and costs.checkpoint_segment(36) == 6
        and costs.checkpoint_segment(1) == 1
    )
    assert costs.stored_layers(32, 6) == 11  # at segment 4: 5 checkpoints + 6 layers
    assert costs.stored_layers(50, 7) == 14  # at segment 6: 7 checkpoints + 7 layers
    assert costs.stored_layers(4, 4) == 5  # one segment: the whole tape again, recomputed
    with pytest.raises(ValueError, match="segment"):
        costs.stored_layers(4, 5)
    with pytest.raises(ValueError, match="L"):
        costs.stored_layers(0)


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda p, X, Y: cl.grad_checkpointed(p, X, Y, 0), ValueError, "segment"),
        (lambda p, X, Y: cl.grad_checkpointed(p, X, Y, 4), ValueError, "segment"),
        (lambda p, X, Y: cl.grad_checkpointed(p, X, Y, True), TypeError, "segment"),
        (lambda p, X, Y: cl.grad_checkpointed(p, X, Y, 1.5), TypeError, "segment"),
        (lambda p, X, Y: cl.grad_checkpointed(p, X[:, :0], Y), ValueError, "X"),
    ],
)
def test_grad_checkpointed_rejects_bad_input(call, error, name):
    params, X, Y = setup([3, 4, 4, 2])
    with pytest.raises(error, match=rf"\b{name}\b"):
        call(params, X, Y)
