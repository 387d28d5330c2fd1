"""Classical shadows with random Pauli measurements, and what they estimate.

Huang, Kueng & Preskill, Nat. Phys. 16, 1050 (2020): measure each copy in a random
product basis (:func:`measure_shadow`, drawn by :mod:`qbp_lessons.engine.sampling`);
a snapshot tells a weight-k Pauli string 3^k times the product of its bits' signs
when the snapshot's letters match the string's on its support (probability 3^-k),
and 0 otherwise: an unbiased estimate. :func:`estimate_paulis` turns T snapshots
into estimates of M strings at once (median of means, PennyLane's batch
convention), in time about T x (number of distinct supports), not T x M.

"... and no": a non-local estimate costs the classical side 2^n work and memory per
snapshot (:func:`overlap_estimate`). The ledger counts copies: one execution of one
shot per snapshot. Introduced in chapter 6.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qbp_lessons._validate import record
from qbp_lessons._validate import bounded_int, real_array
from qbp_lessons.engine.circuits import check_state
from qbp_lessons.engine.ledger import Ledger
from qbp_lessons.engine.paulis import PauliString
from qbp_lessons.lessons.shadows.exact import check_paulis
from qbp_lessons.lessons.shadows.snapshots import (
    BASIS_ROTATIONS,
    check_recipes,
    random_pauli_snapshots,
)

__all__ = [
    "MAX_WEIGHT",
    "Shadow",
    "measure_shadow",
    "segment_sums",
    "estimate_paulis_core",
    "estimate_paulis",
    "running_estimates",
    "overlap_estimate",
]

#: Heaviest Pauli string the shadow estimator accepts (its variance is 3^k: beyond, hopeless).
MAX_WEIGHT = 10


@record
@dataclass(frozen=True)
class Shadow:
    """T snapshots of random Pauli measurements: ``recipes`` and ``bits``, int8 arrays (T, n).

    PennyLane's conventions (``qml.classical_shadow``): recipe 0/1/2 = X/Y/Z,
    bit 0 = eigenvalue +1, wire 0 first. Introduced in chapter 6.
    """

    recipes: np.ndarray
    bits: np.ndarray

    def __post_init__(self):
        bits = np.asarray(self.bits)
        if bits.ndim != 2:
            raise ValueError(f"bits must have shape (T, n), got {bits.shape}")
        recipes = check_recipes(self.recipes, bits.shape[1])
        if bits.dtype == bool or not np.issubdtype(bits.dtype, np.integer):
            raise TypeError(f"bits must be an integer array of 0s and 1s, got dtype {bits.dtype}")
        if bits.shape != recipes.shape:
            raise ValueError(
                f"bits must have the shape of recipes {recipes.shape}, got {bits.shape}"
            )
        if bits.min() < 0 or bits.max() > 1:
            raise ValueError("bits must contain only 0 and 1")
        object.__setattr__(self, "recipes", recipes)
        object.__setattr__(self, "bits", bits.astype(np.int8))

    @property
    def T(self) -> int:
        """Number of snapshots."""
        return self.recipes.shape[0]

    @property
    def n(self) -> int:
        """Number of qubits."""
        return self.recipes.shape[1]


def measure_shadow(
    psi, snapshots: int, seed=None, *, gates: int = 0, ledger: Ledger | None = None
) -> Shadow:
    """Measure ``snapshots`` copies of ``psi``, each in a random Pauli basis: a :class:`Shadow`.

    The draws are :func:`qbp_lessons.lessons.shadows.snapshots.random_pauli_snapshots` (Born
    rule, one shot per setting, T executions in the ledger). Introduced in chapter 6.
    """
    recipes, bits = random_pauli_snapshots(psi, snapshots, seed, gates=gates, ledger=ledger)
    return Shadow(recipes, bits)


def _check_shadow(shadow) -> Shadow:
    if not isinstance(shadow, Shadow):
        raise TypeError(
            f"shadow must be a Shadow (from measure_shadow), got {type(shadow).__name__}"
        )
    return shadow


def segment_sums(shadow: Shadow, paulis: list[PauliString], bounds: np.ndarray) -> np.ndarray:
    """Every string's single-snapshot values, summed over each segment [bounds[j], bounds[j+1]).

    Strings are grouped by support: for a support W, a snapshot's letters on W
    form a base-3 key, and the product of its signs on W is the same for every
    string on W. One bincount per group of supports over (segment, support, key)
    then serves every string on those supports; a string reads the bin of its
    own letters and multiplies by 3^k. Shape (segments, M). No input checks: the
    checked estimators (:func:`estimate_paulis`, :func:`running_estimates`) call it.
    """
    T, n = shadow.T, shadow.n
    support_of = [p.support for p in paulis]
    kmax = max(1, max(len(sup) for sup in support_of))
    supports: dict[tuple, int] = {}
    sid = np.empty(len(paulis), dtype=np.intp)
    code = np.zeros(len(paulis), dtype=np.intp)
    for i, (p, sup) in enumerate(zip(paulis, support_of)):
        sid[i] = supports.setdefault(sup, len(supports))
        for j, w in enumerate(sup):
            code[i] += "XYZ".index(p.label[w]) * 3**j
    wires = np.full((len(supports), kmax), n, dtype=np.intp)  # padding: wire n, recipe 0, sign +1
    for s, j in supports.items():
        wires[j, : len(s)] = s
    recipes = np.concatenate([shadow.recipes, np.zeros((T, 1), np.int8)], axis=1).astype(np.intp)
    signs = np.concatenate([1 - 2 * shadow.bits, np.ones((T, 1), np.int8)], axis=1)
    segment = np.searchsorted(bounds, np.arange(T), side="right") - 1
    n_seg, bins = len(bounds) - 1, 3**kmax
    sums = np.empty((n_seg, len(paulis)))
    per_chunk = max(1, min(2**21 // T, 2**23 // (n_seg * bins)))
    for lo in range(0, len(supports), per_chunk):
        chunk = wires[lo : lo + per_chunk]
        c = chunk.shape[0]
        key = np.zeros((T, c), dtype=np.intp)
        sign = np.ones((T, c), dtype=np.int8)
        for j in range(kmax):
            key += recipes[:, chunk[:, j]] * 3**j
            sign *= signs[:, chunk[:, j]]
        index = (segment[:, None] * c + np.arange(c)) * bins + key
        table = np.bincount(
            index.ravel(), weights=sign.ravel(), minlength=n_seg * c * bins
        ).reshape(n_seg, c, bins)
        mine = (sid >= lo) & (sid < lo + c)
        sums[:, mine] = table[:, sid[mine] - lo, code[mine]]
    weights = 3.0 ** np.array([len(sup) for sup in support_of])
    return sums * weights


def estimate_paulis_core(shadow: Shadow, paulis: list[PauliString], groups: int) -> np.ndarray:
    """The median of ``groups`` batch means of every string's snapshot values. Chapter 6.

    No input checks: :func:`estimate_paulis` checks the shadow, the strings and
    ``groups``, then calls this.
    """
    size = -(-shadow.T // groups)  # ceil(T / groups) snapshots per batch
    bounds = np.minimum(np.arange(groups + 1) * size, shadow.T)
    means = segment_sums(shadow, paulis, bounds) / np.diff(bounds)[:, None]
    return np.median(means, axis=0)


def estimate_paulis(shadow: Shadow, paulis, groups: int = 1) -> np.ndarray:
    """Median-of-means estimates of ``<Q>`` for every string in ``paulis`` from one :class:`Shadow`.

    The T snapshots are split into ``groups`` consecutive batches of
    ceil(T / groups) (the last may be shorter, as in PennyLane's
    ``ClassicalShadow.expval(H, k=groups)``); each batch's mean is taken and
    the median of the batch means returned. ``groups = 1`` is the plain mean.
    Huang, Kueng & Preskill's guarantee uses 2 ln(2M/delta) groups. Checks the
    inputs, then calls :func:`estimate_paulis_core`. Introduced in chapter 6.
    """
    shadow = _check_shadow(shadow)
    paulis = check_paulis(paulis, shadow.n)
    groups = bounded_int("groups", groups, maximum=shadow.T)
    heavy = max(p.weight for p in paulis)
    if heavy > MAX_WEIGHT:
        raise ValueError(
            f"paulis: weight {heavy} is above {MAX_WEIGHT} (a snapshot matches it with "
            f"probability 3^-{heavy}); estimate lighter strings"
        )
    size = -(-shadow.T // groups)
    if (groups - 1) * size >= shadow.T:
        raise ValueError(
            f"groups = {groups} leaves an empty batch of T = {shadow.T} snapshots "
            f"(batches of ceil(T/groups) = {size}); use fewer groups"
        )
    return estimate_paulis_core(shadow, paulis, groups)


def running_estimates(shadow: Shadow, paulis, checkpoints) -> np.ndarray:
    """Plain-mean estimates of every string from the first T snapshots, each T in ``checkpoints``.

    ``checkpoints``: increasing snapshot counts <= shadow.T. Shape
    (len(checkpoints), M). One pass over the snapshots serves every checkpoint.
    Introduced in chapter 6.
    """
    shadow = _check_shadow(shadow)
    paulis = check_paulis(paulis, shadow.n)
    checkpoints = real_array("checkpoints", checkpoints, ndim=1)
    if (
        checkpoints.size == 0
        or np.any(checkpoints != np.round(checkpoints))
        or checkpoints[0] < 1
        or np.any(np.diff(checkpoints) <= 0)
        or checkpoints[-1] > shadow.T
    ):
        raise ValueError(f"checkpoints must be increasing whole numbers in 1..T = {shadow.T}")
    heavy = max(p.weight for p in paulis)
    if heavy > MAX_WEIGHT:
        raise ValueError(f"paulis: weight {heavy} is above {MAX_WEIGHT}")
    checkpoints = checkpoints.astype(np.int64)
    bounds = np.concatenate([[0], checkpoints])
    sums = np.cumsum(segment_sums(shadow, paulis, bounds), axis=0)
    return sums / checkpoints[:, None]


# --------------------------------------------------------------------------
# "... and no": a non-local estimate costs the classical side 2^n
# --------------------------------------------------------------------------


def overlap_estimate(shadow: Shadow, phi) -> float:
    """Estimate the fidelity ``<phi|rho|phi>`` with a pure state phi from a shadow.

    Each snapshot is the product state rho_t = (x)_w (3 U_w^dagger |b_w><b_w| U_w
    - I), an unbiased estimate of rho; <phi|rho_t|phi> needs phi itself (2^n
    amplitudes) and n two-by-two matrices applied to it: time ~ n 2^n per
    snapshot, memory ~ 2^n (phi, a work vector and one scratch vector), whatever
    the quantum cost. Introduced in chapter 6.
    """
    shadow = _check_shadow(shadow)
    phi = check_state(phi, shadow.n, name="phi")
    n, dim = shadow.n, 1 << shadow.n
    # the single-qubit factor of each (snapshot, wire): 3 |s><s| - I with |s> = U^dagger |b>
    s = BASIS_ROTATIONS.conj().transpose(0, 2, 1)[
        shadow.recipes.astype(np.intp), :, shadow.bits.astype(np.intp)
    ]
    factors = 3.0 * s[..., :, None] * s[..., None, :].conj() - np.eye(2)
    total = 0.0
    for t in range(shadow.T):  # one snapshot at a time: phi, one work vector, one scratch
        v = phi
        for w in range(n):
            v = np.einsum("ij,ajb->aib", factors[t, w], v.reshape(1 << w, 2, dim >> (w + 1)))
        total += float(np.vdot(phi, v.reshape(dim)).real)
    return total / shadow.T
