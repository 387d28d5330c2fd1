"""The checker as a student meets it: a verdict for every input (never a traceback), one
rule for numbers (half a unit in the fourth significant figure), capped work, hints that
open only after near attempts and never show the answer's size, and a four-evaluation
limit in exercise 3.3 that no access around the counted f can bypass.
"""

from __future__ import annotations

import decimal
import fractions
import io
import math
import re
import time
from contextlib import redirect_stdout

import numpy as np
import pytest

from qbp_lessons.exercises import EXERCISES, check, checker
from qbp_lessons.exercises.checker import (
    Exercise,
    WrongKind,
    as_number,
    exact_int,
    number_verdict,
    numeric,
    run_check,
)
from qbp_lessons.lessons.backprop import exercises as ex1
from qbp_lessons.lessons.collapse import exercises as ex5
from qbp_lessons.lessons.param_shift import exercises as ex3
from qbp_lessons.lessons.rotations import exercises as ex2
from qbp_lessons.lessons.shadows import exercises as ex6
from qbp_lessons.lessons.spsa import exercises as ex4

#: The exercises that ask for a number worked out by hand, and the code that computes it.
NUMBERS = {
    "1.4": lambda: ex1._checkpointed_product_ratio(ex1.PRODUCTS_DEPTH),
    "2.1": ex2._ex21_expected,
    "2.3": ex2._ex23_expected,
    "3.1": ex3._ex31_expected,
    "4.2": ex4._ex42_expected,
    "4.3": ex4._ex43_expected,
    "5.1": ex5._ex51_expected,
    "5.2": ex5._ex52_expected,
    "6.1": ex6._ex61_expected,
    "6.2": ex6._ex62_expected,
}
FUNCTIONS = {"1.1", "3.3", "5.3", "6.4", "7.1"}
#: Exercises whose answer is neither a number nor a function: a network (1.2), labels (0.1).
NOT_NUMBERS = {"0.1", "1.2"}
ORDERED = sorted(EXERCISES, key=lambda k: tuple(map(int, k.split("."))))


@pytest.fixture(autouse=True)
def fresh_hints():
    for entry in EXERCISES.values():
        entry.attempts = 0
    yield
    for entry in EXERCISES.values():
        entry.attempts = 0


def said(exercise, answer):
    """(verdict, printed text) of one check, with the exceptions it let through, if any."""
    out = io.StringIO()
    with redirect_stdout(out):
        ok = check(exercise, answer)
    return ok, out.getvalue()


# --- a verdict, never a traceback ---------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        10**400,
        -(10**400),
        fractions.Fraction(10**400),
        fractions.Fraction(1, 10**400) * 10**800,
        decimal.Decimal("sNaN"),
        decimal.Decimal("NaN"),
        decimal.Decimal("-Infinity"),
        decimal.Decimal("1e400"),
        float("nan"),
        float("inf"),
        np.float64("nan"),
        np.array(10**400, dtype=object),
        np.array("3.9"),
        np.bool_(True),
        1 + 2j,
    ],
)
def test_as_number_turns_every_unusable_number_into_a_wrong_kind(answer):
    with pytest.raises(WrongKind):
        as_number(answer)


@pytest.mark.parametrize("exercise", sorted(NUMBERS))
@pytest.mark.parametrize(
    "answer", [10**400, fractions.Fraction(10**400), decimal.Decimal("sNaN")], ids=str
)
def test_huge_and_signalling_numbers_get_a_verdict_in_every_numeric_exercise(exercise, answer):
    ok, out = said(exercise, answer)
    assert ok is False and out.startswith(f"Exercise {exercise}: expected a")
    assert ("a float can hold" in out) != isinstance(answer, decimal.Decimal)


@pytest.mark.parametrize("exercise", ["3.3", "6.4", "7.1", "1.1", "5.3"])
def test_a_student_function_returning_a_huge_int_gets_a_verdict(exercise):
    def huge(*args):
        return 10**400

    ok, out = said(exercise, huge)
    assert ok is False and out.startswith(f"Exercise {exercise}: expected")


@pytest.mark.parametrize("dtype", [str, object])
def test_string_or_object_arrays_of_the_right_shape_get_a_verdict_in_1_1(dtype):
    def backward(params, tape):
        return [np.full(p.shape, "a", dtype=dtype) for p in params]

    ok, out = said("1.1", backward)
    assert ok is False and "arrays of numbers" in out


def test_an_error_while_judging_is_a_verdict_not_a_traceback(capsys):
    def broken_judge(answer):
        raise RuntimeError("judge failed on this value")

    registry = {"9.1": Exercise("?", broken_judge, ("a hint",), expects="a number")}
    assert run_check(registry, "9.1", 3) is False
    out = capsys.readouterr().out
    assert "could not judge this answer (RuntimeError: judge failed" in out
    assert "asks for a number" in out

    registry["9.1"] = Exercise("?", lambda answer: "correct", ("a hint",))  # not a Verdict
    assert run_check(registry, "9.1", 3) is False
    assert "could not judge" in capsys.readouterr().out


# --- one rule for numbers ------------------------------------------------------------------


@pytest.mark.parametrize(
    "exercise, answer", [("1.4", 3.97), ("2.1", -0.707), ("4.3", 31.4), ("6.1", 0.424)]
)
def test_three_figure_answers_are_close_not_correct(exercise, answer):
    ok, out = said(exercise, answer)
    assert ok is False and "close: give more digits" in out and "Hint" not in out


@pytest.mark.parametrize("exercise", sorted(NUMBERS))
def test_a_correctly_rounded_four_figure_answer_is_right_and_a_unit_off_is_not(exercise):
    want = NUMBERS[exercise]()
    rounded = float(f"{want:.4g}")
    assert said(exercise, rounded)[0] is True
    unit = 10.0 ** (math.floor(math.log10(abs(want))) - 3)
    for off in (rounded + unit, rounded - unit):  # one unit in the fourth figure away
        if abs(off - want) > 0.5 * unit * (1 + 1e-9):
            assert said(exercise, off)[0] is False


def test_the_rule_is_half_a_unit_in_the_fourth_figure_of_the_exact_value():
    assert number_verdict(3.9685, 3.96875).status == "correct"  # 0.00025 off, half unit 0.0005
    assert number_verdict(3.9695, 3.96875).status == "close"  # 0.00075 off
    assert number_verdict(0.0012345, 0.00123449).status == "correct"
    assert number_verdict(0.001235, 0.00123461).status == "correct"  # rounded to 4 figures
    assert number_verdict(0.001236, 0.00123461).status == "close"
    assert number_verdict(-3.969, 3.96875).note == "the size is right but the sign is not"


def test_every_numeric_exercise_states_the_rule():
    for exercise in NUMBERS:
        assert checker.FOUR_FIGURES in EXERCISES[exercise].question
    assert "half a unit in the fourth significant figure" in checker.__doc__.replace("\n  ", "")


# --- capped work ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [([1] * 10**6, 10), (range(10**9), 10), ([64] * 300, 16)],
    ids=["million-widths", "range", "300-layers"],
)
def test_a_huge_network_in_1_2_is_refused_at_once_with_the_limit(answer):
    start = time.perf_counter()
    ok, out = said("1.2", answer)
    assert time.perf_counter() - start < 1.0
    assert ok is False and f"at most {ex1.MAX_EX12_LAYERS} layers" in out


# --- hints: stepped, opened by near attempts, never the answer's size -----------------------


@pytest.mark.parametrize("exercise", [k for k in ORDERED if k not in FUNCTIONS | NOT_NUMBERS])
def test_junk_answers_never_open_the_later_hints(exercise):
    for junk in (0, 1e300, -1e300, 0, 1e300, -1e300):
        ok, out = said(exercise, junk)
        assert ok is False
        assert "Hint 1 of" in out and not re.search(r"Hint [2-9] of", out)


@pytest.mark.parametrize("exercise", [k for k in ORDERED if k not in FUNCTIONS | NOT_NUMBERS])
def test_the_probe_s_three_junk_answers_do_not_reach_the_last_hint(exercise):
    # -1 is near only where the answer is negative and within a factor of 10 of it (2.1, 2.2)
    for junk in (0, 1e300, -1):
        out = said(exercise, junk)[1]
    last = len(EXERCISES[exercise].hints)
    assert f"Hint {last} of {last}" not in out
    assert EXERCISES[exercise].attempts == (exercise in ("2.1", "2.2"))


@pytest.mark.parametrize("exercise", sorted(NUMBERS))
def test_a_near_attempt_opens_the_next_hint(exercise):
    want = NUMBERS[exercise]()
    said(exercise, 1.5 * want)
    ok, out = said(exercise, 1.5 * want)
    assert "Hint 2 of" in out


@pytest.mark.parametrize("exercise", ["3.3", "6.4"])
def test_a_function_returning_zero_shows_no_size_and_opens_nothing(exercise):
    for _ in range(3):
        ok, out = said(exercise, lambda *args: 0)
        assert ok is False and "off by" not in out and "Hint 1 of 3" in out
        assert not re.search(r"\d\.\d{2,}|e-\d", out.split("Hint")[0])  # no size, no difference


def test_no_verdict_on_a_wrong_number_shows_the_answer():
    for exercise, expected in NUMBERS.items():
        want = expected()
        shown = {f"{abs(want):.3g}", f"{abs(want):.4g}", f"{abs(want):.3f}"}
        shown = {d for d in shown if len(d.replace(".", "").lstrip("0")) >= 3}
        for wrong in (0, -1, 1e300, 2 * want, want / 3):
            note = said(exercise, wrong)[1].split("Hint")[0]
            assert not any(d in note for d in shown), (exercise, wrong, note)


def test_the_last_hint_of_each_exercise_does_not_give_the_answer():
    for exercise, expected in NUMBERS.items():
        want = expected()
        for digits in (f"{want:.3g}", f"{want:.4g}"):
            if len(digits.replace("-", "").replace(".", "").lstrip("0")) < 3:
                continue  # too short to be told from other numbers in a hint
            assert all(digits not in hint for hint in EXERCISES[exercise].hints), exercise
    assert all("82" not in h and "3^k + 1" not in h for h in EXERCISES["6.3"].hints)
    assert all("pi/4, s2 = 3 pi/4" not in h for h in EXERCISES["3.3"].hints)


def test_7_1_the_natural_wrong_answer_gets_a_helpful_verdict_and_the_first_hint():
    ok, out = said("7.1", lambda g, h: (0, None))
    assert ok is False
    assert "anticommute" in out and "(coefficient, label)" in out and "Hint 1 of 3" in out
    assert "expected a label" not in out


def test_7_1_a_right_label_with_a_wrong_coefficient_is_near():
    good = EXERCISES["7.1"]

    def no_phase(g, h):  # the right label, the coefficient +2 always
        from qbp_lessons.engine.paulis import commutes, multiply

        return (0, None) if commutes(g, h) else (2.0, multiply(g, h)[1].label)

    said("7.1", no_phase)
    assert good.attempts == 1
    assert "Hint 2 of 3" in said("7.1", no_phase)[1]


# --- 3.3: the four-evaluation limit cannot be bypassed --------------------------------------


def _five_point(f, x, h=1e-2):
    return (-f(x + 2 * h) + 8 * f(x + h) - 8 * f(x - h) + f(x - 2 * h)) / (12 * h)


def _fit_41(f, x):
    ts = x + np.linspace(-np.pi, np.pi, 41)
    basis = np.stack([np.ones_like(ts), np.cos(ts), np.sin(ts), np.cos(2 * ts), np.sin(2 * ts)], 1)
    c = np.linalg.lstsq(basis, np.array([f(t) for t in ts]), rcond=None)[0]
    return (
        -c[1] * np.sin(x) + c[2] * np.cos(x) - 2 * c[3] * np.sin(2 * x) + 2 * c[4] * np.cos(2 * x)
    )


def _uncounted(f):
    """Everything a rule could reach around the counted f: its defaults, closure, attributes."""
    found = []
    for obj in (f, getattr(f, "_hidden", None)):
        for cell in getattr(obj, "__closure__", None) or ():
            found.append(cell.cell_contents)
        found += [d for d in getattr(obj, "__defaults__", None) or () if callable(d)]
        if obj is not None and obj is not f and callable(obj):
            found.append(obj)
    return [g for g in found if callable(g)]


@pytest.mark.parametrize("method", [_five_point, _fit_41])
def test_3_3_a_many_point_method_through_uncounted_access_is_not_accepted(method):
    def cheat(f, x):
        hidden = _uncounted(f)
        if not hidden:
            return method(f, x)
        for g in hidden:  # read the answer off every function reachable around the counter
            try:
                return method(g, x)
            except Exception:
                continue
        return 0.0

    ok, out = said("3.3", cheat)
    assert ok is False and "Hint 1 of 3" in out


def test_3_3_globals_of_the_judge_give_the_wrong_function():
    def from_globals(f, x):
        cases = [ex3._controlled_slice(seed) for seed in (1, 2)]
        return _fit_41(cases[0][0], x)

    assert said("3.3", from_globals)[0] is False


def test_3_3_values_read_around_the_counter_are_of_the_wrong_function():
    # four counted calls at points that determine F'(x), values ignored; the derivative is taken
    # from the judge's own test functions, rebuilt from its module: the hidden scale, shift and
    # offset of the counted f make that answer wrong
    rng = np.random.default_rng(5)
    own = []
    for _ in range(3):
        a, b1, c1, b2, c2 = rng.normal(size=5)
        x = float(rng.uniform(-np.pi, np.pi))
        own.append(
            (x, -b1 * np.sin(x) + c1 * np.cos(x) - 2 * b2 * np.sin(2 * x) + 2 * c2 * np.cos(2 * x))
        )
    own += [(x, d) for _, x, d in (ex3._controlled_slice(seed) for seed in (1, 2))]

    def around(f, x):
        for s in (np.pi / 4, -np.pi / 4, 3 * np.pi / 4, -3 * np.pi / 4):
            f(x + s)
        return min(own, key=lambda case: abs(case[0] - x))[1]

    assert said("3.3", around)[0] is False


@pytest.mark.parametrize(
    "rule, words",
    [
        (lambda f, x: sum(f(x + k * 0.1) for k in range(6)), "more than 4 times"),
        (lambda f, x: float(np.sum(f(x + np.arange(5.0)))), "one real number at a time"),
        (lambda f, x: (f(x + 0.1) - f(x - 0.1)) / 0.2, "do not determine F'(x)"),
        (lambda f, x: 0.0, "at the 0 points"),
    ],
)
def test_3_3_the_counter_is_the_only_way_to_f(rule, words):
    ok, out = said("3.3", rule)
    assert ok is False and words in out


def _richardson(f, x, h=1e-3):
    return (f(x - 2 * h) - 8 * f(x - h) + 8 * f(x + h) - f(x + 2 * h)) / (12 * h)


@pytest.mark.parametrize(
    "rule",
    [
        *[
            (lambda f, x, h=h: (f(x + h) - f(x - h)) / (2 * h))
            for h in (1e-3, 1e-5, 3e-6, 1e-6, 1e-8)
        ],
        _richardson,
        lambda f, x: _richardson(f, x, 1e-2),
    ],
)
def test_3_3_a_finite_difference_is_wrong_and_told_why(rule):
    # close to F'(x) to 1e-10, but only as the step goes to 0: not the exact rule asked for
    for _ in range(3):
        ok, out = said("3.3", rule)
        assert ok is False and "finite difference" in out and "weights of size" in out


def test_3_3_the_weight_limit_leaves_the_exact_rules_room():
    # the rule of the solution (shifts pi/4, 3 pi/4) and one with shifts pi/4, pi/2 are exact
    # with weights far below the limit
    x = 0.3
    for s1, s2 in [(np.pi / 4, 3 * np.pi / 4), (np.pi / 4, np.pi / 2)]:
        size, exact = ex3._weights([x + s1, x - s1, x + s2, x - s2], x)
        assert exact and size < 0.2 * ex3.EX33_MAX_WEIGHTS


def test_3_3_a_rule_that_swallows_the_refusal_is_still_caught():
    def greedy(f, x):
        values = []
        for k in range(10):
            try:
                values.append(f(x + k))
            except Exception:
                pass
        return my_rule_value(values)

    def my_rule_value(values):
        return float(values[0] - values[1])

    ok, out = said("3.3", greedy)
    assert ok is False and "more than 4 times" in out


# --- the sweep: junk over every exercise ------------------------------------------------------


def _raises(*args):
    raise RuntimeError("student bug")


def _returns_huge(*args):
    return 10**400


JUNK = {
    "None": None,
    "empty str": "",
    "abc": "abc",
    "10**400": 10**400,
    "Fraction(10**400)": fractions.Fraction(10**400),
    "Decimal(sNaN)": decimal.Decimal("sNaN"),
    "Decimal(NaN)": decimal.Decimal("NaN"),
    "nan": float("nan"),
    "inf": float("inf"),
    "-1": -1,
    "0": 0,
    "1e300": 1e300,
    "[]": [],
    "[[]]": [[]],
    "array(['a'])": np.array(["a"]),
    "object()": object(),
    "raising function": _raises,
    "function returning 10**400": _returns_huge,
    "huge list": [1] * 10**6,
}


def test_the_junk_sweep_gives_a_verdict_for_every_exercise_within_a_second():
    verdicts, slow, raised = 0, [], []
    for exercise in ORDERED:
        for name, junk in JUNK.items():
            EXERCISES[exercise].attempts = 0
            start = time.perf_counter()
            try:
                ok, out = said(exercise, junk)
            except Exception as exc:  # what the sweep must never see
                raised.append((exercise, name, repr(exc)))
                continue
            elapsed = time.perf_counter() - start
            if elapsed > 1.0:
                slow.append((exercise, name, round(elapsed, 2)))
            assert ok is False, (exercise, name)
            assert out.startswith(f"Exercise {exercise}: ") and "Traceback" not in out
            verdicts += 1
    assert raised == [] and slow == []
    assert verdicts == len(ORDERED) * len(JUNK) == 32 * 19


def test_junk_of_the_right_kind_is_not_near():
    for exercise in ORDERED:
        for junk in (0, 1e300, -1e300):
            EXERCISES[exercise].attempts = 0
            said(exercise, junk)
            assert EXERCISES[exercise].attempts == 0, (exercise, junk)


def test_an_exercise_takes_its_key_from_a_numeric_judge_or_a_callable():
    assert Exercise("q", numeric(lambda: 1.5), ("h",)).solution() == 1.5
    assert Exercise("q", exact_int(lambda: 7), ("h",)).solution() == 7
    assert Exercise("q", lambda a: None, ("h",)).solution is None
    assert Exercise("q", lambda a: None, ("h",), solution=lambda: [1]).solution() == [1]
    with pytest.raises(TypeError, match="solution"):
        Exercise("q", lambda a: None, ("h",), solution=3.0)
