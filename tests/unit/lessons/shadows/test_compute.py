"""Tests of qbp_lessons.lessons.shadows.compute (chapter 6): the reduction, classical shadows,
direct measurement.

Statistical tests are seeded (deterministic), and each tolerance comes from the
theory it tests: a weight-k string's single-snapshot estimate has variance at
most 3^k (its squared shadow norm), so a mean of T snapshots has standard
error at most sqrt(3^k / T), and Huang, Kueng and Preskill's bound
(costs.shadow_snapshots) promises that all M median-of-means estimates are
within eps with probability >= 1 - delta. No timings.
"""

import math

import numpy as np
import pennylane as qml
import pytest

from qbp_lessons import costs, interop
from qbp_lessons.engine import circuits as C
from qbp_lessons.engine import gradients
from qbp_lessons.engine.ledger import Ledger
from qbp_lessons.lessons.shadows import compute as S


def _state(n, seed, M=None):
    prep = C.random_circuit(n, M or 4 * n, locality=min(2, n), seed=seed)
    theta = C.random_parameters(prep.M, seed=seed + 100)
    return prep, theta, C.state(prep, theta)


def _direct(psi, paulis):
    return np.array([np.vdot(psi, C.apply_pauli(p, psi)).real for p in paulis])


# --------------------------------------------------------------------------
# The reduction: a gradient at theta = 0 is a list of Pauli expectations
# --------------------------------------------------------------------------


@pytest.mark.parametrize("n, seed", [(2, 0), (3, 1), (4, 2), (5, 3)])
def test_reduction_gradient_is_twice_the_expectations(n, seed):
    prep, theta, psi = _state(n, seed)
    paulis = S.all_paulis(n, 1) + S.all_paulis(n, 2)[:20] + [C.random_pauli(n, n, seed)]
    via_gradient = S.expectations_by_gradient(prep, theta, paulis)
    assert np.max(np.abs(via_gradient - _direct(psi, paulis))) < 1e-10
    # and the gradient of the reduction circuit from a second route: central finite differences
    circuit = S.reduction_circuit(prep, paulis[:5])
    point = S.reduction_parameters(prep, theta, 5)
    fd = gradients.grad_finite_difference(circuit, point, h=1e-5)[-5:]
    assert np.max(np.abs(fd / 2 - via_gradient[:5])) < 1e-8


def test_reduction_agrees_with_pennylane_gradient():
    prep, theta, psi = _state(3, 7)
    paulis = ["XYZ", "ZZI", "IXY"]
    circuit = S.reduction_circuit(prep, paulis)
    point = S.reduction_parameters(prep, theta, len(paulis))
    pl = interop.pennylane_grad(circuit, point, diff_method="backprop")
    assert np.max(np.abs(pl[-3:] / 2 - _direct(psi, paulis))) < 1e-10


def test_reduction_needs_the_ancilla_in_plus_i():
    """With the ancilla left in |0> (angle 0) the same circuit's gradient at theta = 0 vanishes."""
    prep, theta, _ = _state(3, 5)
    circuit = S.reduction_circuit(prep, ["ZII", "XXI"])
    point = S.reduction_parameters(prep, theta, 2)
    point[0] = 0.0
    assert np.max(np.abs(gradients.grad_adjoint(circuit, point)[-2:])) < 1e-12
    assert S.ANCILLA_ANGLE == -math.pi / 4
    ancilla = C.apply_rotation("X", S.ANCILLA_ANGLE, C.zero_state(1))
    assert np.allclose(ancilla, np.array([1, 1j]) / math.sqrt(2))


def test_reduction_circuit_layout():
    prep, _, _ = _state(2, 0, M=3)
    circuit = S.reduction_circuit(prep, ["ZX", {0: "Y"}])
    labels = [g.label for g in circuit.generators]
    assert labels[0] == "XII" and labels[1:4] == ["I" + g.label for g in prep.generators]
    assert labels[4:] == ["XZX", "XYI"] and circuit.observable.terms[0][1].label == "ZII"


def test_reduction_circuit_core_is_what_reduction_circuit_builds():
    prep, _, _ = _state(3, 2, M=5)
    strings = S.all_paulis(3, 1)
    core = S.reduction_circuit_core(prep, strings)
    checked = S.reduction_circuit(prep, [q.label for q in strings])
    assert [g.label for g in core.generators] == [g.label for g in checked.generators]
    assert core.n == checked.n == 4 and core.M == 1 + prep.M + len(strings)


# --------------------------------------------------------------------------
# Exact expectations and the list of strings
# --------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 3, 6])
def test_exact_expectations_match_apply_pauli(n):
    _, _, psi = _state(n, n)
    paulis = [
        C.random_pauli(n, int(w), s) for s, w in enumerate(np.resize(np.arange(1, n + 1), 40))
    ] + ["I" * n]
    assert np.max(np.abs(S.exact_expectations(psi, paulis) - _direct(psi, paulis))) < 1e-12


@pytest.mark.parametrize("n, k", [(3, 1), (4, 2), (5, 3), (6, 6)])
def test_all_paulis_counts_and_uniqueness(n, k):
    strings = S.all_paulis(n, k)
    assert len(strings) == math.comb(n, k) * 3**k
    assert len({p.label for p in strings}) == len(strings)
    assert all(p.weight == k for p in strings)


# --------------------------------------------------------------------------
# Snapshots: the Born rule, wire by wire
# --------------------------------------------------------------------------


def test_measure_shadow_writes_one_execution_per_snapshot():
    _, _, psi = _state(3, 1)
    ledger = Ledger()
    shadow = S.measure_shadow(psi, 1234, seed=0, gates=7, ledger=ledger)
    assert (shadow.T, shadow.n) == (1234, 3)
    assert (ledger.circuits, ledger.shots, ledger.shot_gates) == (1234, 1234, 1234 * 7)


# --------------------------------------------------------------------------
# Estimates: unbiased, within the bound, identical to PennyLane's
# --------------------------------------------------------------------------


def test_shadow_estimates_are_unbiased():
    """The mean of 400 independent 50-snapshot estimates of a weight-3 string, within 5 sigma."""
    _, _, psi = _state(4, 31)
    strings = ["XYZI", "ZIZZ", "IYXY"]
    truth = _direct(psi, strings)
    runs = np.array(
        [S.estimate_paulis(S.measure_shadow(psi, 50, seed=1000 + r), strings) for r in range(400)]
    )
    stderr = math.sqrt(27 / (400 * 50))  # Var of one snapshot <= 3^3
    assert np.all(np.abs(runs.mean(axis=0) - truth) < 5 * stderr)
    # and the spread of one estimate is the shadow-norm variance 3^k - <P>^2, within sampling error
    var = runs.var(axis=0, ddof=1) * 50
    assert np.all(np.abs(var - (27 - truth**2)) < 0.25 * 27)


@pytest.mark.parametrize("groups", [1, 3, 7])
def test_estimate_paulis_core_is_what_estimate_paulis_runs(groups):
    _, _, psi = _state(3, 4)
    shadow = S.measure_shadow(psi, 40, seed=5)
    strings = S.all_paulis(3, 2)
    core = S.estimate_paulis_core(shadow, strings, groups)
    np.testing.assert_array_equal(core, S.estimate_paulis(shadow, strings, groups))
    # the core alone, against the median of batch means written out snapshot by snapshot
    size = -(-40 // groups)
    values = np.array(
        [
            [
                np.prod(
                    [
                        3.0 * (1 - 2 * int(shadow.bits[t, w]))
                        if "XYZ"[shadow.recipes[t, w]] == q.label[w]
                        else 0.0
                        for w in q.support
                    ]
                )
                for q in strings
            ]
            for t in range(40)
        ]
    )
    batches = [values[lo : lo + size].mean(axis=0) for lo in range(0, 40, size)]
    np.testing.assert_allclose(core, np.median(batches, axis=0), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("k", [1, 2, 3])
def test_each_estimate_is_within_five_standard_errors(k):
    _, _, psi = _state(5, 40 + k)
    strings = S.all_paulis(5, k)[:60]
    shadow = S.measure_shadow(psi, 30_000, seed=k)
    err = np.abs(S.estimate_paulis(shadow, strings) - _direct(psi, strings))
    # one string fails 5 sigma (Chebyshev-free, near-Gaussian here) with probability ~6e-7
    assert np.all(err < 5 * math.sqrt(3**k / shadow.T))


def test_median_of_means_meets_huang_kueng_preskill_bound():
    """With the bound's snapshot count and batches, every estimate is within eps (delta = 1e-3)."""
    n, k, eps, delta = 3, 2, 0.5, 1e-3
    _, _, psi = _state(n, 50)
    strings = S.all_paulis(n, 1) + S.all_paulis(n, 2)
    M = len(strings)
    T = int(costs.shadow_snapshots(M, eps, delta, k))
    groups = math.ceil(costs.shadow_batches(M, delta))
    shadow = S.measure_shadow(psi, T, seed=51)
    err = np.abs(S.estimate_paulis(shadow, strings, groups=groups) - _direct(psi, strings))
    assert err.max() <= eps


@pytest.mark.parametrize("groups", [1, 3, 7, 10])
def test_estimates_equal_pennylane_classical_shadow_expval(groups):
    _, _, psi = _state(5, 60)
    shadow = S.measure_shadow(psi, 1003, seed=61)
    gen = np.random.default_rng(62)
    strings = [C.random_pauli(5, int(gen.integers(1, 6)), gen) for _ in range(150)] + [
        "IIIII",
        "ZIIII",
    ]
    ours = S.estimate_paulis(shadow, strings, groups=groups)
    theirs = interop.pennylane_shadow_expval(
        shadow.recipes, shadow.bits, strings, groups=groups, chunk=37
    )
    assert theirs.shape == ours.shape
    assert np.max(np.abs(ours - theirs)) < 1e-12
    assert ours[-2] == 1.0


def test_running_estimates_are_the_estimates_of_each_prefix():
    _, _, psi = _state(4, 70)
    shadow = S.measure_shadow(psi, 900, seed=71)
    strings = S.all_paulis(4, 2)
    checkpoints = [1, 10, 333, 900]
    running = S.running_estimates(shadow, strings, checkpoints)
    for row, T in zip(running, checkpoints):
        prefix = S.Shadow(shadow.recipes[:T], shadow.bits[:T])
        assert np.allclose(row, S.estimate_paulis(prefix, strings), atol=1e-12, rtol=0)


def test_overlap_estimate_equals_pennylane_local_snapshots():
    """<phi|rho_hat|phi>, rho_hat the mean of PennyLane's local snapshots, Kronecker-multiplied."""
    prep, theta, psi = _state(3, 80)
    shadow = S.measure_shadow(psi, 200, seed=81)
    local = qml.ClassicalShadow(
        shadow.bits.astype(np.int64), shadow.recipes.astype(np.int64)
    ).local_snapshots()
    rho_hat = sum(np.kron(np.kron(t[0], t[1]), t[2]) for t in local) / shadow.T
    phi = C.state(*_state(3, 82)[:2])
    assert abs(S.overlap_estimate(shadow, phi) - np.vdot(phi, rho_hat @ phi).real) < 1e-10
    # unbiased: the fidelity with psi itself is 1
    big = S.measure_shadow(psi, 20_000, seed=83)
    assert abs(S.overlap_estimate(big, psi) - 1.0) < 5 * math.sqrt(5.0**3 / big.T)


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


# --------------------------------------------------------------------------
# The bound in costs.py
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Bad input names the parameter
# --------------------------------------------------------------------------


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


@pytest.fixture(scope="module")
def shadow3():
    _, _, psi = _state(3, 1)
    return S.measure_shadow(psi, 100, seed=0)


@pytest.mark.parametrize(
    "strings, error, match",
    [
        (["XX"], ValueError, r"paulis\[0\] must act on n = 3"),
        (["XYZ", "XYZI"], ValueError, r"paulis\[1\] must act on n = 3"),
        ("XYZ", TypeError, "paulis must be a list"),
        ([], ValueError, "at least one"),
        ([{5: "X"}], ValueError, r"paulis\[0\]: wire 5"),
        (["XQZ"], ValueError, r"paulis\[0\]"),
    ],
)
def test_observables_on_the_wrong_qubits_are_refused(shadow3, strings, error, match):
    with pytest.raises(error, match=match):
        S.estimate_paulis(shadow3, strings)


def test_other_bad_estimator_input(shadow3):
    with pytest.raises(ValueError, match="groups"):
        S.estimate_paulis(shadow3, ["XII"], groups=0)
    with pytest.raises(ValueError, match="empty batch"):
        S.estimate_paulis(S.Shadow(shadow3.recipes[:10], shadow3.bits[:10]), ["XII"], groups=6)
    with pytest.raises(TypeError, match="shadow must be a Shadow"):
        S.estimate_paulis((shadow3.recipes, shadow3.bits), ["XII"])
    with pytest.raises(ValueError, match="checkpoints"):
        S.running_estimates(shadow3, ["XII"], [10, 5])
    with pytest.raises(ValueError, match="checkpoints"):
        S.running_estimates(shadow3, ["XII"], [10, 101])
    with pytest.raises(ValueError, match="weight 11"):
        _, _, psi = _state(11, 1, M=2)
        S.estimate_paulis(S.measure_shadow(psi, 5, seed=0), ["X" * 11])


@pytest.mark.parametrize(
    "recipes, bits, error, match",
    [
        (
            np.full((4, 2), 3),
            np.zeros((4, 2), int),
            ValueError,
            "recipes must contain only 0, 1 and 2",
        ),
        (np.zeros((4, 2), int), np.full((4, 2), 2), ValueError, "bits must contain only 0 and 1"),
        (np.zeros((4, 2), int), np.zeros((4, 3), int), ValueError, "recipes must have shape"),
        (
            np.zeros((4, 2), float),
            np.zeros((4, 2), int),
            TypeError,
            "recipes must be an integer array",
        ),
        (np.zeros((4, 2), int), np.zeros(4, int), ValueError, "bits must have shape"),
    ],
)
def test_shadow_checks_its_arrays(recipes, bits, error, match):
    with pytest.raises(error, match=match):
        S.Shadow(recipes, bits)


def test_sampler_and_reduction_refuse_bad_input():
    _, _, psi = _state(2, 1)
    with pytest.raises(ValueError, match="psi must have a dimension 2"):
        S.measure_shadow(np.ones(3) / math.sqrt(3), 5)
    prep, theta, _ = _state(2, 1)
    with pytest.raises(ValueError, match=r"paulis\[0\] must act on n = 2"):
        S.reduction_circuit(prep, ["XYZ"])
    with pytest.raises(ValueError, match="prep_theta must have shape"):
        S.expectations_by_gradient(prep, theta[:-1], ["XY"])
    with pytest.raises(ValueError, match="phi must have shape"):
        S.overlap_estimate(S.measure_shadow(C.state(prep, theta), 5, seed=0), np.ones(8))
