"""State measures and collapse by PennyLane's own functions (``qml.math``, mid-circuit measurement).

Introduced in chapter 5.
"""

from __future__ import annotations

import numpy as np
import pennylane as qml

from qbp_lessons.engine.paulis import pauli
from qbp_lessons.interop.circuits import pennylane_op

__all__ = ["pennylane_state_measures", "pennylane_collapse"]


def pennylane_state_measures(rho, sigma, keep) -> dict:
    """PennyLane's values of the quantities of :mod:`qbp_lessons.engine.qinfo`, to check them.

    ``rho`` and ``sigma``: density matrices of the same size; ``keep``: wires
    kept by the partial trace of ``rho`` (checked as :func:`~qbp_lessons.engine.qinfo.partial_trace`
    checks them). Returns ``qml.math.fidelity``,
    ``qml.math.trace_distance``, ``qml.math.purity`` and ``qml.math.reduce_dm``
    as numpy values. Introduced in chapter 5.
    """
    from qbp_lessons.engine.qinfo import check_wires, check_density

    rho = check_density(rho, "rho")
    sigma = check_density(sigma, "sigma", n=rho.shape[0].bit_length() - 1)
    n = rho.shape[0].bit_length() - 1
    wires = check_wires(keep, n)  # distinct wires of rho, in increasing order, as partial_trace
    return {
        "fidelity": float(qml.math.fidelity(rho, sigma)),
        "trace_distance": float(qml.math.trace_distance(rho, sigma)),
        "purity": float(qml.math.purity(rho, indices=list(range(n)))),
        "reduced": np.asarray(qml.math.reduce_dm(rho, indices=wires)),
    }


def pennylane_collapse(psi, first: str, second: str, outcome: int) -> float:
    """<P2> after measuring the one-wire Pauli P1 mid-circuit, postselected on ``outcome``.

    Computed by PennyLane.

    ``first`` must have weight 1 (one wire, X, Y or Z): the wire is rotated into
    P1's eigenbasis, measured with ``qml.measure(wire, postselect=...)`` and
    rotated back, then ``qml.expval(P2)`` is taken on ``default.qubit`` with the
    deferred-measurement transform. The independent check of
    :func:`qbp_lessons.lessons.collapse.sequential.sequential_exact`. Introduced in chapter 5.
    """
    from qbp_lessons.engine.qinfo import check_ket

    psi = check_ket(psi)
    n = psi.size.bit_length() - 1
    first = pauli(first, n, name="first")
    second = pauli(second, n, name="second")
    if first.weight != 1:
        raise ValueError(f"first must act on one wire (weight 1), got {first.label}")
    if isinstance(outcome, (bool, np.bool_)) or outcome not in (1, -1):
        raise ValueError(f"outcome must be +1 or -1, got {outcome!r}")
    (wire,) = first.support
    letter = first.label[wire]

    def to_z():  # maps the +1 eigenvector of the letter to |0>
        if letter == "X":
            qml.Hadamard(wire)
        elif letter == "Y":
            qml.adjoint(qml.S(wire))
            qml.Hadamard(wire)

    @qml.qnode(qml.device("default.qubit"))  # no fixed wires: the deferred measurement adds one
    def run():
        qml.StatePrep(psi, wires=range(n))
        to_z()
        qml.measure(wire, postselect=0 if outcome == 1 else 1)
        qml.adjoint(to_z)()
        return qml.expval(pennylane_op(second))

    return float(run())
