"""Pauli-rotation circuits, simulated exactly on statevectors: the model of the talk.

The model of the talk (chapter 2)::

    |psi(theta)> = U_M ... U_2 U_1 |0...0>,   U_j = exp(-i theta_j P_j),
    F(theta)     = <psi(theta)| O |psi(theta)>,   O = sum_l c_l Q_l,

with every P_j and Q_l a Pauli string on n qubits (gate 1 acts first; the strings
and observables live in :mod:`qbp_lessons.engine.paulis`). Because P^2 = I, each gate is
``exp(-i t P) = cos(t) I - i sin(t) P``, and a Pauli string only permutes basis
states and multiplies them by a phase, so the engine never builds a 2^n x 2^n
matrix: how one string acts is :mod:`qbp_lessons.engine.kernels`.

Conventions (the same as PennyLane's): wire 0 is the most significant bit of the
state index. exp(-i theta P) is ``qml.PauliRot(2 * theta, word, wires)``
(:mod:`qbp_lessons.interop` builds the QNode).

This module holds the :class:`Circuit`, its state and F (:func:`state`,
:func:`expval`, :func:`term_expvals`), single operations on a given state
(:func:`apply_pauli`, :func:`apply_rotation`) and random circuits. The gradients
are in :mod:`qbp_lessons.engine.gradients`. Every function that applies a gate
writes it into the :class:`~qbp_lessons.engine.ledger.Ledger` passed as
``ledger=``, at the moment it applies it.

Memory: a circuit keeps, after its first simulation, one small kernel per
distinct Pauli string and, within a byte budget (``cache_budget``, default
:data:`~qbp_lessons.engine.kernels.CACHE_BUDGET` = 4 MiB), an index permutation
per distinct x-mask (:attr:`Circuit.cache_bytes`). ``Circuit(..., cache=False)``
stores no permutation at all.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from qbp_lessons._validate import (
    bounded_int,
    flag,
    positive_int,
    qubits_of_dimension,
    real,
    real_array,
    statevector,
)
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine.kernels import (
    CACHE_BUDGET,
    KernelCache,
    PauliKernel,
    apply_kernel,
    rotate,
    run,
    term_values,
)
from qbp_lessons.engine.ledger import Ledger, check_ledger
from qbp_lessons.engine.paulis import MAX_QUBITS, Observable, PauliString, observable, pauli

__all__ = [
    "MAX_QUBITS",
    "MAX_GATES",
    "Circuit",
    "check_circuit",
    "apply_pauli",
    "apply_rotation",
    "zero_state",
    "check_state",
    "qubits_of",
    "state",
    "expval",
    "term_expvals",
    "random_pauli",
    "random_circuit",
    "random_parameters",
]

#: Most parametrised gates a circuit may have (a cap checked before any loop).
MAX_GATES = 100_000


@dataclass(frozen=True)
class Circuit:
    """The talk's model: ``|psi> = prod_j exp(-i theta_j P_j)|0>`` and ``F = <psi|O|psi>``.

    ``generators`` is a list of Pauli strings (labels, wire maps or
    PauliStrings), gate 1 first; ``observable`` anything
    :func:`qbp_lessons.engine.paulis.observable` accepts (default: Z on wire 0). The
    parameters theta are not stored: every function takes them, as an array of
    length ``M = len(generators)``.

    ``cache=True`` (default): the first simulation builds, once, a kernel for
    each *distinct* Pauli string and stores an index permutation for each
    distinct x-mask while they fit in ``cache_budget`` bytes (default
    :data:`~qbp_lessons.engine.kernels.CACHE_BUDGET`, 4 MiB; :attr:`cache_bytes`
    is what they hold); the other strings act through flipped views, which need
    no table. ``cache=False`` stores no permutation. Either way the memory of a
    simulation is a few statevectors plus at most the budget, whatever M is.
    Introduced in chapter 2.
    """

    n: int
    generators: tuple
    observable: Observable = None
    cache: bool = field(default=True, compare=False)
    cache_budget: int = field(default=CACHE_BUDGET, compare=False)

    def __post_init__(self):
        n = positive_int("n", self.n)
        if n > MAX_QUBITS:
            raise ValueError(f"n must be <= {MAX_QUBITS} for a statevector simulation, got {n}")
        gens = self.generators
        if isinstance(gens, (str, dict, PauliString)) or not isinstance(gens, (list, tuple)):
            raise TypeError(
                f"generators must be a list of Pauli strings, got {type(gens).__name__}"
            )
        if len(gens) == 0:
            raise ValueError("generators must contain at least one Pauli string")
        if len(gens) > MAX_GATES:
            raise ValueError(f"generators must hold at most {MAX_GATES:,} gates, got {len(gens):,}")
        parsed = []
        for j, g in enumerate(gens):
            p = pauli(g, n, name=f"generators[{j}]")
            if p.weight == 0:
                raise ValueError(
                    f"generators[{j}] is the identity: exp(-i theta I) is a global phase "
                    "with zero gradient; leave it out"
                )
            parsed.append(p)
        obs = observable({0: "Z"} if self.observable is None else self.observable, n)
        object.__setattr__(self, "n", n)
        object.__setattr__(self, "generators", tuple(parsed))
        object.__setattr__(self, "observable", obs)
        object.__setattr__(self, "cache", flag("cache", self.cache))
        budget = bounded_int("cache_budget", self.cache_budget, minimum=0, maximum=2**40)
        object.__setattr__(self, "cache_budget", budget)

    @property
    def M(self) -> int:
        """Number of parametrised gates."""
        return len(self.generators)

    @property
    def dim(self) -> int:
        """Statevector length 2^n."""
        return 1 << self.n

    def kernels(self) -> tuple[list[PauliKernel], list[tuple[float, PauliKernel]]]:
        """The kernels of the gates, in order, and ``(c_l, kernel of Q_l)`` for O's terms.

        Built once per circuit on first use (generators first, then the
        observable's terms, so the permutations go to the gates first) and kept.
        """
        built = self.__dict__.get("_kernels")
        if built is None:
            cache = KernelCache(self.n, self.cache_budget if self.cache else 0)
            gates = [cache.kernel(p) for p in self.generators]
            terms = [(c, cache.kernel(p)) for c, p in self.observable.terms]
            built = (gates, terms, cache)
            object.__setattr__(self, "_kernels", built)
        return built[0], built[1]

    @property
    def cache_bytes(self) -> int:
        """Bytes the kernel cache holds now: its stored permutations (<= ``cache_budget``).

        0 before the first simulation and with ``cache=False``. Each kernel also
        keeps its 2^w phases (w = the string's weight) and a shape, a few hundred
        bytes that do not grow with n; those are not counted.
        """
        built = self.__dict__.get("_kernels")
        return 0 if built is None else built[2].nbytes

    @property
    def cached_masks(self) -> int:
        """How many distinct x-masks have a stored permutation (0 before the first simulation)."""
        built = self.__dict__.get("_kernels")
        return 0 if built is None else built[2].stored_masks

    def clear_cache(self) -> None:
        """Drop the kernels and their permutations (the next simulation rebuilds them)."""
        self.__dict__.pop("_kernels", None)

    def check_theta(self, theta, name: str = "theta") -> np.ndarray:
        """Return ``theta`` as a float array of shape (M,), or raise naming ``name``."""
        return real_array(name, theta, shape=(self.M,))


def check_circuit(circuit, name: str = "circuit") -> Circuit:
    """Return ``circuit`` if it is a :class:`Circuit`; else raise TypeError naming ``name``."""
    if not isinstance(circuit, Circuit):
        raise TypeError(f"{name} must be a Circuit, got {type(circuit).__name__}")
    return circuit


# --------------------------------------------------------------------------
# States and single operations
# --------------------------------------------------------------------------


def qubits_of(psi, name: str = "psi") -> int:
    """The number of qubits n of a statevector of length 2^n (1 <= n <= MAX_QUBITS), or raise.

    The ValueError names ``name``. Introduced in chapter 2.
    """
    if isinstance(psi, (str, bytes)) or psi is None:
        raise TypeError(f"{name} must be a complex array of length 2^n, got {type(psi).__name__}")
    n = qubits_of_dimension(name, int(np.size(psi)), MAX_QUBITS)
    statevector(name, psi, maximum=MAX_QUBITS, normalised=False)  # numbers, all finite
    return n


def check_state(psi, n: int | None = None, name: str = "psi") -> np.ndarray:
    """Return ``psi`` as a normalised complex statevector of shape (2^n,), or raise naming ``name``.

    The package's one rule for a statevector (:func:`qbp_lessons._validate.statevector`):
    2^n finite amplitudes (n as given, or read from the length) with
    ``<psi|psi> = 1`` to within :data:`~qbp_lessons._validate.NORM_TOLERANCE`.
    Introduced in chapter 2.
    """
    if n is not None:
        n = bounded_int("n", n, maximum=MAX_QUBITS)
    return statevector(name, psi, n=n, maximum=MAX_QUBITS)


def apply_pauli(p, psi, *, ledger: Ledger | None = None) -> np.ndarray:
    """Return ``P|psi>`` for a Pauli string P, as a permutation of amplitudes with phases.

    No matrix is built: ``(P psi)[b] = phase(b XOR x) psi[b XOR x]``
    (:mod:`qbp_lessons.engine.kernels`). ``psi`` must be normalised and is not
    modified. Introduced in chapter 2.
    """
    p = pauli(p, name="p")
    psi = check_state(psi, p.n)
    return apply_kernel(psi, PauliKernel(p), check_ledger(ledger))


def apply_rotation(p, t, psi, *, ledger: Ledger | None = None) -> np.ndarray:
    """Return ``exp(-i t P)|psi> = cos t |psi> - i sin t P|psi>`` (``psi`` is not modified).

    Introduced in chapter 2.
    """
    p = pauli(p, name="p")
    t = real("t", t)
    out = check_state(psi, p.n).copy()
    rotate(out, PauliKernel(p), math.cos(t), math.sin(t), check_ledger(ledger))
    return out


def zero_state(n: int) -> np.ndarray:
    """The state |0...0> on n qubits. Introduced in chapter 2."""
    n = bounded_int("n", n, maximum=MAX_QUBITS)
    psi = np.zeros(1 << n, dtype=complex)
    psi[0] = 1.0
    return psi


# --------------------------------------------------------------------------
# F
# --------------------------------------------------------------------------


def state(circuit: Circuit, theta, *, ledger: Ledger | None = None) -> np.ndarray:
    """The statevector ``|psi(theta)> = U_M ... U_1 |0>`` (M gate applications).

    Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    ledger = check_ledger(ledger)
    gates, _ = circuit.kernels()
    return run(gates, theta, zero_state(circuit.n), ledger)


def expval(circuit: Circuit, theta, *, ledger: Ledger | None = None) -> float:
    """``F(theta) = <psi(theta)|O|psi(theta)>``: one forward pass, then each term of O once.

    Introduced in chapter 2.
    """
    return float(term_expvals(circuit, theta, ledger=ledger) @ circuit.observable.coeffs)


def term_expvals(circuit: Circuit, theta, *, ledger: Ledger | None = None) -> np.ndarray:
    """The expectation ``<psi|Q_l|psi>`` of every Pauli term of O (coefficients left out).

    ``F = sum_l c_l <Q_l>``; each <Q_l> lies in [-1, 1]. Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    ledger = check_ledger(ledger)
    gates, terms = circuit.kernels()
    psi = run(gates, theta, zero_state(circuit.n), ledger)
    return term_values(terms, psi, ledger)


# --------------------------------------------------------------------------
# Random circuits
# --------------------------------------------------------------------------


def random_pauli(n: int, weight: int, seed=None) -> PauliString:
    """A Pauli string of exactly ``weight`` random X/Y/Z letters on random wires of n.

    ``seed``: an int, a numpy Generator or None. Introduced in chapter 2.
    """
    n = bounded_int("n", n, maximum=1024)
    weight = positive_int("weight", weight)
    if weight > n:
        raise ValueError(f"weight must be <= n = {n}, got {weight}")
    gen = make_rng("seed", seed)
    letters = ["I"] * n
    for w, ch in zip(
        gen.choice(n, size=weight, replace=False), gen.choice(list("XYZ"), size=weight)
    ):
        letters[int(w)] = str(ch)
    return PauliString("".join(letters))


def random_circuit(
    n: int,
    M: int,
    locality: int = 2,
    observable=None,
    seed=None,
    *,
    cache: bool = True,
    cache_budget: int = CACHE_BUDGET,
) -> Circuit:
    """A circuit of M random Pauli rotations, each on ``locality`` random wires (random X/Y/Z).

    ``observable``: None for Z on wire 0; ``"random"`` for a sum of three random
    terms of weight <= 2 with normal coefficients; or anything
    :func:`qbp_lessons.engine.paulis.observable` accepts. ``seed``: an int, a numpy
    Generator or None. ``cache`` and ``cache_budget`` as for :class:`Circuit`.
    Introduced in chapter 2.
    """
    n = bounded_int("n", n, maximum=MAX_QUBITS)
    M = bounded_int("M", M, maximum=MAX_GATES)
    locality = positive_int("locality", locality)
    if locality > n:
        raise ValueError(f"locality must be <= n = {n}, got {locality}")
    gen = make_rng("seed", seed)
    gens = [random_pauli(n, locality, gen) for _ in range(M)]
    if isinstance(observable, str) and observable == "random":
        observable = [
            (float(gen.normal()), random_pauli(n, int(gen.integers(1, min(2, n) + 1)), gen))
            for _ in range(3)
        ]
    return Circuit(n, gens, observable, cache=cache, cache_budget=cache_budget)


def random_parameters(M: int, seed=None) -> np.ndarray:
    """M angles drawn uniformly from [0, 2 pi). Introduced in chapter 2."""
    M = bounded_int("M", M, maximum=MAX_GATES)
    return make_rng("seed", seed).uniform(0.0, 2.0 * np.pi, size=M)
