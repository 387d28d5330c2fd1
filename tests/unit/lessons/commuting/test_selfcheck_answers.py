"""Chapter 7's self-check answers, recomputed by the code that does the work."""

from __future__ import annotations

import numpy as np

from qbp_lessons import costs
from qbp_lessons.engine.ledger import Ledger
from qbp_lessons.lessons import commuting
from qbp_lessons.show.selfcheck import questions


def _item(text_start):
    (item,) = [
        q for q in questions("07_commuting_circuits") if q["question"].startswith(text_start)
    ]
    return item


def _right(item):
    (right,) = [a for a in item["answers"] if a.get("correct") is True]
    return right


def test_rms_shots_come_from_the_cost_model_and_hold_in_a_seeded_run():
    item = _item("A commuting-generator gradient with one Pauli term")
    N = _right(item)["value"]
    assert N == costs.commuting_shots(1, 0.05) == costs.commuting_shots(10**6, 0.05)
    # and the estimator meets it: the exact variance at N shots is at most eps^2 per component
    model = commuting.x_generator_circuit(5, 12, seed=0)
    prepared = commuting.prepare_gradient(model, np.random.default_rng(1).uniform(0, 6, 12))
    assert np.all(prepared.variance(N) <= 0.05**2)
    # the wrong value offered is the +-1 rule, 1/eps^2
    (wrong,) = [a for a in item["answers"] if a.get("correct") is False]
    assert wrong["value"] == costs.shots_for_precision(0.05)


def test_settings_count_is_the_ledgers():
    item = _item("A commuting circuit on 4 qubits")
    model = commuting.CommutingCircuit(
        4, ["XIII", "IXII", "XXII"], [(1.0, "ZIII"), (1.0, "IIZI"), (1.0, "ZZII")]
    )
    ledger = Ledger()
    commuting.commuting_grad_shots(model, np.full(3, 0.3), 10, seed=0, ledger=ledger)
    assert _right(item)["value"] == ledger.circuits
    assert [a["value"] for a in item["answers"] if a.get("correct") is False] == [3]


def test_time_ratio_at_the_rms_target_is_four_whatever_m():
    item = _item("At the talk's target")
    assert "4" in _right(item)["answer"]
    M = np.array([2, 10**3, 10**9])
    assert np.all(costs.commuting_time(M, 0.01) / costs.circuit_time(M, 0.01) == 4.0)
