"""Parameter-shift gradients of circuits: the exact rule, shot-based estimates and their noise.

The full gradient needs 2M circuits (the rule itself is in :mod:`.rules`). On
hardware each F is estimated from N shots, so every component is noisy; for a +-1
observable ``Var(component) = [(1 - F+^2) + (1 - F-^2)] / N <= 2 / N``, and a shift
other than pi/4 can be less noisy (:func:`shift_variance`, :func:`best_shift`).

How shots are counted
---------------------
Shots come from :mod:`qbp_lessons.engine.sampling`: each shifted circuit is simulated
once, rotated into the measurement setting of each qubit-wise commuting group of
the observable's terms, and its bitstrings are drawn from the Born
probabilities. One setting of one shifted circuit is one *circuit execution*, so
a gradient costs ``2 M G`` executions for G groups (2M for a single Pauli
observable). The sampler writes executions, shots and shot-weighted gates into
the :class:`~qbp_lessons.engine.ledger.Ledger` as it draws them;
:mod:`qbp_lessons.costs` predicts the same numbers, and the chapter and the
tests set the two side by side. :func:`qbp_lessons.interop.param_shift_grad_pennylane`
runs the same rule through PennyLane and reads its counts from ``qml.Tracker``.

Introduced in chapter 3.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from qbp_lessons._validate import record
from qbp_lessons._validate import bounded_int, real
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine.circuits import Circuit, apply_pauli, check_circuit, state, term_expvals
from qbp_lessons.engine.ledger import Ledger, check_ledger
from qbp_lessons.engine.sampling import (
    eigenvalues,
    estimate,
    measurement_groups,
    sample_counts,
    setting,
)
from qbp_lessons.lessons.param_shift.rules import SHIFT
from qbp_lessons.lessons.param_shift.structure import reduce_angles

__all__ = [
    "param_shift_grad",
    "shift_variance",
    "best_shift",
    "shift_estimates",
    "ShiftedSettings",
    "shifted_settings",
    "param_shift_grad_shots",
    "param_shift_variance",
]

#: Most repetitions a statistics scan may draw per point.
MAX_REPS = 100_000


# --------------------------------------------------------------------------
# The exact gradient
# --------------------------------------------------------------------------


def _shifted(theta: np.ndarray, k: int, sign: int) -> np.ndarray:
    out = reduce_angles(theta)
    out[k] += sign * SHIFT
    return out


def param_shift_grad(circuit: Circuit, theta, *, ledger: Ledger | None = None) -> np.ndarray:
    """The exact parameter-shift gradient, dF/dtheta_k = F(theta + pi/4 e_k) - F(theta - pi/4 e_k).

    Simulates the 2M shifted circuits exactly (no shots); the ledger counts
    their gate applications. Introduced in chapter 3.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    ledger = check_ledger(ledger)
    coeffs = circuit.observable.coeffs
    grad = np.empty(circuit.M)
    for k in range(circuit.M):
        plus = term_expvals(circuit, _shifted(theta, k, +1), ledger=ledger)
        minus = term_expvals(circuit, _shifted(theta, k, -1), ledger=ledger)
        grad[k] = (plus - minus) @ coeffs
    return grad


# --------------------------------------------------------------------------
# Which shift is least noisy
# --------------------------------------------------------------------------


def _check_shift(s) -> float:
    s = real("s", s)
    if not 1e-8 <= s <= math.pi / 2 - 1e-8:
        raise ValueError(f"s must lie in [1e-8, pi/2 - 1e-8], where sin 2s > 0, got {s}")
    return s


def shift_variance(f, x, s, shots: int = 1) -> float:
    """Exact variance of the shift-s estimate ``[F^(x+s) - F^(x-s)] / sin 2s`` for a +-1 observable.

    ``f`` is the exact F along one angle of a gate exp(-i x P) (values in
    [-1, 1]); each F^ is a mean of ``shots`` independent +-1 outcomes, so::

        Var = [2 - F(x+s)^2 - F(x-s)^2] / (N sin^2 2s)   <=   2 / (N sin^2 2s).

    The bound on the right is smallest at s = pi/4; the variance itself depends
    on F and can be smaller at another s (:func:`best_shift`). Introduced in chapter 3.
    """
    if not callable(f):
        raise TypeError(f"f must be a callable F(x), got {type(f).__name__}")
    x = real("x", x)
    s = _check_shift(s)
    shots = bounded_int("shots", shots)
    values = [float(f(x + s)), float(f(x - s))]
    for v in values:
        if not -1.0 - 1e-9 <= v <= 1.0 + 1e-9:
            raise ValueError(f"f must return expectations of a +-1 observable, in [-1, 1]; got {v}")
    return (2.0 - values[0] ** 2 - values[1] ** 2) / (shots * math.sin(2 * s) ** 2)


def best_shift(f, x, shots: int = 1, points: int = 2001) -> tuple[float, float]:
    """The shift s in (0, pi/2) with the least :func:`shift_variance` at ``x``: ``(s, variance)``.

    A grid of ``points`` shifts, refined by a bounded scalar minimisation
    around the best grid point. Introduced in chapter 3.
    """
    from scipy.optimize import minimize_scalar

    if not callable(f):
        raise TypeError(f"f must be a callable F(x), got {type(f).__name__}")
    x = real("x", x)
    shots = bounded_int("shots", shots)
    points = bounded_int("points", points, minimum=10, maximum=100_000)
    grid = np.linspace(0.0, math.pi / 2, points + 2)[1:-1]
    values = np.array([shift_variance(f, x, s, shots) for s in grid])
    i = int(np.argmin(values))
    lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, points - 1)]
    res = minimize_scalar(
        lambda s: shift_variance(f, x, s, shots),
        bounds=(lo, hi),
        method="bounded",
        options={"xatol": 1e-10},
    )
    if res.fun < values[i]:
        return float(res.x), float(res.fun)
    return float(grid[i]), float(values[i])


def shift_estimates(
    circuit: Circuit,
    theta,
    k: int,
    s,
    shots: int,
    seed=None,
    *,
    repetitions: int = 1,
    ledger: Ledger | None = None,
) -> np.ndarray:
    """Shot-based estimates ``[F^(theta_k + s) - F^(theta_k - s)] / sin 2s`` of dF/dtheta_k.

    Two shifted circuits, ``shots`` shots of each per repetition, every shot drawn by
    the sampler (single-Pauli observables: one setting each). Returns ``repetitions``
    independent estimates; their variance is :func:`shift_variance`. Introduced in
    chapter 3.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    k = bounded_int("k", k, minimum=0, maximum=circuit.M - 1)
    s = _check_shift(s)
    shots = bounded_int("shots", shots)
    repetitions = bounded_int("repetitions", repetitions, maximum=MAX_REPS)
    obs = circuit.observable
    if len(obs) != 1 or obs.coeffs[0] != 1.0 or obs.paulis[0].weight == 0:
        raise ValueError("circuit must measure a single Pauli string (a +-1 observable)")
    gen = make_rng("seed", seed)
    out = np.zeros(repetitions)
    for sign in (+1, -1):
        angles = reduce_angles(theta)
        angles[k] += sign * s
        psi = state(circuit, angles, ledger=ledger)
        basis, members = measurement_groups(obs)[0]
        prepared = setting(psi, basis, gates=circuit.M)
        counts = sample_counts(prepared, shots, gen, repetitions=repetitions, ledger=ledger)
        out += sign * estimate(counts, prepared, [obs.paulis[0]])[:, 0]
    return out / math.sin(2 * s)


# --------------------------------------------------------------------------
# Shots
# --------------------------------------------------------------------------


@record
@dataclass(frozen=True)
class ShiftedSettings:
    """The 2M shifted circuits of one gradient, prepared for measurement (:func:`shifted_settings`).

    ``plus[k]`` and ``minus[k]`` hold one :class:`~qbp_lessons.engine.sampling.Setting`
    per measurement group of the observable; ``groups`` lists each group's term
    indices; ``exact`` is the exact gradient (from the same states).
    Introduced in chapter 3.
    """

    circuit: Circuit
    groups: tuple
    plus: tuple
    minus: tuple
    exact: np.ndarray

    def estimates(
        self, shots: int, seed=None, *, repetitions: int | None = None, ledger: Ledger | None = None
    ) -> np.ndarray:
        """Draw shots on every shifted circuit and return gradient estimates.

        Shape (M,), or (repetitions, M) for that many independent gradients.
        The sampler writes every execution into ``ledger``.
        """
        gen = make_rng("seed", seed)
        obs = self.circuit.observable
        coeffs = obs.coeffs
        shape = (self.circuit.M,) if repetitions is None else (repetitions, self.circuit.M)
        grad = np.zeros(shape)
        for k in range(self.circuit.M):
            for sign, sets in ((+1, self.plus[k]), (-1, self.minus[k])):
                for s, members in zip(sets, self.groups):
                    counts = sample_counts(s, shots, gen, repetitions=repetitions, ledger=ledger)
                    values = (
                        estimate(counts, s, [obs.paulis[i] for i in members])
                        @ coeffs[list(members)]
                    )
                    grad[..., k] += sign * values
        return grad

    def variance(self, shots: int) -> np.ndarray:
        """Exact variance of each component of :meth:`estimates` with ``shots`` shots per execution.

        Each group's estimate is a mean of ``shots`` independent values of
        ``O_g(b) = sum_l c_l q_l(b)``, so it contributes Var(O_g)/N; the two
        shifted circuits and the groups are measured independently.
        """
        shots = bounded_int("shots", shots)
        obs = self.circuit.observable
        out = np.zeros(self.circuit.M)
        for k in range(self.circuit.M):
            for sets in (self.plus[k], self.minus[k]):
                for s, members in zip(sets, self.groups):
                    values = sum(
                        obs.coeffs[i] * eigenvalues(obs.paulis[i], s.basis) for i in members
                    )
                    mean = s.probs @ values
                    out[k] += (s.probs @ values**2 - mean**2) / shots
        return out


def shifted_settings(circuit: Circuit, theta, *, ledger: Ledger | None = None) -> ShiftedSettings:
    """Simulate the 2M shifted circuits once and prepare every measurement setting.

    The ledger counts the simulation (2M forward passes); shots are counted
    when :meth:`ShiftedSettings.estimates` draws them. Introduced in chapter 3.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    ledger = check_ledger(ledger)
    obs = circuit.observable
    groups = measurement_groups(obs)
    identity = [i for i, (_, p) in enumerate(obs.terms) if p.weight == 0]
    plus, minus, exact = [], [], np.empty(circuit.M)
    for k in range(circuit.M):
        row = []
        for sign in (+1, -1):
            psi = state(circuit, _shifted(theta, k, sign), ledger=ledger)
            row.append(tuple(setting(psi, basis, gates=circuit.M) for basis, _ in groups))
            value = sum(
                obs.coeffs[i] * float(np.vdot(psi, apply_pauli(obs.paulis[i], psi)).real)
                for i in range(len(obs))
                if i not in identity
            )
            row.append(value)
        plus.append(row[0])
        minus.append(row[2])
        exact[k] = row[1] - row[3]
    return ShiftedSettings(
        circuit, tuple(tuple(m) for _, m in groups), tuple(plus), tuple(minus), exact
    )


def param_shift_grad_shots(
    circuit: Circuit, theta, shots: int, seed=None, *, ledger: Ledger | None = None
) -> np.ndarray:
    """Shot-based parameter-shift gradient.

    Each of the 2M shifted circuits is run with ``shots`` shots per measurement
    setting of the observable; component k is the difference of the two
    estimates. Unbiased, with variance :func:`param_shift_variance`. The ledger
    counts the simulation and every execution and shot. Introduced in chapter 3.
    """
    shots = bounded_int("shots", shots)
    prepared = shifted_settings(circuit, theta, ledger=ledger)
    return prepared.estimates(shots, seed, ledger=ledger)


def param_shift_variance(circuit: Circuit, theta, shots: int) -> np.ndarray:
    """Exact variance of each component of :func:`param_shift_grad_shots`.

    For one +-1 Pauli observable: ``Var_k = [(1 - F+^2) + (1 - F-^2)] / N <= 2/N``.
    Introduced in chapter 3.
    """
    shots = bounded_int("shots", shots)
    return shifted_settings(circuit, theta).variance(shots)
