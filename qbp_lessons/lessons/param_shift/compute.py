"""Parameter-shift gradients: the exact rule, shot-based estimates and what they cost.

For a gate exp(-i theta P) with P^2 = I, F is a sinusoid of theta with period pi,
and two evaluations give the exact derivative (Mitarai et al., PRA 98, 032309
(2018); Schuld et al., PRA 99, 032331 (2019))::

    dF/dtheta = F(theta + pi/4) - F(theta - pi/4).

For a generator with eigenvalues +-r, exp(-i theta G), the rule is
``r [F(theta + pi/(4r)) - F(theta - pi/(4r))]``; RX(theta) = exp(-i theta X/2) has
r = 1/2 and gives ``[F(theta + pi/2) - F(theta - pi/2)] / 2``.

The full gradient needs 2M circuits. On hardware each F is estimated from N
shots, so every component is noisy; for a +-1 observable
``Var(component) = [(1 - F+^2) + (1 - F-^2)] / N <= 2 / N``.

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

from qbp_lessons import costs
from qbp_lessons._validate import bounded_int, count_list, positive_real, probability, real
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine.circuits import (
    Circuit,
    apply_pauli,
    check_circuit,
    random_circuit,
    random_parameters,
    state,
    term_expvals,
)
from qbp_lessons.engine.ledger import Ledger, check_ledger
from qbp_lessons.lessons.param_shift.structure import reduce_angles
from qbp_lessons.engine.sampling import (
    MAX_SHOTS,
    eigenvalues,
    estimate,
    measurement_groups,
    sample_counts,
    setting,
)

__all__ = [
    "SHIFT",
    "shift_derivative",
    "rx_shift_derivative",
    "shift_variance",
    "best_shift",
    "shift_estimates",
    "FOUR_TERM_SHIFTS",
    "four_term_shift_derivative",
    "controlled_rotation",
    "ShiftRuleScan",
    "shift_rule_scan",
    "param_shift_grad",
    "ShiftedSettings",
    "shifted_settings",
    "param_shift_grad_shots",
    "param_shift_variance",
    "ShotScan",
    "error_vs_shots",
    "AccuracyScan",
    "shots_for_accuracy",
]

SHIFT = np.pi / 4  #: the shift for exp(-i theta P), P^2 = I

#: Largest M an accuracy scan may simulate (2M shifted circuits each).
MAX_SCAN_M = 2000

#: Most repetitions a statistics scan may draw per point.
MAX_REPS = 100_000


# --------------------------------------------------------------------------
# The shift rule
# --------------------------------------------------------------------------


def shift_derivative(f, x, r: float = 1.0) -> float:
    """Two-term shift rule for a gate exp(-i x G) whose generator G has eigenvalues +-r.

    Returns ``r [f(x + pi/(4r)) - f(x - pi/(4r))]``, exact for such gates.
    ``r = 1``: Pauli rotations exp(-i x P), shift pi/4. ``r = 1/2``: RX, RY, RZ
    and PennyLane's PauliRot, shift pi/2 and a factor 1/2. Such an f has period
    pi/r, so x is first reduced to one period (:func:`.structure.reduce_angles`):
    a shift added to a huge x would be lost to rounding. Introduced in chapter 3.
    """
    if not callable(f):
        raise TypeError(f"f must be a callable F(x), got {type(f).__name__}")
    x = real("x", x)
    r = positive_real("r", r)
    x = float(reduce_angles([x], period=math.pi / r)[0])
    s = np.pi / (4 * r)
    return float(r * (f(x + s) - f(x - s)))


def rx_shift_derivative(f, x) -> float:
    """The RX-convention rule, RX(x) = exp(-i x X/2): ``[f(x + pi/2) - f(x - pi/2)] / 2``.

    Introduced in chapter 3.
    """
    return shift_derivative(f, x, r=0.5)


@dataclass(frozen=True)
class ShiftRuleScan:
    """F along one parameter and what the shift rule does there (from :func:`shift_rule_scan`).

    ``xs``, ``fs``: F over one period around ``x0``; ``f0``, ``f_plus``,
    ``f_minus``: F at x0 and at x0 +- ``shift``; ``slope``: the rule's derivative.
    Introduced in chapter 3.
    """

    xs: np.ndarray
    fs: np.ndarray
    x0: float
    r: float
    shift: float
    f0: float
    f_plus: float
    f_minus: float
    slope: float


def shift_rule_scan(f, x0, r: float = 1.0, points: int = 201) -> ShiftRuleScan:
    """Evaluate F along one parameter around ``x0`` and apply the two-term rule there.

    ``f`` is F as a function of the angle of one gate exp(-i x G) whose generator
    has eigenvalues +-r. Chapter 3 draws the result with
    :func:`qbp_lessons.lessons.param_shift.show.shift_rule_figure`. Introduced in chapter 3.
    """
    if not callable(f):
        raise TypeError(f"f must be a callable F(x), got {type(f).__name__}")
    x0 = real("x0", x0)
    r = positive_real("r", r)
    points = bounded_int("points", points, minimum=3, maximum=10_000)
    slope = shift_derivative(f, x0, r)
    s = math.pi / (4 * r)
    xs = np.linspace(x0 - 2 * s, x0 + 2 * s, points)
    fs = np.array([float(f(float(x))) for x in xs])
    return ShiftRuleScan(xs, fs, x0, r, s, float(f(x0)), float(f(x0 + s)), float(f(x0 - s)), slope)


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
# Which shift is least noisy, and gates the two-term rule cannot handle
# --------------------------------------------------------------------------


def _check_shift(s) -> float:
    s = real("s", s)
    if not 0.0 < s < math.pi / 2:
        raise ValueError(f"s must lie in (0, pi/2), where sin 2s > 0, got {s}")
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


# : The four-term rule for a gate exp(-i x G) whose generator has eigenvalues -1, 0, +1 (frequencies
# 1 and 2):
#: ``dF/dx = d1 [F(x + s1) - F(x - s1)] + d2 [F(x + s2) - F(x - s2)]`` with these (s, d) pairs.
FOUR_TERM_SHIFTS = (
    (math.pi / 4, (math.sqrt(2) + 1) / (2 * math.sqrt(2))),
    (3 * math.pi / 4, -(math.sqrt(2) - 1) / (2 * math.sqrt(2))),
)


def four_term_shift_derivative(f, x) -> float:
    """The four-term rule for a gate exp(-i x G) whose generator has eigenvalues -1, 0 and +1.

    A controlled Pauli rotation exp(-i x |1><1|_c (x) P) is such a gate: F is
    ``a + b1 cos x + c1 sin x + b2 cos 2x + c2 sin 2x`` (frequencies 1 and 2),
    the two-term rule fails, and four evaluations give the exact derivative
    (Anselmetti et al., New J. Phys. 23, 113010 (2021); PennyLane's CRX rule at
    twice the angle). For frequency w, ``F(x+s) - F(x-s)`` is ``2 sin(w s)/w``
    times that term's derivative, and the weights of :data:`FOUR_TERM_SHIFTS`
    make the sum 1 for w = 1 and w = 2. Introduced in chapter 3.
    """
    if not callable(f):
        raise TypeError(f"f must be a callable F(x), got {type(f).__name__}")
    x = real("x", x)
    x = float(reduce_angles([x], period=2 * math.pi)[0])
    return float(sum(d * (f(x + s) - f(x - s)) for s, d in FOUR_TERM_SHIFTS))


def controlled_rotation(control: int, p, n: int) -> tuple:
    """The controlled rotation exp(-i x |1><1|_c (x) P) as two Pauli rotations of the engine.

    ``|1><1|_c = (I - Z_c)/2``, and P commutes with Z_c P, so
    ``exp(-i x |1><1|_c P) = exp(-i (x/2) P) exp(-i (-x/2) Z_c P)``. Returns the
    two Pauli strings ``(P, Z_c P)``: put them in a circuit with the angles
    ``x/2`` and ``-x/2``. ``p`` must act on n wires and be the identity on
    ``control``. Introduced in chapter 3.
    """
    from qbp_lessons.engine.paulis import pauli

    n = bounded_int("n", n, minimum=2, maximum=1024)
    control = bounded_int("control", control, minimum=0, maximum=n - 1)
    p = pauli(p, n, name="p")
    if p.label[control] != "I":
        raise ValueError(f"p must act as the identity on the control wire {control}, got {p.label}")
    if p.weight == 0:
        raise ValueError("p must not be the identity")
    zp = p.label[:control] + "Z" + p.label[control + 1 :]
    return p, pauli(zp, n, name="p")


# --------------------------------------------------------------------------
# Shots
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Measuring the statistics: error vs shots, shots vs accuracy
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class ShotScan:
    """Result of :func:`error_vs_shots`; every array has one entry per shot count.

    ``rms_error``: measured root-mean-square error over components and
    repetitions. ``predicted_rms``: sqrt of the mean exact variance.
    ``bound_rms``: sqrt(2 B / N), the worst case, with B = sum over measurement
    groups g of (sum_{l in g} |c_l|)^2 (B = sum c^2 when every term has its own
    setting; 1 for a single Pauli observable). ``max_error``: mean over
    repetitions of the largest component error. ``sample_variance``: the
    measured per-component variance (ddof=1), averaged over components;
    ``predicted_variance`` the exact one, ``variance_bound`` 2 B / N.
    ``ledgers``: what the sampler counted at each N, over all ``reps`` gradients.
    """

    shots: np.ndarray
    rms_error: np.ndarray
    predicted_rms: np.ndarray
    bound_rms: np.ndarray
    max_error: np.ndarray
    sample_variance: np.ndarray
    predicted_variance: np.ndarray
    variance_bound: np.ndarray
    ledgers: tuple
    reps: int


def error_vs_shots(circuit: Circuit, theta, shots_list, reps: int = 200, seed=0) -> ShotScan:
    """Measure the error of shot-based parameter-shift gradients against the exact one.

    For each N in ``shots_list``, draws ``reps`` independent seeded gradient
    estimates and compares them with the exact gradient: the error falls as
    1/sqrt(N) and the variance stays under 2 sum c^2 / N. The shifted states
    are simulated once; only the shots are redrawn. Introduced in chapter 3.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    shots_arr = np.array(count_list("shots_list", shots_list, maximum=MAX_SHOTS), dtype=np.int64)
    reps = bounded_int("reps", reps, minimum=2, maximum=MAX_REPS)
    if int(shots_arr.max()) * reps > 10**9:
        raise ValueError("max(shots_list) x reps must be <= 1e9")
    gen = make_rng("seed", seed)
    prepared = shifted_settings(circuit, theta)
    # worst case per setting: |O_g| <= sum_{l in g} |c_l|, so Var <= (sum_{l in g} |c_l|)^2 / N
    coeffs = circuit.observable.coeffs
    c2sum = float(sum(np.sum(np.abs(coeffs[list(m)])) ** 2 for m in prepared.groups))
    out = {key: [] for key in ("rms", "pred", "bound", "max", "svar", "pvar", "vbound")}
    ledgers = []
    for n_shots in shots_arr.tolist():
        ledger = Ledger()
        est = prepared.estimates(n_shots, gen, repetitions=reps, ledger=ledger)
        err = est - prepared.exact
        var = prepared.variance(n_shots)
        out["rms"].append(np.sqrt(np.mean(err**2)))
        out["pred"].append(np.sqrt(np.mean(var)))
        out["bound"].append(np.sqrt(2 * c2sum / n_shots))
        out["max"].append(np.mean(np.max(np.abs(err), axis=1)))
        out["svar"].append(np.mean(np.var(est, axis=0, ddof=1)))
        out["pvar"].append(np.mean(var))
        out["vbound"].append(2 * c2sum / n_shots)
        ledgers.append(ledger)
    return ShotScan(
        shots_arr,
        *(np.array(out[key]) for key in ("rms", "pred", "bound", "max", "svar", "pvar", "vbound")),
        tuple(ledgers),
        reps,
    )


@dataclass(frozen=True)
class AccuracyScan:
    """Result of :func:`shots_for_accuracy`; every array has one entry per M.

    ``shots_per_circuit`` is the shot budget chosen from
    :func:`costs.param_shift_shots_per_circuit`. ``executions``, ``total_shots``
    and ``gates`` are *counted* by the sampler's ledger, per gradient (the
    ledger over all ``reps`` gradients divided by reps); ``model_shots`` /
    ``model_time`` are :func:`costs.param_shift_shots` /
    :func:`costs.param_shift_time`, so counted points can be set on the model
    curves. ``rms_error``: measured rms component error; ``max_error``: mean
    over repetitions of the largest component error; ``success_rate``: fraction
    of repetitions with every component within eps.
    """

    M: np.ndarray
    eps: float
    delta: float | None
    shots_per_circuit: np.ndarray
    executions: np.ndarray
    total_shots: np.ndarray
    model_shots: np.ndarray
    gates: np.ndarray
    model_time: np.ndarray
    rms_error: np.ndarray
    max_error: np.ndarray
    success_rate: np.ndarray
    reps: int


def shots_for_accuracy(
    M_list, eps: float, *, delta=None, n: int = 4, reps: int = 20, seed=0
) -> AccuracyScan:
    """Run eps-accurate parameter-shift gradients for several M and count what they cost.

    For each M: a seeded random 2-local circuit on ``n`` qubits measuring Z on
    wire 0 (a +-1 observable, as the cost model assumes), shots per circuit from
    :func:`costs.param_shift_shots_per_circuit` (``delta=None``: rms error <= eps;
    a ``delta``: all components within eps with probability >= 1 - delta), then
    ``reps`` seeded estimates, every shot drawn by the sampler and counted in a
    ledger. Keep M in the hundreds at most. Introduced in chapter 3.
    """
    Ms = np.array(count_list("M_list", M_list, maximum=MAX_SCAN_M), dtype=np.int64)
    eps = positive_real("eps", eps, upper=1.0)
    if delta is not None:
        delta = probability("delta", delta)
    n = bounded_int("n", n, minimum=2, maximum=12)
    reps = bounded_int("reps", reps, maximum=MAX_REPS)
    N_max = int(costs.param_shift_shots_per_circuit(int(Ms.max()), eps, delta))
    if N_max * reps > 10**9:
        raise ValueError(
            f"eps = {eps} needs {N_max:,} shots per circuit; with reps = {reps} that is over 1e9 "
            "draws: use a larger eps or fewer reps"
        )
    gen = make_rng("seed", seed)
    rows = []
    for M in Ms.tolist():
        circuit = random_circuit(n, M, locality=2, seed=gen)
        theta = random_parameters(M, seed=gen)
        N = int(costs.param_shift_shots_per_circuit(M, eps, delta))
        prepared = shifted_settings(circuit, theta)
        ledger = Ledger()
        est = prepared.estimates(N, gen, repetitions=reps, ledger=ledger)
        err = np.abs(est - prepared.exact)
        rows.append(
            (
                N,
                ledger.circuits // reps,
                ledger.shots // reps,
                int(costs.param_shift_shots(M, eps, delta)),
                ledger.shot_gates // reps,
                int(costs.param_shift_time(M, eps, delta)),
                np.sqrt(np.mean(err**2)),
                np.mean(err.max(axis=1)),
                np.mean(err.max(axis=1) <= eps),
            )
        )
    cols = list(zip(*rows))
    return AccuracyScan(Ms, eps, delta, *(np.array(c) for c in cols), reps)
