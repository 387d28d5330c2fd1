"""What every bridge shares: a device for a circuit, its gates in a QNode, the shot cap.

Conventions: exp(-i theta P) is ``qml.PauliRot(2 * theta, word, wires)``
(PennyLane's rotations carry a factor 1/2); wire 0 is the most significant bit.
Introduced in chapter 2.
"""

from __future__ import annotations

import numpy as np
import pennylane as qml

from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine.circuits import Circuit

__all__ = ["MAX_SHOTS", "device_for", "apply_gates"]

#: Most shots one PennyLane sampling call may draw here.
MAX_SHOTS = 10**7


def device_for(circuit: Circuit, device, seed):
    """A PennyLane device for the circuit: ``device`` itself, or one built from its name.

    A name is built with ``wires=circuit.n`` and, if given, a seed: an int (checked by the
    package's seed rule) or a ``numpy.random.Generator``, from which one seed is drawn so that
    one stream can be threaded through many calls. Introduced in chapter 2.
    """
    if isinstance(device, str):
        kwargs = {"wires": circuit.n}
        if isinstance(seed, np.random.Generator):
            kwargs["seed"] = int(seed.integers(2**31))
        elif seed is not None:
            make_rng("seed", seed)  # the package's seed rule: checks type and sign
            kwargs["seed"] = int(seed)
        return qml.device(device, **kwargs)
    if isinstance(device, qml.devices.Device):
        return device
    raise TypeError(
        f"device must be a PennyLane device name or device, got {type(device).__name__}"
    )


def apply_gates(circuit: Circuit, theta):
    """Queue the circuit's gates in a QNode: exp(-i theta P) is ``qml.PauliRot(2 theta, word)``."""
    for j, p in enumerate(circuit.generators):
        qml.PauliRot(2 * theta[j], p.word, wires=list(p.support))
