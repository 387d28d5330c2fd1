"""The circuit the tests of chapter 3's modules share."""

import pytest

from qbp_lessons.engine import circuits as C


@pytest.fixture(scope="module")
def small():
    """n = 3, M = 6, a three-term observable."""
    circ = C.random_circuit(3, 6, observable="random", seed=4)
    return circ, C.random_parameters(6, seed=5)
