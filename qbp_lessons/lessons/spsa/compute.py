"""SPSA: a gradient estimate from two circuits, whatever M, and what it is good for.

Simultaneous perturbation stochastic approximation (Spall, IEEE TAC 37(3) (1992)
332-341) perturbs *every* parameter at once along a random direction Delta and
differences the two results::

    g_hat = [F(theta + c Delta) - F(theta - c Delta)] / (2c) * Delta.

With Rademacher directions (entries +-1, so 1/Delta_i = Delta_i) this is Spall's
estimator; with Gaussian directions (entries N(0, 1)) it is the Gaussian-smoothing
estimator of Nesterov & Spokoiny (Found. Comput. Math. 17 (2017) 527-566), which
multiplies by Delta (dividing by a Gaussian Delta_i would give an estimate of
infinite variance). Averaging K directions costs 2K circuits.

Linearised and noise-free, g_hat = Delta Delta^T g: unbiased, but with
E||g_hat - g||^2 = (M - 1) ||g||^2 (Rademacher) or (M + 1) ||g||^2 (Gaussian),
divided by K when K directions are averaged (:func:`qbp_lessons.costs.spsa_second_moment`).
So a gradient accurate to a relative eps needs K >= (M - 1) / eps^2 directions,
2K = O(M) circuits, like parameter shift's 2M. Spall's efficiency is a property
of the *optimisation path* (:func:`qbp_lessons.training.train` with ``method="spsa"``
against ``method="param_shift"``), not of the gradient estimate.

Every circuit evaluation goes through :func:`qbp_lessons.engine.circuits.expval` (exact,
gates in the ledger) or :func:`qbp_lessons.engine.sampling.expval_shots` (Born-rule shots,
executions and shots in the ledger). Seeds: an int, a numpy Generator or None.
:mod:`qbp_lessons.interop` runs the same estimator and optimiser through
PennyLane (``qml.gradients.spsa_grad``, ``qml.SPSAOptimizer``).

Introduced in chapter 4.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qbp_lessons._validate import record
from qbp_lessons import costs
from qbp_lessons._validate import (
    bounded_int,
    choice,
    count_array,
    count_list,
    positive_real,
    real_array,
)
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine.circuits import (
    Circuit,
    check_circuit,
    expval,
    random_circuit,
    random_parameters,
)
from qbp_lessons.engine.gradients import grad_adjoint
from qbp_lessons.engine.ledger import Ledger, check_ledger
from qbp_lessons.engine.sampling import MAX_SHOTS, expval_shots

__all__ = [
    "DIRECTIONS",
    "MAX_DIRECTIONS",
    "MAX_REPS",
    "MAX_SCAN_WORK",
    "draw_directions",
    "spsa_grad_core",
    "spsa_grad",
    "spsa_error_variance",
    "SpallGains",
    "spall_gains",
    "ErrorScan",
    "error_scan",
]

#: The kinds of random direction the estimator accepts.
DIRECTIONS = ("rademacher", "gaussian")

#: Most directions one gradient estimate may average (a cap checked before any loop).
MAX_DIRECTIONS = 100_000

#: Most repetitions a scan may do, and most iterations Spall's gains are planned for.
MAX_REPS = 100_000

#: Most amplitude updates one :func:`error_scan` may imply (2 reps sum(K) sum(M) 2^n):
#: a few seconds; chapter 4's largest scan needs 2e7.
MAX_SCAN_WORK = 2 * 10**8


# --------------------------------------------------------------------------
# The estimator
# --------------------------------------------------------------------------


def draw_directions(M: int, K: int = 1, kind: str = "rademacher", seed=None) -> np.ndarray:
    """K random perturbation directions of M entries: shape (K, M).

    ``kind="rademacher"``: entries +-1 with probability 1/2 each (Spall's
    choice); ``"gaussian"``: independent standard normal entries. Introduced in
    chapter 4.
    """
    M = bounded_int("M", M, maximum=10**6)
    K = bounded_int("K", K, maximum=MAX_DIRECTIONS)
    kind = choice("kind", kind, set(DIRECTIONS))
    if K * M > 10**8:
        raise ValueError(f"K x M must be <= 1e8 entries, got {K * M:,}")
    gen = make_rng("seed", seed)
    if kind == "rademacher":
        return 2.0 * gen.integers(0, 2, size=(K, M)) - 1.0
    return gen.standard_normal((K, M))


def _evaluator(circuit: Circuit, shots, gen, ledger):
    """F(theta), exact or from shots, with every gate and shot written into the ledger."""
    if shots is None:
        return lambda t: expval(circuit, t, ledger=ledger)
    return lambda t: expval_shots(circuit, t, shots, gen, ledger=ledger)


def spsa_grad_core(F, theta: np.ndarray, deltas: np.ndarray, c: float) -> np.ndarray:
    """``(1/K) sum_k [F(theta + c Delta_k) - F(theta - c Delta_k)] / (2c) * Delta_k``. Chapter 4.

    ``F`` evaluates the cost at a parameter vector; ``deltas`` holds the K
    directions, one per row. No input checks: :func:`spsa_grad` checks the
    circuit, theta, c, shots and the directions, builds F, then calls this.
    """
    grad = np.zeros(theta.shape)
    for delta in deltas:
        grad += (F(theta + c * delta) - F(theta - c * delta)) / (2.0 * c) * delta
    return grad / len(deltas)


def spsa_grad(
    circuit: Circuit,
    theta,
    K: int = 1,
    c: float = 0.1,
    *,
    kind: str = "rademacher",
    shots: int | None = None,
    seed=None,
    directions=None,
    ledger: Ledger | None = None,
) -> np.ndarray:
    """The SPSA gradient estimate averaged over K random directions: 2K circuit evaluations.

    ``g_hat = (1/K) sum_k [F(theta + c Delta_k) - F(theta - c Delta_k)] / (2c) * Delta_k``.

    ``shots=None`` evaluates F exactly; an int draws that many Born-rule shots
    per measurement setting of each evaluation. ``directions`` (shape (K, M))
    replaces the random draw, to reproduce another implementation's directions;
    K is then read from it. The ledger counts every gate, execution and shot.
    Checks the inputs, draws the directions, builds F, then calls
    :func:`spsa_grad_core`. Introduced in chapter 4.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    c = positive_real("c", c, upper=10.0)
    if shots is not None:
        shots = bounded_int("shots", shots, maximum=MAX_SHOTS)
    ledger = check_ledger(ledger)
    gen = make_rng("seed", seed)
    if directions is None:
        deltas = draw_directions(circuit.M, K, kind, gen)
    else:
        deltas = real_array("directions", directions, ndim=2)
        if deltas.shape[1] != circuit.M or not 1 <= deltas.shape[0] <= MAX_DIRECTIONS:
            raise ValueError(
                f"directions must have shape (K, M = {circuit.M}) with 1 <= K <="
                f" {MAX_DIRECTIONS:,}, got {deltas.shape}"
            )
    return spsa_grad_core(_evaluator(circuit, shots, gen, ledger), theta, deltas, c)


def spsa_error_variance(g, K: int = 1) -> float:
    """Exact variance of ||g_hat - g||^2 for Rademacher SPSA, noise-free and linearised.

    One direction: g_hat - g = Delta S - g with S = Delta . g, so
    ||g_hat - g||^2 = (M - 2) S^2 + ||g||^2 and its variance is
    (M - 2)^2 (2 ||g||^4 - 2 sum g_i^4). Averaging K directions, the cross terms
    e_k . e_l (k != l) add 2 K (K - 1) tr(C^2) with C = Cov(e) = ||g||^2 I + g g^T
    - 2 diag(g^2); in all ``[K Var_1 + 2 K (K - 1) tr(C^2)] / K^4``. The tests
    and the chapter derive their tolerances from it. Introduced in chapter 4.
    """
    g = real_array("g", g, ndim=1)
    K = bounded_int("K", K, maximum=MAX_DIRECTIONS)
    M = g.size
    if M and float(np.max(np.abs(g))) > 1e60:  # fourth powers times M^2 must stay finite
        raise ValueError(
            f"g entries must be at most 1e60 in size (fourth powers enter the variance),"
            f" got {float(np.max(np.abs(g))):.3g}"
        )
    G, g4 = float(g @ g), float(np.sum(g**4))
    var1 = (M - 2) ** 2 * (2 * G**2 - 2 * g4)
    tr_c2 = float(np.sum((G - g**2) ** 2)) + (G**2 - g4)
    return (K * var1 + 2 * K * (K - 1) * tr_c2) / K**4


# --------------------------------------------------------------------------
# Spall's gains: the step sizes of the optimiser (the loop is qbp_lessons.training)
# --------------------------------------------------------------------------


@record
@dataclass(frozen=True)
class SpallGains:
    """Spall's gain sequences (IEEE TAES 34(3) (1998) 817-823), iterations counted from k = 0.

    ``a_k = a / (k + 1 + A)^alpha`` (step size), ``c_k = c / (k + 1)^gamma``
    (perturbation size), with Spall's recommended alpha = 0.602, gamma = 0.101.
    PennyLane's ``qml.SPSAOptimizer`` counts from k = 1 and writes
    a / (A + k)^alpha and c / k^gamma: the same numbers. Introduced in chapter 4.
    """

    a: float
    c: float
    A: float = 0.0
    alpha: float = 0.602
    gamma: float = 0.101

    def __post_init__(self):
        for name in ("a", "c"):
            object.__setattr__(self, name, positive_real(name, getattr(self, name), upper=MAX_GAIN))
        object.__setattr__(self, "A", positive_real("A", self.A, allow_zero=True, upper=MAX_GAIN))
        for name in ("alpha", "gamma"):
            object.__setattr__(self, name, positive_real(name, getattr(self, name), upper=2.0))

    def a_k(self, k):
        """Step size of iteration k (k = 0, 1, ...; a whole number or an array of them)."""
        return self.a / (_iteration("k", k) + 1 + self.A) ** self.alpha

    def c_k(self, k):
        """Perturbation size of iteration k (k = 0, 1, ...; a whole number or an array of them)."""
        return self.c / (_iteration("k", k) + 1.0) ** self.gamma


#: Largest a, c or A Spall's gains accept: (A + 1)^alpha stays finite for alpha <= 2.
MAX_GAIN = 1e6


def _iteration(name: str, k) -> np.ndarray:
    """Iteration indices k >= 0 (a whole number or an array of them) as an array."""
    return np.asarray(count_array(name, k, minimum=0, maximum=10**12))


def spall_gains(
    iterations: int,
    a: float | None = None,
    c: float = 0.2,
    A: float | None = None,
    alpha: float = 0.602,
    gamma: float = 0.101,
) -> SpallGains:
    """Spall's gains with his practical defaults: A about 10 % of the iterations.

    ``a`` defaults to ``0.05 (A + 1)^alpha``, so that the first step size a_0 is
    0.05, as in PennyLane's ``qml.SPSAOptimizer``. Introduced in chapter 4.
    """
    iterations = bounded_int("iterations", iterations, maximum=MAX_REPS)
    A = 0.1 * iterations if A is None else positive_real("A", A, allow_zero=True, upper=MAX_GAIN)
    alpha = positive_real("alpha", alpha, upper=2.0)
    a = 0.05 * (A + 1) ** alpha if a is None else positive_real("a", a, upper=MAX_GAIN)
    return SpallGains(a, c, A, alpha, gamma)


# --------------------------------------------------------------------------
# Measuring the error against M
# --------------------------------------------------------------------------


@record
@dataclass(frozen=True)
class ErrorScan:
    """Measured E||g_hat - g||^2 of SPSA gradients (from :func:`error_scan`).

    Arrays have shape (len(M), len(K)) unless noted. ``g_norm2`` (len(M)): the
    exact ||g||^2 of each M's circuit (adjoint method). ``mean_sq_error``: mean
    over ``reps`` estimates of ||g_hat - g||^2; ``sem``: its standard error (the
    sample standard deviation over sqrt(reps)); ``predicted``:
    :func:`qbp_lessons.costs.spsa_second_moment` at that circuit's ||g||^2 and,
    with shots, the exact single-shot variance 1 - F^2 averaged over the
    perturbed circuits that ran. ``executions``: circuit executions per gradient,
    counted by the ledger (with shots; 0 when exact). ``gates``: simulator gate
    applications per gradient, counted. ``gradients``: each circuit's exact g.
    Introduced in chapter 4.
    """

    M: np.ndarray
    K: np.ndarray
    kind: str
    c: float
    shots: int | None
    reps: int
    n: int
    g_norm2: np.ndarray
    mean_sq_error: np.ndarray
    sem: np.ndarray
    predicted: np.ndarray
    executions: np.ndarray
    gates: np.ndarray
    gradients: tuple = ()

    def exact_sem(self) -> np.ndarray:
        """The exact standard error of :attr:`mean_sq_error` (Rademacher, noise-free, c -> 0).

        sqrt(:func:`spsa_error_variance` (g, K) / reps) for each circuit's gradient g: a
        tolerance derived from the formula rather than estimated from the same samples.
        """
        if self.kind != "rademacher" or self.shots is not None:
            raise ValueError(
                "exact_sem needs a noise-free Rademacher scan (kind='rademacher', shots=None)"
            )
        return np.array(
            [
                [np.sqrt(spsa_error_variance(g, int(K)) / self.reps) for K in self.K]
                for g in self.gradients
            ]
        )

    @property
    def relative(self) -> np.ndarray:
        """Measured E||g_hat - g||^2 / ||g||^2."""
        return self.mean_sq_error / self.g_norm2[:, None]

    @property
    def relative_sem(self) -> np.ndarray:
        """Standard error of :attr:`relative`."""
        return self.sem / self.g_norm2[:, None]


def error_scan(
    M_list,
    K_list=(1,),
    *,
    kind: str = "rademacher",
    c: float | None = None,
    shots: int | None = None,
    n: int = 4,
    reps: int = 200,
    seed=0,
) -> ErrorScan:
    """Measure E||g_hat - g||^2 of SPSA gradients for each M and K, and set it beside the formula.

    For each M: one seeded random 2-local circuit on ``n`` qubits measuring Z on
    wire 0 (a +-1 observable), random angles, its exact gradient g (adjoint
    method), redrawn while g has fewer than two nonzero components (then the
    error of SPSA is trivially constant: gates outside the observable's light
    cone have g_i = 0); then ``reps`` independent seeded SPSA estimates for each K, every
    evaluation a circuit run (exact, or ``shots`` Born-rule shots). ``c``
    defaults to 1e-4 without shots (the linearised limit) and must be given with
    shots. Cost: about 2 reps sum(K) sum(M) gate applications; it is capped.
    Introduced in chapter 4.
    """
    Ms = count_list("M_list", M_list, maximum=4096, max_length=100)
    Ks = count_list("K_list", K_list, maximum=MAX_DIRECTIONS, max_length=100)
    kind = choice("kind", kind, set(DIRECTIONS))
    if shots is not None:
        shots = bounded_int("shots", shots, maximum=10**7)
        if c is None:
            raise ValueError(
                "c must be given with shots (try 0.1 to 0.3): c = 1e-4 would drown "
                "the difference in shot noise"
            )
    c = 1e-4 if c is None else positive_real("c", c, upper=10.0)
    n = bounded_int("n", n, minimum=1, maximum=12)
    reps = bounded_int("reps", reps, minimum=2, maximum=MAX_REPS)
    work = 2 * reps * sum(Ks) * sum(Ms) * 2**n
    if work > MAX_SCAN_WORK:
        raise ValueError(
            f"this scan would update about {work:.1e} amplitudes (2 reps sum(K) sum(M) 2^n);"
            f" keep it under {MAX_SCAN_WORK:.0e} with fewer reps, K_list, M_list or a smaller n"
        )
    gen = make_rng("seed", seed)
    g2s, mse, sem, pred, execs, gates, grads = [], [], [], [], [], [], []
    for M in Ms:
        # redraw a circuit whose gradient has fewer than two nonzero components
        for _ in range(100):
            circuit = random_circuit(n, M, locality=min(2, n), seed=gen)
            theta = random_parameters(M, seed=gen)
            g = grad_adjoint(circuit, theta)
            if M < 2 or np.count_nonzero(np.abs(g) > 1e-12) >= 2:
                break
        g2 = float(g @ g)
        grads.append(g)
        row = [[], [], [], [], []]
        for K in Ks:
            ledger = Ledger()
            errors, variances = np.empty(reps), []
            for r in range(reps):
                deltas = draw_directions(M, K, kind, gen)
                est = spsa_grad(
                    circuit, theta, c=c, shots=shots, seed=gen, directions=deltas, ledger=ledger
                )
                errors[r] = float(np.sum((est - g) ** 2))
                if shots is not None:
                    variances += [
                        max(0.0, 1.0 - expval(circuit, theta + s * c * d) ** 2)
                        for d in deltas
                        for s in (1, -1)
                    ]
            variance = float(np.mean(variances)) if variances else 1.0
            row[0].append(errors.mean())
            row[1].append(errors.std(ddof=1) / np.sqrt(reps))
            row[2].append(
                float(
                    costs.spsa_second_moment(M, g2, K, kind, shots=shots, c=c, variance=variance)
                    if shots is not None
                    else costs.spsa_second_moment(M, g2, K, kind)
                )
            )
            row[3].append(ledger.circuits // reps)
            row[4].append(ledger.gates // reps)
        g2s.append(g2)
        for dest, values in zip((mse, sem, pred, execs, gates), row):
            dest.append(values)
    return ErrorScan(
        np.array(Ms),
        np.array(Ks),
        kind,
        c,
        shots,
        reps,
        n,
        np.array(g2s),
        *(np.array(a, dtype=float) for a in (mse, sem, pred)),
        np.array(execs, dtype=np.int64),
        np.array(gates, dtype=np.int64),
        tuple(grads),
    )
