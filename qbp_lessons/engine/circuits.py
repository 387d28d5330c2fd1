"""Pauli-rotation circuits, simulated exactly, and three ways to differentiate them.

The model of the talk (chapter 2)::

    |psi(theta)> = U_M ... U_2 U_1 |0...0>,   U_j = exp(-i theta_j P_j),
    F(theta)     = <psi(theta)| O |psi(theta)>,   O = sum_l c_l Q_l,

with every P_j and Q_l a Pauli string on n qubits (gate 1 acts first; the strings
and observables live in :mod:`qbp_lessons.engine.paulis`). Because P^2 = I, each gate is
``exp(-i t P) = cos(t) I - i sin(t) P``, and a Pauli string only permutes basis
states and multiplies them by a phase: ``P|b> = phase(b) |b XOR x>``, where the
x-mask marks the qubits carrying X or Y. So this engine never builds a
2^n x 2^n matrix: a gate is one gathered copy of the state, one multiplication
by a phase vector, two scalings and one addition.

Conventions (the same as PennyLane's): wire 0 is the most significant bit of the
state index. exp(-i theta P) is ``qml.PauliRot(2 * theta, word, wires)``
(:mod:`qbp_lessons.interop` builds the QNode).

Gradients (chapter 2), all returning the same numbers:

* :func:`grad_inserted`  the talk's formula, one P_k-inserted state per component
  (M + M^2 gate applications: the naive cost, on purpose);
* :func:`grad_adjoint`   the adjoint method (Jones & Gacon, arXiv:2009.02823):
  the whole gradient for 3M gate applications;
* :func:`grad_finite_difference`  2M (central) or M + 1 (forward) evaluations.

And the circuit a quantum computer would run for one component,
:func:`hadamard_test_state` (n + 1 qubits: an ancilla in |+>, a controlled P_k
after gate k), whose ``<Y_a (x) O>`` is half the derivative
(:mod:`qbp_lessons.lessons.rotations.hadamard`).

Every function that applies a gate writes it into the :class:`~qbp_lessons.engine.ledger.Ledger`
passed as ``ledger=``, at the moment it applies it.

Memory: by default a circuit keeps, after its first simulation, a phase vector
(2^n complex numbers) for every distinct Pauli string and an index permutation
for every distinct x-mask (:attr:`Circuit.cache_bytes`): fast, but many
statevectors' worth for a circuit with many distinct generators.
``Circuit(..., cache=False)`` builds each gate's phases on the fly and keeps
nothing: slower, and the gradient then holds three statevectors plus one
gate's scratch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from qbp_lessons._validate import (
    bounded_int,
    choice,
    flag,
    positive_int,
    positive_real,
    real,
    real_array,
)
from qbp_lessons._validate import rng as make_rng
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
    "reduce_angles",
    "state",
    "expval",
    "term_expvals",
    "grad_inserted",
    "grad_adjoint",
    "grad_finite_difference",
    "hadamard_test_state",
    "random_pauli",
    "random_circuit",
    "random_parameters",
    "light_cone",
]

#: Most parametrised gates a circuit may have (a cap checked before any loop).
MAX_GATES = 100_000


# --------------------------------------------------------------------------
# How the engine applies one Pauli string
# --------------------------------------------------------------------------


def _parity(values: np.ndarray, mask: int) -> np.ndarray:
    """popcount(values & mask) mod 2, as an int8 array."""
    return (np.bitwise_count(values & mask) & 1).astype(np.int8)


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
        # P|b> = i^{n_y} (-1)^{popcount(b & z)} |b ^ x>, so (P psi)[c] carries that phase at b = c ^
        # x.
        self.mphase = (-1j * 1j**p.n_y) * (1 - 2 * _parity(source, p.z_mask)).astype(complex)

    def minus_i_pauli(self, psi: np.ndarray) -> np.ndarray:
        """A new array holding -i P psi: one gather (skipped for diagonal P) and one multiply."""
        if self.perm is None:
            return self.mphase * psi
        out = psi[self.perm]  # gather: (P psi)[b] needs psi[b ^ x]
        out *= self.mphase
        return out

    @property
    def nbytes(self) -> int:
        return self.mphase.nbytes


class _LeanKernel:
    """The same action as :class:`_Kernel`, computed on the fly and kept nowhere (``cache=False``)."""

    __slots__ = ("x", "z", "factor", "dim")

    def __init__(self, p: PauliString, dim: int):
        self.x, self.z, self.factor, self.dim = p.x_mask, p.z_mask, -1j * 1j**p.n_y, dim

    def minus_i_pauli(self, psi: np.ndarray) -> np.ndarray:
        # 32-bit indices (n <= 20): the scratch of one gate stays near a quarter statevector
        source = np.arange(self.dim, dtype=np.int32)
        if self.x:
            source ^= self.x
            out = psi[source]
        else:
            out = psi.copy()
        if self.z:
            source &= self.z
            parity = np.bitwise_count(source)
            del source
            parity &= 1
            np.negative(out, out=out, where=parity.view(bool))
        else:
            del source
        out *= self.factor
        return out

    nbytes = 0


def _rotate(psi, k, c: float, s: float, ledger) -> None:
    """In place: psi <- exp(-i t P) psi = cos(t) psi - i sin(t) P psi, given c = cos t, s = sin t.

    With s -> -s this is the inverse gate exp(+i t P). Memory: one scratch vector.
    """
    mip = k.minus_i_pauli(psi)
    mip *= s
    psi *= c
    psi += mip
    if ledger is not None:
        ledger.rotations += 1


def _pauli(psi, k, ledger) -> np.ndarray:
    """A new array holding P psi (= i times -i P psi)."""
    out = k.minus_i_pauli(psi)
    out *= 1j
    if ledger is not None:
        ledger.paulis += 1
    return out


def _apply_observable(obs, psi, ledger) -> np.ndarray:
    """A new array holding O psi = sum_l c_l Q_l psi."""
    out = None
    for c, k in obs:
        term = _pauli(psi, k, ledger)
        if c != 1.0:
            term *= c
        if out is None:
            out = term
        else:
            out += term
        del term  # at most one term and the sum are alive at once
    return out


def _term_values(obs, psi, ledger) -> np.ndarray:
    """<psi|Q_l|psi> of every term (one scratch vector at a time)."""
    return np.array([float(np.vdot(psi, _pauli(psi, k, ledger)).real) for _, k in obs])


def _run(gates, thetas, psi, ledger) -> np.ndarray:
    """Apply gates[j] with angle thetas[j] in order, in place."""
    for k, t in zip(gates, thetas):
        _rotate(psi, k, math.cos(t), math.sin(t), ledger)
    return psi


@dataclass(frozen=True)
class _Pairs:
    """A kernel doubled to act on [psi; lam] at once (``grad_adjoint(fused=True)``)."""

    perm2: np.ndarray | None
    mphase2: np.ndarray


# --------------------------------------------------------------------------
# Circuits
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Circuit:
    """The talk's model: ``|psi> = prod_j exp(-i theta_j P_j)|0>`` and ``F = <psi|O|psi>``.

    ``generators`` is a list of Pauli strings (labels, wire maps or
    PauliStrings), gate 1 first; ``observable`` anything
    :func:`qbp_lessons.engine.paulis.observable` accepts (default: Z on wire 0). The
    parameters theta are not stored: every function takes them, as an array of
    length ``M = len(generators)``.

    ``cache=True`` (default): the first simulation precomputes, once, a phase
    vector for each *distinct* Pauli string (2^n complex numbers each) and an
    index permutation for each distinct x-mask, and keeps them
    (:attr:`cache_bytes`; ``grad_adjoint(fused=True)`` adds doubled copies).
    ``cache=False`` keeps nothing and rebuilds each
    gate's action when it is applied. Introduced in chapter 2.
    """

    n: int
    generators: tuple
    observable: Observable = None
    cache: bool = field(default=True, compare=False)

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
        """Kernels for every distinct Pauli string: built once per circuit and kept (``cache=True``)."""
        if not self.cache:
            lean = {
                p.label: _LeanKernel(p, self.dim) for p in self.generators + self.observable.paulis
            }
            return [lean[p.label] for p in self.generators], [
                (c, lean[p.label]) for c, p in self.observable.terms
            ]
        index = np.arange(self.dim, dtype=np.intp)
        perms, kernels = {}, {}
        for p in self.generators + self.observable.paulis:
            if p.label not in kernels:
                kernels[p.label] = _Kernel(p, index, perms)
        object.__setattr__(self, "_perms", perms)
        gates = [kernels[p.label] for p in self.generators]
        obs = [(c, kernels[p.label]) for c, p in self.observable.terms]
        return gates, obs

    @cached_property
    def _compiled_pairs(self):
        """Kernels acting on psi and lam stored end to end, for ``grad_adjoint(fused=True)`` (kept in the cache)."""
        gates, _ = self._compiled
        D, doubled, out = self.dim, {}, []
        for k in gates:
            if id(k) not in doubled:
                doubled[id(k)] = _Pairs(
                    None if k.perm is None else np.concatenate([k.perm, k.perm + D]),
                    np.concatenate([k.mphase, k.mphase]),
                )
            out.append(doubled[id(k)])
        return out

    @property
    def cache_bytes(self) -> int:
        """Bytes the circuit's kernel cache holds now (0 before the first simulation, or with ``cache=False``).

        Phase vectors of the distinct Pauli strings plus the distinct
        permutations: memory that every simulation of this circuit keeps alive.
        """
        if not self.cache or "_compiled" not in self.__dict__:
            return 0
        gates, obs = self._compiled
        kernels = {id(k): k for k in gates + [k for _, k in obs]}
        total = sum(k.nbytes for k in kernels.values()) + sum(
            p.nbytes for p in self.__dict__["_perms"].values()
        )
        pairs = {id(p): p for p in self.__dict__.get("_compiled_pairs", ())}
        return total + sum(
            p.mphase2.nbytes + (0 if p.perm2 is None else p.perm2.nbytes) for p in pairs.values()
        )

    def clear_cache(self) -> None:
        """Drop the kernel cache (the next simulation rebuilds it)."""
        for key in ("_compiled", "_perms", "_compiled_pairs"):
            self.__dict__.pop(key, None)

    def check_theta(self, theta, name: str = "theta") -> np.ndarray:
        """Return ``theta`` as a float array of shape (M,), or raise naming ``name``."""
        return real_array(name, theta, shape=(self.M,))


def check_circuit(circuit) -> Circuit:
    """Return ``circuit`` if it is a :class:`Circuit`; raise TypeError naming ``circuit`` otherwise."""
    if not isinstance(circuit, Circuit):
        raise TypeError(f"circuit must be a Circuit, got {type(circuit).__name__}")
    return circuit


# --------------------------------------------------------------------------
# States and single operations
# --------------------------------------------------------------------------


def check_state(psi, n: int, name: str = "psi") -> np.ndarray:
    """Return ``psi`` as a complex array of shape (2^n,), or raise naming ``name``.

    The state is not required to be normalised (intermediate vectors such as
    O|psi> are not). Introduced in chapter 2.
    """
    n = bounded_int("n", n, maximum=MAX_QUBITS)
    if isinstance(psi, (str, bytes)) or psi is None:
        raise TypeError(f"{name} must be a complex array of length 2^n, got {type(psi).__name__}")
    arr = np.asarray(psi)
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.number):
        raise TypeError(f"{name} must be a numeric array, got dtype {arr.dtype}")
    if arr.shape != (1 << n,):
        raise ValueError(f"{name} must have shape ({1 << n},) for n = {n} qubits, got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite values")
    return arr.astype(complex)


def _state_qubits(psi, name: str = "psi") -> int:
    size = np.size(psi)
    n = int(size).bit_length() - 1
    if size < 2 or (1 << n) != size or n > MAX_QUBITS:
        raise ValueError(
            f"{name} must have length 2^n with 1 <= n <= {MAX_QUBITS}, got length {size}"
        )
    return n


def apply_pauli(p, psi, *, ledger: Ledger | None = None) -> np.ndarray:
    """Return ``P|psi>`` for a Pauli string P, as a permutation of amplitudes with phases.

    No matrix is built: ``(P psi)[b] = phase(b XOR x) psi[b XOR x]``. ``psi`` is
    not modified. Introduced in chapter 2.
    """
    p = pauli(p, name="p")
    psi = check_state(psi, p.n)
    return _pauli(psi, _LeanKernel(p, psi.size), check_ledger(ledger))


def apply_rotation(p, t, psi, *, ledger: Ledger | None = None) -> np.ndarray:
    """Return ``exp(-i t P)|psi> = cos t |psi> - i sin t P|psi>`` (``psi`` is not modified).

    Introduced in chapter 2.
    """
    p = pauli(p, name="p")
    t = real("t", t)
    out = check_state(psi, p.n).copy()
    _rotate(out, _LeanKernel(p, out.size), math.cos(t), math.sin(t), check_ledger(ledger))
    return out


def zero_state(n: int) -> np.ndarray:
    """The state |0...0> on n qubits. Introduced in chapter 2."""
    n = bounded_int("n", n, maximum=MAX_QUBITS)
    psi = np.zeros(1 << n, dtype=complex)
    psi[0] = 1.0
    return psi


def reduce_angles(theta, period: float = math.pi) -> np.ndarray:
    """Angles reduced to ``[-period/2, period/2)``, exactly as cos and sin see them.

    For a gate exp(-i theta P), F has period pi in each theta_j. A shift such as
    theta + pi/4 is only meaningful on the reduced angle: at |theta| = 1e15 the
    spacing of floats is 0.125, so ``theta + pi/4`` would land somewhere else.
    The reduction goes through ``atan2(sin, cos)``, whose argument reduction is
    exact, rather than through ``theta % period``. Introduced in chapter 3.
    """
    theta = real_array("theta", theta)
    period = positive_real("period", period)
    w = 2 * math.pi / period
    return np.arctan2(np.sin(w * theta), np.cos(w * theta)) / w


# --------------------------------------------------------------------------
# F and its gradient
# --------------------------------------------------------------------------


def state(circuit: Circuit, theta, *, ledger: Ledger | None = None) -> np.ndarray:
    """The statevector ``|psi(theta)> = U_M ... U_1 |0>`` (M gate applications).

    Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    ledger = check_ledger(ledger)
    gates, _ = circuit._compiled
    return _run(gates, theta, zero_state(circuit.n), ledger)


def expval(circuit: Circuit, theta, *, ledger: Ledger | None = None) -> float:
    """``F(theta) = <psi(theta)|O|psi(theta)>``: one forward pass, then each term of O once.

    Introduced in chapter 2.
    """
    return float(term_expvals(circuit, theta, ledger=ledger) @ circuit.observable.coeffs)


def term_expvals(circuit: Circuit, theta, *, ledger: Ledger | None = None) -> np.ndarray:
    """The expectation ``<psi|Q_l|psi>`` of every Pauli term of the observable (coefficients left out).

    ``F = sum_l c_l <Q_l>``; each <Q_l> lies in [-1, 1]. Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    ledger = check_ledger(ledger)
    gates, obs = circuit._compiled
    psi = _run(gates, theta, zero_state(circuit.n), ledger)
    return _term_values(obs, psi, ledger)


def grad_inserted(circuit: Circuit, theta, *, ledger: Ledger | None = None) -> np.ndarray:
    """The talk's formula, one component at a time: ``dF/dtheta_k = 2 Im <psi|O|~d_k psi>``.

    ``|~d_k psi> = U_{>k} P_k U_{<=k} |0>`` is the state with P_k inserted after
    gate k (equivalently ``dF/dtheta_k = 2 Re <psi|O|d_k psi>`` with
    ``d_k = U_{>k} (-i P_k) U_{<=k}``). Each component is an overlap of two
    *different* states, |psi> and the inserted state: no single circuit measures
    it (on hardware it takes a Hadamard test, chapter 2). Here each inserted
    state is simulated from |0>: M gates each, so M + M^2 gate applications in
    all -- the naive O(M^2) cost, on purpose. Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    ledger = check_ledger(ledger)
    gates, obs = circuit._compiled
    psi = _run(gates, theta, zero_state(circuit.n), ledger)
    o_psi = _apply_observable(obs, psi, ledger)
    grad = np.empty(circuit.M)
    for k in range(circuit.M):
        phi = _run(gates[: k + 1], theta[: k + 1], zero_state(circuit.n), ledger)  # U_{<=k}|0>
        phi = _pauli(phi, gates[k], ledger)  # P_k
        phi = _run(gates[k + 1 :], theta[k + 1 :], phi, ledger)  # U_{>k}
        grad[k] = 2.0 * np.vdot(o_psi, phi).imag
    return grad


def grad_adjoint(
    circuit: Circuit, theta, *, fused: bool = False, ledger: Ledger | None = None
) -> np.ndarray:
    """The adjoint method: the whole gradient for 3M gate applications.

    Jones & Gacon, arXiv:2009.02823. After a forward pass (M gates) keep
    ``|psi_k> = U_{<=k}|0>`` and ``|lam_k> = U_{>k}^dagger O |psi>``; then for
    k = M, ..., 1::

        dF/dtheta_k = 2 Re <lam_k| (-i P_k) |psi_k>
        |psi_{k-1}> = U_k^dagger |psi_k>,   |lam_{k-1}> = U_k^dagger |lam_k>

    Undoing a gate costs the same as doing it, and ``-i P_k |psi_k>`` is the very
    vector the undo needs, so the backward pass is 2M gate applications. Working
    memory: psi, lam and one scratch vector (plus the circuit's kernel cache,
    :attr:`Circuit.cache_bytes`, unless ``cache=False``). This is reverse-mode
    differentiation (backpropagation) of the simulation; it needs the
    amplitudes, which hardware does not give.

    ``fused=True`` stores psi and lam end to end in one array, so each backward
    step undoes gate k on both with one set of numpy calls: fewer calls, which
    pays only where numpy's per-call overhead dominates (whether it does is
    measured in the appendix), at the price of a two-vector scratch. Same numbers, same gate count.
    Needs ``cache=True``.
    Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    ledger = check_ledger(ledger)
    fused = flag("fused", fused)
    if fused and not circuit.cache:
        raise ValueError("fused=True needs a circuit built with cache=True")
    gates, obs = circuit._compiled
    grad = np.empty(circuit.M)
    if fused:
        _adjoint_fused(circuit, theta, grad, ledger)
        return grad
    psi = _run(gates, theta, zero_state(circuit.n), ledger)
    lam = _apply_observable(obs, psi, ledger)
    lam_f = lam.view(float)  # Re <a|b> is the real dot product of the float views
    for j in range(circuit.M - 1, -1, -1):
        k, t = gates[j], theta[j]
        c, s = math.cos(t), math.sin(t)
        mip = k.minus_i_pauli(psi)  # -i P_k |psi_k>
        grad[j] = 2.0 * np.dot(lam_f, mip.view(float))
        mip *= -s  # undo gate j on psi: U^dagger = cos t + i sin t P_k,
        psi *= c  # reusing -i P_k |psi_k>
        psi += mip
        del mip  # keep three statevectors: psi, lam, one scratch
        if ledger is not None:
            ledger.rotations += 1  # the undo of gate j on psi, just applied
        _rotate(lam, k, c, -s, ledger)  # undo gate j on lam
    return grad


def _adjoint_fused(circuit: Circuit, theta: np.ndarray, grad: np.ndarray, ledger) -> None:
    """grad_adjoint with psi and lam as the two halves of one array (see its docstring)."""
    gates, obs = circuit._compiled
    pairs = circuit._compiled_pairs
    D = circuit.dim
    both = np.zeros(2 * D, dtype=complex)
    psi = both[:D]
    psi[0] = 1.0
    _run(gates, theta, psi, ledger)
    both[D:] = _apply_observable(obs, psi, ledger)
    lam_f = both[D:].view(float)
    for j in range(circuit.M - 1, -1, -1):
        pair = pairs[j]
        t = theta[j]
        c, s = math.cos(t), math.sin(t)
        if pair.perm2 is None:
            mip = pair.mphase2 * both  # [-i P psi ; -i P lam]
        else:
            mip = both[pair.perm2]
            mip *= pair.mphase2
        grad[j] = 2.0 * np.dot(lam_f, mip[:D].view(float))
        mip *= -s  # undo gate j on psi and lam at once
        both *= c
        both += mip
        del mip  # free the scratch before the next gather
        if ledger is not None:
            ledger.rotations += 2  # gate j undone on psi and on lam


def grad_finite_difference(
    circuit: Circuit,
    theta,
    h: float = 1e-5,
    scheme: str = "central",
    *,
    ledger: Ledger | None = None,
) -> np.ndarray:
    """Finite-difference gradient: ``[F(theta + h e_k) - F(theta - h e_k)] / 2h`` (central).

    Central differences cost 2M evaluations (error O(h^2)); ``scheme="forward"``
    costs M + 1 (error O(h)). ``h`` must be large enough that ``theta_k + h``
    differs from ``theta_k`` in floating point by many units (at least
    ``2^-40`` times ``max(1, |theta|)``); smaller steps would silently give
    zeros or rounding noise. The chapter-1 baseline, applied to circuits.
    Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    h = positive_real("h", h, upper=1.0)
    scheme = choice("scheme", scheme, {"central", "forward"})
    ledger = check_ledger(ledger)
    floor = 2.0**-40 * max(1.0, float(np.max(np.abs(theta))))
    if h < floor:
        raise ValueError(
            f"h must be >= {floor:.3g} (2^-40 x max(1, |theta|)): a smaller step is lost "
            f"to rounding, got {h}"
        )
    grad = np.empty(circuit.M)
    f0 = expval(circuit, theta, ledger=ledger) if scheme == "forward" else None
    for k in range(circuit.M):
        plus = theta.copy()
        plus[k] += h
        if scheme == "forward":
            grad[k] = (expval(circuit, plus, ledger=ledger) - f0) / (plus[k] - theta[k])
        else:
            minus = theta.copy()
            minus[k] -= h
            grad[k] = (
                expval(circuit, plus, ledger=ledger) - expval(circuit, minus, ledger=ledger)
            ) / (plus[k] - minus[k])
    return grad


# --------------------------------------------------------------------------
# The Hadamard test: one gradient component as one circuit on n + 1 qubits
# --------------------------------------------------------------------------


def hadamard_test_state(
    circuit: Circuit, theta, k: int, *, ledger: Ledger | None = None
) -> np.ndarray:
    """The state of the Hadamard test for component k, on n + 1 qubits (the ancilla is wire 0).

    ``exp(-i pi/4 Y)`` puts the ancilla in |+>; the M gates act on the system
    (``I (x) P_j``, both ancilla branches at once); after gate k, P_k acts on the
    ancilla's |1> branch only (a controlled P_k). The result is
    ``(|0>|psi> + |1>|~d_k psi>) / sqrt 2`` with ``|~d_k psi> = U_{>k} P_k U_{<=k}|0>``,
    so ``<X_a (x) O> = Re <psi|O|~d_k psi>`` and ``<Y_a (x) O> = Im <psi|O|~d_k psi>
    = (1/2) dF/dtheta_k`` (:mod:`qbp_lessons.lessons.rotations.hadamard`). The ledger gets M + 1
    rotations and one Pauli string. ``k`` counts from 0. Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    k = bounded_int("k", k, minimum=0, maximum=circuit.M - 1)
    if circuit.n + 1 > MAX_QUBITS:
        raise ValueError(
            f"the Hadamard test needs n + 1 <= {MAX_QUBITS} qubits, got n = {circuit.n}"
        )
    ledger = check_ledger(ledger)
    gates, _ = circuit._compiled
    psi = zero_state(circuit.n + 1)
    _rotate(
        psi,
        _LeanKernel(PauliString("Y" + "I" * circuit.n), psi.size),
        math.sqrt(0.5),
        math.sqrt(0.5),
        ledger,
    )  # exp(-i pi/4 Y)|0> = |+> on the ancilla
    branches = (psi[: circuit.dim], psi[circuit.dim :])  # views: the ancilla's |0> and |1> halves
    for j in range(circuit.M):
        c, s = math.cos(theta[j]), math.sin(theta[j])
        for branch in branches:  # one gate I (x) P_j on the n + 1 qubits
            _rotate(branch, gates[j], c, s, None)
        if ledger is not None:
            ledger.rotations += 1
        if j == k:  # the controlled P_k
            branches[1][:] = _pauli(branches[1], gates[k], ledger)
    return psi


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
    n: int, M: int, locality: int = 2, observable=None, seed=None, *, cache: bool = True
) -> Circuit:
    """A circuit of M random Pauli rotations, each on ``locality`` random wires with random X/Y/Z letters.

    ``observable``: None for Z on wire 0; ``"random"`` for a sum of three random
    terms of weight <= 2 with normal coefficients; or anything
    :func:`qbp_lessons.engine.paulis.observable` accepts. ``seed``: an int, a numpy
    Generator or None. Introduced in chapter 2.
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
    return Circuit(n, gens, observable, cache=cache)


def random_parameters(M: int, seed=None) -> np.ndarray:
    """M angles drawn uniformly from [0, 2 pi). Introduced in chapter 2."""
    M = bounded_int("M", M, maximum=MAX_GATES)
    return make_rng("seed", seed).uniform(0.0, 2.0 * np.pi, size=M)


def light_cone(circuit: Circuit) -> np.ndarray:
    """Boolean mask of the gates that can influence F (the observable's past light cone).

    Walking back from the observable's wires, a gate is inside when it touches
    a wire already reached; its wires are then reached too. A gate outside has
    dF/dtheta = 0 structurally. PennyLane's parameter-shift skips such gates, so
    its execution count is 2 x (gates inside), not always 2M. Introduced in
    chapter 3.
    """
    circuit = check_circuit(circuit)
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
