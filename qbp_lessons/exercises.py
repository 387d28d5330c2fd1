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
_CHAPTER_2: dict[str, Exercise] = {}

# ---- chapter 3 ---------------------------------------------------------------
_CHAPTER_3: dict[str, Exercise] = {}

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
