"""Chapter 6's exercises: the reduction with another ancilla, the shadow variance, the
crossover, an estimator.

Introduced in chapter 6.
"""

from __future__ import annotations

import math

import numpy as np

from qbp_lessons import costs
from qbp_lessons.engine import circuits
from qbp_lessons.engine import gradients
from qbp_lessons.lessons import shadows
from qbp_lessons.exercises.checker import (
    Exercise,
    Verdict,
    WrongKind,
    as_number,
    FOUR_FIGURES,
    call_student,
    is_near,
    numeric,
)

_EX61_ANGLE, _EX61_VALUE = -math.pi / 8, 0.3
_EX62_K, _EX62_VALUE = 3, 0.9
_EX63_K, _EX63_EPS, _EX63_DELTA = 3, 0.1, 0.01


def _ex61_expected() -> float:
    """dF/dtheta_k of the reduction circuit, ancilla prepared at angle -pi/8, tr(rho Q) = 0.3.

    rho is one qubit exp(-i t Y)|0> with <Z> = cos 2t = 0.3 and Q = Z; the gradient is the adjoint
    one.
    """
    prep = circuits.Circuit(1, ["Y"])
    theta = np.array([math.acos(_EX61_VALUE) / 2])
    circuit = shadows.reduction_circuit(prep, ["Z"])
    point = shadows.reduction_parameters(prep, theta, 1)
    point[0] = _EX61_ANGLE
    return float(gradients.grad_adjoint(circuit, point)[-1])


def _ex61_judge(answer) -> Verdict:
    value = as_number(answer)
    if math.isclose(value, _EX61_VALUE, rel_tol=1e-3):
        return Verdict("wrong", "that is tr(rho Q): the ancilla contributes 2<Y>", near=True)
    if math.isclose(value, 2 * _EX61_VALUE, rel_tol=1e-3):
        return Verdict("wrong", "<Y> is no longer 1", near=True)
    return numeric(_ex61_expected)(answer)


def _ex62_expected() -> float:
    """Variance of one snapshot's estimate of a weight-3 string with <P> = 0.9: E[X^2] - <P>^2."""
    return costs.shadow_norm_squared(_EX62_K) - _EX62_VALUE**2


def _ex62_judge(answer) -> Verdict:
    value = as_number(answer)
    if math.isclose(value, costs.shadow_norm_squared(_EX62_K), rel_tol=1e-3):
        return Verdict(
            "wrong",
            "that is the second moment E[X^2]; the variance subtracts the mean squared",
            near=True,
        )
    if math.isclose(value, 1 - _EX62_VALUE**2, rel_tol=1e-3):
        return Verdict(
            "wrong",
            "that is the variance of one direct measurement of P, not of a snapshot's estimate",
            near=True,
        )
    return numeric(_ex62_expected)(answer)


def _ex63_expected() -> int:
    """Smallest M at which the shadow bound drops below direct measurement's (both unrounded)."""
    M = 1
    while (
        costs.shadow_batches(M, _EX63_DELTA) * costs.shadow_batch_size(_EX63_EPS, _EX63_K)
        >= M * costs.shadow_batches(M, _EX63_DELTA) / _EX63_EPS**2
    ):
        M += 1
    return M


def _ex63_judge(answer) -> Verdict:
    value = as_number(answer)
    if not float(value).is_integer():
        raise WrongKind(f"a whole number of strings, not {value}")
    want = _ex63_expected()
    if int(value) == want:
        return Verdict("correct")
    if int(value) == want - 1:
        return Verdict(
            "wrong", "at that M the two are equal: shadows must need strictly fewer", near=True
        )
    if int(value) in (round(want * 2), round(want * 4)):
        return Verdict(
            "wrong", "check the constant of each bound: 68 = 2 x 34, and Hoeffding's 2", near=True
        )
    return Verdict("wrong", near=is_near(value, want))


def _ex64_judge(candidate) -> Verdict:
    """A hand-written estimate(recipes, bits, label) against shadows.estimate_paulis.

    On seeded shadows.

    Near (the next hint opens): a recognised slip (a missing 3^k, a flipped sign), or
    right on an earlier case with a non-identity label.
    """
    rng = np.random.default_rng(64)
    cases = []
    for n, T, label in (
        (3, 400, "XIZ"),
        (4, 1000, "ZZZZ"),
        (2, 50, "IY"),
        (5, 700, "IIIII"),
        (3, 1, "YII"),
    ):
        prep = circuits.random_circuit(n, 3 * n, locality=min(2, n), seed=int(rng.integers(1000)))
        psi = circuits.state(prep, circuits.random_parameters(prep.M, seed=int(rng.integers(1000))))
        cases.append((shadows.measure_shadow(psi, T, seed=int(rng.integers(1000))), label))
    right_before = False
    for shadow, label in cases:
        want = float(shadows.estimate_paulis(shadow, [label])[0])
        got = call_student(candidate, shadow.recipes.copy(), shadow.bits.copy(), label)
        try:
            value = as_number(got)
        except WrongKind as kind:
            raise WrongKind(
                f"a function returning a number; yours returned {type(got).__name__} ({kind})"
            ) from None
        if not math.isclose(value, want, rel_tol=0, abs_tol=1e-9):
            hint = ""
            if math.isclose(value * 3 ** sum(ch != "I" for ch in label), want, abs_tol=1e-9):
                hint = ": the factor 3^k is missing"
            elif math.isclose(-value, want, abs_tol=1e-9):
                hint = ": the sign is flipped (bit 0 is eigenvalue +1)"
            return Verdict(
                "wrong",
                f"for {label} on {shadow.T} snapshots it is not the estimate{hint}",
                near=bool(hint) or right_before,
            )
        right_before = right_before or label.strip("I") != ""
    return Verdict("correct")


EXERCISES = {
    "6.1": Exercise(
        question=(
            "In the reduction, prepare the ancilla with exp(-i t X)|0> at t = -pi/8 instead of"
            " -pi/4 (keep O = Z on the ancilla and P_k = X_ancilla (x) Q_k). If tr(rho Q_k) = 0.3,"
            f" what is dF/dtheta_k at theta = 0? {FOUR_FIGURES}"
        ),
        judge=_ex61_judge,
        hints=(
            "At theta = 0, dF/dtheta_k = <i [P_k, O]>, on the ancilla's state times rho.",
            "i [X (x) Q, Z (x) I] = 2 Y (x) Q: you need <Y> of the new ancilla state.",
            "exp(-i t X)|0> = cos t |0> - i sin t |1> has <Y> = -sin 2t.",
        ),
    ),
    "6.2": Exercise(
        question=(
            "One random Pauli snapshot's estimate of a weight-3 Pauli string P with <P> = 0.9: what"
            f" is its variance? {FOUR_FIGURES}"
        ),
        judge=_ex62_judge,
        hints=(
            "The estimate takes the values +-27 or 0: 0 unless the three random letters match P's.",
            "It is +-27 with probability 1/27 in all; its mean is <P>.",
            "Var = E[X^2] - <P>^2, and X^2 = 729 exactly when the letters match.",
        ),
    ),
    "6.3": Exercise(
        question=(
            "For weight-3 strings at eps = 0.1 and delta = 0.01, take the two bounds of this"
            " chapter as written (no rounding): 68 3^k ln(2M/delta)/eps^2 snapshots for shadows, M"
            " 2 ln(2M/delta)/eps^2 shots for direct measurement. What is the smallest M for which"
            " shadows need strictly fewer copies?"
        ),
        judge=_ex63_judge,
        hints=(
            "Write both as a multiple of ln(2M/delta)/eps^2.",
            "The logarithm and eps cancel: the comparison is between 68 x 3^k and 2M.",
            "Strictly fewer: turn the comparison into an inequality for M, and mind the word"
            " strictly.",
        ),
        expects="a whole number",
    ),
    "6.4": Exercise(
        question=(
            "Write estimate(recipes, bits, label) returning the classical-shadow estimate (plain"
            " mean) of the Pauli string label, such as 'XIZ', from int arrays of shape (T, n):"
            " recipes 0/1/2 = X/Y/Z, bit 0 = eigenvalue +1."
        ),
        judge=_ex64_judge,
        hints=(
            "Only the wires where the label is not I matter.",
            (
                "A snapshot contributes 0 unless its recipes equal the label's letters on every one"
                " of those wires."
            ),
            (
                "When they match, it contributes 3^k times the product of (1 - 2 bit) over those"
                " wires; average over all T snapshots, zeros included."
            ),
        ),
        expects="a function estimate(recipes, bits, label) returning a number",
    ),
}
