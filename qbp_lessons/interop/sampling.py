"""Bitstrings drawn by PennyLane, to set against the engine's sampler. Introduced in chapter 2."""

from __future__ import annotations

import numpy as np
import pennylane as qml

from qbp_lessons._validate import bounded_int
from qbp_lessons.engine.circuits import Circuit, check_circuit
from qbp_lessons.engine.paulis import pauli
from qbp_lessons.interop.devices import MAX_SHOTS, device_for, apply_gates

__all__ = ["pennylane_samples"]


def pennylane_samples(circuit: Circuit, theta, basis, shots: int, seed=None) -> np.ndarray:
    """Bitstrings drawn by PennyLane's ``default.qubit`` after rotating each wire into ``basis``.

    ``basis`` is one letter per wire (X, Y or Z; I counts as Z): the same
    product-basis measurement as :func:`qbp_lessons.engine.sampling.sample_bitstrings`,
    so the two distributions can be compared (a chi-square test in the tests).
    Returns an int array of shape (shots, n), wire 0 first. Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    basis = pauli(basis, circuit.n, name="basis")
    shots = bounded_int("shots", shots, maximum=MAX_SHOTS)
    dev = device_for(circuit, "default.qubit", seed)

    @qml.set_shots(shots=shots)
    @qml.qnode(dev)
    def run(angles):
        apply_gates(circuit, angles)
        for w, ch in enumerate(basis.label):
            if ch == "X":
                qml.Hadamard(w)
            elif ch == "Y":
                qml.adjoint(qml.S(w))
                qml.Hadamard(w)
        return qml.sample(wires=range(circuit.n))

    return np.asarray(run(theta), dtype=np.int64).reshape(shots, circuit.n)
