"""SPSA against parameter shift in shots: the exact finite-c mean, the one-shot sampler,
the model and the measurement (chapter 4)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from qbp_lessons.engine import Ledger, circuits, gradients, random_circuit, random_parameters
from qbp_lessons.lessons import spsa
from qbp_lessons.lessons.param_shift.gradients import shifted_settings
from qbp_lessons.lessons.spsa import currency


@pytest.fixture(scope="module")
def small():
    return random_circuit(3, 8, seed=5), random_parameters(8, seed=6)


def _all_directions(M):
    return np.array(list(itertools.product([-1.0, 1.0], repeat=M)))


@pytest.mark.parametrize("c", [0.05, 0.3, 0.7])
def test_exact_mean_is_the_average_over_all_directions(small, c):
    circuit, theta = small
    enumerated = spsa.spsa_grad(circuit, theta, c=c, directions=_all_directions(circuit.M))
    assert np.max(np.abs(currency.spsa_mean(circuit, theta, c) - enumerated)) < 1e-12


def test_exact_mean_on_a_two_term_observable():
    circuit = random_circuit(3, 6, observable=[(1.0, "ZII"), (0.5, "IXX")], seed=1)
    theta = random_parameters(6, seed=2)
    enumerated = spsa.spsa_grad(circuit, theta, c=0.2, directions=_all_directions(6))
    assert np.max(np.abs(currency.spsa_mean(circuit, theta, 0.2) - enumerated)) < 1e-12


def test_mean_tends_to_the_gradient_with_a_bias_of_order_c_squared(small):
    circuit, theta = small
    g = gradients.grad_adjoint(circuit, theta)
    bias = [np.linalg.norm(currency.spsa_mean(circuit, theta, c) - g) for c in (0.01, 0.02)]
    assert bias[0] < 1e-2 * np.linalg.norm(g)
    assert bias[1] / bias[0] == pytest.approx(4.0, rel=0.01)  # O(c^2)


def test_one_shot_evaluations_count_and_estimate(small):
    circuit, theta = small
    deltas = spsa.draw_directions(circuit.M, 3, seed=1)
    ledger = Ledger()
    yp, ym, fp, fm = currency.one_shot_evaluations(circuit, theta, deltas, 0.1, 2, ledger=ledger)
    for d, f in zip(deltas, fp):
        assert f == pytest.approx(circuits.expval(circuit, theta + 0.1 * d), abs=1e-13)
    assert set(np.concatenate([yp, ym])) <= {-1.0, 1.0}
    assert ledger.circuits == 6 and ledger.shots == 6 and ledger.shot_gates == 6 * circuit.M
    assert ledger.rotations == 6 * circuit.M
    # the outcomes are unbiased: many repeats of one direction, within 5 standard errors
    many = np.repeat(deltas[:1], 20_000, axis=0)
    yp, _, fp, _ = currency.one_shot_evaluations(circuit, theta, many, 0.1, 3)
    assert abs(yp.mean() - fp[0]) < 5 * math.sqrt((1 - fp[0] ** 2) / len(yp))


def test_model_variance_matches_sampled_one_shot_estimates(small):
    circuit, theta = small
    c = 0.2
    model = currency.shot_model(circuit, theta, 0.5, [c], samples=20_000, seed=4)
    m = currency.spsa_mean(circuit, theta, c)
    deltas = spsa.draw_directions(circuit.M, 40_000, seed=5)
    yp, ym, _, _ = currency.one_shot_evaluations(circuit, theta, deltas, c, 6)
    est = ((yp - ym) / (2 * c))[:, None] * deltas
    sq = np.sum((est - m) ** 2, axis=1)
    # E||g_hat - m||^2 over one-shot estimates, within 5 standard errors (both sides sampled)
    tol = 5 * math.hypot(sq.std(ddof=1) / math.sqrt(len(sq)), model.variance_sem[0])
    assert abs(sq.mean() - model.variance[0]) < tol
    g = gradients.grad_adjoint(circuit, theta)
    assert model.bias2[0] == pytest.approx(float((m - g) @ (m - g)), abs=1e-14)
    goal = 0.25 * model.g_norm2
    assert model.directions[0] == math.ceil(model.variance[0] / (goal - model.bias2[0]))
    assert model.shots[0] == 2 * model.directions[0]


def test_model_marks_where_the_bias_alone_misses(small):
    circuit, theta = small
    model = currency.shot_model(circuit, theta, 0.1, [0.02, 0.7], samples=200, seed=0)
    assert np.isfinite(model.shots[0])
    assert model.bias2[1] > 0.01 * model.g_norm2 and np.isnan(model.shots[1])


def test_measured_shots_sit_near_the_model(small):
    circuit, theta = small
    eps, c = 0.5, 0.15
    scan = currency.shots_to_target(circuit, theta, eps, [c], reps=40, seed=7)
    model = currency.shot_model(circuit, theta, eps, [c], samples=20_000, seed=8)
    # a mean of 40 squared errors on 8 parameters spreads by about 8 %; read at a first crossing
    assert scan.spsa_shots[0] == pytest.approx(model.shots[0], rel=0.35)
    assert scan.spsa_error[0] <= eps**2 and scan.spsa_shots[0] == 2 * scan.spsa_directions[0]
    assert scan.spsa_run_shots[0] >= scan.spsa_shots[0]
    assert scan.ps_shots == 2 * circuit.M * scan.ps_shots_per_circuit  # the ledger's count
    assert scan.ps_shots == pytest.approx(scan.ps_model_shots, rel=0.3)
    assert scan.ps_error <= eps**2
    prepared = shifted_settings(circuit, theta)
    needed = float(np.sum(prepared.variance(1))) / (eps**2 * scan.g_norm2)
    assert scan.ps_model_shots == 2 * circuit.M * math.ceil(needed)


def test_measurement_is_seeded(small):
    circuit, theta = small
    a = currency.shots_to_target(circuit, theta, 0.5, [0.2], reps=4, seed=1)
    b = currency.shots_to_target(circuit, theta, 0.5, [0.2], reps=4, seed=1)
    assert a.spsa_shots.tolist() == b.spsa_shots.tolist() and a.ps_shots == b.ps_shots


def test_bad_inputs_are_refused(small):
    circuit, theta = small
    with pytest.raises(ValueError, match="circuit"):
        currency.spsa_mean(random_circuit(7, 4, seed=0), random_parameters(4, seed=0), 0.1)
    two_terms = random_circuit(2, 4, observable=[(1.0, "ZI"), (1.0, "IZ")], seed=0)
    with pytest.raises(ValueError, match="circuit"):
        currency.shot_model(two_terms, random_parameters(4, seed=0), 0.5, [0.1])
    with pytest.raises(ValueError, match="c"):
        currency.spsa_mean(circuit, theta, 1.0)
    with pytest.raises(ValueError, match="c_values"):
        currency.shot_model(circuit, theta, 0.5, [])
    with pytest.raises(ValueError, match="eps"):
        currency.shots_to_target(circuit, theta, 0.01, [0.1])
    with pytest.raises(ValueError, match="deltas"):
        currency.one_shot_evaluations(circuit, theta, np.ones((2, 3)), 0.1)
    with pytest.raises(ValueError, match="reps"):
        currency.shots_to_target(circuit, theta, 0.5, [0.1], reps=1)
