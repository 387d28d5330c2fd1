"""Chapter 0's explorer: its bars collect whole values of an N-shot mean, and its model's
expected counts are on the same scale as the bars."""

from __future__ import annotations

import numpy as np
import pytest

from qbp_lessons.lessons import basics
from qbp_lessons.lessons.basics.show import _lattice_bins, _normal_counts


@pytest.mark.parametrize("shots", [1, 10, 30, 100, 1000, 10000])
def test_every_possible_estimate_falls_inside_one_bar_away_from_its_edges(shots):
    edges = _lattice_bins(shots)
    points = -1 + 2 * np.arange(shots + 1) / shots  # every value a mean of N +-1 can take
    assert edges[0] < -1 and edges[-1] > 1
    gap = np.min(np.abs(points[:, None] - edges[None, :]))
    assert gap > 0.49 * 2 / shots  # edges halfway between neighbouring points
    if shots <= 100:
        assert len(edges) - 1 == shots + 1  # one bar per point while 2/N >= 0.02


def test_model_counts_match_the_bars_of_a_seeded_spread():
    spread = basics.shot_spread([0.0], [10, 1000], repetitions=2000, seed=3)
    for j, shots in enumerate(spread.shots):
        edges = _lattice_bins(shots)
        bars, _ = np.histogram(spread.estimates[0, j], bins=edges)
        model = _normal_counts(edges, 0.0, spread.model_std()[0, j], 2000)
        assert 0.999 * 2000 < model.sum() <= 2000  # almost all the model's mass lies in the bars
        top = np.argmax(model)
        # the largest bar against its expected count, within five binomial standard deviations
        assert abs(bars[top] - model[top]) < 5 * np.sqrt(model[top])


def test_the_explorer_draws_every_frame():
    spread = basics.shot_spread([0.0, 0.9], [10, 100], repetitions=50, seed=0)
    assert basics.show.shot_explorer(spread) is not None
