"""Measurement by the Born rule: what a quantum computer returns, simulated shot by shot.

A device never returns an expectation value. It returns bitstrings: each qubit is
rotated into the eigenbasis of X, Y or Z (one *measurement setting*), measured in
the computational basis, and the state collapses. This module does exactly that
on a statevector of :mod:`qbp_lessons.engine.circuits`:

1. :func:`prepare` simulates the circuit once and rotates every wire into the
   setting's basis (H for X; S-dagger then H for Y; nothing for Z), giving the
   Born probabilities of all 2^n outcomes (:class:`Setting`);
2. :func:`sample_counts` draws ``shots`` outcomes from them with a seeded
   ``numpy.random.Generator`` (a multinomial draw: how many times each bitstring
   came up) and :func:`sample_bitstrings` the outcomes themselves;
3. :func:`estimate` turns the counts into estimates of every Pauli string that
   is diagonal in that setting (all strings that agree with the basis letter on
   their support: *qubit-wise commuting* strings share one setting). Bit 0 means
   eigenvalue +1, so a string's value on a bitstring is the parity of its wires.

Every draw is written into the :class:`~qbp_lessons.engine.ledger.Ledger` by the
function that draws it: one execution per setting and repetition, its shots, and
its shots times the circuit's gate count (the hardware TIME of the talk).
:func:`measure_pauli` measures one Pauli string projectively and returns the
post-measurement state, as chapter 5 needs.

Seeds everywhere: an int (reproducible), a Generator (one stream threaded
through many calls) or None (fresh entropy).

Introduced in chapter 2; used in every chapter after it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qbp_lessons._validate import record
from qbp_lessons._validate import bounded_int, positive_int, real_array
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine.circuits import Circuit, check_circuit, check_state, state
from qbp_lessons.engine.kernels import PauliKernel
from qbp_lessons.engine.ledger import Ledger, check_ledger
from qbp_lessons.engine.paulis import MAX_QUBITS, Observable, PauliString, pauli, qubitwise_commutes

__all__ = [
    "MAX_SHOTS",
    "MAX_COUNT_CELLS",
    "Setting",
    "setting",
    "prepare",
    "sample_counts",
    "sample_bitstrings",
    "bits_of",
    "eigenvalues",
    "estimate",
    "measurement_groups",
    "expval_shots",
    "pauli_probabilities",
    "measure_pauli",
    "project_pauli",
    "ROTATIONS_TO_Z",
]

#: Most shots (times repetitions) one call may draw.
MAX_SHOTS = 10**9

#: Most cells (rows x columns) a sampler's returned array of counts or bits may hold: 64 MiB.
MAX_COUNT_CELLS = 2**23

_SQRT_HALF = np.sqrt(0.5)
#: The single-qubit rotation taking each basis letter's eigenstates to |0>, |1> (eigenvalue +1
#: to bit 0): H for X, H S^dagger for Y, nothing (None) for Z and I.
ROTATIONS_TO_Z = {
    "Z": None,
    "I": None,
    "X": np.array([[1, 1], [1, -1]], dtype=complex) * _SQRT_HALF,  # H
    "Y": np.array([[1, 1], [1, -1]], dtype=complex) * _SQRT_HALF @ np.diag([1, -1j]),  # H S^dagger
}


@record
@dataclass(frozen=True)
class Setting:
    """One measurement setting of one prepared state: the basis and the outcome probabilities.

    ``basis``: a Pauli string with one letter per wire (X, Y or Z; I is
    measured as Z). ``probs``: the Born probabilities of the 2^n bitstrings
    after the basis change, index b with wire 0 the most significant bit.
    ``gates``: gates of the circuit that prepared the state, charged per shot
    in the ledger (0 for a state given directly). Introduced in chapter 2.
    """

    basis: PauliString
    probs: np.ndarray
    gates: int = 0

    def __post_init__(self):
        if not isinstance(self.basis, PauliString):
            raise TypeError(f"basis must be a PauliString, got {type(self.basis).__name__}")
        if self.basis.n > MAX_QUBITS:
            raise ValueError(f"basis must act on at most {MAX_QUBITS} qubits, got {self.basis.n}")
        probs = real_array("probs", self.probs, shape=(1 << self.basis.n,))
        if np.any(probs < 0) or abs(probs.sum() - 1.0) > 1e-9:
            raise ValueError("probs must be non-negative and sum to 1")
        object.__setattr__(self, "probs", probs)
        object.__setattr__(self, "gates", positive_int("gates", self.gates, minimum=0))

    @property
    def n(self) -> int:
        return self.basis.n


def _rotated(psi: np.ndarray, basis: PauliString) -> np.ndarray:
    """psi with every wire rotated into its basis letter's eigenbasis."""
    n = basis.n
    out = psi.reshape((2,) * n)
    for w, ch in enumerate(basis.label):
        u = ROTATIONS_TO_Z[ch]
        if u is not None:
            out = np.moveaxis(np.tensordot(u, out, axes=([1], [w])), 0, w)
    return out.reshape(-1)


def setting(psi, basis, *, gates: int = 0) -> Setting:
    """The measurement setting ``basis`` applied to a given state ``psi`` (normalised).

    Introduced in chapter 2.
    """
    basis = pauli(basis, name="basis")
    psi = check_state(psi, basis.n)
    gates = positive_int("gates", gates, minimum=0)
    probs = np.abs(_rotated(psi, basis)) ** 2
    probs /= probs.sum()
    return Setting(basis, probs, gates)


def prepare(circuit: Circuit, theta, basis, *, ledger: Ledger | None = None) -> Setting:
    """Simulate ``circuit`` at ``theta`` (M gates, in the ledger) and set up measurement ``basis``.

    Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    basis = pauli(basis, circuit.n, name="basis")
    psi = state(circuit, theta, ledger=check_ledger(ledger))
    return setting(psi, basis, gates=circuit.M)


def _check_setting(value) -> Setting:
    if not isinstance(value, Setting):
        raise TypeError(
            "setting must be a Setting (from sampling.prepare or sampling.setting), "
            f"got {type(value).__name__}"
        )
    return value


def sample_counts(
    setting: Setting,
    shots: int,
    seed=None,
    *,
    repetitions: int | None = None,
    ledger: Ledger | None = None,
) -> np.ndarray:
    """Draw ``shots`` outcomes of ``setting``: how often each of the 2^n bitstrings came up.

    Returns an int array of shape (2^n,), or (repetitions, 2^n) for that many
    independent executions of ``shots`` shots each. The ledger gets one
    execution per repetition. Introduced in chapter 2.
    """
    setting = _check_setting(setting)
    shots = bounded_int("shots", shots, maximum=MAX_SHOTS)
    reps = 1 if repetitions is None else bounded_int("repetitions", repetitions, maximum=MAX_SHOTS)
    if shots * reps > MAX_SHOTS:
        raise ValueError(f"shots x repetitions must be <= {MAX_SHOTS:,}, got {shots * reps:,}")
    if reps * setting.probs.size > MAX_COUNT_CELLS:
        raise ValueError(
            f"repetitions x 2^n counts must be <= {MAX_COUNT_CELLS:,} (the array returned), "
            f"got {reps:,} x {setting.probs.size:,}"
        )
    ledger = check_ledger(ledger)
    gen = make_rng("seed", seed)
    size = None if repetitions is None else reps
    counts = gen.multinomial(shots, setting.probs, size=size)
    if ledger is not None:
        ledger.record_shots(shots, setting.gates, executions=reps)
    return counts


def sample_bitstrings(
    setting: Setting, shots: int, seed=None, *, ledger: Ledger | None = None
) -> np.ndarray:
    """Draw ``shots`` outcomes of ``setting`` one by one: int8, shape (shots, n), wire 0 first.

    One execution in the ledger. Introduced in chapter 2.
    """
    setting = _check_setting(setting)
    shots = bounded_int("shots", shots, maximum=10**7)
    ledger = check_ledger(ledger)
    gen = make_rng("seed", seed)
    outcomes = gen.choice(setting.probs.size, size=shots, p=setting.probs)
    if ledger is not None:
        ledger.record_shots(shots, setting.gates)
    return bits_of(outcomes, setting.n)


def bits_of(outcomes, n: int) -> np.ndarray:
    """Bitstring indices as bits: shape (..., n), wire 0 (the most significant bit) first."""
    n = bounded_int("n", n, maximum=MAX_QUBITS)
    outcomes = np.asarray(outcomes)
    if not np.issubdtype(outcomes.dtype, np.integer):
        raise TypeError(f"outcomes must be integers, got dtype {outcomes.dtype}")
    if outcomes.size and (outcomes.min() < 0 or outcomes.max() >= 1 << n):
        raise ValueError(f"outcomes must lie in [0, 2^n) = [0, {1 << n}) for n = {n}")
    if outcomes.size * n > MAX_COUNT_CELLS:
        raise ValueError(
            f"outcomes x n bits must be <= {MAX_COUNT_CELLS:,}, got {outcomes.size * n:,}"
        )
    shifts = np.arange(n - 1, -1, -1)
    return ((outcomes[..., None] >> shifts) & 1).astype(np.int8)


def eigenvalues(p, basis) -> np.ndarray:
    """The value (+1 or -1) of Pauli string ``p`` on each of the 2^n outcomes of ``basis``.

    ``p`` must be diagonal in that setting: on every wire it is I or the
    basis's letter (I in the basis counts as Z). Introduced in chapter 2.
    """
    basis = pauli(basis, name="basis")
    if basis.n > MAX_QUBITS:
        raise ValueError(
            f"basis must act on at most {MAX_QUBITS} qubits (2^n values), got {basis.n}"
        )
    p = pauli(p, basis.n, name="p")
    measured = PauliString("".join("Z" if ch == "I" else ch for ch in basis.label))
    if not qubitwise_commutes(p, measured):
        raise ValueError(
            f"p = {p.label} is not diagonal in the basis {measured.label}: "
            "measure it in a setting whose letters match its own"
        )
    mask = 0
    for w in p.support:
        mask |= 1 << (p.n - 1 - w)
    index = np.arange(1 << p.n, dtype=np.int64)
    return 1.0 - 2.0 * (np.bitwise_count(index & mask) & 1)


def estimate(counts, setting: Setting, paulis) -> np.ndarray:
    """Estimates of every Pauli string in ``paulis`` from the counts of one setting.

    ``counts``: from :func:`sample_counts`, shape (..., 2^n). Returns shape
    (..., len(paulis)): for each string the mean of its +-1 value over the shots.
    Introduced in chapter 2.
    """
    setting = _check_setting(setting)
    counts = real_array("counts", counts)
    if counts.shape[-1:] != (setting.probs.size,):
        raise ValueError(
            f"counts must have last axis 2^n = {setting.probs.size}, got shape {counts.shape}"
        )
    if isinstance(paulis, (str, PauliString, dict)):
        paulis = [paulis]
    if not isinstance(paulis, (list, tuple)):
        raise TypeError(
            f"paulis must be a Pauli string or a list of them, got {type(paulis).__name__}"
        )
    if not paulis:
        raise ValueError("paulis must hold at least one Pauli string")
    strings = [pauli(p, setting.basis.n, name=f"paulis[{i}]") for i, p in enumerate(paulis)]
    table = np.stack([eigenvalues(p, setting.basis) for p in strings], axis=1)
    shots = counts.sum(axis=-1, keepdims=True)
    if np.any(shots == 0):
        raise ValueError("counts must hold at least one shot in every row")
    return (counts @ table) / shots


def measurement_groups(obs: Observable) -> list[tuple[PauliString, list[int]]]:
    """Group the observable's non-identity terms into qubit-wise commuting sets, greedily.

    Returns ``[(basis, [term indices]), ...]``: one measurement setting per
    group; each group's terms are all estimated from the same shots. Identity
    terms need no measurement and appear in no group. Introduced in chapter 2.
    """
    if not isinstance(obs, Observable):
        raise TypeError(f"obs must be an Observable, got {type(obs).__name__}")
    groups: list[tuple[list[str], list[int]]] = []
    for i, (_, p) in enumerate(obs.terms):
        if p.weight == 0:
            continue
        for letters, members in groups:
            if all(a == "I" or b == "I" or a == b for a, b in zip(letters, p.label)):
                for w, ch in enumerate(p.label):
                    if ch != "I":
                        letters[w] = ch
                members.append(i)
                break
        else:
            groups.append((list(p.label), [i]))
    return [
        (PauliString("".join("Z" if ch == "I" else ch for ch in letters)), members)
        for letters, members in groups
    ]


def expval_shots(
    circuit: Circuit, theta, shots: int, seed=None, *, ledger: Ledger | None = None
) -> float:
    """Estimate F from shots: each measurement group of O gets ``shots`` shots of its own setting.

    One state simulation, then one execution per group (:func:`measurement_groups`);
    identity terms are added exactly. Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    shots = bounded_int("shots", shots, maximum=MAX_SHOTS)
    ledger = check_ledger(ledger)
    gen = make_rng("seed", seed)
    obs = circuit.observable
    psi = state(circuit, theta, ledger=ledger)
    coeffs = obs.coeffs
    total = sum(c for c, p in obs.terms if p.weight == 0)
    for basis, members in measurement_groups(obs):
        s = setting(psi, basis, gates=circuit.M)
        counts = sample_counts(s, shots, gen, ledger=ledger)
        total += float(estimate(counts, s, [obs.paulis[i] for i in members]) @ coeffs[members])
    return float(total)


def _times_pauli(p: PauliString, psi: np.ndarray) -> np.ndarray:
    """P psi for a checked state (no gate count: measuring P is not applying it)."""
    return PauliKernel(p).minus_i_pauli(psi, 1j)


def pauli_probabilities(psi, p) -> tuple[float, float]:
    """Probabilities of the outcomes +1 and -1 when Pauli string ``p`` is measured on ``psi``.

    ``p(+-1) = (1 +- <psi|P|psi>) / 2``, from the expectation value, not from sampled or
    rotated probabilities. Chapter 0 derives the formula; chapter 5's :func:`measure_pauli`
    draws its outcome from these probabilities.
    """
    p = pauli(p, name="p")
    psi = check_state(psi, p.n)
    ev = float(np.vdot(psi, _times_pauli(p, psi)).real)
    plus = min(max((1.0 + ev) / 2.0, 0.0), 1.0)
    return plus, 1.0 - plus


def measure_pauli(
    psi, p, seed=None, *, ledger: Ledger | None = None, same_copy: bool = False
) -> tuple[int, np.ndarray]:
    """Measure Pauli string ``p`` once on ``psi``: the outcome (+1 or -1) and the collapsed state.

    The post-measurement state is ``(I + s P)/2 |psi>``, normalised, for outcome
    s: the projector onto the s-eigenspace of P (Born rule and Lueders rule).
    One shot of one execution in the ledger; with ``same_copy=True`` (``psi`` is
    what an earlier measurement left of a copy already counted) one shot and no
    new execution. Introduced in chapter 5.
    """
    if not isinstance(same_copy, (bool, np.bool_)):
        raise TypeError(f"same_copy must be True or False, got {type(same_copy).__name__}")
    p = pauli(p, name="p")
    psi = check_state(psi, p.n)
    ledger = check_ledger(ledger)
    gen = make_rng("seed", seed)
    plus, _ = pauli_probabilities(psi, p)
    outcome = 1 if gen.random() < plus else -1
    post = 0.5 * (psi + outcome * _times_pauli(p, psi))
    post /= np.linalg.norm(post)
    if ledger is not None:
        if same_copy:
            ledger.shots += 1  # a further shot on a copy whose execution is already counted
        else:
            ledger.record_shots(1, 0)
    return outcome, post


def project_pauli(psi, p, outcome: int) -> tuple[float, np.ndarray]:
    """The Lueders rule for one outcome: its probability and the normalised post-measurement state.

    ``outcome`` is +1 or -1; the projector is ``(I + outcome P)/2``. Unlike
    :func:`measure_pauli`, nothing is drawn (no shot, no ledger entry): this is
    the exact bookkeeping the sampled experiment is checked against. Raises
    ValueError for an outcome of probability 0, which has no post-measurement
    state. Introduced in chapter 5.
    """
    p = pauli(p, name="p")
    psi = check_state(psi, p.n)
    if isinstance(outcome, (bool, np.bool_)) or outcome not in (1, -1):
        raise ValueError(f"outcome must be +1 or -1, got {outcome!r}")
    projected = 0.5 * (psi + outcome * _times_pauli(p, psi))
    probability = float(np.vdot(projected, projected).real)
    if probability <= 1e-15:
        raise ValueError(
            f"outcome {outcome:+d} of {p.label} has probability 0 on psi: no post-measurement state"
        )
    return probability, projected / np.linalg.norm(projected)
