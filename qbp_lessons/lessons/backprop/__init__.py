"""Chapter 1, backpropagation on deep sigmoid networks: the cheap gradient principle, measured.

The chapter's public face: a notebook imports this package and finds here
everything the chapter computes (:mod:`.compute`), with its figures and explorers in
:mod:`.show` and its exercises in :mod:`.exercises`.
"""

from qbp_lessons.lessons.backprop import exercises, show
from qbp_lessons.lessons.backprop.compute import (
    sigmoid,
    num_params,
    init_network,
    make_data,
    flatten,
    unflatten,
    Tape,
    forward,
    backward,
    grad,
    loss,
    grad_finite_difference,
    grad_autograd,
    CheckpointedGradient,
    grad_checkpointed,
    network_sizes,
    OmegaMeasurement,
    measure_omega,
    sweep_omega,
    MemoryMeasurement,
    measure_memory,
    sweep_memory,
    MAX_NETWORK_PARAMS,
    MAX_DATA_NUMBERS,
    MAX_MEMORY_PARAMS,
    MAX_TAPE_NUMBERS,
)

__all__ = [
    "sigmoid",
    "num_params",
    "init_network",
    "make_data",
    "flatten",
    "unflatten",
    "Tape",
    "forward",
    "backward",
    "grad",
    "loss",
    "grad_finite_difference",
    "grad_autograd",
    "CheckpointedGradient",
    "grad_checkpointed",
    "network_sizes",
    "OmegaMeasurement",
    "measure_omega",
    "sweep_omega",
    "MemoryMeasurement",
    "measure_memory",
    "sweep_memory",
    "MAX_NETWORK_PARAMS",
    "MAX_DATA_NUMBERS",
    "MAX_MEMORY_PARAMS",
    "MAX_TAPE_NUMBERS",
    "show",
    "exercises",
]
