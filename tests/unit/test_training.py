"""Tests of qbp_lessons.training: the one descent loop, its stopping rule, counts and record.

The loop is checked against small reimplementations of the descent it replaces (the same
estimator calls on the same random stream, so the iterates must agree exactly), against
PennyLane's ``qml.SPSAOptimizer`` (in tests/unit/lessons/spsa), and its counts against the
ledger of a gradient run on its own and the closed forms of qbp_lessons.costs.
"""

import numpy as np
import pytest

from qbp_lessons import costs, training
from qbp_lessons.engine import circuits as C
from qbp_lessons.engine.ledger import Ledger
from qbp_lessons.lessons import commuting, spsa
from qbp_lessons.lessons.param_shift import param_shift_grad_shots


def _circuit(n=3, M=8, seed=1):
    circuit = C.random_circuit(n, M, observable={0: "Z", 1: "Z"}, seed=seed)
    return circuit, C.random_parameters(M, seed=seed + 100)


def _commuting_model():
    gens = ["XIII", "IXII", "IIXI", "IIIX", "XXII", "IXXI", "IIXX"]
    return commuting.CommutingCircuit(4, gens, [(1.0, "ZIII"), (0.8, "IZII"), (0.5, "ZZII")])


# --------------------------------------------------------------------------
# The same iterates as the descent written out by hand
# --------------------------------------------------------------------------


def test_spsa_with_shots_follows_a_hand_written_spall_descent():
    circuit, theta0 = _circuit()
    gains = spsa.spall_gains(25, a=0.1, c=0.15)
    run = training.train(circuit, theta0, "spsa", iterations=25, gains=gains, K=2, shots=50, seed=9)
    gen, theta, ledger = np.random.default_rng(9), theta0.copy(), Ledger()
    for k in range(25):
        g = spsa.spsa_grad(circuit, theta, 2, gains.c_k(k), shots=50, seed=gen, ledger=ledger)
        theta = theta - gains.a_k(k) * g
    assert np.array_equal(run.thetas[-1], theta)
    assert run.ledger.circuits == ledger.circuits == 25 * costs.spsa_gradient_circuits(2)
    assert run.losses[-1] == C.expval(circuit, theta) and run.total_shots == ledger.shots


def test_param_shift_with_shots_follows_a_hand_written_descent():
    circuit, theta0 = _circuit(M=6, seed=2)
    run = training.train(circuit, theta0, "param_shift", iterations=6, lr=0.2, shots=80, seed=3)
    gen, theta = np.random.default_rng(3), theta0.copy()
    for _ in range(6):
        theta = theta - 0.2 * param_shift_grad_shots(circuit, theta, 80, gen)
    assert np.array_equal(run.theta, theta)
    per_gradient = costs.param_shift_circuits(6)  # Z0 Z1 is one measurement setting
    assert np.array_equal(run.executions, per_gradient * np.arange(7))
    assert np.array_equal(run.shots, 80 * run.executions)


def test_param_shift_with_spall_gains_takes_their_decaying_steps():
    circuit, theta0 = _circuit(M=6, seed=2)
    gains = spsa.spall_gains(6, a=0.3, c=0.1)
    run = training.train(
        circuit, theta0, "param_shift", iterations=6, gains=gains, shots=80, seed=3
    )
    gen, theta = np.random.default_rng(3), theta0.copy()
    for k in range(6):
        theta = theta - gains.a_k(k) * param_shift_grad_shots(circuit, theta, 80, gen)
    assert np.array_equal(run.theta, theta)
    # and not the constant rate: a run at lr = a_0 leaves the decaying run after its first step
    constant = training.train(
        circuit, theta0, "param_shift", iterations=6, lr=float(gains.a_k(0)), shots=80, seed=3
    )
    assert np.array_equal(constant.thetas[1], run.thetas[1])
    assert not np.allclose(constant.thetas[2:], run.thetas[2:])


def test_commuting_estimator_follows_a_hand_written_descent_and_stops_at_the_target():
    model = _commuting_model()
    theta0 = np.random.default_rng(2).uniform(0, np.pi, model.M)
    run = training.train(
        model, theta0, "commuting", iterations=100, target=-1.2, lr=0.1, shots=200, seed=0
    )
    gen, theta, losses = np.random.default_rng(0), theta0.copy(), [model.loss(theta0)]
    while losses[-1] > -1.2:
        theta = theta - 0.1 * commuting.commuting_grad_shots(model, theta, 200, gen)
        losses.append(model.loss(theta))
    assert run.steps_to_target == run.steps == len(losses) - 1
    assert np.array_equal(run.losses, losses) and np.array_equal(run.theta, theta)
    # the three terms of H anticommute with some generator: three settings per gradient
    assert run.circuits_per_gradient == 3 and run.circuits == 3 * run.steps


def test_block_estimator_is_the_commuting_estimator_of_a_block_circuit():
    model = commuting.two_block_example(3)
    theta0 = np.random.default_rng(1).uniform(0, np.pi, model.M)
    kwargs = dict(iterations=5, lr=0.2, shots=100, seed=3)
    block = training.train(model, theta0, "block", **kwargs)
    same = training.train(model, theta0, "commuting", **kwargs)
    assert np.array_equal(block.thetas, same.thetas)
    one = Ledger()
    commuting.block_grad_shots(model, theta0, 100, 0, ledger=one)
    assert block.circuits_per_gradient == one.circuits and block.method == "block"


def test_spsa_never_perturbs_a_fixed_prefix():
    model = commuting.CommutingCircuit(2, ["XI", "IX", "XX"], "ZZ", prefix=[("YI", 0.4)])
    theta0 = np.array([0.3, 0.2, 0.1])
    run = training.train(model, theta0, "spsa", iterations=3, seed=1)
    dirs = spsa.draw_directions(3, 3, seed=np.random.default_rng(1))
    gains, theta = spsa.spall_gains(3), theta0.copy()
    for k in range(3):  # F of the trainable angles only, by a central difference along Delta
        c = gains.c_k(k)
        diff = model.loss(theta + c * dirs[k]) - model.loss(theta - c * dirs[k])
        theta = theta - gains.a_k(k) * diff / (2 * c) * dirs[k]
    assert np.allclose(run.theta, theta, atol=1e-12)


# --------------------------------------------------------------------------
# The stopping rule, the record and the ledger
# --------------------------------------------------------------------------


def test_without_a_target_every_iteration_runs():
    circuit, theta0 = _circuit()
    run = training.train(circuit, theta0, "param_shift", iterations=4, lr=0.1)
    assert run.steps == 4 and run.steps_to_target is None and run.target is None
    assert run.thetas.shape == (5, 8) and run.losses.shape == (5,)
    assert run.circuits == 0 and run.total_shots == 0  # exact: gates only, no executions drawn
    assert run.ledger.rotations == 4 * 2 * 8 * 8


def test_a_start_below_the_target_takes_no_step():
    circuit, theta0 = _circuit()
    start = C.expval(circuit, theta0)
    run = training.train(circuit, theta0, "spsa", iterations=10, target=start + 1.0, seed=0)
    assert run.steps == 0 and run.steps_to_target == 0 and run.circuits_per_gradient == 0


def test_a_given_ledger_receives_the_counts_and_the_record_counts_from_zero():
    circuit, theta0 = _circuit()
    ledger = Ledger()
    C.expval(circuit, theta0, ledger=ledger)
    before = ledger.rotations
    run = training.train(circuit, theta0, "spsa", iterations=3, shots=10, seed=0, ledger=ledger)
    assert run.ledger is ledger and ledger.rotations > before
    assert np.array_equal(run.executions, [0, 2, 4, 6]) and ledger.circuits == 6


def test_seeds_reproduce_and_differ():
    circuit, theta0 = _circuit()
    a = training.train(circuit, theta0, "spsa", iterations=5, shots=20, seed=4)
    b = training.train(circuit, theta0, "spsa", iterations=5, shots=20, seed=4)
    c = training.train(circuit, theta0, "spsa", iterations=5, shots=20, seed=5)
    assert np.array_equal(a.thetas, b.thetas) and not np.array_equal(a.thetas, c.thetas)


# --------------------------------------------------------------------------
# Bad input names the parameter
# --------------------------------------------------------------------------


def _bad():
    circuit, theta0 = _circuit()
    model = _commuting_model()
    zeros = np.zeros(model.M)
    return [
        (lambda: training.train(circuit, theta0, "adjoint"), ValueError, r"^method\b"),
        (lambda: training.train("circuit", theta0, "spsa"), TypeError, r"^model\b"),
        (lambda: training.train(circuit, theta0[:3], "spsa"), ValueError, r"^theta0\b"),
        (lambda: training.train(circuit, theta0, "commuting", shots=5), ValueError, r"commuting"),
        (lambda: training.train(model, zeros, "block", shots=5), ValueError, r"block"),
        (lambda: training.train(model, zeros, "commuting"), ValueError, r"^shots\b"),
        (lambda: training.train(circuit, theta0, "spsa", lr=0.1), ValueError, r"^lr\b"),
        (
            lambda: training.train(
                circuit, theta0, "param_shift", lr=0.1, gains=spsa.spall_gains(5)
            ),
            ValueError,
            r"^lr and gains\b",
        ),
        (
            lambda: training.train(circuit, theta0, "param_shift", gains=0.1),
            TypeError,
            r"^gains\b",
        ),
        (lambda: training.train(circuit, theta0, "param_shift", K=3), ValueError, r"^K\b"),
        (lambda: training.train(circuit, theta0, "spsa", K=0), ValueError, r"^K\b"),
        (lambda: training.train(circuit, theta0, "spsa", target="low"), TypeError, r"^target\b"),
        (
            lambda: training.train(circuit, theta0, "spsa", iterations=10**5, shots=10**6),
            ValueError,
            r"^this run\b",
        ),
        (lambda: training.train(circuit, theta0, "spsa", seed=-1), ValueError, r"^seed\b"),
    ]


@pytest.mark.parametrize("case", range(14))
def test_bad_input_names_the_parameter(case):
    call, error, match = _bad()[case]
    with pytest.raises(error, match=match):
        call()


def test_executions_to_interpolates_between_iterates():
    circuit, theta = _circuit()
    run = training.train(circuit, theta, "param_shift", iterations=6, lr=0.2, shots=200, seed=0)
    assert run.executions[1] > 0
    level = float(np.mean(run.losses[[1, 2]]))  # half way between iterates 1 and 2, if it falls
    if not run.losses[1] > level >= run.losses[2]:
        pytest.skip("this run does not fall from iterate 1 to 2")
    assert run.executions_to(level) == pytest.approx(np.mean(run.executions[[1, 2]]), abs=1e-9)
    assert run.executions_to(run.losses[0]) == 0.0
    assert run.executions_to(run.losses.min() - 1.0) is None
    with pytest.raises(TypeError, match="level"):
        run.executions_to("low")
