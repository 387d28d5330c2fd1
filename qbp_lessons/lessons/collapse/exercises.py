"""Chapter 5's exercises: a copy that is not a copy, measuring twice, the Lueders rule,
sharing copies.

Introduced in chapter 5.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
from scipy.optimize import brentq

from qbp_lessons.lessons import collapse
from qbp_lessons.engine import qinfo
from qbp_lessons.engine.paulis import commutes
from qbp_lessons.engine.sampling import project_pauli
from qbp_lessons.exercises.checker import (
    Exercise,
    Verdict,
    WrongKind,
    as_number,
    call_student,
    FOUR_FIGURES,
    exact_int,
    numeric,
)

_EX51_TARGET = 0.75
_EX52_X, _EX52_Z = 0.6, 0.8
_EX54_STRINGS = ("XX", "YY", "ZZ", "XI", "ZI", "IZ")


def _ex51_copy_fidelity(a: float) -> float:
    """The copy's fidelity with cos(a/2)|0> + sin(a/2)|1>, measured on the CNOT's output."""
    return collapse.copy_report(np.array([math.cos(a / 2), math.sin(a / 2)])).fidelity_copy


def _ex51_threshold_angle() -> float:
    """The Bloch angle a in (0, pi/2) where the CNOT copy has fidelity 3/4 (measured, a root)."""
    return brentq(lambda a: _ex51_copy_fidelity(a) - _EX51_TARGET, 1e-9, math.pi / 2, xtol=1e-14)


def _ex51_expected() -> float:
    """The Haar fraction of qubit states whose CNOT copy has fidelity >= 3/4.

    The copy's fidelity depends on the state only through z = cos a (a phase leaves the
    reduced state diag(|alpha|^2, |beta|^2) alone) and is largest at the poles, so the
    good states are the two caps |z| >= cos a*, with a* the measured threshold angle;
    z of a Haar-random state is uniform on [-1, 1], so the caps hold 1 - cos a*.
    """
    return 1.0 - math.cos(_ex51_threshold_angle())


def _ex51_judge(answer) -> Verdict:
    value = as_number(answer)
    z0 = math.cos(_ex51_threshold_angle())
    slips = {
        (1.0 - z0) / 2: "that is one cap; the states near |1> are copied as well as those near |0>",
        z0: "that is the fraction copied badly (fidelity below 3/4)",
        0.5: "that counts Bloch angles a as uniform; Haar-random states are uniform on the sphere",
    }
    for slip, why in slips.items():
        if math.isclose(value, slip, rel_tol=1e-3) and not math.isclose(
            slip, _ex51_expected(), rel_tol=1e-3
        ):
            return Verdict("wrong", why, near=True)
    return numeric(_ex51_expected)(answer)


def _ex52_state() -> np.ndarray:
    """The real qubit state with <X> = 0.6, <Z> = 0.8: cos(a/2)|0> + sin(a/2)|1>, tan a = 0.75."""
    a = math.atan2(_EX52_X, _EX52_Z)
    return np.array([math.cos(a / 2), math.sin(a / 2)])


def _ex52_expected() -> float:
    """P(Z = +1, then X = +1) on the same copy, from the Lueders rule of the package."""
    p_z, post = project_pauli(_ex52_state(), "Z", 1)
    p_x, _ = project_pauli(post, "X", 1)
    return p_z * p_x


def _ex52_judge(answer) -> Verdict:
    value = as_number(answer)
    naive = (1 + _EX52_Z) / 2 * (1 + _EX52_X) / 2  # X's statistics before the Z measurement
    if math.isclose(value, naive, rel_tol=1e-3) and not math.isclose(
        naive, _ex52_expected(), rel_tol=1e-3
    ):
        return Verdict("wrong", "that uses <X> of the state before Z was measured", near=True)
    return numeric(_ex52_expected)(answer)


def _lueders_post_state(rho, effect) -> np.ndarray:
    """Exercise 5.3's key: the state after the outcome, from :func:`collapse.measure_effect`."""
    return collapse.measure_effect(rho, effect)[1]


def _lueders_matches(candidate) -> Verdict:
    """A judge for ``post_state(rho, effect)``: sqrt(L) rho sqrt(L) / tr(L rho) on random cases.

    Near (the next hint opens): a finite matrix of the right shape that is a recognised
    slip (Lambda rho Lambda, a wrong trace) or a state of trace 1.
    """
    rng = np.random.default_rng(51)
    cases = [
        (qinfo.random_density(1, seed=rng), qinfo.random_effect(1, "projector", rank=1, seed=rng))
    ]
    cases += [
        (qinfo.random_density(n, seed=rng), qinfo.random_effect(n, seed=rng)) for n in (1, 2, 2)
    ]
    cases.append(  # a rank-2 projector on two qubits
        (qinfo.random_density(2, seed=rng), qinfo.random_effect(2, "projector", rank=2, seed=rng))
    )
    for rho, effect in cases:
        got = call_student(candidate, rho.copy(), effect.copy())
        if got is None:
            raise WrongKind(
                "a function returning a matrix; yours returned None (a missing return?)"
            )
        try:
            arr = np.asarray(got, dtype=complex)
        except Exception:
            raise WrongKind(
                f"a function returning a matrix; yours returned {type(got).__name__}"
            ) from None
        if arr.shape != rho.shape:
            raise WrongKind(
                f"a function returning a {rho.shape[0]} x {rho.shape[0]} matrix; "
                f"yours returned shape {arr.shape}"
            )
        _, want = collapse.measure_effect(rho, effect)
        if np.allclose(arr, want, atol=1e-9):
            continue
        plain = effect @ rho @ effect
        if not np.all(np.isfinite(arr)):
            return Verdict(
                "wrong",
                f"the matrix it returns on a {rho.shape[0]}-dimensional case holds nan or inf",
            )
        if np.allclose(arr, plain / np.trace(plain).real, atol=1e-9):
            return Verdict(
                "wrong", "you used Lambda rho Lambda: that agrees for projectors only", near=True
            )
        if not math.isclose(float(np.trace(arr).real), 1.0, abs_tol=1e-9):
            return Verdict(
                "wrong",
                f"the state you return has trace {np.trace(arr).real:.4g}, not 1",
                near=True,
            )
        return Verdict(
            "wrong",
            f"it returns a state of trace 1, but not the right one on a {rho.shape[0]}-dimensional"
            " case",
            near=True,
        )
    return Verdict("correct")


def _ex54_expected() -> int:
    """Fewest groups of pairwise-commuting strings covering _EX54_STRINGS (brute force)."""
    strings = _EX54_STRINGS
    for groups in range(1, len(strings) + 1):
        for labels in itertools.product(range(groups), repeat=len(strings)):
            if all(
                commutes(a, b)
                for (a, la), (b, lb) in itertools.combinations(zip(strings, labels), 2)
                if la == lb
            ):
                return groups
    return len(strings)  # pragma: no cover - one string per group always works


EXERCISES = {
    "5.1": Exercise(
        question=(
            "A CNOT 'copies' a Haar-random qubit state |psi> onto a blank qubit. What fraction of"
            " all states get a copy (the second qubit's reduced state) with fidelity at least 3/4"
            f" with |psi>? {FOUR_FIGURES}"
        ),
        judge=_ex51_judge,
        solution=_ex51_expected,
        hints=(
            (
                "Write |psi> = cos(a/2)|0> + e^{i phi} sin(a/2)|1>. Does the copy's fidelity"
                " depend on phi? Write it with z = cos a, the Bloch z of |psi>."
            ),
            (
                "The copy's fidelity is cos^4(a/2) + sin^4(a/2) = (1 + z^2)/2. For which z is it"
                " at least 3/4?"
            ),
            (
                "Haar-random states are uniform on the Bloch sphere, and the z of a uniform point"
                " on a sphere is uniform on [-1, 1] (Archimedes' hat-box theorem)."
            ),
        ),
    ),
    "5.2": Exercise(
        question=(
            "A qubit has <X> = 0.6 and <Z> = 0.8. You measure Z, then X, on the same copy. "
            f"What is the probability of getting +1 and then +1? {FOUR_FIGURES}"
        ),
        judge=_ex52_judge,
        solution=_ex52_expected,
        hints=(
            "The first factor is the Born probability of Z = +1: (1 + <Z>)/2.",
            "After Z = +1 the state is |0>. What is <X> there?",
        ),
    ),
    "5.3": Exercise(
        question=(
            "Write post_state(rho, effect) returning the state after the outcome with effect "
            "0 <= Lambda <= I has occurred (the Lueders rule), normalised."
        ),
        judge=_lueders_matches,
        solution=lambda: _lueders_post_state,
        hints=(
            "The probability of the outcome is tr(Lambda rho); the result must have trace 1.",
            "Lambda is not a projector in general: Lambda^2 != Lambda.",
            "Use the square root of Lambda on both sides (an eigendecomposition gives it).",
        ),
        expects="a function post_state(rho, effect) returning a matrix",
    ),
    "5.4": Exercise(
        question=(
            "You need <P> of one state for the six strings XX, YY, ZZ, XI, ZI, IZ. Strings that"
            " pairwise commute can be measured together on the same copies. Into how few such"
            " groups can the six be split?"
        ),
        judge=exact_int(_ex54_expected),
        hints=(
            (
                "Two Pauli strings commute when they differ (both non-identity) on an even number"
                " of wires."
            ),
            "Draw the six strings and join every commuting pair; a group must be fully joined.",
            "Which strings commute with YY? Can XI and ZI share a group?",
        ),
        expects="a whole number",
    ),
}
