"""Chapter 3's exercises: the least noisy shift, splitting one component's shots, a four-term rule.

Introduced in chapter 3.
"""

from __future__ import annotations

import math

import numpy as np

from qbp_lessons.engine import circuits
from qbp_lessons.engine import gradients
from qbp_lessons.lessons import param_shift
from qbp_lessons.exercises.checker import (
    Exercise,
    Verdict,
    WrongKind,
    as_number,
    call_student,
    FOUR_FIGURES,
    numeric,
    short,
)

#: Exercise 3.1's data: the mean a of F over a period, F(x) and F'(x) at the point.
_EX31_A, _EX31_F, _EX31_DF = -0.6, -0.3, 0.5
_EX32_F, _EX32_BUDGET = (0.95, 0.2), 800


def _ex31_expected() -> float:
    """The shift in (0, pi/2) with the least exact variance of the shift-s estimate.

    With g = F(x) - a and u = cos 2s, N Var_s = 2 [1 - (a + g u)^2] / (1 - u^2) - F'(x)^2 / 2,
    and its stationary point is the root in (-1, 1) of a g u^2 - (1 - a^2 - g^2) u + a g = 0
    (the roots' product is 1). ``param_shift.best_shift`` finds the same s numerically.
    """
    a, g = _EX31_A, _EX31_F - _EX31_A
    if a * g == 0:
        return math.pi / 4
    B = 1 - a * a - g * g
    u = (B - math.sqrt(B * B - 4 * a * a * g * g)) / (2 * a * g)
    if abs(u) >= 1:
        u = 1 / u
    return math.acos(u) / 2


def _ex32_expected() -> float:
    """Smallest Var(F^+ - F^-) over whole splits N+ + N- = budget of one component's shots.

    Each estimate is a mean of +-1 outcomes: Var = (1 - F+^2)/N+ + (1 - F-^2)/N-.
    """
    (f_plus, f_minus), budget = _EX32_F, _EX32_BUDGET
    n_plus = np.arange(1, budget)
    return float(np.min((1 - f_plus**2) / n_plus + (1 - f_minus**2) / (budget - n_plus)))


def _controlled_slice(seed: int):
    """F along a controlled rotation exp(-i x |1><1|_0 P) in a seeded 3-qubit circuit, and F'(x)."""
    rng = np.random.default_rng(seed)
    p, zp = param_shift.controlled_rotation(0, ["IXI", "IIY", "IZX"][seed % 3], 3)
    before = [circuits.random_pauli(3, 2, rng) for _ in range(2)]
    after = [circuits.random_pauli(3, 2, rng) for _ in range(2)]
    circuit = circuits.Circuit(
        3, ["YII"] + before + [p, zp] + after, {1: "Z"} if seed % 2 else "XZI"
    )
    base = rng.uniform(0, 2 * np.pi, circuit.M)
    j = 3  # index of P; Z_q P follows it

    def f(x):
        t = base.copy()
        t[j], t[j + 1] = x / 2, -x / 2
        return circuits.expval(circuit, t)

    x = float(rng.uniform(-np.pi, np.pi))
    t = base.copy()
    t[j], t[j + 1] = x / 2, -x / 2
    g = gradients.grad_adjoint(circuit, t)
    return f, x, 0.5 * (g[j] - g[j + 1])  # chain rule through the angles x/2 and -x/2


#: Exercise 3.3's limit: evaluations of f the rule may make.
EX33_EVALUATIONS = 4


class _TooMany(Exception):
    """Raised by the counted f at the call past the limit (the counter has recorded it)."""


class CountedF:
    """The only f a rule sees in exercise 3.3: one real number in, one number out, counted.

    It evaluates a hidden function (a test function with a random scale and offset
    drawn afresh for each check), records every point it is called at, and refuses
    the call past the limit. The judge then verifies through this record: the values
    at the recorded points must determine F'(x) for every F of frequencies 1 and 2,
    so no value obtained around the counter (from defaults, closures or globals)
    can make a rule right.
    """

    __slots__ = ("_hidden", "points", "refused", "bad_input")

    def __init__(self, hidden):
        if not callable(hidden):
            raise TypeError(f"hidden must be a callable F(x), got {type(hidden).__name__}")
        self._hidden = hidden
        self.points: list[float] = []
        self.refused = False
        self.bad_input = ""

    def __call__(self, t):
        if len(self.points) >= EX33_EVALUATIONS:
            self.refused = True
            raise _TooMany(f"f was already evaluated {EX33_EVALUATIONS} times")
        try:
            t = as_number(t)
        except WrongKind as kind:
            self.bad_input = str(kind)
            raise TypeError(f"f takes one real number, not {short(t)}") from None
        self.points.append(t)
        return float(self._hidden(t))


def _basis(t: float) -> np.ndarray:
    return np.array([1.0, np.cos(t), np.sin(t), np.cos(2 * t), np.sin(2 * t)])


#: Exercise 3.3's largest weight norm: a rule exact on frequencies 1 and 2 with shifts of order
#: 1 (e.g. +-pi/4, +-3pi/4: norm 1.22) stays far below it; a finite difference of step h needs
#: weights of size 1/h, exact only as h -> 0 and multiplying the shot noise by 1/h.
EX33_MAX_WEIGHTS = 10.0


def _weights(points, x: float) -> tuple[float, bool]:
    """The norm of the weights on f's values at ``points`` that best give F'(x), and whether
    they give it exactly for every F of frequencies 1 and 2.

    F'(x) is the functional d = (0, -sin x, cos x, -2 sin 2x, 2 cos 2x) on the
    coefficients; the values give the functionals basis(t_i). F'(x) is fixed exactly
    when d lies in their span (relative residual below 1e-12: a finite difference of
    step h leaves a residual of order h^2, which no step above 1e-6 hides).
    """
    d = np.array([0.0, -np.sin(x), np.cos(x), -2 * np.sin(2 * x), 2 * np.cos(2 * x)])
    if not points:
        return 0.0, False
    E = np.array([_basis(t) for t in points])
    w = np.linalg.lstsq(E.T, d, rcond=None)[0]
    exact = bool(np.linalg.norm(E.T @ w - d) <= 1e-12 * np.linalg.norm(d))
    return float(np.linalg.norm(w)), exact


def _four_term_matches(candidate) -> Verdict:
    """A judge for rule(f, x): exact on frequencies 1 and 2, at most four evaluations of f.

    Each case hands the rule a fresh :class:`CountedF` of a hidden function
    scale * F(t + shift) + offset (random scale, shift and offset from fresh entropy),
    asked at x - shift. The values at the points it evaluated must give F'(x) exactly,
    with weights of norm at most EX33_MAX_WEIGHTS (so a finite difference or a Richardson
    rule of small step is wrong, with a note saying why). Near: a rule that evaluates f at
    most four times and returns a number.
    """
    cases = []
    rng = np.random.default_rng(5)
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
    secret = np.random.default_rng()  # fresh entropy: a rule cannot know the hidden scale
    for f, x, expected in cases:
        scale = float(secret.uniform(5.0, 50.0) * secret.choice([-1, 1]))
        shift, offset = float(secret.uniform(-np.pi, np.pi)), float(10 * secret.normal())
        counted = CountedF(lambda t, f=f, s=scale, d=shift, o=offset: o + s * f(t + d))
        try:
            got = call_student(candidate, counted, x - shift)
        except WrongKind:
            if counted.refused:
                return Verdict(
                    "wrong",
                    f"it evaluated f more than {EX33_EVALUATIONS} times (the counted f refused"
                    f" call {EX33_EVALUATIONS + 1}); {EX33_EVALUATIONS} are enough",
                    near=True,
                )
            if counted.bad_input:
                raise WrongKind(
                    f"a rule that calls f with one real number at a time ({counted.bad_input})"
                ) from None
            raise
        if counted.refused:  # the rule caught the refusal and went on
            return Verdict(
                "wrong", f"it tried to evaluate f more than {EX33_EVALUATIONS} times", near=True
            )
        try:
            value = as_number(got)
        except WrongKind as kind:
            raise WrongKind(
                f"a function returning a number; yours returned {type(got).__name__} ({kind})"
            ) from None
        size, exact = _weights(counted.points, x - shift)
        if size > EX33_MAX_WEIGHTS:
            return Verdict(
                "wrong",
                f"its {len(counted.points)} points are so close together that the values give"
                f" F'(x) only through weights of size {size:.3g} (above {EX33_MAX_WEIGHTS:g}):"
                " that is a finite difference, exact only as the step goes to 0 and"
                " multiplying the shot noise by 1/step; the rule must be exact for frequencies"
                " 1 and 2 with shifts of order 1",
                near=True,
            )
        if not exact:
            return Verdict(
                "wrong",
                f"the values of f at the {len(counted.points)} points it evaluated do not"
                " determine F'(x) for every F of frequencies 1 and 2",
                near=bool(counted.points),
            )
        want = scale * expected
        if not math.isclose(value, want, rel_tol=0, abs_tol=1e-10 * (1 + abs(want))):
            return Verdict("wrong", "it is wrong on one of the test functions", near=True)
    return Verdict("correct")


EXERCISES = {
    "3.1": Exercise(
        question=(
            "Along one gate exp(-i x P), F(x) = a + b cos 2x + c sin 2x for a +-1 observable, with"
            " mean a = -0.6, and at the point x: F(x) = -0.3, F'(x) = 0.5. Without a numerical"
            " minimiser (no param_shift.best_shift), derive which shift s in (0, pi/2) makes"
            " [F^(x+s) - F^(x-s)] / sin 2s least noisy (N shots per circuit), and give s."
            f" {FOUR_FIGURES}"
        ),
        judge=numeric(_ex31_expected),
        hints=(
            (
                "Each F^ is a mean of N outcomes +-1 with variance (1 - F^2)/N, and the two are"
                " independent: N Var_s = [2 - F(x+s)^2 - F(x-s)^2] / sin^2 2s."
            ),
            (
                "With g = F(x) - a and h = F'(x)/2, F(x +- s) = a + g cos 2s +- h sin 2s. Expand"
                " the squares: the h terms give a constant, so F'(x) does not move the minimum."
            ),
            (
                "With u = cos 2s, minimise [1 - (a + g u)^2] / (1 - u^2): setting the derivative"
                " to zero gives a quadratic in u whose two roots multiply to 1; take the one in"
                " (-1, 1) and s = arccos(u)/2."
            ),
        ),
    ),
    "3.2": Exercise(
        question=(
            "One gradient component has F(theta + pi/4) = 0.95 and F(theta - pi/4) = 0.2 (a +-1"
            " observable; the values are known from earlier runs). It gets 800 shots in all, N+"
            " on the circuit shifted up and N- = 800 - N+ on the one shifted down, both whole"
            " numbers. What is the smallest variance of F^(theta + pi/4) - F^(theta - pi/4)"
            f" over the splits? {FOUR_FIGURES}"
        ),
        judge=numeric(_ex32_expected),
        hints=(
            (
                "The two estimates are independent means of +-1 outcomes: Var = (1 - F+^2)/N+ +"
                " (1 - F-^2)/N-."
            ),
            (
                "Minimise a/N+ + b/N- with N+ + N- fixed (a Lagrange multiplier, or"
                " Cauchy-Schwarz):"
                " N+/N- = sqrt(a)/sqrt(b), and the minimum is (sqrt a + sqrt b)^2 / 800."
            ),
            "N+ must be whole: compare the two whole numbers next to the real optimum.",
        ),
    ),
    "3.3": Exercise(
        question=(
            "Write rule(f, x) returning dF/dx for a controlled rotation exp(-i x |1><1| (x) P),"
            " whose F(x) has frequencies 1 and 2, with at most four evaluations of f. The f your"
            " rule receives is counted: it takes one real number at a time, refuses a fifth"
            " call, and is a fresh function with a hidden random scale, shift and offset at"
            " each check; the values at the points your rule evaluated must determine F'(x)"
            " for every such F."
        ),
        judge=_four_term_matches,
        solution=lambda: param_shift.four_term_shift_derivative,
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
                "Combine two such differences, at shifts s1 and s2 with weights d1 and d2, so that"
                " the factor is 1 for w = 1 and for w = 2: two equations for d1, d2. Try shifts"
                " that are odd multiples of pi/4."
            ),
        ),
        expects="a function rule(f, x) returning a number",
    ),
}
