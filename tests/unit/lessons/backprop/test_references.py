"""Tests of qbp_lessons.lessons.backprop.references (chapter 1): the hand-written backward pass
against two independent routes, central finite differences and autograd, and the counted
evaluations of finite differences.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qbp_lessons import costs
from qbp_lessons.lessons import backprop as cl
from qbp_lessons.lessons.backprop import references
from .networks import NETWORKS, setup


# depth 1, shallow, wide, narrow-bottleneck and deep networks


def _rel_err(a, b):
    a, b = cl.flatten(a), cl.flatten(b)
    return np.linalg.norm(a - b) / np.linalg.norm(b)


@pytest.mark.parametrize("widths", NETWORKS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_backprop_matches_central_differences(widths, seed):
    params, X, Y = setup(widths, seed=seed)
    assert (
        _rel_err(cl.grad(params, X, Y), cl.grad_finite_difference(params, X, Y, scheme="central"))
        < 1e-6
    )


@pytest.mark.parametrize("widths", NETWORKS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_backprop_matches_autograd(widths, seed):
    params, X, Y = setup(widths, seed=seed)
    ours, theirs = cl.grad(params, X, Y), cl.grad_autograd(params, X, Y)
    assert [g.shape for g in ours] == [p.shape for p in params]
    assert [g.shape for g in theirs] == [p.shape for p in params]
    for g_ours, g_theirs in zip(
        ours, theirs
    ):  # layer by layer, so small early-layer gradients count too
        assert np.linalg.norm(g_ours - g_theirs) <= 1e-12 * np.linalg.norm(g_theirs)


@settings(max_examples=25, deadline=None)
@given(
    widths=st.lists(st.integers(1, 6), min_size=2, max_size=6),
    batch=st.integers(1, 6),
    seed=st.integers(0, 2**32 - 1),
)
def test_backprop_property(widths, batch, seed):
    params, X, Y = setup(widths, batch, seed)
    ours = cl.grad(params, X, Y)
    theirs = cl.grad_autograd(params, X, Y)
    for g_ours, g_theirs in zip(ours, theirs):
        assert np.linalg.norm(g_ours - g_theirs) <= 1e-12 * np.linalg.norm(g_theirs) + 1e-300
    fd = cl.grad_finite_difference(params, X, Y, scheme="central")
    scale = np.linalg.norm(cl.flatten(ours))
    assert np.linalg.norm(cl.flatten(fd) - cl.flatten(ours)) <= 1e-6 * scale + 1e-10


def test_forward_differences_are_first_order_accurate():
    params, X, Y = setup([4, 6, 3])
    exact = cl.grad(params, X, Y)
    assert _rel_err(cl.grad_finite_difference(params, X, Y, scheme="forward"), exact) < 1e-5
    # halving h roughly halves the forward-difference error (O(h)), until round-off takes over
    e1 = _rel_err(cl.grad_finite_difference(params, X, Y, h=1e-3, scheme="forward"), exact)
    e2 = _rel_err(cl.grad_finite_difference(params, X, Y, h=5e-4, scheme="forward"), exact)
    assert 1.7 < e1 / e2 < 2.3


@pytest.mark.parametrize(
    "scheme, expected", [("forward", lambda M: M + 1), ("central", lambda M: 2 * M)]
)
@pytest.mark.parametrize("widths", [[3, 2], [2, 3, 4, 1]])
def test_finite_difference_evaluation_counts(monkeypatch, widths, scheme, expected):
    params, X, Y = setup(widths)
    calls = []
    real_loss = references.loss_core

    def counting_loss(*args):
        calls.append(1)
        return real_loss(*args)

    monkeypatch.setattr(references, "loss_core", counting_loss)
    cl.grad_finite_difference(params, X, Y, scheme=scheme)
    M = cl.num_params(widths)
    assert len(calls) == expected(M)
    assert len(calls) == costs.finite_difference_evaluations(M, scheme)


def test_finite_differences_leave_params_untouched():
    params, X, Y = setup([3, 4, 2])
    before = cl.flatten(params)
    cl.grad_finite_difference(params, X, Y)
    np.testing.assert_array_equal(cl.flatten(params), before)


P, X0, Y0 = setup([3, 4, 2], batch=5)


@pytest.mark.parametrize(
    "kwargs, error, name",
    [
        ({"h": 0.0}, ValueError, "h"),
        ({"h": -1e-5}, ValueError, "h"),
        ({"h": float("nan")}, ValueError, "h"),
        ({"h": "small"}, TypeError, "h"),
        ({"scheme": "backward"}, ValueError, "scheme"),
        ({"scheme": 2}, TypeError, "scheme"),
    ],
)
def test_finite_difference_rejects_bad_step_and_scheme(kwargs, error, name):
    with pytest.raises(error, match=name):
        cl.grad_finite_difference(P, X0, Y0, **kwargs)
