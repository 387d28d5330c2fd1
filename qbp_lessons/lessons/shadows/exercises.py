"""Chapter 6's exercises: the reduction with another ancilla, the variance of a sum of
two strings' estimates, shadows against parameter shift at one rms target, an estimator.

Introduced in chapter 6.
"""

from __future__ import annotations

import math
from fractions import Fraction

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
#: Exercise 6.2: O = (XX + ZZ)/2 on the Bell state (|00> + |11>)/sqrt 2.
_EX62_STRINGS = ("XX", "ZZ")
#: Exercise 6.3: weight-4 strings, each tr(rho Q_k) to a standard deviation eps (any state).
_EX63_K, _EX63_EPS = 4, Fraction(1, 10)


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


def bell_state() -> np.ndarray:
    """(|00> + |11>)/sqrt 2, the state of exercise 6.2."""
    return np.array([1, 0, 0, 1], dtype=complex) / math.sqrt(2)


def _ex62_expected() -> float:
    """Var of one snapshot's estimate of O = (XX + ZZ)/2 on the Bell state.

    The two strings' snapshot estimates each have second moment 3^2 and never match the
    same snapshot (their letters differ on every wire), so E[x z] = 0 and
    Var = (9 + 9 + 0)/4 - (<XX> + <ZZ>)^2 / 4.
    """
    means = shadows.exact_expectations(bell_state(), list(_EX62_STRINGS))
    second = 2 * costs.shadow_norm_squared(2) / 4
    return float(second - (means.sum() / 2) ** 2)


def _ex62_judge(answer) -> Verdict:
    value = as_number(answer)
    want = _ex62_expected()
    means = shadows.exact_expectations(bell_state(), list(_EX62_STRINGS))
    independent = float(sum(costs.shadow_norm_squared(2) - m**2 for m in means) / 4)
    if math.isclose(value, independent, rel_tol=1e-3):
        return Verdict(
            "wrong",
            "that treats the two estimates as independent: can one snapshot inform both strings?",
            near=True,
        )
    if math.isclose(value, want + 1.0, rel_tol=1e-3):
        return Verdict(
            "wrong", "that is the second moment; the variance subtracts <O>^2", near=True
        )
    if value == 0:
        return Verdict(
            "wrong",
            "0 is the variance of measuring O itself (the Bell state is its eigenstate), not of"
            " a random-Pauli snapshot's estimate",
            near=False,  # 0 is also what a blank guess gives: it opens no further hint
        )
    return numeric(_ex62_expected)(answer)


def _ex63_copies(M: int) -> tuple[Fraction, Fraction]:
    """(parameter-shift shots, snapshots) for M values tr(rho Q_k), each to std dev eps.

    Parameter shift on the reduction circuit: tr(rho Q_k) is half the component
    F(+pi/4) - F(-pi/4), whose variance with N shots per circuit is at most 2/N
    (the bound of :func:`costs.param_shift_shots_per_circuit`), so N = 2/(2 eps)^2
    on each of the 2M circuits. Shadows: variance at most 3^k / T for every string at once.
    """
    eps = _EX63_EPS
    per_circuit = Fraction(2) / (2 * eps) ** 2
    shift = int(costs.param_shift_circuits(M)) * per_circuit
    snapshots = Fraction(costs.shadow_norm_squared(_EX63_K)) / eps**2
    return shift, snapshots


def _ex63_expected() -> int:
    """Smallest M at which the snapshots are strictly fewer than the parameter-shift shots."""
    M = 1
    while _ex63_copies(M)[1] >= _ex63_copies(M)[0]:
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
    if int(value) in (34 * 3**_EX63_K, 34 * 3**_EX63_K + 1):
        return Verdict(
            "wrong",
            "that is where the chapter's two tail bounds cross; the question compares standard"
            " deviations, with no union bound",
            near=True,
        )
    if int(value) in (2 * (want - 1) + 1, 4 * (want - 1) + 1, (want - 1) // 2 + 1):
        return Verdict(
            "wrong",
            "check the factor 2 of the gradient (dF = 2 tr(rho Q)) and the two circuits per"
            " component",
            near=True,
        )
    return Verdict("wrong", near=is_near(value, want))


def _ex64_estimate(recipes, bits, label) -> float:
    """Exercise 6.4's key: the plain mean of :func:`shadows.estimate_paulis` on these snapshots."""
    return float(shadows.estimate_paulis(shadows.Shadow(recipes, bits), [label])[0])


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
        solution=_ex61_expected,
        hints=(
            "At theta = 0, dF/dtheta_k = <i [P_k, O]>, on the ancilla's state times rho.",
            "i [X (x) Q, Z (x) I] = 2 Y (x) Q: you need <Y> of the new ancilla state.",
            "exp(-i t X)|0> = cos t |0> - i sin t |1> has <Y> = -sin 2t.",
        ),
    ),
    "6.2": Exercise(
        question=(
            "Two qubits in the Bell state (|00> + |11>)/sqrt 2 and the observable O = (XX + ZZ)/2."
            " One random-Pauli snapshot estimates O by (x + z)/2, where x and z are its estimates"
            f" of XX and ZZ. What is the variance of that estimate? {FOUR_FIGURES}"
        ),
        judge=_ex62_judge,
        solution=_ex62_expected,
        hints=(
            "Var = E[o^2] - <O>^2 with o = (x + z)/2, and E[o^2] = (E[x^2] + E[z^2] + 2 E[xz])/4.",
            "E[x^2] = 3^k for a weight-k string. For E[xz]: which letters must a snapshot have for"
            " x to be non-zero, and which for z?",
            "x is non-zero only when the letters are X, X and z only when they are Z, Z: never"
            " both, so E[xz] = 0. And <XX> = <ZZ> = 1 in this state.",
        ),
    ),
    "6.3": Exercise(
        question=(
            "Estimate tr(rho Q_k) for M weight-4 Pauli strings Q_k, each with standard deviation at"
            " most eps = 0.1 whatever the state, in two ways: (a) parameter shift on the reduction"
            " circuit, N shots (outcomes +-1 of Z on the ancilla) on each of its 2M shifted"
            " circuits; (b) T random-Pauli snapshots of rho and the plain-mean estimator. Take shot"
            " counts as real numbers (no rounding). What is the smallest M for which (b) needs"
            " strictly fewer copies than (a)?"
        ),
        judge=_ex63_judge,
        solution=_ex63_expected,
        hints=(
            "(a): the gradient component is F(+pi/4) - F(-pi/4), and it equals 2 tr(rho Q_k).",
            "(a): each F is a mean of N outcomes +-1, variance at most 1/N; a standard deviation"
            " eps on tr(rho Q_k) is 2 eps on the component. Count 2M N shots in all.",
            "(b): one snapshot's estimate of a weight-k string has variance at most 3^k, and the"
            " same T snapshots serve every string. Compare the two totals; mind 'strictly'.",
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
        solution=lambda: _ex64_estimate,
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
