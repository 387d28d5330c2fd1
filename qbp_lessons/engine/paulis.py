"""Pauli strings and observables: the alphabet of every circuit in the course.

A Pauli string such as ``"XIZ"`` puts one of I, X, Y, Z on each wire (wire 0 first,
the most significant bit of a state index, as in PennyLane). Two facts carry the
whole course: every string squares to the identity, so ``exp(-i t P) = cos t I -
i sin t P``; and two strings either commute or anticommute. An observable is a
real combination ``O = sum_l c_l Q_l`` of strings, with like terms merged.

Introduced in chapter 2.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field

import numpy as np

from qbp_lessons._validate import positive_int

__all__ = [
    "MAX_QUBITS",
    "MAX_WIRES",
    "MAX_TERMS",
    "PauliString",
    "pauli",
    "multiply",
    "commutes",
    "qubitwise_commutes",
    "pauli_matrix",
    "Observable",
    "observable",
]

#: Largest register the statevector engine accepts (2^20 amplitudes = 16 MiB per state).
MAX_QUBITS = 20
# : Longest Pauli string accepted (strings alone need no statevector: classical shadows use long
# ones).
MAX_WIRES = 1024
#: Largest number of terms an observable may have (each costs a kernel of 2^n numbers).
MAX_TERMS = 10_000

_LETTERS = "IXYZ"
# Products of single-qubit Paulis: (a, b) -> (phase, c) with a b = phase * c.
_PRODUCT = {
    ("I", "I"): (1, "I"),
    ("I", "X"): (1, "X"),
    ("I", "Y"): (1, "Y"),
    ("I", "Z"): (1, "Z"),
    ("X", "I"): (1, "X"),
    ("X", "X"): (1, "I"),
    ("X", "Y"): (1j, "Z"),
    ("X", "Z"): (-1j, "Y"),
    ("Y", "I"): (1, "Y"),
    ("Y", "X"): (-1j, "Z"),
    ("Y", "Y"): (1, "I"),
    ("Y", "Z"): (1j, "X"),
    ("Z", "I"): (1, "Z"),
    ("Z", "X"): (1j, "Y"),
    ("Z", "Y"): (-1j, "X"),
    ("Z", "Z"): (1, "I"),
}
_MATRIX = {
    "I": np.eye(2, dtype=complex),
    "X": np.array([[0, 1], [1, 0]], dtype=complex),
    "Y": np.array([[0, -1j], [1j, 0]], dtype=complex),
    "Z": np.array([[1, 0], [0, -1]], dtype=complex),
}


@dataclass(frozen=True)
class PauliString:
    """A Pauli string such as ``"XIZY"``: one letter per wire, wire 0 first.

    The bit masks are what the engine uses: ``x_mask`` has a 1 on the bit of
    every wire carrying X or Y (those qubits flip), ``z_mask`` on every wire
    carrying Z or Y (those give a sign), and ``n_y`` counts the Y's (each adds a
    factor i, since Y = i X Z). Wire w is bit ``n - 1 - w`` of the state index.
    Introduced in chapter 2.
    """

    label: str
    x_mask: int = field(init=False, repr=False, compare=False)
    z_mask: int = field(init=False, repr=False, compare=False)
    n_y: int = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        label = self.label
        if not isinstance(label, str):
            raise TypeError(f"label must be a string of I, X, Y, Z, got {type(label).__name__}")
        if len(label) > MAX_WIRES:
            raise ValueError(f"label must have at most {MAX_WIRES} letters, got {len(label)}")
        if not label or any(ch not in _LETTERS for ch in label):
            raise ValueError(
                f"label must be a non-empty string of the letters I, X, Y, Z, got {label!r}"
            )
        n = len(label)
        x = z = 0
        for w, ch in enumerate(label):
            bit = 1 << (n - 1 - w)
            if ch in "XY":
                x |= bit
            if ch in "ZY":
                z |= bit
        object.__setattr__(self, "x_mask", x)
        object.__setattr__(self, "z_mask", z)
        object.__setattr__(self, "n_y", label.count("Y"))

    @property
    def n(self) -> int:
        """Number of qubits."""
        return len(self.label)

    @property
    def support(self) -> tuple:
        """Wires on which the string is not the identity."""
        return tuple(w for w, ch in enumerate(self.label) if ch != "I")

    @property
    def word(self) -> str:
        """The letters on :attr:`support` (PennyLane's ``pauli_word``)."""
        return self.label.replace("I", "")

    @property
    def weight(self) -> int:
        """Number of non-identity letters (the locality of the string)."""
        return len(self.support)

    def __str__(self) -> str:
        return self.label


def pauli(spec, n: int | None = None, *, name: str = "pauli") -> PauliString:
    """Parse a Pauli string: a label ``"XIZ"``, a wire map ``{0: "X", 2: "Z"}`` or a PauliString.

    ``n`` (the number of qubits) is required for a wire map and, when given,
    checked against a label's length. ``name`` is the parameter named in error
    messages. Introduced in chapter 2.
    """
    if n is not None:
        n = positive_int("n", n)
        if n > MAX_WIRES:
            raise ValueError(f"n must be <= {MAX_WIRES}, got {n}")
    if isinstance(spec, PauliString):
        p = spec
    elif isinstance(spec, str):
        if not spec or any(ch not in _LETTERS for ch in spec):
            raise ValueError(
                f"{name} must be a string of the letters I, X, Y, Z (one per wire), got {spec!r}"
            )
        p = PauliString(spec)
    elif isinstance(spec, dict):
        if n is None:
            raise ValueError(f"{name}: a wire map {spec!r} needs the number of qubits n")
        letters = ["I"] * n
        for wire, letter in spec.items():
            if isinstance(wire, (bool, np.bool_)) or not isinstance(wire, numbers.Integral):
                raise TypeError(f"{name}: wires must be integers, got {wire!r}")
            if not 0 <= wire < n:
                raise ValueError(f"{name}: wire {wire} is outside 0..{n - 1} (n = {n})")
            if not isinstance(letter, str) or len(letter) != 1 or letter not in _LETTERS:
                raise ValueError(
                    f"{name}: wire {wire} must map to one of 'I', 'X', 'Y', 'Z', got {letter!r}"
                )
            letters[int(wire)] = letter
        p = PauliString("".join(letters))
    else:
        raise TypeError(
            f"{name} must be a label like 'XIZ', a wire map like {{0: 'X'}} or a PauliString, "
            f"got {type(spec).__name__}"
        )
    if n is not None and p.n != n:
        raise ValueError(f"{name} must act on n = {n} qubits, got {p.n} letters ({p.label!r})")
    return p


def multiply(p, q) -> tuple:
    """Symbolic product of two Pauli strings: ``(phase, R)`` with ``P Q = phase * R``.

    Letter by letter with XY = iZ, YZ = iX, ZX = iY (and the reverse orders
    give -i), so ``phase`` is one of 1, -1, 1j, -1j. Introduced in chapter 2.
    """
    p = pauli(p, name="p")
    q = pauli(q, p.n, name="q")
    phase, letters = 1 + 0j, []
    for a, b in zip(p.label, q.label):
        f, c = _PRODUCT[(a, b)]
        phase *= f
        letters.append(c)
    return phase, PauliString("".join(letters))


def commutes(p, q) -> bool:
    """True when ``P Q = Q P``, False when ``P Q = -Q P`` (Pauli strings do one or the other).

    The rule: count the wires where both strings are non-identity and differ;
    P and Q commute exactly when that count is even. Introduced in chapter 2.
    """
    p = pauli(p, name="p")
    q = pauli(q, p.n, name="q")
    clashes = sum(1 for a, b in zip(p.label, q.label) if a != "I" and b != "I" and a != b)
    return clashes % 2 == 0


def qubitwise_commutes(p, q) -> bool:
    """True when P and Q agree on every wire where both are non-identity.

    Qubit-wise commuting strings are diagonal in one product basis, so one
    measurement setting (one rotation of each qubit, then the computational basis)
    estimates them all from the same shots. Introduced in chapter 2.
    """
    p = pauli(p, name="p")
    q = pauli(q, p.n, name="q")
    return all(a == "I" or b == "I" or a == b for a, b in zip(p.label, q.label))


def pauli_matrix(p) -> np.ndarray:
    """The 2^n x 2^n matrix of a Pauli string, built with Kronecker products.

    A reference for checks and small examples only (the engine never uses it);
    limited to n <= 10. Introduced in chapter 2.
    """
    p = pauli(p, name="p")
    if p.n > 10:
        raise ValueError(
            f"p: pauli_matrix builds a dense 2^n x 2^n matrix; n = {p.n} > 10 is too large"
        )
    mat = np.ones((1, 1), dtype=complex)
    for ch in p.label:  # wire 0 first: it is the most significant factor
        mat = np.kron(mat, _MATRIX[ch])
    return mat


def _real_coeff(value, name: str) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Number):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r}")
    if isinstance(value, numbers.Complex) and not isinstance(value, numbers.Real):
        if complex(value).imag != 0:
            raise ValueError(
                f"{name} must be real (the observable must be Hermitian), got {value!r}"
            )
        value = complex(value).real
    try:
        value = float(value)
    except OverflowError:
        value = math.inf
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


@dataclass(frozen=True)
class Observable:
    """A Hermitian observable ``O = sum_l c_l Q_l``: real coefficients, Pauli strings.

    Build one with :func:`observable`. Introduced in chapter 2.
    """

    terms: tuple  # tuple of (float coefficient, PauliString)

    def __post_init__(self):
        terms = self.terms
        if not isinstance(terms, tuple) or not terms:
            raise TypeError(
                "terms must be a non-empty tuple of (coefficient, PauliString) pairs, "
                f"got {type(terms).__name__}"
            )
        for i, term in enumerate(terms):
            if (
                not isinstance(term, tuple)
                or len(term) != 2
                or not isinstance(term[1], PauliString)
                or term[1].n != terms[0][1].n
            ):
                raise TypeError(
                    f"terms[{i}] must be a (coefficient, PauliString) pair, all on the same qubits"
                )
            _real_coeff(term[0], f"terms[{i}] coefficient")

    @property
    def n(self) -> int:
        return self.terms[0][1].n

    @property
    def coeffs(self) -> np.ndarray:
        return np.array([c for c, _ in self.terms], dtype=float)

    @property
    def paulis(self) -> tuple:
        return tuple(p for _, p in self.terms)

    def __len__(self) -> int:
        return len(self.terms)


def observable(spec, n: int, *, name: str = "observable") -> Observable:
    """Parse an observable on ``n`` qubits, merging like terms.

    ``spec`` is one Pauli string (label, wire map or PauliString; coefficient 1),
    an :class:`Observable`, or a list of ``(coefficient, pauli)`` pairs such as
    ``[(0.5, "ZII"), (-1.0, {1: "X", 2: "X"})]``. Coefficients must be real.
    Terms with the same string are added (``ZZ - ZZ`` is the zero observable, so
    it costs no measurement); terms whose coefficient is then 0 are dropped, and
    an observable with no term left is ``0 * I``. Introduced in chapter 2.
    ``name``: the parameter the caller calls ``spec``, for error messages.
    """
    n = positive_int("n", n)
    if n > MAX_WIRES:
        raise ValueError(f"n must be <= {MAX_WIRES}, got {n}")
    if isinstance(spec, Observable):
        if spec.n != n:
            raise ValueError(f"{name} must act on n = {n} qubits, got {spec.n}")
        return spec
    if isinstance(spec, (str, dict, PauliString)):
        return Observable(((1.0, pauli(spec, n, name=name)),))
    if not isinstance(spec, (list, tuple)):
        raise TypeError(
            f"{name} must be a Pauli string or a list of (coefficient, pauli) pairs, "
            f"got {type(spec).__name__}"
        )
    if len(spec) == 0:
        raise ValueError(f"{name} must have at least one (coefficient, pauli) term")
    if len(spec) > MAX_TERMS:
        raise ValueError(f"{name} must have at most {MAX_TERMS} terms, got {len(spec)}")
    merged: dict[str, tuple[float, PauliString]] = {}
    for i, term in enumerate(spec):
        if not isinstance(term, (list, tuple)) or len(term) != 2:
            raise TypeError(f"{name} term {i} must be a (coefficient, pauli) pair, got {term!r}")
        coeff = _real_coeff(term[0], f"{name} coefficient {i}")
        p = pauli(term[1], n, name=f"{name} term {i}")
        old = merged.get(p.label, (0.0, p))[0]
        merged[p.label] = (_real_coeff(old + coeff, f"{name} coefficient of {p.label}"), p)
    terms = tuple((c, p) for c, p in merged.values() if c != 0.0)
    if not terms:
        terms = ((0.0, PauliString("I" * n)),)
    return Observable(terms)
