"""Chapter 3's exercises: the least noisy shift, shots in the RX convention, a four-term rule.

Introduced in chapter 3.
"""

from __future__ import annotations

import math

import numpy as np

from qbp_lessons import costs
from qbp_lessons.engine import circuits
from qbp_lessons.engine import gradients
from qbp_lessons.lessons.param_shift import compute as param_shift
from qbp_lessons.exercises.checker import (
    Exercise,
    Verdict,
    WrongKind,
    as_number,
    call_student,
    exact_int,
    numeric,
)

_EX31_ABC, _EX31_X = (-0.6, 0.3, 0.1), 0.2
_EX32_M, _EX32_EPS = 50, 0.05


def _ex31_f(x: float) -> float:
    a, b, c = _EX31_ABC
    return a + b * math.cos(2 * x) + c * math.sin(2 * x)


def _ex31_expected() -> float:
    """The shift in (0, pi/2) with the smallest exact variance of the shift-s estimate at x."""
    return param_shift.best_shift(_ex31_f, _EX31_X)[0]


def _ex32_expected() -> int:
    """Total shots: 2M circuits, N each, with Var[(F+ - F-)/2] <= (1/4)(2/N) = 1/(2N) <= eps^2."""
    per_circuit = int(costs.shots_for_precision(_EX32_EPS, variance=0.5))
    return int(costs.param_shift_circuits(_EX32_M)) * per_circuit


def _controlled_slice(seed: int):
    """F along a controlled rotation exp(-i x |1><1|_0 P) inside a seeded 3-qubit circuit, and its exact derivative."""
    rng = np.random.default_rng(seed)
    p, zp = param_shift.controlled_rotation(0, ["IXI", "IIY", "IZX"][seed % 3], 3)
    before = [circuits.random_pauli(3, 2, rng) for _ in range(2)]
    after = [circuits.random_pauli(3, 2, rng) for _ in range(2)]
    circuit = circuits.Circuit(
        3, ["YII"] + before + [p, zp] + after, {1: "Z"} if seed % 2 else "XZI"
    )
    base = rng.uniform(0, 2 * np.pi, circuit.M)
    j = 3  # index of P; Z_c P follows it

    def f(x):
        t = base.copy()
        t[j], t[j + 1] = x / 2, -x / 2
        return circuits.expval(circuit, t)

    x = float(rng.uniform(-np.pi, np.pi))
    t = base.copy()
    t[j], t[j + 1] = x / 2, -x / 2
    g = gradients.grad_adjoint(circuit, t)
    return f, x, 0.5 * (g[j] - g[j + 1])  # chain rule through the angles x/2 and -x/2


def _four_term_matches(candidate) -> Verdict:
    """A judge for rule(f, x): exact on frequencies 1 and 2, at most four evaluations of f."""
    rng = np.random.default_rng(5)
    cases = []
    for _ in range(3):
        a, b1, c1, b2, c2 = rng.normal(size=5)
        x = float(rng.uniform(-np.pi, np.pi))
        cases.append(
            (
                lambda t, a=a, b1=b1, c1=c1, b2=b2, c2=c2: (
                    a + b1 * np.cos(t) + c1 * np.sin(t) + b2 * np.cos(2 * t) + c2 * np.sin(2 * t)
                ),
                x,
                -b1 * np.sin(x) + c1 * np.cos(x) - 2 * b2 * np.sin(2 * x) + 2 * c2 * np.cos(2 * x),
            )
        )
    cases += [_controlled_slice(seed) for seed in (1, 2)]
    for f, x, expected in cases:
        calls = []

        def counted(t, f=f):
            calls.append(t)
            return f(t)

        got = call_student(candidate, counted, x)
        try:
            value = as_number(got)
        except WrongKind as kind:
            raise WrongKind(
                f"a function returning a number; yours returned {type(got).__name__} ({kind})"
            ) from None
        if len(calls) > 4:
            return Verdict("wrong", f"it evaluated f {len(calls)} times; four are enough")
        if not math.isclose(value, expected, rel_tol=0, abs_tol=1e-9):
            return Verdict(
                "wrong", f"off by {abs(value - expected):.2g} on one of the test functions"
            )
    return Verdict("correct")


EXERCISES = {
    "3.1": Exercise(
        question=(
            "F(x) = -0.6 + 0.3 cos 2x + 0.1 sin 2x is the expectation of a +-1 observable along one"
            " gate exp(-i x P). At x = 0.2, which shift s in (0, pi/2) makes the estimate [F^(x+s)"
            " - F^(x-s)] / sin 2s least noisy (N shots per circuit)? Give s."
        ),
        judge=numeric(_ex31_expected),
        hints=(
            (
                "Each F^ is a mean of N outcomes +-1 with variance (1 - F^2)/N, and the two are"
                " independent."
            ),
            "So Var(s) = [2 - F(x+s)^2 - F(x-s)^2] / (N sin^2 2s); N does not move the minimum.",
            (
                "Minimise Var(s) over (0, pi/2) numerically, e.g. scipy.optimize.minimize_scalar"
                " with bounds; the answer is not pi/4."
            ),
        ),
    ),
    "3.2": Exercise(
        question=(
            "A circuit of M = 50 PennyLane PauliRot gates, PauliRot(phi) = exp(-i phi P/2),"
            " measures a +-1 observable. With the rule dF/dphi = [F(phi + pi/2) - F(phi - pi/2)] /"
            " 2 and N shots per shifted circuit, how many shots in total give every component a"
            " worst-case standard deviation of at most 0.05?"
        ),
        judge=exact_int(_ex32_expected),
        hints=(
            "The rule still needs two circuits per component: 2M circuits.",
            "The factor 1/2 multiplies the variance by 1/4: Var <= (1/4)(2/N) = 1/(2N).",
            "1/(2N) <= eps^2 gives N = 1/(2 eps^2) per circuit.",
        ),
        expects="a whole number",
    ),
    "3.3": Exercise(
        question=(
            "Write rule(f, x) returning dF/dx for a controlled rotation exp(-i x |1><1| (x) P),"
            " whose F(x) has frequencies 1 and 2, with at most four evaluations of f."
        ),
        judge=_four_term_matches,
        hints=(
            (
                "F(x) = a + b1 cos x + c1 sin x + b2 cos 2x + c2 sin 2x: the two-term rule is exact"
                " for one frequency only."
            ),
            (
                "For one frequency w, F(x + s) - F(x - s) is 2 sin(w s)/w times that term's"
                " derivative."
            ),
            (
                "Choose shifts s1, s2 and weights d1, d2 with d1 2 sin(w s1)/w + d2 2 sin(w s2)/w ="
                " 1 for w = 1 and w = 2; s1 = pi/4, s2 = 3 pi/4 works."
            ),
        ),
        expects="a function rule(f, x) returning a number",
    ),
}
