"""Chapter 0's exercises: strings that anticommute with two others, shots for one precision,
telling two states apart.

Introduced in chapter 0.
"""

from __future__ import annotations

import numpy as np

from qbp_lessons import costs
from qbp_lessons.engine import circuits, qinfo
from qbp_lessons.engine.paulis import pauli
from qbp_lessons.exercises.checker import (
    FOUR_FIGURES,
    Exercise,
    Verdict,
    WrongKind,
    exact_int,
    numeric,
    short,
)
from qbp_lessons.lessons.basics.compute import anticommuting

_EX01_PAIR = ("XZ", "ZX")
_EX02_THETA, _EX02_EPS = 0.3, 0.01
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


def _ex02_expected() -> int:
    """Fewest shots for std <= eps of the estimate of <X> on exp(-i theta Y)|0>."""
    value = circuits.expval(circuits.Circuit(1, ["Y"], "X"), [_EX02_THETA])
    return int(costs.shots_for_precision(_EX02_EPS, variance=1.0 - value**2))


def _ex03_expected() -> float:
    """Helstrom: the best single-shot guess between two equally likely states is (1 + T)/2."""
    zero = circuits.zero_state(1)
    tilted = circuits.state(circuits.Circuit(1, ["Y"]), [_EX03_ANGLE])
    distance = qinfo.trace_distance(qinfo.density_matrix(zero), qinfo.density_matrix(tilted))
    return (1.0 + distance) / 2.0


EXERCISES = {
    "0.1": Exercise(
        question=(
            "Which two-qubit Pauli strings anticommute with both XZ and ZX? Give a list of"
            " labels, for example check('0.1', ['XY', 'ZI'])."
        ),
        judge=_ex01_judge,
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
            "The state exp(-i 0.3 Y)|0> is measured in the X basis, N times. What is the"
            " fewest N for which the standard deviation of the estimate of <X> is at most"
            " 0.01?"
        ),
        judge=exact_int(_ex02_expected),
        hints=(
            "One shot gives +1 or -1; its variance is 1 - <X>^2, and a mean of N has 1/N of it.",
            "exp(-i t Y)|0> = cos t |0> + sin t |1>, so <X> = sin 2t.",
            "N is the smallest whole number with (1 - <X>^2)/N <= 0.01^2: round up.",
        ),
        expects="a whole number",
    ),
    "0.3": Exercise(
        question=(
            "A friend prepares |0> or exp(-i (pi/8) Y)|0>, each with probability 1/2, and"
            " hands you one copy. With the best measurement you can choose, what is the"
            f" probability that you name the state correctly? {FOUR_FIGURES}"
        ),
        judge=numeric(_ex03_expected),
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
