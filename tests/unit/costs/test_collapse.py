"""Tests of qbp_lessons.costs.collapse: CNOT "copy" fidelities and the single-copy bound."""

import math

import numpy as np
import pytest

from qbp_lessons import costs as c


def test_cnot_copies_a_basis_state_and_halves_plus():
    assert c.cnot_copy_fidelities(0.0) == (1.0, 1.0)
    assert c.cnot_copy_fidelities(math.pi) == pytest.approx((1.0, 1.0), abs=1e-15)
    # |+>: cos = sin = 1/sqrt 2: c^4 + s^4 = 1/2, (c^3 + s^3)^2 = (1/sqrt 2)^2 = 1/2
    assert c.cnot_copy_fidelities(math.pi / 2) == pytest.approx((0.5, 0.5), rel=1e-14)


def test_cnot_copy_fidelities_against_the_states():
    angles = np.linspace(0.0, 2 * np.pi, 9)
    per_copy, joint = c.cnot_copy_fidelities(angles)
    for a, f1, f2 in zip(angles, per_copy, joint):
        psi = np.array([np.cos(a / 2), np.sin(a / 2)])
        out = np.zeros(4)
        out[0], out[3] = psi  # CNOT (|psi> |0>) = cos|00> + sin|11>
        half = np.einsum("ab,cb->ac", out.reshape(2, 2), out.reshape(2, 2))  # trace out qubit 2
        assert f1 == pytest.approx(psi @ half @ psi, abs=1e-14)
        assert f2 == pytest.approx((np.kron(psi, psi) @ out) ** 2, abs=1e-14)


def test_cnot_copy_fidelities_bad_angle():
    with pytest.raises(TypeError, match=r"^angle"):
        c.cnot_copy_fidelities("0.1")
    with pytest.raises(ValueError, match=r"^angle"):
        c.cnot_copy_fidelities([0.0, np.nan])


def test_single_copy_lower_bound_is_min_m_2n():
    assert c.single_copy_lower_bound(10, 3) == 8.0
    assert c.single_copy_lower_bound(5, 3) == 5.0
    assert c.single_copy_lower_bound(np.array([1, 8, 100]), 3).tolist() == [1.0, 8.0, 8.0]
    with pytest.raises(ValueError, match=r"^n"):
        c.single_copy_lower_bound(10, 1001)
