"""Chapter 4, SPSA: a gradient from two circuits whatever M, and why its error grows with M.

The chapter's public face: a notebook imports this package and finds here
everything the chapter computes (:mod:`.compute`), with its figures and explorers in
:mod:`.show` and its exercises in :mod:`.exercises`.
"""

from qbp_lessons.lessons.spsa import exercises, show
from qbp_lessons.lessons.spsa.compute import (
    DIRECTIONS,
    MAX_DIRECTIONS,
    MAX_REPS,
    draw_directions,
    spsa_grad,
    spsa_error_variance,
    SpallGains,
    spall_gains,
    TrainingRun,
    spsa_minimize,
    param_shift_descent,
    ErrorScan,
    error_scan,
)

__all__ = [
    "DIRECTIONS",
    "MAX_DIRECTIONS",
    "MAX_REPS",
    "draw_directions",
    "spsa_grad",
    "spsa_error_variance",
    "SpallGains",
    "spall_gains",
    "TrainingRun",
    "spsa_minimize",
    "param_shift_descent",
    "ErrorScan",
    "error_scan",
    "show",
    "exercises",
]
