"""The bridge to PennyLane: the only modules of the package that import it.

PennyLane is the course's independent reference and its road to real devices.
Every circuit of :mod:`qbp_lessons.engine.circuits` converts to a QNode on any PennyLane
device; the chapters check the home-made simulator against it, and a reader can
swap the device name to run a chapter elsewhere. ``qml.Tracker`` counts what the
device executed, the independent check of the :class:`~qbp_lessons.engine.ledger.Ledger`.
One module per topic:

* :mod:`~qbp_lessons.interop.devices`   a device for a circuit, its gates, the shot cap
* :mod:`~qbp_lessons.interop.circuits`  operators, observables, QNodes, gradients, the Tracker
* :mod:`~qbp_lessons.interop.sampling`  bitstrings drawn by PennyLane (chapter 2)
* :mod:`~qbp_lessons.interop.hadamard`  the Hadamard test as a QNode (chapter 2)
* :mod:`~qbp_lessons.interop.spsa`      SPSA's gradient, directions and optimiser (chapter 4)
* :mod:`~qbp_lessons.interop.qinfo`     state measures and collapse by ``qml.math`` (chapter 5)
* :mod:`~qbp_lessons.interop.shadows`   classical shadows by PennyLane (chapter 6)

Every public name is re-exported here: ``interop.to_qnode(...)``.

Conventions: exp(-i theta P) is ``qml.PauliRot(2 * theta, word, wires)``
(PennyLane's rotations carry a factor 1/2); wire 0 is the most significant bit.

Introduced in chapter 2.
"""

from __future__ import annotations

from qbp_lessons.interop.devices import (
    MAX_SHOTS,
    device_for,
    apply_gates,
    check_angles,
)
from qbp_lessons.interop.circuits import (
    DIFF_METHODS,
    pennylane_op,
    pennylane_observable,
    to_qnode,
    pennylane_grad,
    tracker_ledger,
    param_shift_grad_pennylane,
)
from qbp_lessons.interop.sampling import (
    pennylane_samples,
)
from qbp_lessons.interop.hadamard import (
    hadamard_test_qnode,
)
from qbp_lessons.interop.spsa import (
    MAX_PENNYLANE_EXECUTIONS,
    spsa_grad_pennylane,
    pennylane_spsa_directions,
    spsa_optimizer_pennylane,
)
from qbp_lessons.interop.qinfo import (
    pennylane_state_measures,
    pennylane_collapse,
)
from qbp_lessons.interop.shadows import (
    pennylane_shadow_expval,
    pennylane_classical_shadow,
)

#: Every public name of the modules above, in their order (a test checks the two agree).
__all__ = [
    # devices
    "MAX_SHOTS",
    "device_for",
    "apply_gates",
    "check_angles",
    # circuits
    "pennylane_op",
    "pennylane_observable",
    "DIFF_METHODS",
    "to_qnode",
    "pennylane_grad",
    "tracker_ledger",
    "param_shift_grad_pennylane",
    # sampling
    "pennylane_samples",
    # hadamard
    "hadamard_test_qnode",
    # spsa
    "MAX_PENNYLANE_EXECUTIONS",
    "spsa_grad_pennylane",
    "pennylane_spsa_directions",
    "spsa_optimizer_pennylane",
    # qinfo
    "pennylane_state_measures",
    "pennylane_collapse",
    # shadows
    "pennylane_shadow_expval",
    "pennylane_classical_shadow",
]
