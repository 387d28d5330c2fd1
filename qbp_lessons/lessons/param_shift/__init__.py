"""Chapter 3, the parameter-shift rule: 2M circuits, and the shots each one needs.

The chapter's public face: a notebook imports this package and finds here
everything the chapter computes (:mod:`.compute`, and the circuit facts it needs,
:mod:`.structure`), with its figures and explorers in
:mod:`.show` and its exercises in :mod:`.exercises`.
"""

from qbp_lessons.lessons.param_shift import exercises, show, structure
from qbp_lessons.lessons.param_shift.structure import reduce_angles, light_cone
from qbp_lessons.lessons.param_shift.compute import (
    SHIFT,
    shift_derivative,
    rx_shift_derivative,
    shift_variance,
    best_shift,
    shift_estimates,
    FOUR_TERM_SHIFTS,
    four_term_shift_derivative,
    controlled_rotation,
    ShiftRuleScan,
    shift_rule_scan,
    param_shift_grad,
    ShiftedSettings,
    shifted_settings,
    param_shift_grad_shots,
    param_shift_variance,
    ShotScan,
    error_vs_shots,
    AccuracyScan,
    shots_for_accuracy,
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
    "structure",
    "show",
    "exercises",
]
