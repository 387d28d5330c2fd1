"""Tests of qbp_lessons.lessons.backprop.checks (chapter 1): every checked function names the
offending parameter, and the widths are checked wherever they are taken.
"""

import numpy as np
import pytest

from qbp_lessons.lessons import backprop as cl
from .networks import setup


P, X0, Y0 = setup([3, 4, 2], batch=5)
GRADIENT_FUNCTIONS = [cl.forward, cl.grad, cl.loss, cl.grad_finite_difference, cl.grad_autograd]


@pytest.mark.parametrize("fn", GRADIENT_FUNCTIONS)
@pytest.mark.parametrize(
    "params, X, Y, error, name",
    [
        ("not a list", X0, Y0, TypeError, "params"),
        (np.zeros((4, 3)), X0, Y0, TypeError, "params"),
        ([], X0, Y0, ValueError, "params"),
        ([np.zeros((4, 3)), np.zeros((2, 5))], X0, Y0, ValueError, r"params\[1\]"),
        ([np.zeros(3)], X0, Y0, ValueError, r"params\[0\]"),
        ([np.zeros((0, 3))], X0, np.zeros((0, 5)), ValueError, r"params\[0\]"),
        ([P[0], P[1] * np.nan], X0, Y0, ValueError, r"params\[1\]"),
        ([P[0], ["a"] * 4], X0, Y0, TypeError, r"params\[1\]"),
        ([P[0], P[1] * 1j], X0, Y0, TypeError, r"params\[1\]"),
        (P, X0.T, Y0, ValueError, "X"),
        (P, X0[0], Y0, ValueError, "X"),
        (P, np.where(X0 > 0, np.inf, X0), Y0, ValueError, "X"),
        (P, "X", Y0, TypeError, "X"),
        (P, X0, Y0.T, ValueError, "Y"),
        (P, X0, Y0[:, :3], ValueError, "Y"),
        (P, X0, Y0 * np.nan, ValueError, "Y"),
        (P, X0, None, TypeError, "Y"),
    ],
)
def test_gradient_functions_reject_bad_inputs(fn, params, X, Y, error, name):
    with pytest.raises(error, match=name):
        fn(params, X, Y)


@pytest.mark.parametrize(
    "widths, error, name",
    [
        ([3], ValueError, "widths"),
        ([], ValueError, "widths"),
        (5, TypeError, "widths"),
        ("34", TypeError, "widths"),
        ([3, 0], ValueError, r"widths\[1\]"),
        ([3, -2], ValueError, r"widths\[1\]"),
        ([3, 2.5], TypeError, r"widths\[1\]"),
        ([True, 2], TypeError, r"widths\[0\]"),
    ],
)
@pytest.mark.parametrize(
    "fn",
    [
        cl.num_params,
        cl.init_network,
        lambda w: cl.make_data(w, 3),
        lambda w: cl.unflatten(np.zeros(6), w),
        lambda w: cl.measure_omega(w, repeats=1),
    ],
)
def test_widths_are_checked(fn, widths, error, name):
    with pytest.raises(error, match=name):
        fn(widths)
