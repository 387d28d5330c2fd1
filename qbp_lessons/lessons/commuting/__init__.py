"""Chapter 7, where backprop scaling is attainable: commuting-generator and block circuits.

The chapter's public face: a notebook imports this package and finds here everything
the chapter computes, in modules of their own: :mod:`.settings` (commuting sets
measured in one setting), :mod:`.generators` (commuting-generator circuits and their
one-setting gradient), :mod:`.blocks` (commuting-block circuits and their Hadamard
tests), :mod:`.scans` (shots for an eps-accurate gradient against M) and :mod:`.memory`
(its peak memory against one evaluation of F), with its
figures and explorers in :mod:`.show` and its exercises in :mod:`.exercises`. Training
runs in the course's one loop, :func:`qbp_lessons.training.train`.
"""

from qbp_lessons.lessons.commuting import exercises, memory, show
from qbp_lessons.lessons.commuting.blocks import (
    BlockCircuit,
    block_grad_shots,
    merged_block_gradient,
    two_block_example,
)
from qbp_lessons.lessons.commuting.generators import (
    MAX_COMMUTING_GATES,
    CommutingCircuit,
    commuting_grad_shots,
    gradient_observables,
    prepare_gradient,
    x_generator_circuit,
)
from qbp_lessons.lessons.commuting.memory import MemoryComparison, memory_comparison
from qbp_lessons.lessons.commuting.scans import ShotsScan, shots_for_accuracy
from qbp_lessons.lessons.commuting.settings import (
    Diagonaliser,
    GradientSetting,
    PreparedGradient,
    anticommuting_pairs,
    diagonalise,
)

__all__ = [
    "merged_block_gradient",
    "MAX_COMMUTING_GATES",
    "anticommuting_pairs",
    "CommutingCircuit",
    "gradient_observables",
    "Diagonaliser",
    "diagonalise",
    "GradientSetting",
    "PreparedGradient",
    "prepare_gradient",
    "commuting_grad_shots",
    "BlockCircuit",
    "block_grad_shots",
    "x_generator_circuit",
    "two_block_example",
    "ShotsScan",
    "shots_for_accuracy",
    "MemoryComparison",
    "memory_comparison",
    "memory",
    "show",
    "exercises",
]
