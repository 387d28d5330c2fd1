"""Chapter 8's exercises: what a register of Jordan's algorithm reads, and how sure it is.

Introduced in chapter 8.
"""

from __future__ import annotations

import numpy as np

from qbp_lessons.exercises.checker import FOUR_FIGURES, Exercise, exact_int, numeric
from qbp_lessons.lessons.outlook.compute import jordan_gradient

_EX81_GRADIENT, _EX81_BITS = (0.40625, -0.1875), 5
_EX82_BITS, _EX82_Y = 4, 5


def _ex81_expected() -> int:
    """The most likely outcome of register 2 (an integer 0 .. 31)."""
    g = np.array(_EX81_GRADIENT)
    readout = jordan_gradient(lambda x: 0.7 + g @ x, np.zeros(2), _EX81_BITS)
    return int(np.argmax(readout.marginal(1)))


def _ex82_expected() -> float:
    """Probability of outcome y when 2^b g / bound = y + 1/2, halfway between two outcomes."""
    g = (_EX82_Y + 0.5) / 2**_EX82_BITS
    readout = jordan_gradient(lambda x: g * x[0], np.zeros(1), _EX82_BITS)
    return float(readout.marginal(0)[_EX82_Y])


EXERCISES = {
    "8.1": Exercise(
        question=(
            "Jordan's algorithm with b = 5 bits per register and bound 1 runs on"
            " f(x) = 0.7 + 0.40625 x_1 - 0.1875 x_2. Which outcome y_2 (a whole number from 0"
            " to 31) does the second register show?"
        ),
        judge=exact_int(_ex81_expected),
        hints=(
            "After the oracle, register i carries the phase e^{2 pi i k g_i / bound} on |k>.",
            "The inverse QFT sends e^{2 pi i k y / 2^b} to |y>: so y = 2^b g_i / bound.",
            "Outcomes are taken modulo 2^b = 32: a negative y wraps round to 32 + y.",
        ),
        expects="a whole number from 0 to 31",
    ),
    "8.2": Exercise(
        question=(
            "One register of b = 4 bits reads a gradient for which 2^b g / bound = 5.5, halfway"
            " between two outcomes. What is the probability that it shows y = 5?"
            f" {FOUR_FIGURES}"
        ),
        judge=numeric(_ex82_expected),
        hints=(
            "The amplitude of y is 2^{-b} sum_k e^{2 pi i k (5.5 - y) / 2^b}: a geometric sum.",
            "A geometric sum of N = 2^b terms with ratio e^{i phi} has modulus"
            " |sin(N phi / 2) / sin(phi / 2)|.",
            "Here phi = 2 pi (1/2) / 16 and N phi / 2 = pi / 2: the probability is"
            " 1 / (N^2 sin^2(phi / 2)).",
        ),
    ),
}
