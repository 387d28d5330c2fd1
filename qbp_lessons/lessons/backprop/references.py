"""Two independent routes to chapter 1's gradient: finite differences and autograd.

Introduced in chapter 1. Neither shares code with the hand-written backward pass of
:mod:`qbp_lessons.lessons.backprop.passes`, so agreement with it is evidence:
finite differences only evaluate F, and autograd traces its own copy of F.
"""

from __future__ import annotations

import autograd
import autograd.numpy as anp
import numpy as np

from qbp_lessons._validate import choice, positive_real
from qbp_lessons.lessons.backprop.checks import check_inputs
from qbp_lessons.lessons.backprop.network import unflatten_core, widths_of
from qbp_lessons.lessons.backprop.passes import loss_core

__all__ = [
    "default_step",
    "grad_finite_difference_core",
    "grad_finite_difference",
    "autograd_loss",
    "grad_autograd_core",
    "grad_autograd",
]


def default_step(scheme: str) -> float:
    """The finite-difference step that balances truncation against round-off in float64.

    h = 1e-7 for ``"forward"`` differences (error O(h) + eps/h), 1e-5 for ``"central"``
    ones (error O(h^2) + eps/h).
    """
    scheme = choice("scheme", scheme, {"forward", "central"})
    return 1e-7 if scheme == "forward" else 1e-5


def grad_finite_difference_core(params, X, Y, h, scheme) -> list[np.ndarray]:
    """Finite differences of F, one parameter at a time. Introduced in chapter 1.

    No input checks: :func:`grad_finite_difference` checks the network, the data,
    ``h`` and ``scheme``, then calls this.
    """
    theta = np.concatenate([p.ravel() for p in params])  # our own copy, which we perturb in place
    views = unflatten_core(theta, widths_of(params))  # matrices that see every change to theta
    g = np.empty_like(theta)
    if scheme == "forward":
        F0 = loss_core(views, X, Y)  # 1 evaluation ...
    for k in range(theta.size):  # ... plus M (forward) or 2M (central)
        old = theta[k]
        theta[k] = old + h
        F_plus = loss_core(views, X, Y)
        if scheme == "forward":
            g[k] = (F_plus - F0) / h  # error O(h)
        else:
            theta[k] = old - h
            g[k] = (F_plus - loss_core(views, X, Y)) / (2 * h)  # error O(h^2)
        theta[k] = old
    return unflatten_core(g, widths_of(params))


def grad_finite_difference(
    params, X, Y, h: float | None = None, scheme: str = "central"
) -> list[np.ndarray]:
    """dF/dparams by finite differences: M + 1 ("forward") or 2M ("central") evaluations of F.

    Introduced in chapter 1. Each evaluation is a full
    :func:`qbp_lessons.lessons.backprop.passes.loss`, so the cost grows like
    M * TIME(F); compare :func:`qbp_lessons.lessons.backprop.passes.grad`. The
    default step is :func:`default_step`. Checks the inputs, then calls
    :func:`grad_finite_difference_core`.
    """
    params, X, Y = check_inputs(params, X, Y)
    scheme = choice("scheme", scheme, {"forward", "central"})
    h = positive_real("h", default_step(scheme) if h is None else h)
    return grad_finite_difference_core(params, X, Y, h, scheme)


def autograd_loss(params, X, Y):
    """The same F as :func:`qbp_lessons.lessons.backprop.passes.loss`, in autograd.numpy.

    Written with autograd's numpy so that autograd can trace it; no input checks.
    """
    a = X
    for theta in params:
        a = 1.0 / (1.0 + anp.exp(-anp.dot(theta, a)))
    return 0.5 * anp.sum((a - Y) ** 2) / Y.shape[1]


#: autograd's reverse-mode gradient of :func:`autograd_loss` with respect to params
#: (no input checks: :func:`grad_autograd` checks, then calls this).
grad_autograd_core = autograd.grad(autograd_loss)


def grad_autograd(params, X, Y) -> list[np.ndarray]:
    """dF/dparams by the autograd package: an independent reverse-mode autodiff.

    Introduced in chapter 1. autograd records every elementary operation on its
    own tape and replays it backwards; it should agree with
    :func:`qbp_lessons.lessons.backprop.passes.grad` to rounding error. Checks the
    inputs, then calls :data:`grad_autograd_core`.
    """
    params, X, Y = check_inputs(params, X, Y)
    return list(grad_autograd_core(params, X, Y))
