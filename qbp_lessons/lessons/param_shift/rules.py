"""The parameter-shift rules: two evaluations give the exact derivative, and when they do not.

For a gate exp(-i theta P) with P^2 = I, F is a sinusoid of theta with period pi,
and two evaluations give the exact derivative (Mitarai et al., PRA 98, 032309
(2018); Schuld et al., PRA 99, 032331 (2019))::

    dF/dtheta = F(theta + pi/4) - F(theta - pi/4).

For a generator with eigenvalues +-r, exp(-i theta G), the rule is
``r [F(theta + pi/(4r)) - F(theta - pi/(4r))]``; RX(theta) = exp(-i theta X/2) has
r = 1/2 and gives ``[F(theta + pi/2) - F(theta - pi/2)] / 2``. A controlled
rotation has three eigenvalues and needs four evaluations
(:func:`four_term_shift_derivative`).

The rules act on F as a function of one angle; the gradients of whole circuits and
their shot noise are in :mod:`.gradients`. Introduced in chapter 3.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from qbp_lessons._validate import record
from qbp_lessons._validate import bounded_int, positive_real, real
from qbp_lessons.lessons.param_shift.structure import reduce_angles

__all__ = [
    "SHIFT",
    "shift_derivative",
    "rx_shift_derivative",
    "ShiftRuleScan",
    "shift_rule_scan",
    "FOUR_TERM_SHIFTS",
    "four_term_shift_derivative",
    "controlled_rotation",
]

SHIFT = np.pi / 4  #: the shift for exp(-i theta P), P^2 = I


# --------------------------------------------------------------------------
# The two-term rule
# --------------------------------------------------------------------------


def shift_derivative(f, x, r: float = 1.0) -> float:
    """Two-term shift rule for a gate exp(-i x G) whose generator G has eigenvalues +-r.

    Returns ``r [f(x + pi/(4r)) - f(x - pi/(4r))]``, exact for such gates.
    ``r = 1``: Pauli rotations exp(-i x P), shift pi/4. ``r = 1/2``: RX, RY, RZ
    and PennyLane's PauliRot, shift pi/2 and a factor 1/2. Such an f has period
    pi/r, so x is first reduced to one period (:func:`.structure.reduce_angles`):
    a shift added to a huge x would be lost to rounding. Introduced in chapter 3.
    """
    if not callable(f):
        raise TypeError(f"f must be a callable F(x), got {type(f).__name__}")
    x = real("x", x)
    r = positive_real("r", r, upper=1e6)
    if abs(x) * r > 1e300:
        raise ValueError(f"x must be below 1e300 / r in size, got {x}")
    x = float(reduce_angles([x], period=math.pi / r)[0])
    s = np.pi / (4 * r)
    return real("f(x +- s)", r * (f(x + s) - f(x - s)))  # a NaN from f is refused here


def rx_shift_derivative(f, x) -> float:
    """The RX-convention rule, RX(x) = exp(-i x X/2): ``[f(x + pi/2) - f(x - pi/2)] / 2``.

    Introduced in chapter 3.
    """
    return shift_derivative(f, x, r=0.5)


@record
@dataclass(frozen=True)
class ShiftRuleScan:
    """F along one parameter and what the shift rule does there (from :func:`shift_rule_scan`).

    ``xs``, ``fs``: F over one period around ``x0``; ``f0``, ``f_plus``,
    ``f_minus``: F at x0 and at x0 +- ``shift``; ``slope``: the rule's derivative.
    Introduced in chapter 3.
    """

    xs: np.ndarray
    fs: np.ndarray
    x0: float
    r: float
    shift: float
    f0: float
    f_plus: float
    f_minus: float
    slope: float


def shift_rule_scan(f, x0, r: float = 1.0, points: int = 201) -> ShiftRuleScan:
    """Evaluate F along one parameter around ``x0`` and apply the two-term rule there.

    ``f`` is F as a function of the angle of one gate exp(-i x G) whose generator
    has eigenvalues +-r. Chapter 3 draws the result with
    :func:`qbp_lessons.lessons.param_shift.show.shift_rule_figure`. Introduced in chapter 3.
    """
    if not callable(f):
        raise TypeError(f"f must be a callable F(x), got {type(f).__name__}")
    x0 = real("x0", x0)
    r = positive_real("r", r, upper=1e6)
    if abs(x0) * r > 1e300:
        raise ValueError(f"x0 must be below 1e300 / r in size, got {x0}")
    points = bounded_int("points", points, minimum=3, maximum=10_000)
    slope = shift_derivative(f, x0, r)
    s = math.pi / (4 * r)
    xs = np.linspace(x0 - 2 * s, x0 + 2 * s, points)
    fs = np.array([float(f(float(x))) for x in xs])
    return ShiftRuleScan(xs, fs, x0, r, s, float(f(x0)), float(f(x0 + s)), float(f(x0 - s)), slope)


# --------------------------------------------------------------------------
# Gates the two-term rule cannot handle
# --------------------------------------------------------------------------


#: The four-term rule for a gate exp(-i x G) whose generator has eigenvalues -1, 0, +1
#: (frequencies 1 and 2):
#: ``dF/dx = d1 [F(x + s1) - F(x - s1)] + d2 [F(x + s2) - F(x - s2)]`` with these (s, d) pairs.
FOUR_TERM_SHIFTS = (
    (math.pi / 4, (math.sqrt(2) + 1) / (2 * math.sqrt(2))),
    (3 * math.pi / 4, -(math.sqrt(2) - 1) / (2 * math.sqrt(2))),
)


def four_term_shift_derivative(f, x) -> float:
    """The four-term rule for a gate exp(-i x G) whose generator has eigenvalues -1, 0 and +1.

    A controlled Pauli rotation exp(-i x |1><1|_q (x) P) is such a gate: F is
    ``a + b1 cos x + c1 sin x + b2 cos 2x + c2 sin 2x`` (frequencies 1 and 2),
    the two-term rule fails, and four evaluations give the exact derivative
    (Anselmetti et al., New J. Phys. 23, 113010 (2021); PennyLane's CRX rule at
    twice the angle). For frequency w, ``F(x+s) - F(x-s)`` is ``2 sin(w s)/w``
    times that term's derivative, and the weights of :data:`FOUR_TERM_SHIFTS`
    make the sum 1 for w = 1 and w = 2. Introduced in chapter 3.
    """
    if not callable(f):
        raise TypeError(f"f must be a callable F(x), got {type(f).__name__}")
    x = real("x", x)
    x = float(reduce_angles([x], period=2 * math.pi)[0])
    return real("f(x +- s)", sum(d * (f(x + s) - f(x - s)) for s, d in FOUR_TERM_SHIFTS))


def controlled_rotation(control: int, p, n: int) -> tuple:
    """The controlled rotation exp(-i x |1><1|_q (x) P) as two Pauli rotations of the engine.

    ``|1><1|_q = (I - Z_q)/2`` (q the control wire), and P commutes with Z_q P, so
    ``exp(-i x |1><1|_q P) = exp(-i (x/2) P) exp(-i (-x/2) Z_q P)``. Returns the
    two Pauli strings ``(P, Z_q P)``: put them in a circuit with the angles
    ``x/2`` and ``-x/2``. ``p`` must act on n wires and be the identity on
    ``control``. Introduced in chapter 3.
    """
    from qbp_lessons.engine.paulis import pauli

    n = bounded_int("n", n, minimum=2, maximum=1024)
    control = bounded_int("control", control, minimum=0, maximum=n - 1)
    p = pauli(p, n, name="p")
    if p.label[control] != "I":
        raise ValueError(f"p must act as the identity on the control wire {control}, got {p.label}")
    if p.weight == 0:
        raise ValueError("p must not be the identity")
    zp = p.label[:control] + "Z" + p.label[control + 1 :]
    return p, pauli(zp, n, name="p")
