"""Weak measurement of a qubit: information against disturbance.

Introduced in chapter 5. A qubit's Z measured with strength s in [0, 1] reports the
eigenvalue flipped with probability (1 - s)/2. At small s the information gained and
the infidelity of the state afterwards both grow like s^2 (for a pure state their ratio
tends to 2/ln 2), while the trace distance moved grows like s. Weak or projective, the
information comes at a comparable rate: on chapter 5's grid of states (<Z> < 1) and
strengths the bits per unit of lost fidelity stay between 2 (<Z> = 0, s = 1) and about
3.2 (tested in tests/unit/lessons/collapse/test_weak.py). Each post-measurement
state comes from the Lueders rule (:func:`qbp_lessons.lessons.collapse.gentle.measure_effect`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qbp_lessons._validate import record
from qbp_lessons import costs
from qbp_lessons._validate import probability, real_array
from qbp_lessons.engine import qinfo
from qbp_lessons.lessons.collapse.gentle import measure_effect

__all__ = ["WeakMeasurement", "weak_measurement", "WeakScan", "weak_measurement_scan"]


def _entropy_bits(p: float) -> float:
    """Binary entropy H2(p) in bits."""
    return float(max(-sum(q * np.log2(q) for q in (p, 1.0 - p) if q > 0), 0.0))


@record
@dataclass(frozen=True)
class WeakMeasurement:
    """A qubit's Z measured with strength s: effects (I + s Z)/2 and (I - s Z)/2 (chapter 5).

    ``probabilities`` of the outcomes (+1, -1); ``bloch_before``, ``bloch_after``
    (one row per outcome) and ``bloch_average`` (outcome forgotten) as Bloch
    vectors; ``information``: the mutual information, in bits, between the
    outcome and the result a projective Z measurement would have given;
    ``disturbance``: the trace distance to the original state, averaged over
    the outcomes (the outcome kept); ``disturbance_forgotten``: the trace
    distance to the average state sum_s p_s rho_s (the outcome forgotten);
    ``infidelity``: sum_s p_s (1 - F(rho, rho_s)), the fidelity lost with the outcome
    kept, of order s^2 like the information (for a pure state it is
    (1 - <Z>^2)(1 - sqrt(1 - s^2))/2); ``gentle_bound``: the lemma's sum_s p_s sqrt(1 - p_s).
    """

    strength: float
    probabilities: np.ndarray
    bloch_before: np.ndarray
    bloch_after: np.ndarray
    bloch_average: np.ndarray
    information: float
    information_max: float
    disturbance: float
    disturbance_forgotten: float
    infidelity: float
    gentle_bound: float


def weak_measurement(rho, strength: float) -> WeakMeasurement:
    """Measure Z on the qubit ``rho`` with ``strength`` in [0, 1] (0: not at all, 1: projectively).

    The outcome +-1 has effect (I +- s Z)/2: it reports Z's eigenvalue, flipped
    with probability (1 - s)/2. Each post-measurement state comes from
    :func:`measure_effect`. Introduced in chapter 5.
    """
    rho = qinfo.check_density(rho, n=1)
    s = probability("strength", strength, open_interval=False)
    z = np.diag([1.0, -1.0]).astype(complex)
    probs, after = np.zeros(2), np.zeros((2, 3))
    average = np.zeros((2, 2), complex)
    disturbance = infidelity = bound = 0.0
    for i, sign in enumerate((1, -1)):
        effect = 0.5 * (np.eye(2) + sign * s * z)
        if np.trace(effect @ rho).real <= 1e-15:
            continue
        p, post = measure_effect(rho, effect)
        probs[i], after[i] = p, qinfo.bloch_vector(post)
        average += p * post
        disturbance += p * qinfo.trace_distance(rho, post)
        infidelity += p * (1.0 - qinfo.fidelity(rho, post))
        bound += p * costs.gentle_measurement_bound(min(max(1.0 - p, 0.0), 1.0))
    before = qinfo.bloch_vector(rho)
    p_z = (1.0 + before[2]) / 2.0  # prior of the projective Z result
    information = _entropy_bits(probs[0]) - _entropy_bits((1.0 - s) / 2.0)
    return WeakMeasurement(
        s,
        probs,
        before,
        after,
        qinfo.bloch_vector(average),
        max(information, 0.0),
        _entropy_bits(p_z),
        float(disturbance),
        qinfo.trace_distance(rho, average),
        float(max(infidelity, 0.0)),
        float(bound),
    )


@record
@dataclass(frozen=True)
class WeakScan:
    """:func:`weak_measurement` on a grid: |psi(a)> = cos(a/2)|0> + sin(a/2)|1> times strengths."""

    angles: np.ndarray
    strengths: np.ndarray
    results: tuple  # results[i][j]: angle i, strength j

    def get(self, angle: float, strength: float) -> WeakMeasurement:
        i = int(np.flatnonzero(np.isclose(self.angles, angle))[0])
        j = int(np.flatnonzero(np.isclose(self.strengths, strength))[0])
        return self.results[i][j]

    def curve(self, angle: float, field: str) -> np.ndarray:
        """One field of the results along the strengths, at one angle."""
        i = int(np.flatnonzero(np.isclose(self.angles, angle))[0])
        return np.array([getattr(r, field) for r in self.results[i]])


def weak_measurement_scan(angles, strengths) -> WeakScan:
    """:func:`weak_measurement` for real qubit states at polar ``angles`` (radians), each strength.

    At most 50 angles and 201 strengths. Introduced in chapter 5.
    """
    angles = real_array("angles", angles, ndim=1)
    strengths = real_array("strengths", strengths, ndim=1)
    if not 1 <= angles.size <= 50:
        raise ValueError(f"angles must hold 1 to 50 values, got {angles.size}")
    if not 1 <= strengths.size <= 201:
        raise ValueError(f"strengths must hold 1 to 201 values, got {strengths.size}")
    for s in strengths:
        probability("strengths", s, open_interval=False)
    results = []
    for a in angles:
        rho = qinfo.density_matrix(np.array([np.cos(a / 2), np.sin(a / 2)]))
        results.append(tuple(weak_measurement(rho, s) for s in strengths))
    return WeakScan(angles, strengths, tuple(results))
