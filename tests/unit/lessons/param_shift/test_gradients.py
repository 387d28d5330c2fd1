"""Tests of qbp_lessons.lessons.param_shift.gradients: circuits' parameter-shift gradients,
their shot noise and what they count; the variance of a shift-s estimate and the least
noisy shift.

Statistical tests are seeded (they are deterministic), and their tolerances come
from the variance formula, Var(component) = sum_l c_l^2 [(1 - <Q_l>+^2) + (1 - <Q_l>-^2)] / N,
so a correct estimator fails them only with the tiny probability stated next to
each bound. No timings.
"""

import math

import numpy as np
import pytest
from scipy import stats

from qbp_lessons import costs, interop
from qbp_lessons.engine import circuits as C
from qbp_lessons.engine import gradients
from qbp_lessons.engine import paulis as Pa
from qbp_lessons.engine import sampling as S
from qbp_lessons.engine.ledger import Ledger
from qbp_lessons.lessons import param_shift as PS
from qbp_lessons.lessons.param_shift import structure


@pytest.mark.parametrize("seed", range(3))
def test_param_shift_equals_analytic_gradient(seed):
    circ = C.random_circuit(3 + seed, 10, observable="random" if seed else None, seed=seed)
    theta = C.random_parameters(10, seed=seed + 50)
    assert np.allclose(
        PS.param_shift_grad(circ, theta), gradients.grad_adjoint(circ, theta), atol=1e-10, rtol=0
    )


def test_exact_gradient_gate_count_matches_model(small):
    circ, theta = small
    ledger = Ledger()
    PS.param_shift_grad(circ, theta, ledger=ledger)
    assert ledger == Ledger(
        *costs.simulator_gate_applications("param_shift", circ.M, len(circ.observable))
    )
    assert ledger.circuits == 0 and ledger.shots == 0  # exact: no shots drawn


@pytest.mark.parametrize("M", [1, 5, 12])
def test_counted_shots_match_the_cost_model(M):
    """A single +-1 Pauli observable: 2M executions of N shots.

    2MN shots, 2MNM gates on hardware.
    """
    eps = 0.1
    N = costs.param_shift_shots_per_circuit(M, eps)
    circ = C.random_circuit(3, M, seed=M)
    ledger = Ledger()
    PS.param_shift_grad_shots(circ, C.random_parameters(M, seed=1), N, 7, ledger=ledger)
    assert ledger.circuits == costs.param_shift_circuits(M)
    assert ledger.shots == costs.param_shift_shots(M, eps)
    assert ledger.shot_gates == costs.param_shift_time(M, eps)
    assert ledger.rotations == 2 * M * M  # the 2M shifted circuits, simulated once


def test_multi_term_observable_counts_one_execution_per_measurement_group():
    # ZZI and ZIZ are diagonal in one setting; XII needs another; III needs none.
    circ = C.Circuit(
        3, ["XYI", "IZX", "YIZ"], [(0.5, "ZZI"), (1.0, "ZIZ"), (-0.3, "XII"), (2.0, "III")]
    )
    ledger = Ledger()
    PS.param_shift_grad_shots(circ, [0.1, 0.2, 0.3], 100, 0, ledger=ledger)
    assert ledger.circuits == 2 * 3 * 2 and ledger.shots == 2 * 3 * 2 * 100
    ledger = Ledger()
    S.expval_shots(circ, [0.1, 0.2, 0.3], 64, 0, ledger=ledger)
    assert ledger == Ledger(rotations=3, circuits=2, shots=128, shot_gates=3 * 128)


@pytest.mark.parametrize("shots", [None, 300])
def test_pennylane_tracker_counts_the_light_cone(shots):
    circ = C.Circuit(3, ["XYI", "IZX", "ZIY", "YXI", "IIX"], {0: "Z"})
    theta = C.random_parameters(circ.M, seed=3)
    inside = structure.light_cone(circ)
    assert inside.tolist() == [True, True, True, True, False]
    grad, tracked = interop.param_shift_grad_pennylane(circ, theta, shots=shots, seed=11)
    # PennyLane skips the gate outside the light cone: 2 x 4 executions, not 2 x 5.
    executions = 2 * int(inside.sum())
    assert tracked.circuits == executions and tracked.shots == executions * (shots or 0)
    assert tracked.shot_gates == executions * (shots or 1) * circ.M
    ours = Ledger()
    if shots is None:
        PS.param_shift_grad(circ, theta, ledger=ours)
        assert np.allclose(grad, gradients.grad_adjoint(circ, theta), atol=1e-10, rtol=0)
    else:
        PS.param_shift_grad_shots(circ, theta, shots, 1, ledger=ours)
        assert ours.circuits == 2 * circ.M and ours.shots == 2 * circ.M * shots


def test_tracker_equals_ledger_when_every_gate_is_in_the_light_cone():
    circ = C.Circuit(3, ["XYI", "ZIX", "YIZ", "XXI"], {0: "Z"})
    assert structure.light_cone(circ).all()
    theta = C.random_parameters(4, seed=8)
    _, tracked = interop.param_shift_grad_pennylane(circ, theta, shots=50, seed=1)
    ours = Ledger()
    PS.param_shift_grad_shots(circ, theta, 50, 1, ledger=ours)
    assert (tracked.circuits, tracked.shots, tracked.shot_gates) == (
        ours.circuits,
        ours.shots,
        ours.shot_gates,
    )


def test_expval_shots_mean_and_variance(small):
    circ, theta = small
    N, R = 200, 600
    rng = np.random.default_rng(123)
    samples = np.array([S.expval_shots(circ, theta, N, rng) for _ in range(R)])
    # each measurement group g is one setting: its N shots estimate <O_g>, O_g = sum_{l in g} c_l
    # Q_l,
    # with variance (<O_g^2> - <O_g>^2) / N; groups are independent (dense matrices as the
    # reference)
    psi = C.state(circ, theta)
    var = 0.0
    for _, members in S.measurement_groups(circ.observable):
        O_g = sum(
            circ.observable.coeffs[i] * Pa.pauli_matrix(circ.observable.paulis[i]) for i in members
        )
        mean = np.vdot(psi, O_g @ psi).real
        var += (np.vdot(psi, O_g @ O_g @ psi).real - mean**2) / N
    # Mean of R samples: within 5 sigma, sigma = sqrt(Var / R) (two-sided p ~ 6e-7 for a normal
    # mean).
    assert abs(samples.mean() - C.expval(circ, theta)) < 5 * np.sqrt(var / R)
    # (R - 1) s^2 / Var ~ chi^2_{R-1} (normal approximation of a sum of binomials, N = 200):
    # accept between the 1e-6 and 1 - 1e-6 quantiles.
    stat = (R - 1) * samples.var(ddof=1) / var
    assert stats.chi2.ppf(1e-6, R - 1) < stat < stats.chi2.ppf(1 - 1e-6, R - 1)


def test_param_shift_shots_unbiased_with_predicted_variance(small):
    circ, theta = small
    N, R = 400, 300
    rng = np.random.default_rng(2024)
    est = np.array([PS.param_shift_grad_shots(circ, theta, N, rng) for _ in range(R)])
    exact = gradients.grad_adjoint(circ, theta)
    var = PS.param_shift_variance(circ, theta, N)
    assert np.all(
        var <= 2 * np.sum(circ.observable.coeffs**2) / N + 1e-15
    )  # the 2 sum c^2 / N bound
    M = circ.M
    # Per component, mean within 5 sigma (sigma = sqrt(Var_k / R)); M = 6 components, so the
    # chance of a false failure is below 6 x 6e-7.
    assert np.all(np.abs(est.mean(axis=0) - exact) < 5 * np.sqrt(var / R) + 1e-15)
    # Sample variance per component: chi^2_{R-1} quantiles at 1e-6 / M each side (Bonferroni).
    stat = (R - 1) * est.var(axis=0, ddof=1) / var
    assert np.all(stats.chi2.ppf(1e-6 / M, R - 1) < stat)
    assert np.all(stat < stats.chi2.ppf(1 - 1e-6 / M, R - 1))


def test_single_pauli_variance_bound_is_2_over_N():
    circ = C.random_circuit(3, 8, seed=9)
    var = PS.param_shift_variance(circ, C.random_parameters(8, seed=1), 1000)
    assert np.all(var <= 2 / 1000) and np.all(var >= 0)


def test_shot_estimates_through_pennylane_agree_statistically():
    circ = C.random_circuit(3, 5, seed=21)
    theta = C.random_parameters(5, seed=22)
    N, R = 500, 12
    exact = gradients.grad_adjoint(circ, theta)
    var = PS.param_shift_variance(circ, theta, N)
    runs = np.array(
        [interop.param_shift_grad_pennylane(circ, theta, shots=N, seed=s)[0] for s in range(R)]
    )
    # PennyLane's seeded default.qubit samples the same distribution: the mean of R runs
    # is within 5 sigma = 5 sqrt(Var_k / R) of the exact gradient, component by component.
    assert np.all(np.abs(runs.mean(axis=0) - exact) < 5 * np.sqrt(var / R) + 1e-12)
    # Seeded: the same seed gives the same estimate.
    again = interop.param_shift_grad_pennylane(circ, theta, shots=N, seed=0)[0]
    assert np.array_equal(again, runs[0])


def test_seeded_estimates_are_reproducible(small):
    circ, theta = small
    a = PS.param_shift_grad_shots(circ, theta, 100, 42)
    b = PS.param_shift_grad_shots(circ, theta, 100, np.random.default_rng(42))
    assert np.array_equal(a, b)


def F_EX(x):
    return -0.6 + 0.3 * np.cos(2 * x) + 0.1 * np.sin(2 * x)


def test_variance_never_exceeds_the_worst_case_and_pi_over_4_minimises_it():
    shifts = np.linspace(0.05, np.pi / 2 - 0.05, 50)
    for s in shifts:
        assert PS.shift_variance(F_EX, 0.2, s) <= 2 / math.sin(2 * s) ** 2
    assert PS.shift_variance(lambda x: 0.0, 0.3, np.pi / 4, shots=10) == pytest.approx(2 / 10)


def test_best_shift_beats_a_fine_grid_and_differs_from_pi_over_4():
    s, v = PS.best_shift(F_EX, 0.2)
    grid = np.linspace(1e-3, np.pi / 2 - 1e-3, 20001)
    assert v <= min(PS.shift_variance(F_EX, 0.2, g) for g in grid[::50]) + 1e-12
    assert abs(s - np.pi / 4) > 0.1 and v < PS.shift_variance(F_EX, 0.2, np.pi / 4)


def test_a_pure_sinusoid_is_least_noisy_at_pi_over_4():
    # F = cos 2x: Var(s) = 2 (1 - cos 4x cos 4s) / (1 - cos 4s) is smallest at s = pi/4 for every x
    s, _ = PS.best_shift(lambda x: math.cos(2 * x), 0.3)
    assert s == pytest.approx(np.pi / 4, abs=1e-5)


def test_sampled_estimates_have_the_exact_variance_and_mean():
    circ = C.Circuit(1, ["Y", "X", "Y"])
    theta = np.array([0.5, 0.1, 0.5])

    def f(x):
        return C.expval(circ, [0.5, x, 0.5])

    R, N = 3000, 50
    for s in (np.pi / 4, PS.best_shift(f, 0.1)[0]):
        ledger = Ledger()
        est = PS.shift_estimates(circ, theta, 1, s, N, seed=3, repetitions=R, ledger=ledger)
        var = PS.shift_variance(f, 0.1, s, shots=N)
        lo, hi = stats.chi2.ppf([1e-4, 1 - 1e-4], R - 1) / (R - 1)
        assert lo < est.var(ddof=1) / var < hi
        assert abs(est.mean() - gradients.grad_adjoint(circ, theta)[1]) < 5 * math.sqrt(var / R)
        assert ledger.circuits == 2 * R and ledger.shots == 2 * R * N


# --------------------------------------------------------------------------
# Bad inputs
# --------------------------------------------------------------------------

CIRC = C.Circuit(2, ["XY", "ZI"])
GOOD = np.array([0.1, 0.2])

BAD_INPUTS = [
    (lambda: PS.param_shift_grad(CIRC, [0.1]), ValueError, "theta"),
    (lambda: PS.param_shift_grad("CIRC", GOOD), TypeError, "circuit"),
    (lambda: PS.param_shift_grad(CIRC, GOOD, ledger=1), TypeError, "ledger"),
    (lambda: PS.param_shift_grad(CIRC, [True, False]), TypeError, "theta"),
    (lambda: S.expval_shots(CIRC, GOOD, 0, 1), ValueError, "shots"),
    (lambda: S.expval_shots(CIRC, GOOD, 10**12, 1), ValueError, "shots"),
    (lambda: S.expval_shots(CIRC, GOOD, 10, "seed"), TypeError, "seed"),
    (lambda: S.expval_shots(CIRC, GOOD, 10, -3), ValueError, "seed"),
    (lambda: S.expval_shots(CIRC, [np.inf, 0], 10, 1), ValueError, "theta"),
    (lambda: PS.param_shift_grad_shots(CIRC, GOOD, -5, 1), ValueError, "shots"),
    (lambda: PS.param_shift_grad_shots(CIRC, GOOD, 10, 1.5), TypeError, "seed"),
    (lambda: PS.param_shift_grad_shots(CIRC, GOOD[:1], 10, 1), ValueError, "theta"),
    (lambda: PS.param_shift_variance(CIRC, GOOD, 0), ValueError, "shots"),
    (lambda: PS.param_shift_variance(CIRC, "ab", 10), TypeError, "theta"),
    (lambda: interop.param_shift_grad_pennylane(CIRC, [0.1]), ValueError, "theta"),
    (lambda: interop.param_shift_grad_pennylane(CIRC, GOOD, shots=0), ValueError, "shots"),
    (lambda: interop.param_shift_grad_pennylane(CIRC, GOOD, seed="a"), TypeError, "seed"),
    (lambda: interop.param_shift_grad_pennylane(CIRC, GOOD, device=5), TypeError, "device"),
    (lambda: PS.shift_variance("f", 0.1, 0.5), TypeError, "f"),
    (lambda: PS.shift_variance(F_EX, 0.1, 0.0), ValueError, "s"),
    (lambda: PS.shift_variance(F_EX, 0.1, 2.0), ValueError, "s"),
    (lambda: PS.shift_variance(F_EX, 0.1, 0.5, shots=0), ValueError, "shots"),
    (lambda: PS.shift_variance(lambda x: 3.0, 0.1, 0.5), ValueError, "f"),
    (lambda: PS.best_shift(F_EX, "x"), TypeError, "x"),
    (
        lambda: PS.shift_estimates(
            C.random_circuit(2, 3, observable="random", seed=0), np.zeros(3), 0, 0.5, 10
        ),
        ValueError,
        "circuit",
    ),
]


@pytest.mark.parametrize("call,exc,match", BAD_INPUTS)
def test_bad_inputs_raise_and_name_the_parameter(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
