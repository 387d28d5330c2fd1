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


def test_xyz_and_zzx_anticommute_by_the_engine_and_by_matrices():
    item = _item("Do the Pauli strings $XYZ$ and $ZZX$")
    assert _right(item)["answer"] == "They anticommute"
    assert not paulis.commutes("XYZ", "ZZX")
    a, b = paulis.pauli_matrix("XYZ"), paulis.pauli_matrix("ZZX")
    assert np.allclose(a @ b, -(b @ a))


def test_shots_for_a_quarter_of_the_spread():
    item = _item("An estimate of")
    variance = 0.04**2 * 400  # the single-shot variance that gave 0.04 at 400 shots
    assert _right(item)["value"] == costs.shots_for_precision(0.01, variance=variance)


def test_variance_of_a_mean_of_shots_at_a_given_expectation():
    item = _item("A state has")
    theta = np.arccos(0.8) / 2  # exp(-i theta Y)|0> has <Z> = cos(2 theta)
    z = circuits.expval(circuits.Circuit(1, ["Y"], "Z"), [theta])
    assert abs(z - 0.8) < 1e-12
    variance = (1 - z**2) / 100
    assert abs(_right(item)["value"] - variance) < 1e-12
    ranges = [a["range"][0] for a in item["answers"] if a["type"] == "range"]
    assert ranges == [1 / 100, 0.06]  # the worst case 1/N, and the standard deviation
    assert abs(np.sqrt(variance) - 0.06) < 1e-12


def test_trace_distance_to_the_maximally_mixed_state():
    item = _item("What is the trace distance")
    rho = qinfo.density_matrix(circuits.zero_state(1))
    assert _right(item)["value"] == qinfo.trace_distance(rho, np.eye(2) / 2)
    (wrong,) = [a for a in item["answers"] if a["type"] == "range"]
    assert wrong["range"][0] == np.abs(np.linalg.eigvalsh(rho - np.eye(2) / 2)).sum()
