"""Chapter 8's computations: Jordan's read-out against exact gradients, the plateau fit."""

from __future__ import annotations

import math

import numpy as np
import pytest

from qbp_lessons import costs
from qbp_lessons.engine import gradients
from qbp_lessons.lessons import outlook


def test_inverse_qft_is_the_unitary_dft_and_undoes_the_qft():
    bits = 3
    N = 2**bits
    k, y = np.meshgrid(np.arange(N), np.arange(N), indexing="ij")
    qft = np.exp(2j * np.pi * k * y / N) / math.sqrt(N)  # columns: QFT|k>
    for col in range(N):
        assert np.allclose(outlook.inverse_qft(qft[:, col], 1, bits), np.eye(N)[col])


def test_linear_f_on_the_grid_is_read_exactly_with_one_query():
    g = np.array([0.25, -0.375, 0.0625])  # multiples of bound / 2^b = 1/16
    readout = outlook.jordan_gradient(lambda x: 1.3 + g @ x, np.array([0.2, -0.1, 0.4]), 4)
    assert readout.oracle_queries == 1
    assert np.array_equal(readout.readout, g)
    assert readout.probabilities.max() == pytest.approx(1.0, abs=1e-12)


def test_off_grid_gradient_meets_the_bound_and_the_success_probability():
    g = np.array([0.23, -0.11, 0.31])
    readout = outlook.jordan_gradient(lambda x: g @ x, np.zeros(3), 5)
    assert np.max(np.abs(readout.readout - g)) <= readout.resolution / 2 + 1e-12
    # each register reads one of its two neighbours with probability >= 8/pi^2
    assert readout.success_probability(g) >= (8 / math.pi**2) ** 3


def test_halfway_outcome_probability_is_the_geometric_sum():
    b, y = 4, 5
    readout = outlook.jordan_gradient(lambda x: (y + 0.5) / 2**b * x[0], np.zeros(1), b)
    assert readout.marginal(0)[y] == pytest.approx(1 / (16**2 * math.sin(math.pi / 32) ** 2))


def test_plateau_scan_is_seeded_and_its_samples_are_adjoint_gradients():
    a = outlook.plateau_scan([2, 3], "local", "shallow", repetitions=5, seed=3)
    b = outlook.plateau_scan([2, 3], "local", "shallow", repetitions=5, seed=3)
    assert np.array_equal(a.samples, b.samples)
    gen = np.random.default_rng(3)
    circuit = outlook.layered_circuit(2, 2, "local", gen)
    theta = gen.uniform(0, 2 * np.pi, size=circuit.M)
    fd = gradients.grad_finite_difference(circuit, theta)[0]
    assert a.samples[0, 0] == pytest.approx(fd, abs=1e-6)


def test_fit_recovers_a_known_slope_within_its_standard_error():
    rng = np.random.default_rng(0)
    ns = np.arange(2, 9)
    truth = 2.0 ** (-1.0 * ns)
    se = 0.05 * truth
    noisy = truth * (1 + 0.05 * rng.standard_normal(ns.size))
    slope, slope_se, _ = outlook.fit_log2_slope(ns, noisy, se)
    assert abs(slope + 1.0) < 4 * slope_se


def test_measured_slopes_global_decays_and_shallow_local_does_not():
    ns = [2, 3, 4, 5, 6]
    glob = outlook.plateau_scan(ns, "global", "shallow", repetitions=150, seed=11)
    loc = outlook.plateau_scan(ns, "local", "shallow", repetitions=150, seed=11)
    s_g, se_g, _ = outlook.fit_log2_slope(glob.ns, glob.variances, glob.standard_errors)
    s_l, se_l, _ = outlook.fit_log2_slope(loc.ns, loc.variances, loc.standard_errors)
    assert s_g < -4 * se_g  # exponential decay, many standard errors from flat
    assert abs(s_l) < 4 * se_l  # flat within four standard errors


def test_cost_models():
    assert costs.quantum_gradient_time(100, 0.01) == pytest.approx(100 * 10 / 0.01)
    assert costs.plateau_time(10, 8) == pytest.approx(10 * 2**8)


def test_two_design_variance_is_the_closed_form_and_is_met_by_deep_circuits():
    N = 2.0**3
    assert outlook.two_design_variance(3) == pytest.approx((2 / 3) * 2 * N / (N**2 - 1))
    # deep random circuits on 3 qubits: the measured variance is the model's, both observables
    for observable in ("global", "local"):
        scan = outlook.plateau_scan([2, 3], observable, "deep", repetitions=400, seed=5)
        model = outlook.two_design_variance(scan.ns)
        assert np.all(np.abs(scan.variances - model) < 4 * scan.standard_errors), observable


def test_two_design_variance_refuses_bad_qubit_counts():
    with pytest.raises(ValueError, match="n must"):
        outlook.two_design_variance(2.5)
    with pytest.raises(ValueError, match="n must"):
        outlook.two_design_variance(0)


def test_layers_per_qubit_sets_the_depth_of_deep_circuits():
    a = outlook.plateau_scan([2, 3], "local", "deep", repetitions=3, seed=1, layers_per_qubit=1)
    b = outlook.plateau_scan([2, 3], "local", "deep", repetitions=3, seed=1, layers_per_qubit=2)
    # layer = n rotations + n - 1 ZZ rotations; three adjoint gates per circuit gate
    per_layer = sum(3 * (2 * n - 1) * n * 3 for n in (2, 3))
    assert b.ledger.gates - a.ledger.gates == per_layer


def test_cost_models_at_the_largest_error_target():
    M, eps, delta = 100, 0.01, 0.01
    shots_f = math.ceil(2 * math.log(2 / delta) / eps**2)
    assert costs.circuit_time(M, eps, delta) == M * shots_f
    assert costs.backprop_scaling_time(M, eps, delta) == pytest.approx(math.log(M) * M * shots_f)
    assert costs.circuit_time(M, eps) == M / eps**2  # the rms target is unchanged


def test_chi2_per_dof_is_zero_on_the_line_and_about_one_with_matching_noise():
    ns = np.arange(2, 9)
    exact = 2.0 ** (-1.0 * ns)
    assert outlook.fit_log2_chi2_per_dof(ns, exact, 0.1 * exact) < 1e-20
    gen = np.random.default_rng(5)
    ns = np.tile(np.arange(2, 12), 300)
    sigma = 0.2  # standard error of log2 Var at every point
    noisy = 2.0 ** (-ns + sigma * gen.standard_normal(ns.size))
    chi2 = outlook.fit_log2_chi2_per_dof(ns, noisy, sigma * noisy * np.log(2))
    assert abs(chi2 - 1) < 0.1
    # errors claimed half as large: chi^2 per dof about 4
    chi2_small = outlook.fit_log2_chi2_per_dof(ns, noisy, 0.5 * sigma * noisy * np.log(2))
    assert abs(chi2_small - 4) < 0.4


def test_chi2_per_dof_needs_three_points():
    import pytest

    with pytest.raises(ValueError, match="ns"):
        outlook.fit_log2_chi2_per_dof([2, 3], [0.5, 0.25], [0.05, 0.025])
