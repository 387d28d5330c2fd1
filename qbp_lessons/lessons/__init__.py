"""One package per chapter; each package's ``__init__`` is that chapter's public face.

Inside each: the computation (``compute`` and the like: numpy in, numbers out),
``show`` (its figures and explorers, drawing what compute returned) and
``exercises`` (its exercises for :func:`qbp_lessons.exercises.check`).
"""

#: The lessons in reading order: (chapter number, package name).
LESSONS = (
    (0, "basics"),
    (1, "backprop"),
    (2, "rotations"),
    (3, "param_shift"),
    (4, "spsa"),
    (5, "collapse"),
    (6, "shadows"),
    (7, "commuting"),
    (8, "outlook"),
)

__all__ = ["LESSONS"]
