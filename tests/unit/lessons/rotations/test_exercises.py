"""Chapters 2 and 3's exercises as a student meets them: the verdict printed for a right
answer, a hand answer to four significant figures, a near miss, a wrong answer (hints in
steps), an answer of the wrong kind, and a function that raises or returns None.
"""

from __future__ import annotations

import fractions
import math

import numpy as np
import pytest

from qbp_lessons.exercises import EXERCISES, check
from qbp_lessons.lessons import param_shift as PS


@pytest.fixture(autouse=True)
def fresh_hints():
    for entry in EXERCISES.values():
        entry.attempts = 0
    yield


def verdict(capsys, exercise, answer):
    ok = check(exercise, answer)
    return ok, capsys.readouterr().out


def test_2_1_accepts_a_hand_answer_and_rejects_the_sign(capsys):
    ok, out = verdict(capsys, "2.1", -0.7071)  # -sqrt(2)/2 by hand
    assert ok and "correct" in out
    ok, out = verdict(capsys, "2.1", 0.7071)
    assert not ok and "sign" in out
    ok, out = verdict(capsys, "2.1", -0.70)  # within 2 %: close
    assert not ok and "close" in out


def test_2_2_wants_the_factor_of_the_plus_i_ancilla(capsys):
    ok, out = verdict(capsys, "2.2", 2)
    assert not ok and "Hint 1 of 3" in out
    ok, out = verdict(capsys, "2.2", -0.5)  # Re(i z) = -Im z = -(1/2) dF/dtheta_k
    assert ok and "correct" in out
    ok, out = verdict(capsys, "2.2", 0.5)  # the sign of Re(i z) missed
    assert not ok and "sign" in out
    ok, out = verdict(capsys, "2.2", "-1/2")
    assert not ok and "expected a number" in out


def test_2_3_compares_the_tape_with_the_adjoint_method(capsys):
    assert verdict(capsys, "2.3", 8)[0]  # n = 28 against n = 20
    assert verdict(capsys, "2.3", fractions.Fraction(16, 2))[0]
    assert verdict(capsys, "2.3", np.array(8.0))[0]  # 0-d arrays are numbers
    ok, out = verdict(capsys, "2.3", 28)  # the adjoint method's register, not the difference
    assert not ok and "Hint 1 of 3" in out
    ok, out = verdict(capsys, "2.3", "8")
    assert not ok and "expected a number" in out


def test_3_1_wants_the_least_noisy_shift_to_four_figures(capsys):
    # a = -0.6, F(0) = -0.3, F'(0) = 0.5: the exercise's function, minimised numerically
    s = PS.best_shift(lambda x: -0.6 + 0.3 * math.cos(2 * x) + 0.25 * math.sin(2 * x), 0.0)[0]
    assert verdict(capsys, "3.1", round(s, 4))[0]
    ok, out = verdict(capsys, "3.1", math.pi / 4)
    assert not ok and "Hint 1" in out
    ok, out = verdict(capsys, "3.1", round(s, 2))
    assert not ok and "close" in out


def test_3_2_is_the_least_variance_split(capsys):
    a, b = 1 - 0.95**2, 1 - 0.2**2
    assert verdict(capsys, "3.2", 0.002087)[0]  # (sqrt a + sqrt b)^2 / 800, to 4 figures
    ok, out = verdict(capsys, "3.2", 2 * (a + b) / 800)  # the even split: 27 % more
    assert not ok and "Hint 1 of 3" in out


def test_3_3_judges_a_function_that_a_student_writes(capsys):
    def four_term(f, x):
        d1, d2 = (1 + 1 / math.sqrt(2)) / 2, (1 - 1 / math.sqrt(2)) / 2
        return d1 * (f(x + math.pi / 4) - f(x - math.pi / 4)) - d2 * (
            f(x + 3 * math.pi / 4) - f(x - 3 * math.pi / 4)
        )

    assert verdict(capsys, "3.3", four_term)[0]
    ok, out = verdict(capsys, "3.3", lambda f, x: PS.shift_derivative(f, x))
    assert not ok and "do not determine F'(x)" in out and "Hint 1 of 3" in out
    assert "off by" not in out
    ok, out = verdict(capsys, "3.3", lambda f, x: sum(f(x + k * 0.1) for k in range(6)))
    assert not ok and "evaluated f more than 4 times" in out and "Hint 2 of 3" in out
    ok, out = verdict(capsys, "3.3", lambda f, x: 1 / 0)
    assert not ok and "ZeroDivisionError" in out and "Traceback" not in out
    ok, out = verdict(capsys, "3.3", lambda f, x: None)
    assert not ok and "NoneType" in out
    ok, out = verdict(capsys, "3.3", 0.5)
    assert not ok and "a function" in out
