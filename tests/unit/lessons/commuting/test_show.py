"""Tests of chapter 7's presentation and exercises: figures read back against the scan and the
models, the explorer's frames and links, the readings, the summary table, and the checkers."""

import ipywidgets as W
import numpy as np
import pytest

from qbp_lessons.lessons import commuting as CM
from qbp_lessons import costs
from qbp_lessons import training as TR
from qbp_lessons.exercises import EXERCISES, check
from qbp_lessons.lessons.commuting import exercises as EX
from qbp_lessons.show import HAS_STACK
from qbp_lessons.lessons.commuting.show import (
    commuting_explorer,
    shots_figure,
    shots_reading,
    training_figure,
)
from qbp_lessons.show.summary import summary_table


@pytest.fixture(scope="module")
def scan():
    return CM.shots_for_accuracy([2, 4, 8], eps=0.3, delta=0.1, n=5, reps=40, seed=2)


def test_shots_figure_draws_other_seeds_and_rejects_mismatched_scans(scan):
    other = CM.shots_for_accuracy([2, 4, 8], eps=0.3, delta=0.1, n=5, reps=40, seed=3)
    ax = shots_figure(scan, more=[other]).axes[0]
    small = [line for line in ax.get_lines() if line.get_markersize() == 4]
    assert [list(line.get_ydata()) for line in small] == [
        list(other.param_shift_shots),
        list(other.commuting_shots),
    ]
    assert all(line.get_linestyle() == "None" for line in small)
    wrong = CM.shots_for_accuracy([2, 4], eps=0.3, delta=0.1, n=5, reps=40, seed=3)
    with pytest.raises(ValueError, match="more"):
        shots_figure(scan, more=[wrong])
    with pytest.raises(TypeError, match="more"):
        shots_figure(scan, more=other)


def test_shots_figure_draws_counted_points_and_the_bounds(scan):
    ax = shots_figure(scan).axes[0]
    lines = {line.get_label(): line for line in ax.get_lines()}
    com = next(line for k, line in lines.items() if k.startswith("commuting, counted"))
    ps = next(line for k, line in lines.items() if k.startswith("parameter shift, counted"))
    assert np.array_equal(com.get_ydata(), scan.commuting_shots)
    assert np.array_equal(ps.get_ydata(), scan.param_shift_shots)
    bound = next(line for k, line in lines.items() if k.startswith("commuting, bound"))
    assert np.array_equal(bound.get_ydata(), costs.commuting_shots(bound.get_xdata(), 0.3, 0.1))
    assert (
        com.get_linestyle() == "None" and bound.get_linestyle() != "None"
    )  # measured: markers only
    assert (
        ax.get_xscale() == "log"
        and ax.get_yscale() == "log"
        and ax.get_xlabel()
        and ax.get_ylabel()
    )


def test_reading_numbers_come_from_models_and_scan(scan):
    text = shots_reading(4, 0.3, 0.1, scan)
    assert f"{int(costs.commuting_shots(4, 0.3, 0.1)):,}" in text
    assert f"{int(costs.param_shift_shots(4, 0.3, 0.1)):,}" in text
    assert f"{int(scan.commuting_shots[1]):,}" in text
    assert "Counted" not in shots_reading(4, 0.1, 0.1, scan)  # not measured at that eps
    with pytest.raises(ValueError, match="delta"):
        shots_reading(4, 0.3, 1.5)


@pytest.mark.skipif(not HAS_STACK, reason="needs ipywidgets 8")
def test_explorer_has_three_linked_sliders_and_every_frame(scan):
    box = commuting_explorer(scan, eps_values=(0.1, 0.3), delta_values=(0.01, 0.1))
    sliders = [c for c in box.children if isinstance(c, W.SelectionSlider)]
    assert [s.description for s in sliders] == [
        "precision \u03b5",
        "failure probability \u03b4",
        "parameters M",
    ]
    assert len(box._qbp_links) >= 3
    readings = box.children[-1]
    texts = []

    def collect(w):
        if isinstance(w, W.HTML):
            texts.append(w.value)
        for child in getattr(w, "children", ()):
            collect(child)

    collect(readings)
    assert len(texts) == 2 * 2 * 3  # eps x delta x M frames
    assert sum("Counted" in t for t in texts) == 3  # only at the scan's eps and delta
    with pytest.raises(ValueError, match="eps_values"):
        commuting_explorer(scan, eps_values=(0.1,), delta_values=(0.1,))


def test_training_figure_plots_losses_against_counted_circuits():
    model = CM.CommutingCircuit(2, ["XI", "IX", "XX"], [(1.0, "ZI"), (0.5, "IZ")])
    run = TR.train(
        model, [0.3, 0.2, 0.1], "commuting", target=-1.0, shots=100, lr=0.2, iterations=30, seed=0
    )
    fig = training_figure([run], ["commuting"])
    line = fig.axes[0].get_lines()[0]
    assert np.array_equal(line.get_xdata(), run.executions[1:])  # what the ledger counted
    assert np.array_equal(
        run.executions[1:], run.circuits_per_gradient * np.arange(1, run.steps + 1)
    )
    assert np.array_equal(line.get_ydata(), run.losses[1:])
    with pytest.raises(ValueError, match="labels"):
        training_figure([run], [])
    free = TR.train(model, [0.3, 0.2, 0.1], "commuting", shots=100, iterations=3, seed=0)
    labels = [line.get_label() for line in training_figure([free], ["3 steps"]).axes[0].lines]
    assert labels == ["3 steps"]  # no target, no target line


def test_summary_table_escapes_and_checks_rows():
    out = summary_table([("7. Commuting", "one setting", "1 < 2M", "counted (ledger)")])
    assert "<td>1 &lt; 2M</td>" in out and out.count("<tr>") == 2
    with pytest.raises(TypeError, match=r"rows\[0\]"):
        summary_table([("only", "three", "cells")])
    with pytest.raises(TypeError, match="rows"):
        summary_table([])


def test_exercise_checkers_accept_the_solutions_and_reject_wrong_answers(capsys):
    assert {"7.1", "7.2", "7.3"} <= set(EXERCISES)
    from qbp_lessons.engine.paulis import commutes, multiply

    def right(g, h):
        if commutes(g, h):
            return (0, None)
        phase, r = multiply(g, h)
        return ((2j * phase).real, r.label)

    def wrong_sign(g, h):
        c, label = right(g, h)
        return (-c, label)

    assert check("7.1", right)
    assert not check("7.1", wrong_sign)
    assert not check("7.1", lambda g, h: 1 / 0)
    assert "ZeroDivisionError" in capsys.readouterr().out
    assert check("7.2", 3) and not check("7.2", 4)
    assert check("7.3", 5) and not check("7.3", 6) and not check("7.3", 7) and not check("7.3", 4)
    assert not check("7.3", 2.5)


def test_exercise_answers_are_counted_not_assumed():
    model = CM.CommutingCircuit(4, list(EX.EX72_GENERATORS), [list(t) for t in EX.EX72_OBSERVABLE])
    # the Z0Z1Z2Z3 term commutes with every weight-2 X-string: no setting for it
    assert sum(1 for rows in CM.gradient_observables(model) if rows) == EX._ex72_expected() == 3


def test_block_circuit_figure_draws_the_estimators_own_gates():
    from qbp_lessons.lessons.commuting import blocks as BL
    from qbp_lessons.lessons.commuting import show as SH

    model = BL.two_block_example(3)
    gates = BL.hadamard_test_gates(model, 0)
    fig = SH.block_circuit_figure(model, 0)
    ax = fig.axes[0]
    boxes = [p for p in ax.patches]
    assert len(boxes) == len(gates) + 1  # one box per gate, then the measurement
    letters = [t.get_text() for t in ax.texts if len(t.get_text()) == 1]
    assert letters == [ch for p, _ in gates for ch in p.label if ch != "I"]
    # the flipped gates are exactly the later ones that anticommute with block 1 (Z on the ancilla)
    assert [r for _, r in gates].count("flipped") == sum(1 for p, _ in gates if p.label[-1] == "Z")
    assert {r for _, r in gates} <= set(BL.GATE_ROLES)
    # the estimator simulates these gates: the first Hadamard-test setting acts on n + 1 qubits
    prepared = CM.prepare_gradient(model, np.full(model.M, 0.3))
    assert prepared.settings[0].qubits == model.n + 1
    with pytest.raises(TypeError, match=r"^model\b"):
        SH.block_circuit_figure("not a model")
    with pytest.raises(ValueError, match=r"^block\b"):
        SH.block_circuit_figure(model, 1)  # the last block needs no Hadamard test
    with pytest.raises(ValueError, match=r"^block\b"):
        BL.hadamard_test_gates(BL.BlockCircuit(2, [["XI", "IX"]]), 0)
