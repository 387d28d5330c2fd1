"""Measuring a set of commuting Pauli strings in one setting, and gradients read from settings.

Two Pauli strings commute or anticommute; :func:`anticommuting_pairs` tests all pairs at
once on their bit masks. Strings that all commute can be measured together: when they
are qubit-wise compatible the sampler's single-qubit basis changes suffice, otherwise
:func:`diagonalise` builds a Clifford basis change from at most n Pauli rotations at
angle pi/4. A :class:`GradientSetting` is one such measurement with a table that sends
each outcome to the gradient components it estimates; a :class:`PreparedGradient` holds
every setting of one gradient and draws its shots through
:mod:`qbp_lessons.engine.sampling`, which writes executions and shots into the ledger.

Introduced in chapter 7.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np

from qbp_lessons._validate import record
from qbp_lessons._validate import bounded_int
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine.circuits import apply_rotation
from qbp_lessons.engine.ledger import Ledger, check_ledger
from qbp_lessons.engine.paulis import PauliString, multiply, pauli
from qbp_lessons.engine.sampling import Setting, sample_counts, setting

__all__ = [
    "QUARTER",
    "MAX_PAIR_STRINGS",
    "PAIR_BLOCK_CELLS",
    "anticommuting_pairs",
    "require_commuting",
    "hermitian_sign",
    "Diagonaliser",
    "diagonalise",
    "TABLE_CELLS",
    "GradientSetting",
    "PreparedGradient",
    "exact_gradient",
    "gradient_setting",
]

#: Most strings :func:`anticommuting_pairs` tests at once (all pairs: 16.8 million for 4,096).
MAX_PAIR_STRINGS = 4096

#: The angle of the Clifford rotations exp(-i pi/4 Q) that change basis (and of |+> prep).
QUARTER = math.pi / 4


# --------------------------------------------------------------------------
# Commutation, checked for all pairs at once
# --------------------------------------------------------------------------


def _string_list(name: str, paulis) -> list:
    """``paulis`` as a list of PauliStrings of one size, at most MAX_PAIR_STRINGS of them."""
    if not isinstance(paulis, (list, tuple, np.ndarray)):
        raise TypeError(f"{name} must be a list of Pauli strings, got {type(paulis).__name__}")
    if len(paulis) > MAX_PAIR_STRINGS:
        raise ValueError(
            f"{name} may hold at most {MAX_PAIR_STRINGS:,} strings (all pairs are tested),"
            f" got {len(paulis):,}"
        )
    ps = [pauli(p, name=f"{name}[{i}]") for i, p in enumerate(paulis)]
    if ps and any(p.n != ps[0].n for p in ps):
        sizes = sorted({p.n for p in ps})
        raise ValueError(f"{name} must act on one number of qubits, got {sizes}")
    return ps


#: Most (row, column) cells a block of the pairwise test holds at once.
PAIR_BLOCK_CELLS = 1 << 16


def _pair_blocks(ps):
    """(first row, boolean block of rows) of the anticommutation matrix, a few rows at a time."""
    if ps[0].n > 62:
        raise ValueError(f"paulis must act on at most 62 qubits for the mask test, got {ps[0].n}")
    x = np.array([p.x_mask for p in ps], dtype=np.int64)
    z = np.array([p.z_mask for p in ps], dtype=np.int64)
    step = max(1, PAIR_BLOCK_CELLS // len(ps))
    for start in range(0, len(ps), step):
        rows = slice(start, start + step)
        sym = (x[rows, None] & z[None, :]) ^ (z[rows, None] & x[None, :])
        yield start, (np.bitwise_count(sym) & 1).astype(bool)


def anticommuting_pairs(paulis) -> np.ndarray:
    """Boolean matrix A with ``A[i, k]`` True when strings i and k anticommute.

    Two strings anticommute when ``popcount((x_i & z_k) ^ (z_i & x_k))`` is odd
    (the symplectic form); the pairs are computed on the bit masks, a block of rows at a
    time. At most :data:`MAX_PAIR_STRINGS` strings. Introduced in chapter 7.
    """
    ps = _string_list("paulis", paulis)
    if not ps:
        return np.zeros((0, 0), dtype=bool)
    out = np.empty((len(ps), len(ps)), dtype=bool)
    for start, block in _pair_blocks(ps):
        out[start : start + len(block)] = block
    return out


def _label(name) -> str:
    if not isinstance(name, str):
        raise TypeError(f"name must be a string (used in messages), got {type(name).__name__}")
    return name


def _upper(block: np.ndarray, start: int) -> np.ndarray:
    """The block's entries (i, k) with k >= i, i counted from ``start``: each pair once."""
    rows = np.arange(start, start + block.shape[0])[:, None]
    return block & (np.arange(block.shape[1])[None, :] >= rows)


def require_commuting(paulis, name: str, offset: int = 0) -> None:
    """Raise ValueError naming ``name`` and the first pair of ``paulis`` that anticommute."""
    name = _label(name)
    offset = bounded_int("offset", offset, minimum=0)
    ps = _string_list(name, paulis)
    if not ps:
        return
    for start, block in _pair_blocks(ps):  # block by block: no M x M matrix is kept
        clash = np.argwhere(_upper(block, start))
        if not clash.size:
            continue
        j, k = int(clash[0][0]) + start, int(clash[0][1])
        raise ValueError(
            f"{name} must commute with each other: {name}[{j + offset}] = {ps[j].label} and "
            f"{name}[{k + offset}] = {ps[k].label} anticommute"
        )


def hermitian_sign(phase: complex, name: str) -> int:
    """The real sign s with phase = s (a product that must be Hermitian)."""
    name = _label(name)
    if isinstance(phase, (bool, np.bool_)) or not isinstance(phase, (numbers.Number, np.number)):
        raise TypeError(f"phase must be a number, got {type(phase).__name__}")
    phase = complex(phase)
    if not (abs(phase.imag) <= 1e-12 and abs(abs(phase.real) - 1) <= 1e-12):  # NaN fails too
        raise ValueError(f"phase ({name}): expected a real sign +-1, got {phase}")
    return int(round(phase.real))


# --------------------------------------------------------------------------
# One basis change for a commuting set
# --------------------------------------------------------------------------


@record
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
    require_commuting(ps, "paulis")
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
            images[k] = (sign * hermitian_sign(-1j * phase, "D R D^dagger"), s)
    assert all(r.x_mask == 0 for _, r in images)
    return Diagonaliser(
        PauliString("Z" * n),
        tuple(rotations),
        tuple(s for s, _ in images),
        tuple(r for _, r in images),
    )


def _rotate_into(diag: Diagonaliser, psi: np.ndarray, ledger) -> np.ndarray:
    for q in diag.rotations:
        psi = apply_rotation(q, QUARTER, psi, ledger=ledger)
    return psi


# --------------------------------------------------------------------------
# Prepared settings, shot estimates and their exact variance
# --------------------------------------------------------------------------


#: Most (outcome, component) cells a block of the reading table holds (and never more than
#: 2^n, a statevector's worth): tables are built a block of outcomes at a time, so a
#: setting never stores, nor builds at once, a 2^n x M table.
TABLE_CELLS = 1 << 16


@record
@dataclass(frozen=True)
class GradientSetting:
    """One measurement setting of a gradient: what it reads and where each reading goes.

    ``setting``: the sampler's :class:`~qbp_lessons.engine.sampling.Setting` (the state
    after the basis change). ``diag``: the basis change. One entry per reading r of
    ``components`` (the gradient component it adds to), ``weights`` (its coefficient
    and sign) and ``masks`` (the outcome bits of the diagonal string it reads: its value
    on outcome b is (-1)^popcount(b & mask)). So a setting keeps 3 numbers per reading,
    never a 2^n x M table; :meth:`values` builds the table's rows for given outcomes.
    ``qubits``: n or n + 1 (with an ancilla); ``paulis``: the strings it reads.
    Introduced in chapter 7.
    """

    setting: Setting
    diag: Diagonaliser
    components: np.ndarray
    weights: np.ndarray
    masks: np.ndarray
    qubits: int
    paulis: tuple = ()

    def values(self, outcomes, M: int) -> np.ndarray:
        """The value each outcome in ``outcomes`` adds to each of the M components: (len, M)."""
        outcomes = np.asarray(outcomes, dtype=np.int64)
        M = bounded_int("M", M)
        signs = 1.0 - 2.0 * (np.bitwise_count(outcomes[:, None] & self.masks[None, :]) & 1)
        out = np.zeros((outcomes.size, M))
        np.add.at(out, (slice(None), self.components), signs * self.weights)
        return out

    def _blocks(self, outcomes, M: int):
        step = max(1, min(TABLE_CELLS, self.setting.probs.size) // max(M, 1))
        for start in range(0, len(outcomes), step):
            chunk = outcomes[start : start + step]
            yield chunk, self.values(chunk, M)

    def moments(self, M: int) -> tuple:
        """(mean, mean square) of each component's reading in this setting, exactly."""
        M = bounded_int("M", M)
        mean, square = np.zeros(M), np.zeros(M)
        p = self.setting.probs
        for chunk, table in self._blocks(np.flatnonzero(p), M):
            mean += p[chunk] @ table
            square += p[chunk] @ table**2
        return mean, square

    def read(self, counts, M: int) -> np.ndarray:
        """Sum of the readings over the shots in ``counts`` (shape (..., 2^n)): shape (..., M)."""
        counts = np.asarray(counts)
        flat = counts.reshape(-1, counts.shape[-1])
        total = np.zeros((flat.shape[0], M))
        for chunk, table in self._blocks(np.flatnonzero(flat.any(axis=0)), M):
            total += flat[:, chunk] @ table
        return total.reshape(counts.shape[:-1] + (M,))


@record
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
            grad += s.read(counts, self.M) / shots
        return grad

    def variance(self, shots: int) -> np.ndarray:
        """Exact variance of each component of :meth:`estimates`, ``shots`` shots per setting."""
        shots = bounded_int("shots", shots)
        out = np.zeros(self.M)
        for s in self.settings:
            mean, square = s.moments(self.M)
            out += (square - mean**2) / shots
        return out


def exact_gradient(settings, M: int) -> np.ndarray:
    """The gradient the settings' exact expectations give (the sum of their means)."""
    if isinstance(settings, (str, dict)) or not isinstance(settings, (list, tuple)):
        raise TypeError(
            f"settings must be a list of GradientSettings, got {type(settings).__name__}"
        )
    for i, s in enumerate(settings):
        if not isinstance(s, GradientSetting):
            raise TypeError(f"settings[{i}] must be a GradientSetting, got {type(s).__name__}")
    M = bounded_int("M", M)
    for i, s in enumerate(settings):
        if s.components.size and int(s.components.max()) >= M:
            raise ValueError(f"M must exceed every component settings[{i}] reads, got {M}")
    return sum((s.moments(M)[0] for s in settings), np.zeros(M))


def _outcome_mask(p: PauliString) -> int:
    mask = 0
    for w in p.support:
        mask |= 1 << (p.n - 1 - w)
    return mask


def gradient_setting(psi, rows, qubits: int, M: int, gates: int, ledger) -> GradientSetting:
    """rows: [(component j, coefficient, R)]; the setting reading sum of coefficient * R into j."""
    diag = diagonalise([r for _, _, r in rows])
    phi = _rotate_into(diag, psi, ledger)
    s = setting(phi, diag.basis, gates=gates + len(diag.rotations))
    del phi
    components = np.array([j for j, _, _ in rows], dtype=np.int64)
    weights = np.array([c * sign for (_, c, _), sign in zip(rows, diag.signs)], dtype=float)
    masks = np.array([_outcome_mask(m) for m in diag.measured], dtype=np.int64)
    return GradientSetting(
        s, diag, components, weights, masks, qubits, tuple(r for _, _, r in rows)
    )
