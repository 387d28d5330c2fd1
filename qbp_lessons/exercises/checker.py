"""The exercise checker: ``check("1.1", your_answer)`` prints a verdict and returns True or False.

What a checker promises a student:

* **One rule for numbers.** A number is right when it agrees with the exact value
  to half a unit in the fourth significant figure, so a correctly rounded
  four-figure answer is accepted (1.571 for pi/2 = 1.5708...) and a three-figure
  one (1.57) is "close: give more digits". Integers, floats, numpy scalars, 0-d
  arrays, fractions and decimals are all numbers. Counts must be exact.
* **A verdict, never a traceback.** An answer of the wrong kind, a number too
  large for a float, a function that raises or returns the wrong kind of thing,
  and any error while judging all end in a verdict that says what went wrong.
  Work on a student's input is capped (sizes are checked before any loop), and the
  verdict says what the cap is.
* **Hints come in steps, unlocked by near attempts.** Every wrong answer of the
  right kind shows the hint reached so far; the next hint opens only after an
  attempt that is *near*: for a number or a count, the same sign and within a
  factor of 10 of the answer (or a slip the checker recognises); for a function,
  one that runs and returns the right kind of result (each exercise says more).
  Junk answers (0, -1, 1e300) never open the later hints.
* **Answers are computed, never stored, and never shown**: each expected value
  comes from the same package the chapter uses, and no verdict shows the answer,
  its size or the difference to it.

Introduced in chapter 1; each chapter's exercises live in a file of their own.
"""

from __future__ import annotations

import decimal
import math
import numbers
import reprlib
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from qbp_lessons._validate import bounded_int, real

__all__ = [
    "Verdict",
    "Exercise",
    "WrongKind",
    "FOUR_FIGURES",
    "NEAR_FACTOR",
    "as_number",
    "number_verdict",
    "numeric",
    "exact_int",
    "is_near",
    "call_student",
    "short",
    "run_check",
]

#: The number rule, as each exercise that asks for a number states it.
FOUR_FIGURES = (
    "Give 4 significant figures: an answer within half a unit in the fourth significant figure"
    " of the exact value is right."
)
#: A wrong number or count is *near* (and opens the next hint) within this factor of the answer.
NEAR_FACTOR = 10.0
#: A wrong number within this relative distance is "close" (it needs more digits, not a new idea).
CLOSE_RELATIVE = 0.02

_REPR = reprlib.Repr()
_REPR.maxstring, _REPR.maxother, _REPR.maxlist, _REPR.maxtuple = 60, 60, 4, 4


def short(obj) -> str:
    """A repr of a student's object cut to a line (a huge list or string stays readable)."""
    try:
        return _REPR.repr(obj)
    except Exception:  # a student's object whose repr fails still gets a verdict
        return f"<a {type(obj).__name__}>"


class WrongKind(Exception):
    """The answer is not the kind of thing the exercise asks for (a verdict, not a bug)."""


@dataclass(frozen=True)
class Verdict:
    """A judge's answer: ``status`` "correct", "close" or "wrong"; ``note`` says why (optional).

    ``near`` marks a wrong attempt that deserves the next hint (see the module's docstring).
    """

    status: str
    note: str = ""
    near: bool = False

    def __post_init__(self):
        if self.status not in ("correct", "close", "wrong"):
            raise ValueError(f"status must be 'correct', 'close' or 'wrong', got {self.status!r}")
        if not isinstance(self.note, str):
            raise TypeError(f"note must be a string, got {type(self.note).__name__}")
        if not isinstance(self.near, bool):
            raise TypeError(f"near must be True or False, got {type(self.near).__name__}")


@dataclass
class Exercise:
    """One exercise: the question, a judge returning a :class:`Verdict`, and hints in steps.

    ``attempts`` counts the near wrong attempts so far: it is the index of the hint shown.
    ``solution`` is a callable giving one answer the judge accepts, computed by the package
    (never typed in): the instructor's key of the problem sets. When it is omitted, a judge
    made by :func:`numeric` or :func:`exact_int` lends its ``expected``.
    """

    question: str
    judge: Callable[[Any], Verdict]
    hints: tuple
    expects: str = "a number"
    attempts: int = field(default=0, compare=False)
    solution: Callable[[], Any] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self):
        if (
            not isinstance(self.hints, tuple)
            or not self.hints
            or not all(isinstance(h, str) for h in self.hints)
        ):
            raise TypeError("hints must be a non-empty tuple of strings")
        if not callable(self.judge):
            raise TypeError("judge must be callable")
        if isinstance(self.attempts, bool) or not isinstance(self.attempts, int):
            raise TypeError(f"attempts must be a whole number, got {type(self.attempts).__name__}")
        if not 0 <= self.attempts <= 10**6:
            raise ValueError(f"attempts must be between 0 and 1e6, got {self.attempts}")
        if self.solution is None:
            self.solution = getattr(self.judge, "expected", None)
        if self.solution is not None and not callable(self.solution):
            raise TypeError(
                "solution must be a callable giving a correct answer, got"
                f" {type(self.solution).__name__}"
            )


def as_number(answer) -> float:
    """The student's answer as a finite float, or WrongKind.

    Accepts ints, floats, numpy scalars, 0-d arrays, Fractions and Decimals; a
    number too large for a float (10**400), a NaN (also a signalling Decimal NaN)
    or an infinity is a WrongKind, not an OverflowError.
    """
    if isinstance(answer, np.ndarray):
        if answer.ndim != 0:
            raise WrongKind(f"a single number, not an array of shape {answer.shape}")
        answer = answer[()]
    if answer is None or isinstance(answer, (bool, np.bool_)):
        raise WrongKind(f"a number, not {answer!r}")
    if isinstance(answer, (str, bytes)):
        raise WrongKind(f"a number, not a {type(answer).__name__} ({short(answer)})")
    if isinstance(answer, decimal.Decimal) and not answer.is_finite():
        raise WrongKind(f"a finite number, not Decimal('{answer}')")
    if isinstance(answer, (numbers.Real, decimal.Decimal)):
        try:
            value = float(answer)
        except OverflowError:
            raise WrongKind("a number a float can hold (below about 1.8e308 in size)") from None
        except Exception as exc:  # a Real that cannot become a float (its own bug)
            raise WrongKind(f"a number that converts to a float ({type(exc).__name__})") from None
        if not math.isfinite(value):
            raise WrongKind(f"a finite number, not {value}")
        return value
    if isinstance(answer, numbers.Complex):
        raise WrongKind("a real number, not a complex one")
    raise WrongKind(f"a number, not a {type(answer).__name__}")


def is_near(value: float, want: float) -> bool:
    """Whether a wrong ``value`` is a genuine attempt at ``want``: same sign, within NEAR_FACTOR."""
    value, want = real("value", value), real("want", want)
    if want == 0:
        return abs(value) <= 1e-6
    if value == 0 or (value > 0) != (want > 0):
        return False
    return 1 / NEAR_FACTOR <= value / want <= NEAR_FACTOR


def number_verdict(value: float, want: float, sig: int = 4) -> Verdict:
    """The number rule: right within half a unit in the ``sig``-th significant figure of ``want``.

    "close" (more digits needed) within CLOSE_RELATIVE; a right size with the wrong
    sign is named; any other wrong value is near when :func:`is_near`.
    """
    value, want = real("value", value), real("want", want)
    sig = bounded_int("sig", sig, maximum=15)
    err = abs(value - want)
    if want == 0:
        half_unit = 0.5 * 10.0 ** (1 - sig)  # no significant figures of 0: an absolute rule
    else:
        half_unit = 0.5 * 10.0 ** (math.floor(math.log10(abs(want))) + 1 - sig)
    if err <= half_unit * (1 + 1e-9):
        return Verdict("correct")
    if err <= CLOSE_RELATIVE * abs(want):
        return Verdict("close", f"close: give more digits ({sig} significant figures)")
    if value != 0 and abs(abs(value) - abs(want)) <= half_unit * (1 + 1e-9):
        return Verdict("wrong", "the size is right but the sign is not", near=True)
    return Verdict("wrong", near=is_near(value, want))


def numeric(expected: Callable[[], float], sig: int = 4) -> Callable[[Any], Verdict]:
    """A judge for a number worked out by hand, by :func:`number_verdict`."""
    if not callable(expected):
        raise TypeError(
            f"expected must be a callable giving the answer, got {type(expected).__name__}"
        )
    sig = bounded_int("sig", sig, maximum=15)

    def judge(answer) -> Verdict:
        return number_verdict(as_number(answer), float(expected()), sig)

    judge.expected = expected  # the exercise's key (Exercise.solution)
    return judge


def exact_int(expected: Callable[[], int]) -> Callable[[Any], Verdict]:
    """A judge for a count: the exact whole number (2,000 and 2000.0 both count)."""
    if not callable(expected):
        raise TypeError(
            f"expected must be a callable giving the count, got {type(expected).__name__}"
        )

    def judge(answer) -> Verdict:
        value = as_number(answer)
        if not value.is_integer():
            raise WrongKind(f"a whole number (a count), not {value}")
        want = int(expected())
        if int(value) == want:
            return Verdict("correct")
        if abs(int(value) - want) <= CLOSE_RELATIVE * abs(want):
            return Verdict("close", "close, but a count must be exact: check the off-by-one terms")
        return Verdict("wrong", near=is_near(value, want))

    judge.expected = expected  # the exercise's key (Exercise.solution)
    return judge


def call_student(fn, *args):
    """Call the student's function; an exception in it becomes a verdict (WrongKind)."""
    if not callable(fn):
        raise WrongKind(f"a function, not a {type(fn).__name__}")
    try:
        return fn(*args)
    except Exception as exc:  # the student's code: report, never crash the checker
        raise WrongKind(
            f"a function that runs: yours raised {type(exc).__name__}: {short(str(exc))[1:-1]}"
        ) from None


def _sorted_ids(registry: dict) -> list:
    return sorted(registry, key=lambda k: tuple(map(int, k.split("."))))


def run_check(registry: dict, exercise: str, answer) -> bool:
    """Judge ``answer`` to ``exercise`` from ``registry``; print the verdict and a hint."""
    if not isinstance(registry, dict) or not registry:
        raise TypeError(f"registry must be a non-empty dict of exercises, got {short(registry)}")
    if not isinstance(exercise, str):
        raise TypeError(
            f"exercise must be an id string such as '1.1', got {type(exercise).__name__}"
        )
    if exercise not in registry:
        raise ValueError(f"exercise must be one of {_sorted_ids(registry)}, got {short(exercise)}")
    entry = registry[exercise]
    try:
        verdict = entry.judge(answer)
        if not isinstance(verdict, Verdict):
            raise TypeError(f"the judge returned a {type(verdict).__name__}, not a Verdict")
    except WrongKind as kind:
        print(f"Exercise {exercise}: expected {kind}. (This exercise asks for {entry.expects}.)")
        return False
    except Exception as exc:  # anything else while judging: a verdict, never a traceback
        print(
            f"Exercise {exercise}: the checker could not judge this answer"
            f" ({type(exc).__name__}: {short(str(exc))[1:-1]})."
            f" This exercise asks for {entry.expects}."
        )
        return False
    if verdict.status == "correct":
        entry.attempts = 0
        print(f"Exercise {exercise}: correct." + (f" {verdict.note}" if verdict.note else ""))
        return True
    if verdict.status == "close":
        print(f"Exercise {exercise}: {verdict.note or 'close.'}")
        return False
    last = len(entry.hints) - 1
    step = min(entry.attempts, last)
    note = f" ({verdict.note})" if verdict.note else ""
    more = ""
    if verdict.near:
        entry.attempts = min(entry.attempts + 1, last)
    elif step < last:
        more = f" (Hint {step + 2} opens after an attempt that is near.)"
    print(
        f"Exercise {exercise}: not yet{note}. Hint {step + 1} of {len(entry.hints)}:"
        f" {entry.hints[step]}{more}"
    )
    return False
