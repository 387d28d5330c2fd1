"""Chapter 3's exercises: shots for an accurate gradient, shifts for other generators, the rule by hand.

Introduced in chapter 3.
"""

from __future__ import annotations

import math

import numpy as np

from .. import circuits, costs, param_shift
from .checker import Exercise, Verdict, WrongKind, as_number, call_student, exact_int, numeric

_EX31_M, _EX31_EPS = 50, 0.05
_EX32_R = 0.5


def _ex31_expected() -> int:
    """Total shots of a parameter-shift gradient with every component's std <= eps (costs.py's model)."""
    return int(costs.param_shift_shots(_EX31_M, _EX31_EPS))


def _ex32_expected() -> float:
    """The shift pi/(4r) for a generator with eigenvalues +-1/2, read off the package's rule."""
    probe = []
    param_shift.shift_derivative(lambda x: probe.append(x) or 0.0, 0.0, r=_EX32_R)
    return max(probe)                      # the rule evaluates f at +s and -s


def _shift_rule_matches(candidate) -> Verdict:
    """A judge for a hand-written two-term rule ``rule(f, x, r)``: exact, and two evaluations of f only.

    Tried on sinusoids a + b cos 2rx + c sin 2rx (closed-form derivative) and on one gate of
    seeded random circuits, exp(-i x r P), against r times the adjoint gradient.
    """
    rng = np.random.default_rng(3)
    cases = []
    for r in (0.5, 1.0, 2.0):
        a, b, c = rng.normal(size=3)
        x = float(rng.uniform(-np.pi, np.pi))
        cases.append((lambda t, a=a, b=b, c=c, r=r: a + b * np.cos(2 * r * t) + c * np.sin(2 * r * t), x, r,
                      2 * r * (-b * np.sin(2 * r * x) + c * np.cos(2 * r * x))))
    for seed, r in ((1, 1.0), (2, 0.5), (3, 1.5)):
        circuit = circuits.random_circuit(3, 6, observable="random", seed=seed)
        theta = circuits.random_parameters(6, seed=seed + 10)
        k, x = seed % 6, float(theta[seed % 6]) / r

        def f(t, circuit=circuit, theta=theta, k=k, r=r):
            shifted = theta.copy()
            shifted[k] = r * t
            return circuits.expval(circuit, shifted)

        cases.append((f, x, r, r * float(circuits.grad_adjoint(circuit, theta)[k])))
    for f, x, r, expected in cases:
        calls = []

        def counted(t, f=f):
            calls.append(t)
            return f(t)

        got = call_student(candidate, counted, x, r)
        try:
            value = as_number(got)
        except WrongKind as kind:
            raise WrongKind(f"a function returning a number; yours returned {type(got).__name__} ({kind})") from None
        if len(calls) > 2:
            return Verdict("wrong", f"it evaluated f {len(calls)} times; the rule needs two")
        if not math.isclose(value, expected, rel_tol=0, abs_tol=1e-10):
            return Verdict("wrong", f"at r = {r} it is off by {abs(value - expected):.2g}")
    return Verdict("correct")


EXERCISES = {
    "3.1": Exercise(
        question="How many shots in total does a parameter-shift gradient of M = 50 Pauli rotations need "
                 "so that every component has standard deviation at most eps = 0.05 (a +-1 observable)?",
        judge=exact_int(_ex31_expected),
        hints=("Each component is the difference of two independent estimates.",
               "Each estimate of a +-1 observable from N shots has variance at most 1/N.",
               "Var <= 2/N <= eps^2 fixes N per shifted circuit; count the shifted circuits."),
        expects="a whole number",
    ),
    "3.2": Exercise(
        question="A gate exp(-i x G) has a generator G with eigenvalues +-1/2 (for example RZ(x) = exp(-i x Z/2)). "
                 "By how much must x be shifted either way for the two-term rule?",
        judge=numeric(_ex32_expected),
        hints=("Write G = r Q with Q^2 = I: F is a + b cos 2rx + c sin 2rx.",
               "The shift is a quarter of the period of F."),
    ),
    "3.3": Exercise(
        question="Write rule(f, x, r) returning dF/dx for a gate exp(-i x G) whose generator has eigenvalues "
                 "+-r, with two evaluations of f.",
        judge=_shift_rule_matches,
        hints=("F is a sinusoid of frequency 2r: a small-step finite difference is not exact and is rejected.",
               "Evaluate f a quarter period either side of x.",
               "At x +- pi/(4r), the difference times r is the exact derivative."),
        expects="a function rule(f, x, r) returning a number",
    ),
}
