"""The reduction: with M probe gates at theta_k = 0, a gradient *is* M Pauli expectations.

After a fixed preparation of the state rho, put an ancilla in |+i> (its gate at
-pi/4), take O = Z on the ancilla and probe generators P_k = X_ancilla (x) Q_k.
Then i[P_k, O] = 2 Y_ancilla (x) Q_k, and since <+i|Y|+i> = 1, with every probe
gate at theta_k = 0, dF/dtheta_k = 2 tr(rho Q_k). So an algorithm for full
gradients estimates M arbitrary Pauli expectations of an arbitrary state: a
single-copy gradient method is at least as hard as single-copy *Pauli* shadow
tomography (Aaronson, STOC 2018).
:func:`reduction_circuit` builds that circuit; :func:`expectations_by_gradient`
reads the expectations off the chapter 2 adjoint gradient. Introduced in chapter 6.
"""

from __future__ import annotations

import math

import numpy as np

from qbp_lessons._validate import bounded_int
from qbp_lessons.engine.circuits import Circuit, check_circuit
from qbp_lessons.engine.gradients import grad_adjoint
from qbp_lessons.engine.ledger import Ledger, check_ledger
from qbp_lessons.engine.paulis import MAX_QUBITS, PauliString
from qbp_lessons.lessons.shadows.exact import MAX_PAULIS, check_paulis

__all__ = [
    "ANCILLA_ANGLE",
    "reduction_circuit_core",
    "reduction_circuit",
    "reduction_parameters",
    "expectations_by_gradient",
]

#: The angle of exp(-i t X) that takes the ancilla's |0> to |+i> = (|0> + i|1>)/sqrt 2.
ANCILLA_ANGLE = -math.pi / 4


def reduction_circuit_core(prep: Circuit, paulis: list[PauliString]) -> Circuit:
    """The ancilla gate, ``prep``'s gates, one gate per string; O = Z_a. Introduced in chapter 6.

    No input checks: :func:`reduction_circuit` checks ``prep`` and ``paulis`` (and
    the qubit count), then calls this.
    """
    gens = (
        ["X" + "I" * prep.n]  # exp(-i t X_a): |0> to |+i> on the ancilla, wire 0
        + ["I" + g.label for g in prep.generators]  # prepare rho on wires 1..n
        + ["X" + q.label for q in paulis]  # exp(-i theta_k X_a (x) Q_k), one per string
    )
    return Circuit(prep.n + 1, gens, "Z" + "I" * prep.n)


def reduction_circuit(prep: Circuit, paulis) -> Circuit:
    """The circuit whose gradient at the reduction point is ``2 tr(rho Q_k)`` for each Q_k.

    n + 1 qubits, the ancilla on wire 0: first exp(-i t X_a) (taking |0> to
    |+i> at t = :data:`ANCILLA_ANGLE`), then ``prep``'s gates on wires 1..n
    (they prepare rho), then one gate exp(-i theta_k X_a (x) Q_k) per string in
    ``paulis``; O = Z_a. Checks the inputs, then calls :func:`reduction_circuit_core`.
    Introduced in chapter 6.
    """
    prep = check_circuit(prep, "prep")
    if prep.n + 1 > MAX_QUBITS:
        raise ValueError(
            f"prep must act on at most {MAX_QUBITS - 1} qubits (one more for the ancilla), got"
            f" {prep.n}"
        )
    return reduction_circuit_core(prep, check_paulis(paulis, prep.n))


def reduction_parameters(prep: Circuit, prep_theta, M: int) -> np.ndarray:
    """The reduction point: the ancilla angle, ``prep``'s angles, then M zeros (for the Q_k gates).

    Introduced in chapter 6.
    """
    prep = check_circuit(prep, "prep")
    prep_theta = prep.check_theta(prep_theta, "prep_theta")
    M = bounded_int("M", M, maximum=MAX_PAULIS)
    return np.concatenate([[ANCILLA_ANGLE], prep_theta, np.zeros(M)])


def expectations_by_gradient(
    prep: Circuit, prep_theta, paulis, *, ledger: Ledger | None = None
) -> np.ndarray:
    """``tr(rho Q_k)`` for every string, read off the adjoint gradient of :func:`reduction_circuit`.

    rho is the state ``prep`` makes at ``prep_theta``. The last M components of
    the gradient at :func:`reduction_parameters` are ``2 tr(rho Q_k)``; this
    returns half of them. Introduced in chapter 6.
    """
    circuit = reduction_circuit(prep, paulis)
    M = circuit.M - 1 - prep.M
    theta = reduction_parameters(prep, prep_theta, M)
    return grad_adjoint(circuit, theta, ledger=check_ledger(ledger))[-M:] / 2.0
