"""Tests of chapter 1's figures (qbp_lessons.lessons.backprop.show) and of the cost explorer's
legend notes: what each figure draws (timed vs modelled, plain vs checkpointed, the tape), and
their input checks.
"""

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from qbp_lessons.lessons import backprop as cl  # noqa: E402
from qbp_lessons import costs  # noqa: E402
from qbp_lessons.show import cost_explorer  # noqa: E402
from qbp_lessons.lessons.backprop.show import (
    graph_figure,
    memory_figure,
    omega_figure,
)  # noqa: E402


def _omega(M, fd_measured, fd_ratio=None):
    """An OmegaMeasurement with made-up times: the figure only draws what it is given."""
    return cl.OmegaMeasurement(
        widths=(8, 8),
        batch=64,
        M=M,
        time_f=1e-3,
        time_grad=3e-3,
        omega1=3.0,
        time_grad_autograd=9e-3,
        omega1_autograd=9.0,
        fd_scheme="forward",
        fd_evaluations=M + 1,
        fd_measured=fd_measured,
        time_fd=(M + 1) * 1e-3,
        fd_ratio=fd_ratio if fd_ratio is not None else M + 1.0,
        input_bytes=100,
        peak_f_bytes=100,
        peak_grad_bytes=150,
        memory_f=200,
        memory_grad=250,
        omega2=1.25,
        memory_grad_autograd=500,
        omega2_autograd=2.5,
    )


def _texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_graph_figure_draws_forward_tape_and_backward_for_each_layer():
    for layers in (1, 3, 4):
        fig = graph_figure(layers)
        texts = " ".join(_texts(fig))
        assert "tape" in texts and "forward pass" in texts and "backward pass" in texts
        for k in range(1, layers + 1):
            assert f"$a_{k}$" in texts  # the tape entry
            assert rf"\partial F/\partial\theta_{k}" in texts  # the weight gradient, a branch
            assert rf"$\delta_{k}$" in texts  # the chain passed down
        for k in range(2, layers + 1):
            assert rf"\theta_{k}^{{T}}\delta_{k}" in texts  # each step down needs theta_k
        assert rf"\partial\theta_{layers + 1}" not in texts
        assert all(not ax.axison for ax in fig.axes)


@pytest.mark.parametrize(
    "layers, error", [(0, ValueError), (5, ValueError), (2.5, TypeError), (True, TypeError)]
)
def test_graph_figure_rejects_bad_layers(layers, error):
    with pytest.raises(error, match="layers"):
        graph_figure(layers)


def test_omega_figure_draws_timed_filled_and_modelled_hollow():
    sweep = [
        _omega(1_000, True, 1_100.0),
        _omega(3_000, True, 2_900.0),
        _omega(10_000, False),
        _omega(100_000, False),
    ]
    fig = omega_figure(sweep)
    left = fig.axes[0]
    lines = {line.get_label(): line for line in left.get_lines()}
    timed = lines["finite differences, timed"]
    modelled = next(
        line for label, line in lines.items() if label.startswith("finite differences, not timed")
    )
    assert list(timed.get_xdata()) == [1_000, 3_000]
    assert list(timed.get_ydata()) == [1_100.0, 2_900.0]  # the measured ratios, not the model
    assert list(modelled.get_xdata()) == [10_000, 100_000]
    assert timed.get_markerfacecolor() != "none" and modelled.get_markerfacecolor() == "none"
    assert timed.get_linestyle() == "None" and modelled.get_linestyle() == "None"
    model = lines["finite differences, model M + 1"]
    assert model.get_marker() in ("None", None, "")  # the model is a line without markers
    np.testing.assert_array_equal(
        model.get_ydata(), costs.finite_difference_evaluations(model.get_xdata())
    )


def test_omega_figure_leaves_out_an_empty_group():
    labels = [line.get_label() for line in omega_figure([_omega(1_000, True)]).axes[0].get_lines()]
    assert "finite differences, timed" in labels
    assert not any(label.startswith("finite differences, not timed") for label in labels)


@pytest.mark.parametrize("bad, error", [([], ValueError), ("sweep", TypeError), (None, TypeError)])
def test_figures_reject_bad_measurements(bad, error):
    with pytest.raises(error, match="measurements"):
        omega_figure(bad)
    with pytest.raises(error, match="measurements"):
        memory_figure(bad)


def test_memory_figure_one_panel_per_batch_plain_filled_checkpointed_hollow():
    sweep = cl.sweep_memory(depths=(2, 8), batches=(16, 256), width=16)
    fig = memory_figure(sweep)
    assert [ax.get_title() for ax in fig.axes] == ["batch 16", "batch 256"]
    for ax, batch in zip(fig.axes, (16, 256)):
        plain, checkpointed = ax.get_lines()
        rows = [m for m in sweep if m.batch == batch]
        assert list(plain.get_ydata()) == [m.omega2 for m in rows]
        assert list(checkpointed.get_ydata()) == [m.omega2_checkpointed for m in rows]
        assert (
            plain.get_markerfacecolor() != "none" and checkpointed.get_markerfacecolor() == "none"
        )
        assert ax.get_ylim()[1] >= 4.5  # the bound omega2 <= 4 is always in view


def test_cost_explorer_notes_reach_the_legend_and_alt_text():
    notes = {"param_shift": "chapter 3: assumes 2/\u03b5\u00b2 shots"}
    box = cost_explorer(
        ["function", "backprop", "param_shift"],
        headline=("param_shift", "backprop"),
        M_values=[10, 100],
        eps_values=[0.1],
        default_M=10,
        default_eps=0.1,
        notes=notes,
    )
    html = []

    def walk(widget):
        if hasattr(widget, "value") and isinstance(widget.value, str):
            html.append(widget.value)
        for child in getattr(widget, "children", ()):
            walk(child)

    walk(box)
    page = " ".join(html)
    assert "parameter shift, 2M circuits (chapter 3: assumes 2/\u03b5\u00b2 shots)" in page
    assert "SPSA" not in page and "shadows" not in page


def test_cost_explorer_without_notes_is_unchanged():
    box = cost_explorer(
        ["function", "param_shift"],
        headline=("param_shift", "function"),
        M_values=[10],
        eps_values=[0.1],
        default_M=10,
        default_eps=0.1,
    )
    assert box is not None


@pytest.mark.parametrize(
    "notes, error",
    [
        ({"spsa": "chapter 4"}, ValueError),  # a method that is not shown
        ({"param_shift": ""}, TypeError),
        ({"param_shift": 3}, TypeError),
        (["param_shift"], TypeError),
    ],
)
def test_cost_explorer_rejects_bad_notes(notes, error):
    with pytest.raises(error, match="notes"):
        cost_explorer(
            ["function", "param_shift"],
            headline=("param_shift", "function"),
            M_values=[10],
            eps_values=[0.1],
            default_M=10,
            default_eps=0.1,
            notes=notes,
        )
