"""Chapter 4, SPSA: a gradient from two circuits whatever M, and why its error grows with M.

The chapter's public face: a notebook imports this package and finds here
everything the chapter computes (:mod:`.compute`; the shots of an accurate gradient,
SPSA against parameter shift, in :mod:`.currency`), with its figures and explorers in
:mod:`.show` and its exercises in :mod:`.exercises`. Training by SPSA (and by
parameter shift, to compare) runs in the course's one loop,
:func:`qbp_lessons.training.train`, with the gains of :func:`spall_gains`.
"""

from qbp_lessons.lessons.spsa import exercises, show
from qbp_lessons.lessons.spsa import currency
from qbp_lessons.lessons.spsa.compute import (
    DIRECTIONS,
    MAX_DIRECTIONS,
    MAX_REPS,
    draw_directions,
    spsa_grad_core,
    spsa_grad,
    spsa_error_variance,
    SpallGains,
    spall_gains,
    ErrorScan,
    error_scan,
)

__all__ = [
    "DIRECTIONS",
    "MAX_DIRECTIONS",
    "MAX_REPS",
    "draw_directions",
    "spsa_grad_core",
    "spsa_grad",
    "spsa_error_variance",
    "SpallGains",
    "spall_gains",
    "ErrorScan",
    "error_scan",
    "currency",
    "show",
    "exercises",
]
