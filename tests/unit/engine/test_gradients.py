"""Tests of qbp_lessons.engine.gradients: three gradients, the ledger's counts, the memory.

Gradients must agree to 1e-10 across every route (finite differences to 1e-6),
with and without the kernel cache. PennyLane cases stay small (n <= 4, M <= 12).
No timings.
"""

import tracemalloc

import numpy as np
import pennylane as qml
import pytest

from qbp_lessons import costs, interop
from qbp_lessons.engine import circuits as C
from qbp_lessons.engine import gradients
from qbp_lessons.engine.ledger import Ledger

# --------------------------------------------------------------------------
# States, expectation values, gradients
# --------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(4))
def test_three_gradients_agree(seed):
    n, M = 3 + seed % 3, 8 + 4 * seed
    obs = "random" if seed % 2 else None
    circ = C.random_circuit(n, M, locality=1 + seed % 2, observable=obs, seed=seed)
    theta = C.random_parameters(M, seed=100 + seed)
    g_adj = gradients.grad_adjoint(circ, theta)
    assert np.allclose(gradients.grad_adjoint(circ, theta, fused=True), g_adj, atol=1e-13, rtol=0)
    assert np.allclose(gradients.grad_inserted(circ, theta), g_adj, atol=1e-10, rtol=0)
    assert np.allclose(gradients.grad_finite_difference(circ, theta), g_adj, atol=1e-6, rtol=0)
    assert np.allclose(
        gradients.grad_finite_difference(circ, theta, h=1e-7, scheme="forward"),
        g_adj,
        atol=1e-6,
        rtol=0,
    )


def test_gradients_on_ten_qubits_with_diagonal_gates():
    gens = ["ZZIIIIIIII", "XIIIIIIIIY", {3: "Z"}, "IYYIIIIIII", {0: "Z", 9: "Z"}, "ZIIIIIIIIX"] * 3
    circ = C.Circuit(10, gens, [(0.7, {0: "X"}), (-0.4, "ZIIIIIIIIZ"), (0.2, "IIIIIIIIII")])
    theta = C.random_parameters(circ.M, seed=7)
    g = gradients.grad_adjoint(circ, theta)
    assert np.allclose(gradients.grad_adjoint(circ, theta, fused=True), g, atol=1e-13, rtol=0)
    assert np.allclose(gradients.grad_inserted(circ, theta), g, atol=1e-10, rtol=0)
    assert np.allclose(gradients.grad_finite_difference(circ, theta), g, atol=1e-6, rtol=0)


def test_adjoint_with_and_without_the_cache_equals_finite_differences():
    n, M = 12, 60
    circ = C.random_circuit(n, M, observable="random", seed=9, cache_budget=8 * (8 << n))
    lean = C.random_circuit(n, M, observable="random", seed=9, cache=False)
    theta = C.random_parameters(M, seed=10)
    g = gradients.grad_adjoint(circ, theta)
    assert 0 < circ.cache_bytes <= 8 * (8 << n)
    assert np.array_equal(gradients.grad_adjoint(lean, theta), g)
    assert np.allclose(gradients.grad_adjoint(lean, theta, fused=True), g, atol=1e-13, rtol=0)
    assert np.allclose(gradients.grad_finite_difference(lean, theta), g, atol=1e-6, rtol=0)
    assert np.max(np.abs(g)) > 1e-3


@pytest.mark.parametrize("diff_method", ["backprop", "adjoint", "parameter-shift"])
@pytest.mark.parametrize("seed", [0, 1])
def test_gradient_matches_pennylane(diff_method, seed):
    n, M = 3 + seed, 12 - 2 * seed
    circ = C.random_circuit(n, M, observable="random" if seed else None, seed=20 + seed)
    theta = C.random_parameters(M, seed=30 + seed)
    ref = interop.pennylane_grad(circ, theta, "default.qubit", diff_method)
    assert np.allclose(gradients.grad_adjoint(circ, theta), ref, atol=1e-10, rtol=0)


def test_gradient_matches_lightning_adjoint():
    circ = C.random_circuit(4, 10, observable="random", seed=5)
    theta = C.random_parameters(10, seed=6)
    ref = interop.pennylane_grad(circ, theta, "lightning.qubit", "adjoint")
    assert np.allclose(gradients.grad_adjoint(circ, theta), ref, atol=1e-10, rtol=0)


def test_to_qnode_accepts_a_device_object():
    circ = C.random_circuit(2, 3, seed=1)
    theta = C.random_parameters(3, seed=2)
    qnode = interop.to_qnode(circ, qml.device("default.qubit", wires=2))
    assert abs(float(qnode(theta)) - C.expval(circ, theta)) < 1e-12


# --------------------------------------------------------------------------
# Counting gate applications
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "method,call",
    [
        ("state", lambda c, t, k: C.state(c, t, ledger=k)),
        ("expval", lambda c, t, k: C.expval(c, t, ledger=k)),
        ("adjoint", lambda c, t, k: gradients.grad_adjoint(c, t, ledger=k)),
        ("adjoint", lambda c, t, k: gradients.grad_adjoint(c, t, fused=True, ledger=k)),
        ("inserted", lambda c, t, k: gradients.grad_inserted(c, t, ledger=k)),
        ("finite_difference", lambda c, t, k: gradients.grad_finite_difference(c, t, ledger=k)),
        (
            "finite_difference_forward",
            lambda c, t, k: gradients.grad_finite_difference(c, t, scheme="forward", ledger=k),
        ),
    ],
)
@pytest.mark.parametrize("M", [1, 7])
def test_gate_counts_match_formulas(method, call, M):
    circ = C.random_circuit(3, M, observable="random", seed=M)
    counter = Ledger()
    call(circ, C.random_parameters(M, seed=0), counter)
    expected = Ledger(*costs.simulator_gate_applications(method, M, n_terms=len(circ.observable)))
    assert counter == expected
    if method == "adjoint":
        assert counter.rotations == 3 * M  # each gate applied three times
    if method == "inserted":
        assert counter.rotations == M * (M + 1)  # O(M^2): the naive cost


def test_counter_accumulates_over_calls():
    circ = C.random_circuit(2, 5, seed=0)
    counter = Ledger()
    for _ in range(3):
        C.expval(circ, np.zeros(5), ledger=counter)
    assert counter.rotations == 15 and counter.paulis == 3 and counter.gates == 18


# --------------------------------------------------------------------------
# Memory: the adjoint gradient holds a small constant number of statevectors
# --------------------------------------------------------------------------


def _peak(fn):
    tracemalloc.start()
    tracemalloc.reset_peak()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


#: numpy's ufunc iteration buffers: at most 8192 elements of 16 bytes for each of two operands.
NUMPY_BUFFERS = 2 * 8192 * 16
#: The M-float gradient and small Python objects.
SLACK = 64 * 1024


@pytest.mark.parametrize("M", [8, 64])
def test_adjoint_memory_is_three_statevectors_whatever_M(M):
    n = 16  # a statevector is 1 MiB: far above numpy's fixed buffers
    sv = 16 << n
    lean = C.random_circuit(n, M, seed=M, cache=False)
    theta = C.random_parameters(M, seed=1)
    forward = _peak(lambda: C.expval(lean, theta))
    grad = _peak(lambda: gradients.grad_adjoint(lean, theta))
    assert 1.9 * sv < forward <= 2 * sv + NUMPY_BUFFERS + SLACK  # psi and one scratch vector
    assert 2.9 * sv < grad <= 3 * sv + NUMPY_BUFFERS + SLACK  # psi, lam and one scratch vector
    fused = _peak(lambda: gradients.grad_adjoint(lean, theta, fused=True))
    assert fused <= 4 * sv + 2 * NUMPY_BUFFERS + SLACK  # [psi; lam] and a two-row scratch
    # with the cache, built inside the call: at most the budget more
    cached = C.Circuit(n, lean.generators)
    with_cache = _peak(lambda: gradients.grad_adjoint(cached, theta))
    assert cached.cache_bytes <= cached.cache_budget
    assert with_cache <= 3 * sv + cached.cache_bytes + NUMPY_BUFFERS + SLACK
    assert with_cache >= 2.9 * sv + cached.cache_bytes
