"""Chapter 3, the parameter-shift rule: 2M circuits, and the shots each one needs.

The chapter's public face: a notebook imports this package and finds here
everything the chapter computes, in modules of their own: :mod:`.rules` (the shift
rules, two-term and four-term), :mod:`.gradients` (circuits' parameter-shift gradients
and their shot noise), :mod:`.scans` (error against shots, shots against accuracy, shots
needed by bisection) and the circuit facts they need, :mod:`.structure`, with its figures
and explorers in :mod:`.show` and its exercises in :mod:`.exercises`.
"""

from qbp_lessons.lessons.param_shift import exercises, show, structure
from qbp_lessons.lessons.param_shift.structure import reduce_angles, light_cone
from qbp_lessons.lessons.param_shift.rules import (
    SHIFT,
    shift_derivative,
    rx_shift_derivative,
    ShiftRuleScan,
    shift_rule_scan,
    FOUR_TERM_SHIFTS,
    four_term_shift_derivative,
    controlled_rotation,
)
from qbp_lessons.lessons.param_shift.gradients import (
    param_shift_grad,
    shift_variance,
    best_shift,
    shift_estimates,
    ShiftedSettings,
    shifted_settings,
    param_shift_grad_shots,
    param_shift_variance,
)
from qbp_lessons.lessons.param_shift.scans import (
    ShotScan,
    error_vs_shots,
    AccuracyScan,
    shots_for_accuracy,
    ShotsNeeded,
    shots_needed,
)

__all__ = [
    "reduce_angles",
    "light_cone",
    "SHIFT",
    "shift_derivative",
    "rx_shift_derivative",
    "shift_variance",
    "best_shift",
    "shift_estimates",
    "FOUR_TERM_SHIFTS",
    "four_term_shift_derivative",
    "controlled_rotation",
    "ShiftRuleScan",
    "shift_rule_scan",
    "param_shift_grad",
    "ShiftedSettings",
    "shifted_settings",
    "param_shift_grad_shots",
    "param_shift_variance",
    "ShotScan",
    "error_vs_shots",
    "AccuracyScan",
    "shots_for_accuracy",
    "ShotsNeeded",
    "shots_needed",
    "structure",
    "show",
    "exercises",
]
