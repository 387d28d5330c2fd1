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

__all__ = ["ShotScan", "error_vs_shots", "AccuracyScan", "shots_for_accuracy"]

#: Largest M an accuracy scan may simulate (2M shifted circuits each).
MAX_SCAN_M = 2000
#: Most simulator work one accuracy scan may imply (2 sum(M^2) (2^n + 64): amplitude updates
#: and per-gate overhead); chapter 3's largest scan needs 1.4e7.
MAX_SCAN_WORK = 5 * 10**8


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
