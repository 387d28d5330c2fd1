"""Checkpointing: less tape for one more forward pass.

Introduced in chapter 1. :func:`grad_checkpointed_core` keeps only every k-th layer
in the first pass and recomputes the rest segment by segment on the way back:
O(sqrt(L)) stored layers for one extra forward pass (Griewank & Walther 2008,
ch. 12; Chen et al. 2016).
"""

from __future__ import annotations

from dataclasses import dataclass

from qbp_lessons import costs
from qbp_lessons._validate import positive_int, record
from qbp_lessons.lessons.backprop.checks import check_inputs
from qbp_lessons.lessons.backprop.network import sigmoid

__all__ = ["CheckpointedGradient", "check_segment", "grad_checkpointed_core", "grad_checkpointed"]


@record
@dataclass(frozen=True)
class CheckpointedGradient:
    """What :func:`grad_checkpointed` returns. Introduced in chapter 1.

    ``grads`` is dF/dparams, one array per layer. The two counts are written by
    the loops that do the work: ``layer_evaluations`` counts every
    ``sigmoid(theta @ a)`` computed (L in the first pass plus L recomputed:
    one extra forward pass), ``peak_stored_layers`` the most activation
    layers held at once (checkpoints plus the segment being recomputed; the
    input X counts as the first checkpoint). Plain backprop holds L + 1.
    """

    grads: list
    layer_evaluations: int
    peak_stored_layers: int


def check_segment(segment, L: int) -> int:
    """The segment length: ``segment``, or :func:`qbp_lessons.costs.checkpoint_segment` if None."""
    L = positive_int("L", L)
    segment = costs.checkpoint_segment(L) if segment is None else positive_int("segment", segment)
    if segment > L:
        raise ValueError(f"segment must be at most the number of layers L = {L}, got {segment}")
    return segment


def grad_checkpointed_core(params, X, Y, segment: int) -> CheckpointedGradient:
    """Backprop that stores one checkpoint per segment and recomputes the rest. Chapter 1.

    No input checks: :func:`grad_checkpointed` checks the network, the data and
    ``segment``, then calls this.
    """
    L = len(params)
    checkpoints, a, evaluations = [], X, 0
    for layer, theta in enumerate(params):  # first pass: keep only each segment's input
        if layer % segment == 0:
            checkpoints.append(a)
        a = sigmoid(theta @ a)
        evaluations += 1
    g = (a - Y) / Y.shape[1]  # dF/da_L; a_L itself is dropped here
    del a
    grads, peak = [None] * L, 0
    for s in reversed(range(len(checkpoints))):  # last segment first
        start, stop = s * segment, min(s * segment + segment, L)
        acts = [checkpoints[s]]
        for layer in range(start, stop):  # recompute this segment's tape from its checkpoint
            acts.append(sigmoid(params[layer] @ acts[-1]))
            evaluations += 1
        peak = max(peak, len(checkpoints) + (stop - start))
        for layer in reversed(range(start, stop)):  # the plain backward pass, on the short tape
            a_out, a_in = acts[layer - start + 1], acts[layer - start]
            delta = g * a_out * (1.0 - a_out)
            grads[layer] = delta @ a_in.T
            if layer > 0:
                g = params[layer].T @ delta
        del acts
        checkpoints.pop()  # this segment is done: its checkpoint is no longer needed
    return CheckpointedGradient(grads, evaluations, peak)


def grad_checkpointed(params, X, Y, segment: int | None = None) -> CheckpointedGradient:
    """dF/dparams by backprop with checkpoints every ``segment`` layers. Introduced in chapter 1.

    The first forward pass keeps only the input of every segment (every
    ``segment``-th layer) and drops the rest; the backward pass then walks the
    segments from the top, recomputes one segment's activations from its
    checkpoint, and runs the plain backward pass through it. With
    ``segment`` about sqrt(L) (the default,
    :func:`qbp_lessons.costs.checkpoint_segment`) that holds about 2 sqrt(L)
    layers instead of L + 1, for one extra forward pass. The gradient is the
    same numbers as :func:`qbp_lessons.lessons.backprop.passes.grad`:
    recomputing gives bit-identical activations. Checks the inputs, then calls
    :func:`grad_checkpointed_core`.
    """
    params, X, Y = check_inputs(params, X, Y)
    return grad_checkpointed_core(params, X, Y, check_segment(segment, len(params)))
