"""Tests of qbp_lessons.lessons.shadows.estimator (chapter 6): classical shadows' snapshots
and estimates, unbiased, within the bound, identical to PennyLane's.

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
from qbp_lessons.engine.ledger import Ledger
from qbp_lessons.lessons import shadows as S


def _state(n, seed, M=None):
    prep = C.random_circuit(n, M or 4 * n, locality=min(2, n), seed=seed)
    theta = C.random_parameters(prep.M, seed=seed + 100)
    return prep, theta, C.state(prep, theta)


def _direct(psi, paulis):
    return np.array([np.vdot(psi, C.apply_pauli(p, psi)).real for p in paulis])


def test_measure_shadow_writes_one_execution_per_snapshot():
    _, _, psi = _state(3, 1)
    ledger = Ledger()
    shadow = S.measure_shadow(psi, 1234, seed=0, gates=7, ledger=ledger)
    assert (shadow.T, shadow.n) == (1234, 3)
    assert (ledger.circuits, ledger.shots, ledger.shot_gates) == (1234, 1234, 1234 * 7)


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


def test_the_sampler_and_the_overlap_refuse_bad_input():
    with pytest.raises(ValueError, match="psi must have a dimension 2"):
        S.measure_shadow(np.ones(3) / math.sqrt(3), 5)
    prep, theta, _ = _state(2, 1)
    with pytest.raises(ValueError, match="phi must have shape"):
        S.overlap_estimate(S.measure_shadow(C.state(prep, theta), 5, seed=0), np.ones(8))
