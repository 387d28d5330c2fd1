"""Forward and backward passes: the tape of activations, and the sweep that reads it back.

Introduced in chapter 1. :func:`forward_core` keeps every activation (the *tape*)
and :func:`backward_core` walks the layers in reverse, reusing them: the whole
trick of backpropagation. The scalar differentiated is the mean squared error to
targets Y, F(theta) = 0.5 * sum((f(X; theta) - Y)**2) / batch.

Each pass comes twice: a core that carries the idea (shown in the book, no input
checks) and the checked function a reader calls (:func:`forward`, :func:`backward`,
:func:`loss`), which validates its inputs with
:mod:`qbp_lessons.lessons.backprop.checks` and then calls the core.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


from qbp_lessons._validate import record
from qbp_lessons.lessons.backprop.checks import check_inputs, check_params
from qbp_lessons.lessons.backprop.network import sigmoid

__all__ = [
    "Tape",
    "squared_error",
    "forward_core",
    "forward",
    "backward_core",
    "backward",
    "grad",
    "loss_core",
    "loss",
]


@record
@dataclass(frozen=True)
class Tape:
    """What :func:`forward` stores for :func:`backward`. Introduced in chapter 1.

    ``activations[0]`` is X and ``activations[l + 1] = sigmoid(params[l] @ activations[l])``;
    ``targets`` is Y. Its size, about (L + 1) * width * batch numbers, is the
    memory price of backpropagation.
    """

    activations: list
    targets: np.ndarray


def squared_error(output, Y) -> float:
    """F = 0.5 * sum((output - Y)**2) / batch, the chapter's loss (no input checks)."""
    return 0.5 * float(np.sum((output - Y) ** 2)) / Y.shape[1]


def forward_core(params, X, Y) -> tuple[float, Tape]:
    """F and the tape of activations: the forward pass itself. Introduced in chapter 1.

    No input checks: :func:`forward` checks ``params``, ``X`` and ``Y``, then calls this.
    """
    activations = [X]
    for theta in params:
        activations.append(sigmoid(theta @ activations[-1]))  # keep every layer: this is the tape
    return squared_error(activations[-1], Y), Tape(activations, Y)


def forward(params, X, Y) -> tuple[float, Tape]:
    """Evaluate F and record the tape of activations. Introduced in chapter 1.

    Notice that the forward pass is no more expensive than :func:`loss`; it only
    *keeps* what it computes instead of dropping each layer once the next exists.
    Checks the inputs, then calls :func:`forward_core`.
    """
    return forward_core(*check_inputs(params, X, Y))


def backward_core(params, tape: Tape) -> list[np.ndarray]:
    """dF/dparams from the tape: the backward pass itself. Introduced in chapter 1.

    No input checks: :func:`backward` checks ``params`` and that ``tape`` fits them,
    then calls this.
    """
    a, Y = tape.activations, tape.targets
    g = (a[-1] - Y) / Y.shape[1]  # dF/da_L for F = 0.5 * sum((a_L - Y)^2) / batch
    grads = [None] * len(params)
    for layer in reversed(range(len(params))):
        # through the sigmoid: sigma' = a (1 - a), read off the tape
        delta = g * a[layer + 1] * (1.0 - a[layer + 1])
        grads[layer] = delta @ a[layer].T  # dF/dparams: the error times this layer's stored input
        if layer > 0:  # (the input X needs no gradient)
            g = params[layer].T @ delta  # dF/da_l: pass the error one layer down
    return grads


def backward(params, tape: Tape) -> list[np.ndarray]:
    """The gradient of F from a tape recorded by :func:`forward`. Introduced in chapter 1.

    One sweep from the output layer back to the input. Per layer it does two
    matrix products (one for the weights' gradient, one to pass the error down)
    where the forward pass did one: this is where omega of about 3 comes from.
    Nothing is recomputed: every activation is read from the tape. Checks the
    inputs, then calls :func:`backward_core`.
    """
    params = check_params(params)
    if not isinstance(tape, Tape):
        raise TypeError(f"tape must be the Tape returned by forward, got {type(tape).__name__}")
    if len(tape.activations) != len(params) + 1:
        raise ValueError(
            f"tape must hold {len(params) + 1} activations for {len(params)} layers, "
            f"got {len(tape.activations)}"
        )
    for layer, (theta, a) in enumerate(zip(params, tape.activations[1:])):
        if np.shape(a) != (theta.shape[0], np.shape(tape.targets)[1]):
            raise ValueError(
                f"tape does not match params: activation {layer + 1} has shape {np.shape(a)}"
            )
    return backward_core(params, tape)


def grad(params, X, Y) -> list[np.ndarray]:
    """dF/dparams by backpropagation: :func:`forward` then :func:`backward`. Chapter 1.

    Checks the inputs once, then calls :func:`forward_core` and :func:`backward_core`.
    """
    params, X, Y = check_inputs(params, X, Y)
    _, tape = forward_core(params, X, Y)
    return backward_core(params, tape)


def loss_core(params, X, Y) -> float:
    """F alone, dropping each layer once the next exists (no input checks: see :func:`loss`)."""
    a = X
    for theta in params:
        a = sigmoid(theta @ a)  # the previous layer is dropped: nothing is kept for a backward pass
    return squared_error(a, Y)


def loss(params, X, Y) -> float:
    """F alone, keeping only the current layer (no tape). Introduced in chapter 1.

    This is the fair baseline for MEMORY(F): an evaluation that does not plan
    to differentiate needs only two layers of activations at a time. Checks the
    inputs, then calls :func:`loss_core`.
    """
    return loss_core(*check_inputs(params, X, Y))
