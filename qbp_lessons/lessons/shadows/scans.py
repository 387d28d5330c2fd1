"""Direct measurement, and the headline: copies for M estimates within eps, measured.

Direct measurement (:func:`direct_estimates`) measures each string in its own
setting, the Born rule drawing its +-1 outcomes; :func:`sample_scan` measures the
copies each approach needs so that all M estimates are within eps with probability
1 - delta. The ledger counts copies: one execution per directly measured string
(and one per snapshot, from :mod:`.estimator`). Introduced in chapter 6.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from qbp_lessons._validate import record
from qbp_lessons import costs
from qbp_lessons._validate import (
    bounded_int,
    count_list,
    positive_int,
    positive_real,
    probability,
    real_array,
)
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine.circuits import qubits_of
from qbp_lessons.engine.ledger import Ledger, check_ledger
from qbp_lessons.lessons.shadows.estimator import measure_shadow, running_estimates
from qbp_lessons.lessons.shadows.exact import check_paulis, exact_expectations
from qbp_lessons.lessons.shadows.snapshots import MAX_SNAPSHOTS

__all__ = ["direct_estimates", "samples_needed", "SampleScan", "sample_scan"]


def direct_estimates(
    psi,
    paulis,
    checkpoints,
    seed=None,
    *,
    repetitions: int | None = None,
    gates: int = 0,
    ledger: Ledger | None = None,
) -> np.ndarray:
    """Each string measured in its own setting: the mean of its first N outcomes, each checkpoint N.

    Measuring Q on psi gives +1 with probability (1 + <Q>)/2 (Born rule), so the
    +1 counts of each block of shots are binomial draws; blocks accumulate to
    the checkpoints. Shape (len(checkpoints), M), or (repetitions,
    len(checkpoints), M) for that many independent runs. The ledger gets M
    executions of ``max(checkpoints)`` shots per run. Introduced in chapter 6.
    """
    n = qubits_of(psi)
    paulis = check_paulis(paulis, n)
    checkpoints = real_array("checkpoints", checkpoints, ndim=1)
    if (
        checkpoints.size == 0
        or np.any(checkpoints != np.round(checkpoints))
        or checkpoints[0] < 1
        or np.any(np.diff(checkpoints) <= 0)
        or checkpoints[-1] > MAX_SNAPSHOTS
    ):
        raise ValueError(f"checkpoints must be increasing whole numbers in 1..{MAX_SNAPSHOTS:,}")
    reps = 1 if repetitions is None else bounded_int("repetitions", repetitions, maximum=1000)
    if reps * checkpoints.size * len(paulis) > 10**8:
        raise ValueError("repetitions x checkpoints x strings must be <= 1e8 (memory)")
    gates = positive_int("gates", gates, minimum=0)
    ledger = check_ledger(ledger)
    gen = make_rng("seed", seed)
    plus = np.clip((1.0 + exact_expectations(psi, paulis)) / 2.0, 0.0, 1.0)
    blocks = np.diff(np.concatenate([[0], checkpoints])).astype(np.int64)
    counts = np.cumsum(
        gen.binomial(
            blocks[None, :, None], plus[None, None, :], size=(reps, blocks.size, plus.size)
        ),
        axis=1,
    )
    if ledger is not None:
        ledger.record_shots(int(checkpoints[-1]), gates, executions=reps * len(paulis))
    out = 2.0 * counts / checkpoints[None, :, None] - 1.0
    return out[0] if repetitions is None else out


def samples_needed(checkpoints, max_errors, eps: float, delta: float) -> np.ndarray:
    """Smallest checkpoint at which at least a fraction 1 - delta of the runs are within eps.

    ``max_errors``: shape (runs, checkpoints, ...), the largest error over the M
    estimates of each run at each checkpoint (trailing axes: several M, say).
    Returns one checkpoint value per trailing index, or NaN where no checkpoint
    reaches it. Introduced in chapter 6.
    """
    checkpoints = _checkpoints("checkpoints", checkpoints, MAX_SCAN_SNAPSHOTS)
    max_errors = real_array("max_errors", max_errors)
    if max_errors.ndim < 2 or max_errors.shape[1] != checkpoints.size:
        raise ValueError(
            f"max_errors must have shape (runs, {checkpoints.size}, ...), got {max_errors.shape}"
        )
    eps = positive_real("eps", eps)
    delta = probability("delta", delta)
    success = (max_errors <= eps).mean(axis=0) >= 1.0 - delta
    first = np.argmax(success, axis=0)
    return np.where(success.any(axis=0), checkpoints[first], np.nan)


# --------------------------------------------------------------------------
# The headline: samples for M estimates within eps, measured
# --------------------------------------------------------------------------


@record
@dataclass(frozen=True)
class SampleScan:
    """What :func:`sample_scan` measured: copies for M estimates within eps w.p. >= 1 - delta.

    ``M``: the numbers of strings (the first M of one fixed list);
    ``snapshots``: shadow snapshots needed at each M (NaN: more than the largest
    checkpoint); ``direct_shots``: total shots of direct measurement (M strings
    times the shots each needed); ``locality``: the strings' weight; ``runs``:
    independent repetitions behind each fraction; ``ledger``: everything the
    scan drew. Introduced in chapter 6.
    """

    NAN_FIELDS: ClassVar[tuple] = ("snapshots", "direct_shots")  # NaN: not reached

    M: np.ndarray
    snapshots: np.ndarray
    direct_shots: np.ndarray
    eps: float
    delta: float
    locality: int
    runs: int
    ledger: Ledger


#: Most snapshots (or shots per string) a sample scan may draw in all: runs x last checkpoint.
MAX_SCAN_SNAPSHOTS = 10**6


def _checkpoints(name: str, values, maximum: int) -> np.ndarray:
    """Increasing whole numbers in 1..maximum, as a float array (read after so many samples)."""
    points = np.array(count_list(name, values, maximum=maximum), dtype=float)
    if np.any(np.diff(points) <= 0):
        raise ValueError(f"{name} must be increasing")
    return points


def sample_scan(
    psi,
    paulis,
    M_values,
    eps: float,
    delta: float,
    *,
    runs: int = 20,
    shadow_checkpoints=None,
    direct_checkpoints=None,
    seed=None,
) -> SampleScan:
    """For each M, the copies that put all M estimates within eps in >= 1 - delta of the runs.

    ``paulis``: strings of one weight k (the first M are used for each M);
    ``runs`` independent shadows of ``max(shadow_checkpoints)`` snapshots and
    ``runs`` independent direct measurements of every string, read at every
    checkpoint (plain means); :func:`samples_needed` turns the largest errors
    into the first checkpoint that succeeds. Introduced in chapter 6.
    """
    n = qubits_of(psi)
    paulis = check_paulis(paulis, n)
    weights = {p.weight for p in paulis}
    if len(weights) != 1 or 0 in weights:
        raise ValueError(
            f"paulis must all have the same weight k >= 1, got weights {sorted(weights)}"
        )
    M_values = real_array("M_values", M_values, ndim=1)
    if (
        M_values.size == 0
        or np.any(M_values != np.round(M_values))
        or M_values.min() < 1
        or M_values.max() > len(paulis)
        or np.any(np.diff(M_values) <= 0)
    ):
        raise ValueError(
            f"M_values must be increasing whole numbers in 1..{len(paulis)} (the strings given)"
        )
    M_values = M_values.astype(np.int64)
    eps = costs.check_eps(eps)
    delta = probability("delta", delta)
    runs = bounded_int("runs", runs, maximum=200)
    if shadow_checkpoints is None:
        shadow_checkpoints = np.unique(np.round(np.geomspace(100, 20_000, 16)))
    if direct_checkpoints is None:
        direct_checkpoints = np.unique(np.round(np.geomspace(10, 2_000, 16)))
    shadow_checkpoints = _checkpoints("shadow_checkpoints", shadow_checkpoints, MAX_SCAN_SNAPSHOTS)
    direct_checkpoints = _checkpoints("direct_checkpoints", direct_checkpoints, MAX_SCAN_SNAPSHOTS)
    for name, points in (
        ("shadow_checkpoints", shadow_checkpoints),
        ("direct_checkpoints", direct_checkpoints),
    ):
        if runs * points[-1] > MAX_SCAN_SNAPSHOTS:
            raise ValueError(
                f"runs x max({name}) must be at most {MAX_SCAN_SNAPSHOTS:,}, "
                f"got {runs} x {points[-1]:,.0f}"
            )
    gen = make_rng("seed", seed)
    ledger = Ledger()
    truth = exact_expectations(psi, paulis)
    shadow_err = np.empty((runs, shadow_checkpoints.size, M_values.size))
    for r in range(runs):
        shadow = measure_shadow(psi, int(shadow_checkpoints[-1]), gen, ledger=ledger)
        err = np.abs(running_estimates(shadow, paulis, shadow_checkpoints) - truth)
        shadow_err[r] = np.maximum.accumulate(err, axis=1)[:, M_values - 1]
    direct = direct_estimates(psi, paulis, direct_checkpoints, gen, repetitions=runs, ledger=ledger)
    direct_err = np.maximum.accumulate(np.abs(direct - truth), axis=2)[:, :, M_values - 1]
    return SampleScan(
        M=M_values,
        snapshots=samples_needed(shadow_checkpoints, shadow_err, eps, delta),
        direct_shots=samples_needed(direct_checkpoints, direct_err, eps, delta) * M_values,
        eps=eps,
        delta=delta,
        locality=weights.pop(),
        runs=runs,
        ledger=ledger,
    )
