"""Training to a target loss, counting what the gradients ran.

Plain gradient descent on C(theta) with shot-based gradients, for any model of
the course: a commuting-generator or commuting-block circuit
(:mod:`qbp_lessons.lessons.commuting.compute`, one setting per term of H) or a general
circuit (parameter shift, chapter 3). The sampler's ledger counts every
circuit execution and shot of every gradient; the loss that decides when to
stop is computed exactly and not charged.

Introduced in chapter 7.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qbp_lessons._validate import bounded_int, positive_real, real_array
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine.circuits import Circuit, check_circuit, expval
from qbp_lessons.lessons.commuting.compute import (
    BlockCircuit,
    CommutingCircuit,
    commuting_grad_shots,
)
from qbp_lessons.engine.ledger import Ledger
from qbp_lessons.lessons.param_shift.compute import param_shift_grad_shots

__all__ = ["TrainingRun", "train"]


@dataclass(frozen=True)
class TrainingRun:
    """Result of :func:`train`: the exact loss after each step and what the gradients cost.

    ``losses[0]`` is the loss at the start; ``circuits`` and ``shots``: counted
    by the sampler over all gradient estimates up to ``steps_to_target`` (the
    first step whose loss is <= target; None if never reached, then over all
    steps). ``circuits_per_gradient``: counted for the first gradient.
    Introduced in chapter 7.
    """

    method: str
    losses: np.ndarray
    target: float
    steps_to_target: int | None
    circuits: int
    shots: int
    circuits_per_gradient: int
    theta: np.ndarray


def train(
    model,
    theta0,
    method: str,
    *,
    target: float,
    shots: int = 200,
    lr: float = 0.1,
    max_steps: int = 200,
    seed=0,
) -> TrainingRun:
    """Gradient descent on C(theta) with shot-based gradients, until C <= target.

    ``model``: a :class:`CommutingCircuit` (``method="commuting"`` or
    ``"param_shift"``) or a chapter 2 :class:`~qbp_lessons.engine.circuits.Circuit`
    (``"param_shift"`` only). Each step estimates the gradient from ``shots``
    shots per setting (the sampler's ledger counts them), then
    ``theta <- theta - lr * grad``. The loss that decides when to stop is
    computed exactly by the simulator and is not charged: the comparison is of
    what the gradients cost. Introduced in chapter 7.
    """
    method = method if method in ("commuting", "param_shift") else None
    if method is None:
        raise ValueError("method must be 'commuting' or 'param_shift'")
    if isinstance(model, (CommutingCircuit, BlockCircuit)):
        circuit, full, loss = model.circuit, model.full_theta, model.loss
        skip = len(model.prefix)
    elif isinstance(model, Circuit):
        if method == "commuting":
            raise ValueError("method 'commuting' needs a CommutingCircuit or BlockCircuit model")
        circuit, full, skip = check_circuit(model), (lambda t: np.asarray(t, dtype=float)), 0
        loss = lambda t: expval(circuit, t)
    else:
        raise TypeError(
            f"model must be a CommutingCircuit, BlockCircuit or Circuit, got {type(model).__name__}"
        )
    M = circuit.M - skip
    theta = real_array("theta0", theta0, shape=(M,)).copy()
    target = float(real_array("target", [target])[0])
    shots = bounded_int("shots", shots)
    lr = positive_real("lr", lr, upper=10.0)
    max_steps = bounded_int("max_steps", max_steps, maximum=100_000)
    gen = make_rng("seed", seed)
    ledger = Ledger()
    losses = [loss(theta)]
    per_gradient = None
    reached = 0 if losses[0] <= target else None
    circuits = shots_used = 0
    for step in range(1, max_steps + 1):
        if reached is not None:
            break
        before = ledger.circuits
        if method == "commuting":
            grad = commuting_grad_shots(model, theta, shots, gen, ledger=ledger)
        else:
            grad = param_shift_grad_shots(circuit, full(theta), shots, gen, ledger=ledger)[skip:]
        if per_gradient is None:
            per_gradient = ledger.circuits - before
        theta = theta - lr * grad
        losses.append(loss(theta))
        if losses[-1] <= target:
            reached = step
    circuits, shots_used = ledger.circuits, ledger.shots
    return TrainingRun(
        method, np.array(losses), target, reached, circuits, shots_used, per_gradient or 0, theta
    )
