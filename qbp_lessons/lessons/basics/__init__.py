"""Chapter 0, what you need for this course: Pauli strings, rotations, shots, density matrices.

The chapter's public face: everything it computes is in :mod:`.compute` (on top of the
engine's Pauli algebra, sampler and density matrices), its figure and explorer in
:mod:`.show` and its exercises in :mod:`.exercises`.
"""

from qbp_lessons.lessons.basics import exercises, show
from qbp_lessons.lessons.basics.compute import (
    MAX_ENUMERATED_QUBITS,
    MAX_MATRIX_QUBITS,
    ShotSpread,
    all_strings,
    anticommuting,
    measured_basis,
    rotation_matrix,
    shot_estimates,
    shot_spread,
)

__all__ = [
    "MAX_ENUMERATED_QUBITS",
    "MAX_MATRIX_QUBITS",
    "ShotSpread",
    "all_strings",
    "anticommuting",
    "measured_basis",
    "rotation_matrix",
    "shot_estimates",
    "shot_spread",
    "show",
    "exercises",
]
