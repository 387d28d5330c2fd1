"""Chapter 7's self-check answers, recomputed by the code that does the work."""

from __future__ import annotations

import numpy as np
import pytest

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


def test_t_term_ratio_counts_the_ledgers_settings():
    item = _item("A commuting circuit on 3 qubits")
    model = commuting.CommutingCircuit(
        3, ["XXI", "IIX"], [(1.0, "ZII"), (1.0, "ZZI"), (1.0, "IIZ")]
    )
    ledger = Ledger()
    N = int(costs.commuting_shots(model.M, 0.1))
    commuting.commuting_grad_shots(model, np.full(2, 0.3), N, seed=0, ledger=ledger)
    assert ledger.circuits == 2
    per_f = costs.shots_for_precision(0.1)
    assert _right(item)["value"] == ledger.shots / per_f
    wrong = [a["value"] for a in item["answers"] if a.get("correct") is False]
    assert wrong == [3 * N / per_f, N / per_f]


def test_all_at_once_growth_factor_is_the_bounds_ratio():
    item = _item("For all $M$ components within")
    lo, hi = _right(item)["range"]
    ratio = np.log(2 * 10**4 / 0.1) / np.log(2 * 10 / 0.1)
    assert lo <= ratio <= hi
    # the package's bound at a small eps (ceil negligible) gives the same ratio
    bound = costs.commuting_shots(np.array([10, 10**4]), 0.001, 0.1)
    assert lo <= bound[1] / bound[0] <= hi


def test_ancilla_letter_is_the_one_the_block_settings_read():
    item = _item("In a commuting-block circuit on 4 qubits")
    assert "Y_a" in _right(item)["answer"]
    blocks = commuting.BlockCircuit(4, [["YIXX", "YXII"], ["XIII"]], [(1.0, "ZIZI")])
    prepared = commuting.prepare_gradient(blocks, np.full(blocks.M, 0.3))
    letters = {}
    for s in prepared.settings:
        for j, p in zip(s.components, s.paulis):
            letters[int(j)] = p.label[-1]  # the ancilla is the last wire
    assert letters[0] == "Y" and letters[1] == "X"


def test_the_block_condition_rejects_the_right_answer_only():
    item = _item("Block 1 of a circuit")
    labels = {"$Z_0$": "ZII", "$Z_0Z_1$": "ZZI", "$Y_2$": "IIY"}
    for answer in item["answers"]:
        later = labels[answer["answer"]]
        if answer["correct"]:
            with pytest.raises(ValueError, match="blocks"):
                commuting.BlockCircuit(3, [["XII", "IXI"], [later]], [(1.0, "ZII")])
        else:
            commuting.BlockCircuit(3, [["XII", "IXI"], [later]], [(1.0, "ZII")])
