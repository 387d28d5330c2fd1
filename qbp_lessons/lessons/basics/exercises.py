"""Chapter 0's exercises: strings that anticommute with two others, one shot budget split
between two settings, telling two states apart.

Introduced in chapter 0.
"""

from __future__ import annotations

import math

import numpy as np

from qbp_lessons import costs
from qbp_lessons.engine import circuits, qinfo
from qbp_lessons.engine.paulis import pauli
from qbp_lessons.exercises.checker import (
    FOUR_FIGURES,
    Exercise,
    Verdict,
    WrongKind,
    as_number,
    exact_int,
    number_verdict,
    short,
)
from qbp_lessons.lessons.basics.compute import anticommuting

_EX01_PAIR = ("XZ", "ZX")
_EX02_THETA, _EX02_EPS = 0.1, 0.01
_EX03_ANGLE = np.pi / 8


def _ex01_expected() -> set[str]:
    """The two-qubit strings that anticommute with both strings of the pair."""
    first, second = (set(q.label for q in anticommuting(p)) for p in _EX01_PAIR)
    return first & second


def _ex01_judge(answer) -> Verdict:
    if isinstance(answer, (str, bytes)) or not isinstance(answer, (list, tuple, set, frozenset)):
        raise WrongKind(f"a list of labels such as ['XY', 'ZI'], not {short(answer)}")
    if len(answer) > 16:
        raise WrongKind(f"at most 16 labels (there are 16 two-qubit strings), got {len(answer)}")
    labels = set()
    for item in answer:
        try:
            labels.add(pauli(item, 2, name="label").label)
        except (TypeError, ValueError) as exc:
            raise WrongKind(f"two-letter Pauli labels ({exc})") from None
    want = _ex01_expected()
    if labels == want:
        return Verdict("correct")
    wrong = len(labels - want)
    missing = len(want - labels)
    note = f"{wrong} of your labels commute with XZ or ZX" if wrong else ""
    if missing and not wrong:
        note = "every label you gave is right, but some are missing"
    return Verdict("wrong", note, near=wrong == 0 or len(labels & want) >= 2)


def _ex02_variances() -> tuple[float, float]:
    """One-shot variances 1 - <X>^2 and 1 - <Z>^2 on exp(-i theta Y)|0>, by the engine."""
    one_qubit = [_EX02_THETA]
    x = circuits.expval(circuits.Circuit(1, ["Y"], "X"), one_qubit)
    z = circuits.expval(circuits.Circuit(1, ["Y"], "Z"), one_qubit)
    return 1.0 - x**2, 1.0 - z**2


def _ex02_best_split(total: int) -> int | None:
    """Shots N_X of a split N_X + N_Z = total with variance a/N_X + b/N_Z <= eps^2, if any.

    a/N_X + b/(total - N_X) is convex in N_X, smallest near total sqrt(a)/(sqrt(a) + sqrt(b)),
    so the whole numbers next to that point are the only candidates.
    """
    a, b = _ex02_variances()
    centre = int(total * math.sqrt(a) / (math.sqrt(a) + math.sqrt(b)))
    for n_x in range(max(1, centre - 2), min(total - 1, centre + 3) + 1):
        if a / n_x + b / (total - n_x) <= _EX02_EPS**2 * (1 + 1e-12):
            return n_x
    return None


def _ex02_expected() -> int:
    """Fewest total shots, split between the X and Z settings, for std(<X> + <Z>) <= eps."""
    a, b = _ex02_variances()
    total = int(costs.shots_for_precision(_EX02_EPS, variance=(math.sqrt(a) + math.sqrt(b)) ** 2))
    while _ex02_best_split(total) is None:  # the whole-number split may need a shot or two more
        total += 1
    return total


def _ex02_even_split() -> int:
    """Fewest total shots when the budget is split evenly, N/2 per setting: 2(a + b)/eps^2."""
    a, b = _ex02_variances()
    return 2 * int(costs.shots_for_precision(_EX02_EPS, variance=a + b))


def _ex02_judge(answer) -> Verdict:
    verdict = exact_int(_ex02_expected)(answer)
    if verdict.status != "correct" and int(as_number(answer)) == _ex02_even_split():
        return Verdict(
            "wrong",
            "that is the even split, N/2 shots per setting; an uneven split does better",
            near=True,
        )
    return verdict


def _ex03_expected() -> float:
    """Helstrom: the best single-shot guess between two equally likely states is (1 + T)/2."""
    zero = circuits.zero_state(1)
    tilted = circuits.state(circuits.Circuit(1, ["Y"]), [_EX03_ANGLE])
    distance = qinfo.trace_distance(qinfo.density_matrix(zero), qinfo.density_matrix(tilted))
    return (1.0 + distance) / 2.0


def _ex03_z_only() -> float:
    """What measuring Z gets: right with probability (1 + |p0 - q0|)/2 = (1 + sin^2(pi/8))/2."""
    tilted = circuits.state(circuits.Circuit(1, ["Y"]), [_EX03_ANGLE])
    return (1.0 + abs(1.0 - abs(tilted[0]) ** 2)) / 2.0


def _ex03_judge(answer) -> Verdict:
    value = as_number(answer)
    if number_verdict(value, _ex03_z_only()).status == "correct":
        return Verdict(
            "wrong",
            "that is what measuring Z achieves, (1 + sin^2(pi/8))/2; another measurement"
            " tells the states apart better",
            near=True,
        )
    return number_verdict(value, _ex03_expected())


EXERCISES = {
    "0.1": Exercise(
        question=(
            "Which two-qubit Pauli strings anticommute with both XZ and ZX? Give a list of"
            " labels, for example check('0.1', ['XY', 'ZI'])."
        ),
        judge=_ex01_judge,
        solution=lambda: sorted(_ex01_expected()),
        hints=(
            (
                "Two strings anticommute when the number of wires on which both are"
                " non-identity and different is odd."
            ),
            "XZ and ZX themselves commute: they clash on both wires. Does either qualify?",
            (
                "Of the 16 strings, half anticommute with XZ; of those, half anticommute with"
                " ZX. Expect four."
            ),
        ),
        expects="a list of Pauli labels",
    ),
    "0.2": Exercise(
        question=(
            "O = X + Z is estimated on exp(-i 0.1 Y)|0>: N_X shots in the X basis give <X>,"
            " N_Z shots in the Z basis give <Z>, N = N_X + N_Z in all. What is the fewest N"
            " for which some split gives the estimate of <O> a standard deviation of at most"
            " 0.01?"
        ),
        judge=_ex02_judge,
        solution=_ex02_expected,
        hints=(
            (
                "The two means are independent, so their variances add:"
                " (1 - <X>^2)/N_X + (1 - <Z>^2)/N_Z."
            ),
            (
                "Minimise a/N_X + b/N_Z with N_X + N_Z = N fixed (a Lagrange multiplier, or"
                " Cauchy-Schwarz): N_X is proportional to sqrt(a)."
            ),
            (
                "The smallest variance is (sqrt(a) + sqrt(b))^2/N; here <X> = sin 0.2 and"
                " <Z> = cos 0.2. Round up, and check that a whole-number split reaches it."
            ),
        ),
        expects="a whole number",
    ),
    "0.3": Exercise(
        question=(
            "A friend prepares |0> or exp(-i (pi/8) Y)|0>, each with probability 1/2, and"
            " hands you one copy. With the best measurement you can choose, what is the"
            f" probability that you name the state correctly? {FOUR_FIGURES}"
        ),
        judge=_ex03_judge,
        solution=_ex03_expected,
        hints=(
            (
                "The trace distance is the largest difference, over all measurements and"
                " outcomes, between the two states' probabilities of that outcome."
            ),
            (
                "Guess 'first state' on an outcome set S: you are right with probability"
                " 1/2 (p(S) + 1 - q(S)). Choose S to make p(S) - q(S) as large as possible."
            ),
            "For two pure states T = sqrt(1 - |<psi|phi>|^2); here <psi|phi> = cos(pi/8).",
        ),
    ),
}
