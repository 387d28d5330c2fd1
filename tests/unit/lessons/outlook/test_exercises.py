"""Chapter 8's exercises: the checkers accept the right answers and refuse the near misses."""

from __future__ import annotations

import math

from qbp_lessons.exercises import check


def test_register_reads_the_wrapped_outcome(capsys):
    assert check("8.1", 26) is True
    assert check("8.1", -6) is False  # the sign is not wrapped round
    capsys.readouterr()


def test_halfway_probability_to_four_figures(capsys):
    assert check("8.2", round(1 / (256 * math.sin(math.pi / 32) ** 2), 4)) is True
    assert check("8.2", 4 / math.pi**2) is False  # the large-N limit, not N = 16
    capsys.readouterr()


def test_plateau_shots_to_four_figures(capsys):
    assert check("8.4", 6144) is True  # 1.5 (N - 1/N) at N = 2^12
    assert check("8.4", 3072) is False  # one circuit's 1/eps^2: the variance 2/N_s halved
    assert check("8.4", 8192) is False  # Var = 2^-n, the Z-rotation draws not counted
    assert check("8.4", 6100) is False  # three figures: close, not right
    capsys.readouterr()


def test_crossover_with_commuting_circuits_to_four_figures(capsys):
    assert check("8.5", 2.575e6) is True
    assert check("8.5", 2.58e6) is False  # three figures
    assert check("8.5", 1600) is False  # the rms-target crossing 16 / eps^2
    assert check("8.5", 2.575e5) is False
    capsys.readouterr()


def test_crossover_is_where_the_models_cross():
    from qbp_lessons import costs
    from qbp_lessons.lessons.outlook import exercises

    m = exercises._ex85_expected()
    assert costs.quantum_gradient_time(m - 1, 0.1) < costs.commuting_time(m - 1, 0.1, 0.01)
    assert costs.quantum_gradient_time(m, 0.1) >= costs.commuting_time(m, 0.1, 0.01)
    # the fixed point of sqrt(M) = 8 ln(2M / delta) / eps, without the shots' ceiling
    fixed = 1e6
    for _ in range(30):
        fixed = (80 * math.log(200 * fixed)) ** 2
    assert abs(m / fixed - 1) < 1e-4


def _after(capsys, exercise, answer):
    """The checker's verdict and its printed line for one attempt."""
    verdict = check(exercise, answer)
    return verdict, capsys.readouterr().out


def test_register_slip_names_the_wrap_and_opens_the_next_hint(capsys):
    from qbp_lessons.lessons.outlook.exercises import EXERCISES

    verdict = EXERCISES["8.1"].judge(-6)
    assert verdict.status == "wrong" and verdict.near and "modulo 2^b" in verdict.note
    assert EXERCISES["8.1"].judge(-7).note == ""  # an unrelated wrong value: no slip message
    ok, out = _after(capsys, "8.1", -6)
    assert ok is False and "wraps round" in out


def test_halfway_slip_names_the_many_bit_limit(capsys):
    from qbp_lessons.lessons.outlook.exercises import EXERCISES

    for limit in (0.4053, 4 / math.pi**2):
        verdict = EXERCISES["8.2"].judge(limit)
        assert verdict.status == "wrong" and verdict.near and "4/pi^2" in verdict.note
    assert EXERCISES["8.2"].judge(0.4066).status == "correct"  # the N = 16 value, not the limit


def test_plateau_shots_slip_says_a_shot_count_rounds_up(capsys):
    from qbp_lessons.lessons.outlook.exercises import EXERCISES

    verdict = EXERCISES["8.4"].judge(6143)
    assert verdict.status == "wrong" and verdict.near and "rounds up" in verdict.note
    assert EXERCISES["8.4"].judge(6144).status == "correct"
    assert "rounds up" not in EXERCISES["8.4"].judge(6142).note  # not the truncation slip


def test_slip_judges_lend_their_keys_to_the_solutions():
    from qbp_lessons.lessons.outlook.exercises import EXERCISES

    assert EXERCISES["8.1"].solution() == 26
    assert math.isclose(EXERCISES["8.2"].solution(), 1 / (256 * math.sin(math.pi / 32) ** 2))
    assert math.isclose(EXERCISES["8.4"].solution(), 1.5 * (2**12 - 2.0**-12))


def test_plateau_shots_per_component_is_named_as_such():
    from qbp_lessons.lessons.outlook.exercises import EXERCISES

    verdict = EXERCISES["8.4"].judge(12288)  # 4/Var: both circuits of one component
    assert verdict.status == "wrong" and verdict.near and "each circuit" in verdict.note
