"""The issue's reproducers for the lessons, the training loop and the PennyLane bridge.

Each case once hung, allocated gigabytes, overflowed, leaked a foreign exception or
answered silently; now each raises a ValueError or TypeError naming the parameter before
any large allocation or long loop. (The engine's and the cost models' reproducers are in
tests/unit/engine/test_bad_input.py; the sweep in tests/unit/sweep tries every callable.)
"""

from __future__ import annotations

import math
import time

import matplotlib.pyplot as plt
import numpy as np
import pytest

from qbp_lessons import interop, training
from qbp_lessons._validate import seed_ints
from qbp_lessons.engine import circuits as C
from qbp_lessons.lessons import backprop, collapse, commuting, param_shift, rotations, shadows, spsa
from qbp_lessons.lessons.backprop import show as backprop_show
from qbp_lessons.lessons.shadows import show as shadows_show
from qbp_lessons.lessons.spsa import show as spsa_show
from qbp_lessons.show import cost_sliders, frames
from qbp_lessons.show import format as fmt
from qbp_lessons.show import figure_style

CIRCUIT = C.random_circuit(3, 3, seed=1)
THETA = C.random_parameters(3, seed=2)
PLUS = np.array([1.0, 1.0]) / math.sqrt(2)
PSI2 = C.zero_state(2)
NAN = float("nan")


def _shadow():
    return shadows.measure_shadow(PSI2, 8, seed=0)


def _scan():
    return spsa.error_scan([4], [1], reps=2, seed=0)


def _figure():
    fig = plt.figure()
    plt.close(fig)
    return fig


CASES = {
    # hangs: the work a call implies is capped, not each count on its own
    "snapshots of 20 qubits": (
        lambda: shadows.random_pauli_snapshots(C.zero_state(20), 1000),
        ValueError,
        "snapshots",
    ),
    "shadow of 20 qubits": (
        lambda: shadows.measure_shadow(C.zero_state(20), 1000),
        ValueError,
        "snapshots",
    ),
    "memory of a million layers": (
        lambda: backprop.measure_memory([1] * 10**6, batch=10),
        ValueError,
        "widths",
    ),
    "SPSA training, 1e5 steps of 1e4 directions": (
        lambda: training.train(CIRCUIT, THETA, "spsa", iterations=10**5, K=10**4),
        ValueError,
        "iterations",
    ),
    "parameter-shift training, 1e5 steps of 1e4 shots": (
        lambda: training.train(CIRCUIT, THETA, "param_shift", iterations=10**5, shots=10**4),
        ValueError,
        "iterations",
    ),
    "SPSA error scan, 24,000 reps at M = 4096": (
        lambda: spsa.error_scan([4096], reps=24000),
        ValueError,
        "reps",
    ),
    "parameter-shift accuracy scan at M = 2000, n = 12": (
        lambda: param_shift.shots_for_accuracy([2000], 0.5, n=12, reps=1),
        ValueError,
        "reps|M_list|n",
    ),
    "simulator costs at n = 20, M = 10,000": (
        lambda: rotations.measure_simulator_costs(20, 10000, repeats=100, budget=60),
        ValueError,
        "n|M|repeats|budget",
    ),
    "PennyLane SPSA, K = 10,000": (
        lambda: interop.spsa_grad_pennylane(CIRCUIT, THETA, K=10000),
        ValueError,
        "K",
    ),
    "linearity over 1e5 pairs": (lambda: collapse.linearity_check(10**5, n=5), ValueError, "pairs"),
    "sequential sample of 200,000 copies": (
        lambda: collapse.sequential_sample(PLUS, "Z", "X", 200000),
        ValueError,
        "copies",
    ),
    "collapse scan of 1000 states": (
        lambda: collapse.collapse_scan([PLUS] * 1000, "Z", "X", 1000),
        ValueError,
        "states|copies",
    ),
    "gentle measurement, 1e5 cases": (
        lambda: collapse.gentle_measurement_check(10**5),
        ValueError,
        "cases",
    ),
    "union bound, 1e5 cases": (lambda: collapse.union_bound_check(10**5), ValueError, "cases"),
    "shadow scan to 1e6 snapshots": (
        lambda: shadows.sample_scan(PSI2, ["ZI", "IZ"], [2], 0.1, 0.1, shadow_checkpoints=[10**6]),
        ValueError,
        "shadow_checkpoints",
    ),
    "frame explorer over 100,000 values": (
        lambda: frames.frame_explorer(
            [frames.Axis("x", "x", list(range(100_000)), 0)],
            [],
            frames.Layer(lambda x: "", ("x",)),
        ),
        ValueError,
        "frames|values",
    ),
    "cost explorer over 100,000 values of M": (
        lambda: cost_sliders.cost_explorer(M_values=range(1, 100001)),
        ValueError,
        "M_values",
    ),
    "SPSA explorer over 2000 values of K": (
        lambda: spsa_show.spsa_explorer(_scan(), K_values=range(1, 2001)),
        ValueError,
        "K_values",
    ),
    "shadow explorer over 20,000 values of M": (
        lambda: shadows_show.shadow_explorer(M_values=range(1, 20001)),
        ValueError,
        "M_values",
    ),
    # MemoryError before
    "networks of depth 1e9": (lambda: backprop.network_sizes(depth=10**9), ValueError, "depth"),
    "1e12 network sizes": (lambda: backprop.network_sizes(n_sizes=10**12), ValueError, "n_sizes"),
    "anticommuting pairs of 100,000 strings": (
        lambda: commuting.anticommuting_pairs(["X"] * 100000),
        ValueError,
        "paulis",
    ),
    "a billion digits": (lambda: fmt.format_number(1.5e6, digits=10**9), ValueError, "digits"),
    "dpi 1e5": (lambda: figure_style.png_bytes(_figure(), dpi=10**5), ValueError, "dpi"),
    # silent wrong results before
    "NaN angle in a QNode": (
        lambda: interop.to_qnode(CIRCUIT)([0.1, NAN, 0.3]),
        ValueError,
        r"theta\[1\]",
    ),
    "boolean angles in a QNode": (
        lambda: interop.to_qnode(CIRCUIT)([True, False, True]),
        TypeError,
        r"theta\[0\]",
    ),
    "complex angles in a QNode": (
        lambda: interop.to_qnode(CIRCUIT)(THETA + 1j),
        TypeError,
        r"theta\[0\]",
    ),
    "a shift rule on a NaN function": (
        lambda: param_shift.shift_derivative(lambda x: NAN, 0.0),
        ValueError,
        "f",
    ),
    "a period of 1e-320": (
        lambda: param_shift.reduce_angles([1.0], period=1e-320),
        ValueError,
        "period",
    ),
    "gains with alpha NaN": (lambda: spsa.spall_gains(10, alpha=NAN), ValueError, "alpha"),
    "a_k(-2)": (lambda: spsa.spall_gains(10).a_k(-2), ValueError, "k"),
    "c_k(2.5)": (lambda: spsa.spall_gains(10).c_k(2.5), (TypeError, ValueError), "k"),
    "a negative duration": (lambda: fmt.format_seconds(-1.0), ValueError, "seconds|t"),
    "an unnormalised state's expectations": (
        lambda: shadows.exact_expectations(2 * PSI2, ["ZZ"]),
        ValueError,
        "psi",
    ),
    "an unnormalised state's overlap": (
        lambda: shadows.overlap_estimate(_shadow(), 2 * PSI2),
        ValueError,
        "phi",
    ),
    "recipe 2 in the bits": (
        lambda: interop.pennylane_shadow_expval(
            np.zeros((4, 2), dtype=np.int8), np.full((4, 2), 2, dtype=np.int8), ["ZI"]
        ),
        ValueError,
        "bits",
    ),
    "keep = [5]": (
        lambda: interop.pennylane_state_measures(np.eye(4) / 4, np.eye(4) / 4, [5]),
        ValueError,
        "keep",
    ),
    "keep = 'a'": (
        lambda: interop.pennylane_state_measures(np.eye(4) / 4, np.eye(4) / 4, "a"),
        (TypeError, ValueError),
        "keep",
    ),
    "keep = []": (
        lambda: interop.pennylane_state_measures(np.eye(4) / 4, np.eye(4) / 4, []),
        ValueError,
        "keep",
    ),
    "keep = [0.5]": (
        lambda: interop.pennylane_state_measures(np.eye(4) / 4, np.eye(4) / 4, [0.5]),
        (TypeError, ValueError),
        "keep",
    ),
    "sigmoid(True)": (lambda: backprop.sigmoid(True), TypeError, "z"),
    "K_values = [2.5]": (
        lambda: spsa_show.spsa_explorer(_scan(), K_values=[2.5]),
        (TypeError, ValueError),
        "K_values",
    ),
    "directions with K = 5": (
        lambda: training.train(
            CIRCUIT, THETA, "spsa", iterations=2, K=5, directions=np.ones((2, 3))
        ),
        ValueError,
        "directions",
    ),
    "Tape(5, 6)": (lambda: backprop.Tape(5, 6), TypeError, "activations"),
    "Layer(5, ('a',))": (lambda: frames.Layer(5, ("a",)), TypeError, "render"),
    # wrong exception types before
    "gains with A = 1e308": (lambda: spsa.spall_gains(10, A=1e308, alpha=2), ValueError, "A"),
    "format_bytes(10**400)": (lambda: fmt.format_bytes(10**400), ValueError, "n|bytes"),
    "empty shadow checkpoints": (
        lambda: shadows.sample_scan(PSI2, ["ZI"], [1], 0.1, 0.1, shadow_checkpoints=[]),
        ValueError,
        "shadow_checkpoints",
    ),
    "memory_figure of a number": (
        lambda: backprop_show.memory_figure([1.0]),
        TypeError,
        "measurements",
    ),
    "tracker_ledger(5)": (lambda: interop.tracker_ledger(5), TypeError, "tracker"),
    "reading_html(5)": (lambda: frames.reading_html(5), TypeError, "text"),
    "an unknown device": (
        lambda: interop.device_for(CIRCUIT, "no.such.device", 0),
        ValueError,
        "device",
    ),
    "an unknown diff method": (
        lambda: interop.to_qnode(CIRCUIT, diff_method="magic"),
        ValueError,
        "diff_method",
    ),
    # messages that named the wrong parameter
    "reduction_circuit('C', ...)": (
        lambda: shadows.reduction_circuit("C", ["Z"]),
        TypeError,
        "prep",
    ),
    "empty directions": (
        lambda: spsa.spsa_grad(CIRCUIT, THETA, directions=np.zeros((0, 3))),
        ValueError,
        "directions",
    ),
    "empty direct checkpoints": (
        lambda: shadows.sample_scan(PSI2, ["ZI"], [1], 0.1, 0.1, direct_checkpoints=[]),
        ValueError,
        "direct_checkpoints",
    ),
    "1e30 shots": (
        lambda: param_shift.error_vs_shots(CIRCUIT, THETA, [1e30]),
        ValueError,
        "shots_list",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_reproducer_gets_a_clear_error_at_once(case):
    call, error, name = CASES[case]
    start = time.process_time()
    with pytest.raises(error, match=name):
        call()
    assert time.process_time() - start < 5.0  # the sweep holds each bad call to 1 s


def test_the_smallest_float_is_formatted_not_divided_by_zero():
    assert fmt.format_number(5e-324) == "4.9e-324"


def test_a_commuting_accuracy_scan_stays_inside_its_own_shot_limit():
    """reps = 1000 is allowed (up to 5,000): the shot grid stays inside the sampler's cap."""
    scan = commuting.shots_for_accuracy([2], n=2, reps=1000, seed=0)
    assert scan.commuting_shots[0] * 1000 <= 10**9


@pytest.mark.parametrize(
    "call",
    [
        lambda seed: interop.pennylane_samples(CIRCUIT, THETA, "ZZZ", 64, seed=seed),
        lambda seed: interop.spsa_grad_pennylane(CIRCUIT, THETA, K=2, seed=seed, shots=64)[0],
    ],
    ids=["pennylane_samples", "spsa_grad_pennylane"],
)
def test_seed_none_is_fresh_entropy_and_leaves_numpys_global_stream_alone(call):
    np.random.seed(0)
    first = call(None)
    after_first = np.random.random()
    np.random.seed(0)
    second = call(None)
    after_second = np.random.random()
    np.random.seed(0)
    untouched = np.random.random()
    assert after_first == after_second == untouched  # the reader's stream is not consumed
    # 64 shots on 3 wires (or 2 directions x 64 shots) repeat by chance with tiny probability
    assert not np.array_equal(first, second)


@pytest.mark.parametrize(
    "call",
    [
        lambda seed: backprop.init_network([3, 4, 1], seed=seed)[0],
        lambda seed: backprop.make_data([3, 4, 1], 5, seed=seed)[0],
        lambda seed: seed_ints("seed", seed, 2, step=1),
        lambda seed: interop.spsa_grad_pennylane(CIRCUIT, THETA, K=2, seed=seed, shots=64)[0],
        lambda seed: interop.pennylane_samples(CIRCUIT, THETA, "ZZZ", 64, seed=seed),
    ],
    ids=["init_network", "make_data", "seed_ints", "spsa_grad_pennylane", "pennylane_samples"],
)
def test_a_generator_is_a_seed_as_everywhere(call):
    """The one seed rule: equal Generators give equal results, as equal ints do."""
    a = call(np.random.default_rng(5))
    b = call(np.random.default_rng(5))
    assert np.array_equal(a, b)
    assert np.array_equal(call(5), call(5))
