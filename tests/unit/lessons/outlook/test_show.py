"""Chapter 8's cost figure: the quantum gradient's order-of-magnitude band encloses its line."""

from __future__ import annotations

import numpy as np

from qbp_lessons import costs
from qbp_lessons.lessons.outlook import show


def test_cost_figure_draws_the_quantum_gradient_inside_its_band():
    fig = show.cost_figure(eps=0.01, M_max=1e3, delta=0.01)
    (ax,) = fig.axes
    (line,) = [ln for ln in ax.get_lines() if "quantum gradient" in ln.get_label()]
    M, y = line.get_xdata(), line.get_ydata()
    assert np.allclose(y, costs.quantum_gradient_time(M.astype(int), 0.01))
    (band,) = ax.collections
    vertices = band.get_paths()[0].vertices
    for m, value in zip(M, y):
        at = vertices[np.isclose(vertices[:, 0], m)][:, 1]
        spread = np.log(2 * m / 0.01)
        assert np.isclose(at.min(), value / spread) and np.isclose(at.max(), value * spread)
    labels = [ln.get_label() for ln in ax.get_lines()]
    assert any("max(ln M, 1)" in label for label in labels)
    assert any("order of magnitude" in label for label in labels)


def test_plateau_reading_asks_for_the_shots_of_the_chapters_rule():
    """2/Var shots on each of parameter shift's two circuits, 4/Var per component (exercise 8.4's
    rule), computed from the scan's measured variance."""
    from qbp_lessons.lessons.outlook import compute

    scan = compute.plateau_scan([2, 3, 4], "global", "shallow", repetitions=4, seed=0)
    var = scan.variances[2]
    text = show.plateau_reading(scan, 2)
    assert f"about {2 / var:,.0f} shots on each of its two circuits" in text
    assert f"{4 / var:,.0f} per component" in text
