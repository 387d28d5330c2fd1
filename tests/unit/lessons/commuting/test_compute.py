"""Tests of qbp_lessons.lessons.commuting (chapter 7): gradient observables, one-setting
estimates, blocks, and training with them.

Exact claims are checked against the adjoint gradient of chapter 2 (an independent
route: it never forms 2i G H). Statistical tests are seeded; their tolerances come
from the exact variance of the estimator (PreparedGradient.variance), at 5 standard
errors, so a correct estimator fails one with probability below 1e-6 per component.
"""

import numpy as np
import pytest

from qbp_lessons.engine import circuits as C
from qbp_lessons.lessons import commuting as CM
from qbp_lessons import costs
from qbp_lessons import training as TR
from qbp_lessons.engine.ledger import Ledger
from qbp_lessons.engine.paulis import pauli_matrix


def _models():
    rng = np.random.default_rng(11)
    yield (
        "x-type, H = Z_0 (product basis)",
        CM.x_generator_circuit(5, 12, seed=1),
        rng.uniform(0, 6, 12),
    )
    yield (
        "x-type, three-term H (Clifford basis change)",
        CM.x_generator_circuit(
            5,
            12,
            observable=[(0.7, "ZZIII"), (-0.4, "IZIZI"), (1.1, "IIIIZ")],
            seed=2,
            through=None,
        ),
        rng.uniform(0, 6, 12),
    )
    yield (
        "mixed letters with a prefix",
        CM.CommutingCircuit(
            3,
            ["ZZI", "IZZ", "ZIZ", "XXX"],
            [(1.0, "XIY"), (0.5, "YYI")],
            prefix=[("XII", 0.3), ("IYI", 0.7), ("ZXZ", 0.2)],
        ),
        rng.uniform(0, 6, 4),
    )
    yield "two blocks", CM.two_block_example(4), rng.uniform(0, 6, CM.two_block_example(4).M)
    circ = C.random_circuit(3, 8, observable="random", seed=4)
    yield (
        "any circuit as B = M single-gate blocks",
        CM.BlockCircuit(3, [[g] for g in circ.generators], circ.observable),
        C.random_parameters(8, seed=5),
    )


MODELS = list(_models())


@pytest.mark.parametrize("name,model,theta", MODELS, ids=[m[0] for m in MODELS])
def test_settings_expectations_equal_adjoint_gradient(name, model, theta):
    prepared = CM.prepare_gradient(model, theta)
    assert np.allclose(prepared.exact, model.grad_exact(theta), atol=1e-10, rtol=0)


@pytest.mark.parametrize("name,model,theta", MODELS, ids=[m[0] for m in MODELS])
def test_shot_gradient_within_five_sigma_of_adjoint(name, model, theta):
    shots = 4000
    prepared = CM.prepare_gradient(model, theta)
    est = prepared.estimates(shots, seed=123)
    sigma = np.sqrt(prepared.variance(shots))
    err = np.abs(est - model.grad_exact(theta))
    assert np.all(err <= 5 * sigma + 1e-12), (err, sigma)
    # the average of many independent gradients closes in at 1/sqrt(reps)
    reps = 400
    mean = prepared.estimates(shots, seed=7, repetitions=reps).mean(axis=0)
    assert np.all(np.abs(mean - model.grad_exact(theta)) <= 5 * sigma / np.sqrt(reps) + 1e-12)


def test_variance_formula_matches_sample_variance():
    model, theta = MODELS[1][1], MODELS[1][2]
    prepared = CM.prepare_gradient(model, theta)
    reps, shots = 2000, 50
    est = prepared.estimates(shots, seed=5, repetitions=reps)
    predicted = prepared.variance(shots)
    ratio = np.var(est, axis=0, ddof=1)[predicted > 0] / predicted[predicted > 0]
    # a sample variance of reps draws has relative std about sqrt(2 / (reps - 1)) (more for heavy
    # tails)
    assert np.all(np.abs(ratio - 1) < 6 * np.sqrt(2 / (reps - 1)))


def test_one_setting_for_all_components_whatever_M():
    for M in (2, 16, 64):
        model = CM.x_generator_circuit(7, M, seed=M)
        ledger = Ledger()
        CM.commuting_grad_shots(model, np.full(M, 0.4), 100, seed=1, ledger=ledger)
        assert ledger.circuits == 1 and ledger.shots == 100
        assert ledger.shot_gates == 100 * M  # product basis: no extra gates on the device


def test_block_example_counts_three_circuits_against_2M():
    model = CM.two_block_example(4)
    theta = np.linspace(0.1, 1.0, model.M)
    ledger = Ledger()
    CM.block_grad_shots(model, theta, 50, seed=0, ledger=ledger)
    assert model.B == 2 and ledger.circuits == 2 * model.B - 1
    prepared = CM.prepare_gradient(model, theta)
    assert [s.qubits for s in prepared.settings].count(model.n + 1) == 2
    ps = Ledger()
    from qbp_lessons.lessons.param_shift import param_shift_grad_shots

    param_shift_grad_shots(model.circuit, model.full_theta(theta), 50, seed=0, ledger=ps)
    assert ps.circuits == 2 * model.M


def test_diagonalise_maps_strings_to_diagonal_ones_with_signs():
    rng = np.random.default_rng(3)
    strings = ["XYXI", "YXXI", "ZZII", "IIXX"]  # commuting, not qubit-wise compatible
    diag = CM.diagonalise(strings)
    assert diag.rotations and all(m.x_mask == 0 for m in diag.measured)
    psi = rng.normal(size=16) + 1j * rng.normal(size=16)
    psi /= np.linalg.norm(psi)
    phi = psi
    for q in diag.rotations:
        phi = C.apply_rotation(q, np.pi / 4, phi)
    for r, sign, m in zip(strings, diag.signs, diag.measured):
        before = np.vdot(psi, pauli_matrix(r) @ psi).real
        after = np.vdot(phi, pauli_matrix(m) @ phi).real
        assert abs(before - sign * after) < 1e-12


def test_hoeffding_bound_holds_in_seeded_runs():
    """At costs.commuting_shots(M, eps, delta) shots, every component is within eps in >= 1 - delta
    of the runs."""
    M, eps, delta = 32, 0.2, 0.1
    model = CM.x_generator_circuit(6, M, seed=0)
    theta = np.random.default_rng(0).uniform(0, 6, M)
    prepared = CM.prepare_gradient(model, theta)
    N = int(costs.commuting_shots(M, eps, delta))
    est = prepared.estimates(N, seed=9, repetitions=400)
    ok = np.mean(np.max(np.abs(est - prepared.exact), axis=1) <= eps)
    assert ok >= 1 - delta


def test_shots_scan_counts_and_log_growth():
    scan = CM.shots_for_accuracy([2, 8, 32], eps=0.3, delta=0.1, n=6, reps=60, seed=1)
    assert [ledger.circuits for ledger in scan.commuting_ledgers] == [1, 1, 1]
    assert [ledger.circuits for ledger in scan.param_shift_ledgers] == [4, 16, 64]
    assert np.all(scan.commuting_shots <= costs.commuting_shots(scan.M, 0.3, 0.1))
    # parameter shift pays at least one circuit's budget per component: it grows at least like M
    assert scan.param_shift_shots[-1] / scan.param_shift_shots[0] > 8
    assert scan.commuting_shots[-1] / scan.commuting_shots[0] < 4


def test_training_reaches_target_and_counts_settings():
    n = 4
    gens = ["XIII", "IXII", "IIXI", "IIIX", "XXII", "IXXI", "IIXX"]
    model = CM.CommutingCircuit(n, gens, [(1.0, "ZIII"), (0.8, "IZII"), (0.5, "ZZII")])
    theta0 = np.random.default_rng(2).uniform(0, np.pi, model.M)
    run = TR.train(
        model, theta0, "commuting", target=-1.2, shots=200, lr=0.1, iterations=100, seed=0
    )
    assert run.steps_to_target is not None and run.losses[-1] <= -1.2
    assert (
        run.circuits == run.steps_to_target * run.circuits_per_gradient == run.steps_to_target * 3
    )
    ps = TR.train(
        model, theta0, "param_shift", target=-1.2, shots=200, lr=0.1, iterations=100, seed=0
    )
    assert ps.circuits_per_gradient == 2 * model.M


# --------------------------------------------------------------------------
# Bad input names the parameter
# --------------------------------------------------------------------------


def test_noncommuting_generators_are_rejected():
    with pytest.raises(ValueError, match=r"generators.*generators\[0\] = XI.*generators\[1\] = ZI"):
        CM.CommutingCircuit(2, ["XI", "ZI"], "ZZ")


def test_observable_on_wrong_number_of_qubits():
    with pytest.raises(ValueError, match="observable"):
        CM.CommutingCircuit(3, ["XII"], "ZZ")
    with pytest.raises(ValueError, match="observable"):
        CM.CommutingCircuit(3, ["XII"], [(1.0, "ZIII")])


@pytest.mark.parametrize(
    "kwargs,match",
    [
        (dict(n=2, generators="XI"), "generators"),
        (dict(n=2, generators=[]), "generators"),
        (dict(n=2, generators=["II"]), r"generators\[0\]"),
        (dict(n=2, generators=["XIX"]), r"generators\[0\]"),
        (dict(n=2, generators=["XI"], prefix=[("YI",)]), r"prefix\[0\]"),
        (dict(n=0, generators=["XI"]), "n"),
    ],
)
def test_bad_circuits(kwargs, match):
    with pytest.raises((TypeError, ValueError), match=match):
        CM.CommutingCircuit(**kwargs)


def test_blocks_must_relate_uniformly_and_commute_within():
    with pytest.raises(ValueError, match=r"blocks\[0\]"):
        CM.BlockCircuit(2, [["XI", "ZI"]])
    with pytest.raises(ValueError, match="blocks.*ZI"):
        CM.BlockCircuit(2, [["XI", "IX"], ["ZI"]])  # ZI anticommutes with XI, commutes with IX
    with pytest.raises(TypeError, match="blocks"):
        CM.BlockCircuit(2, "XI")


def test_bad_theta_shots_and_scan_arguments():
    model = CM.x_generator_circuit(3, 3, seed=0)
    with pytest.raises(ValueError, match="theta"):
        CM.commuting_grad_shots(model, [0.1, 0.2], 10)
    with pytest.raises(ValueError, match="shots"):
        CM.commuting_grad_shots(model, [0.1, 0.2, 0.3], 0)
    with pytest.raises(ValueError, match="paulis"):
        CM.diagonalise(["XI", "ZI"])
    with pytest.raises(ValueError, match="delta"):
        CM.shots_for_accuracy([2], delta=1.5)
    with pytest.raises(ValueError, match="M_values"):
        CM.shots_for_accuracy([100], n=4)
    with pytest.raises(ValueError, match="M"):
        CM.x_generator_circuit(3, 5)
    with pytest.raises(ValueError, match="method"):
        TR.train(model, [0.1] * 3, "adjoint", target=0.0)
    with pytest.raises(TypeError, match="model"):
        CM.prepare_gradient("model", [0.1])


@pytest.mark.parametrize("index", [1, 2, 3], ids=["clifford", "prefix", "blocks"])
def test_settings_expectations_equal_pennylane_gradient(index):
    """A second independent route: PennyLane differentiates the same circuit, prefix included."""
    from qbp_lessons.interop import pennylane_grad

    _, model, theta = MODELS[index]
    full = pennylane_grad(model.circuit, model.full_theta(theta), diff_method="backprop")
    prepared = CM.prepare_gradient(model, theta)
    assert np.allclose(prepared.exact, full[len(model.prefix) :], atol=1e-10, rtol=0)


def test_merged_block_gradient_takes_b_settings_and_matches_the_adjoint():
    commuting = CM
    for observable in ([(1.0, "IZII")], [(1.0, "IZII"), (0.5, "ZZII")]):
        model = commuting.two_block_example(4, observable)
        theta = np.random.default_rng(3).uniform(0, 2 * np.pi, model.M)
        merged = commuting.merged_block_gradient(model, theta)
        assert np.max(np.abs(merged.exact - model.grad_exact(theta))) < 1e-12
        assert merged.circuits <= model.B * len(observable)
        assert merged.circuits < commuting.prepare_gradient(model, theta).circuits
        ledger = Ledger()
        merged.estimates(10, 0, ledger=ledger)
        assert ledger.circuits == merged.circuits
    with pytest.raises(TypeError, match="model"):
        commuting.merged_block_gradient(commuting.x_generator_circuit(4, 3, seed=0), [0.1] * 3)
