"""The methods side by side: the backprop references and one entry point for the widgets.

Every curve is TIME(grad F) in gate applications, a function of M and eps.
Introduced in chapter 1 (backprop's reference) and chapter 3 (backprop scaling).
"""

from __future__ import annotations

import numpy as np

from qbp_lessons._validate import choice, count_array, positive_real
from qbp_lessons.costs.circuits import circuit_time
from qbp_lessons.costs.commuting import commuting_time
from qbp_lessons.costs.param_shift import param_shift_time
from qbp_lessons.costs.shadows import shadow_time
from qbp_lessons.costs.spsa import spsa_time

__all__ = ["backprop_reference_time", "backprop_scaling_time", "METHODS", "gradient_time"]


def backprop_reference_time(M, eps, omega: float = 3.0):
    """What classical backprop would give a quantum model: ``omega * TIME(F)``.

    No known method reaches this for general circuits; it is the reference the
    quantum curves are compared with. Introduced in chapter 1.
    """
    omega = positive_real("omega", omega)
    return omega * circuit_time(M, eps)


def backprop_scaling_time(M, eps, delta=None):
    """The talk's target for a quantum gradient: ``log(M) * TIME(F)``.

    "Backprop scaling" would be TIME(grad F) <= O(log M) TIME(F); the constant
    is set to 1 and the logarithm is natural, clamped from below: the factor is
    ``max(ln M, 1)``, so it is 1 (not ln M) for every M below e, M = 1 and M = 2
    (ln 2 = 0.69), and the target is never below TIME(F). Introduced in chapter 3.
    With ``delta``, TIME(F) is at the target "within eps with probability >= 1 - delta"
    (:func:`~qbp_lessons.costs.circuits.circuit_time`).
    """
    M = count_array("M", M)
    return np.maximum(np.log(M), 1.0) * circuit_time(M, eps, delta)


#: The gradient methods the cost explorers draw: key -> (label, TIME(grad F) in gate applications).
METHODS = {
    "function": ("one evaluation, TIME(F) = M/\u03b5\u00b2", circuit_time),
    "backprop": ("backprop's guarantee, 3 TIME(F)", backprop_reference_time),
    "backprop_scaling": ("backprop scaling, log(M) TIME(F)", backprop_scaling_time),
    "param_shift": ("parameter shift, 2M circuits", param_shift_time),
    "spsa": ("SPSA, averaged to \u03b5", spsa_time),
    "shadows": ("classical shadows, 2-local", shadow_time),
    "commuting": ("commuting generators, one setting of 4/\u03b5\u00b2 shots", commuting_time),
}


def gradient_time(method: str, M, eps):
    """TIME(grad F) of ``method`` (a key of :data:`METHODS`) in gate applications."""
    method = choice("method", method, set(METHODS))
    return METHODS[method][1](M, eps)
