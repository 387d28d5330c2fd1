"""The chapters' exercises and their checker: ``check("1.1", your_answer)``.

One file of exercises per chapter idea (:mod:`.classical`, :mod:`.circuits`,
:mod:`.param_shift`, ...), each a dict ``EXERCISES`` of id -> Exercise; the
checker (:mod:`.checker`) judges, prints a verdict and gives hints in steps.
A new chapter adds its file and one line below.

Introduced in chapter 1.
"""

from __future__ import annotations

from . import circuits, classical, collapse, commuting, param_shift, shadows, spsa
from .checker import Exercise, Verdict, run_check

__all__ = ["EXERCISES", "check", "Exercise", "Verdict"]

#: Every exercise of the book by id ("chapter.number").
EXERCISES: dict[str, Exercise] = {}
for _module in (classical, circuits, param_shift, spsa, collapse, shadows, commuting):
    EXERCISES.update(_module.EXERCISES)


def check(exercise: str, answer) -> bool:
    """Judge ``answer`` to ``exercise`` (an id such as ``"1.1"``), print a verdict and a hint, return it."""
    return run_check(EXERCISES, exercise, answer)
