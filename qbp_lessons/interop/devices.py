"""What every bridge shares: a device for a circuit, its gates in a QNode, the shot cap.

Conventions: exp(-i theta P) is ``qml.PauliRot(2 * theta, word, wires)``
(PennyLane's rotations carry a factor 1/2); wire 0 is the most significant bit.
Introduced in chapter 2.
"""

from __future__ import annotations

import numpy as np
import pennylane as qml

from qbp_lessons._validate import rng as make_rng
from qbp_lessons._validate import seed_ints
from qbp_lessons.engine.circuits import Circuit, check_circuit

__all__ = ["MAX_SHOTS", "device_for", "apply_gates", "check_angles"]

#: Most shots one PennyLane sampling call may draw here.
MAX_SHOTS = 10**7


def device_for(circuit: Circuit, device, seed):
    """A PennyLane device for the circuit: ``device`` itself, or one built from its name.

    A name is built with ``wires=circuit.n`` and a seed, by the package's seed rule: an int is
    passed on; from a ``numpy.random.Generator`` one seed is drawn, so that one stream can be
    threaded through many calls; ``None`` draws one from fresh entropy, so that PennyLane never
    falls back on numpy's global generator (which would repeat after ``np.random.seed`` and
    consume the reader's stream). A name PennyLane does not know is a ValueError naming
    ``device``. Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    if isinstance(device, str):
        (seed_value,) = seed_ints("seed", seed)
        try:
            return qml.device(device, wires=circuit.n, seed=seed_value)
        except qml.exceptions.DeviceError as err:
            raise ValueError(f"device {device!r} is not a PennyLane device here: {err}") from None
    if isinstance(device, qml.devices.Device):
        make_rng("seed", seed)  # checked, though a built device keeps its own seed
        return device
    raise TypeError(
        f"device must be a PennyLane device name or device, got {type(device).__name__}"
    )


def check_angles(theta, M: int, name: str = "theta"):
    """Check M angles in any interface (numpy, PennyLane's autograd, torch, jax) without converting.

    Each entry must be a real finite number: booleans, complex numbers, strings and NaN are
    refused with an error naming ``name``. Traced values whose numbers are not known yet (under
    ``jax.jit``) are checked for shape only.
    """
    if theta is None or isinstance(theta, (str, bytes)) or not hasattr(theta, "__len__"):
        raise TypeError(f"{name} must be a sequence of M = {M} angles, got {type(theta).__name__}")
    if len(theta) != M:
        raise ValueError(f"{name} must have length M = {M}, got {len(theta)}")
    for j in range(M):
        entry = theta[j]
        try:
            value = np.asarray(qml.math.unwrap(entry))
        except Exception:  # an abstract tracer: no number to check yet
            continue
        kind = value.dtype.kind
        if isinstance(entry, bool) or kind == "b":
            raise TypeError(f"{name}[{j}] must be a real angle, got a boolean")
        if kind == "c":
            raise TypeError(f"{name}[{j}] must be a real angle, got a complex number")
        if kind not in "iuf":
            raise TypeError(f"{name}[{j}] must be a real angle, got {type(entry).__name__}")
        if value.ndim != 0:
            raise ValueError(
                f"{name} must be one-dimensional (M angles), entry {j} has shape {value.shape}"
            )
        if not np.isfinite(value):
            raise ValueError(f"{name}[{j}] must be finite, got {float(value)}")
    return theta


def apply_gates(circuit: Circuit, theta):
    """Queue the circuit's gates in a QNode: exp(-i theta P) is ``qml.PauliRot(2 theta, word)``.

    ``theta`` is checked by :func:`check_angles` (M real finite angles, any interface).
    """
    circuit = check_circuit(circuit)
    check_angles(theta, circuit.M)
    for j, p in enumerate(circuit.generators):
        qml.PauliRot(2 * theta[j], p.word, wires=list(p.support))
