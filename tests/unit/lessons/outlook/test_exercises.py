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
