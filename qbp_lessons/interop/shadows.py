"""Classical shadows by PennyLane: its snapshots and its estimates from them.

Introduced in chapter 6.
"""

from __future__ import annotations

import numpy as np
import pennylane as qml

from qbp_lessons._validate import bounded_int
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine.circuits import Circuit, check_circuit
from qbp_lessons.engine.paulis import pauli
from qbp_lessons.lessons.shadows.snapshots import check_recipes
from qbp_lessons.interop.circuits import pennylane_op
from qbp_lessons.interop.devices import apply_gates

__all__ = ["pennylane_shadow_expval", "pennylane_classical_shadow"]


def pennylane_shadow_expval(recipes, bits, paulis, groups: int = 1, chunk: int = 64) -> np.ndarray:
    """PennyLane's estimates from the same snapshots.

    ``qml.ClassicalShadow(bits, recipes).expval(ops, k=groups)``.

    ``recipes``/``bits``: int arrays of shape (T, n) in PennyLane's convention
    (0/1/2 = X/Y/Z, bit 0 = +1), as :class:`qbp_lessons.lessons.shadows.estimator.Shadow` holds
    them; ``groups`` is PennyLane's ``k`` (median-of-means batches). The strings
    go to ``expval`` ``chunk`` at a time: it builds a (T, chunk, n) table, so
    all 10,000 strings at once would need gigabytes. Introduced in chapter 6.
    """
    bits = np.asarray(bits)
    if bits.ndim != 2:
        raise ValueError(f"bits must have shape (T, n), got {bits.shape}")
    if bits.dtype.kind not in "iu":
        raise TypeError(f"bits must be an integer array of 0s and 1s, got dtype {bits.dtype}")
    if bits.size and (bits.min() < 0 or bits.max() > 1):
        raise ValueError(
            f"bits must hold 0 (outcome +1) or 1 (outcome -1), got values in"
            f" [{bits.min()}, {bits.max()}]"
        )
    recipes = check_recipes(recipes, bits.shape[1])
    if bits.shape != recipes.shape:
        raise ValueError(f"bits must have the shape of recipes {recipes.shape}, got {bits.shape}")
    n = bits.shape[1]
    if not isinstance(paulis, (list, tuple, np.ndarray)):
        raise TypeError(f"paulis must be a list of Pauli strings, got {type(paulis).__name__}")
    if len(paulis) == 0:
        raise ValueError("paulis must hold at least one Pauli string, got none")
    ops = [pennylane_op(pauli(p, n, name=f"paulis[{i}]")) for i, p in enumerate(paulis)]
    groups = bounded_int("groups", groups, maximum=bits.shape[0])
    chunk = bounded_int("chunk", chunk, maximum=10_000)
    shadow = qml.ClassicalShadow(
        np.asarray(bits, dtype=np.int64),
        np.asarray(recipes, dtype=np.int64),
        wire_map=list(range(n)),
    )
    out = [
        np.atleast_1d(np.asarray(shadow.expval(ops[i : i + chunk], k=groups), dtype=float))
        for i in range(0, len(ops), chunk)
    ]
    return np.concatenate(out)


def pennylane_classical_shadow(
    circuit: Circuit, theta, snapshots: int, seed=None
) -> tuple[np.ndarray, np.ndarray]:
    """``qml.classical_shadow`` of the circuit's state on ``default.qubit``: ``(recipes, bits)``.

    Both int8 arrays of shape (T, n).

    The recipes come from ``qml.classical_shadow(wires, seed=...)`` and the
    outcomes from the seeded device; both seeds derive from ``seed``. The
    same draw as :func:`qbp_lessons.lessons.shadows.snapshots.random_pauli_snapshots`, by
    PennyLane's own code: the two distributions can be compared. Introduced in
    chapter 6.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    snapshots = bounded_int("snapshots", snapshots, maximum=100_000)
    gen = make_rng("seed", seed)
    dev = qml.device("default.qubit", wires=circuit.n, seed=int(gen.integers(2**31)))
    recipe_seed = int(gen.integers(2**31))

    @qml.set_shots(shots=snapshots)
    @qml.qnode(dev)
    def run(angles):
        apply_gates(circuit, angles)
        return qml.classical_shadow(wires=range(circuit.n), seed=recipe_seed)

    bits, recipes = run(theta)
    return np.asarray(recipes, dtype=np.int8), np.asarray(bits, dtype=np.int8)
