"""Chapter 8's self-check answers, recomputed by the code that does the work."""

from __future__ import annotations

import numpy as np

from qbp_lessons import costs
from qbp_lessons.lessons import outlook
from qbp_lessons.show.selfcheck import questions


def _item(text_start):
    (item,) = [q for q in questions("08_open_questions") if q["question"].startswith(text_start)]
    return item


def _right(item):
    (right,) = [a for a in item["answers"] if a.get("correct") is True]
    return right


def test_one_oracle_query_reads_every_component():
    item = _item("Jordan's algorithm is run")
    assert _right(item)["answer"].startswith("Once: one call to the phase oracle")
    # the listed slip: one query read as one circuit run
    (slip,) = [a for a in item["answers"] if a["answer"].startswith("Once, so a single run")]
    assert slip["correct"] is False and "S" in slip["feedback"]
    g = np.array([0.25, -0.125, 0.375])
    readout = outlook.jordan_gradient(lambda x: g @ x, np.zeros(3), 4)
    assert readout.oracle_queries == 1 and np.array_equal(readout.readout, g)


def test_plateau_shots_from_ten_to_twenty_qubits():
    item = _item("On a barren plateau")
    assert _right(item)["value"] == costs.plateau_time(100, 20) / costs.plateau_time(100, 10)
    (wrong,) = [a for a in item["answers"] if a["type"] == "range"]
    assert wrong["range"][0] == costs.plateau_eps(10) / costs.plateau_eps(20)


def test_quantum_gradient_against_parameter_shift_at_one_target():
    item = _item("At one target, every one of $M = 10^4$")
    ratio = costs.param_shift_time(10**4, 0.01, 0.01) / costs.quantum_gradient_time(10**4, 0.01)
    assert _right(item)["value"] == float(f"{ratio:.4g}")
    # the wrong answer listed is the mixed-target ratio (rms parameter shift, largest-error qgrad)
    mixed = costs.param_shift_time(10**4, 0.01) / costs.quantum_gradient_time(10**4, 0.01)
    (wrong,) = [a for a in item["answers"] if a["type"] == "range"]
    assert wrong["range"][0] == mixed and ratio > 20 * mixed
