"""Training by gradient descent, counting what the gradients ran: one loop for every chapter.

The loop is the same whatever the gradient estimator::

    theta_{k+1} = theta_k - a_k g_hat(theta_k),   k = 0, 1, ...

until ``iterations`` steps have run or the loss reaches ``target``. What varies is
the estimator g_hat (``method``) and its step sizes a_k:

* ``"param_shift"`` (chapter 3): 2M shifted circuits, ``shots`` shots per
  measurement setting, or the exact rule with ``shots=None``; a_k = ``lr``.
* ``"spsa"`` (chapter 4): K random directions, 2K circuits, Spall's gains
  (:class:`~qbp_lessons.lessons.spsa.compute.SpallGains`) giving a_k and the
  perturbation c_k; exact or from ``shots``.
* ``"commuting"`` (chapter 7): a commuting-generator circuit's one setting per
  term of H; a_k = ``lr``; needs ``shots``.
* ``"block"`` (chapter 7): a commuting-block circuit's at most 2B - 1 settings
  per term; a_k = ``lr``; needs ``shots``.

Any method but SPSA takes Spall's decaying a_k from ``gains`` in place of the constant
``lr`` (chapter 4 compares the schedules on the same seeds).

Every gradient runs on the simulator with a :class:`~qbp_lessons.engine.ledger.Ledger`
counting its gates, executions and shots. The loss that draws the curve and decides
when to stop is computed exactly and not charged: a device would not see it, and the
comparison is of what the gradients cost.

Introduced in chapter 4; used again in chapter 7.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qbp_lessons._validate import record
from qbp_lessons._validate import bounded_int, choice, positive_real, real, real_array
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine.circuits import Circuit, check_circuit, expval
from qbp_lessons.engine.ledger import Ledger, check_ledger
from qbp_lessons.engine.sampling import MAX_SHOTS
from qbp_lessons.lessons.commuting.blocks import BlockCircuit, block_grad_shots
from qbp_lessons.lessons.commuting.generators import CommutingCircuit, commuting_grad_shots
from qbp_lessons.lessons.param_shift.gradients import param_shift_grad, param_shift_grad_shots
from qbp_lessons.lessons.spsa.compute import (
    MAX_DIRECTIONS,
    SpallGains,
    draw_directions,
    spall_gains,
    spsa_grad,
)

__all__ = ["METHODS", "MAX_ITERATIONS", "MAX_WORK", "TrainingRun", "train"]

#: The gradient estimators the loop accepts.
METHODS = ("param_shift", "spsa", "commuting", "block")

#: Most steps one training run may take (a cap checked before the loop).
MAX_ITERATIONS = 100_000

#: Most work one run may imply, counted before the loop as iterations x (circuits per step + 1)
#: x (M x (2^n + 64) + shots): the simulator's amplitude updates and per-gate overhead, and the
#: shots drawn. Chapter 7's largest run needs about 8e7.
MAX_WORK = 10**9


@record
@dataclass(frozen=True)
class TrainingRun:
    """One training run: where it went (exact) and what its gradients cost (counted).

    Arrays have one entry per iterate, entry 0 the start. ``losses``: the exact
    loss at each iterate, *not* charged. ``executions`` and ``shots``: the
    circuit executions and shots the ledger counted for the gradients before each
    iterate (cumulative; with exact gradients no shots are drawn and both stay 0;
    the gates are in ``ledger``). ``thetas``: the iterates, shape (steps + 1, M).
    ``target`` and ``steps_to_target``: the first step whose loss is <= target
    (0 if the start is; None if never reached or no target). ``ledger``: every
    gate, execution and shot of the gradients. Introduced in chapter 4.
    """

    method: str
    losses: np.ndarray
    executions: np.ndarray
    shots: np.ndarray
    thetas: np.ndarray
    target: float | None
    steps_to_target: int | None
    ledger: Ledger

    @property
    def steps(self) -> int:
        """Gradient steps taken."""
        return len(self.losses) - 1

    @property
    def theta(self) -> np.ndarray:
        """The last iterate."""
        return self.thetas[-1]

    @property
    def circuits(self) -> int:
        """Circuit executions counted over the whole run (up to the target, if it stopped there)."""
        return int(self.executions[-1])

    @property
    def total_shots(self) -> int:
        """Shots counted over the whole run."""
        return int(self.shots[-1])

    @property
    def circuits_per_gradient(self) -> int:
        """Circuit executions the first gradient cost (0 if no step was taken)."""
        return int(self.executions[1]) if self.steps else 0

    def executions_to(self, level) -> float | None:
        """Executions at which the exact loss first reaches ``level``; None if it never does.

        Between the two iterates around the crossing the loss is interpolated linearly
        in the executions, so a method whose step costs many executions (parameter
        shift's 2M) is not charged a whole step for a crossing early in it. 0 if the
        start already meets it. Introduced in chapter 4.
        """
        level = real("level", level)
        reached = np.flatnonzero(self.losses <= level)
        if not reached.size:
            return None
        k = int(reached[0])
        if k == 0:
            return 0.0
        (e0, e1), (f0, f1) = self.executions[k - 1 : k + 1], self.losses[k - 1 : k + 1]
        return float(e0 + (f0 - level) / (f0 - f1) * (e1 - e0))


def _parts(model, method: str):
    """(circuit, full parameters from trainable ones, number of fixed leading gates, loss)."""
    if isinstance(model, (CommutingCircuit, BlockCircuit)):
        if method == "block" and not isinstance(model, BlockCircuit):
            raise ValueError("method 'block' needs a BlockCircuit model")
        return model.circuit, model.full_theta, len(model.prefix), model.loss
    if isinstance(model, Circuit):
        if method in ("commuting", "block"):
            raise ValueError(f"method {method!r} needs a CommutingCircuit or BlockCircuit model")
        circuit = check_circuit(model)

        def exact_loss(t):
            return expval(circuit, t)

        return circuit, np.asarray, 0, exact_loss
    raise TypeError(
        f"model must be a Circuit, CommutingCircuit or BlockCircuit, got {type(model).__name__}"
    )


def _settings_per_gradient(model, circuit: Circuit, method: str, K: int, M: int) -> int:
    """An upper bound on the circuits one gradient runs, for the size cap."""
    terms = len(circuit.observable.terms)
    if method == "spsa":
        return 2 * K
    if method == "param_shift":
        return 2 * M * terms
    blocks = model.B if isinstance(model, BlockCircuit) else 1
    return terms * (2 * blocks - 1)


def _estimator(model, method, circuit, full, skip, *, shots, K, gains, directions):
    """g_hat(theta, k, gen, ledger) for the trainable parameters, by ``method``."""

    def param_shift(t, k, gen, ledger):
        if shots is None:
            return param_shift_grad(circuit, full(t), ledger=ledger)[skip:]
        return param_shift_grad_shots(circuit, full(t), shots, gen, ledger=ledger)[skip:]

    def commuting(t, k, gen, ledger):
        return commuting_grad_shots(model, t, shots, gen, ledger=ledger)

    def block(t, k, gen, ledger):
        return block_grad_shots(model, t, shots, gen, ledger=ledger)

    def spsa(t, k, gen, ledger):
        # directions over the trainable parameters; the fixed prefix is never perturbed
        deltas = draw_directions(len(t), K, seed=gen) if directions is None else directions[k][None]
        padded = np.concatenate([np.zeros((len(deltas), skip)), deltas], axis=1)
        c_k = float(gains.c_k(k))
        g = spsa_grad(
            circuit, full(t), c=c_k, shots=shots, seed=gen, directions=padded, ledger=ledger
        )
        return g[skip:]

    return {"param_shift": param_shift, "commuting": commuting, "block": block, "spsa": spsa}[
        method
    ]


def train(
    model,
    theta0,
    method: str,
    *,
    iterations: int = 200,
    target: float | None = None,
    lr: float | None = None,
    gains: SpallGains | None = None,
    K: int = 1,
    shots: int | None = None,
    directions=None,
    seed=None,
    ledger: Ledger | None = None,
) -> TrainingRun:
    """Gradient descent on the model's loss with the gradient estimator ``method``.

    ``model``: a chapter 2 :class:`~qbp_lessons.engine.circuits.Circuit` (methods
    ``"param_shift"`` and ``"spsa"``), a
    :class:`~qbp_lessons.lessons.commuting.generators.CommutingCircuit` (any method but
    ``"block"``) or a :class:`~qbp_lessons.lessons.commuting.blocks.BlockCircuit`
    (any method); only the trainable parameters (``theta0``, shape (M,)) move.
    Runs ``iterations`` steps, or stops at the first step whose exact loss is
    <= ``target``. Step sizes: SPSA takes a_k and c_k from ``gains`` (default
    :func:`spall_gains` for ``iterations``); every other method takes a constant ``lr``
    (default 0.1) or, given ``gains`` instead, Spall's decaying a_k (its c_k unused).
    ``K``: SPSA's directions per gradient; ``directions`` (shape (iterations, M),
    K = 1) replaces SPSA's random draws, to follow another implementation step for
    step. ``shots``: per measurement setting of every circuit; None for exact
    gradients (parameter shift and SPSA only). ``seed``: an int, a Generator or
    None, threaded through every gradient. ``ledger`` (optional) receives the
    gradients' counts as well. Introduced in chapter 4.
    """
    method = choice("method", method, set(METHODS))
    circuit, full, skip, loss = _parts(model, method)
    M = circuit.M - skip
    theta = real_array("theta0", theta0, shape=(M,)).copy()
    iterations = bounded_int("iterations", iterations, maximum=MAX_ITERATIONS)
    if target is not None:
        target = real("target", target)
    if method == "spsa":
        if lr is not None:
            raise ValueError("lr is not used by SPSA: its step sizes a_k come from gains")
        gains = spall_gains(iterations) if gains is None else gains
    elif gains is not None and lr is not None:
        raise ValueError("lr and gains both set a_k: give a constant lr or a decaying gains")
    if gains is not None and not isinstance(gains, SpallGains):
        raise TypeError(
            f"gains must be a SpallGains (from spsa.spall_gains), got {type(gains).__name__}"
        )
    # a_k: Spall's decaying a / (k + 1 + A)^alpha where gains are given, else the constant lr
    lr = None if gains is not None else positive_real("lr", 0.1 if lr is None else lr, upper=10.0)
    K = bounded_int("K", K, maximum=MAX_DIRECTIONS)
    if method != "spsa" and (K != 1 or directions is not None):
        raise ValueError(f"K and directions are SPSA's; method {method!r} takes neither")
    if directions is not None:
        if K != 1:
            raise ValueError(
                f"directions fixes one direction per iteration, so K must be 1 with it, got K = {K}"
            )
        directions = real_array("directions", directions, shape=(iterations, M))
    if shots is not None:
        shots = bounded_int("shots", shots, maximum=MAX_SHOTS)
    elif method in ("commuting", "block"):
        raise ValueError(f"shots must be given for method {method!r}: it estimates from shots")
    circuits = _settings_per_gradient(model, circuit, method, K, M) + 1  # and the exact loss
    work = iterations * circuits * (circuit.M * (2**circuit.n + 64) + (shots or 0))
    if work > MAX_WORK:
        raise ValueError(
            f"this run implies about {work:.1e} units of work (iterations x circuits per step x"
            f" (gates x (2^n + 64) + shots)); keep it under {MAX_WORK:.0e} with fewer"
            " iterations, directions K or shots"
        )
    ledger = Ledger() if ledger is None else check_ledger(ledger)
    gen = make_rng("seed", seed)
    gradient = _estimator(
        model, method, circuit, full, skip, shots=shots, K=K, gains=gains, directions=directions
    )
    start = Ledger(**vars(ledger))
    losses, thetas = [loss(theta)], [theta.copy()]
    executions, shot_counts = [0], [0]
    reached = 0 if target is not None and losses[0] <= target else None
    for k in range(iterations):
        if reached is not None:
            break
        a_k = lr if gains is None else float(gains.a_k(k))
        theta = theta - a_k * gradient(theta, k, gen, ledger)
        losses.append(loss(theta))
        thetas.append(theta.copy())
        executions.append(ledger.circuits - start.circuits)
        shot_counts.append(ledger.shots - start.shots)
        if target is not None and losses[-1] <= target:
            reached = k + 1
    return TrainingRun(
        method,
        np.array(losses),
        np.array(executions),
        np.array(shot_counts),
        np.array(thetas),
        target,
        reached,
        ledger,
    )
