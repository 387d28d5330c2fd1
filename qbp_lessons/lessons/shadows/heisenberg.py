"""The Heisenberg form of the gradient: M observables measured on one final state.

With U = U_{>k} exp(-i theta_k P_k) U_{<k}, the derivative of the k-th gate is
-i P_k in front of it; moved through the later gates it becomes -i P~_k U with

    P~_k = U_{>k} P_k U_{>k}^dagger,

so that dF/dtheta_k = <psi| i [P~_k, O] |psi>: every component of the gradient is
the expectation of a different observable, i [P~_k, O], in the *same* state |psi>.
That is why a gradient method inherits the cost of estimating many expectation
values (shadow tomography). :func:`heisenberg_observables` builds the P~_k as dense
matrices, :func:`heisenberg_gradient` evaluates the M expectations; both are
reference code for small circuits (dense 2^n x 2^n matrices), hence the caps.
Introduced in chapter 6.
"""

from __future__ import annotations

import numpy as np

from qbp_lessons.engine.circuits import Circuit, check_circuit, state
from qbp_lessons.engine.paulis import pauli_matrix

__all__ = [
    "HEISENBERG_MAX_QUBITS",
    "HEISENBERG_MAX_GATES",
    "heisenberg_observables",
    "observable_matrix",
    "heisenberg_gradient",
]

#: Dense matrices of 2^n x 2^n complex numbers: n <= 6 keeps each at 64 KiB.
HEISENBERG_MAX_QUBITS = 6
#: One dense matrix per gate is kept: at most 200 of them (13 MiB at n = 6).
HEISENBERG_MAX_GATES = 200


def _check_small(circuit, theta, name: str = "circuit"):
    circuit = check_circuit(circuit, name)
    if circuit.n > HEISENBERG_MAX_QUBITS:
        raise ValueError(
            f"{name} must act on at most {HEISENBERG_MAX_QUBITS} qubits for the dense Heisenberg"
            f" picture, got {circuit.n}"
        )
    if circuit.M > HEISENBERG_MAX_GATES:
        raise ValueError(
            f"{name} must have at most {HEISENBERG_MAX_GATES} gates for the dense Heisenberg"
            f" picture, got {circuit.M}"
        )
    return circuit, circuit.check_theta(theta)


def heisenberg_observables(circuit: Circuit, theta) -> list[np.ndarray]:
    """The M matrices P~_k = U_{>k} P_k U_{>k}^dagger, gate 1 first. Introduced in chapter 6.

    Built from the last gate back: V = I, then for k = M, ..., 1: P~_k = V P_k V^dagger
    and V <- V exp(-i theta_k P_k). At most :data:`HEISENBERG_MAX_QUBITS` qubits and
    :data:`HEISENBERG_MAX_GATES` gates.
    """
    circuit, theta = _check_small(circuit, theta)
    dim = 2**circuit.n
    V = np.eye(dim, dtype=complex)
    out: list[np.ndarray] = [None] * circuit.M  # type: ignore[list-item]
    for k in range(circuit.M - 1, -1, -1):
        P = pauli_matrix(circuit.generators[k])
        out[k] = V @ P @ V.conj().T
        V = V @ (np.cos(theta[k]) * np.eye(dim) - 1j * np.sin(theta[k]) * P)
    return out


def observable_matrix(circuit: Circuit) -> np.ndarray:
    """The dense matrix of ``circuit``'s observable O = sum_j c_j Q_j. Introduced in chapter 6."""
    circuit = check_circuit(circuit)
    if circuit.n > HEISENBERG_MAX_QUBITS:
        raise ValueError(
            f"circuit must act on at most {HEISENBERG_MAX_QUBITS} qubits for a dense observable,"
            f" got {circuit.n}"
        )
    obs = np.zeros((2**circuit.n, 2**circuit.n), dtype=complex)
    for c, q in circuit.observable.terms:
        obs += c * pauli_matrix(q)
    return obs


def heisenberg_gradient(circuit: Circuit, theta) -> np.ndarray:
    """dF/dtheta_k = <psi| i [P~_k, O] |psi> for every k, on the one final state.

    The reference route of chapter 6: every component is an expectation value in
    |psi(theta)>, of the observable i [P~_k, O] (Hermitian, since P~_k and O are).
    """
    circuit, theta = _check_small(circuit, theta)
    psi = state(circuit, theta)
    obs = observable_matrix(circuit)
    grad = np.empty(circuit.M)
    for k, Pk in enumerate(heisenberg_observables(circuit, theta)):
        commutator = 1j * (Pk @ obs - obs @ Pk)
        grad[k] = np.vdot(psi, commutator @ psi).real
    return grad
