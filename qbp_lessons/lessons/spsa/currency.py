"""One currency: the shots an eps-accurate gradient costs, SPSA against parameter shift.

Counting circuits hides the shots: a noise-free SPSA evaluation and a parameter-shift
circuit exact only at infinitely many shots are not the same unit. This module counts
*shots* at one target, a relative mean-square error
``E||g_hat - g||^2 <= eps^2 ||g||^2`` of one gradient, for a circuit measuring a single
Pauli string (a +-1 observable, one shot = one +-1 outcome).

* Parameter shift with N shots on each of its 2M circuits: the error is
  ``sum_k Var_k / N`` (:meth:`~qbp_lessons.lessons.param_shift.gradients.ShiftedSettings.variance`),
  so N = ceil(sum_k Var_k(1) / (eps^2 ||g||^2)) and 2 M N shots.
* SPSA with one shot per evaluation and K Rademacher directions at step c: the
  average of K independent one-direction estimates has
  ``E||g_bar - g||^2 = ||m - g||^2 + V / K`` with ``m = E g_hat`` (a bias of order c^2)
  and ``V = E||g_hat - m||^2 = M (1 - E[F+ F-]) / (2 c^2) - ||m||^2`` (one +-1 outcome
  y+- per evaluation, so (y+ - y-)^2 = 2 - 2 y+ y-). It reaches the target only if
  the bias alone does, with K = ceil(V / (eps^2 ||g||^2 - ||m - g||^2)): 2K shots.

:func:`spsa_mean` computes m exactly: averaging a gate exp(-i (t + c Delta) P) over
Delta = +-1 turns it into exp(-i t P) followed by the dephasing rho -> cos^2 c rho +
sin^2 c P rho P, and the directions of different gates are independent, so
m_i = [F_i(theta_i + c) - F_i(theta_i - c)] / (2c) with every other gate dephased.
:func:`shot_model` adds the sampled E[F+ F-]; :func:`shots_to_target` measures the
shots both methods need by bisection over seeded runs, every shot drawn and counted.
Introduced in chapter 4.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from qbp_lessons._validate import bounded_int, positive_real, real_array, record
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine.circuits import Circuit, check_circuit
from qbp_lessons.engine.gradients import grad_adjoint
from qbp_lessons.engine.ledger import Ledger, check_ledger
from qbp_lessons.engine.paulis import pauli_matrix
from qbp_lessons.lessons.param_shift.gradients import shifted_settings
from qbp_lessons.lessons.spsa.compute import MAX_DIRECTIONS, draw_directions

__all__ = [
    "MAX_CURRENCY_QUBITS",
    "MAX_CURRENCY_WORK",
    "MIN_EPS",
    "spsa_mean",
    "one_shot_evaluations",
    "ShotModel",
    "shot_model",
    "CurrencyScan",
    "shots_to_target",
]

#: Most qubits :func:`spsa_mean` simulates (it keeps M density matrices of 4^n entries).
MAX_CURRENCY_QUBITS = 6

#: Most amplitude updates one :func:`shots_to_target` may imply (a few tens of seconds).
MAX_CURRENCY_WORK = 5 * 10**9

#: Smallest relative accuracy :func:`shots_to_target` measures (its runs grow as 1/eps^2).
MIN_EPS = 0.05

#: Evaluations simulated at once (rows of one stack of statevectors).
_CHUNK = 16_384


def _check_pm1(circuit: Circuit) -> Circuit:
    """A circuit measuring one Pauli string with coefficient 1: one shot is one +-1 outcome."""
    circuit = check_circuit(circuit)
    obs = circuit.observable
    if len(obs) != 1 or obs.coeffs[0] != 1.0 or obs.paulis[0].weight == 0:
        raise ValueError("circuit must measure a single Pauli string (a +-1 observable)")
    return circuit


def _check_c(c) -> float:
    return positive_real("c", c, upper=math.pi / 4)


def _check_cs(c_values, max_length: int) -> np.ndarray:
    """Steps c, each in (0, pi/4], at most ``max_length`` of them."""
    cs = real_array("c_values", c_values, ndim=1)
    if not 1 <= len(cs) <= max_length:
        raise ValueError(f"c_values must hold 1 to {max_length} steps, got {len(cs)}")
    if np.any(cs <= 0) or np.any(cs > math.pi / 4):
        raise ValueError(f"c_values must lie in (0, pi/4], got {cs.tolist()}")
    return cs


# --------------------------------------------------------------------------
# The exact mean of the estimate at finite c
# --------------------------------------------------------------------------


def spsa_mean(circuit: Circuit, theta, c: float) -> np.ndarray:
    """Exact mean over Rademacher directions of the SPSA estimate at step ``c``: E g_hat.

    Shots leave the mean unchanged (each evaluation is unbiased). Averaging gate
    j over Delta_j = +-1 is the gate followed by the dephasing rho -> cos^2 c rho +
    sin^2 c P_j rho P_j; with D_j that channel, m_i = [F_i(theta_i + c) - F_i(theta_i -
    c)] / (2c), where F_i runs gate i undephased and every other gate dephased.
    Density matrices (forward) and Heisenberg observables (backward) make it 2M
    conjugations of 2^n x 2^n matrices each way. For c -> 0 it tends to the gradient;
    the difference is the O(c^2) bias. Introduced in chapter 4.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    c = _check_c(c)
    n = circuit.n
    if n > MAX_CURRENCY_QUBITS:
        raise ValueError(f"circuit must have at most {MAX_CURRENCY_QUBITS} qubits, got n = {n}")
    paulis = [pauli_matrix(p) for p in circuit.generators]
    eye = np.eye(circuit.dim)
    keep, flip = math.cos(c) ** 2, math.sin(c) ** 2

    def gate(j, t):
        return math.cos(t) * eye - 1j * math.sin(t) * paulis[j]

    def dephase(j, a):
        return keep * a + flip * (paulis[j] @ a @ paulis[j])

    rho = np.zeros((circuit.dim, circuit.dim), dtype=complex)
    rho[0, 0] = 1.0
    before = []
    for j in range(circuit.M):
        before.append(rho)
        u = gate(j, theta[j])
        rho = dephase(j, u @ rho @ u.conj().T)
    obs = sum(coef * pauli_matrix(p) for coef, p in circuit.observable.terms)
    mean = np.empty(circuit.M)
    for i in range(circuit.M - 1, -1, -1):
        values = []
        for sign in (1, -1):
            u = gate(i, theta[i] + sign * c)
            values.append(float(np.real(np.trace(obs @ u @ before[i] @ u.conj().T))))
        mean[i] = (values[0] - values[1]) / (2 * c)
        u = gate(i, theta[i])
        obs = u.conj().T @ dephase(i, obs) @ u
    return mean


# --------------------------------------------------------------------------
# Many evaluations at once, one shot each
# --------------------------------------------------------------------------


def _expvals(circuit: Circuit, thetas: np.ndarray, ledger) -> np.ndarray:
    """Exact F at every row of ``thetas``: stacks of statevectors, the gates in the ledger."""
    gates, terms = circuit.kernels()
    out = np.empty(len(thetas))
    for start in range(0, len(thetas), _CHUNK):
        block = thetas[start : start + _CHUNK]
        psi = np.zeros((len(block), circuit.dim), dtype=complex)
        psi[:, 0] = 1.0
        for j, kernel in enumerate(gates):
            scratch = kernel.minus_i_pauli(psi)
            scratch *= np.sin(block[:, j])[:, None]
            psi *= np.cos(block[:, j])[:, None]
            psi += scratch
        values = np.zeros(len(block))
        for coef, kernel in terms:
            values += coef * np.einsum("ij,ij->i", psi.conj(), kernel.minus_i_pauli(psi, 1j)).real
        out[start : start + len(block)] = values
        if ledger is not None:
            ledger.rotations += len(block) * circuit.M
            ledger.paulis += len(block) * len(terms)
    return out


def one_shot_evaluations(
    circuit: Circuit, theta, deltas, c: float, seed=None, *, ledger: Ledger | None = None
):
    """One shot of F at theta +- c Delta for every row Delta of ``deltas``.

    Returns ``(y_plus, y_minus, F_plus, F_minus)``: the +-1 outcomes drawn (each +1
    with probability (1 + F)/2) and the exact values they estimate. The ledger
    counts 2K executions of one shot each, and the simulator's gates. Introduced
    in chapter 4.
    """
    circuit = _check_pm1(circuit)
    theta = circuit.check_theta(theta)
    c = _check_c(c)
    deltas = real_array("deltas", deltas, ndim=2)
    if deltas.shape[1] != circuit.M or len(deltas) == 0:
        raise ValueError(f"deltas must have shape (K, M = {circuit.M}), got {deltas.shape}")
    ledger = check_ledger(ledger)
    gen = make_rng("seed", seed)
    exact = [_expvals(circuit, theta + s * c * deltas, ledger) for s in (1, -1)]
    outcomes = [np.where(gen.random(len(deltas)) < (1 + f) / 2, 1.0, -1.0) for f in exact]
    if ledger is not None:
        ledger.record_shots(1, circuit.M, executions=2 * len(deltas))
    return outcomes[0], outcomes[1], exact[0], exact[1]


# --------------------------------------------------------------------------
# The model: shots SPSA needs at each c
# --------------------------------------------------------------------------


def _target(eps, g_norm2):
    eps = positive_real("eps", eps, upper=1.0)
    if g_norm2 <= 0:
        raise ValueError("theta: the gradient is zero there, so no relative accuracy is defined")
    return eps, eps**2 * g_norm2


@record
@dataclass(frozen=True)
class ShotModel:
    """Shots of a relative-eps SPSA gradient, one shot per evaluation (from :func:`shot_model`).

    One entry per c. ``bias2``: ||E g_hat - g||^2, exact (:func:`spsa_mean`);
    ``variance``: E||g_hat - E g_hat||^2 of one direction, with E[F+ F-] from
    ``samples`` exact evaluation pairs (``variance_sem`` its standard error);
    ``directions``: K = ceil(variance / (eps^2 ||g||^2 - bias2)), NaN where the bias
    alone misses the target; ``shots``: 2K. Introduced in chapter 4.
    """

    NAN_FIELDS: ClassVar[tuple] = ("directions", "shots")  # NaN: the bias alone misses the target

    eps: float
    g_norm2: float
    c: np.ndarray
    bias2: np.ndarray
    variance: np.ndarray
    variance_sem: np.ndarray
    directions: np.ndarray
    shots: np.ndarray
    samples: int


def shot_model(circuit: Circuit, theta, eps: float, c_values, *, samples: int = 4000, seed=0):
    """The shots SPSA with one shot per evaluation needs for E||g_bar - g||^2 <= eps^2 ||g||^2.

    For each c: the exact bias of :func:`spsa_mean`, the one-direction variance
    M (1 - E[F+ F-]) / (2 c^2) - ||m||^2 with E[F+ F-] sampled over ``samples``
    seeded directions (exact F, no shots), and K = ceil(variance / (eps^2 ||g||^2 -
    bias^2)). Small c: large shot noise; large c: the bias eats the target.
    Introduced in chapter 4.
    """
    circuit = _check_pm1(circuit)
    theta = circuit.check_theta(theta)
    cs = _check_cs(c_values, 100)
    samples = bounded_int("samples", samples, minimum=100, maximum=10**5)
    if circuit.n > MAX_CURRENCY_QUBITS:
        raise ValueError(
            f"circuit must have at most {MAX_CURRENCY_QUBITS} qubits, got n = {circuit.n}"
        )
    g = grad_adjoint(circuit, theta)
    G = float(g @ g)
    eps, goal = _target(eps, G)
    gen = make_rng("seed", seed)
    M = circuit.M
    rows = []
    for c in cs.tolist():
        m = spsa_mean(circuit, theta, c)
        deltas = draw_directions(M, samples, seed=gen)
        _, _, fp, fm = one_shot_evaluations(circuit, theta, deltas, c, gen)
        scale = M / (2 * c**2)
        variance = scale * (1 - float(np.mean(fp * fm))) - float(m @ m)
        sem = scale * float(np.std(fp * fm, ddof=1)) / math.sqrt(samples)
        bias2 = float((m - g) @ (m - g))
        K = math.ceil(variance / (goal - bias2)) if bias2 < goal else math.nan
        rows.append((bias2, variance, sem, K, 2 * K))
    cols = [np.array(col, dtype=float) for col in zip(*rows)]
    return ShotModel(eps, G, cs, *cols, samples)


# --------------------------------------------------------------------------
# The measurement: shots needed, read off seeded runs
# --------------------------------------------------------------------------


def _smallest_int(ok, limit: int) -> int:
    """Smallest integer N >= 1 with ``ok(N)``: doubling, then bisection. Raises past ``limit``."""
    lo, hi = 0, 1
    while not ok(hi):
        lo, hi = hi, 2 * hi
        if hi > limit:
            raise ValueError(f"eps: the target needs more than {limit:,} shots per circuit")
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if ok(mid):
            hi = mid
        else:
            lo = mid
    return hi


@record
@dataclass(frozen=True)
class CurrencyScan:
    """Measured shots of a relative-eps gradient, both methods (from :func:`shots_to_target`).

    SPSA, per c: ``reps`` seeded runs of one-shot evaluations, direction after
    direction; ``spsa_directions`` is the first K at which the mean over the runs of
    ||(average of the first K estimates) - g||^2 is <= eps^2 ||g||^2, ``spsa_shots``
    = 2K (one shot per evaluation), ``spsa_error`` that mean over ||g||^2, and
    ``spsa_run_shots`` the shots the ledger counted per run (the whole run, at least
    2K). Parameter shift: ``ps_shots_per_circuit``, the smallest N (bisection over
    seeded batches of ``reps`` gradients) whose mean squared error meets the target;
    ``ps_shots``, the shots of one gradient at that N, counted by the ledger;
    ``ps_model_shots`` = 2 M ceil(sum_k Var_k(1) / (eps^2 ||g||^2)) from the exact
    variances. Introduced in chapter 4.
    """

    M: int
    eps: float
    g_norm2: float
    reps: int
    c: np.ndarray
    spsa_directions: np.ndarray
    spsa_shots: np.ndarray
    spsa_error: np.ndarray
    spsa_run_shots: np.ndarray
    ps_shots_per_circuit: int
    ps_shots: int
    ps_error: float
    ps_model_shots: int


def shots_to_target(
    circuit: Circuit, theta, eps: float, c_values, *, reps: int = 20, seed=0
) -> CurrencyScan:
    """Measure the shots SPSA (one shot per evaluation, at each c) and parameter shift need.

    The target is E||g_hat - g||^2 <= eps^2 ||g||^2, judged on the mean over ``reps``
    seeded gradients (a spread of a few per cent at reps = 20, so the results
    scatter by about that). SPSA: ``reps`` runs grow in blocks (1,024 directions,
    then doubling) until the running average of some K meets the target; the first
    such K is read off, to one direction. Parameter shift: the smallest N shots per
    circuit, by doubling and bisection over fresh seeded batches. Every shot is drawn
    and counted. Introduced in chapter 4.
    """
    circuit = _check_pm1(circuit)
    theta = circuit.check_theta(theta)
    cs = _check_cs(c_values, 20)
    reps = bounded_int("reps", reps, minimum=2, maximum=1000)
    if circuit.n > MAX_CURRENCY_QUBITS:
        raise ValueError(
            f"circuit must have at most {MAX_CURRENCY_QUBITS} qubits, got n = {circuit.n}"
        )
    if positive_real("eps", eps, upper=1.0) < MIN_EPS:
        raise ValueError(
            f"eps must be >= {MIN_EPS} (smaller targets need millions of runs), got {eps}"
        )
    g = grad_adjoint(circuit, theta)
    G = float(g @ g)
    eps, goal = _target(eps, G)
    M = circuit.M
    # the longest runs: reps x K directions, 2 evaluations of M gates on 2^n amplitudes each
    k_limit = min(MAX_DIRECTIONS, int(MAX_CURRENCY_WORK // (2 * reps * M * circuit.dim)))
    gen = make_rng("seed", seed)

    sp_K, sp_err, sp_run = [], [], []
    for c in cs.tolist():
        ledger = Ledger()
        sums = np.zeros((reps, M))
        errors = np.empty((reps, 0))
        block = 1024
        while True:
            done = errors.shape[1]
            if done + block > k_limit:
                raise ValueError(
                    f"eps: the target eps = {eps:g} at this circuit and theta needs more than"
                    f" {k_limit:,} directions at c = {c:g} (raise eps or change c_values)"
                )
            new = np.empty((reps, block))
            for r in range(reps):
                deltas = draw_directions(M, block, seed=gen)
                yp, ym, _, _ = one_shot_evaluations(circuit, theta, deltas, c, gen, ledger=ledger)
                running = sums[r] + np.cumsum(((yp - ym) / (2 * c))[:, None] * deltas, axis=0)
                sums[r] = running[-1]
                counts = np.arange(done + 1, done + block + 1)[:, None]
                new[r] = np.sum((running / counts - g) ** 2, axis=1)
            errors = np.hstack([errors, new])
            reached = np.flatnonzero(errors.mean(axis=0) <= goal)
            if reached.size:
                break
            block = errors.shape[1]  # doubling the runs
        K = int(reached[0]) + 1
        sp_K.append(K)
        sp_err.append(float(errors[:, K - 1].mean()) / G)
        sp_run.append(ledger.shots // reps)

    prepared = shifted_settings(circuit, theta)
    trials = {}  # N -> (mean squared error, ledger of that batch)

    def ps_ok(N):
        ledger = Ledger()
        est = prepared.estimates(int(N), gen, repetitions=reps, ledger=ledger)
        trials[N] = (float(np.mean(np.sum((est - g) ** 2, axis=1))), ledger)
        return trials[N][0] <= goal

    N = _smallest_int(ps_ok, 10**6 // reps)
    ps_err, ledger = trials[N]
    model_N = math.ceil(float(np.sum(prepared.variance(1))) / goal)
    return CurrencyScan(
        M,
        eps,
        G,
        reps,
        cs,
        np.array(sp_K),
        2 * np.array(sp_K),
        np.array(sp_err),
        np.array(sp_run),
        int(N),
        ledger.shots // reps,
        ps_err / G,
        2 * M * model_N,
    )
