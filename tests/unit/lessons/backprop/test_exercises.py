"""The verdicts a student sees for chapter 1's exercises: right answers accepted in the forms a
student types, near misses called "close", mistakes in the student's code turned into verdicts
(never a traceback), and hints given one step at a time."""

import decimal
import fractions

import numpy as np
import pytest

from qbp_lessons.lessons import backprop as classical
from qbp_lessons.exercises import EXERCISES, check
from qbp_lessons.lessons.backprop import exercises as ex1


@pytest.fixture(autouse=True)
def fresh_attempts():
    """Each test starts at hint 1, as a new reader would."""
    for key in ("1.1", "1.2", "1.3", "1.4", "1.5"):
        EXERCISES[key].attempts = 0
    yield


def said(capsys):
    return capsys.readouterr().out.strip()


def good_backward(params, tape):
    a, Y = tape.activations, tape.targets
    g = (a[-1] - Y) / Y.shape[1]
    grads = [None] * len(params)
    for k in reversed(range(len(params))):
        delta = g * a[k + 1] * (1 - a[k + 1])
        grads[k] = delta @ a[k].T
        g = params[k].T @ delta
    return grads


def test_chapter_1_has_five_exercises_with_stepped_hints():
    assert [k for k in EXERCISES if k.startswith("1.")] == ["1.1", "1.2", "1.3", "1.4", "1.5"]
    assert all(len(EXERCISES[k].hints) >= 2 for k in ("1.1", "1.2", "1.3", "1.4", "1.5"))


# --- 1.1: a function --------------------------------------------------------


def test_backward_written_by_the_student_is_accepted(capsys):
    assert check("1.1", good_backward) is True
    assert said(capsys) == "Exercise 1.1: correct."


def test_backward_that_forgets_the_sigmoid_derivative_gets_the_first_hint_then_the_second(capsys):
    def no_sigmoid(params, tape):
        a, Y = tape.activations, tape.targets
        g = (a[-1] - Y) / Y.shape[1]
        grads = [None] * len(params)
        for k in reversed(range(len(params))):
            grads[k] = g @ a[k].T
            g = params[k].T @ g
        return grads

    assert check("1.1", no_sigmoid) is False
    first = said(capsys)
    assert "not yet (layer" in first and "Hint 1 of 3" in first
    assert check("1.1", no_sigmoid) is False
    second = said(capsys)
    assert "Hint 2 of 3" in second and "a (1 - a)" in second
    assert "Hint 1" not in second


@pytest.mark.parametrize(
    "student, words",
    [
        (lambda params, tape: None, "returned NoneType"),
        (lambda params, tape: 1 / 0, "raised ZeroDivisionError"),
        (lambda params: [], "raised TypeError"),
        (lambda params, tape: [np.zeros(3)], "not yet ("),
        ("backward", "a function, not a str"),
    ],
)
def test_backward_mistakes_become_verdicts_not_tracebacks(capsys, student, words):
    assert check("1.1", student) is False
    out = said(capsys)
    assert words in out
    assert "Traceback" not in out


# --- 1.2: a network the checker measures ------------------------------------


def test_memory_exercise_accepts_a_deep_large_batch_network(capsys):
    assert check("1.2", ([256] * 49, 1200)) is True
    out = said(capsys)
    assert out.startswith("Exercise 1.2: correct. Measured: plain 4.6, checkpointed 2.1")


def test_memory_exercise_refuses_the_sweeps_narrow_networks_before_measuring(capsys):
    # the chapter's own sweep (width 64) breaks the bound; the exercise asks for width 256
    assert ex1._memory_bound_broken_and_fixed(([64] * 33, 1024), min_width=1).status == "correct"
    assert check("1.2", ([64] * 33, 1024)) is False
    out = said(capsys)
    assert "every layer must be at least 256 wide; yours has one of 64" in out


def test_memory_exercise_reports_the_measured_ratio_when_the_parameters_dominate(capsys):
    assert check("1.2", ([256] * 5, 64)) is False
    out = said(capsys)
    assert (
        "plain backprop's ratio measured 1.8" in out
        and "not above 4 yet" in out
        and "Hint 1 of 3" in out
    )


def test_memory_exercise_says_when_checkpointing_did_not_fix_it(capsys):
    # 100 narrow layers and a huge batch: even 2 sqrt(L) layers of activations outweigh F
    verdict = ex1._memory_bound_broken_and_fixed(([4] * 101, 20_000), min_width=1)
    assert verdict.status == "wrong"
    assert "is above 4, but checkpointed (10 layers per segment) is still" in verdict.note


@pytest.mark.parametrize(
    "answer, words",
    [
        ("deep", "a pair (widths, batch)"),
        (([64] * 5,), "a pair (widths, batch)"),
        (([256] * 5, -3), "a network the checker can build: batch"),
        (([10**5, 10**5], 16), "a network the checker can build: widths"),
        ((None, 16), "a network the checker can build: widths"),
    ],
)
def test_memory_exercise_bad_answers_become_verdicts(capsys, answer, words):
    assert check("1.2", answer) is False
    out = said(capsys)
    assert words in out and "Hint" not in out


# --- 1.3 and 1.5: counts ------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [14, 14.0, np.int64(14), np.array(14), fractions.Fraction(28, 2), decimal.Decimal("14")],
)
def test_count_accepted_in_every_form_a_student_types(capsys, answer):
    assert check("1.3", answer) is True


def test_count_expected_value_comes_from_the_code():
    widths = [2] * 51
    params, data = classical.init_network(widths), classical.make_data(widths, 1)
    peaks = [classical.grad_checkpointed(params, *data, k).peak_stored_layers for k in range(1, 51)]
    counted = min(peaks)
    assert ex1._fewest_stored_layers(50) == counted == 14


def test_count_off_by_one_is_wrong_and_hints_step(capsys):
    for step in (1, 2, 3, 3):
        assert check("1.3", 15) is False
        assert f"Hint {step} of 3" in said(capsys)


@pytest.mark.parametrize(
    "answer, words",
    [
        (2.5, "a whole number"),
        (None, "a number, not None"),
        ("14", "a number, not a str"),
        (True, "a number, not True"),
        (np.array([14, 14]), "not an array"),
    ],
)
def test_count_wrong_kind_gets_a_verdict_and_no_hint(capsys, answer, words):
    assert check("1.3", answer) is False
    out = said(capsys)
    assert words in out and "Hint" not in out


def test_sweeps_per_output(capsys):
    assert check("1.5", 10) is True
    assert check("1.5", classical.num_params([784, 128, 10])) is False
    assert "Hint 1 of 2" in said(capsys)


# --- 1.4: a number worked out by hand ------------------------------------------


def test_expected_ratio_is_counted_by_the_checkpointed_gradient():
    assert ex1._checkpointed_product_ratio(32) == pytest.approx((4 * 32 - 1) / 32, rel=1e-15)


@pytest.mark.parametrize(
    "answer", [3.975, 3.9749, 3.97504, fractions.Fraction(159, 40), np.float32(3.975)]
)
def test_hand_answer_to_four_significant_figures_is_accepted(capsys, answer):
    assert check("1.4", answer) is True
    assert said(capsys) == "Exercise 1.4: correct."


@pytest.mark.parametrize("answer", [4, 3.95, 4.0])
def test_near_miss_is_close_not_wrong(capsys, answer):
    assert check("1.4", answer) is False
    out = said(capsys)
    assert "close" in out and "significant figures" in out and "Hint" not in out


def test_far_miss_gets_hints_in_steps_and_a_wrong_sign_is_named(capsys):
    assert check("1.4", 2.975) is False
    assert "Hint 1 of 3" in said(capsys)
    assert check("1.4", -3.975) is False
    out = said(capsys)
    assert "sign" in out and "Hint 2 of 3" in out
