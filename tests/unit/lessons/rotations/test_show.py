"""Chapter 2's presentation (lessons.rotations.show): the timing figure, the reading, the explorer.

Timings are not asserted (they belong to benchmarks/); what is checked is what does not
depend on the machine: the counted gate applications and memory the reading prints, the
figure's axes and which of its points are measured or modelled, and the explorer's frames
(one per grid point, so it responds on the static site), links and input errors.
"""

from __future__ import annotations

import html
import re

import ipywidgets as W
import matplotlib
import numpy as np
import pytest

from qbp_lessons import costs
from qbp_lessons.lessons.rotations import show as SC
from qbp_lessons.lessons.rotations.simulator import measure_simulator_costs
from qbp_lessons.show import format_bytes


@pytest.fixture(scope="module")
def small():
    return measure_simulator_costs(6, 12, seed=3, repeats=1, budget=0.02)


@pytest.fixture(scope="module")
def grid():
    return {
        (n, M): measure_simulator_costs(n, M, seed=0, repeats=1, budget=0.01, inserted_budget=0.02)
        for n in (3, 5)
        for M in (4, 40)
    }


@pytest.mark.parametrize(
    "nbytes, text",
    [
        (0, "0 B"),
        (1000, "1000 B"),
        (1024, "1 KiB"),
        (16 * 2**10, "16 KiB"),
        (1.5 * 2**30, "1.5 GiB"),
        (16 * 2**50, "16 PiB"),
    ],
)
def test_format_bytes(nbytes, text):
    assert format_bytes(nbytes) == text


def test_reading_prints_the_counts_and_both_memories(small):
    text = html.unescape(SC.simulator_reading(small))
    M = small.M
    for count in (small.gates["forward"], small.gates["adjoint"], small.gates["inserted"]):
        assert f"{count:,}" in text
    assert (small.gates["forward"], small.gates["adjoint"]) == (
        M + 1,
        3 * M + 1,
    )  # counted, not modelled
    assert "with cache" in text and "without cache" in text and "n = 6 qubits" in text
    states = re.findall(r"\(([\d.]+) states\)", text)
    assert f"{small.peak_bytes['adjoint'] / small.statevector_bytes:.3g}" in states
    assert f"{small.peak_bytes_lean['adjoint'] / small.statevector_bytes:.3g}" in states


def test_reading_rejects_wrong_type():
    with pytest.raises(TypeError, match="^costs_"):
        SC.simulator_reading({"n": 4})


def test_timing_figure_draws_measured_points_and_model_lines(small):
    other = measure_simulator_costs(6, 24, seed=3, repeats=1, budget=0.02)
    fig = SC.simulator_timing_figure([small, other])
    assert isinstance(fig, matplotlib.figure.Figure)
    left, right = fig.axes
    for ax in fig.axes:
        assert ax.get_xlabel() and ax.get_ylabel() and ax.get_xscale() == "log"
    # right panel: measured ratios as markers, gate-count models as lines without markers
    markers = [line for line in right.lines if line.get_linestyle() == "None"]
    models = [line for line in right.lines if line.get_linestyle() != "None"]
    assert markers and models
    adjoint_model = [
        sum(costs.simulator_gate_applications("adjoint", M))
        / sum(costs.simulator_gate_applications("expval", M))
        for M in (12, 24)
    ]
    assert any(np.allclose(line.get_ydata(), adjoint_model) for line in models)
    assert all(line.get_marker() in (None, "None", "") for line in models)


def test_timing_figure_rejects_empty():
    with pytest.raises(ValueError, match="^sweep"):
        SC.simulator_timing_figure([])


def test_explorer_has_a_frame_for_every_grid_point(grid):
    box = SC.simulator_explorer(grid)
    sliders = [c for c in box.children if isinstance(c, W.SelectionSlider)]
    assert [s.description for s in sliders] == ["qubits n", "gates M"]
    stacks = box.children[-1]
    frames = [frame.value for inner in stacks.children for frame in inner.children]
    assert len(frames) == len(grid)
    for (n, M), value in zip(sorted(grid), frames):
        assert html.unescape(value) == html.unescape(SC.simulator_reading(grid[(n, M)]))
    assert len(box._qbp_links) == 1 + len(stacks.children)


@pytest.mark.parametrize(
    "results, error",
    [({}, TypeError), ([1], TypeError), ({(3, 4): "x"}, TypeError), ({3: None}, TypeError)],
)
def test_explorer_rejects_bad_input(results, error):
    with pytest.raises(error, match="^results"):
        SC.simulator_explorer(results)


def test_explorer_rejects_a_partial_grid(grid):
    partial = dict(grid)
    partial.pop((5, 40))
    with pytest.raises(ValueError, match="^results"):
        SC.simulator_explorer(partial)


def test_adjoint_sweep_figure_labels_every_gate_forward_and_backward():
    fig = SC.adjoint_sweep_figure(["XYI", "IZZ", "YIX"])
    texts = [t.get_text() for t in fig.axes[0].texts]
    for k, label in enumerate(["XYI", "IZZ", "YIX"], start=1):
        assert f"U{k}\n{label}" in texts  # forward pass
        assert texts.count(f"U{k}\u2020") == 2  # undone on psi and on lam
        assert f"\u2202F/\u2202\u03b8{k}" in texts


@pytest.mark.parametrize(
    "labels, error", [("XY", TypeError), ([], TypeError), (["X"] * 13, ValueError)]
)
def test_adjoint_sweep_figure_rejects_bad_input(labels, error):
    with pytest.raises(error, match="^labels"):
        SC.adjoint_sweep_figure(labels)


def test_reading_says_where_it_was_measured(small):
    assert "machine that built the page" in html.unescape(SC.simulator_reading(small))
