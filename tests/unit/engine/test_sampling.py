"""Tests of qbp_lessons.engine.sampling: the Born rule against PennyLane, closed forms, the ledger.

Statistical tests are seeded; each tolerance is derived (chi-square quantiles,
5 standard errors), so a correct sampler fails only with the probability stated.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from qbp_lessons import interop
from qbp_lessons.engine import circuits as C
from qbp_lessons.engine import paulis as Pa
from qbp_lessons.engine import sampling as S
from qbp_lessons.engine.ledger import Ledger


@pytest.fixture(scope="module")
def prepared():
    circ = C.random_circuit(3, 9, seed=13)
    return circ, C.random_parameters(9, seed=14)


@pytest.mark.parametrize("basis", ["ZZZ", "XYZ", "YXX", "IXY"])
def test_probabilities_match_dense_born_rule(prepared, basis):
    """The setting's probabilities equal |<b|V|psi>|^2, V the product of basis changes (dense)."""
    circ, theta = prepared
    psi = C.state(circ, theta)
    h = np.array([[1, 1], [1, -1]]) / np.sqrt(2)
    change = {"X": h, "Y": h @ np.diag([1, -1j]), "Z": np.eye(2), "I": np.eye(2)}
    V = np.ones((1, 1))
    for ch in basis:
        V = np.kron(V, change[ch])
    expected = np.abs(V @ psi) ** 2
    assert np.allclose(S.setting(psi, basis).probs, expected, atol=1e-14)


def test_eigenvalues_give_exact_expectations(prepared):
    circ, theta = prepared
    psi = C.state(circ, theta)
    for basis, paulis in (("XYZ", ["XII", "IYI", "IIZ", "XYZ", "XIZ"]), ("ZZZ", ["ZZI", "IIZ"])):
        s = S.setting(psi, basis)
        for p in paulis:
            exact = np.vdot(psi, Pa.pauli_matrix(p) @ psi).real
            assert abs(S.eigenvalues(p, basis) @ s.probs - exact) < 1e-13


@pytest.mark.parametrize("basis", ["ZZZ", "XYZ", "YYX"])
def test_bitstrings_match_pennylane_samples(prepared, basis):
    """Chi-square homogeneity test of our bitstrings against qml.sample (same circuit and basis).

    Two samples of 4000 shots from one distribution: the statistic is chi^2 with (#outcomes - 1)
    degrees of freedom; accept unless p < 1e-4.
    """
    circ, theta = prepared
    shots = 4000
    ours = S.sample_bitstrings(S.prepare(circ, theta, basis), shots, seed=1)
    theirs = interop.pennylane_samples(circ, theta, basis, shots, seed=2)
    weights = 1 << np.arange(circ.n - 1, -1, -1)
    a = np.bincount(ours @ weights, minlength=8)
    b = np.bincount(theirs @ weights, minlength=8)
    keep = (a + b) > 0
    table = np.vstack([a[keep], b[keep]])
    _, p_value, _, _ = stats.chi2_contingency(table)
    assert p_value > 1e-4
    # and both agree with the exact probabilities (goodness of fit, p > 1e-4)
    probs = S.prepare(circ, theta, basis).probs
    big = probs > 0.005  # expected counts >= 20 in every cell
    for counts in (a, b):
        observed, expected = counts[big], probs[big] * shots
        if probs[~big].sum() > 0:
            observed = np.append(observed, counts[~big].sum())
            expected = np.append(expected, probs[~big].sum() * shots)
        expected *= observed.sum() / expected.sum()
        assert stats.chisquare(observed, expected).pvalue > 1e-4


def test_counts_estimate_is_unbiased_with_binomial_variance(prepared):
    circ, theta = prepared
    s = S.prepare(circ, theta, "XYZ")
    N, R = 300, 2000
    counts = S.sample_counts(s, N, seed=5, repetitions=R)
    assert counts.shape == (R, 8) and np.all(counts.sum(axis=1) == N)
    est = S.estimate(counts, s, ["XYZ"])[:, 0]
    exact = S.eigenvalues("XYZ", "XYZ") @ s.probs
    var = (1 - exact**2) / N
    assert abs(est.mean() - exact) < 5 * np.sqrt(var / R)
    stat = (R - 1) * est.var(ddof=1) / var  # ~ chi^2_{R-1} (normal approximation)
    assert stats.chi2.ppf(1e-6, R - 1) < stat < stats.chi2.ppf(1 - 1e-6, R - 1)


def test_ledger_counts_what_the_sampler_drew(prepared):
    circ, theta = prepared
    ledger = Ledger()
    s = S.prepare(circ, theta, "ZZZ", ledger=ledger)
    assert ledger == Ledger(rotations=circ.M)  # the simulation: M gates, no shots yet
    S.sample_counts(s, 100, seed=0, ledger=ledger)
    S.sample_counts(s, 50, seed=0, repetitions=4, ledger=ledger)
    S.sample_bitstrings(s, 7, seed=0, ledger=ledger)
    assert (ledger.circuits, ledger.shots) == (1 + 4 + 1, 100 + 200 + 7)
    assert ledger.shot_gates == ledger.shots * circ.M


def test_seeds_reproduce_and_none_is_fresh(prepared):
    circ, theta = prepared
    s = S.prepare(circ, theta, "XXX")
    assert np.array_equal(S.sample_counts(s, 1000, seed=3), S.sample_counts(s, 1000, seed=3))
    assert np.array_equal(
        S.sample_counts(s, 1000, seed=3), S.sample_counts(s, 1000, seed=np.random.default_rng(3))
    )
    draws = {tuple(S.sample_counts(s, 1000, seed=None)) for _ in range(5)}
    assert len(draws) > 1


def test_expval_shots_groups_qubitwise_commuting_terms():
    obs = Pa.observable([(1.0, "ZZI"), (0.5, "IZZ"), (0.3, "XII"), (2.0, "III"), (0.25, "XIX")], 3)
    groups = S.measurement_groups(obs)
    assert [members for _, members in groups] == [[0, 1], [2, 4]]
    assert [basis.label for basis, _ in groups] == ["ZZZ", "XIX".replace("I", "Z")]
    for basis, members in groups:
        for i in members:
            assert Pa.qubitwise_commutes(obs.paulis[i], basis)


def test_like_terms_cost_no_measurement():
    circ = C.Circuit(2, ["XY"], [(1.0, "ZZ"), (-1.0, "ZZ")])
    assert circ.observable.terms[0][1].weight == 0 and circ.observable.coeffs.tolist() == [0.0]
    ledger = Ledger()
    assert S.expval_shots(circ, [0.3], 100, 0, ledger=ledger) == 0.0
    assert ledger.circuits == 0 and ledger.shots == 0


def test_measure_pauli_collapses_to_the_eigenspace(prepared):
    circ, theta = prepared
    psi = C.state(circ, theta)
    P = Pa.pauli_matrix("XZY")
    for seed in range(6):
        outcome, post = S.measure_pauli(psi, "XZY", seed=seed)
        assert outcome in (1, -1)
        assert np.allclose(P @ post, outcome * post, atol=1e-12)  # an eigenvector of P
        assert abs(np.linalg.norm(post) - 1) < 1e-12
    plus, minus = S.pauli_probabilities(psi, "XZY")
    assert (
        abs(plus - (1 + np.vdot(psi, P @ psi).real) / 2) < 1e-13 and abs(plus + minus - 1) < 1e-15
    )
    rate = np.mean([S.measure_pauli(psi, "XZY", seed=s)[0] == 1 for s in range(2000)])
    assert abs(rate - plus) < 5 * np.sqrt(plus * minus / 2000)


def test_measure_pauli_on_the_same_copy_adds_a_shot_not_an_execution():
    ledger = Ledger()
    _, post = S.measure_pauli(C.zero_state(2), "XX", seed=1, ledger=ledger)
    S.measure_pauli(post, "ZI", seed=2, ledger=ledger, same_copy=True)
    assert (ledger.shots, ledger.circuits) == (2, 1)


S3 = S.setting(C.zero_state(3), "ZZZ")

BAD_INPUTS = [
    (lambda: S.setting(C.zero_state(3), "ZZ"), ValueError, "psi"),
    (lambda: S.setting(C.zero_state(3) * 2, "ZZZ"), ValueError, "normalised"),
    (lambda: S.setting(C.zero_state(3), "ZQZ"), ValueError, "basis"),
    (lambda: S.setting([1, 0], "Z", gates=-1), ValueError, "gates"),
    (lambda: S.sample_counts("s", 10), TypeError, "setting"),
    (lambda: S.sample_counts(S3, 0), ValueError, "shots"),
    (lambda: S.sample_counts(S3, 10**10), ValueError, "shots"),
    (lambda: S.sample_counts(S3, 10**6, repetitions=10**6), ValueError, "repetitions"),
    (lambda: S.sample_counts(S3, 10, seed="x"), TypeError, "seed"),
    (lambda: S.sample_counts(S3, 10, ledger=[]), TypeError, "ledger"),
    (lambda: S.sample_bitstrings(S3, 10**8), ValueError, "shots"),
    (lambda: S.eigenvalues("XII", "ZZZ"), ValueError, "not diagonal"),
    (lambda: S.eigenvalues("XI", "ZZZ"), ValueError, "p must act on n = 3"),
    (lambda: S.estimate(np.ones(4), S3, ["ZII"]), ValueError, "counts"),
    (lambda: S.estimate(np.zeros(8), S3, ["ZII"]), ValueError, "counts"),
    (lambda: S.measurement_groups("ZZ"), TypeError, "obs"),
    (lambda: S.measure_pauli(C.zero_state(2), "ZZZ"), ValueError, "psi"),
    (lambda: S.measure_pauli(C.zero_state(2), "ZZ", same_copy="yes"), TypeError, "same_copy"),
    (lambda: S.bits_of([1.5], 2), TypeError, "outcomes"),
    (lambda: S.Setting("ZZ", np.ones(4) / 4), TypeError, "basis"),
    (lambda: S.Setting(Pa.pauli("ZZ"), np.ones(3) / 3), ValueError, "probs"),
    (lambda: S.Setting(Pa.pauli("ZZ"), np.array([0.5, 0.7, -0.2, 0.0])), ValueError, "probs"),
    (lambda: S.Setting(Pa.pauli("ZZ"), np.ones(4) / 4, gates=1.5), TypeError, "gates"),
    (lambda: S.prepare(C.Circuit(2, ["XX"]), [0.1], "ZZZ"), ValueError, "basis"),
]


@pytest.mark.parametrize("call,exc,match", BAD_INPUTS)
def test_bad_inputs_raise_and_name_the_parameter(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


@pytest.mark.parametrize(
    "call",
    [
        lambda psi: S.pauli_probabilities(3 * psi, "ZZ"),
        lambda psi: S.measure_pauli(np.zeros(4), "ZZ"),
        lambda psi: S.project_pauli(2 * psi, "ZZ", 1),
        lambda psi: S.setting(0.5 * psi, "ZZ"),
        lambda psi: C.apply_pauli("ZZ", 1.1 * psi),
        lambda psi: C.apply_rotation("ZZ", 0.3, np.zeros(4)),
    ],
)
def test_unnormalised_and_zero_states_are_refused_naming_psi(call):
    psi = np.array([0.6, 0.0, 0.0, 0.8], dtype=complex)
    with pytest.raises(ValueError, match="psi must be normalised"):
        call(psi)
    assert np.isclose(S.pauli_probabilities(psi, "ZZ")[0], 1.0)
