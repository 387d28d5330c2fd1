"""Tests of qbp_lessons.engine.paulis: products, (anti)commutation and matrices of Pauli strings.

Every symbolic rule is checked against the 2^n x 2^n matrices it stands for, and the counts
against closed forms: a non-identity string anticommutes with exactly half of the 4^n strings,
and 2^k 4^(n-k) strings commute with a weight-k string qubit by qubit."""

import itertools

import numpy as np
import pytest

from qbp_lessons.engine import paulis as Pa


def all_strings(n):
    return ["".join(s) for s in itertools.product("IXYZ", repeat=n)]


@pytest.mark.parametrize("n", [1, 2])
def test_the_product_is_the_matrix_product(n):
    for p, q in itertools.product(all_strings(n), repeat=2):
        phase, r = Pa.multiply(p, q)
        assert phase in (1, -1, 1j, -1j)
        product = Pa.pauli_matrix(p) @ Pa.pauli_matrix(q)
        assert np.array_equal(product, phase * Pa.pauli_matrix(r)), (p, q)


def test_three_letter_products_by_hand():
    assert Pa.multiply("X", "Y") == (1j, Pa.PauliString("Z"))
    assert Pa.multiply("Y", "X") == (-1j, Pa.PauliString("Z"))
    # XZ (x) ZX: X Z = -i Y and Z X = i Y, so the phase is (-i)(i) = 1
    assert Pa.multiply("XZ", "ZX") == (1, Pa.PauliString("YY"))
    # every string squares to the identity
    assert Pa.multiply("XYZI", "XYZI") == (1, Pa.PauliString("IIII"))


@pytest.mark.parametrize("n", [1, 2, 3])
def test_commutes_is_the_matrix_commutator(n):
    for p, q in itertools.product(all_strings(n), repeat=2):
        a, b = Pa.pauli_matrix(p), Pa.pauli_matrix(q)
        assert Pa.commutes(p, q) == np.array_equal(a @ b, b @ a), (p, q)
        # and otherwise they anticommute: exactly one of the two holds
        assert np.array_equal(a @ b, b @ a) != np.array_equal(a @ b, -(b @ a)), (p, q)


@pytest.mark.parametrize("n", [1, 2, 3])
def test_each_non_identity_string_anticommutes_with_half_of_all_strings(n):
    strings = all_strings(n)
    for p in strings[1:]:
        anticommuting = sum(not Pa.commutes(p, q) for q in strings)
        assert anticommuting == 4**n // 2, p
    assert all(Pa.commutes("I" * n, q) for q in strings)


@pytest.mark.parametrize("n", [1, 2, 3])
def test_qubitwise_commuting_count_is_2_to_the_k_times_4_to_the_n_minus_k(n):
    for p in all_strings(n):
        k = Pa.pauli(p).weight
        count = sum(Pa.qubitwise_commutes(p, q) for q in all_strings(n))
        assert count == 2**k * 4 ** (n - k), p
        # qubit-wise commuting strings commute
        assert all(Pa.commutes(p, q) for q in all_strings(n) if Pa.qubitwise_commutes(p, q))


def test_masks_support_word_and_weight():
    p = Pa.pauli("XIZY")
    # wire w is bit n - 1 - w: X on bit 3, Z on bit 1, Y on bit 0
    assert (p.x_mask, p.z_mask, p.n_y) == (0b1001, 0b0011, 1)
    assert p.support == (0, 2, 3) and p.word == "XZY" and p.weight == 3 and p.n == 4
    assert Pa.pauli({0: "X", 2: "Z", 3: "Y"}, 4) == p


def test_pauli_matrix_is_hermitian_unitary_and_traceless():
    for p in all_strings(2)[1:]:
        m = Pa.pauli_matrix(p)
        assert np.array_equal(m, m.conj().T)
        assert np.array_equal(m @ m, np.eye(4))
        assert np.trace(m) == 0
    # wire 0 is the most significant factor: X on wire 0 flips the first bit
    assert np.array_equal(Pa.pauli_matrix("XI") @ np.eye(4)[:, 0], np.eye(4)[:, 2])


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda: Pa.pauli("XA"), ValueError, "^pauli"),
        (lambda: Pa.pauli(3), TypeError, "^pauli"),
        (lambda: Pa.pauli({0: "X"}), ValueError, "^pauli"),
        (lambda: Pa.pauli({5: "X"}, 2), ValueError, "^pauli"),
        (lambda: Pa.pauli("XX", 3), ValueError, "^pauli"),
        (lambda: Pa.pauli_matrix("X" * 11), ValueError, "^p"),
        (lambda: Pa.qubitwise_commutes("XY", "Z"), ValueError, "^q"),
    ],
)
def test_bad_input_is_named(call, error, match):
    with pytest.raises(error, match=match):
        call()
