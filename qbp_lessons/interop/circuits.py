"""Circuits as PennyLane objects: operators, observables, QNodes, their gradients, the Tracker.

Every circuit of :mod:`qbp_lessons.engine.circuits` converts to a QNode on any PennyLane
device; ``qml.Tracker`` counts what the device executed, the independent check of the
:class:`~qbp_lessons.engine.ledger.Ledger`. Introduced in chapter 2 (parameter shift in
chapter 3).
"""

from __future__ import annotations

import typing

import numpy as np
import pennylane as qml
from pennylane import numpy as pnp
from pennylane.workflow.qnode import SupportedDiffMethods

from qbp_lessons._validate import bounded_int
from qbp_lessons.engine.circuits import Circuit, check_circuit
from qbp_lessons.engine.ledger import Ledger
from qbp_lessons.engine.paulis import Observable, pauli
from qbp_lessons.interop.devices import MAX_SHOTS, device_for, apply_gates

__all__ = [
    "pennylane_op",
    "pennylane_observable",
    "DIFF_METHODS",
    "to_qnode",
    "pennylane_grad",
    "tracker_ledger",
    "param_shift_grad_pennylane",
]


def pennylane_op(p) -> "qml.operation.Operator":
    """A Pauli string as a PennyLane operator (a product of PauliX/Y/Z, or the identity)."""
    p = pauli(p, name="p")
    ops = {"X": qml.PauliX, "Y": qml.PauliY, "Z": qml.PauliZ}
    factors = [ops[ch](w) for w, ch in enumerate(p.label) if ch != "I"]
    if not factors:
        return qml.Identity(0)
    return factors[0] if len(factors) == 1 else qml.prod(*factors)


def pennylane_observable(obs: Observable):
    """The observable as a PennyLane operator: one Pauli word, or ``qml.dot(coeffs, words)``."""
    if not isinstance(obs, Observable):
        raise TypeError(f"obs must be an Observable, got {type(obs).__name__}")
    if len(obs.terms) == 1 and obs.terms[0][0] == 1.0:
        return pennylane_op(obs.terms[0][1])
    return qml.dot([c for c, _ in obs.terms], [pennylane_op(p) for _, p in obs.terms])


#: The differentiation methods a QNode may be built with: PennyLane's own list.
DIFF_METHODS = frozenset(m for m in typing.get_args(SupportedDiffMethods) if m is not None)


def to_qnode(
    circuit: Circuit, device="default.qubit", diff_method="best", *, shots=None, seed=None
):
    """The circuit as a PennyLane QNode ``f(theta) -> <O>`` on any device.

    ``device`` is a device name (built with ``wires=n`` and, if given, ``seed``)
    or a PennyLane device. Each gate exp(-i theta P) becomes
    ``qml.PauliRot(2 * theta, word, wires)``. ``shots`` (an int) applies
    ``qml.set_shots``; ``diff_method`` is passed to the QNode ("backprop",
    "adjoint", "parameter-shift", "spsa", ...). Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    dev = device_for(circuit, device, seed)
    if diff_method is not None and not isinstance(diff_method, str):
        raise TypeError(
            "diff_method must be a string such as 'backprop' or None, got"
            f" {type(diff_method).__name__}"
        )
    if diff_method is not None and diff_method not in DIFF_METHODS:
        raise ValueError(
            f"diff_method must be one of {sorted(DIFF_METHODS)} or None, got {diff_method!r}"
        )
    if shots is not None:
        shots = bounded_int("shots", shots, maximum=MAX_SHOTS)
    obs = pennylane_observable(circuit.observable)

    def model(theta):
        apply_gates(circuit, theta)
        return qml.expval(obs)

    qnode = qml.QNode(model, dev, diff_method=diff_method)
    if shots is not None:
        qnode = qml.set_shots(qnode, shots=shots)
    return qnode


def pennylane_grad(
    circuit: Circuit, theta, device="default.qubit", diff_method="best", *, shots=None, seed=None
) -> np.ndarray:
    """dF/dtheta computed by PennyLane (``qml.grad`` of :func:`to_qnode`), as a numpy array.

    Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    qnode = to_qnode(circuit, device, diff_method, shots=shots, seed=seed)
    return np.asarray(qml.grad(qnode)(pnp.array(theta, requires_grad=True)), dtype=float)


def tracker_ledger(tracker) -> Ledger:
    """What a ``qml.Tracker`` recorded, as a :class:`Ledger`: executions, shots, gates times shots.

    ``shot_gates`` sums each execution's gate count times its shots (times 1
    when exact). PennyLane decomposes nothing here: a PauliRot counts as one gate.
    """
    if not isinstance(tracker, qml.Tracker):
        raise TypeError(f"tracker must be a qml.Tracker, got {type(tracker).__name__}")
    executions = tracker.history.get("resources", [])
    shots_each = tracker.history.get("shots", [None] * len(executions))
    gates = sum(res.num_gates * (n_shots or 1) for res, n_shots in zip(executions, shots_each))
    return Ledger(
        circuits=int(tracker.totals.get("executions", 0)),
        shots=int(tracker.totals.get("shots", 0)),
        shot_gates=int(gates),
    )


def param_shift_grad_pennylane(
    circuit: Circuit, theta, shots=None, seed=None, device="default.qubit"
):
    """PennyLane's parameter-shift gradient of :func:`to_qnode`, and ``qml.Tracker``'s Ledger.

    Uses ``qml.gradients.param_shift`` (the shifted circuits only, no extra
    forward pass) on a device seeded with ``seed``, with ``qml.set_shots(shots)``
    when ``shots`` is given. Two differences from :mod:`qbp_lessons.lessons.param_shift.gradients`,
    both PennyLane's choices: it skips gates outside the observable's light
    cone (:func:`qbp_lessons.lessons.param_shift.structure.light_cone`), so it runs ``2 x (gates
    inside)`` circuits; and it measures a multi-term observable within one
    execution. Returns ``(grad, Ledger)``. Introduced in chapter 3.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    qnode = to_qnode(circuit, device, "parameter-shift", shots=shots, seed=seed)
    with qml.Tracker(qnode.device) as tracker:
        grad = qml.gradients.param_shift(qnode)(pnp.array(theta, requires_grad=True))
    return np.asarray(grad, dtype=float).reshape(circuit.M), tracker_ledger(tracker)
