"""Tests of qbp_lessons.lessons.param_shift.compute: shift rules, shot estimators, resource counts.

Statistical tests are seeded (they are deterministic), and their tolerances come
from the variance formula, Var(component) = sum_l c_l^2 [(1 - <Q_l>+^2) + (1 - <Q_l>-^2)] / N,
so a correct estimator fails them only with the tiny probability stated next to
each bound. No timings.
"""

import numpy as np
import pennylane as qml
import pytest
from pennylane import numpy as pnp
from scipy import stats

from qbp_lessons import costs, interop
from qbp_lessons.engine import circuits as C
from qbp_lessons.engine import gradients
from qbp_lessons.engine import paulis as Pa
from qbp_lessons.engine import sampling as S
from qbp_lessons.engine.ledger import Ledger
from qbp_lessons.lessons.param_shift import compute as PS
from qbp_lessons.lessons.param_shift import structure


@pytest.fixture(scope="module")
def small():
    """n = 3, M = 6, a three-term observable."""
    circ = C.random_circuit(3, 6, observable="random", seed=4)
    return circ, C.random_parameters(6, seed=5)


# --------------------------------------------------------------------------
# Exact shift rules
# --------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(3))
def test_param_shift_equals_analytic_gradient(seed):
    circ = C.random_circuit(3 + seed, 10, observable="random" if seed else None, seed=seed)
    theta = C.random_parameters(10, seed=seed + 50)
    assert np.allclose(
        PS.param_shift_grad(circ, theta), gradients.grad_adjoint(circ, theta), atol=1e-10, rtol=0
    )


@pytest.mark.parametrize("r", [0.25, 0.5, 1.0, 2.0, 3.0])
def test_general_r_shift_rule(small, r):
    """Gate exp(-i x r P): generator rP, eigenvalues +-r.

    dF/dx = r * dF/dtheta_k at theta_k = r x.
    """
    circ, theta = small
    k, x = 2, 0.37

    def f(value):
        th = theta.copy()
        th[k] = r * value
        return C.expval(circ, th)

    th = theta.copy()
    th[k] = r * x
    analytic = r * gradients.grad_adjoint(circ, th)[k]
    assert abs(PS.shift_derivative(f, x, r=r) - analytic) < 1e-10


def test_pauli_rule_is_shift_pi_over_4(small):
    circ, theta = small

    def f(value):
        th = theta.copy()
        th[0] = value
        return C.expval(circ, th)

    expected = f(theta[0] + np.pi / 4) - f(theta[0] - np.pi / 4)
    assert PS.shift_derivative(f, theta[0]) == pytest.approx(expected, abs=1e-15)
    assert expected == pytest.approx(gradients.grad_adjoint(circ, theta)[0], abs=1e-10)


def test_rx_rule_against_pennylane_and_engine():
    dev = qml.device("default.qubit", wires=2)

    @qml.qnode(dev, diff_method="backprop")
    def f(x):
        qml.RY(0.4, wires=0)
        qml.RX(x, wires=0)
        qml.CNOT(wires=[0, 1])
        return qml.expval(qml.PauliZ(1))

    x = pnp.array(0.81, requires_grad=True)
    assert abs(PS.rx_shift_derivative(lambda v: float(f(v)), 0.81) - float(qml.grad(f)(x))) < 1e-10
    # RX(x) = exp(-i (x/2) X): the engine's gate with theta = x / 2, so dF/dx = dF/dtheta / 2.
    circ = C.Circuit(1, ["X"])
    assert (
        abs(
            PS.rx_shift_derivative(lambda v: C.expval(circ, [v / 2]), 0.81)
            - gradients.grad_adjoint(circ, [0.405])[0] / 2
        )
        < 1e-12
    )
    assert (
        abs(PS.rx_shift_derivative(lambda v: C.expval(circ, [v / 2]), 0.81) + np.sin(0.81)) < 1e-12
    )


# --------------------------------------------------------------------------
# Counts: the ledger (written by the engine and the sampler) against costs.py and qml.Tracker
# --------------------------------------------------------------------------


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


def test_shift_rule_reduces_huge_angles():
    """At |theta| = 1e15 the float spacing is 0.125: shifting without reducing first is wrong."""
    circ = C.Circuit(1, ["X"], "Z")
    big = 1e15
    exact = gradients.grad_adjoint(circ, [big])[0]  # cos and sin reduce their argument exactly
    assert abs(PS.param_shift_grad(circ, [big])[0] - exact) < 1e-12
    assert abs(PS.shift_derivative(lambda x: C.expval(circ, [x]), big) - exact) < 1e-12
    naive = C.expval(circ, [big + np.pi / 4]) - C.expval(circ, [big - np.pi / 4])
    assert abs(naive - exact) > 1e-3  # what the reduction prevents


# --------------------------------------------------------------------------
# Statistics of the shot estimators (seeded; tolerances from the variance formula)
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Bad inputs
# --------------------------------------------------------------------------

CIRC = C.Circuit(2, ["XY", "ZI"])
GOOD = np.array([0.1, 0.2])

BAD_INPUTS = [
    (lambda: PS.shift_derivative(3, 0.1), TypeError, "f must be a callable"),
    (lambda: PS.shift_derivative(np.sin, "0.1"), TypeError, "x must be a real"),
    (lambda: PS.shift_derivative(np.sin, np.nan), ValueError, "x must be finite"),
    (lambda: PS.shift_derivative(np.sin, True), TypeError, "x must be a real"),
    (lambda: PS.shift_derivative(np.sin, 0.1, r=0), ValueError, "r must be > 0"),
    (lambda: PS.shift_derivative(np.sin, 0.1, r="1"), TypeError, "r must be a real"),
    (lambda: PS.rx_shift_derivative(None, 0.1), TypeError, "f must be"),
    (lambda: PS.shift_rule_scan(np.sin, 0.1, points=10**9), ValueError, "points"),
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
