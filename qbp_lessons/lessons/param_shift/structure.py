"""What the shift rule needs to know about a circuit: reduced angles and the light cone.

* :func:`reduce_angles` brings each angle into one period, where a shift such as
  theta + pi/4 lands where it should (a float at 1e15 has a spacing of 0.125);
* :func:`light_cone` marks the gates that can influence F at all: the others have
  dF/dtheta = 0 structurally, and PennyLane's parameter-shift skips them.

Introduced in chapter 3.
"""

from __future__ import annotations

import math

import numpy as np

from qbp_lessons._validate import positive_real, real_array
from qbp_lessons.engine.circuits import Circuit, check_circuit

__all__ = ["reduce_angles", "light_cone"]


def reduce_angles(theta, period: float = math.pi) -> np.ndarray:
    """Angles reduced to ``[-period/2, period/2)``, exactly as cos and sin see them.

    For a gate exp(-i theta P), F has period pi in each theta_j. A shift such as
    theta + pi/4 is only meaningful on the reduced angle: at |theta| = 1e15 the
    spacing of floats is 0.125, so ``theta + pi/4`` would land somewhere else.
    The reduction goes through ``atan2(sin, cos)``, whose argument reduction is
    exact, rather than through ``theta % period``. Introduced in chapter 3.
    """
    theta = real_array("theta", theta)
    period = positive_real("period", period)
    if period < 1e-300:
        raise ValueError(
            f"period must be at least 1e-300 (2 pi / period must be finite), got {period}"
        )
    w = 2 * math.pi / period
    if np.any(np.abs(w * theta) == np.inf):
        raise ValueError("theta must be small enough that 2 pi theta / period is finite")
    return np.arctan2(np.sin(w * theta), np.cos(w * theta)) / w


def light_cone(circuit: Circuit) -> np.ndarray:
    """Boolean mask of the gates that can influence F (the observable's past light cone).

    Walking back from the observable's wires, a gate is inside when it touches
    a wire already reached; its wires are then reached too. A gate outside has
    dF/dtheta = 0 structurally. PennyLane's parameter-shift skips such gates, so
    its execution count is 2 x (gates inside), not always 2M. Introduced in
    chapter 3.
    """
    circuit = check_circuit(circuit)
    reached = set()
    for _, p in circuit.observable.terms:
        reached.update(p.support)
    inside = np.zeros(circuit.M, dtype=bool)
    for j in range(circuit.M - 1, -1, -1):
        sup = circuit.generators[j].support
        if reached.intersection(sup):
            inside[j] = True
            reached.update(sup)
    return inside
