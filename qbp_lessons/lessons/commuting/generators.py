"""Commuting-generator circuits and their one-setting gradient.

Bowles, Wierichs & Park, Quantum 9, 1873 (2025), arXiv:2306.14962, in the
course's convention (gates exp(-i theta G), r = 1, chapter 2). The model::

    |psi(theta)> = U(theta) V |0>,   U = prod_j exp(-i theta_j G_j),   C = <psi| H |psi>,
    H = sum_r c_r H_r,

with a fixed preparation V (here: Pauli rotations at fixed angles, the ``prefix``).

If all G_j commute with each other, each can be moved to the end of U, and for a
Pauli term H_r::

    dC/dtheta_j = <psi| i [G_j, H_r] |psi> = <psi| O_jr |psi>,
    O_jr = 2i G_j H_r  when G_j anticommutes with H_r,  and 0 when it commutes.

Each O_jr is +-2 times a Pauli string (eigenvalues +-2), and for one term r all
the O_jr commute with each other: one measurement setting
(:mod:`qbp_lessons.lessons.commuting.settings`) estimates every component at once.
A sum of terms takes one setting per term. Commuting-block circuits, which share
this module's :class:`PrefixedCircuit`, are in :mod:`qbp_lessons.lessons.commuting.blocks`.

Introduced in chapter 7.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qbp_lessons._validate import record
from qbp_lessons._validate import bounded_int, real_array
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine.circuits import Circuit, expval, state
from qbp_lessons.engine.gradients import grad_adjoint
from qbp_lessons.engine.ledger import Ledger, check_ledger
from qbp_lessons.engine.paulis import MAX_QUBITS, PauliString, multiply, observable, pauli
from qbp_lessons.lessons.commuting.settings import (
    PreparedGradient,
    exact_gradient,
    gradient_setting,
    hermitian_sign,
    require_commuting,
)

__all__ = [
    "MAX_COMMUTING_GATES",
    "parse_generators",
    "PrefixedCircuit",
    "CommutingCircuit",
    "gradient_observables",
    "prepare_gradient",
    "commuting_grad_shots",
    "x_generator_circuit",
]

#: Most generators a commuting or block circuit may have (checked before the pairwise test).
MAX_COMMUTING_GATES = 4096


# --------------------------------------------------------------------------
# Parsing generators and the fixed preparation
# --------------------------------------------------------------------------


def parse_generators(n: int, generators, name: str) -> tuple:
    """A list of Pauli strings on n qubits (no identity, at most MAX_COMMUTING_GATES)."""
    if not isinstance(name, str):
        raise TypeError(f"name must be a string (used in messages), got {type(name).__name__}")
    n = bounded_int("n", n, maximum=MAX_QUBITS)
    if isinstance(generators, (str, dict, PauliString)) or not isinstance(
        generators, (list, tuple)
    ):
        raise TypeError(f"{name} must be a list of Pauli strings, got {type(generators).__name__}")
    if len(generators) == 0:
        raise ValueError(f"{name} must contain at least one Pauli string")
    if len(generators) > MAX_COMMUTING_GATES:
        raise ValueError(
            f"{name} must hold at most {MAX_COMMUTING_GATES} gates, got {len(generators)}"
        )
    parsed = tuple(pauli(g, n, name=f"{name}[{j}]") for j, g in enumerate(generators))
    for j, p in enumerate(parsed):
        if p.weight == 0:
            raise ValueError(f"{name}[{j}] is the identity: it has no gradient; leave it out")
    return parsed


def _parse_prefix(n: int, prefix) -> tuple:
    if isinstance(prefix, (str, dict)) or not isinstance(prefix, (list, tuple)):
        raise TypeError(
            f"prefix must be a list of (pauli, angle) pairs, got {type(prefix).__name__}"
        )
    out = []
    for i, item in enumerate(prefix):
        if not isinstance(item, (list, tuple)) or len(item) != 2:
            raise TypeError(f"prefix[{i}] must be a (pauli, angle) pair, got {item!r}")
        p = pauli(item[0], n, name=f"prefix[{i}]")
        if p.weight == 0:
            raise ValueError(f"prefix[{i}] is the identity: leave it out")
        angle = float(real_array(f"prefix[{i}] angle", [item[1]])[0])
        out.append((p, angle))
    return tuple(out)


# --------------------------------------------------------------------------
# Commuting-generator circuits
# --------------------------------------------------------------------------


class PrefixedCircuit:
    """What both circuit kinds share: a fixed prefix V, then M trainable gates, as one Circuit.

    Subclasses (:class:`CommutingCircuit` and
    :class:`~qbp_lessons.lessons.commuting.blocks.BlockCircuit`) define ``M`` and
    :meth:`prepare`, the settings of one gradient.
    """

    def _build(self, n: int, gens) -> None:
        """Parse the observable (default Z_0) and the prefix on n qubits; build :attr:`circuit`."""
        obs = observable({0: "Z"} if self.observable is None else self.observable, n)
        prefix = _parse_prefix(n, self.prefix)
        for name, value in (
            ("n", n),
            ("observable", obs),
            ("prefix", prefix),
            ("circuit", Circuit(n, [p for p, _ in prefix] + list(gens), obs)),
        ):
            object.__setattr__(self, name, value)

    def full_theta(self, theta) -> np.ndarray:
        """The prefix angles followed by ``theta``: the parameters of :attr:`circuit`."""
        theta = real_array("theta", theta, shape=(self.M,))
        return np.concatenate([[a for _, a in self.prefix], theta])

    def loss(self, theta, *, ledger: Ledger | None = None) -> float:
        """C(theta), exactly (statevector)."""
        return expval(self.circuit, self.full_theta(theta), ledger=ledger)

    def grad_exact(self, theta, *, ledger: Ledger | None = None) -> np.ndarray:
        """The exact gradient by the adjoint method of chapter 2 (the reference)."""
        return grad_adjoint(self.circuit, self.full_theta(theta), ledger=ledger)[len(self.prefix) :]

    def prepare(self, theta, *, ledger: Ledger | None = None) -> PreparedGradient:
        """The settings of one gradient at ``theta``, prepared once (:func:`prepare_gradient`)."""
        raise NotImplementedError


@record
@dataclass(frozen=True)
class CommutingCircuit(PrefixedCircuit):
    """A commuting-generator circuit ``U(theta) V |0>`` with observable H.

    ``generators``: Pauli strings that must all commute with each other (a
    ValueError names the first pair that does not). ``observable``: anything
    :func:`qbp_lessons.engine.paulis.observable` accepts on n qubits (default Z on wire
    0); every Pauli string commutes or anticommutes with every other, so the
    condition on H holds term by term. ``prefix``: the fixed preparation V as
    ``(pauli, angle)`` gates exp(-i angle P), applied first. :attr:`circuit`
    is the whole thing as a chapter 2 :class:`~qbp_lessons.engine.circuits.Circuit`.
    Introduced in chapter 7.
    """

    n: int
    generators: tuple
    observable: object = None
    prefix: tuple = ()

    def __post_init__(self):
        n = bounded_int("n", self.n, maximum=MAX_QUBITS)
        gens = parse_generators(n, self.generators, "generators")
        require_commuting(gens, "generators")
        object.__setattr__(self, "generators", gens)
        self._build(n, gens)

    @property
    def M(self) -> int:
        """Number of trainable parameters."""
        return len(self.generators)

    def prepare(self, theta, *, ledger: Ledger | None = None) -> PreparedGradient:
        """One setting per term of H that some generator anticommutes with."""
        ledger = check_ledger(ledger)
        psi = state(self.circuit, self.full_theta(theta), ledger=ledger)
        settings = [
            gradient_setting(psi, rows, self.n, self.M, self.circuit.M, ledger)
            for rows in gradient_observables(self)
            if rows
        ]
        exact = exact_gradient(settings, self.M)
        return PreparedGradient(tuple(settings), self.M, exact)


def gradient_observables(model: CommutingCircuit) -> list:
    """The gradient observables of a commuting circuit, term by term of H.

    Returns one list per term r of H: ``[(j, coefficient, R), ...]`` with
    ``c_r O_jr = coefficient * R`` for every generator j that anticommutes with
    H_r (``O_jr = 2i G_j H_r``, so ``coefficient = +-2 c_r``). Generators that
    commute with H_r contribute nothing to that term. Introduced in chapter 7.
    """
    if not isinstance(model, CommutingCircuit):
        raise TypeError(f"model must be a CommutingCircuit, got {type(model).__name__}")
    out = []
    for c, h in model.observable.terms:
        rows = []
        if h.weight > 0:
            for j, g in enumerate(model.generators):
                phase, r = multiply(g, h)  # G H = phase R
                if phase.real == 0:  # G and H anticommute: G H is anti-Hermitian
                    rows.append(
                        (j, 2.0 * c * hermitian_sign(1j * phase, "i G H"), r)
                    )  # 2i G H = 2 (i phase) R
        out.append(rows)
    return out


# --------------------------------------------------------------------------
# One gradient from shots
# --------------------------------------------------------------------------


def prepare_gradient(model, theta, *, ledger: Ledger | None = None) -> PreparedGradient:
    """Simulate the circuit(s) of one gradient once and prepare every setting.

    ``model``: a :class:`CommutingCircuit` (one setting per term of H that some
    generator anticommutes with) or a
    :class:`~qbp_lessons.lessons.commuting.blocks.BlockCircuit` (up to 2B - 1 per
    term). The ledger counts the simulation; shots are counted when
    :meth:`PreparedGradient.estimates` draws them. Introduced in chapter 7.
    """
    if not isinstance(model, PrefixedCircuit):
        raise TypeError(
            f"model must be a CommutingCircuit or a BlockCircuit, got {type(model).__name__}"
        )
    return model.prepare(theta, ledger=check_ledger(ledger))


def commuting_grad_shots(
    model, theta, shots: int, seed=None, *, ledger: Ledger | None = None
) -> np.ndarray:
    """A shot-based gradient of a commuting-generator (or commuting-block) circuit.

    ``shots`` shots per setting; unbiased. For a single-term H and commuting
    generators: one circuit execution for all M components. Introduced in chapter 7.
    """
    shots = bounded_int("shots", shots)
    return prepare_gradient(model, theta, ledger=ledger).estimates(shots, seed, ledger=ledger)


# --------------------------------------------------------------------------
# Example circuits
# --------------------------------------------------------------------------


def x_generator_circuit(
    n: int, M: int, observable=None, seed=None, *, through: int | None = 0
) -> CommutingCircuit:
    """M distinct random X-type generators (strings of I and X) on n qubits.

    ``through``: a wire every generator acts on (so that with H = Z on that wire
    every component is non-zero), or None for any X-type string. ``observable``
    defaults to Z on wire ``through`` (wire 0 when None). Introduced in chapter 7.
    """
    n = bounded_int("n", n, maximum=MAX_QUBITS)
    M = bounded_int("M", M, maximum=MAX_COMMUTING_GATES)
    if through is not None:
        through = bounded_int("through", through, minimum=0, maximum=n - 1)
    available = (1 << (n - 1)) if through is not None else (1 << n) - 1
    if M > available:
        raise ValueError(
            f"M must be <= {available} distinct X-type strings on n = {n} qubits, got {M}"
        )
    gen = make_rng("seed", seed)
    chosen = set()
    gens = []
    while len(gens) < M:
        bits = gen.integers(0, 2, size=n)
        if through is not None:
            bits[through] = 1
        key = tuple(int(b) for b in bits)
        if not any(key) or key in chosen:
            continue
        chosen.add(key)
        gens.append("".join("X" if b else "I" for b in key))
    obs = {0 if through is None else through: "Z"} if observable is None else observable
    return CommutingCircuit(n, gens, obs)
