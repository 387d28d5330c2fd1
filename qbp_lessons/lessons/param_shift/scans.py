"""Chapter 3's measurements of the statistics: error against shots, shots against accuracy.

Both scans draw every shot through the sampler (:mod:`.gradients`) and count it in
a :class:`~qbp_lessons.engine.ledger.Ledger`, so the chapter can set counted
points on the curves of :mod:`qbp_lessons.costs`. Introduced in chapter 3.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qbp_lessons._validate import record
from qbp_lessons import costs
from qbp_lessons._validate import bounded_int, count_list, positive_real, probability
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine.circuits import Circuit, check_circuit, random_circuit, random_parameters
from qbp_lessons.engine.ledger import Ledger
from qbp_lessons.engine.sampling import MAX_SHOTS
from qbp_lessons.lessons.param_shift.gradients import MAX_REPS, shifted_settings

__all__ = [
    "ShotScan",
    "error_vs_shots",
    "AccuracyScan",
    "shots_for_accuracy",
    "ShotsNeeded",
    "shots_needed",
]

#: Largest M an accuracy scan may simulate (2M shifted circuits each).
MAX_SCAN_M = 2000
#: Most simulator work one accuracy scan may imply (2 sum(M^2) (2^n + 64): amplitude updates
#: and per-gate overhead); chapter 3's largest scan needs 1.4e7.
MAX_SCAN_WORK = 5 * 10**8
#: Largest shot budget per circuit a bisection of :func:`shots_needed` may try.
MAX_BISECT_SHOTS = 10**6


@record
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


@record
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
    # the simulation: 2M shifted circuits of M gates for each M, each gate over 2^n amplitudes
    work = 2 * sum(M * M for M in Ms.tolist()) * (2**n + 64)
    if work > MAX_SCAN_WORK:
        raise ValueError(
            f"M_list: simulating 2M shifted circuits of M gates for each M on n = {n} qubits is"
            f" about {work:.1e} amplitude updates, over {MAX_SCAN_WORK:.0e}: use smaller M or n"
        )
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


@record
@dataclass(frozen=True)
class ShotsNeeded:
    """Result of :func:`shots_needed`; every array has one entry per M.

    ``shots_needed``: the smallest shots per circuit N at which ``seeds`` seeded
    gradients met the target, found by bisection (a measurement). ``model``: the
    worst-case budget of :func:`costs.param_shift_shots_per_circuit`.
    ``predicted``: the N the circuit's exact variances predict (rms target:
    mean_k Var_k(N = 1) / eps^2; all components: the N at which independent
    Gaussian components are all within eps with probability 1 - delta), not
    rounded. ``rel_sd``: the relative standard deviation of the measured mean
    squared error over the seeds, sqrt(2 / nu) with nu = seeds (sum Var_k)^2 /
    sum Var_k^2 (Satterthwaite), which sets how far ``shots_needed`` may scatter
    around ``predicted``. ``achieved`` / ``achieved_below``: the rms error (rms
    target) or the fraction of seeds with every component within eps (all
    components) at N and at N - 1. ``model_success`` / ``model_success_below``:
    the Gaussian prediction of that fraction at N and N - 1 (all components; NaN
    for the rms target). ``total_shots`` / ``gates``: per gradient at N,
    *counted* by the sampler's ledger.
    """

    NAN_FIELDS = ("model_success", "model_success_below")

    M: np.ndarray
    eps: float
    delta: float | None
    seeds: int
    shots_needed: np.ndarray
    model: np.ndarray
    predicted: np.ndarray
    rel_sd: np.ndarray
    achieved: np.ndarray
    achieved_below: np.ndarray
    model_success: np.ndarray
    model_success_below: np.ndarray
    total_shots: np.ndarray
    gates: np.ndarray


def _gaussian_success(variances: np.ndarray, eps: float, shots: float) -> float:
    """P(every component within eps) for independent Gaussian errors of variance v_k / N."""
    from scipy.special import erf

    return float(np.prod(erf(eps * np.sqrt(shots / (2 * variances)))))


def _gaussian_shots(variances: np.ndarray, eps: float, delta: float) -> float:
    """The N (not rounded) at which :func:`_gaussian_success` reaches 1 - delta."""
    from scipy.optimize import brentq

    lo, hi = 0.0, 1.0
    while _gaussian_success(variances, eps, hi) < 1 - delta:
        hi *= 2
    return float(brentq(lambda n: _gaussian_success(variances, eps, n) - (1 - delta), lo, hi))


def shots_needed(
    M_list, eps: float, *, delta=None, n: int = 4, seeds: int = 200, seed=0
) -> ShotsNeeded:
    """Measure, by bisection, the shots per circuit an eps-accurate gradient really needs.

    For each M: a seeded random 2-local circuit on ``n`` qubits measuring Z on
    wire 0. A candidate N passes when ``seeds`` seeded shot-estimated gradients
    (the same seeds for every N) meet the target: rms error over seeds and
    components <= eps (``delta=None``), or every component within eps in at
    least a fraction 1 - delta of them. N is bisected between 0 and the first
    passing budget (the model's worst case, doubled while it fails, up to
    :data:`MAX_BISECT_SHOTS`), so the result is a measurement to set beside the
    model :func:`costs.param_shift_shots_per_circuit` and beside the prediction
    from the circuit's exact variances. Keep M in the hundreds. Introduced in chapter 3.
    """
    Ms = np.array(count_list("M_list", M_list, maximum=MAX_SCAN_M), dtype=np.int64)
    eps = positive_real("eps", eps, upper=1.0)
    if delta is not None:
        delta = probability("delta", delta)
    n = bounded_int("n", n, minimum=2, maximum=12)
    seeds = bounded_int("seeds", seeds, minimum=2, maximum=MAX_REPS)
    if delta is not None and seeds * delta < 1:
        raise ValueError(
            f"seeds: with delta = {delta:g} at least {int(np.ceil(1 / delta))} seeds are needed"
            f" to resolve a failure rate of delta, got {seeds}"
        )
    work = 2 * sum(M * M for M in Ms.tolist()) * (2**n + 64)
    if work > MAX_SCAN_WORK:
        raise ValueError(
            f"M_list: simulating 2M shifted circuits of M gates for each M on n = {n} qubits is"
            f" about {work:.1e} amplitude updates, over {MAX_SCAN_WORK:.0e}: use smaller M or n"
        )
    N_model = int(costs.param_shift_shots_per_circuit(int(Ms.max()), eps, delta))
    if N_model > MAX_BISECT_SHOTS:
        raise ValueError(
            f"eps = {eps} asks for {N_model:,} shots per circuit in the model, over the"
            f" bisection's {MAX_BISECT_SHOTS:,}: use a larger eps"
        )
    # every bisection step draws seeds x 2M multinomials over 2^n outcomes
    steps = int(np.ceil(np.log2(MAX_BISECT_SHOTS))) + 2
    draws = seeds * 2 * int(Ms.sum()) * 2**n * steps
    if draws > MAX_SCAN_WORK:
        raise ValueError(
            f"seeds: {seeds:,} seeds x 2M circuits x 2^n outcomes over about {steps} bisection"
            f" steps is {draws:.1e} draws, over {MAX_SCAN_WORK:.0e}: use fewer seeds or smaller M"
        )
    if MAX_BISECT_SHOTS * seeds > MAX_SHOTS:
        raise ValueError(
            f"seeds: up to {MAX_BISECT_SHOTS:,} shots per circuit times {seeds:,} seeds is over"
            f" {MAX_SHOTS:,} draws: use at most {MAX_SHOTS // MAX_BISECT_SHOTS:,} seeds"
        )
    gen = make_rng("seed", seed)
    rows = []
    for M in Ms.tolist():
        circuit = random_circuit(n, M, locality=2, seed=gen)
        theta = random_parameters(M, seed=gen)
        sample_seed = int(gen.integers(2**62))
        prepared = shifted_settings(circuit, theta)
        v = prepared.variance(1)

        def measure(N, ledger=None):
            est = prepared.estimates(N, sample_seed, repetitions=seeds, ledger=ledger)
            err = np.abs(est - prepared.exact)
            if delta is None:
                return float(np.sqrt(np.mean(err**2)))
            return float(np.mean(err.max(axis=1) <= eps))

        def passes(value):
            return value <= eps if delta is None else value >= 1 - delta

        model = int(costs.param_shift_shots_per_circuit(M, eps, delta))
        lo, hi = 0, model
        while not passes(measure(hi)):
            if hi >= MAX_BISECT_SHOTS:
                raise ValueError(
                    f"eps: at M = {M} even {MAX_BISECT_SHOTS:,} shots per circuit miss the"
                    " target: use a larger eps"
                )
            lo, hi = hi, min(2 * hi, MAX_BISECT_SHOTS)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if passes(measure(mid)):
                hi = mid
            else:
                lo = mid
        ledger = Ledger()
        at = measure(hi, ledger)
        below = measure(hi - 1) if hi > 1 else (np.inf if delta is None else 0.0)
        noisy = v[v > 1e-12]  # components with a variance (round-off below 1e-12 is none)
        if delta is None:
            predicted = float(np.mean(v)) / eps**2
            success = success_below = np.nan
        elif noisy.size == 0:
            predicted, success, success_below = 0.0, 1.0, 1.0
        else:
            predicted = _gaussian_shots(noisy, eps, delta)
            success = _gaussian_success(noisy, eps, hi)
            success_below = _gaussian_success(noisy, eps, hi - 1) if hi > 1 else 0.0
        nu = seeds * float(np.sum(noisy)) ** 2 / float(np.sum(noisy**2)) if noisy.size else np.inf
        rows.append(
            (
                hi,
                model,
                predicted,
                float(np.sqrt(2 / nu)),  # 0 when no component has a variance
                at,
                float(below) if np.isfinite(below) else float(np.finfo(float).max),
                success,
                success_below,
                ledger.shots // seeds,
                ledger.shot_gates // seeds,
            )
        )
    cols = [np.array(c) for c in zip(*rows)]
    return ShotsNeeded(Ms, eps, delta, seeds, *cols)
