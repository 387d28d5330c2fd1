"""The Pauli strings chapter 6 asks about, and their exact expectations.

Every estimate of the chapter (the reduction's gradient, classical shadows, direct
measurement) is checked against :func:`exact_expectations`, which reads all
strings off the state at once with one Walsh-Hadamard transform per distinct
x-mask. Introduced in chapter 6.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from qbp_lessons._validate import bounded_int, positive_int
from qbp_lessons.engine.circuits import check_state, qubits_of
from qbp_lessons.engine.paulis import PauliString, pauli

__all__ = ["MAX_PAULIS", "check_paulis", "all_paulis", "exact_expectations"]

#: Most Pauli strings one estimate may ask for.
MAX_PAULIS = 200_000


def check_paulis(paulis, n: int, name: str = "paulis") -> list[PauliString]:
    """A list of Pauli strings on exactly ``n`` qubits (labels, wire maps or PauliStrings).

    Raises naming ``name`` (and the position) for a string on the wrong number
    of qubits. Introduced in chapter 6.
    """
    n = positive_int("n", n)
    if isinstance(paulis, (str, dict, PauliString)) or not hasattr(paulis, "__iter__"):
        raise TypeError(f"{name} must be a list of Pauli strings, got {type(paulis).__name__}")
    paulis = list(paulis)
    if not paulis:
        raise ValueError(f"{name} must hold at least one Pauli string")
    if len(paulis) > MAX_PAULIS:
        raise ValueError(f"{name} must hold at most {MAX_PAULIS:,} strings, got {len(paulis):,}")
    return [pauli(p, n, name=f"{name}[{i}]") for i, p in enumerate(paulis)]


def all_paulis(n: int, weight: int) -> list[PauliString]:
    """Every Pauli string of exactly ``weight`` non-identity letters on n qubits: C(n, k) 3^k.

    In a fixed order (supports in lexicographic order, then letters XYZ).
    Introduced in chapter 6.
    """
    n = bounded_int("n", n, maximum=64)
    weight = bounded_int("weight", weight, maximum=n)
    count = math.comb(n, weight) * 3**weight
    if count > MAX_PAULIS:
        raise ValueError(
            f"weight: C({n}, {weight}) 3^{weight} = {count:,} strings is more than {MAX_PAULIS:,}"
        )
    out = []
    for support in itertools.combinations(range(n), weight):
        for letters in itertools.product("XYZ", repeat=weight):
            label = ["I"] * n
            for w, ch in zip(support, letters):
                label[w] = ch
            out.append(PauliString("".join(label)))
    return out


def _walsh_hadamard(u: np.ndarray) -> np.ndarray:
    """sum_b u[b] (-1)^popcount(b & z) for every z at once (on a copy), n 2^n operations."""
    u = u.copy()
    h = 1
    while h < u.size:
        v = u.reshape(-1, 2, h)
        a, b = v[:, 0, :].copy(), v[:, 1, :]
        v[:, 0, :] += b
        v[:, 1, :] = a - b
        h *= 2
    return u


def exact_expectations(psi, paulis) -> np.ndarray:
    """``<psi|Q|psi>`` of every string, exactly: one Walsh-Hadamard transform per distinct x-mask.

    <psi|Q|psi> = i^{n_y} sum_b conj(psi[b ^ x]) psi[b] (-1)^popcount(b & z), so
    all strings with the same x-mask (same wires flipped) share the vector
    conj(psi[b ^ x]) psi[b] and differ only in z: a Walsh-Hadamard transform
    gives every z at once. Introduced in chapter 6.
    """
    n = qubits_of(psi)
    psi = check_state(psi, n)
    paulis = check_paulis(paulis, n)
    index = np.arange(psi.size)
    out = np.empty(len(paulis))
    by_x: dict[int, list[int]] = {}
    for i, p in enumerate(paulis):
        by_x.setdefault(p.x_mask, []).append(i)
    for x, members in by_x.items():
        spectrum = _walsh_hadamard(np.conj(psi[index ^ x]) * psi)
        for i in members:
            p = paulis[i]
            out[i] = (1j**p.n_y * spectrum[p.z_mask]).real
    return out
