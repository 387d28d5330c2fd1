"""Chapter 1's exercises: the backward pass by hand, the memory of the tape, checkpointing,
reverse mode's outputs.

Introduced in chapter 1.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from qbp_lessons import costs
from qbp_lessons.lessons import backprop as classical
from qbp_lessons.exercises.checker import (
    Exercise,
    Verdict,
    WrongKind,
    call_student,
    FOUR_FIGURES,
    exact_int,
    numeric,
    short,
)

#: The depths of exercises 1.3 and 1.4, and the classifier of 1.5 (one sample).
CHECKPOINT_DEPTH = 50
PRODUCTS_DEPTH = 40
DIGIT_WIDTHS = (784, 128, 10)


#: Exercise 1.2's caps, checked before anything is built: the checker measures the network.
MAX_EX12_LAYERS = 200
#: Exercise 1.2 asks for layers at least this wide: four times the chapter's sweep (width 64),
#: so that its table does not hold the answer.
MIN_EX12_WIDTH = 256


def _as_arrays(got, layer: int) -> np.ndarray:
    """One layer's gradient from the student as a float array, or WrongKind (strings, objects)."""
    try:
        return np.asarray(got, dtype=float)
    except Exception:
        raise WrongKind(
            f"arrays of numbers, one per layer; layer {layer} of yours holds {short(got)}"
        ) from None


def _backward_matches(candidate) -> Verdict:
    """A judge for a hand-written backward pass: it must agree with :func:`classical.backward`.

    Near (the next hint opens): the right number of gradients of the right shapes.
    """
    for seed, widths in enumerate([[3, 2], [4, 5, 3], [6, 8, 8, 2, 1]]):
        params = classical.init_network(widths, seed)
        X, Y = classical.make_data(widths, batch=7, seed=seed + 10)
        _, tape = classical.forward(params, X, Y)
        expected = classical.backward(params, tape)
        got = call_student(candidate, params, tape)
        if not isinstance(got, (list, tuple)):
            raise WrongKind(
                "a function returning a list of arrays, one per layer; yours returned "
                f"{type(got).__name__}"
            )
        if len(got) != len(expected):
            return Verdict(
                "wrong", f"{len(got)} gradients for {len(expected)} layers on widths {widths}"
            )
        for layer, (g, e) in enumerate(zip(got, expected)):
            g = _as_arrays(g, layer)
            if g.shape != e.shape:
                return Verdict("wrong", f"layer {layer}: shape {g.shape}, expected {e.shape}")
            if not np.allclose(g, e, rtol=1e-8, atol=1e-12):
                return Verdict("wrong", f"layer {layer} of widths {widths} differs", near=True)
    return Verdict("correct")


def _memory_bound_broken_and_fixed(answer, min_width: int = MIN_EX12_WIDTH) -> Verdict:
    """A judge for 1.2: a (widths, batch) whose plain omega2 exceeds 4 and checkpointed does not.

    Every width must be at least ``min_width``. The network is measured
    (classical.measure_memory), so its size is capped before anything is built: at most
    MAX_EX12_LAYERS layers, and measure_memory's caps on parameters and tape. Near: a plain
    ratio measured above 3.
    """
    if isinstance(answer, (str, bytes)) or not isinstance(answer, Sequence) or len(answer) != 2:
        raise WrongKind(f"a pair (widths, batch), such as ([{MIN_EX12_WIDTH}] * 9, 256)")
    widths, batch = answer
    if isinstance(widths, (str, bytes)) or not hasattr(widths, "__len__"):
        raise WrongKind(
            "a network the checker can build: widths must be a list of layer widths,"
            f" not a {type(widths).__name__}"
        )
    if len(widths) > MAX_EX12_LAYERS + 1:
        raise WrongKind(
            f"a network the checker can build: at most {MAX_EX12_LAYERS} layers"
            f" ({MAX_EX12_LAYERS + 1} widths), got {len(widths):,} widths"
        )
    try:
        narrowest = min(widths)
        too_narrow = narrowest < min_width
    except (TypeError, ValueError):
        narrowest, too_narrow = None, False  # measure_memory names what is wrong with them
    if too_narrow:
        return Verdict(
            "wrong", f"every layer must be at least {min_width} wide; yours has one of {narrowest}"
        )
    try:
        result = classical.measure_memory(list(widths), batch)
    except (TypeError, ValueError) as exc:
        raise WrongKind(f"a network the checker can build: {exc}") from None
    plain, checkpointed = result.omega2, result.omega2_checkpointed
    if plain <= 4:
        return Verdict(
            "wrong", f"plain backprop's ratio measured {plain:.2f}, not above 4 yet", near=plain > 3
        )
    if checkpointed > 4:
        return Verdict(
            "wrong",
            f"plain {plain:.2f} is above 4, but checkpointed ({result.segment} layers per "
            f"segment) is still {checkpointed:.2f}",
            near=True,
        )
    return Verdict(
        "correct",
        f"Measured: plain {plain:.1f}, checkpointed {checkpointed:.1f} "
        f"(depth {result.depth}, batch {result.batch}).",
    )


def _checkpointed_product_ratio(L: int) -> float:
    """Matrix products of a checkpointed gradient over those of F, for L square layers.

    The layer evaluations are counted by :func:`classical.grad_checkpointed` on a
    small network of that depth; the backward pass adds two products per layer
    but the first (the input needs no error passed down).
    """
    widths = [2] * (L + 1)
    params = classical.init_network(widths, 0)
    X, Y = classical.make_data(widths, 1, 1)
    evaluations = classical.grad_checkpointed(
        params, X, Y, costs.checkpoint_segment(L)
    ).layer_evaluations
    return (evaluations + 2 * L - 1) / L


def _fewest_stored_layers(L: int) -> int:
    return min(costs.stored_layers(L, k) for k in range(1, L + 1))


EXERCISES = {
    "1.1": Exercise(
        question=(
            "Write backward(params, tape) yourself, from the tape of classical.forward, and"
            " check it."
        ),
        judge=_backward_matches,
        solution=lambda: classical.backward,
        hints=(
            (
                "Start at the output: for F = sum (a_L - Y)^2 / (2 batch), dF/da_L = (a_L - Y) /"
                " batch."
            ),
            "Through a sigmoid, multiply by a (1 - a): the tape already holds a.",
            (
                "The weight gradient of layer l is delta @ a_prev.T; pass the error down with"
                " params[l].T @ delta."
            ),
        ),
        expects="a function backward(params, tape) returning one array per layer",
    ),
    "1.2": Exercise(
        question=(
            f"Find widths, every one at least {MIN_EX12_WIDTH}, and a batch for which plain"
            " backprop's measured MEMORY(grad F) / MEMORY(F) exceeds 4 while the checkpointed"
            " gradient's stays at most 4. (The checker measures"
            f" networks of at most {MAX_EX12_LAYERS} layers,"
            f" {classical.MAX_MEMORY_PARAMS:,} parameters and a tape of"
            f" {classical.MAX_TAPE_NUMBERS:,} numbers.)"
        ),
        judge=_memory_bound_broken_and_fixed,
        solution=lambda: ([MIN_EX12_WIDTH] * 49, 1200),
        hints=(
            (
                "Which part of MEMORY(grad F) grows when you add layers or samples, and does"
                " MEMORY(F) grow with it?"
            ),
            (
                "Parameters cost L w^2 numbers in F and in its gradient alike; the tape's (L + 1) w"
                " B numbers are the gradient's alone. Make the batch B large next to the width w,"
                " and the network deep."
            ),
            (
                "Put the model's two memories side by side: with F holding c activation layers and"
                " the gradient L + c, the ratio exceeds 4 once (L - 3c) B > 2 L w (c is about 6"
                " here). Keep every width at the minimum, take L as deep as the parameter cap"
                " allows, and grow B until the tape cap or the ratio stops you."
            ),
        ),
        expects=f"a pair (widths, batch), such as ([{MIN_EX12_WIDTH}] * 9, 256)",
    ),
    "1.3": Exercise(
        question=(
            f"A {CHECKPOINT_DEPTH}-layer network is differentiated with checkpoints every k layers."
            " What is the fewest activation layers held at the peak, over all k?"
        ),
        judge=exact_int(lambda: _fewest_stored_layers(CHECKPOINT_DEPTH)),
        hints=(
            (
                "Write the peak for one k: the checkpoints still held plus the layers of the"
                " segment being recomputed (the input X counts as the first checkpoint)."
            ),
            (
                "While segment s (from 0 at the input) is recomputed, s + 1 checkpoints are held"
                " and min(k, L - s k) layers recomputed; the peak is the largest over s."
            ),
            (
                "That is about L/k + k, smallest near k = sqrt(L); the ceilings matter, so try the"
                " k around it."
            ),
        ),
        expects="a whole number of layers",
    ),
    "1.4": Exercise(
        question=(
            "Count matrix products: what is TIME(grad F) / TIME(F) for the checkpointed gradient"
            f" of {PRODUCTS_DEPTH} square layers, if only matrix products cost time? {FOUR_FIGURES}"
        ),
        judge=numeric(lambda: _checkpointed_product_ratio(PRODUCTS_DEPTH)),
        hints=(
            (
                "F does one product per layer. List what the checkpointed gradient does per layer,"
                " pass by pass."
            ),
            (
                "First pass: one product per layer. Backward: each segment is recomputed (one more"
                " per layer), then two per layer, except that the input layer passes no error down."
            ),
            (
                "Add the products of the three passes and divide by the L products of F; mind"
                " the input layer."
            ),
        ),
    ),
    "1.5": Exercise(
        question=(
            "How many backward sweeps give the whole Jacobian of the network output f(x), widths "
            "[784, 128, 10], for one sample x?"
        ),
        judge=exact_int(lambda: DIGIT_WIDTHS[-1]),
        hints=(
            (
                "One backward sweep starts from one vector dF/da_L and returns one row vector of"
                " derivatives."
            ),
            "A Jacobian has one row per output; which rows does one sweep give?",
        ),
        expects="a whole number of sweeps",
    ),
}
