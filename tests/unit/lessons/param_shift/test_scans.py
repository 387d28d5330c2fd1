"""Tests of qbp_lessons.lessons.param_shift.scans: error against shots, shots against accuracy.

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
]


@pytest.mark.parametrize("call,exc,match", BAD_INPUTS)
def test_bad_inputs_raise_and_name_the_parameter(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
