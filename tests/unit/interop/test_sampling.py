"""Tests of qbp_lessons.interop.sampling: PennyLane's bitstrings against the engine's Born rule."""

import numpy as np
import pytest

from qbp_lessons import interop
from qbp_lessons.engine import circuits as C
from qbp_lessons.engine import sampling as S


@pytest.mark.parametrize("basis", ["ZZZ", "XYZ", "YIX"])
def test_pennylane_frequencies_follow_the_engine_probabilities(basis):
    circ = C.random_circuit(3, 8, seed=5)
    theta = C.random_parameters(8, seed=5)
    shots = 20_000
    bits = interop.pennylane_samples(circ, theta, basis, shots, seed=9)
    assert bits.shape == (shots, 3) and set(np.unique(bits)) <= {0, 1}
    index = bits @ (1 << np.arange(2, -1, -1))  # wire 0 is the most significant bit
    freq = np.bincount(index, minlength=8) / shots
    probs = S.prepare(circ, theta, basis).probs
    sigma = np.sqrt(probs * (1 - probs) / shots)
    # every frequency within 5 standard deviations (each fails with probability < 1e-6)
    assert np.all(np.abs(freq - probs) <= 5 * sigma + 1e-12)


def test_samples_name_bad_input():
    circ = C.random_circuit(2, 3, seed=0)
    with pytest.raises(ValueError, match=r"^shots"):
        interop.pennylane_samples(circ, np.zeros(3), "ZZ", 0)
    with pytest.raises(ValueError, match=r"^basis"):
        interop.pennylane_samples(circ, np.zeros(3), "ZZZ", 10)
