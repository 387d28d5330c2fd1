"""The Hadamard test as a PennyLane QNode on n + 1 wires. Introduced in chapter 2."""

from __future__ import annotations

import pennylane as qml

from qbp_lessons._validate import bounded_int, choice
from qbp_lessons.engine.circuits import Circuit, check_circuit
from qbp_lessons.interop.circuits import pennylane_observable
from qbp_lessons.interop.devices import device_for

__all__ = ["hadamard_test_qnode"]


def hadamard_test_qnode(
    circuit: Circuit, k: int, ancilla: str = "Y", device="default.qubit", *, seed=None
):
    """The Hadamard test for component k as a QNode ``f(theta) -> <A_0 (x) O>`` on n + 1 wires.

    Wire 0 is the ancilla (a Hadamard, then the control of ``qml.ctrl(P_k)``
    after gate k); the circuit's wire w is wire w + 1. The independent check of
    :func:`qbp_lessons.engine.gradients.hadamard_test_state`, and what chapter 2 draws with
    ``qml.draw_mpl``. Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    k = bounded_int("k", k, minimum=0, maximum=circuit.M - 1)
    ancilla = choice("ancilla", ancilla, {"X", "Y"})
    dev = (
        device
        if isinstance(device, qml.devices.Device)
        else device_for(Circuit(circuit.n + 1, ["X" + "I" * circuit.n]), device, seed)
    )
    ops = {"X": qml.PauliX, "Y": qml.PauliY, "Z": qml.PauliZ}
    from qbp_lessons.lessons.rotations.hadamard import hadamard_test_observable

    obs = pennylane_observable(hadamard_test_observable(circuit, ancilla))
    M = circuit.M

    def model(theta):
        if len(theta) != M:
            raise ValueError(f"theta must have length M = {M}, got {len(theta)}")
        qml.Hadamard(0)
        for j, p in enumerate(circuit.generators):
            qml.PauliRot(2 * theta[j], p.word, wires=[w + 1 for w in p.support])
            if j == k:
                factors = [ops[ch](w + 1) for w, ch in enumerate(p.label) if ch != "I"]
                qml.ctrl(factors[0] if len(factors) == 1 else qml.prod(*factors), control=0)
        return qml.expval(obs)

    return qml.QNode(model, dev, diff_method=None)
