"""How one Pauli string acts on a statevector, and the bounded cache that speeds it up.

A Pauli string P only permutes basis states and multiplies them by a phase:
``P|b> = i^{n_y} (-1)^{popcount(b & z)} |b XOR x>``, where the x-mask marks the
qubits carrying X or Y (they flip) and the z-mask those carrying Z or Y (they
give a sign). So the engine never builds a 2^n x 2^n matrix. It views the state
as an array with one axis of length 2 per wire that P touches (the untouched
wires between them merged into one axis each), and then

* the X-part of P is a **flip** of the axes of the wires carrying X or Y (a view
  of the same memory, read backwards: no copy, no index array);
* the Z-part is a **broadcast sign**: a tiny array of 2^w phases (w = the weight
  of P) that numpy stretches over the other axes, with the factor i^{n_y} of the
  Y's folded in.

``-i P psi`` is then one numpy multiplication of a flipped view by the tiny phase
array into a new vector, and a gate ``exp(-i t P) psi = cos t psi + sin t (-i P psi)``
adds it in place; a diagonal P (no X or Y) needs no new vector at all:
``psi *= cos t + sin t (-i P)`` is one in-place multiplication.

The cache (:class:`KernelCache`)
--------------------------------
For small registers a gather through a stored index permutation, ``psi[b XOR x]``,
is faster than reading a flipped view of many short axes (numpy's inner loops
are then only a few elements long). The cache keeps such a permutation (one
8-byte index per amplitude: half a statevector) for each distinct non-zero
x-mask, **while the permutations fit in a byte budget**, first come first
served, and never evicts. Strings whose x-mask found no room, and every string
of a circuit built with ``cache=False``, use the flipped views, which need no
table. So the cache is at most ``budget`` bytes whatever M is, and the gradient's
memory stays a few statevectors plus that. The default, :data:`CACHE_BUDGET` =
4 MiB, holds every x-mask of a circuit of random 2-local gates up to n = 12 (a
permutation is 32 KiB there), where the gather is up to 1.5 times faster than
the views; from n = 14 on the views are as fast or faster (``benchmarks/``), and
4 MiB is a quarter of a statevector at n = 18. (Indices of 4 bytes would halve
the table but cost a conversion to numpy's native index type at every gather.)

Every function that applies a gate writes it into the
:class:`~qbp_lessons.engine.ledger.Ledger` it is given, at the moment it applies
it (``rotations`` for a gate or its inverse, ``paulis`` for a bare P).
Introduced in chapter 2; the appendix compares the two formulations.
"""

from __future__ import annotations

import math

import numpy as np

from qbp_lessons._validate import positive_int
from qbp_lessons.engine.paulis import PauliString

__all__ = [
    "CACHE_BUDGET",
    "PauliKernel",
    "KernelCache",
    "rotate",
    "apply_kernel",
    "apply_terms",
    "term_values",
    "run",
]

#: Default byte budget of a circuit's kernel cache (see the module docstring for why 4 MiB).
CACHE_BUDGET = 4 * 2**20

# The sign of one wire's letter on its *source* bit, in the coordinates of the output
# (after the flip): Z gives (-1)^b; Y gives (-1)^b on the source bit b = c XOR 1, i.e. -(-1)^c.
_WIRE_SIGNS = {"Z": (1.0, -1.0), "Y": (-1.0, 1.0)}


def _axes_of(n: int, support: tuple) -> tuple[tuple, dict]:
    """A shape for the state with one length-2 axis per wire of ``support``; and their axes.

    The wires in between are merged into one axis each (length 1 when there are
    none), so the array has 2 w + 1 axes for a string of weight w.
    """
    shape, axis, previous = [], {}, -1
    for w in support:
        shape.append(1 << (w - previous - 1))
        axis[w] = len(shape)
        shape.append(2)
        previous = w
    shape.append(1 << (n - 1 - previous))
    return tuple(shape), axis


class PauliKernel:
    """What the engine needs to apply one Pauli string P: ``-i P psi`` and the gate exp(-i t P).

    ``shape``: the view of the state (one length-2 axis per wire of P); ``flip``:
    the axes that P's X and Y letters flip; ``phase``: the 2^w phases of -i P,
    shaped to broadcast over that view. ``perm`` is an optional stored
    permutation ``b XOR x`` (numpy's native index type) that replaces the flip by a gather
    (:class:`KernelCache` decides). Every method also accepts a stack of states
    (shape ``(k, 2^n)``), acting on each row.
    """

    __slots__ = ("label", "shape", "flip", "phase", "perm")

    def __init__(self, p: PauliString, perm: np.ndarray | None = None):
        if not isinstance(p, PauliString):
            raise TypeError(f"p must be a PauliString, got {type(p).__name__}")
        shape, axis = _axes_of(p.n, p.support)
        phase = np.full((1,) * len(shape), -1j * 1j**p.n_y)
        for w in p.support:
            letter = p.label[w]
            if letter in _WIRE_SIGNS:
                signs = np.ones(len(shape), dtype=int)
                signs[axis[w]] = 2
                phase = phase * np.array(_WIRE_SIGNS[letter]).reshape(tuple(signs))
        self.label = p.label
        self.shape = shape
        self.flip = tuple(axis[w] for w in p.support if p.label[w] in "XY")
        self.phase = phase
        self.perm = perm if self.flip else None

    @property
    def diagonal(self) -> bool:
        """True for a string of I and Z only: it changes phases and moves nothing."""
        return not self.flip

    def _view(self, psi: np.ndarray) -> np.ndarray:
        """``psi`` seen with the kernel's axes (raises rather than copy: writes land in psi)."""
        view = psi.view()
        view.shape = psi.shape[:-1] + self.shape
        return view

    def minus_i_pauli(self, psi: np.ndarray, scale: complex = 1.0) -> np.ndarray:
        """A new array holding ``scale * (-i P psi)``: one pass over the state."""
        phase = self.phase if scale == 1.0 else self.phase * scale
        if self.perm is not None:
            out = np.take(psi, self.perm, axis=-1)  # gather: (P psi)[b] needs psi[b ^ x]
            self._view(out)[...] *= phase
            return out
        out = np.empty_like(psi)
        source = self._view(psi)
        if self.flip:
            lead = psi.ndim - 1
            source = np.flip(source, tuple(a + lead for a in self.flip))
        np.multiply(source, phase, out=self._view(out))
        return out

    def rotate(self, psi: np.ndarray, c: float, s: float) -> None:
        """In place: ``psi <- exp(-i t P) psi = c psi + s (-i P psi)``, given c = cos t, s = sin t.

        With s -> -s this is the inverse gate. A diagonal P is one in-place
        multiplication; otherwise one scratch vector.
        """
        if self.diagonal:
            self._view(psi)[...] *= c + s * self.phase
            return
        scratch = self.minus_i_pauli(psi, s)
        psi *= c
        psi += scratch

    @property
    def nbytes(self) -> int:
        """Bytes of the stored permutation (0 without one); the tiny phase array is not counted."""
        return 0 if self.perm is None else self.perm.nbytes


class KernelCache:
    """The kernels of one circuit, with stored permutations kept within ``budget`` bytes.

    :meth:`kernel` returns one :class:`PauliKernel` per distinct string (built
    once). A string with a non-zero x-mask gets a permutation: the one already
    stored for its x-mask, or a new one if ``8 * 2^n`` more bytes still fit in
    ``budget``; otherwise it uses the flipped views. ``budget=0`` stores nothing
    (``cache=False``). :attr:`nbytes` is what the permutations hold: at most ``budget``.
    """

    def __init__(self, n: int, budget: int = CACHE_BUDGET):
        self.n = positive_int("n", n)
        self.budget = positive_int("budget", budget, minimum=0)
        self._kernels: dict[str, PauliKernel] = {}
        self._perms: dict[int, np.ndarray] = {}

    def kernel(self, p: PauliString) -> PauliKernel:
        """The kernel of Pauli string ``p`` (on the cache's n qubits)."""
        found = self._kernels.get(p.label)
        if found is None:
            found = PauliKernel(p, self._perm(p.x_mask))
            self._kernels[p.label] = found
        return found

    def _perm(self, x: int) -> np.ndarray | None:
        if x == 0:
            return None
        if x not in self._perms:
            entry = 8 << self.n  # one 8-byte index per amplitude
            if self.nbytes + entry > self.budget:
                return None
            perm = np.arange(1 << self.n, dtype=np.intp)
            perm ^= x
            self._perms[x] = perm
        return self._perms[x]

    @property
    def nbytes(self) -> int:
        """Bytes held by the stored permutations (never more than ``budget``)."""
        return sum(perm.nbytes for perm in self._perms.values())

    @property
    def stored_masks(self) -> int:
        """How many x-masks have a stored permutation."""
        return len(self._perms)


def rotate(psi: np.ndarray, kernel: PauliKernel, c: float, s: float, ledger) -> None:
    """In place: one gate exp(-i t P) (or its inverse, s -> -s), written into ``ledger``."""
    kernel.rotate(psi, c, s)
    if ledger is not None:
        ledger.rotations += 1


def apply_kernel(psi: np.ndarray, kernel: PauliKernel, ledger) -> np.ndarray:
    """A new array holding P psi (= i times -i P psi), written into ``ledger`` as one Pauli."""
    out = kernel.minus_i_pauli(psi, 1j)
    if ledger is not None:
        ledger.paulis += 1
    return out


def apply_terms(terms, psi: np.ndarray, ledger) -> np.ndarray:
    """A new array holding O psi = sum_l c_l Q_l psi, for ``terms`` = [(c_l, kernel of Q_l)]."""
    out = None
    for c, k in terms:
        term = apply_kernel(psi, k, ledger)
        if c != 1.0:
            term *= c
        if out is None:
            out = term
        else:
            out += term
        del term  # at most one term and the sum are alive at once
    return out


def term_values(terms, psi: np.ndarray, ledger) -> np.ndarray:
    """<psi|Q_l|psi> of every term (one scratch vector at a time)."""
    return np.array([float(np.vdot(psi, apply_kernel(psi, k, ledger)).real) for _, k in terms])


def run(gates, thetas, psi: np.ndarray, ledger) -> np.ndarray:
    """Apply ``gates[j]`` with angle ``thetas[j]`` in order, in place; return ``psi``."""
    for k, t in zip(gates, thetas):
        rotate(psi, k, math.cos(t), math.sin(t), ledger)
    return psi
