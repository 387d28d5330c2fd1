"""The chapters' exercises and their checker: ``check("1.1", your_answer)``.

Each lesson keeps its own exercises (``qbp_lessons.lessons.<name>.exercises``, a
dict ``EXERCISES`` of id -> Exercise); this registry finds them through
:data:`qbp_lessons.lessons.LESSONS`, so a new chapter adds nothing here. The
checker (:mod:`.checker`) judges, prints a verdict and gives hints in steps.

Introduced in chapter 1.
"""

from __future__ import annotations

import importlib

from qbp_lessons.exercises.checker import Exercise, Verdict, run_check
from qbp_lessons.lessons import LESSONS

__all__ = ["EXERCISES", "check", "registry", "solution", "Exercise", "Verdict"]

_REGISTRY: dict[str, Exercise] = {}


def registry() -> dict[str, Exercise]:
    """Every exercise of the book by id ("chapter.number"), gathered once from the lessons."""
    if not _REGISTRY:
        for _, name in LESSONS:
            module = importlib.import_module(f"qbp_lessons.lessons.{name}.exercises")
            _REGISTRY.update(module.EXERCISES)
    return _REGISTRY


def __getattr__(name: str):
    if name == "EXERCISES":
        return registry()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def solution(exercise: str):
    """One answer to ``exercise`` that its checker accepts, computed by the package (a key)."""
    if not isinstance(exercise, str):
        raise TypeError(
            f"exercise must be an id string such as '1.1', got {type(exercise).__name__}"
        )
    found = registry()
    if exercise not in found:
        raise ValueError(f"exercise must be one of the registered ids, got {exercise!r}")
    key = found[exercise].solution
    if key is None:
        raise ValueError(f"exercise {exercise} has no solution key")
    return key()


def check(exercise: str, answer) -> bool:
    """Judge ``answer`` to ``exercise`` (an id such as ``"1.1"``), print a verdict and a hint."""
    return run_check(registry(), exercise, answer)
