"""Chapter 5's self-check answers, recomputed from the package (qbp_lessons.lessons.collapse).

Every numeric answer in qbp_lessons/show/selfchecks/05_no_cloning_and_collapse.json is
compared with what the package computes; the multiple-choice answers marked correct are
checked where the package can decide them.
"""

import math

import numpy as np
import pytest

from qbp_lessons import costs
from qbp_lessons.engine import qinfo
from qbp_lessons.lessons import collapse
from qbp_lessons.show.selfcheck import questions

CHAPTER = "05_no_cloning_and_collapse"


def _question(words: str) -> dict:
    found = [q for q in questions(CHAPTER) if words in q["question"]]
    assert len(found) == 1, words
    return found[0]


def _value(item: dict) -> float:
    (answer,) = [a for a in item["answers"] if a.get("correct") is True]
    return answer["value"]


def _correct_choice(item: dict) -> str:
    (answer,) = [a for a in item["answers"] if a.get("correct") is True]
    return answer["answer"]


def test_chapter_has_four_questions_three_numeric():
    items = questions(CHAPTER)
    assert len(items) == 4 and sum(q["type"] == "numeric" for q in items) == 3


def test_cnot_copy_fidelity_at_z_06():
    item = _question("CNOT")
    a = math.acos(0.6)  # Bloch z = cos a
    psi = np.array([math.cos(a / 2), math.sin(a / 2) * np.exp(0.7j)])  # a phase changes nothing
    measured = collapse.copy_report(psi).fidelity_copy
    assert round(measured, item["precision"]) == pytest.approx(_value(item))
    assert abs(measured - 0.68) < 1e-12


def test_gentle_bound_at_probability_099():
    item = _question("gentle measurement lemma")
    bound = costs.gentle_measurement_bound(0.01)
    eps, moved = collapse.tight_gentle_case(0.01, n=1, seed=5)  # reached by a pure state
    assert abs(eps - 0.01) < 1e-12 and abs(moved - bound) < 1e-12
    assert round(moved, item["precision"]) == pytest.approx(_value(item))


def test_after_xz_the_anticommuting_zz_reads_zero():
    item = _question("you measure $XZ$")
    assert _correct_choice(item).startswith("Exactly 0")
    for seed in range(5):
        exact = collapse.sequential_exact(qinfo.random_state(2, seed), "XZ", "ZZ")
        assert not exact.commute and np.max(np.abs(exact.after)) < 1e-12


def test_projective_bits_per_lost_fidelity_at_z_06():
    item = _question("bits does its outcome carry")
    a = math.acos(0.6)  # Bloch z = cos a
    rho = qinfo.density_matrix(np.array([math.cos(a / 2), math.sin(a / 2)]))
    r = collapse.weak_measurement(rho, 1.0)
    h = -(0.8 * math.log2(0.8) + 0.2 * math.log2(0.2))  # the entropy of the outcome
    assert abs(r.information - h) < 1e-12 and abs(r.infidelity - 0.32) < 1e-12
    ratio = r.information / r.infidelity
    assert float(f"{ratio:.{item['precision']}g}") == pytest.approx(_value(item))
