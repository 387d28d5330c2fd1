"""Where backprop scaling is attainable: gradients of commuting-generator and commuting-block circuits.

Bowles, Wierichs & Park, Quantum 9, 1873 (2025), arXiv:2306.14962, in the
course's convention (gates exp(-i theta G), r = 1, chapter 2). The model::

    |psi(theta)> = U(theta) V |0>,   U = prod_j exp(-i theta_j G_j),   C = <psi| H |psi>,
    H = sum_r c_r H_r,

with a fixed preparation V (here: Pauli rotations at fixed angles, the ``prefix``).

**Commuting generators.** If all G_j commute with each other, each can be moved
to the end of U, and for a Pauli term H_r::

    dC/dtheta_j = <psi| i [G_j, H_r] |psi> = <psi| O_jr |psi>,
    O_jr = 2i G_j H_r  when G_j anticommutes with H_r,  and 0 when it commutes.

Each O_jr is +-2 times a Pauli string (eigenvalues +-2), and for one term r all
the O_jr commute with each other: one measurement setting (one basis change,
one set of bitstrings) estimates every component at once. When the strings are
qubit-wise compatible (X-type generators with H_r = Z_q) the basis change is one
single-qubit gate per wire, as in chapter 2's sampler; otherwise
:func:`diagonalise` builds a Clifford basis change from at most n Pauli rotations
at angle pi/4. A sum of terms takes one setting per term.

**Commuting blocks.** With U = U_B ... U_1, generators commuting within each
block, the derivative of a parameter of block b < B is a Hadamard test on n + 1
qubits (an ancilla in |+>): the later gates whose generators anticommute with
block b run with their angle flipped when the ancilla is |1> (generator
``G_k (x) Z_ancilla``), and the ancilla is read in X (generators that
anticommute with H_r) or Y (those that commute with it). The last block needs no
ancilla. So at most 2B - 1 settings per term, whatever M (derived in chapter 7 and
checked against the adjoint gradient in the tests); a block whose readings are all
of one kind, e.g. a single-gate block, takes one. The two readings of a block
commute, so one setting could serve both (chapter 7's exercise 7.3): B in all.

Every shot is drawn by :mod:`qbp_lessons.engine.sampling`, which writes executions
and shots into the :class:`~qbp_lessons.engine.ledger.Ledger`; :mod:`qbp_lessons.costs`
holds the Hoeffding bound the measured shots are set against.

Introduced in chapter 7.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from qbp_lessons._validate import bounded_int, positive_real, probability, real_array
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine.circuits import Circuit, apply_rotation, expval, state
from qbp_lessons.engine.gradients import grad_adjoint
from qbp_lessons.engine.ledger import Ledger, check_ledger
from qbp_lessons.lessons.param_shift.compute import shifted_settings
from qbp_lessons.engine.paulis import MAX_QUBITS, PauliString, multiply, observable, pauli
from qbp_lessons.engine.sampling import eigenvalues, sample_counts, setting

__all__ = [
    "MAX_COMMUTING_GATES",
    "anticommuting_pairs",
    "CommutingCircuit",
    "gradient_observables",
    "Diagonaliser",
    "diagonalise",
    "GradientSetting",
    "PreparedGradient",
    "prepare_gradient",
    "commuting_grad_shots",
    "BlockCircuit",
    "block_grad_shots",
    "x_generator_circuit",
    "two_block_example",
    "ShotsScan",
    "shots_for_accuracy",
]

#: Most generators a commuting or block circuit may have (checked before the pairwise test).
MAX_COMMUTING_GATES = 4096

_QUARTER = math.pi / 4


# --------------------------------------------------------------------------
# Commutation, checked for all pairs at once
# --------------------------------------------------------------------------


def anticommuting_pairs(paulis) -> np.ndarray:
    """Boolean matrix A with ``A[i, k]`` True when strings i and k anticommute.

    Two strings anticommute when ``popcount((x_i & z_k) ^ (z_i & x_k))`` is odd
    (the symplectic form); all pairs are computed at once on the bit masks.
    Introduced in chapter 7.
    """
    ps = [pauli(p, name="paulis") for p in paulis]
    if not ps:
        return np.zeros((0, 0), dtype=bool)
    if ps[0].n > 62:
        raise ValueError(f"paulis must act on at most 62 qubits for the mask test, got {ps[0].n}")
    x = np.array([p.x_mask for p in ps], dtype=np.int64)
    z = np.array([p.z_mask for p in ps], dtype=np.int64)
    sym = (x[:, None] & z[None, :]) ^ (z[:, None] & x[None, :])
    return (np.bitwise_count(sym) & 1).astype(bool)


def _parse_generators(n: int, generators, name: str) -> tuple:
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


def _require_commuting(paulis, name: str, offset: int = 0) -> None:
    clash = np.argwhere(np.triu(anticommuting_pairs(paulis)))
    if clash.size:
        j, k = (int(v) for v in clash[0])
        raise ValueError(
            f"{name} must commute with each other: {name}[{j + offset}] = {paulis[j].label} and "
            f"{name}[{k + offset}] = {paulis[k].label} anticommute"
        )


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


class _Prefixed:
    """What both circuit kinds share: a fixed prefix V, then M trainable gates, as one chapter 2 Circuit."""

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


@dataclass(frozen=True)
class CommutingCircuit(_Prefixed):
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
        gens = _parse_generators(n, self.generators, "generators")
        _require_commuting(gens, "generators")
        object.__setattr__(self, "generators", gens)
        self._build(n, gens)

    @property
    def M(self) -> int:
        """Number of trainable parameters."""
        return len(self.generators)


def _hermitian_factor(phase: complex, name: str) -> int:
    """The real sign s with phase = s (a product that must be Hermitian)."""
    if abs(phase.imag) > 1e-12 or abs(abs(phase.real) - 1) > 1e-12:
        raise ArithmeticError(f"{name}: expected a real sign, got {phase}")
    return int(round(phase.real))


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
                        (j, 2.0 * c * _hermitian_factor(1j * phase, "i G H"), r)
                    )  # 2i G H = 2 (i phase) R
        out.append(rows)
    return out


# --------------------------------------------------------------------------
# One basis change for a commuting set
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Diagonaliser:
    """How to measure a set of commuting Pauli strings in one setting.

    Apply the ``rotations`` exp(-i pi/4 Q) in order (a Clifford D; empty when a
    product basis suffices), then measure every wire in ``basis``. String i of
    the set is then read as ``signs[i]`` times ``measured[i]``, a string diagonal
    in ``basis``: ``<psi|R_i|psi> = signs[i] <D psi|measured[i]|D psi>``.
    Introduced in chapter 7.
    """

    basis: PauliString
    rotations: tuple
    signs: tuple
    measured: tuple


def diagonalise(paulis) -> Diagonaliser:
    """One measurement setting for commuting Pauli strings ``paulis``.

    Qubit-wise compatible strings need only single-qubit basis changes (the
    sampler's own). Otherwise: for each string, in turn, whose current image P
    still has an X or Y (on wire q, say), rotate by exp(-i pi/4 Q) with
    Q ~ Z_q P. Q anticommutes with P, so the rotation maps P to +-Z_q; it
    commutes with every image already made diagonal (they commute with Z_q and
    with P), so those stay put. At most n rotations, each a Clifford gate.
    Raises ValueError naming ``paulis`` if two strings anticommute.
    Introduced in chapter 7.
    """
    if isinstance(paulis, (str, PauliString, dict)) or not isinstance(paulis, (list, tuple)):
        raise TypeError(f"paulis must be a list of Pauli strings, got {type(paulis).__name__}")
    if not paulis:
        raise ValueError("paulis must hold at least one Pauli string")
    ps = [pauli(p, name=f"paulis[{i}]") for i, p in enumerate(paulis)]
    n = ps[0].n
    ps = [pauli(p, n, name=f"paulis[{i}]") for i, p in enumerate(ps)]
    _require_commuting(ps, "paulis")
    letters = ["I"] * n
    product = True
    for p in ps:
        for w, ch in enumerate(p.label):
            if ch != "I":
                if letters[w] not in ("I", ch):
                    product = False
                letters[w] = ch
    if product:
        basis = PauliString("".join("Z" if ch == "I" else ch for ch in letters))
        return Diagonaliser(basis, (), tuple(1 for _ in ps), tuple(ps))
    images = [(1, p) for p in ps]
    rotations = []
    for i in range(len(images)):
        _, p = images[i]
        if p.x_mask == 0:
            continue
        q = next(w for w, ch in enumerate(p.label) if ch in "XY")
        _, rot = multiply(PauliString("I" * q + "Z" + "I" * (n - q - 1)), p)  # Z_q P = phase Q
        rotations.append(rot)
        for k, (sign, r) in enumerate(images):  # D R D^dagger = -i Q R when Q and R anticommute
            if not anticommuting_pairs([rot, r])[0, 1]:
                continue
            phase, s = multiply(rot, r)
            images[k] = (sign * _hermitian_factor(-1j * phase, "D R D^dagger"), s)
    assert all(r.x_mask == 0 for _, r in images)
    return Diagonaliser(
        PauliString("Z" * n),
        tuple(rotations),
        tuple(s for s, _ in images),
        tuple(r for _, r in images),
    )


def _rotate_into(diag: Diagonaliser, psi: np.ndarray, ledger) -> np.ndarray:
    for q in diag.rotations:
        psi = apply_rotation(q, _QUARTER, psi, ledger=ledger)
    return psi


# --------------------------------------------------------------------------
# Prepared settings, shot estimates and their exact variance
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class GradientSetting:
    """One measurement setting of a gradient: what it reads and where each reading goes.

    ``setting``: the sampler's :class:`~qbp_lessons.engine.sampling.Setting` (the state
    after the basis change). ``diag``: the basis change. ``table``: shape
    (2^n', M), the value each outcome adds to each component's estimate (0 for
    components this setting does not touch); ``qubits``: n or n + 1 (with an
    ancilla); ``paulis``: the strings it reads. Introduced in chapter 7.
    """

    setting: object
    diag: Diagonaliser
    table: np.ndarray
    qubits: int
    paulis: tuple = ()


@dataclass(frozen=True)
class PreparedGradient:
    """Every setting of one gradient, prepared once; shots are drawn by :meth:`estimates`.

    ``exact``: the gradient the settings' expectations give (equal to the
    adjoint gradient: the tests check it). Introduced in chapter 7.
    """

    settings: tuple
    M: int
    exact: np.ndarray

    @property
    def circuits(self) -> int:
        """Distinct circuits (settings) one gradient executes."""
        return len(self.settings)

    def estimates(
        self, shots: int, seed=None, *, repetitions: int | None = None, ledger: Ledger | None = None
    ) -> np.ndarray:
        """Draw ``shots`` shots of every setting; shape (M,) or (repetitions, M)."""
        shots = bounded_int("shots", shots)
        gen = make_rng("seed", seed)
        ledger = check_ledger(ledger)
        shape = (self.M,) if repetitions is None else (repetitions, self.M)
        grad = np.zeros(shape)
        for s in self.settings:
            counts = sample_counts(s.setting, shots, gen, repetitions=repetitions, ledger=ledger)
            grad += (counts @ s.table) / shots
        return grad

    def variance(self, shots: int) -> np.ndarray:
        """Exact variance of each component of :meth:`estimates` with ``shots`` shots per setting."""
        shots = bounded_int("shots", shots)
        out = np.zeros(self.M)
        for s in self.settings:
            p = s.setting.probs
            mean = p @ s.table
            out += (p @ s.table**2 - mean**2) / shots
        return out


def _setting_for(psi, rows, qubits: int, M: int, gates: int, ledger) -> GradientSetting:
    """rows: [(component j, coefficient, R)]; the setting reading sum of coefficient * R into j."""
    diag = diagonalise([r for _, _, r in rows])
    phi = _rotate_into(diag, psi, ledger)
    s = setting(phi, diag.basis, gates=gates + len(diag.rotations))
    table = np.zeros((1 << qubits, M))
    for (j, coeff, _), sign, meas in zip(rows, diag.signs, diag.measured):
        table[:, j] += coeff * sign * eigenvalues(meas, diag.basis)
    return GradientSetting(s, diag, table, qubits, tuple(r for _, _, r in rows))


def prepare_gradient(model, theta, *, ledger: Ledger | None = None) -> PreparedGradient:
    """Simulate the circuit(s) of one gradient once and prepare every setting.

    ``model``: a :class:`CommutingCircuit` (one setting per term of H that some
    generator anticommutes with) or a :class:`BlockCircuit` (up to 2B - 1 per
    term). The ledger counts the simulation; shots are counted when
    :meth:`PreparedGradient.estimates` draws them. Introduced in chapter 7.
    """
    ledger = check_ledger(ledger)
    if isinstance(model, BlockCircuit):
        return _prepare_blocks(model, theta, ledger)
    if not isinstance(model, CommutingCircuit):
        raise TypeError(
            f"model must be a CommutingCircuit or a BlockCircuit, got {type(model).__name__}"
        )
    full = model.full_theta(theta)
    psi = state(model.circuit, full, ledger=ledger)
    settings = [
        _setting_for(psi, rows, model.n, model.M, model.circuit.M, ledger)
        for rows in gradient_observables(model)
        if rows
    ]
    exact = sum((s.setting.probs @ s.table for s in settings), np.zeros(model.M))
    return PreparedGradient(tuple(settings), model.M, exact)


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
# Commuting-block circuits
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class BlockCircuit(_Prefixed):
    """A commuting-block circuit: ``U_B ... U_1 V |0>``, generators commuting within each block.

    ``blocks``: a list of B lists of Pauli strings (block 1 first). Within a
    block all generators must commute; a generator of a later block must either
    commute with every generator of an earlier block or anticommute with every
    one (so one flipped copy of the later gates serves the whole block); a
    ValueError names ``blocks`` and the offending pair otherwise. Single-gate
    blocks always qualify: any Pauli-rotation circuit is a block circuit with
    B = M. Introduced in chapter 7.
    """

    n: int
    blocks: tuple
    observable: object = None
    prefix: tuple = ()

    def __post_init__(self):
        n = bounded_int("n", self.n, maximum=MAX_QUBITS - 1)
        blocks = self.blocks
        if isinstance(blocks, (str, dict)) or not isinstance(blocks, (list, tuple)) or not blocks:
            raise TypeError("blocks must be a non-empty list of lists of Pauli strings")
        parsed = tuple(_parse_generators(n, b, f"blocks[{i}]") for i, b in enumerate(blocks))
        flat = [g for b in parsed for g in b]
        if len(flat) > MAX_COMMUTING_GATES:
            raise ValueError(
                f"blocks must hold at most {MAX_COMMUTING_GATES} gates in all, got {len(flat)}"
            )
        for i, b in enumerate(parsed):
            _require_commuting(b, f"blocks[{i}]")
        anti = anticommuting_pairs(flat)
        starts = np.cumsum([0] + [len(b) for b in parsed])
        for b in range(len(parsed)):
            rows = anti[starts[b] : starts[b + 1], starts[b + 1] :]
            mixed = np.flatnonzero(rows.any(axis=0) & ~rows.all(axis=0))
            if mixed.size:
                k = int(mixed[0]) + int(starts[b + 1])
                c = int(np.searchsorted(starts, k, side="right")) - 1
                raise ValueError(
                    f"blocks: generator {flat[k].label} of blocks[{c}] commutes with some"
                    f" generators of blocks[{b}] and anticommutes with others; it must do one or"
                    " the other with the whole block"
                )
        object.__setattr__(self, "blocks", parsed)
        self._build(n, flat)
        object.__setattr__(self, "_anti", anti)
        object.__setattr__(self, "_starts", tuple(int(s) for s in starts))

    @property
    def B(self) -> int:
        return len(self.blocks)

    @property
    def M(self) -> int:
        return sum(len(b) for b in self.blocks)

    @property
    def generators(self) -> tuple:
        return tuple(g for b in self.blocks for g in b)


def _extend(p: PauliString, letter: str) -> PauliString:
    return PauliString(p.label + letter)


def _prepare_blocks(model: BlockCircuit, theta, ledger) -> PreparedGradient:
    theta = real_array("theta", theta, shape=(model.M,))
    n, M, starts = model.n, model.M, model._starts
    gens = model.generators
    settings = []
    psi = state(model.circuit, model.full_theta(theta), ledger=ledger)
    prefix_gates = [p for p, _ in model.prefix]
    prefix_angles = [a for _, a in model.prefix]
    for b in range(model.B):
        block = range(starts[b], starts[b + 1])
        last = b == model.B - 1
        if not last:
            # the Hadamard-test circuit on n + 1 qubits: ancilla (last wire) to |+> by exp(-i pi/4
            # Y),
            # later gates flipped on the ancilla's |1> branch when they anticommute with block b
            flipped = model._anti[starts[b], starts[b + 1] :]
            ext = (
                [_extend(p, "I") for p in prefix_gates]
                + [_extend(g, "I") for g in gens[: starts[b + 1]]]
                + [PauliString("I" * n + "Y")]
                + [_extend(g, "Z" if f else "I") for g, f in zip(gens[starts[b + 1] :], flipped)]
            )
            angles = np.concatenate(
                [prefix_angles, theta[: starts[b + 1]], [_QUARTER], theta[starts[b + 1] :]]
            )
            hadamard = Circuit(n + 1, ext, {n: "Z"})
            phi = state(hadamard, angles, ledger=ledger)
        for c, h in model.observable.terms:
            if h.weight == 0:
                continue
            if last:
                rows = []
                for j in block:
                    phase, r = multiply(gens[j], h)
                    if phase.real == 0:
                        rows.append((j, 2.0 * c * _hermitian_factor(1j * phase, "i G H"), r))
                if rows:
                    settings.append(_setting_for(psi, rows, n, M, model.circuit.M, ledger))
                continue
            # E_j = -2 Im <phi'| G_j H |phi>, G_j H = phase R: real phase -> ancilla Y, imaginary ->
            # X
            read_x, read_y = [], []
            for j in block:
                phase, r = multiply(gens[j], h)
                if phase.real == 0:  # anticommutes with H: phase = i kappa, E_j = -2 kappa <X_a R>
                    kappa = _hermitian_factor(-1j * phase, "G H / i")
                    read_x.append((j, -2.0 * c * kappa, _extend(r, "X")))
                else:  # commutes with H: phase = s, E_j = 2 s <Y_a R>
                    read_y.append((j, 2.0 * c * _hermitian_factor(phase, "G H"), _extend(r, "Y")))
            for rows in (read_x, read_y):
                if rows:
                    settings.append(_setting_for(phi, rows, n + 1, M, hadamard.M, ledger))
    exact = sum((s.setting.probs @ s.table for s in settings), np.zeros(M))
    return PreparedGradient(tuple(settings), M, exact)


def block_grad_shots(
    model: BlockCircuit, theta, shots: int, seed=None, *, ledger: Ledger | None = None
) -> np.ndarray:
    """A shot-based gradient of a commuting-block circuit (2B - 1 settings per term at most).

    Introduced in chapter 7.
    """
    if not isinstance(model, BlockCircuit):
        raise TypeError(f"model must be a BlockCircuit, got {type(model).__name__}")
    return commuting_grad_shots(model, theta, shots, seed, ledger=ledger)


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


def two_block_example(n: int = 4, observable=None) -> BlockCircuit:
    """Chapter 7's two-block circuit: Y on wire 0 times X-strings, then X-type strings.

    Block 1: ``Y_0 X_A`` for every A in wires 1..n-1 with |A| <= 1, then two-wire
    A; block 2: every X-type string on at most two wires. Within each block the
    generators commute; an X-string of block 2 anticommutes with all of block 1
    when it acts on wire 0 and commutes with all of it otherwise. Default
    observable Z on wire 1. Introduced in chapter 7.
    """
    n = bounded_int("n", n, minimum=2, maximum=MAX_QUBITS - 1)
    rest = range(1, n)
    block1 = [
        "Y" + "".join("X" if w in A else "I" for w in rest)
        for A in [()] + [(a,) for a in rest] + [(a, b) for a in rest for b in rest if a < b]
    ]
    block2 = [
        "".join("X" if w in A else "I" for w in range(n))
        for A in [(a,) for a in range(n)] + [(a, b) for a in range(n) for b in range(n) if a < b]
    ]
    return BlockCircuit(n, [block1, block2], {1: "Z"} if observable is None else observable)


# --------------------------------------------------------------------------
# Shots for an eps-accurate gradient, measured against M
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class ShotsScan:
    """Result of :func:`shots_for_accuracy`; arrays have one entry per M.

    ``commuting_shots``, ``param_shift_shots``: the smallest grid value of the
    shots per setting at which at least 1 - delta of ``reps`` seeded gradients
    had every component within eps, times the settings (1 and 2M). ``*_ledger``:
    what the sampler counted for one gradient at that budget.
    Introduced in chapter 7.
    """

    M: np.ndarray
    eps: float
    delta: float
    reps: int
    commuting_shots: np.ndarray
    param_shift_shots: np.ndarray
    commuting_ledgers: tuple
    param_shift_ledgers: tuple
    n: int


def _smallest_budget(draw, exact, eps, delta, reps, gen, lo=4, hi=2**20) -> int:
    """Smallest N on a 2^(1/4) grid with >= 1 - delta of reps gradients all within eps (bisection)."""
    hi = min(hi, 10**9 // reps)
    grid = np.unique(
        np.ceil(lo * 2.0 ** (np.arange(0, 4 * math.log2(hi / lo) + 1) / 4)).astype(np.int64)
    )

    def ok(N):
        est = draw(int(N), gen, reps)
        return np.mean(np.max(np.abs(est - exact), axis=1) <= eps) >= 1 - delta

    a, b = 0, len(grid) - 1
    if not ok(grid[b]):
        raise ValueError(f"eps = {eps} needs more than {grid[b]} shots per setting")
    while a < b:
        mid = (a + b) // 2
        if ok(grid[mid]):
            b = mid
        else:
            a = mid + 1
    return int(grid[a])


def shots_for_accuracy(
    M_values, eps: float = 0.2, delta: float = 0.1, n: int = 8, reps: int = 200, seed=0
) -> ShotsScan:
    """Measure the shots an eps-accurate full gradient needs against M: commuting vs parameter shift.

    For each M: an X-generator circuit on n qubits with H = Z_0
    (:func:`x_generator_circuit`) at random angles; the smallest shot budget
    (on a 2^(1/4) grid, by bisection) at which at least 1 - delta of ``reps``
    seeded gradients have *every* component within eps, for the one-setting
    commuting estimator and for parameter shift (2M circuits) on the same
    circuit. Introduced in chapter 7.
    """
    if isinstance(M_values, (str, bytes)) or np.ndim(M_values) != 1 or len(M_values) == 0:
        raise TypeError("M_values must be a non-empty 1-d list of whole numbers")
    M_arr = np.array([bounded_int("M_values", m, maximum=MAX_COMMUTING_GATES) for m in M_values])
    eps = positive_real("eps", eps, upper=4.0)
    delta = probability("delta", delta)
    n = bounded_int("n", n, minimum=2, maximum=12)
    reps = bounded_int("reps", reps, minimum=10, maximum=5000)
    if int(M_arr.max()) > (1 << (n - 1)):
        raise ValueError(f"M_values must be <= 2^(n-1) = {1 << (n - 1)} for n = {n}")
    gen = make_rng("seed", seed)
    com, ps, com_l, ps_l = [], [], [], []
    for M in M_arr.tolist():
        model = x_generator_circuit(n, M, seed=gen)
        theta = gen.uniform(0, 2 * np.pi, size=M)
        prepared = prepare_gradient(model, theta)
        n_com = _smallest_budget(
            lambda N, g, r: prepared.estimates(N, g, repetitions=r),
            prepared.exact,
            eps,
            delta,
            reps,
            gen,
        )
        shifted = shifted_settings(model.circuit, model.full_theta(theta))
        n_ps = _smallest_budget(
            lambda N, g, r: shifted.estimates(N, g, repetitions=r),
            shifted.exact,
            eps,
            delta,
            reps,
            gen,
        )
        ledger_c, ledger_p = Ledger(), Ledger()
        prepared.estimates(n_com, gen, ledger=ledger_c)
        shifted.estimates(n_ps, gen, ledger=ledger_p)
        com.append(ledger_c.shots)
        ps.append(ledger_p.shots)
        com_l.append(ledger_c)
        ps_l.append(ledger_p)
    return ShotsScan(
        M_arr, eps, delta, reps, np.array(com), np.array(ps), tuple(com_l), tuple(ps_l), n
    )
