"""Chapter 2, Pauli-rotation circuits: the simulator's costs and the Hadamard test.

The chapter's public face: a notebook imports this package and finds here
everything the chapter computes (:mod:`.hadamard`, :mod:`.simulator`), with its figures and
explorers in
:mod:`.show` and its exercises in :mod:`.exercises`.
"""

from qbp_lessons.lessons.rotations import exercises, show
from qbp_lessons.lessons.rotations.hadamard import (
    hadamard_test_observable,
    hadamard_test,
    hadamard_test_gates,
    hadamard_test_shots,
    grad_hadamard_shots,
)
from qbp_lessons.lessons.rotations.simulator import METHODS, SimulatorCosts, measure_simulator_costs

__all__ = [
    "hadamard_test_observable",
    "hadamard_test",
    "hadamard_test_gates",
    "hadamard_test_shots",
    "grad_hadamard_shots",
    "METHODS",
    "SimulatorCosts",
    "measure_simulator_costs",
    "show",
    "exercises",
]
