"""Chapter 0's exercises as a student meets them: right answers, near misses, wrong kinds."""

from __future__ import annotations

import math

import pytest

from qbp_lessons.exercises import EXERCISES, check


@pytest.fixture(autouse=True)
def fresh_hints():
    for entry in EXERCISES.values():
        entry.attempts = 0
    yield


def verdict(capsys, exercise, answer):
    ok = check(exercise, answer)
    return ok, capsys.readouterr().out


def test_0_1_wants_the_four_strings_in_any_order_or_container(capsys):
    assert verdict(capsys, "0.1", ["YI", "IY", "XX", "ZZ"])[0]
    assert verdict(capsys, "0.1", ("ZZ", "XX", "IY", "YI"))[0]
    assert verdict(capsys, "0.1", {"ZZ", "XX", "IY", "YI"})[0]
    ok, out = verdict(capsys, "0.1", ["YI", "IY"])
    assert not ok and "missing" in out
    ok, out = verdict(capsys, "0.1", ["XY", "YI", "IY", "XX", "ZZ"])
    assert not ok and "1 of your labels commute" in out
    ok, out = verdict(capsys, "0.1", "XX")
    assert not ok and "list of labels" in out
    ok, out = verdict(capsys, "0.1", ["XQ"])
    assert not ok and "Pauli labels" in out


def test_0_2_needs_the_best_split_and_names_the_even_one(capsys):
    a, b = math.cos(0.2) ** 2, math.sin(0.2) ** 2  # 1 - <X>^2 and 1 - <Z>^2, <X> = sin 0.2
    bound = (math.sqrt(a) + math.sqrt(b)) ** 2 / 0.01**2  # the best split, ignoring whole numbers
    want = math.ceil(bound)
    while not any(a / k + b / (want - k) <= 1e-4 * (1 + 1e-12) for k in range(1, want)):
        want += 1
    assert want == 13_895
    assert verdict(capsys, "0.2", want)[0]
    ok, out = verdict(capsys, "0.2", 20_000)  # N/2 per setting: 2 (a + b) / eps^2
    assert not ok and "even split" in out and "Hint 1 of 3" in out
    ok, out = verdict(capsys, "0.2", want - 1)
    assert not ok and "close" in out
    ok, out = verdict(capsys, "0.2", 1.5)
    assert not ok and "whole number" in out


def test_0_3_accepts_four_figures_of_helstrom(capsys):
    assert verdict(capsys, "0.3", round((1 + math.sin(math.pi / 8)) / 2, 4))[0]
    ok, out = verdict(capsys, "0.3", math.sin(math.pi / 8))  # T itself, not the probability
    assert not ok
    ok, out = verdict(capsys, "0.3", 0.5732)  # (1 + sin^2(pi/8))/2: measuring Z
    assert not ok and "measuring Z" in out
    ok, out = verdict(capsys, "0.3", "0.69")
    assert not ok and "expected a number" in out
