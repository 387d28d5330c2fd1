"""Chapter 0's self-check answers, recomputed by the code that does the work."""

from __future__ import annotations

import numpy as np

from qbp_lessons import costs
from qbp_lessons.engine import circuits, paulis, qinfo
from qbp_lessons.show.selfcheck import questions


def _item(text_start):
    (item,) = [q for q in questions("00_quantum_basics") if q["question"].startswith(text_start)]
    return item


def _right(item):
    (right,) = [a for a in item["answers"] if a.get("correct") is True]
    return right


def test_statevector_sizes_are_what_the_engine_allocates():
    item = _item("A statevector of 10 qubits")
    assert circuits.zero_state(10).nbytes == 16 * 1024
    assert _right(item)["value"] == circuits.zero_state(12).nbytes / 1024


def test_xz_and_zx_commute_by_the_engine_and_by_matrices():
    item = _item("Do the Pauli strings $XZ$ and $ZX$")
    assert _right(item)["answer"] == "They commute"
    assert paulis.commutes("XZ", "ZX")
    a, b = paulis.pauli_matrix("XZ"), paulis.pauli_matrix("ZX")
    assert np.allclose(a @ b, b @ a)


def test_shots_for_a_quarter_of_the_spread():
    item = _item("An estimate of")
    variance = 0.04**2 * 400  # the single-shot variance that gave 0.04 at 400 shots
    assert _right(item)["value"] == costs.shots_for_precision(0.01, variance=variance)


def test_trace_distance_to_the_maximally_mixed_state():
    item = _item("What is the trace distance")
    rho = qinfo.density_matrix(circuits.zero_state(1))
    assert _right(item)["value"] == qinfo.trace_distance(rho, np.eye(2) / 2)
    (wrong,) = [a for a in item["answers"] if a["type"] == "range"]
    assert wrong["range"][0] == np.abs(np.linalg.eigvalsh(rho - np.eye(2) / 2)).sum()
