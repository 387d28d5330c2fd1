"""Tests of qbp_lessons.lessons.collapse.weak (chapter 5): a qubit's Z measured with tunable
strength, against closed forms, and the trade of information against disturbance.
"""

import numpy as np
import pytest

from qbp_lessons.engine import qinfo as Q
from qbp_lessons.lessons import collapse as C


def ket(angle):
    return np.array([np.cos(angle / 2), np.sin(angle / 2)])


@pytest.mark.parametrize("angle", [0.0, 0.7, np.pi / 2, 2.4])
@pytest.mark.parametrize("s", [0.0, 0.3, 0.8, 1.0])
def test_weak_measurement_closed_forms(angle, s):
    r = C.weak_measurement(Q.density_matrix(ket(angle)), s)
    x, z = np.sin(angle), np.cos(angle)
    p_plus = (1 + s * z) / 2
    assert abs(r.probabilities[0] - p_plus) < 1e-12
    # outcome forgotten: z unchanged, coherence shrinks by sqrt(1 - s^2)
    assert np.allclose(r.bloch_average, [x * np.sqrt(1 - s * s), 0, z], atol=1e-12)
    assert abs(r.disturbance_forgotten - abs(x) * (1 - np.sqrt(1 - s * s)) / 2) < 1e-12
    for i, sign in enumerate((1, -1)):
        p = (1 + sign * s * z) / 2
        if p > 1e-12:
            want = [np.sqrt(1 - s * s) * x / (2 * p), 0, (z + sign * s) / (2 * p)]
            assert np.allclose(r.bloch_after[i], want, atol=1e-10)

    def h(q):
        return -sum(v * np.log2(v) for v in (q, 1 - q) if v > 0)

    assert abs(r.information - max(h(p_plus) - h((1 - s) / 2), 0)) < 1e-12
    assert r.disturbance <= r.gentle_bound + 1e-12
    # fidelity lost with the outcome kept: (1 - z^2)(1 - sqrt(1 - s^2))/2 for a pure state
    assert abs(r.infidelity - (1 - z * z) * (1 - np.sqrt(1 - s * s)) / 2) < 1e-12


def test_weak_measurement_trade_off_is_monotone():
    scan = C.weak_measurement_scan([np.pi / 3], np.linspace(0, 1, 21))
    info = scan.curve(np.pi / 3, "information")
    dist = scan.curve(np.pi / 3, "disturbance")
    assert info[0] == 0 and dist[0] < 1e-15
    assert np.all(np.diff(info) > 0) and np.all(np.diff(dist) > 0)
    assert abs(info[-1] - scan.get(np.pi / 3, 1.0).information_max) < 1e-12


def test_weak_measurement_rejects_bad_strength():
    with pytest.raises(ValueError, match="strength must lie in"):
        C.weak_measurement(Q.density_matrix(ket(1.0)), 1.5)


def test_infidelity_matches_information_at_small_strength():
    """Like with like: bits and lost fidelity are both O(s^2); their ratio tends to 2 / ln 2.

    Finite check: the ratio at s = 1e-3 on several pure states, against the limit, and the
    quadratic order (halving s quarters both); a mixed state's infidelity from the fidelity
    of the package's own post-measurement states, against a direct sum.
    """
    for angle in (0.4, np.pi / 4, 2.0):
        rho = Q.density_matrix(ket(angle))
        small, half = C.weak_measurement(rho, 1e-3), C.weak_measurement(rho, 5e-4)
        assert abs(small.information / small.infidelity - 2 / np.log(2)) < 1e-4
        assert abs(small.infidelity / half.infidelity - 4) < 1e-5
        assert abs(small.information / half.information - 4) < 1e-4
    mixed = Q.random_density(1, seed=7)
    r = C.weak_measurement(mixed, 0.6)
    z = np.diag([1.0, -1.0])
    want = 0.0
    for sign in (1, -1):
        p, post = C.measure_effect(mixed, (np.eye(2) + sign * 0.6 * z) / 2)
        want += p * (1 - Q.fidelity(mixed, post))
    assert abs(r.infidelity - want) < 1e-12 and 0 < r.infidelity < r.disturbance


def test_bits_per_lost_fidelity_stay_comparable_on_the_chapters_grid():
    """The docstring's range: 2 (z = 0, s = 1: one bit for fidelity 1/2) to about 3.2.

    The chapter's explorer grid of states (Bloch angles pi/8 to pi/2, so <Z> < 1) and
    strengths 0.05 to 1; at z = 0.92 and s = 1 the ratio is 3.19, at z = 0.71 it is 2.40.
    """
    angles = np.pi * np.array([0.125, 0.25, 0.375, 0.5])
    scan = C.weak_measurement_scan(angles, np.linspace(0, 1, 21))
    rate = np.array(
        [scan.curve(a, "information")[1:] / scan.curve(a, "infidelity")[1:] for a in angles]
    )
    assert abs(rate.min() - 2) < 1e-9 and 3.2 < rate.max() < 3.3
    assert abs(rate[0, -1] - 3.19) < 0.01 and abs(rate[1, -1] - 2.40) < 0.01
