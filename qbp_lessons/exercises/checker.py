"""The exercise checker: ``check("1.1", your_answer)`` prints a verdict and returns True or False.

What a checker promises a student:

* **It judges what a student would type.** A number worked out by hand to four
  significant figures is accepted (1.5708 for pi/2); a number that is close but
  not that close gets "close: give more digits", not "wrong". Integers, floats,
  numpy scalars, 0-d arrays, fractions and decimals are all numbers. Counts must
  be exact.
* **It never shows a traceback for the student's mistake.** A function that
  raises, or returns None or the wrong kind of thing, gets a verdict that says so.
* **Hints come in steps.** The first wrong answer gets the first hint, the next
  one the second, and so on; an answer of the wrong kind gets no hint at all
  (it says what kind of answer is expected).
* **Answers are computed, never stored**: each expected value comes from the
  same package the chapter uses, so a checker cannot drift from the text; the
  answer itself is never printed.

Introduced in chapter 1; each chapter's exercises live in a file of their own.
"""

from __future__ import annotations

import decimal
import fractions
import math
import numbers
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

__all__ = [
    "Verdict",
    "Exercise",
    "WrongKind",
    "as_number",
    "numeric",
    "exact_int",
    "call_student",
    "run_check",
]


class WrongKind(Exception):
    """The answer is not the kind of thing the exercise asks for (a verdict, not a bug)."""


@dataclass(frozen=True)
class Verdict:
    """A judge's answer: ``status`` is "correct", "close" or "wrong"; ``note`` says why (optional)."""

    status: str
    note: str = ""

    def __post_init__(self):
        if self.status not in ("correct", "close", "wrong"):
            raise ValueError(f"status must be 'correct', 'close' or 'wrong', got {self.status!r}")


@dataclass
class Exercise:
    """One exercise: the question, a judge returning a :class:`Verdict`, and hints in steps."""

    question: str
    judge: Callable[[Any], Verdict]
    hints: tuple
    expects: str = "a number"
    attempts: int = field(default=0, compare=False)

    def __post_init__(self):
        if (
            not isinstance(self.hints, tuple)
            or not self.hints
            or not all(isinstance(h, str) for h in self.hints)
        ):
            raise TypeError("hints must be a non-empty tuple of strings")
        if not callable(self.judge):
            raise TypeError("judge must be callable")


def as_number(answer) -> float:
    """The student's answer as a float, or WrongKind: ints, floats, numpy scalars, 0-d arrays, Fractions, Decimals."""
    if isinstance(answer, np.ndarray):
        if answer.ndim != 0:
            raise WrongKind(f"a single number, not an array of shape {answer.shape}")
        answer = answer.item()
    if isinstance(answer, (bool, np.bool_)) or answer is None:
        raise WrongKind(f"a number, not {answer!r}")
    if isinstance(answer, (fractions.Fraction, decimal.Decimal)) or isinstance(
        answer, numbers.Real
    ):
        value = float(answer)
        if not math.isfinite(value):
            raise WrongKind(f"a finite number, not {value}")
        return value
    if isinstance(answer, numbers.Complex):
        raise WrongKind("a real number, not a complex one")
    raise WrongKind(f"a number, not a {type(answer).__name__}")


def numeric(expected: Callable[[], float], sig: int = 4) -> Callable[[Any], Verdict]:
    """A judge for a number worked out by hand: correct to ``sig`` significant figures.

    Accepted when within half a unit of the ``sig``-th significant figure of the
    expected value (relative 5 x 10^-sig); "close" within 2 %; an absolute floor
    of 1e-9 lets an expected 0 be answered with 0.
    """

    def judge(answer) -> Verdict:
        value = as_number(answer)
        want = float(expected())
        err = abs(value - want)
        if err <= 0.5 * 10 ** (1 - sig) * abs(want) + 1e-9:
            return Verdict("correct")
        if err <= 0.02 * abs(want):
            return Verdict("close", f"close: give at least {sig} significant figures")
        if (
            want != 0
            and value != 0
            and math.isclose(abs(value), abs(want), rel_tol=0.5 * 10 ** (1 - sig))
        ):
            return Verdict("wrong", "the size is right but the sign is not")
        return Verdict("wrong")

    return judge


def exact_int(expected: Callable[[], int]) -> Callable[[Any], Verdict]:
    """A judge for a count: the exact whole number (2,000 and 2000.0 both count)."""

    def judge(answer) -> Verdict:
        value = as_number(answer)
        if not float(value).is_integer():
            raise WrongKind(f"a whole number (a count), not {value}")
        want = int(expected())
        if int(value) == want:
            return Verdict("correct")
        if abs(int(value) - want) <= 0.02 * abs(want):
            return Verdict("close", "close, but a count must be exact: check the off-by-one terms")
        return Verdict("wrong")

    return judge


def call_student(fn, *args):
    """Call the student's function; an exception in it becomes a verdict (WrongKind), not a traceback."""
    if not callable(fn):
        raise WrongKind(f"a function, not a {type(fn).__name__}")
    try:
        return fn(*args)
    except Exception as exc:  # the student's code: report, never crash the checker
        raise WrongKind(f"a function that runs: yours raised {type(exc).__name__}: {exc}") from None


def run_check(registry: dict, exercise: str, answer) -> bool:
    """Judge ``answer`` to ``exercise`` from ``registry``, print the verdict and the next hint, return it."""
    if not isinstance(exercise, str):
        raise TypeError(
            f"exercise must be an id string such as '1.1', got {type(exercise).__name__}"
        )
    if exercise not in registry:
        raise ValueError(
            "exercise must be one of"
            f" {sorted(registry, key=lambda k: tuple(map(int, k.split('.'))))}, got {exercise!r}"
        )
    entry = registry[exercise]
    try:
        verdict = entry.judge(answer)
    except WrongKind as kind:
        print(f"Exercise {exercise}: expected {kind}. (This exercise asks for {entry.expects}.)")
        return False
    if verdict.status == "correct":
        entry.attempts = 0
        print(f"Exercise {exercise}: correct." + (f" {verdict.note}" if verdict.note else ""))
        return True
    if verdict.status == "close":
        print(f"Exercise {exercise}: {verdict.note or 'close.'}")
        return False
    hint = entry.hints[min(entry.attempts, len(entry.hints) - 1)]
    step = min(entry.attempts, len(entry.hints) - 1) + 1
    entry.attempts += 1
    note = f" ({verdict.note})" if verdict.note else ""
    print(f"Exercise {exercise}: not yet{note}. Hint {step} of {len(entry.hints)}: {hint}")
    return False
