"""Random Pauli snapshots: the measurements a classical shadow is made of (chapter 6).

A snapshot measures every wire of the state in its own basis, X, Y or Z, chosen
uniformly at random (the *recipe*), and records the bits. This module draws
them by the Born rule on a statevector of the engine and writes every draw into
the :class:`~qbp_lessons.engine.ledger.Ledger` at the moment it is drawn: T
snapshots are T executions of one shot each. The estimators built on them are in
:mod:`qbp_lessons.lessons.shadows.estimator`; PennyLane's ``qml.classical_shadow``
uses the same recipe numbering (:mod:`qbp_lessons.interop`).

Introduced in chapter 6.
"""

from __future__ import annotations

import numpy as np

from qbp_lessons._validate import bounded_int, positive_int
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine.circuits import check_state, qubits_of
from qbp_lessons.engine.ledger import Ledger, check_ledger
from qbp_lessons.engine.paulis import MAX_QUBITS
from qbp_lessons.engine.sampling import ROTATIONS_TO_Z

__all__ = [
    "RECIPE_LETTERS",
    "BASIS_ROTATIONS",
    "MAX_SNAPSHOTS",
    "MAX_SNAPSHOT_AMPLITUDES",
    "MAX_SNAPSHOT_WORK",
    "check_recipes",
    "snapshot_outcomes",
    "random_pauli_snapshots",
]


#: The letters of the recipes of random Pauli measurements, in PennyLane's order: 0 = X, 1 = Y,
#: 2 = Z.
RECIPE_LETTERS = "XYZ"
#: The single-qubit rotations U_X = H, U_Y = H S^dagger, U_Z = I (shape (3, 2, 2)), indexed by
#: recipe: U maps the eigenvector of eigenvalue +1 of its letter to |0>, of -1 to |1>.
BASIS_ROTATIONS = np.stack([ROTATIONS_TO_Z["X"], ROTATIONS_TO_Z["Y"], np.eye(2, dtype=complex)])
#: Most snapshots one call may draw.
MAX_SNAPSHOTS = 10**6
_SNAPSHOT_CHUNK = 512

#: Most amplitudes held at once: the state is rotated for a chunk of snapshots at a time
#: (min(snapshots, 512) x 2^n complex numbers), so 1,000 snapshots of 20 qubits (8 GiB) are
#: refused at once.
MAX_SNAPSHOT_AMPLITUDES = 2**23
#: Most snapshots x 2^n one call may draw in all (the time grows with both): chapter 6's
#: largest draw, 32,000 snapshots of 10 qubits, is 3.3e7.
MAX_SNAPSHOT_WORK = 2**28


def _check_work(snapshots: int, n: int) -> None:
    held = min(snapshots, _SNAPSHOT_CHUNK) << n
    if held > MAX_SNAPSHOT_AMPLITUDES:
        raise ValueError(
            f"snapshots: min(snapshots, {_SNAPSHOT_CHUNK}) x 2^n amplitudes must be at most"
            f" {MAX_SNAPSHOT_AMPLITUDES:,}, got {min(snapshots, _SNAPSHOT_CHUNK):,} x 2^{n}"
        )
    if snapshots << n > MAX_SNAPSHOT_WORK:
        raise ValueError(
            f"snapshots x 2^n must be at most {MAX_SNAPSHOT_WORK:,}, got {snapshots:,} x 2^{n}"
        )


def check_recipes(recipes, n: int, name: str = "recipes") -> np.ndarray:
    """``recipes`` as an int8 array of shape (T, n) with entries 0, 1, 2 (X, Y, Z), or raise.

    The errors name ``name``. Introduced in chapter 6.
    """
    n = bounded_int("n", n, maximum=MAX_QUBITS)
    arr = np.asarray(recipes)
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.integer):
        raise TypeError(
            f"{name} must be an integer array (0 = X, 1 = Y, 2 = Z), got dtype {arr.dtype}"
        )
    if arr.ndim != 2 or arr.shape[1] != n or arr.shape[0] < 1:
        raise ValueError(
            f"{name} must have shape (T, {n}) with T >= 1 (one row per snapshot), got {arr.shape}"
        )
    if arr.shape[0] > MAX_SNAPSHOTS:
        raise ValueError(
            f"{name} must hold at most {MAX_SNAPSHOTS:,} snapshots, got {arr.shape[0]:,}"
        )
    if arr.min() < 0 or arr.max() > 2:
        raise ValueError(f"{name} must contain only 0, 1 and 2 (X, Y, Z)")
    return arr.astype(np.int8)


def snapshot_outcomes(
    psi, recipes, seed=None, *, gates: int = 0, ledger: Ledger | None = None
) -> np.ndarray:
    """Measure every snapshot in its own product basis, once: the bits, shape (T, n), wire 0 first.

    Row t of ``recipes`` (0/1/2 = X/Y/Z per wire) is one measurement setting,
    and snapshot t is one shot of it, drawn by the Born rule exactly as
    :func:`qbp_lessons.engine.sampling.sample_bitstrings` would (bit 0 =
    eigenvalue +1). All T settings differ, so instead of rotating the whole state T
    times the draw goes wire
    by wire (the chain rule of probability): snapshots that chose the same
    letters and got the same bits so far share one conditional state of the
    remaining wires, so the work is a tree with at most min(T, 6^d) branches at
    depth d, in chunks of 512 snapshots. The ledger gets T executions of one
    shot each, of a circuit of ``gates`` gates. Introduced in chapter 6.
    """
    n = qubits_of(psi)
    psi = check_state(psi, n)
    recipes = check_recipes(recipes, n)
    _check_work(len(recipes), n)
    gates = positive_int("gates", gates, minimum=0)
    ledger = check_ledger(ledger)
    gen = make_rng("seed", seed)
    T = recipes.shape[0]
    bits = np.empty((T, n), dtype=np.int8)
    for start in range(0, T, _SNAPSHOT_CHUNK):
        rec = recipes[start : start + _SNAPSHOT_CHUNK].astype(np.intp)
        size = rec.shape[0]
        vectors = psi.reshape(1, -1)  # one conditional state per branch
        branch = np.zeros(size, dtype=np.intp)  # each snapshot's branch
        for w in range(n):
            rest = vectors.shape[1] // 2
            pair = branch * 3 + rec[:, w]  # (branch, letter) pairs actually used
            pairs, which = np.unique(pair, return_inverse=True)
            rotated = np.einsum(
                "pij,pjr->pir", BASIS_ROTATIONS[pairs % 3], vectors[pairs // 3].reshape(-1, 2, rest)
            )
            weights = np.einsum("pir,pir->pi", rotated.conj(), rotated).real
            p0 = weights[:, 0] / weights.sum(axis=1)
            outcome = (gen.random(size) >= p0[which]).astype(np.intp)
            bits[start : start + size, w] = outcome
            keys, branch = np.unique(which * 2 + outcome, return_inverse=True)
            vectors = rotated.reshape(-1, rest)[keys]
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    if ledger is not None:
        ledger.record_shots(1, gates, executions=T)
    return bits


def random_pauli_snapshots(
    psi, snapshots: int, seed=None, *, gates: int = 0, ledger: Ledger | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """``snapshots`` random Pauli measurements of ``psi``: ``(recipes, bits)``, int8, shape (T, n).

    Each wire of each snapshot gets X, Y or Z uniformly at random (recipe 0, 1,
    2, as in ``qml.classical_shadow``), then :func:`snapshot_outcomes` draws
    the bits. Introduced in chapter 6.
    """
    n = qubits_of(psi)
    snapshots = bounded_int("snapshots", snapshots, maximum=MAX_SNAPSHOTS)
    _check_work(snapshots, n)
    gen = make_rng("seed", seed)
    recipes = gen.integers(0, 3, size=(snapshots, n), dtype=np.int8)
    return recipes, snapshot_outcomes(psi, recipes, gen, gates=gates, ledger=ledger)
