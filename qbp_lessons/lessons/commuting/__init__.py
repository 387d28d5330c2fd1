"""Chapter 7, where backprop scaling is attainable: commuting-generator and commuting-block circuits.

The chapter's public face: a notebook imports this package and finds here
everything the chapter computes (:mod:`.compute`), with its figures and explorers in
:mod:`.show` and its exercises in :mod:`.exercises`.
"""

from qbp_lessons.lessons.commuting import exercises, show
from qbp_lessons.lessons.commuting.compute import (
    MAX_COMMUTING_GATES,
    anticommuting_pairs,
    CommutingCircuit,
    gradient_observables,
    Diagonaliser,
    diagonalise,
    GradientSetting,
    PreparedGradient,
    prepare_gradient,
    commuting_grad_shots,
    BlockCircuit,
    block_grad_shots,
    x_generator_circuit,
    two_block_example,
    ShotsScan,
    shots_for_accuracy,
)

__all__ = [
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
    "show",
    "exercises",
]
