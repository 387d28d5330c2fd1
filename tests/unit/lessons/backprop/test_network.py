"""Tests of qbp_lessons.lessons.backprop.network (chapter 1): the sigmoid, the seeded
network and data, theta as one vector, and their size caps.
"""

import time

import numpy as np
import pytest

from qbp_lessons.lessons import backprop as cl
from qbp_lessons.lessons.backprop import network
from .networks import NETWORKS, setup


# depth 1, shallow, wide, narrow-bottleneck and deep networks


def test_sigmoid_values_and_tails():
    assert cl.sigmoid(np.array(0.0)) == 0.5
    z = np.linspace(-30, 30, 61)
    np.testing.assert_allclose(cl.sigmoid(z) + cl.sigmoid(-z), 1.0, rtol=1e-15)
    np.testing.assert_allclose(
        cl.sigmoid(-z[z > 20]), np.exp(-z[z > 20]), rtol=1e-8
    )  # sigma(z) ~ e^z far left
    with np.errstate(over="ignore"):  # exp overflows to inf and the result is still exact
        assert cl.sigmoid(np.array([-1e4, 1e4])).tolist() == [0.0, 1.0]


@pytest.mark.parametrize("widths", NETWORKS)
def test_flatten_unflatten_round_trip(widths):
    params, _, _ = setup(widths)
    theta = cl.flatten(params)
    assert theta.shape == (cl.num_params(widths),)
    for a, b in zip(cl.unflatten(theta, widths), params):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(cl.flatten(cl.unflatten(theta, widths)), theta)


def test_unflatten_core_gives_views_of_theta():
    theta = np.arange(6.0 + 12.0)
    views = network.unflatten_core(theta, [3, 2, 6])
    assert [v.shape for v in views] == [(2, 3), (6, 2)]
    theta[0] = -1.0  # a view sees every change to theta: finite differences rely on it
    assert views[0][0, 0] == -1.0


def test_num_params_and_shapes():
    assert cl.num_params([3, 2]) == 6
    assert cl.num_params([784, 100, 10]) == 78_400 + 1_000
    params = cl.init_network([4, 6, 3], seed=7)
    assert [p.shape for p in params] == [(6, 4), (3, 6)]
    X, Y = cl.make_data([4, 6, 3], batch=9, seed=7)
    assert X.shape == (4, 9) and Y.shape == (3, 9)
    assert np.all((Y > 0) & (Y < 1))


def test_seeding_is_reproducible():
    np.testing.assert_array_equal(
        cl.flatten(cl.init_network([3, 4, 2], 5)), cl.flatten(cl.init_network([3, 4, 2], 5))
    )
    assert not np.array_equal(
        cl.flatten(cl.init_network([3, 4, 2], 5)), cl.flatten(cl.init_network([3, 4, 2], 6))
    )
    for a, b in zip(cl.make_data([3, 2], 4, 1), cl.make_data([3, 2], 4, 1)):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda: cl.init_network([3, 2], seed=-1), ValueError, "seed"),
        (lambda: cl.init_network([3, 2], seed=1.5), TypeError, "seed"),
        (lambda: cl.make_data([3, 2], batch=0), ValueError, "batch"),
        (lambda: cl.make_data([3, 2], batch=2, seed="a"), TypeError, "seed"),
        (lambda: cl.flatten("params"), TypeError, "params"),
        (lambda: cl.flatten([]), ValueError, "params"),
        (lambda: cl.unflatten(np.zeros(5), [3, 2]), ValueError, "theta"),
        (lambda: cl.unflatten(np.zeros((2, 3)), [3, 2]), ValueError, "theta"),
        (lambda: cl.unflatten([np.nan] * 6, [3, 2]), ValueError, "theta"),
        (lambda: cl.unflatten(None, [3, 2]), TypeError, "theta"),
    ],
)
def test_network_parameters_are_checked(call, error, name):
    with pytest.raises(error, match=name):
        call()


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: cl.init_network([10**5, 10**5]), "widths"),
        (lambda: cl.make_data([10**4, 10**4], 10**4), "batch"),
    ],
)
def test_sizes_are_capped_before_allocating(call, name):
    start = time.process_time()
    with pytest.raises(ValueError, match=rf"^{name}\b"):
        call()
    assert time.process_time() - start < 1.0
