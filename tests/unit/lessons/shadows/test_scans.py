"""Tests of qbp_lessons.lessons.shadows.scans (chapter 6): direct measurement, the copies
each approach needs, and the bounds in costs.py they are read against.

Statistical tests are seeded (deterministic), and each tolerance comes from the
theory it tests: a weight-k string's single-snapshot estimate has variance at
most 3^k (its squared shadow norm), so a mean of T snapshots has standard
error at most sqrt(3^k / T), and Huang, Kueng and Preskill's bound
(costs.shadow_snapshots) promises that all M median-of-means estimates are
within eps with probability >= 1 - delta. No timings.
"""

import math

import numpy as np
import pytest

from qbp_lessons import costs
from qbp_lessons.engine import circuits as C
from qbp_lessons.engine.ledger import Ledger
from qbp_lessons.lessons import shadows as S


def _state(n, seed, M=None):
    prep = C.random_circuit(n, M or 4 * n, locality=min(2, n), seed=seed)
    theta = C.random_parameters(prep.M, seed=seed + 100)
    return prep, theta, C.state(prep, theta)


def _direct(psi, paulis):
    return np.array([np.vdot(psi, C.apply_pauli(p, psi)).real for p in paulis])


def test_direct_estimates_are_born_rule_means_and_counted():
    _, _, psi = _state(3, 90)
    strings = S.all_paulis(3, 2)
    ledger = Ledger()
    est = S.direct_estimates(
        psi, strings, [100, 10_000], seed=91, repetitions=3, gates=5, ledger=ledger
    )
    assert est.shape == (3, 2, len(strings))
    truth = _direct(psi, strings)
    assert np.all(np.abs(est[:, 1] - truth) < 5 * np.sqrt((1 - truth**2) / 10_000) + 1e-12)
    assert (ledger.circuits, ledger.shots, ledger.shot_gates) == (
        3 * 27,
        3 * 27 * 10_000,
        3 * 27 * 10_000 * 5,
    )
    assert np.all(np.abs(est) <= 1.0)


def test_samples_needed_reads_the_first_checkpoint_with_enough_successes():
    checkpoints = np.array([10, 20, 40])
    errors = np.array(
        [[[0.5, 0.1], [0.2, 0.05], [0.05, 0.01]], [[0.5, 0.3], [0.09, 0.05], [0.05, 0.01]]]
    )  # (runs, checkpoints, M values)
    assert np.array_equal(S.samples_needed(checkpoints, errors, 0.1, 0.5), [20, 10])
    assert np.array_equal(S.samples_needed(checkpoints, errors, 0.1, 0.01), [40, 20])
    assert np.isnan(S.samples_needed(checkpoints, errors, 0.01, 0.01)[0])


@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_bound_is_batches_times_batch_size_with_the_traceless_shadow_norm(k):
    M, eps, delta = np.array([10, 1000, 40_000]), 0.1, 0.05
    assert costs.shadow_norm_squared(k) == 3**k
    expected = np.ceil(68 * 3**k * np.log(2 * M / delta) / eps**2 - 1e-9)
    assert np.array_equal(costs.shadow_snapshots(M, eps, delta, k), expected)
    assert np.allclose(
        costs.shadow_batches(M, delta) * costs.shadow_batch_size(eps, k),
        68 * 3**k * np.log(2 * M / delta) / eps**2,
        rtol=1e-12,
    )
    shortcut = costs.shadow_snapshots_infinity_norm(M, eps, delta)
    assert np.allclose(costs.shadow_snapshots(M, eps, delta, k) / shortcut, 3**k, rtol=1e-3)


def test_direct_measurement_bound_is_m_times_hoeffding():
    assert costs.direct_measurement_shots(1, 1.0, 0.5) == math.ceil(2 * math.log(4))
    assert costs.direct_measurement_shots(1000, 0.1, 0.01) == 1000 * math.ceil(200 * math.log(2e5))


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda: costs.shadow_snapshots(10, 0.1, 0.01, locality=0), ValueError, "locality"),
        (lambda: costs.shadow_norm_squared(0), ValueError, "locality"),
        (lambda: costs.shadow_batch_size(0.1, -1), ValueError, "locality"),
        (lambda: costs.shadow_snapshots(10, 0.1, delta=0.0), ValueError, "delta"),
        (lambda: costs.shadow_snapshots(10, 0.1, delta=1.0), ValueError, "delta"),
        (lambda: costs.shadow_batches(10, delta=1.5), ValueError, "delta"),
        (lambda: costs.direct_measurement_shots(10, 0.1, delta=-0.1), ValueError, "delta"),
        (lambda: costs.shadow_snapshots_infinity_norm(10, 0.0), ValueError, "eps"),
        (lambda: S.samples_needed([1, 2], np.zeros((2, 2)), 0.1, delta=1.0), ValueError, "delta"),
        (lambda: S.samples_needed([1, 2], np.zeros((2, 3)), 0.1, 0.1), ValueError, "max_errors"),
    ],
)
def test_bad_bound_input_names_the_parameter(call, error, match):
    with pytest.raises(error, match=match):
        call()
