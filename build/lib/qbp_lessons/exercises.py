"""Checkers for the chapters' exercises: ``check("1.1", your_answer)``.

Every expected answer is computed here from the same package the chapter uses
(never stored as a number), so a checker cannot drift from the text. A checker
prints a short verdict with a hint and returns ``True`` or ``False``; it never
prints the answer itself, so a reader can keep trying.

Introduced in chapter 1; each later chapter adds its exercises to :data:`EXERCISES`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from . import classical, costs

__all__ = ["Exercise", "EXERCISES", "check"]


@dataclass(frozen=True)
class Exercise:
    """One exercise: what it asks, how to judge an answer, and a hint for a wrong one."""

    question: str
    judge: Callable[[Any], bool]
    hint: str


def _close(expected: Callable[[], float], rtol: float = 0.01) -> Callable[[Any], bool]:
    """A judge that accepts a number within ``rtol`` of ``expected()``."""

    def judge(answer) -> bool:
        if isinstance(answer, bool) or not isinstance(answer, (int, float, np.integer, np.floating)):
            raise TypeError(f"answer must be a number, got {type(answer).__name__}")
        value = expected()
        return math.isclose(float(answer), float(value), rel_tol=rtol)

    return judge


def _backward_matches(candidate) -> bool:
    """A judge for a hand-written backward pass: it must agree with :func:`classical.backward`."""
    if not callable(candidate):
        raise TypeError("answer must be a function backward(params, tape) -> list of arrays")
    for seed, widths in enumerate([[3, 2], [4, 5, 3], [6, 8, 8, 2, 1]]):
        params = classical.init_network(widths, seed)
        X, Y = classical.make_data(widths, batch=7, seed=seed + 10)
        _, tape = classical.forward(params, X, Y)
        expected = classical.backward(params, tape)
        got = candidate(params, tape)
        if len(got) != len(expected):
            return False
        if not all(np.shape(g) == e.shape and np.allclose(g, e, rtol=1e-8, atol=1e-12)
                   for g, e in zip(got, expected)):
            return False
    return True


_MNIST_WIDTHS = [784, 128, 10]
_GPT3_PARAMS = 175_000_000_000

# ---- chapter 1 ---------------------------------------------------------------
_CHAPTER_1: dict[str, Exercise] = {
    "1.1": Exercise(
        question="How many evaluations of F does a central-difference gradient of the sigmoid "
                 "network with widths [784, 128, 10] need?",
        judge=_close(lambda: costs.finite_difference_evaluations(classical.num_params(_MNIST_WIDTHS), "central"),
                     rtol=0.0),
        hint="Count the parameters first: one weight matrix per layer, widths[l+1] x widths[l]. "
             "Central differences evaluate F twice per parameter.",
    ),
    "1.2": Exercise(
        question="A model with 175 billion parameters takes 60 s per evaluation of F. How many "
                 "years would one forward-difference gradient take?",
        judge=_close(lambda: costs.finite_difference_time(_GPT3_PARAMS, 60.0, "forward") / costs.SECONDS_PER_YEAR),
        hint="M + 1 evaluations of 60 s each; a year is 365.25 x 24 x 3600 s.",
    ),
    "1.3": Exercise(
        question="Write backward(params, tape) yourself, from the tape of classical.forward, and check it.",
        judge=_backward_matches,
        hint="Start from dF/da_L = (a_L - Y) / batch; through a sigmoid multiply by a (1 - a); "
             "the weight gradient is delta @ a_prev.T; pass the error down with params[l].T @ delta.",
    ),
}

# ---- chapter 2 ---------------------------------------------------------------
_EX21_THETA = (np.pi / 8, np.pi / 6)
_EX22_M = 50
_EX23_RAM_GIB = 64


def _ex21_expected() -> float:
    """dF/dtheta_1 of exp(-i theta_2 Z) exp(-i theta_1 X)|0> with O = Y, by the adjoint method."""
    from . import circuits

    circuit = circuits.Circuit(1, ["X", "Z"], "Y")
    return float(circuits.grad_adjoint(circuit, list(_EX21_THETA))[0])


def _ex22_expected() -> int:
    """Rotation-gate applications of grad_inserted for M gates, counted on a real run."""
    from . import circuits

    circuit = circuits.random_circuit(2, _EX22_M, seed=0)
    counter = circuits.GateCount()
    circuits.grad_inserted(circuit, circuits.random_parameters(_EX22_M, seed=1), counter=counter)
    return counter.rotations


def _ex23_expected() -> int:
    """Largest n whose adjoint gradient (three statevectors of 2^n complex128) fits in the RAM."""
    from . import circuits

    per_amplitude = circuits.zero_state(1).itemsize          # bytes of one complex amplitude
    n = 1
    while 3 * per_amplitude * 2 ** (n + 1) <= _EX23_RAM_GIB * 2**30:
        n += 1
    return n


_CHAPTER_2: dict[str, Exercise] = {
    "2.1": Exercise(
        question="For |psi> = exp(-i theta_2 Z) exp(-i theta_1 X)|0> and O = Y, compute dF/dtheta_1 by hand "
                 "at theta_1 = pi/8, theta_2 = pi/6.",
        judge=_close(_ex21_expected, rtol=1e-6),
        hint="First exp(-i t X)|0> = cos t |0> - i sin t |1>, so <Z> = cos 2t and <Y> = -sin 2t; then the "
             "Z rotation turns the (X, Y) components by the angle 2 theta_2. Differentiate F in theta_1 only.",
    ),
    "2.2": Exercise(
        question="How many rotation-gate applications does grad_inserted make for a circuit of M = 50 gates?",
        judge=_close(_ex22_expected, rtol=0.0),
        hint="One forward pass for |psi>, then for each k a fresh state: gates 1..k, the bare P_k "
             "(not a rotation), gates k+1..M.",
    ),
    "2.3": Exercise(
        question="What is the largest number of qubits n whose adjoint gradient (three statevectors of "
                 "complex128) fits in 64 GiB?",
        judge=_close(_ex23_expected, rtol=0.0),
        hint="A statevector is 2^n complex numbers of 16 bytes; 64 GiB is 2^36 bytes. Solve 3 * 16 * 2^n <= 2^36 "
             "for the largest whole n.",
    ),
}

# ---- chapter 3 ---------------------------------------------------------------
_EX31_M, _EX31_EPS = 50, 0.05
_EX32_R = 0.5


def _ex31_expected() -> int:
    """Total shots of a parameter-shift gradient with every component's std <= eps (costs.py's model)."""
    return int(costs.param_shift_shots(_EX31_M, _EX31_EPS))


def _ex32_expected() -> float:
    """The shift pi/(4r) for a generator with eigenvalues +-1/2, read off the package's rule."""
    from . import param_shift

    probe = []
    param_shift.shift_derivative(lambda x: probe.append(x) or 0.0, 0.0, r=_EX32_R)
    return max(probe)                      # the rule evaluates f at +s and -s


def _shift_rule_matches(candidate) -> bool:
    """A judge for a hand-written two-term rule ``rule(f, x, r)``: exact, and two evaluations of f only.

    Tried on sinusoids a + b cos 2rx + c sin 2rx (closed-form derivative) and on one gate of
    seeded random circuits, exp(-i x r P), against r times the adjoint gradient.
    """
    from . import circuits

    if not callable(candidate):
        raise TypeError("answer must be a function rule(f, x, r) -> float")
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

        got = candidate(counted, x, r)
        if isinstance(got, bool) or not isinstance(got, (int, float, np.integer, np.floating)):
            return False
        if len(calls) > 2 or not math.isclose(float(got), expected, rel_tol=0, abs_tol=1e-10):
            return False
    return True


_CHAPTER_3: dict[str, Exercise] = {
    "3.1": Exercise(
        question="How many shots in total does a parameter-shift gradient of M = 50 Pauli rotations need "
                 "so that every component has standard deviation at most eps = 0.05 (a +-1 observable)?",
        judge=_close(_ex31_expected, rtol=0.0),
        hint="Each component is the difference of two estimates, each of variance at most 1/N: "
             "Var <= 2/N, so N = ceil(2/eps^2) shots per shifted circuit; there are 2M shifted circuits.",
    ),
    "3.2": Exercise(
        question="A gate exp(-i x G) has a generator G with eigenvalues +-1/2 (for example RZ(x) = exp(-i x Z/2)). "
                 "By how much must x be shifted either way for the two-term rule?",
        judge=_close(_ex32_expected, rtol=1e-9),
        hint="Write G = r Q with Q^2 = I: F is a + b cos 2rx + c sin 2rx. The shift is a quarter of the "
             "period pi/r.",
    ),
    "3.3": Exercise(
        question="Write rule(f, x, r) returning dF/dx for a gate exp(-i x G) whose generator has eigenvalues "
                 "+-r, with two evaluations of f.",
        judge=_shift_rule_matches,
        hint="Evaluate f a quarter period either side of x, at x +- pi/(4r), and multiply the difference by r. "
             "A small-step finite difference is not exact and is rejected.",
    ),
}

#: Every exercise of the book by id ("chapter.number").
EXERCISES: dict[str, Exercise] = {**_CHAPTER_1, **_CHAPTER_2, **_CHAPTER_3}


def check(exercise: str, answer) -> bool:
    """Judge ``answer`` to ``exercise`` (an id such as ``"1.1"``), print a verdict, return it."""
    if not isinstance(exercise, str):
        raise TypeError(f"exercise must be an id string such as '1.1', got {type(exercise).__name__}")
    if exercise not in EXERCISES:
        raise ValueError(f"exercise must be one of {sorted(EXERCISES)}, got {exercise!r}")
    entry = EXERCISES[exercise]
    correct = bool(entry.judge(answer))
    print(f"Exercise {exercise}: " + ("correct." if correct else f"not yet. Hint: {entry.hint}"))
    return correct
