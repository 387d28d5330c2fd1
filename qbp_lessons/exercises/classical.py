"""Chapter 1's exercises: finite differences at scale, and backward by hand.

Introduced in chapter 1.
"""

from __future__ import annotations

import numpy as np

from .. import classical, costs
from .checker import Exercise, Verdict, call_student, exact_int, numeric, WrongKind

_MNIST_WIDTHS = [784, 128, 10]
_GPT3_PARAMS = 175_000_000_000


def _backward_matches(candidate) -> Verdict:
    """A judge for a hand-written backward pass: it must agree with :func:`classical.backward`."""
    for seed, widths in enumerate([[3, 2], [4, 5, 3], [6, 8, 8, 2, 1]]):
        params = classical.init_network(widths, seed)
        X, Y = classical.make_data(widths, batch=7, seed=seed + 10)
        _, tape = classical.forward(params, X, Y)
        expected = classical.backward(params, tape)
        got = call_student(candidate, params, tape)
        if not isinstance(got, (list, tuple)):
            raise WrongKind(f"a function returning a list of arrays, one per layer; yours returned "
                            f"{type(got).__name__}")
        if len(got) != len(expected):
            return Verdict("wrong", f"{len(got)} gradients for {len(expected)} layers on widths {widths}")
        for layer, (g, e) in enumerate(zip(got, expected)):
            if np.shape(g) != e.shape:
                return Verdict("wrong", f"layer {layer}: shape {np.shape(g)}, expected {e.shape}")
            if not np.allclose(g, e, rtol=1e-8, atol=1e-12):
                return Verdict("wrong", f"layer {layer} of widths {widths} differs")
    return Verdict("correct")


EXERCISES = {
    "1.1": Exercise(
        question="How many evaluations of F does a central-difference gradient of the sigmoid "
                 "network with widths [784, 128, 10] need?",
        judge=exact_int(lambda: costs.finite_difference_evaluations(classical.num_params(_MNIST_WIDTHS), "central")),
        hints=("Count the parameters first: one weight matrix per layer, widths[l+1] x widths[l].",
               "Central differences evaluate F twice per parameter."),
        expects="a whole number",
    ),
    "1.2": Exercise(
        question="A model with 175 billion parameters takes 60 s per evaluation of F. How many "
                 "years would one forward-difference gradient take?",
        judge=numeric(lambda: costs.finite_difference_time(_GPT3_PARAMS, 60.0, "forward") / costs.SECONDS_PER_YEAR),
        hints=("Forward differences need F at theta and at theta + h e_k for every k: M + 1 evaluations.",
               "Multiply by 60 s; a year is 365.25 x 24 x 3600 s."),
    ),
    "1.3": Exercise(
        question="Write backward(params, tape) yourself, from the tape of classical.forward, and check it.",
        judge=_backward_matches,
        hints=("Start at the output: for F = sum (a_L - Y)^2 / (2 batch), dF/da_L = (a_L - Y) / batch.",
               "Through a sigmoid, multiply by a (1 - a): the tape already holds a.",
               "The weight gradient of layer l is delta @ a_prev.T; pass the error down with params[l].T @ delta."),
        expects="a function backward(params, tape) returning one array per layer",
    ),
}
