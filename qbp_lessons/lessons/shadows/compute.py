"""Shadow tomography: many expectation values from few copies of a state.

Chapter 6 asks whether a quantum gradient could be as cheap as backprop by
looking at a problem it contains. This module holds the chapter's three pieces:

1. **The reduction.** At theta = 0 a gradient can be made to *be* a list of
   Pauli expectations: put an ancilla in |+i> next to the state rho, take
   O = Z on the ancilla and generators P_k = X_ancilla (x) Q_k. Then
   i[P_k, O] = 2 Y_ancilla (x) Q_k, and since <+i|Y|+i> = 1,
   dF/dtheta_k(0) = 2 tr(rho Q_k). So an algorithm for full gradients estimates
   M arbitrary Pauli expectations of an arbitrary state: gradient estimation is
   at least as hard as *shadow tomography* (Aaronson, STOC 2018).
   :func:`reduction_circuit` builds that circuit; :func:`expectations_by_gradient`
   reads the expectations off the chapter 2 adjoint gradient.
2. **Classical shadows** with random Pauli measurements (Huang, Kueng &
   Preskill, Nat. Phys. 16, 1050 (2020)): measure each copy in a random product
   basis (:func:`measure_shadow`, drawn by :mod:`qbp_lessons.engine.sampling`); a
   snapshot tells a weight-k Pauli string 3^k times the product of its bits'
   signs when the snapshot's letters match the string's on its support
   (probability 3^-k), and 0 otherwise: an unbiased estimate.
   :func:`estimate_paulis` turns T snapshots into estimates of M strings at
   once (median of means, PennyLane's batch convention), in time about
   T x (number of distinct supports), not T x M.
3. **Direct measurement** for comparison (:func:`direct_estimates`): each
   string measured in its own setting, the Born rule drawing its +-1 outcomes.
4. **The headline** (:func:`sample_scan`): the copies each approach needs so
   that all M estimates are within eps with probability 1 - delta, measured;
   and the classical price of a non-local estimate (:func:`overlap_estimate`,
   2^n work and memory per snapshot).

The ledger counts copies: one execution of one shot per snapshot, one
execution per directly measured string. Introduced in chapter 6.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from qbp_lessons._validate import bounded_int, positive_int, positive_real, probability, real_array
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine.circuits import Circuit, check_circuit, check_state, qubits_of
from qbp_lessons.engine.gradients import grad_adjoint
from qbp_lessons.engine.ledger import Ledger, check_ledger
from qbp_lessons.engine.paulis import MAX_QUBITS, PauliString, pauli
from qbp_lessons.lessons.shadows.snapshots import (
    BASIS_ROTATIONS,
    MAX_SNAPSHOTS,
    check_recipes,
    random_pauli_snapshots,
)

__all__ = [
    "MAX_PAULIS",
    "MAX_WEIGHT",
    "ANCILLA_ANGLE",
    "reduction_circuit_core",
    "reduction_circuit",
    "reduction_parameters",
    "expectations_by_gradient",
    "check_paulis",
    "all_paulis",
    "exact_expectations",
    "Shadow",
    "measure_shadow",
    "segment_sums",
    "estimate_paulis_core",
    "estimate_paulis",
    "running_estimates",
    "direct_estimates",
    "samples_needed",
    "overlap_estimate",
    "SampleScan",
    "sample_scan",
]

#: Most Pauli strings one estimate may ask for.
MAX_PAULIS = 200_000
#: Heaviest Pauli string the shadow estimator accepts (its variance is 3^k: beyond, hopeless).
MAX_WEIGHT = 10
#: The angle of exp(-i t X) that takes the ancilla's |0> to |+i> = (|0> + i|1>)/sqrt 2.
ANCILLA_ANGLE = -math.pi / 4


# --------------------------------------------------------------------------
# 1. Gradients at theta = 0 are Pauli expectations
# --------------------------------------------------------------------------


def check_paulis(paulis, n: int, name: str = "paulis") -> list[PauliString]:
    """A list of Pauli strings on exactly ``n`` qubits (labels, wire maps or PauliStrings).

    Raises naming ``name`` (and the position) for a string on the wrong number
    of qubits. Introduced in chapter 6.
    """
    n = positive_int("n", n)
    if isinstance(paulis, (str, dict, PauliString)) or not hasattr(paulis, "__iter__"):
        raise TypeError(f"{name} must be a list of Pauli strings, got {type(paulis).__name__}")
    paulis = list(paulis)
    if not paulis:
        raise ValueError(f"{name} must hold at least one Pauli string")
    if len(paulis) > MAX_PAULIS:
        raise ValueError(f"{name} must hold at most {MAX_PAULIS:,} strings, got {len(paulis):,}")
    return [pauli(p, n, name=f"{name}[{i}]") for i, p in enumerate(paulis)]


def reduction_circuit_core(prep: Circuit, paulis: list[PauliString]) -> Circuit:
    """The ancilla gate, ``prep``'s gates, one gate per string; O = Z_a. Introduced in chapter 6.

    No input checks: :func:`reduction_circuit` checks ``prep`` and ``paulis`` (and
    the qubit count), then calls this.
    """
    gens = (
        ["X" + "I" * prep.n]  # exp(-i t X_a): |0> to |+i> on the ancilla, wire 0
        + ["I" + g.label for g in prep.generators]  # prepare rho on wires 1..n
        + ["X" + q.label for q in paulis]  # exp(-i theta_k X_a (x) Q_k), one per string
    )
    return Circuit(prep.n + 1, gens, "Z" + "I" * prep.n)


def reduction_circuit(prep: Circuit, paulis) -> Circuit:
    """The circuit whose gradient at the reduction point is ``2 tr(rho Q_k)`` for each Q_k.

    n + 1 qubits, the ancilla on wire 0: first exp(-i t X_a) (taking |0> to
    |+i> at t = :data:`ANCILLA_ANGLE`), then ``prep``'s gates on wires 1..n
    (they prepare rho), then one gate exp(-i theta_k X_a (x) Q_k) per string in
    ``paulis``; O = Z_a. Checks the inputs, then calls :func:`reduction_circuit_core`.
    Introduced in chapter 6.
    """
    prep = check_circuit(prep)
    if prep.n + 1 > MAX_QUBITS:
        raise ValueError(
            f"prep must act on at most {MAX_QUBITS - 1} qubits (one more for the ancilla), got"
            f" {prep.n}"
        )
    return reduction_circuit_core(prep, check_paulis(paulis, prep.n))


def reduction_parameters(prep: Circuit, prep_theta, M: int) -> np.ndarray:
    """The reduction point: the ancilla angle, ``prep``'s angles, then M zeros (for the Q_k gates).

    Introduced in chapter 6.
    """
    prep = check_circuit(prep)
    prep_theta = prep.check_theta(prep_theta, "prep_theta")
    M = bounded_int("M", M, maximum=MAX_PAULIS)
    return np.concatenate([[ANCILLA_ANGLE], prep_theta, np.zeros(M)])


def expectations_by_gradient(
    prep: Circuit, prep_theta, paulis, *, ledger: Ledger | None = None
) -> np.ndarray:
    """``tr(rho Q_k)`` for every string, read off the adjoint gradient of :func:`reduction_circuit`.

    rho is the state ``prep`` makes at ``prep_theta``. The last M components of
    the gradient at :func:`reduction_parameters` are ``2 tr(rho Q_k)``; this
    returns half of them. Introduced in chapter 6.
    """
    circuit = reduction_circuit(prep, paulis)
    M = circuit.M - 1 - prep.M
    theta = reduction_parameters(prep, prep_theta, M)
    return grad_adjoint(circuit, theta, ledger=check_ledger(ledger))[-M:] / 2.0


# --------------------------------------------------------------------------
# Exact values (the reference every estimate is compared with)
# --------------------------------------------------------------------------


def all_paulis(n: int, weight: int) -> list[PauliString]:
    """Every Pauli string of exactly ``weight`` non-identity letters on n qubits: C(n, k) 3^k.

    In a fixed order (supports in lexicographic order, then letters XYZ).
    Introduced in chapter 6.
    """
    n = bounded_int("n", n, maximum=64)
    weight = bounded_int("weight", weight, maximum=n)
    count = math.comb(n, weight) * 3**weight
    if count > MAX_PAULIS:
        raise ValueError(
            f"weight: C({n}, {weight}) 3^{weight} = {count:,} strings is more than {MAX_PAULIS:,}"
        )
    out = []
    for support in itertools.combinations(range(n), weight):
        for letters in itertools.product("XYZ", repeat=weight):
            label = ["I"] * n
            for w, ch in zip(support, letters):
                label[w] = ch
            out.append(PauliString("".join(label)))
    return out


def _walsh_hadamard(u: np.ndarray) -> np.ndarray:
    """sum_b u[b] (-1)^popcount(b & z) for every z at once (on a copy), n 2^n operations."""
    u = u.copy()
    h = 1
    while h < u.size:
        v = u.reshape(-1, 2, h)
        a, b = v[:, 0, :].copy(), v[:, 1, :]
        v[:, 0, :] += b
        v[:, 1, :] = a - b
        h *= 2
    return u


def exact_expectations(psi, paulis) -> np.ndarray:
    """``<psi|Q|psi>`` of every string, exactly: one Walsh-Hadamard transform per distinct x-mask.

    <psi|Q|psi> = i^{n_y} sum_b conj(psi[b ^ x]) psi[b] (-1)^popcount(b & z), so
    all strings with the same x-mask (same wires flipped) share the vector
    conj(psi[b ^ x]) psi[b] and differ only in z: a Walsh-Hadamard transform
    gives every z at once. Introduced in chapter 6.
    """
    n = qubits_of(psi)
    psi = check_state(psi, n)
    paulis = check_paulis(paulis, n)
    index = np.arange(psi.size)
    out = np.empty(len(paulis))
    by_x: dict[int, list[int]] = {}
    for i, p in enumerate(paulis):
        by_x.setdefault(p.x_mask, []).append(i)
    for x, members in by_x.items():
        spectrum = _walsh_hadamard(np.conj(psi[index ^ x]) * psi)
        for i in members:
            p = paulis[i]
            out[i] = (1j**p.n_y * spectrum[p.z_mask]).real
    return out


# --------------------------------------------------------------------------
# 2. Classical shadows with random Pauli measurements
# --------------------------------------------------------------------------


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
# 3. Direct measurement, and how many samples each approach needs
# --------------------------------------------------------------------------


def direct_estimates(
    psi,
    paulis,
    checkpoints,
    seed=None,
    *,
    repetitions: int | None = None,
    gates: int = 0,
    ledger: Ledger | None = None,
) -> np.ndarray:
    """Each string measured in its own setting: the mean of its first N outcomes, each checkpoint N.

    Measuring Q on psi gives +1 with probability (1 + <Q>)/2 (Born rule), so the
    +1 counts of each block of shots are binomial draws; blocks accumulate to
    the checkpoints. Shape (len(checkpoints), M), or (repetitions,
    len(checkpoints), M) for that many independent runs. The ledger gets M
    executions of ``max(checkpoints)`` shots per run. Introduced in chapter 6.
    """
    n = qubits_of(psi)
    paulis = check_paulis(paulis, n)
    checkpoints = real_array("checkpoints", checkpoints, ndim=1)
    if (
        checkpoints.size == 0
        or np.any(checkpoints != np.round(checkpoints))
        or checkpoints[0] < 1
        or np.any(np.diff(checkpoints) <= 0)
        or checkpoints[-1] > MAX_SNAPSHOTS
    ):
        raise ValueError(f"checkpoints must be increasing whole numbers in 1..{MAX_SNAPSHOTS:,}")
    reps = 1 if repetitions is None else bounded_int("repetitions", repetitions, maximum=1000)
    if reps * checkpoints.size * len(paulis) > 10**8:
        raise ValueError("repetitions x checkpoints x strings must be <= 1e8 (memory)")
    gates = positive_int("gates", gates, minimum=0)
    ledger = check_ledger(ledger)
    gen = make_rng("seed", seed)
    plus = np.clip((1.0 + exact_expectations(psi, paulis)) / 2.0, 0.0, 1.0)
    blocks = np.diff(np.concatenate([[0], checkpoints])).astype(np.int64)
    counts = np.cumsum(
        gen.binomial(
            blocks[None, :, None], plus[None, None, :], size=(reps, blocks.size, plus.size)
        ),
        axis=1,
    )
    if ledger is not None:
        ledger.record_shots(int(checkpoints[-1]), gates, executions=reps * len(paulis))
    out = 2.0 * counts / checkpoints[None, :, None] - 1.0
    return out[0] if repetitions is None else out


def samples_needed(checkpoints, max_errors, eps: float, delta: float) -> np.ndarray:
    """Smallest checkpoint at which at least a fraction 1 - delta of the runs are within eps.

    ``max_errors``: shape (runs, checkpoints, ...), the largest error over the M
    estimates of each run at each checkpoint (trailing axes: several M, say).
    Returns one checkpoint value per trailing index, or NaN where no checkpoint
    reaches it. Introduced in chapter 6.
    """
    checkpoints = real_array("checkpoints", checkpoints, ndim=1)
    max_errors = real_array("max_errors", max_errors)
    if max_errors.ndim < 2 or max_errors.shape[1] != checkpoints.size:
        raise ValueError(
            f"max_errors must have shape (runs, {checkpoints.size}, ...), got {max_errors.shape}"
        )
    eps = positive_real("eps", eps)
    delta = probability("delta", delta)
    success = (max_errors <= eps).mean(axis=0) >= 1.0 - delta
    first = np.argmax(success, axis=0)
    return np.where(success.any(axis=0), checkpoints[first], np.nan)


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


# --------------------------------------------------------------------------
# The headline: samples for M estimates within eps, measured
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class SampleScan:
    """What :func:`sample_scan` measured: copies for M estimates within eps w.p. >= 1 - delta.

    ``M``: the numbers of strings (the first M of one fixed list);
    ``snapshots``: shadow snapshots needed at each M (NaN: more than the largest
    checkpoint); ``direct_shots``: total shots of direct measurement (M strings
    times the shots each needed); ``locality``: the strings' weight; ``runs``:
    independent repetitions behind each fraction; ``ledger``: everything the
    scan drew. Introduced in chapter 6.
    """

    M: np.ndarray
    snapshots: np.ndarray
    direct_shots: np.ndarray
    eps: float
    delta: float
    locality: int
    runs: int
    ledger: Ledger


def sample_scan(
    psi,
    paulis,
    M_values,
    eps: float,
    delta: float,
    *,
    runs: int = 20,
    shadow_checkpoints=None,
    direct_checkpoints=None,
    seed=None,
) -> SampleScan:
    """For each M, the copies that put all M estimates within eps in >= 1 - delta of the runs.

    ``paulis``: strings of one weight k (the first M are used for each M);
    ``runs`` independent shadows of ``max(shadow_checkpoints)`` snapshots and
    ``runs`` independent direct measurements of every string, read at every
    checkpoint (plain means); :func:`samples_needed` turns the largest errors
    into the first checkpoint that succeeds. Introduced in chapter 6.
    """
    n = qubits_of(psi)
    paulis = check_paulis(paulis, n)
    weights = {p.weight for p in paulis}
    if len(weights) != 1 or 0 in weights:
        raise ValueError(
            f"paulis must all have the same weight k >= 1, got weights {sorted(weights)}"
        )
    M_values = real_array("M_values", M_values, ndim=1)
    if (
        M_values.size == 0
        or np.any(M_values != np.round(M_values))
        or M_values.min() < 1
        or M_values.max() > len(paulis)
        or np.any(np.diff(M_values) <= 0)
    ):
        raise ValueError(
            f"M_values must be increasing whole numbers in 1..{len(paulis)} (the strings given)"
        )
    M_values = M_values.astype(np.int64)
    eps = positive_real("eps", eps)
    delta = probability("delta", delta)
    runs = bounded_int("runs", runs, maximum=200)
    if shadow_checkpoints is None:
        shadow_checkpoints = np.unique(np.round(np.geomspace(100, 20_000, 16)))
    if direct_checkpoints is None:
        direct_checkpoints = np.unique(np.round(np.geomspace(10, 2_000, 16)))
    shadow_checkpoints = real_array("shadow_checkpoints", shadow_checkpoints, ndim=1)
    direct_checkpoints = real_array("direct_checkpoints", direct_checkpoints, ndim=1)
    gen = make_rng("seed", seed)
    ledger = Ledger()
    truth = exact_expectations(psi, paulis)
    shadow_err = np.empty((runs, shadow_checkpoints.size, M_values.size))
    for r in range(runs):
        shadow = measure_shadow(psi, int(shadow_checkpoints[-1]), gen, ledger=ledger)
        err = np.abs(running_estimates(shadow, paulis, shadow_checkpoints) - truth)
        shadow_err[r] = np.maximum.accumulate(err, axis=1)[:, M_values - 1]
    direct = direct_estimates(psi, paulis, direct_checkpoints, gen, repetitions=runs, ledger=ledger)
    direct_err = np.maximum.accumulate(np.abs(direct - truth), axis=2)[:, :, M_values - 1]
    return SampleScan(
        M=M_values,
        snapshots=samples_needed(shadow_checkpoints, shadow_err, eps, delta),
        direct_shots=samples_needed(direct_checkpoints, direct_err, eps, delta) * M_values,
        eps=eps,
        delta=delta,
        locality=weights.pop(),
        runs=runs,
        ledger=ledger,
    )
