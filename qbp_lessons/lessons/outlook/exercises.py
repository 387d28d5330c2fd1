"""Chapter 8's exercises: what a register of Jordan's algorithm reads, and how sure it is;
the shots a barren plateau asks for; where coherent access stops paying.

Introduced in chapter 8.
"""

from __future__ import annotations

import math

import numpy as np

from qbp_lessons import costs
from qbp_lessons.exercises.checker import (
    FOUR_FIGURES,
    Exercise,
    Verdict,
    as_number,
    exact_int,
    numeric,
)
from qbp_lessons.lessons.outlook.compute import jordan_gradient, two_design_variance

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


def _ex81_judge(answer) -> Verdict:
    value = as_number(answer)
    want = _ex81_expected()
    if value.is_integer() and int(value) != want and int(value) % 2**_EX81_BITS == want:
        why = (
            "that is the signed value 2^b g_2 / bound; a register holds a whole number from 0"
            " to 2^b - 1, so a negative value wraps round modulo 2^b"
        )
        return Verdict("wrong", why, near=True)
    return exact_int(_ex81_expected)(answer)


_ex81_judge.expected = _ex81_expected


def _ex82_judge(answer) -> Verdict:
    value = as_number(answer)
    limit = 4.0 / math.pi**2
    if math.isclose(value, limit, rel_tol=2e-4) and not math.isclose(
        limit, _ex82_expected(), rel_tol=2e-4
    ):
        why = (
            "that is the limit 4/pi^2 for many bits; with b = 4 the sum has only 16 terms and"
            " sin(phi/2) is not phi/2"
        )
        return Verdict("wrong", why, near=True)
    return numeric(_ex82_expected)(answer)


_ex82_judge.expected = _ex82_expected


_EX84_N = 12
_EX85_EPS, _EX85_DELTA = 0.1, 0.01


def _ex84_expected() -> float:
    """Shots per shifted circuit for a standard deviation of sqrt(Var) at n = 12 on a 2-design.

    Parameter shift's component has worst-case variance 2/N with N shots on each of its two
    circuits (:func:`~qbp_lessons.costs.param_shift_shots_per_circuit`: N = 2/eps^2), and the
    typical component is eps = sqrt(Var) with Var from :func:`two_design_variance`.
    """
    var = float(two_design_variance(_EX84_N))
    return 2.0 / var


def _ex84_judge(answer) -> Verdict:
    value = as_number(answer)
    want = _ex84_expected()
    slips = {
        want / 2: "that makes the variance 1/N: parameter shift uses two circuits of N shots",
        math.sqrt(want): "that sets the shots from sqrt(Var), not Var: shots go as 1/eps^2",
        2.0 * 2.0**_EX84_N: "that takes Var = 2^-n: count the draws whose first gate is Z",
        2.0 * want: (
            "that is the shots of one component, over both of its circuits: the question asks"
            " for the shots on each circuit"
        ),
    }
    for slip, why in slips.items():
        if math.isclose(value, slip, rel_tol=2e-3):
            return Verdict("wrong", why, near=True)
    if value == math.floor(want) and value != want:
        why = (
            f"2/Var = {want:.4f} is not a whole number: a shot count rounds up, so fewer"
            " shots than 2/Var leave the standard deviation above sqrt(Var)"
        )
        return Verdict("wrong", why, near=True)
    return numeric(_ex84_expected)(answer)


_ex84_judge.expected = _ex84_expected


def _ex85_gap(M: int) -> float:
    """Quantum gradient's gate applications minus the commuting method's, at one target."""
    return float(
        costs.quantum_gradient_time(M, _EX85_EPS) - costs.commuting_time(M, _EX85_EPS, _EX85_DELTA)
    )


def _ex85_expected() -> int:
    """The smallest M above which the quantum gradient costs more than a commuting circuit.

    Both at "every component within eps with probability >= 1 - delta", from the package's
    models; the gap is negative at M = 10^3 and positive at 10^9, and changes sign once in
    between (sqrt(M) grows faster than 8 ln(2M/delta)/eps): bisection on whole numbers.
    """
    lo, hi = 10**3, 10**9
    if not (_ex85_gap(lo) < 0 < _ex85_gap(hi)):
        raise RuntimeError("the crossover is not between 10^3 and 10^9")
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if _ex85_gap(mid) < 0 else (lo, mid)
    return hi


def _ex85_judge(answer) -> Verdict:
    value = as_number(answer)
    rms = 16.0 / _EX85_EPS**2  # the rms targets: sqrt(M)/eps = 4/eps^2
    if math.isclose(value, rms, rel_tol=2e-3):
        why = "that is the crossover at the rms targets; the question asks for every component"
        return Verdict("wrong", why, near=True)
    return numeric(_ex85_expected)(answer)


EXERCISES = {
    "8.1": Exercise(
        question=(
            "Jordan's algorithm with b = 5 bits per register and bound 1 runs on"
            " f(x) = 0.7 + 0.40625 x_1 - 0.1875 x_2. Which outcome y_2 (a whole number from 0"
            " to 31) does the second register show?"
        ),
        judge=_ex81_judge,
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
        judge=_ex82_judge,
        hints=(
            "The amplitude of y is 2^{-b} sum_k e^{2 pi i k (5.5 - y) / 2^b}: a geometric sum.",
            "A geometric sum of N = 2^b terms with ratio e^{i phi} has modulus"
            " |sin(N phi / 2) / sin(phi / 2)|.",
            "Here phi = 2 pi (1/2) / 16 and N phi / 2 = pi / 2: the probability is"
            " 1 / (N^2 sin^2(phi / 2)).",
        ),
    ),
    "8.4": Exercise(
        question=(
            "Assume that the deep circuits of this chapter behave as a 2-design on n = 12"
            " qubits too (the chapter's scans checked n <= 8): Var(dF/dtheta_1) ="
            " (2/3) 2N/(N^2 - 1) with N = 2^n. Parameter shift"
            " estimates the component from two circuits of N_s shots each, with worst-case"
            " variance 2/N_s. How many shots per circuit make its standard deviation equal to"
            f" the typical size sqrt(Var) of the component? {FOUR_FIGURES}"
        ),
        judge=_ex84_judge,
        solution=_ex84_expected,
        hints=(
            "A standard deviation eps needs 2/eps^2 shots per circuit (chapter 3's rule).",
            "Set eps^2 = Var: the shots per circuit are 2/Var.",
            "Put the 2-design's variance in and simplify 2/Var before setting N = 2^12: the"
            " 1/N left over is far below the fourth figure.",
        ),
    ),
    "8.5": Exercise(
        question=(
            "At one target, every component within eps = 0.1 with probability at least"
            " 1 - delta, delta = 0.01, the chapter's models give the quantum gradient"
            " M sqrt(M)/eps gate applications and commuting generators (chapter 7)"
            " M * 8 ln(2M/delta)/eps^2. Above which M does the quantum gradient cost more?"
            f" {FOUR_FIGURES}"
        ),
        judge=_ex85_judge,
        solution=_ex85_expected,
        hints=(
            "Divide both costs by M: compare sqrt(M)/eps with 8 ln(2M/delta)/eps^2.",
            "The crossover solves sqrt(M) = 80 ln(200 M): no closed form, iterate or bisect.",
            "Start at M = 10^6 and iterate M <- (80 ln(200 M))^2; it settles in a few steps.",
        ),
    ),
}
