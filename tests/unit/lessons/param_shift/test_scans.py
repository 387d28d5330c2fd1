"""Tests of qbp_lessons.lessons.param_shift.scans: error against shots, shots against accuracy,
shots needed by bisection.

Seeded; tolerances from the variance formula (5-sigma slack), counts against costs.py.
No timings.
"""

import numpy as np
import pytest

from qbp_lessons import costs
from qbp_lessons.engine import circuits as C
from qbp_lessons.engine import sampling as S
from qbp_lessons.lessons import param_shift as PS


def test_error_vs_shots_follows_one_over_sqrt_N(small):
    circ, theta = small
    R = 400
    scan = PS.error_vs_shots(circ, theta, [10, 100, 1000, 10000], reps=R, seed=5)
    # The measured mean squared error over R repetitions has relative standard deviation at most
    # sqrt(2 / R) ~ 0.07 (normal errors, worst case of one dominant component); 5 sigma gives
    # MSE within a factor 1 +- 0.35 of the prediction, so rms within [0.80, 1.17].
    ratio = scan.rms_error / scan.predicted_rms
    assert np.all((0.80 < ratio) & (ratio < 1.17))
    assert np.all(scan.predicted_rms <= scan.bound_rms)
    assert np.allclose(
        scan.predicted_rms * np.sqrt(scan.shots), scan.predicted_rms[0] * np.sqrt(10)
    )
    # Averaged sample variance under the 2 sum c^2 / N bound, with the same 5-sigma slack.
    assert np.all(scan.sample_variance <= scan.variance_bound * (1 + 5 * np.sqrt(2 / (R - 1))))
    assert np.all(scan.max_error >= scan.rms_error * 0.5)
    assert (
        scan.ledgers[1].shots == R * 2 * circ.M * len(S.measurement_groups(circ.observable)) * 100
    )


def test_shots_for_accuracy_sits_on_the_cost_model():
    eps, reps = 0.1, 50
    scan = PS.shots_for_accuracy([2, 8, 24], eps, reps=reps, seed=3)
    # counted by the sampler's ledger, predicted by costs.py
    assert np.array_equal(scan.total_shots, scan.model_shots)
    assert np.array_equal(scan.gates, scan.model_time)
    assert np.array_equal(scan.executions, 2 * scan.M)
    assert np.array_equal(scan.shots_per_circuit, [200, 200, 200])
    # Var <= 2 / N <= eps^2 for every component, so E[rms^2] <= eps^2; allow the 5-sigma slack
    # of a mean of reps x M squared normal errors (relative sd <= sqrt(2 / reps)).
    assert np.all(scan.rms_error <= eps * np.sqrt(1 + 5 * np.sqrt(2 / reps)))
    delta = 0.2
    scan = PS.shots_for_accuracy([4, 16], eps, delta=delta, reps=reps, seed=4)
    assert np.array_equal(scan.total_shots, costs.param_shift_shots(scan.M, eps, delta))
    # Hoeffding + union bound: all components within eps with probability >= 1 - delta; the
    # measured rate can fall below that only by binomial noise (5 sigma).
    assert np.all(scan.success_rate >= 1 - delta - 5 * np.sqrt(delta * (1 - delta) / reps))


def test_shots_needed_meets_the_prediction_from_the_exact_variances():
    eps = 0.1
    res = PS.shots_needed([4, 8, 32], eps, seeds=200, seed=5)
    # the bisection bracket: the target met at N, missed at N - 1
    assert np.all(res.achieved <= eps) and np.all(res.achieved_below > eps)
    # mean squared error ~ mean(Var_k) / N with relative sd rel_sd: 5 sigma around the prediction
    assert np.all(np.abs(res.shots_needed / res.predicted - 1) < 5 * res.rel_sd + 1 / res.predicted)
    # the worst case 2 / eps^2 is an upper bound (up to the same scatter)
    assert np.all(res.shots_needed <= res.model * (1 + 5 * res.rel_sd))
    assert np.array_equal(res.model, [200, 200, 200])
    # the sampler counted 2M circuits of N shots, of M gates each, per gradient
    assert np.array_equal(res.total_shots, 2 * res.M * res.shots_needed)
    assert np.array_equal(res.gates, res.total_shots * res.M)
    assert np.all(np.isnan(res.model_success))


def test_shots_needed_all_components_between_gaussian_prediction_and_hoeffding():
    eps, delta, seeds = 0.2, 0.1, 400
    res = PS.shots_needed([4, 16], eps, delta=delta, seeds=seeds, seed=7)
    assert np.all(res.achieved >= 1 - delta) and np.all(res.achieved_below < 1 - delta)
    # the success fraction over the seeds is binomial around the Gaussian prediction: 5 sigma
    sd = np.sqrt(delta * (1 - delta) / seeds)
    assert np.all(res.model_success >= 1 - delta - 5 * sd)
    assert np.all(res.model_success_below <= 1 - delta + 5 * sd)
    # Hoeffding and a union bound are sufficient, so the measured N is below them
    assert np.all(res.shots_needed <= res.model)
    assert np.array_equal(res.model, costs.param_shift_shots_per_circuit(res.M, eps, delta))


def test_shots_needed_is_reproducible():
    a = PS.shots_needed([2, 4], 0.3, seeds=20, seed=1)
    b = PS.shots_needed([2, 4], 0.3, seeds=20, seed=1)
    assert np.array_equal(a.shots_needed, b.shots_needed)


# --------------------------------------------------------------------------
# Bad inputs
# --------------------------------------------------------------------------

CIRC = C.Circuit(2, ["XY", "ZI"])
GOOD = np.array([0.1, 0.2])

BAD_INPUTS = [
    (lambda: PS.error_vs_shots(CIRC, GOOD, [0, 10]), ValueError, "shots_list"),
    (lambda: PS.error_vs_shots(CIRC, GOOD, 10), TypeError, "shots_list"),
    (lambda: PS.error_vs_shots(CIRC, GOOD, []), ValueError, "shots_list"),
    (lambda: PS.error_vs_shots(CIRC, GOOD, [10.5]), ValueError, "shots_list"),
    (lambda: PS.error_vs_shots(CIRC, GOOD, [10], reps=1), ValueError, "reps must be >= 2"),
    (lambda: PS.error_vs_shots(CIRC, GOOD, [10], reps=10**7), ValueError, "reps"),
    (lambda: PS.error_vs_shots(CIRC, GOOD, [10**8], reps=100), ValueError, "reps"),
    (lambda: PS.error_vs_shots(CIRC, GOOD, [10], seed="s"), TypeError, "seed"),
    (lambda: PS.error_vs_shots(CIRC, [1.0], [10]), ValueError, "theta"),
    (lambda: PS.shots_for_accuracy([4], 0.0), ValueError, "eps must be > 0"),
    (lambda: PS.shots_for_accuracy([4], 1e-10), ValueError, "eps"),
    (lambda: PS.shots_for_accuracy("4", 0.1), TypeError, "M_list"),
    (lambda: PS.shots_for_accuracy([], 0.1), ValueError, "M_list"),
    (lambda: PS.shots_for_accuracy([0], 0.1), ValueError, "M_list"),
    (lambda: PS.shots_for_accuracy([10**6], 0.1), ValueError, "M_list"),
    (lambda: PS.shots_for_accuracy([4], 0.1, delta=1.0), ValueError, "delta"),
    (lambda: PS.shots_for_accuracy([4], 0.1, n=1), ValueError, "n must be >= 2"),
    (lambda: PS.shots_for_accuracy([4], 0.1, reps=0), ValueError, "reps"),
    (lambda: PS.shots_for_accuracy([4], "0.1"), TypeError, "eps"),
    (lambda: PS.shots_needed([4], 1e-4), ValueError, "eps"),
    (lambda: PS.shots_needed([4], 0.0), ValueError, "eps"),
    (lambda: PS.shots_needed("4", 0.1), TypeError, "M_list"),
    (lambda: PS.shots_needed([0], 0.1), ValueError, "M_list"),
    (lambda: PS.shots_needed([4], 0.1, delta=0.01, seeds=50), ValueError, "seeds"),
    (lambda: PS.shots_needed([4], 0.1, seeds=1), ValueError, "seeds"),
    (lambda: PS.shots_needed([2000], 0.1, seeds=1000), ValueError, "M_list|seeds"),
    (lambda: PS.shots_needed([4], 0.1, n=1), ValueError, "n must be >= 2"),
]


@pytest.mark.parametrize("call,exc,match", BAD_INPUTS)
def test_bad_inputs_raise_and_name_the_parameter(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
