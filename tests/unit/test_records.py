"""Pauli algebra edge cases, the Ledger, the one clock and memory meter, the engine's memory."""

from __future__ import annotations

import time

import numpy as np
import pytest

from qbp_lessons.engine import circuits as C
from qbp_lessons.engine import gradients
from qbp_lessons import costs
from qbp_lessons.engine import measure
from qbp_lessons.engine import paulis as Pa
from qbp_lessons.engine.ledger import Ledger, check_ledger

# --------------------------------------------------------------------------
# Observables merge like terms
# --------------------------------------------------------------------------


def test_like_terms_merge_and_cancel():
    obs = Pa.observable([(0.5, "ZZ"), (0.25, "XI"), (0.5, {0: "Z", 1: "Z"}), (-0.25, "XI")], 2)
    assert [(c, p.label) for c, p in obs.terms] == [(1.0, "ZZ")]
    zero = Pa.observable([(1.0, "ZZ"), (-1.0, "ZZ")], 2)
    assert zero.coeffs.tolist() == [0.0] and zero.paulis[0].label == "II"
    circ = C.Circuit(2, ["XY", "ZX"], zero)
    assert C.expval(circ, [0.3, 0.4]) == 0.0 and np.all(
        gradients.grad_adjoint(circ, [0.3, 0.4]) == 0.0
    )


def test_qubitwise_commutes_is_stricter_than_commutes():
    assert Pa.commutes("XX", "YY") and not Pa.qubitwise_commutes("XX", "YY")
    assert Pa.qubitwise_commutes("XI", "XZ") and Pa.qubitwise_commutes("IZ", "XZ")
    assert not Pa.commutes("XI", "ZI") and not Pa.qubitwise_commutes("XI", "ZI")


# --------------------------------------------------------------------------
# The Ledger
# --------------------------------------------------------------------------


def test_ledger_adds_and_validates():
    a = Ledger(1, 2, 3, 4, 5)
    assert a + Ledger(rotations=1) == Ledger(2, 2, 3, 4, 5) and a.gates == 3
    a.record_shots(10, 7, executions=3)
    assert (a.circuits, a.shots, a.shot_gates) == (6, 34, 215)
    with pytest.raises(ValueError, match="rotations"):
        Ledger(rotations=-1)
    with pytest.raises(TypeError, match="shots"):
        Ledger(shots="many")
    with pytest.raises(TypeError, match="ledger"):
        check_ledger({"shots": 3})
    with pytest.raises(ValueError, match="shots"):
        a.record_shots(0, 1)


# --------------------------------------------------------------------------
# measure: one clock, one memory meter
# --------------------------------------------------------------------------


def test_best_times_uses_cpu_time_and_orders_work():
    assert measure.CLOCK is time.process_time
    short, long = measure.best_times(
        [lambda: sum(range(1000)), lambda: sum(range(100_000))], repeats=3
    )
    assert 0 < short < long


def test_peak_bytes_counts_the_result():
    n = 1_000_000
    assert 8 * n <= measure.peak_bytes(lambda: np.ones(n)) < 8 * n + 10_000


@pytest.mark.parametrize(
    "call,exc,match",
    [
        (lambda: measure.best_times(lambda: 1), TypeError, "fns"),
        (lambda: measure.best_times([]), ValueError, "fns"),
        (lambda: measure.best_times([1]), TypeError, "fns"),
        (lambda: measure.best_times([lambda: 1], repeats=0), ValueError, "repeats"),
        (lambda: measure.best_times([lambda: 1], budget=-1), ValueError, "budget"),
        (lambda: measure.best_time(3), TypeError, "fn"),
        (lambda: measure.peak_bytes(None), TypeError, "fn"),
    ],
)
def test_measure_rejects_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


# --------------------------------------------------------------------------
# Honest memory: the kernel cache is real memory, counted and modelled
# --------------------------------------------------------------------------


def test_cache_bytes_match_the_model():
    circ = C.random_circuit(8, 30, seed=4)
    assert circ.cache_bytes == 0  # nothing built before the first simulation
    C.expval(circ, C.random_parameters(30, seed=1))
    masks = {p.x_mask for p in circ.generators + circ.observable.paulis if p.x_mask}
    model = costs.kernel_cache_statevectors(len(masks), circ.n, circ.cache_budget)
    assert circ.cache_bytes == model * 16 * circ.dim > 0
    circ.clear_cache()
    assert circ.cache_bytes == 0


def test_fresh_circuit_peak_includes_the_cache_and_lean_mode_keeps_three_states():
    n, M = 16, 20  # a statevector (1 MiB) dwarfs numpy's fixed iteration buffers (256 KiB)
    template = C.random_circuit(n, M, seed=0)
    theta = C.random_parameters(M, seed=1)
    sv = 16 * 2**n
    with_cache = measure.peak_bytes(
        lambda: gradients.grad_adjoint(C.Circuit(n, template.generators), theta)
    )
    lean_circ = C.Circuit(n, template.generators, cache=False)
    lean = measure.peak_bytes(lambda: gradients.grad_adjoint(lean_circ, theta))
    gradients.grad_adjoint(template, theta)
    assert with_cache >= template.cache_bytes + 3 * sv  # the cache is inside the measured call
    assert lean <= 3.3 * sv  # psi, lam, a scratch and numpy's buffers
    assert lean_circ.cache_bytes == 0
    assert np.array_equal(
        gradients.grad_adjoint(lean_circ, theta), gradients.grad_adjoint(template, theta)
    )


# --------------------------------------------------------------------------
# Bad input is refused at once, before any large allocation or long loop
# --------------------------------------------------------------------------

HUGE = [
    (lambda: C.random_circuit(2, 10**12), ValueError, "M must be <="),
    (lambda: C.random_parameters(10**12), ValueError, "M must be <="),
    (lambda: Pa.pauli({0: "X"}, 10**9), ValueError, "n must be <="),
    (lambda: Pa.PauliString("X" * 5000), ValueError, "label"),
    (lambda: C.zero_state(40), ValueError, "n must be <="),
    (lambda: C.Circuit(30, ["X" * 30]), ValueError, "n must be <="),
    (lambda: costs.circuit_time(10, 1e-200), ValueError, "eps"),
    (lambda: costs.param_shift_shots([2], 1e-300), ValueError, "eps"),
    (
        lambda: gradients.grad_finite_difference(C.Circuit(1, ["X"]), [1.0], h=1e-300),
        ValueError,
        "h must be >=",
    ),
    (
        lambda: gradients.grad_finite_difference(C.Circuit(1, ["X"]), [1e9], h=1e-8),
        ValueError,
        "h must be >=",
    ),
    (lambda: C.random_circuit(3, 5, seed=True), TypeError, "seed"),
    (lambda: C.random_circuit(3, 5, seed=1.5), TypeError, "seed"),
    (lambda: C.state(C.Circuit(1, ["X"]), [True]), TypeError, "theta"),
    (lambda: C.Circuit(2, ["XX"], cache="no"), TypeError, "cache"),
]


@pytest.mark.parametrize("call,exc,match", HUGE)
def test_bad_input_is_refused_within_a_second(call, exc, match):
    start = time.perf_counter()
    with pytest.raises(exc, match=match):
        call()
    assert time.perf_counter() - start < 1.0
