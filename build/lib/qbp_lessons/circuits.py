"""Pauli-rotation circuits, simulated exactly, and three ways to differentiate them.

The model of the talk (chapter 2)::

    |psi(theta)> = U_M ... U_2 U_1 |0...0>,   U_j = exp(-i theta_j P_j),
    F(theta)     = <psi(theta)| O |psi(theta)>,   O = sum_l c_l Q_l,

with every P_j and Q_l a Pauli string on n qubits (gate 1 acts first). Because
P^2 = I, each gate is ``exp(-i t P) = cos(t) I - i sin(t) P``, and a Pauli string
only permutes basis states and multiplies them by a phase:
``P|b> = phase(b) |b XOR x>``, where the x-mask marks the qubits carrying X or Y.
So this engine never builds a 2^n x 2^n matrix: a gate is one gathered copy of
the state (``psi[b XOR x]``), one multiplication by a precomputed phase vector,
two scalings (by sin t and cos t) and one addition -- five numpy calls.

Conventions (the same as PennyLane's): wire 0 is the most significant bit of the
state index, so the label ``"XIZ"`` puts X on wire 0 and Z on wire 2.
exp(-i theta P) is ``qml.PauliRot(2 * theta, word, wires)``.

Gradients (chapter 2), all returning the same numbers:

* :func:`grad_inserted`  the talk's formula, one P_k-inserted state per component
  (M + M^2 gate applications: the naive cost, on purpose);
* :func:`grad_adjoint`   the adjoint method (Jones & Gacon, arXiv:2009.02823):
  the whole gradient for 3M gate applications and three statevectors;
* :func:`grad_finite_difference`  2M (central) or M + 1 (forward) evaluations.

Pass a :class:`GateCount` as ``counter=`` to count gate applications instead of
timing them; :func:`expected_gate_count` gives the formula each count obeys.
:func:`to_qnode` turns a circuit into a PennyLane QNode on any device.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from ._validate import choice, positive_int, positive_real, real_array

__all__ = [
    "MAX_QUBITS",
    "PauliString",
    "pauli",
    "multiply",
    "commutes",
    "pauli_matrix",
    "Observable",
    "observable",
    "Circuit",
    "GateCount",
    "expected_gate_count",
    "apply_pauli",
    "apply_rotation",
    "zero_state",
    "state",
    "expval",
    "term_expvals",
    "grad_inserted",
    "grad_adjoint",
    "grad_finite_difference",
    "random_circuit",
    "random_parameters",
    "light_cone",
    "pennylane_observable",
    "to_qnode",
    "pennylane_grad",
]

#: Largest register the statevector engine accepts (2^20 amplitudes = 16 MB per state).
MAX_QUBITS = 20

_LETTERS = "IXYZ"
# Products of single-qubit Paulis: (a, b) -> (phase, c) with a b = phase * c.
_PRODUCT = {
    ("I", "I"): (1, "I"), ("I", "X"): (1, "X"), ("I", "Y"): (1, "Y"), ("I", "Z"): (1, "Z"),
    ("X", "I"): (1, "X"), ("X", "X"): (1, "I"), ("X", "Y"): (1j, "Z"), ("X", "Z"): (-1j, "Y"),
    ("Y", "I"): (1, "Y"), ("Y", "X"): (-1j, "Z"), ("Y", "Y"): (1, "I"), ("Y", "Z"): (1j, "X"),
    ("Z", "I"): (1, "Z"), ("Z", "X"): (1j, "Y"), ("Z", "Y"): (-1j, "X"), ("Z", "Z"): (1, "I"),
}
_MATRIX = {
    "I": np.eye(2, dtype=complex),
    "X": np.array([[0, 1], [1, 0]], dtype=complex),
    "Y": np.array([[0, -1j], [1j, 0]], dtype=complex),
    "Z": np.array([[1, 0], [0, -1]], dtype=complex),
}


# --------------------------------------------------------------------------
# Pauli strings
# --------------------------------------------------------------------------

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
        if not label or any(ch not in _LETTERS for ch in label):
            raise ValueError(f"label must be a non-empty string of the letters I, X, Y, Z, got {label!r}")
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
    """Parse a Pauli string from a label ``"XIZ"``, a wire map ``{0: "X", 2: "Z"}`` or a PauliString.

    ``n`` (the number of qubits) is required for a wire map and, when given,
    checked against a label's length. ``name`` is the parameter named in error
    messages. Introduced in chapter 2.
    """
    if n is not None:
        n = positive_int("n", n)
    if isinstance(spec, PauliString):
        p = spec
    elif isinstance(spec, str):
        if not spec or any(ch not in _LETTERS for ch in spec):
            raise ValueError(f"{name} must be a string of the letters I, X, Y, Z (one per wire), got {spec!r}")
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
                raise ValueError(f"{name}: wire {wire} must map to one of 'I', 'X', 'Y', 'Z', got {letter!r}")
            letters[int(wire)] = letter
        p = PauliString("".join(letters))
    else:
        raise TypeError(f"{name} must be a label like 'XIZ', a wire map like {{0: 'X'}} or a PauliString, "
                        f"got {type(spec).__name__}")
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


def pauli_matrix(p) -> np.ndarray:
    """The 2^n x 2^n matrix of a Pauli string, built with Kronecker products.

    A reference for checks and small examples only (the engine never uses it);
    limited to n <= 10. Introduced in chapter 2.
    """
    p = pauli(p, name="p")
    if p.n > 10:
        raise ValueError(f"p: pauli_matrix builds a dense 2^n x 2^n matrix; n = {p.n} > 10 is too large")
    mat = np.ones((1, 1), dtype=complex)
    for ch in p.label:  # wire 0 first: it is the most significant factor
        mat = np.kron(mat, _MATRIX[ch])
    return mat


# --------------------------------------------------------------------------
# Observables and circuits
# --------------------------------------------------------------------------

def _real_coeff(value, name: str) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Number):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r}")
    if isinstance(value, numbers.Complex) and not isinstance(value, numbers.Real):
        if complex(value).imag != 0:
            raise ValueError(f"{name} must be real (the observable must be Hermitian), got {value!r}")
        value = complex(value).real
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


@dataclass(frozen=True)
class Observable:
    """A Hermitian observable ``O = sum_l c_l Q_l``: real coefficients, Pauli strings.

    Build one with :func:`observable`. Introduced in chapter 2.
    """

    terms: tuple  # tuple of (float coefficient, PauliString)

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


def observable(spec, n: int) -> Observable:
    """Parse an observable on ``n`` qubits.

    ``spec`` is one Pauli string (label, wire map or PauliString; coefficient 1),
    an :class:`Observable`, or a list of ``(coefficient, pauli)`` pairs such as
    ``[(0.5, "ZII"), (-1.0, {1: "X", 2: "X"})]``. Coefficients must be real.
    Introduced in chapter 2.
    """
    n = positive_int("n", n)
    if isinstance(spec, Observable):
        if spec.n != n:
            raise ValueError(f"observable must act on n = {n} qubits, got {spec.n}")
        return spec
    if isinstance(spec, (str, dict, PauliString)):
        return Observable(((1.0, pauli(spec, n, name="observable")),))
    if not isinstance(spec, (list, tuple)):
        raise TypeError(f"observable must be a Pauli string or a list of (coefficient, pauli) pairs, "
                        f"got {type(spec).__name__}")
    if len(spec) == 0:
        raise ValueError("observable must have at least one (coefficient, pauli) term")
    terms = []
    for i, term in enumerate(spec):
        if not isinstance(term, (list, tuple)) or len(term) != 2:
            raise TypeError(f"observable term {i} must be a (coefficient, pauli) pair, got {term!r}")
        coeff = _real_coeff(term[0], f"observable coefficient {i}")
        terms.append((coeff, pauli(term[1], n, name=f"observable term {i}")))
    return Observable(tuple(terms))


class _Kernel:
    """What the engine needs to apply one Pauli string P to a state.

    ``(-i P psi)[b] = mphase[b] * psi[perm[b]]`` with ``perm[b] = b XOR x_mask``.
    The factor -i is folded into the phase vector because every gate needs
    -i P psi. A diagonal string (no X or Y) has ``perm = None``. Permutations
    are shared between strings with the same x-mask.
    """

    __slots__ = ("perm", "mphase")

    def __init__(self, p: PauliString, index: np.ndarray, perms: dict):
        x = p.x_mask
        if x:
            if x not in perms:
                perms[x] = index ^ x
            self.perm = perms[x]
            source = self.perm
        else:
            self.perm = None
            source = index
        # P|b> = i^{n_y} (-1)^{popcount(b & z)} |b ^ x>, so (P psi)[c] carries that phase at b = c ^ x.
        parity = np.zeros(index.shape, dtype=np.int8)
        bits = source & p.z_mask
        while np.any(bits):
            parity ^= (bits & 1).astype(np.int8)
            bits = bits >> 1
        self.mphase = (-1j * 1j ** p.n_y) * (1 - 2 * parity).astype(complex)

    @property
    def phase(self) -> np.ndarray:
        """The phase vector of P itself, ``(P psi)[b] = phase[b] * psi[perm[b]]``."""
        return 1j * self.mphase


@dataclass(frozen=True)
class Circuit:
    """The talk's model: ``|psi> = prod_j exp(-i theta_j P_j)|0>`` and ``F = <psi|O|psi>``.

    ``generators`` is a list of Pauli strings (labels, wire maps or
    PauliStrings), gate 1 first; ``observable`` anything :func:`observable`
    accepts (default: Z on wire 0). The parameters theta are not stored: every
    function takes them, as an array of length ``M = len(generators)``.

    The first simulation of a circuit precomputes, once, a phase vector for each
    *distinct* Pauli string (2^n complex numbers each) and an index permutation
    for each distinct x-mask; on 10 qubits all 435 two-local strings take 7 MB.
    Introduced in chapter 2.
    """

    n: int
    generators: tuple
    observable: Observable = None

    def __post_init__(self):
        n = positive_int("n", self.n)
        if n > MAX_QUBITS:
            raise ValueError(f"n must be <= {MAX_QUBITS} for a statevector simulation, got {n}")
        gens = self.generators
        if isinstance(gens, (str, dict, PauliString)) or not isinstance(gens, (list, tuple)):
            raise TypeError(f"generators must be a list of Pauli strings, got {type(gens).__name__}")
        if len(gens) == 0:
            raise ValueError("generators must contain at least one Pauli string")
        parsed = []
        for j, g in enumerate(gens):
            p = pauli(g, n, name=f"generators[{j}]")
            if p.weight == 0:
                raise ValueError(f"generators[{j}] is the identity: exp(-i theta I) is a global phase "
                                 f"with zero gradient; leave it out")
            parsed.append(p)
        obs = observable({0: "Z"} if self.observable is None else self.observable, n)
        object.__setattr__(self, "n", n)
        object.__setattr__(self, "generators", tuple(parsed))
        object.__setattr__(self, "observable", obs)

    @property
    def M(self) -> int:
        """Number of parametrised gates."""
        return len(self.generators)

    @property
    def dim(self) -> int:
        """Statevector length 2^n."""
        return 1 << self.n

    @cached_property
    def _compiled(self):
        """Kernels for every distinct Pauli string, built once per circuit (not timed)."""
        index = np.arange(self.dim, dtype=np.intp)
        perms, kernels = {}, {}
        for p in self.generators + self.observable.paulis:
            if p.label not in kernels:
                kernels[p.label] = _Kernel(p, index, perms)
        gates = [kernels[p.label] for p in self.generators]
        obs = [(c, kernels[p.label]) for c, p in self.observable.terms]
        return gates, obs

    @cached_property
    def _compiled_pairs(self):
        """Kernels acting on psi and lam stored end to end, for ``grad_adjoint(fused=True)``."""
        gates, _ = self._compiled
        D, doubled, out = self.dim, {}, []
        for k in gates:
            if id(k) not in doubled:
                perm2 = None if k.perm is None else np.concatenate([k.perm, k.perm + D])
                doubled[id(k)] = (perm2, np.concatenate([k.mphase, k.mphase]))
            out.append(doubled[id(k)])
        return out

    def check_theta(self, theta, name: str = "theta") -> np.ndarray:
        """Return ``theta`` as a float array of shape (M,), or raise naming ``name``."""
        return real_array(name, theta, shape=(self.M,))


# --------------------------------------------------------------------------
# Counting gate applications
# --------------------------------------------------------------------------

@dataclass
class GateCount:
    """Counts of what the engine applied to statevectors (pass as ``counter=``).

    ``rotations``: applications of a gate exp(-i t P_j), or of its inverse, to one
    statevector (a forward pass of M gates adds M). ``paulis``: applications of a
    bare Pauli string (an inserted P_k, or a term of O when forming O|psi>).
    Counting is exact and reproducible, unlike timing. Introduced in chapter 2.
    """

    rotations: int = 0
    paulis: int = 0

    @property
    def total(self) -> int:
        return self.rotations + self.paulis


def expected_gate_count(method: str, M: int, n_terms: int = 1) -> GateCount:
    """The gate applications each method makes, for M gates and an observable of ``n_terms`` terms.

    ============================ ====================== =====================
    method                       rotations              paulis
    ============================ ====================== =====================
    ``"state"``                  M                      0
    ``"expval"``                 M                      n_terms
    ``"adjoint"``                3 M                    n_terms
    ``"inserted"``               M + M^2                n_terms + M
    ``"finite_difference"``      2 M^2   (central)      2 M n_terms
    ``"finite_difference_forward"`` (M + 1) M           (M + 1) n_terms
    ``"param_shift"``            2 M^2                  2 M n_terms
    ============================ ====================== =====================

    Introduced in chapter 2 (parameter shift in chapter 3).
    """
    method = choice("method", method, {"state", "expval", "adjoint", "inserted", "finite_difference",
                                       "finite_difference_forward", "param_shift"})
    M = positive_int("M", M)
    L = positive_int("n_terms", n_terms)
    table = {
        "state": (M, 0),
        "expval": (M, L),
        "adjoint": (3 * M, L),
        "inserted": (M + M * M, L + M),
        "finite_difference": (2 * M * M, 2 * M * L),
        "finite_difference_forward": ((M + 1) * M, (M + 1) * L),
        "param_shift": (2 * M * M, 2 * M * L),
    }
    rot, pau = table[method]
    return GateCount(rot, pau)


def _check_counter(counter):
    if counter is not None and not isinstance(counter, GateCount):
        raise TypeError(f"counter must be a GateCount or None, got {type(counter).__name__}")
    return counter


# --------------------------------------------------------------------------
# The engine: a Pauli string and a rotation applied to a statevector
# --------------------------------------------------------------------------

def _minus_i_pauli(psi, k: _Kernel) -> np.ndarray:
    """A new array holding -i P psi: one gather (skipped for diagonal P) and one multiply."""
    if k.perm is None:
        return k.mphase * psi
    out = psi[k.perm]                       # gather: (P psi)[b] needs psi[b ^ x]
    out *= k.mphase
    return out


def _rotate(psi, k: _Kernel, c: float, s: float) -> None:
    """In place: psi <- exp(-i t P) psi = cos(t) psi - i sin(t) P psi, given c = cos t, s = sin t.

    With s -> -s this is the inverse gate exp(+i t P). Memory: one scratch vector.
    """
    mip = _minus_i_pauli(psi, k)
    mip *= s
    psi *= c
    psi += mip


def _pauli(psi, k: _Kernel) -> np.ndarray:
    """A new array holding P psi (= i times -i P psi)."""
    out = _minus_i_pauli(psi, k)
    out *= 1j
    return out


def _apply_observable(obs, psi) -> np.ndarray:
    """A new array holding O psi = sum_l c_l Q_l psi."""
    out = None
    for c, k in obs:
        term = _pauli(psi, k)
        if c != 1.0:
            term *= c
        if out is None:
            out = term
        else:
            out += term
        del term                            # at most one term and the sum are alive at once
    return out


def _observable_expval(obs, psi) -> float:
    """<psi|O|psi> term by term (one scratch vector, O psi is never stored)."""
    return sum(c * float(np.vdot(psi, _pauli(psi, k)).real) for c, k in obs)


def _run(gates, thetas, psi, counter) -> np.ndarray:
    """Apply gates[j] with angle thetas[j] in order, in place; count them."""
    for k, t in zip(gates, thetas):
        _rotate(psi, k, math.cos(t), math.sin(t))
    if counter is not None:
        counter.rotations += len(gates)
    return psi


def _check_state(psi, n: int, name: str = "psi") -> np.ndarray:
    if isinstance(psi, (str, bytes)) or psi is None:
        raise TypeError(f"{name} must be a complex array of length 2^n, got {type(psi).__name__}")
    arr = np.asarray(psi)
    if not (np.issubdtype(arr.dtype, np.number)):
        raise TypeError(f"{name} must be a numeric array, got dtype {arr.dtype}")
    if arr.shape != (1 << n,):
        raise ValueError(f"{name} must have shape ({1 << n},) for n = {n} qubits, got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite values")
    return arr.astype(complex)


def apply_pauli(p, psi) -> np.ndarray:
    """Return ``P|psi>`` for a Pauli string P, as a permutation of amplitudes with phases.

    No matrix is built: ``(P psi)[b] = phase(b XOR x) psi[b XOR x]``. ``psi`` is
    not modified. Introduced in chapter 2.
    """
    p = pauli(p, name="p")
    psi = _check_state(psi, p.n)
    return _pauli(psi, _Kernel(p, np.arange(psi.size, dtype=np.intp), {}))


def apply_rotation(p, t, psi) -> np.ndarray:
    """Return ``exp(-i t P)|psi> = cos t |psi> - i sin t P|psi>`` (``psi`` is not modified).

    Introduced in chapter 2.
    """
    p = pauli(p, name="p")
    if isinstance(t, (bool, np.bool_)) or not isinstance(t, numbers.Real):
        raise TypeError(f"t must be a real number, got {type(t).__name__} {t!r}")
    t = float(t)
    if not math.isfinite(t):
        raise ValueError(f"t must be finite, got {t}")
    out = _check_state(psi, p.n).copy()
    _rotate(out, _Kernel(p, np.arange(out.size, dtype=np.intp), {}), math.cos(t), math.sin(t))
    return out


def zero_state(n: int) -> np.ndarray:
    """The state |0...0> on n qubits. Introduced in chapter 2."""
    n = positive_int("n", n)
    if n > MAX_QUBITS:
        raise ValueError(f"n must be <= {MAX_QUBITS}, got {n}")
    psi = np.zeros(1 << n, dtype=complex)
    psi[0] = 1.0
    return psi


def _circuit(circuit) -> Circuit:
    if not isinstance(circuit, Circuit):
        raise TypeError(f"circuit must be a Circuit, got {type(circuit).__name__}")
    return circuit


# --------------------------------------------------------------------------
# F and its gradient
# --------------------------------------------------------------------------

def state(circuit: Circuit, theta, *, counter: GateCount | None = None) -> np.ndarray:
    """The statevector ``|psi(theta)> = U_M ... U_1 |0>`` (M gate applications).

    Introduced in chapter 2.
    """
    circuit = _circuit(circuit)
    theta = circuit.check_theta(theta)
    counter = _check_counter(counter)
    gates, _ = circuit._compiled
    return _run(gates, theta, zero_state(circuit.n), counter)


def expval(circuit: Circuit, theta, *, counter: GateCount | None = None) -> float:
    """``F(theta) = <psi(theta)|O|psi(theta)>``: one forward pass, then O applied once.

    Introduced in chapter 2.
    """
    circuit = _circuit(circuit)
    theta = circuit.check_theta(theta)
    counter = _check_counter(counter)
    gates, obs = circuit._compiled
    psi = _run(gates, theta, zero_state(circuit.n), counter)
    if counter is not None:
        counter.paulis += len(obs)
    return _observable_expval(obs, psi)


def term_expvals(circuit: Circuit, theta, *, counter: GateCount | None = None) -> np.ndarray:
    """The expectation ``<psi|Q_l|psi>`` of every Pauli term of the observable (coefficients left out).

    ``F = sum_l c_l <Q_l>``; each <Q_l> lies in [-1, 1]. Used by the shot
    samplers of chapter 3. Introduced in chapter 3.
    """
    circuit = _circuit(circuit)
    theta = circuit.check_theta(theta)
    counter = _check_counter(counter)
    gates, obs = circuit._compiled
    psi = _run(gates, theta, zero_state(circuit.n), counter)
    out = np.array([np.vdot(psi, _pauli(psi, k)).real for _, k in obs])
    if counter is not None:
        counter.paulis += len(obs)
    return out


def grad_inserted(circuit: Circuit, theta, *, counter: GateCount | None = None) -> np.ndarray:
    """The talk's formula, one component at a time: ``dF/dtheta_k = 2 Im <psi|O|~d_k psi>``.

    ``|~d_k psi> = U_{>k} P_k U_{<=k} |0>`` is the state with P_k inserted after
    gate k (equivalently ``dF/dtheta_k = 2 Re <psi|O|d_k psi>`` with
    ``d_k = U_{>k} (-i P_k) U_{<=k}``). Each inserted state is prepared from
    scratch, like a separate circuit on hardware: M gates each, so M + M^2 gate
    applications in all -- the naive O(M^2) cost, on purpose. Introduced in
    chapter 2.
    """
    circuit = _circuit(circuit)
    theta = circuit.check_theta(theta)
    counter = _check_counter(counter)
    gates, obs = circuit._compiled
    psi = _run(gates, theta, zero_state(circuit.n), counter)
    o_psi = _apply_observable(obs, psi)
    grad = np.empty(circuit.M)
    for k in range(circuit.M):
        phi = _run(gates[:k + 1], theta[:k + 1], zero_state(circuit.n), counter)   # U_{<=k}|0>
        phi = _pauli(phi, gates[k])                                                # P_k
        phi = _run(gates[k + 1:], theta[k + 1:], phi, counter)                     # U_{>k}
        grad[k] = 2.0 * np.vdot(o_psi, phi).imag
    if counter is not None:
        counter.paulis += len(obs) + circuit.M
    return grad


def grad_adjoint(circuit: Circuit, theta, *, fused: bool = False,
                 counter: GateCount | None = None) -> np.ndarray:
    """The adjoint method: the whole gradient for 3M gate applications and three statevectors.

    Jones & Gacon, arXiv:2009.02823. After a forward pass (M gates) keep
    ``|psi_k> = U_{<=k}|0>`` and ``|lam_k> = U_{>k}^dagger O |psi>``; then for
    k = M, ..., 1::

        dF/dtheta_k = 2 Re <lam_k| (-i P_k) |psi_k>
        |psi_{k-1}> = U_k^dagger |psi_k>,   |lam_{k-1}> = U_k^dagger |lam_k>

    Undoing a gate costs the same as doing it, and ``-i P_k |psi_k>`` is the very
    vector the undo needs, so the backward pass is 2M gate applications. Memory:
    psi, lam and one scratch vector. This is reverse-mode differentiation
    (backpropagation) of the simulation; it needs the amplitudes, which hardware
    does not give.

    ``fused=True`` stores psi and lam end to end in one array, so each backward
    step undoes gate k on both with one gather, one multiply, two scalings and
    one addition instead of two of each: fewer numpy calls (faster when numpy's
    per-call overhead dominates, as for n <= 12), at the price of a two-vector
    scratch, four statevectors in all. Same numbers, same gate count.
    Introduced in chapter 2.
    """
    circuit = _circuit(circuit)
    theta = circuit.check_theta(theta)
    counter = _check_counter(counter)
    if not isinstance(fused, (bool, np.bool_)):
        raise TypeError(f"fused must be True or False, got {type(fused).__name__}")
    gates, obs = circuit._compiled
    grad = np.empty(circuit.M)
    if fused:
        _adjoint_fused(circuit, theta, grad, counter)
    else:
        psi = _run(gates, theta, zero_state(circuit.n), counter)
        lam = _apply_observable(obs, psi)
        lam_f = lam.view(float)               # Re <a|b> is the real dot product of the float views
        for j in range(circuit.M - 1, -1, -1):
            k, t = gates[j], theta[j]
            c, s = math.cos(t), math.sin(t)
            mip = _minus_i_pauli(psi, k)      # -i P_k |psi_k>
            grad[j] = 2.0 * np.dot(lam_f, mip.view(float))
            mip *= -s                         # undo gate j on psi: U^dagger = cos t + i sin t P_k,
            psi *= c                          # reusing -i P_k |psi_k>
            psi += mip
            del mip                           # keep three statevectors: psi, lam, one scratch
            _rotate(lam, k, c, -s)            # undo gate j on lam
    if counter is not None:
        counter.rotations += 2 * circuit.M
        counter.paulis += len(obs)
    return grad


def _adjoint_fused(circuit: Circuit, theta: np.ndarray, grad: np.ndarray, counter) -> None:
    """grad_adjoint with psi and lam as the two halves of one array (see its docstring)."""
    gates, obs = circuit._compiled
    pairs = circuit._compiled_pairs
    D = circuit.dim
    both = np.zeros(2 * D, dtype=complex)
    psi = both[:D]
    psi[0] = 1.0
    _run(gates, theta, psi, counter)
    both[D:] = _apply_observable(obs, psi)
    lam_f = both[D:].view(float)
    for j in range(circuit.M - 1, -1, -1):
        perm2, mphase2 = pairs[j]
        t = theta[j]
        c, s = math.cos(t), math.sin(t)
        if perm2 is None:
            mip = mphase2 * both              # [-i P psi ; -i P lam]
        else:
            mip = both[perm2]
            mip *= mphase2
        grad[j] = 2.0 * np.dot(lam_f, mip[:D].view(float))
        mip *= -s                             # undo gate j on psi and lam at once
        both *= c
        both += mip
        del mip                               # free the scratch before the next gather


def grad_finite_difference(circuit: Circuit, theta, h: float = 1e-5, scheme: str = "central", *,
                           counter: GateCount | None = None) -> np.ndarray:
    """Finite-difference gradient: ``[F(theta + h e_k) - F(theta - h e_k)] / 2h`` (central).

    Central differences cost 2M evaluations (error O(h^2)); ``scheme="forward"``
    costs M + 1 (error O(h)). The chapter-1 baseline, applied to circuits.
    Introduced in chapter 2.
    """
    circuit = _circuit(circuit)
    theta = circuit.check_theta(theta)
    h = positive_real("h", h)
    scheme = choice("scheme", scheme, {"central", "forward"})
    counter = _check_counter(counter)
    grad = np.empty(circuit.M)
    f0 = expval(circuit, theta, counter=counter) if scheme == "forward" else None
    for k in range(circuit.M):
        plus = theta.copy()
        plus[k] += h
        if scheme == "forward":
            grad[k] = (expval(circuit, plus, counter=counter) - f0) / h
        else:
            minus = theta.copy()
            minus[k] -= h
            grad[k] = (expval(circuit, plus, counter=counter)
                       - expval(circuit, minus, counter=counter)) / (2 * h)
    return grad


# --------------------------------------------------------------------------
# Random circuits
# --------------------------------------------------------------------------

def _rng(seed, name: str = "seed") -> np.random.Generator:
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None:
        return np.random.default_rng()
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"{name} must be an integer, a numpy Generator or None, got {type(seed).__name__}")
    if seed < 0:
        raise ValueError(f"{name} must be >= 0, got {seed}")
    return np.random.default_rng(int(seed))


def _random_string(n: int, weight: int, rng) -> PauliString:
    letters = ["I"] * n
    for w, ch in zip(rng.choice(n, size=weight, replace=False), rng.choice(list("XYZ"), size=weight)):
        letters[int(w)] = str(ch)
    return PauliString("".join(letters))


def random_circuit(n: int, M: int, locality: int = 2, observable=None, seed=None) -> Circuit:
    """A circuit of M random Pauli rotations, each on ``locality`` random wires with random X/Y/Z letters.

    ``observable``: None for Z on wire 0; ``"random"`` for a sum of three random
    terms of weight <= 2 with normal coefficients; or anything :func:`observable`
    accepts. ``seed``: an int, a numpy Generator or None. Introduced in chapter 2.
    """
    n = positive_int("n", n)
    M = positive_int("M", M)
    locality = positive_int("locality", locality)
    if locality > n:
        raise ValueError(f"locality must be <= n = {n}, got {locality}")
    rng = _rng(seed)
    gens = [_random_string(n, locality, rng) for _ in range(M)]
    if isinstance(observable, str) and observable == "random":
        observable = [(float(rng.normal()), _random_string(n, int(rng.integers(1, min(2, n) + 1)), rng))
                      for _ in range(3)]
    return Circuit(n, gens, observable)


def random_parameters(M: int, seed=None) -> np.ndarray:
    """M angles drawn uniformly from [0, 2 pi). Introduced in chapter 2."""
    M = positive_int("M", M)
    return _rng(seed).uniform(0.0, 2.0 * np.pi, size=M)


def light_cone(circuit: Circuit) -> np.ndarray:
    """Boolean mask of the gates that can influence F (the observable's past light cone).

    Walking back from the observable's wires, a gate is inside when it touches
    a wire already reached; its wires are then reached too. A gate outside has
    dF/dtheta = 0 structurally. PennyLane's parameter-shift skips such gates, so
    its execution count is 2 x (gates inside), not always 2M. Introduced in
    chapter 3.
    """
    circuit = _circuit(circuit)
    reached = set()
    for _, p in circuit.observable.terms:
        reached.update(p.support)
    inside = np.zeros(circuit.M, dtype=bool)
    for j in range(circuit.M - 1, -1, -1):
        sup = circuit.generators[j].support
        if reached.intersection(sup):
            inside[j] = True
            reached.update(sup)
    return inside


# --------------------------------------------------------------------------
# The bridge to PennyLane
# --------------------------------------------------------------------------

def _pennylane_op(p: PauliString):
    import pennylane as qml

    ops = {"X": qml.PauliX, "Y": qml.PauliY, "Z": qml.PauliZ}
    factors = [ops[ch](w) for w, ch in enumerate(p.label) if ch != "I"]
    if not factors:
        return qml.Identity(0)
    return factors[0] if len(factors) == 1 else qml.prod(*factors)


def pennylane_observable(obs: Observable):
    """The observable as a PennyLane operator: a single Pauli word, or ``qml.dot(coeffs, words)``."""
    import pennylane as qml

    if not isinstance(obs, Observable):
        raise TypeError(f"obs must be an Observable, got {type(obs).__name__}")
    if len(obs.terms) == 1 and obs.terms[0][0] == 1.0:
        return _pennylane_op(obs.terms[0][1])
    return qml.dot([c for c, _ in obs.terms], [_pennylane_op(p) for _, p in obs.terms])


def to_qnode(circuit: Circuit, device="default.qubit", diff_method="best", *, shots=None, seed=None):
    """The circuit as a PennyLane QNode ``f(theta) -> <O>`` on any device.

    ``device`` is a device name (built with ``wires=n`` and, if given, ``seed``)
    or a PennyLane device. Each gate exp(-i theta P) becomes
    ``qml.PauliRot(2 * theta, word, wires)``. ``shots`` (an int) applies
    ``qml.set_shots``; ``diff_method`` is passed to the QNode ("backprop",
    "adjoint", "parameter-shift", ...). Introduced in chapter 2.
    """
    import pennylane as qml

    circuit = _circuit(circuit)
    if isinstance(device, str):
        kwargs = {"wires": circuit.n}
        if seed is not None:
            if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, numbers.Integral):
                raise TypeError(f"seed must be an integer or None, got {type(seed).__name__}")
            kwargs["seed"] = int(seed)
        dev = qml.device(device, **kwargs)
    elif isinstance(device, qml.devices.Device):
        dev = device
    else:
        raise TypeError(f"device must be a PennyLane device name or device, got {type(device).__name__}")
    if diff_method is not None and not isinstance(diff_method, str):
        raise TypeError(f"diff_method must be a string such as 'backprop' or None, got {type(diff_method).__name__}")
    if shots is not None:
        shots = positive_int("shots", shots)
    words = [(p.word, list(p.support)) for p in circuit.generators]
    obs = pennylane_observable(circuit.observable)
    M = circuit.M

    def model(theta):
        if len(theta) != M:
            raise ValueError(f"theta must have length M = {M}, got {len(theta)}")
        for j, (word, wires) in enumerate(words):
            qml.PauliRot(2 * theta[j], word, wires=wires)
        return qml.expval(obs)

    qnode = qml.QNode(model, dev, diff_method=diff_method)
    if shots is not None:
        qnode = qml.set_shots(qnode, shots=shots)
    return qnode


def pennylane_grad(circuit: Circuit, theta, device="default.qubit", diff_method="best", *,
                   shots=None, seed=None) -> np.ndarray:
    """dF/dtheta computed by PennyLane (``qml.grad`` of :func:`to_qnode`), as a numpy array.

    Introduced in chapter 2.
    """
    import pennylane as qml
    from pennylane import numpy as pnp

    circuit = _circuit(circuit)
    theta = circuit.check_theta(theta)
    qnode = to_qnode(circuit, device, diff_method, shots=shots, seed=seed)
    return np.asarray(qml.grad(qnode)(pnp.array(theta, requires_grad=True)), dtype=float)
