"""Tests of chapter 4: the SPSA estimator, its exact second moments, the optimiser, the cost models,
the PennyLane cross-checks (the optimiser run by qbp_lessons.training), the chapter's figures and
explorer, and its exercises.

Statistical tests use seeded runs and tolerances derived from the formulas: the
exact variance of ||g_hat - g||^2 (spsa.spsa_error_variance, itself checked by exact
enumeration of all Rademacher directions) divided by the number of repetitions.
"""

import base64
import html
import itertools
import re

import ipywidgets as W
import matplotlib
import numpy as np
import pytest

from qbp_lessons import costs, interop, training
from qbp_lessons.engine import circuits as C
from qbp_lessons.engine import gradients, sampling
from qbp_lessons.exercises import EXERCISES, check
from qbp_lessons.lessons.spsa import compute as spsa
from qbp_lessons.lessons.spsa import exercises as ex
from qbp_lessons.engine.ledger import Ledger
from qbp_lessons.lessons.param_shift import structure
from qbp_lessons.lessons.spsa import show


def _problem(n=3, M=6, seed=1, observable=None):
    circuit = C.random_circuit(n, M, observable=observable, seed=seed)
    theta = C.random_parameters(M, seed=seed + 100)
    return circuit, theta, gradients.grad_adjoint(circuit, theta)


def _all_rademacher(M):
    return np.array(list(itertools.product((-1.0, 1.0), repeat=M)))


# --------------------------------------------------------------------------
# The exact moments, by enumeration of every Rademacher direction
# --------------------------------------------------------------------------


@pytest.mark.parametrize("M", [1, 2, 3, 5, 7])
def test_second_moment_is_exact_over_all_rademacher_directions(M):
    g = np.random.default_rng(M).normal(size=M)
    errors = [np.sum((d * (d @ g) - g) ** 2) for d in _all_rademacher(M)]
    assert np.mean(errors) == pytest.approx(
        float(costs.spsa_second_moment(M, g @ g)), rel=1e-12, abs=1e-12
    )
    # the component variance ||g||^2 - g_i^2
    comps = np.array([d * (d @ g) for d in _all_rademacher(M)])
    assert np.allclose(comps.var(axis=0), g @ g - g**2, atol=1e-12)


@pytest.mark.parametrize("M,K", [(3, 1), (4, 1), (4, 2), (3, 3)])
def test_error_variance_is_exact_over_all_direction_tuples(M, K):
    g = np.random.default_rng(10 * M + K).normal(size=M)
    dirs = _all_rademacher(M)
    values = []
    for combo in itertools.product(range(len(dirs)), repeat=K):
        est = np.mean([dirs[i] * (dirs[i] @ g) for i in combo], axis=0)
        values.append(np.sum((est - g) ** 2))
    values = np.array(values)
    assert values.mean() == pytest.approx(float(costs.spsa_second_moment(M, g @ g, K)), rel=1e-12)
    assert values.var() == pytest.approx(spsa.spsa_error_variance(g, K), rel=1e-10, abs=1e-12)


def test_gaussian_second_moment_by_monte_carlo():
    """(M + 1)||g||^2 for Gaussian directions: numpy draws, tolerance 5 standard errors."""
    M, R = 12, 200_000
    g = np.random.default_rng(3).normal(size=M)
    d = np.random.default_rng(4).standard_normal((R, M))
    err = np.sum((d * (d @ g)[:, None] - g) ** 2, axis=1)
    assert abs(
        err.mean() - costs.spsa_second_moment(M, g @ g, 1, "gaussian")
    ) < 5 * err.std() / np.sqrt(R)


# --------------------------------------------------------------------------
# The estimator on circuits
# --------------------------------------------------------------------------


def test_draw_directions():
    d = spsa.draw_directions(7, 500, seed=1)
    assert d.shape == (500, 7) and set(np.unique(d)) == {-1.0, 1.0}
    assert np.array_equal(d, spsa.draw_directions(7, 500, seed=1))
    gauss = spsa.draw_directions(7, 4000, "gaussian", seed=2)
    assert abs(gauss.mean()) < 5 / np.sqrt(gauss.size) and abs(gauss.var() - 1) < 5 * np.sqrt(
        2 / gauss.size
    )


@pytest.mark.parametrize("kind", spsa.DIRECTIONS)
def test_spsa_grad_is_delta_delta_transpose_g_for_small_c(kind):
    circuit, theta, g = _problem(M=8, observable="random", seed=4)
    deltas = spsa.draw_directions(8, 5, kind, seed=5)
    est = spsa.spsa_grad(circuit, theta, c=1e-5, directions=deltas)
    linear = np.mean([d * (d @ g) for d in deltas], axis=0)
    assert np.allclose(est, linear, atol=1e-7)


def test_spsa_grad_is_seeded_and_counted():
    circuit, theta, _ = _problem(M=6)
    a = spsa.spsa_grad(circuit, theta, K=3, seed=9)
    assert np.array_equal(a, spsa.spsa_grad(circuit, theta, K=3, seed=9))
    exact = Ledger()
    spsa.spsa_grad(circuit, theta, K=3, seed=9, ledger=exact)
    assert exact.rotations == 2 * 3 * circuit.M and exact.circuits == 0
    shots = Ledger()
    spsa.spsa_grad(circuit, theta, K=3, shots=50, seed=9, ledger=shots)
    assert (shots.circuits, shots.shots, shots.shot_gates) == (6, 6 * 50, 6 * 50 * circuit.M)


@pytest.mark.parametrize("kind, shots", [("rademacher", None), ("gaussian", 40)])
def test_spsa_grad_core_gives_what_spsa_grad_gives(kind, shots):
    """The same directions and the same F (one seeded stream): the same estimate, bit for bit."""
    circuit, theta, _ = _problem(M=5, seed=4)
    want = spsa.spsa_grad(circuit, theta, K=4, c=0.2, kind=kind, shots=shots, seed=13)
    gen = np.random.default_rng(13)
    deltas = spsa.draw_directions(circuit.M, 4, kind, gen)

    def F(t):
        if shots is None:
            return C.expval(circuit, t)
        return sampling.expval_shots(circuit, t, shots, gen)

    assert np.array_equal(spsa.spsa_grad_core(F, theta, deltas, 0.2), want)


@pytest.mark.parametrize("K", [1, 3])
def test_noise_free_error_matches_second_moment_within_five_sigma(K):
    circuit, theta, g = _problem(n=4, M=20, seed=7)
    R = 300
    gen = np.random.default_rng(11)
    errors = [
        np.sum((spsa.spsa_grad(circuit, theta, K, c=1e-5, seed=gen) - g) ** 2) for _ in range(R)
    ]
    sigma = np.sqrt(spsa.spsa_error_variance(g, K) / R)
    assert abs(np.mean(errors) - costs.spsa_second_moment(20, g @ g, K)) < 5 * sigma


def test_error_scan_noise_free_on_the_formula():
    scan = spsa.error_scan([4, 8, 16], [1, 2], reps=200, seed=3)
    assert scan.mean_sq_error.shape == (3, 2) and scan.shots is None and scan.c == 1e-4
    assert np.allclose(
        scan.predicted, (scan.M[:, None] - 1) * scan.g_norm2[:, None] / scan.K[None, :]
    )
    assert np.all(scan.executions == 0)  # exact: no device executions
    assert np.array_equal(
        scan.gates, 2 * scan.K[None, :] * (scan.M[:, None] + 1)
    )  # M rotations + Z, twice per K
    # 5 exact standard errors of the mean, sqrt(spsa_error_variance(g, K) / reps); c = 1e-4 leaves
    # an O(c^2) bias
    assert len(scan.gradients) == 3 and scan.g_norm2 == pytest.approx(
        [g @ g for g in scan.gradients]
    )
    assert np.all(
        np.abs(scan.mean_sq_error - scan.predicted) <= 5 * scan.exact_sem() + 1e-6 * scan.predicted
    )
    with pytest.raises(ValueError, match=r"^exact_sem\b"):
        spsa.error_scan([4], kind="gaussian", reps=2, seed=1).exact_sem()


def test_error_scan_with_shots_adds_the_shot_term():
    scan = spsa.error_scan([4, 8, 16], [1], shots=400, c=0.02, reps=300, seed=5)
    assert np.array_equal(scan.executions[:, 0], [2, 2, 2])  # counted by the sampler's ledger
    noise_free = (scan.M - 1) * scan.g_norm2
    assert np.all(scan.predicted[:, 0] > noise_free)  # the shot term is there
    assert np.all(np.abs(scan.mean_sq_error - scan.predicted) < 5 * scan.sem)


def test_gaussian_scan_on_m_plus_one():
    scan = spsa.error_scan([6, 12], [1], kind="gaussian", reps=400, seed=8)
    assert np.allclose(scan.predicted[:, 0], (scan.M + 1) * scan.g_norm2)
    assert np.all(np.abs(scan.mean_sq_error - scan.predicted) < 5 * scan.sem)


# --------------------------------------------------------------------------
# Gains and the optimisers
# --------------------------------------------------------------------------


def test_spall_gains():
    g = spsa.spall_gains(100)
    assert g.A == pytest.approx(10.0) and g.a_k(0) == pytest.approx(0.05)
    assert g.c_k(0) == pytest.approx(0.2) and g.c_k(9) == pytest.approx(0.2 / 10**0.101)
    assert g.a_k(5) == pytest.approx(g.a / (5 + 1 + 10) ** 0.602)
    assert np.all(np.diff(g.a_k(np.arange(50))) < 0)


def test_param_shift_descent_exact_equals_manual_descent():
    circuit, theta, _ = _problem(M=5, seed=2)
    run = training.train(circuit, theta, "param_shift", iterations=4, lr=0.2)
    manual = theta.copy()
    for _ in range(4):
        manual = manual - 0.2 * gradients.grad_adjoint(circuit, manual)
    assert np.allclose(run.thetas[-1], manual, atol=1e-12)
    assert run.ledger.rotations == 4 * 2 * 5 * 5 and run.losses[-1] == pytest.approx(
        C.expval(circuit, manual)
    )


def test_training_runs_count_executions_and_descend():
    circuit, theta, _ = _problem(n=3, M=12, seed=6)
    ps = training.train(circuit, theta, "param_shift", iterations=5, lr=0.1, shots=200, seed=1)
    assert np.array_equal(ps.executions, 24 * np.arange(6)) and ps.shots[-1] == 5 * 24 * 200
    gains = spsa.spall_gains(60, a=0.05, c=0.1)
    sp = training.train(circuit, theta, "spsa", iterations=60, gains=gains, shots=200, seed=2)
    per_step = costs.spsa_gradient_circuits(1)  # the model; the ledger counted the runs
    assert np.array_equal(sp.executions, per_step * np.arange(61)) and sp.shots[-1] == 60 * 2 * 200
    assert ps.losses[-1] < ps.losses[0] - 0.1 and sp.losses[-1] < sp.losses[0] - 0.1


@pytest.mark.parametrize("K", [1, 3, 7])
def test_spsa_gradient_circuits_is_what_the_ledger_counts(K):
    circuit, theta, _ = _problem(n=3, M=9, seed=4)
    ledger = Ledger()
    spsa.spsa_grad(circuit, theta, K, 0.1, shots=20, seed=K, ledger=ledger)
    assert ledger.circuits == costs.spsa_gradient_circuits(K)
    assert np.array_equal(costs.spsa_gradient_circuits(np.array([1, 5])), [2.0, 10.0])
    with pytest.raises(ValueError, match=r"^K\b"):
        costs.spsa_gradient_circuits(0)


# --------------------------------------------------------------------------
# PennyLane
# --------------------------------------------------------------------------


def test_pennylane_spsa_grad_same_directions():
    circuit, theta, _ = _problem(n=4, M=12, seed=2)
    deltas = spsa.draw_directions(12, 3, seed=4)
    ours = spsa.spsa_grad(circuit, theta, c=0.1, directions=deltas)
    theirs, ledger = interop.spsa_grad_pennylane(circuit, theta, 3, 0.1, directions=deltas)
    assert np.allclose(ours, theirs, atol=1e-12) and ledger.circuits == 6


def test_pennylane_default_sampler_skips_the_light_cone():
    circuit, theta, g = _problem(n=4, M=16, seed=12)
    inside = structure.light_cone(circuit)
    assert 0 < inside.sum() < circuit.M
    for route, executions in (("transform", 4), ("qnode", 5)):
        theirs, ledger = interop.spsa_grad_pennylane(circuit, theta, 2, 0.05, seed=7, route=route)
        ours = spsa.spsa_grad(
            circuit, theta, c=0.05, directions=interop.pennylane_spsa_directions(circuit, 2, 7)
        )
        assert np.allclose(ours, theirs, atol=1e-12) and ledger.circuits == executions
        assert np.all(theirs[~inside] == 0)


def test_pennylane_optimizer_follows_the_same_iterates():
    circuit, theta, _ = _problem(n=3, M=8, seed=3)
    gains = spsa.spall_gains(15, c=0.15)
    thetas, dirs, ledger = interop.spsa_optimizer_pennylane(
        circuit, theta, 15, a=gains.a, c=gains.c, A=gains.A, seed=5
    )
    ours = training.train(circuit, theta, "spsa", iterations=15, gains=gains, directions=dirs)
    assert np.allclose(ours.thetas, thetas, atol=1e-12) and ledger.circuits == 30
    state = np.random.get_state()[1][:5].copy()
    interop.spsa_optimizer_pennylane(circuit, theta, 2, a=0.1, c=0.1, A=1.0, seed=1)
    assert np.array_equal(np.random.get_state()[1][:5], state)  # global state restored
    # step_and_cost: the same iterates, one more execution per step (to report F), counted by
    # qml.Tracker
    thetas_c, _, ledger_c = interop.spsa_optimizer_pennylane(
        circuit, theta, 15, a=gains.a, c=gains.c, A=gains.A, seed=5, method="step_and_cost"
    )
    assert np.allclose(thetas_c, thetas, atol=1e-12) and ledger_c.circuits == 45
    with pytest.raises(ValueError, match=r"^method\b"):
        interop.spsa_optimizer_pennylane(circuit, theta, 2, a=0.1, c=0.1, A=1.0, method="cost")


# --------------------------------------------------------------------------
# Cost models
# --------------------------------------------------------------------------


def test_directions_for_accuracy():
    assert costs.spsa_directions_for_accuracy(101, 0.5) == 400
    assert costs.spsa_directions_for_accuracy(99, 0.5, "gaussian") == 400
    assert costs.spsa_directions_for_accuracy(1, 0.1) == 1
    assert costs.spsa_circuits(101, 1.0) == 200 == costs.param_shift_circuits(100)
    M = np.array([2.0, 10.0, 100.0])
    assert np.array_equal(costs.spsa_circuits(M, 1.0), 2 * (M - 1))
    assert costs.spsa_second_moment(10, 2.0, 3, shots=100, c=0.1, variance=0.5) == pytest.approx(
        (9 * 2.0 + 10 * 0.5 / (2 * 0.01 * 100)) / 3
    )


# --------------------------------------------------------------------------
# Bad input names the parameter
# --------------------------------------------------------------------------

BAD = [
    (lambda: spsa.draw_directions(5, 0), ValueError, r"^K\b"),
    (lambda: spsa.draw_directions(5, 10**6), ValueError, r"^K\b"),
    (lambda: spsa.draw_directions(5, 2, "uniform"), ValueError, r"^kind\b"),
    (lambda: spsa.draw_directions(0, 2), ValueError, r"^M\b"),
    (lambda: spsa.spsa_grad(*_problem()[:2], K=0), ValueError, r"^K\b"),
    (lambda: spsa.spsa_grad(*_problem()[:2], K=1.5), TypeError, r"^K\b"),
    (lambda: spsa.spsa_grad(*_problem()[:2], c=0), ValueError, r"^c\b"),
    (lambda: spsa.spsa_grad(*_problem()[:2], shots=0), ValueError, r"^shots\b"),
    (
        lambda: spsa.spsa_grad(*_problem()[:2], directions=np.ones((2, 5))),
        ValueError,
        r"^directions\b",
    ),
    (lambda: spsa.spsa_grad(*_problem()[:2], seed=-1), ValueError, r"^seed\b"),
    (lambda: spsa.spsa_grad("circuit", [0.0]), TypeError, r"^circuit\b"),
    (lambda: spsa.spsa_error_variance([1.0, 2.0], 0), ValueError, r"^K\b"),
    (lambda: spsa.spall_gains(0), ValueError, r"^iterations\b"),
    (lambda: spsa.spall_gains(10, c=-1), ValueError, r"^c\b"),
    (
        lambda: training.train(*_problem()[:2], "spsa", iterations=5, gains="fast"),
        TypeError,
        r"^gains\b",
    ),
    (lambda: training.train(*_problem()[:2], "spsa", iterations=0), ValueError, r"^iterations\b"),
    (
        lambda: training.train(*_problem()[:2], "spsa", iterations=3, directions=np.ones((2, 6))),
        ValueError,
        r"^directions\b",
    ),
    (lambda: training.train(*_problem()[:2], "param_shift", lr=0), ValueError, r"^lr\b"),
    (lambda: spsa.error_scan([4], shots=10), ValueError, r"^c\b"),
    (lambda: spsa.error_scan([]), ValueError, r"^M_list\b"),
    (lambda: spsa.error_scan([4], [0]), ValueError, r"^K_list\b"),
    (lambda: spsa.error_scan([4096] * 10, [1000], reps=1000), ValueError, r"^this scan\b"),
    (lambda: costs.spsa_second_moment(10, 1.0, 0), ValueError, r"^K\b"),
    (lambda: costs.spsa_second_moment(10, 1.0, shots=100), ValueError, r"^c\b"),
    (lambda: costs.spsa_directions_for_accuracy(10, 0), ValueError, r"^eps\b"),
    (lambda: costs.spsa_directions_for_accuracy(10, 0.1, "cauchy"), ValueError, r"^directions\b"),
    (
        lambda: interop.spsa_grad_pennylane(*_problem()[:2], 2, directions=np.ones((3, 6))),
        ValueError,
        r"^directions\b",
    ),
    (lambda: interop.spsa_grad_pennylane(*_problem()[:2], 0), ValueError, r"^K\b"),
    (lambda: interop.spsa_grad_pennylane(*_problem()[:2], route="tape"), ValueError, r"^route\b"),
]


@pytest.mark.parametrize("call,error,match", BAD)
def test_bad_input_names_the_parameter(call, error, match):
    with pytest.raises(error, match=match):
        call()


# --------------------------------------------------------------------------
# Presentation
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def widget_scan():
    return spsa.error_scan([4, 16], [1, 4], reps=20, seed=2)


def test_error_figure_plots_the_scans(widget_scan):
    gauss = spsa.error_scan([4, 16], [1], kind="gaussian", reps=20, seed=2)
    shots = spsa.error_scan([4, 16], [1], shots=200, c=0.05, reps=20, seed=2)
    fig = show.error_figure([widget_scan, gauss], shots)
    assert isinstance(fig, matplotlib.figure.Figure) and len(fig.axes) == 2
    left, right = fig.axes
    assert left.get_xscale() == "log" and left.get_yscale() == "log" and left.get_xlabel()
    (model,) = [
        ln for ln in left.lines if ln.get_label().startswith("exact second moment M \u2212 1")
    ]
    assert np.allclose(model.get_ydata(), model.get_xdata() - 1)
    (formula,) = [ln for ln in right.lines if ln.get_label().startswith("formula")]
    assert np.allclose(formula.get_ydata(), shots.predicted[:, 0])
    with pytest.raises(ValueError, match=r"^with_shots\b"):
        show.error_figure(widget_scan, widget_scan)
    with pytest.raises(TypeError, match=r"^noise_free\b"):
        show.error_figure("scan")


def test_directions_and_training_figures():
    fig = show.directions_figure([4, 16], 0.5, measured_K=[12, 60], counted_ps=[8, 32])
    ax = fig.axes[0]
    spsa_line = ax.lines[0]
    assert np.allclose(
        spsa_line.get_ydata(), costs.spsa_circuits(np.round(spsa_line.get_xdata()), 0.5)
    )
    assert np.allclose(ax.lines[-1].get_ydata(), [8, 32]) and np.allclose(
        ax.lines[-2].get_ydata(), [24, 120]
    )
    with pytest.raises(ValueError, match=r"^measured_K\b"):
        show.directions_figure([4, 16], 0.5, measured_K=[1])
    circuit, theta, _ = _problem(M=4)
    run = training.train(circuit, theta, "spsa", iterations=5, shots=10, seed=1)
    fig = show.training_figure([run], best={"spsa": 0}, labels={0: "SPSA"}, target=-0.9)
    assert np.array_equal(fig.axes[0].lines[0].get_xdata(), run.executions[1:])
    with pytest.raises(TypeError, match=r"^runs\b"):
        show.training_figure(run)


def test_spsa_reading(widget_scan):
    text = show.spsa_reading(widget_scan, 16, 4, 0.5)
    assert "K = 4" in text and "runs 8 circuits" in text and f"{np.sqrt(15 / 4):.2f}" in text
    assert "K \u2265 60 directions, 120 circuits" in text and "2M = 32" in text and "misses" in text
    assert f"{np.sqrt(widget_scan.relative[1, 1]):.2f}" in text
    assert "meets" in show.spsa_reading(widget_scan, 4, 64, 0.5)
    with pytest.raises(ValueError, match=r"^M\b"):
        show.spsa_reading(widget_scan, 5, 1, 0.5)


def test_spsa_explorer_frames_and_links(widget_scan):
    K_values = [1, 4, 16]
    box = show.spsa_explorer(
        widget_scan, [1.0, 0.5], K_values, default_M=16, default_K=4, default_eps=0.5
    )
    eps_s, M_s, K_s, plot, reading = box.children
    assert all(isinstance(s, W.SelectionSlider) for s in (eps_s, M_s, K_s))
    assert (eps_s.index, M_s.index, K_s.index) == (1, 1, 1)
    base, marker = plot.children
    assert len(base.children) == 2 and isinstance(base.children[0], W.HTML)  # one PNG per M
    png = re.search(r'base64,([A-Za-z0-9+/=]+)"', base.children[0].value).group(1)
    assert base64.b64decode(png)[:4] == b"\x89PNG"
    for i_e, eps in enumerate([1.0, 0.5]):
        for i_m, M in enumerate([4, 16]):
            for i_k, K in enumerate(K_values):
                frame = reading.children[i_e].children[i_m].children[i_k].value
                inner = re.fullmatch(r'<p class="qbp-reading"[^>]*>(.*)</p>', frame).group(1)
                assert html.unescape(inner) == show.spsa_reading(widget_scan, M, K, eps)
                svg = marker.children[i_e].children[i_m].children[i_k].value
                assert (
                    svg.count("<circle") == 2
                    and svg.count("<line") == 3
                    and svg.count("<polyline") == 1
                )
    # more directions: the ring on the circuits panel moves up (SVG y grows downwards)
    ys = [
        float(
            re.search(r'cy="([\d.]+)"', marker.children[0].children[1].children[k].value).group(1)
        )
        for k in range(3)
    ]
    assert ys[0] > ys[1] > ys[2]
    assert len(box._qbp_links) == 1 + 2 * (
        1 + 2 + 2 * 2
    )  # one link per Stack: base (M), marker and reading (eps, M, K)
    with pytest.raises(ValueError, match=r"^default_K\b"):
        show.spsa_explorer(widget_scan, [0.5], [1], default_K=3)
    with pytest.raises(ValueError, match=r"^scan\b"):
        show.spsa_explorer(spsa.error_scan([4], [1], shots=10, c=0.1, reps=2, seed=1))


# --------------------------------------------------------------------------
# Exercises
# --------------------------------------------------------------------------


def test_exercise_answers_from_independent_routes(capsys):
    # 4.1 by hand: N = 1, K = 10,000: (51 * 2 + 50 / (2 * 0.1**2)) / 10,000 / 2 = 0.1301
    assert check("4.1", 0.1301) and check("4.1", (102 + 2500) / 10_000 / 2)
    assert not check("4.1", 102 / 10_000 / 2)  # shot term forgotten
    assert not check("4.1", (102 + 25) / 100 / 2)  # 100 shots per evaluation, K = 100
    assert not check("4.1", (98 + 2500) / 10_000 / 2)  # the Rademacher count
    # 4.2: M g^T H g / (||g||^2 tr H + 2 g^T H g) by hand, and to four significant figures;
    # the isotropic answer M / (M + 2) is wrong here
    assert check("4.2", 50 * 49 / (149 * 49 + 98)) and check("4.2", 0.3311)
    assert not check("4.2", 50 / 52) and not check("4.2", 1.0)
    # 4.3: measured with PennyLane's own sampler over many seeds (statistical, 5 sigma)
    circuit, theta = ex.ex43_circuit()
    g = gradients.grad_adjoint(circuit, theta)
    errs = [
        np.sum(
            (
                spsa.spsa_grad(
                    circuit,
                    theta,
                    c=1e-5,
                    directions=interop.pennylane_spsa_directions(circuit, 1, s),
                )
                - g
            )
            ** 2
        )
        for s in range(400)
    ]
    expected = ex._ex43_expected()
    assert abs(np.mean(errs) - expected) < 5 * np.std(errs) / np.sqrt(400)
    assert check("4.3", expected) and not check("4.3", 15 * float(g @ g))
    assert not check("4.3", "31")
    out = capsys.readouterr().out
    assert "expected a number" in out and "Hint 1 of 3" in out
    assert set(EXERCISES) >= {"4.1", "4.2", "4.3"}
