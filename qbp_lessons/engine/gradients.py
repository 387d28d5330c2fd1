"""Three ways to differentiate a Pauli-rotation circuit, and the Hadamard test of one component.

Gradients of ``F(theta) = <psi(theta)|O|psi(theta)>`` for a
:class:`~qbp_lessons.engine.circuits.Circuit` (chapter 2), all returning the same numbers:

* :func:`grad_inserted`  the talk's formula, one P_k-inserted state per component
  (M + M^2 gate applications: the naive cost, on purpose);
* :func:`grad_adjoint`   the adjoint method (Jones & Gacon, arXiv:2009.02823):
  the whole gradient for 3M gate applications, in a working set of three
  statevectors (plus the circuit's bounded kernel cache);
* :func:`grad_finite_difference`  2M (central) or M + 1 (forward) evaluations.

And the circuit a quantum computer would run for one component,
:func:`hadamard_test_state` (n + 1 qubits: an ancilla in |+>, a controlled P_k
after gate k), whose ``<Y_a (x) O>`` is half the derivative
(:mod:`qbp_lessons.lessons.rotations.hadamard`).

Every function that applies a gate writes it into the
:class:`~qbp_lessons.engine.ledger.Ledger` passed as ``ledger=``, at the moment
it applies it.
"""

from __future__ import annotations

import math

import numpy as np

from qbp_lessons._validate import bounded_int, choice, flag, positive_real
from qbp_lessons.engine.circuits import MAX_QUBITS, Circuit, check_circuit, expval, zero_state
from qbp_lessons.engine.kernels import PauliKernel, apply_kernel, apply_terms, rotate, run
from qbp_lessons.engine.ledger import Ledger, check_ledger
from qbp_lessons.engine.paulis import PauliString

__all__ = ["grad_inserted", "grad_adjoint", "grad_finite_difference", "hadamard_test_state"]


def grad_inserted(circuit: Circuit, theta, *, ledger: Ledger | None = None) -> np.ndarray:
    """The talk's formula, one component at a time: ``dF/dtheta_k = 2 Im <psi|O|~d_k psi>``.

    ``|~d_k psi> = U_{>k} P_k U_{<=k} |0>`` is the state with P_k inserted after
    gate k (equivalently ``dF/dtheta_k = 2 Re <psi|O|d_k psi>`` with
    ``d_k = U_{>k} (-i P_k) U_{<=k}``). Each component is an overlap of two
    *different* states, |psi> and the inserted state: no single circuit measures
    it (on hardware it takes a Hadamard test, chapter 2). Here each inserted
    state is simulated from |0>: M gates each, so M + M^2 gate applications in
    all -- the naive O(M^2) cost, on purpose. Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    ledger = check_ledger(ledger)
    gates, terms = circuit.kernels()
    psi = run(gates, theta, zero_state(circuit.n), ledger)
    o_psi = apply_terms(terms, psi, ledger)
    grad = np.empty(circuit.M)
    for k in range(circuit.M):
        phi = run(gates[: k + 1], theta[: k + 1], zero_state(circuit.n), ledger)  # U_{<=k}|0>
        phi = apply_kernel(phi, gates[k], ledger)  # P_k
        phi = run(gates[k + 1 :], theta[k + 1 :], phi, ledger)  # U_{>k}
        grad[k] = 2.0 * np.vdot(o_psi, phi).imag
    return grad


def grad_adjoint(
    circuit: Circuit, theta, *, fused: bool = False, ledger: Ledger | None = None
) -> np.ndarray:
    """The adjoint method: the whole gradient for 3M gate applications.

    Jones & Gacon, arXiv:2009.02823. After a forward pass (M gates) keep
    ``|psi_k> = U_{<=k}|0>`` and ``|lam_k> = U_{>k}^dagger O |psi>``; then for
    k = M, ..., 1::

        dF/dtheta_k = 2 Re <lam_k| (-i P_k) |psi_k>
        |psi_{k-1}> = U_k^dagger |psi_k>,   |lam_{k-1}> = U_k^dagger |lam_k>

    Undoing a gate costs the same as doing it, and ``-i P_k |psi_k>`` is the very
    vector the undo needs, so the backward pass is 2M gate applications. Working
    memory: psi, lam and one scratch vector, plus the circuit's kernel cache
    (:attr:`Circuit.cache_bytes`, at most its ``cache_budget``; 0 with
    ``cache=False``): O(2^n) whatever M is. This is reverse-mode
    differentiation (backpropagation) of the simulation; it needs the
    amplitudes, which hardware does not give.

    ``fused=True`` stores psi and lam as the two rows of one array, so each
    backward step undoes gate k on both with one set of numpy calls: fewer
    calls, which pays only where numpy's per-call overhead dominates (whether it
    does is measured in the appendix), at the price of a two-vector scratch.
    Same numbers, same gate count. Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    ledger = check_ledger(ledger)
    fused = flag("fused", fused)
    gates, terms = circuit.kernels()
    grad = np.empty(circuit.M)
    if fused:
        _adjoint_fused(circuit, theta, grad, ledger)
        return grad
    psi = run(gates, theta, zero_state(circuit.n), ledger)
    lam = apply_terms(terms, psi, ledger)
    lam_f = lam.view(float)  # Re <a|b> is the real dot product of the float views
    for j in range(circuit.M - 1, -1, -1):
        k, t = gates[j], theta[j]
        c, s = math.cos(t), math.sin(t)
        mip = k.minus_i_pauli(psi)  # -i P_k |psi_k>
        grad[j] = 2.0 * np.dot(lam_f, mip.view(float))
        mip *= -s  # undo gate j on psi: U^dagger = cos t + i sin t P_k,
        psi *= c  # reusing -i P_k |psi_k>
        psi += mip
        del mip  # keep three statevectors: psi, lam, one scratch
        if ledger is not None:
            ledger.rotations += 1  # the undo of gate j on psi, just applied
        rotate(lam, k, c, -s, ledger)  # undo gate j on lam
    return grad


def _adjoint_fused(circuit: Circuit, theta: np.ndarray, grad: np.ndarray, ledger) -> None:
    """grad_adjoint with psi and lam as the two rows of one array (see its docstring)."""
    gates, terms = circuit.kernels()
    both = np.zeros((2, circuit.dim), dtype=complex)
    psi = both[0]
    psi[0] = 1.0
    run(gates, theta, psi, ledger)
    both[1] = apply_terms(terms, psi, ledger)
    lam_f = both[1].view(float)
    for j in range(circuit.M - 1, -1, -1):
        k, t = gates[j], theta[j]
        c, s = math.cos(t), math.sin(t)
        mip = k.minus_i_pauli(both)  # [-i P psi ; -i P lam], one kernel call for both rows
        grad[j] = 2.0 * np.dot(lam_f, mip[0].view(float))
        mip *= -s  # undo gate j on psi and lam at once
        both *= c
        both += mip
        del mip  # free the scratch before the next gate
        if ledger is not None:
            ledger.rotations += 2  # gate j undone on psi and on lam


def grad_finite_difference(
    circuit: Circuit,
    theta,
    h: float = 1e-5,
    scheme: str = "central",
    *,
    ledger: Ledger | None = None,
) -> np.ndarray:
    """Finite-difference gradient: ``[F(theta + h e_k) - F(theta - h e_k)] / 2h`` (central).

    Central differences cost 2M evaluations (error O(h^2)); ``scheme="forward"``
    costs M + 1 (error O(h)). ``h`` must be large enough that ``theta_k + h``
    differs from ``theta_k`` in floating point by many units (at least
    ``2^-40`` times ``max(1, |theta|)``); smaller steps would silently give
    zeros or rounding noise. The chapter-1 baseline, applied to circuits.
    Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    h = positive_real("h", h, upper=1.0)
    scheme = choice("scheme", scheme, {"central", "forward"})
    ledger = check_ledger(ledger)
    floor = 2.0**-40 * max(1.0, float(np.max(np.abs(theta))))
    if h < floor:
        raise ValueError(
            f"h must be >= {floor:.3g} (2^-40 x max(1, |theta|)): a smaller step is lost "
            f"to rounding, got {h}"
        )
    grad = np.empty(circuit.M)
    f0 = expval(circuit, theta, ledger=ledger) if scheme == "forward" else None
    for k in range(circuit.M):
        plus = theta.copy()
        plus[k] += h
        if scheme == "forward":
            grad[k] = (expval(circuit, plus, ledger=ledger) - f0) / (plus[k] - theta[k])
        else:
            minus = theta.copy()
            minus[k] -= h
            grad[k] = (
                expval(circuit, plus, ledger=ledger) - expval(circuit, minus, ledger=ledger)
            ) / (plus[k] - minus[k])
    return grad


# --------------------------------------------------------------------------
# The Hadamard test: one gradient component as one circuit on n + 1 qubits
# --------------------------------------------------------------------------


def hadamard_test_state(
    circuit: Circuit, theta, k: int, *, ledger: Ledger | None = None
) -> np.ndarray:
    """The state of the Hadamard test for component k, on n + 1 qubits (the ancilla is wire 0).

    ``exp(-i pi/4 Y)`` puts the ancilla in |+>; the M gates act on the system
    (``I (x) P_j``, both ancilla branches at once); after gate k, P_k acts on the
    ancilla's |1> branch only (a controlled P_k). The result is
    ``(|0>|psi> + |1>|~d_k psi>) / sqrt 2`` with ``|~d_k psi> = U_{>k} P_k U_{<=k}|0>``,
    so ``<X_a (x) O> = Re <psi|O|~d_k psi>`` and ``<Y_a (x) O> = Im <psi|O|~d_k psi>
    = (1/2) dF/dtheta_k`` (:mod:`qbp_lessons.lessons.rotations.hadamard`). The ledger gets M + 1
    rotations and one Pauli string. ``k`` counts from 0. Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    k = bounded_int("k", k, minimum=0, maximum=circuit.M - 1)
    if circuit.n + 1 > MAX_QUBITS:
        raise ValueError(
            f"the Hadamard test needs n + 1 <= {MAX_QUBITS} qubits, got n = {circuit.n}"
        )
    ledger = check_ledger(ledger)
    gates, _ = circuit.kernels()
    psi = zero_state(circuit.n + 1)
    rotate(
        psi,
        PauliKernel(PauliString("Y" + "I" * circuit.n)),
        math.sqrt(0.5),
        math.sqrt(0.5),
        ledger,
    )  # exp(-i pi/4 Y)|0> = |+> on the ancilla
    branches = (psi[: circuit.dim], psi[circuit.dim :])  # views: the ancilla's |0> and |1> halves
    for j in range(circuit.M):
        c, s = math.cos(theta[j]), math.sin(theta[j])
        for branch in branches:  # one gate I (x) P_j on the n + 1 qubits
            gates[j].rotate(branch, c, s)
        if ledger is not None:
            ledger.rotations += 1
        if j == k:  # the controlled P_k
            branches[1][:] = apply_kernel(branches[1], gates[k], ledger)
    return psi
