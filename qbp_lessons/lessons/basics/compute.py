"""Chapter 0's computations: every Pauli string, the ones that anticommute, gates as matrices,
and repeated shot estimates.

The engine (:mod:`qbp_lessons.engine`) already multiplies and compares Pauli strings,
applies rotations without matrices, samples outcomes by the Born rule and computes trace
distances; this module only adds what the first chapter needs on top of it:

* :func:`all_strings` and :func:`anticommuting`: the 4^n strings of n qubits, and those
  that anticommute with a given one (by the engine's :func:`~qbp_lessons.engine.paulis.commutes`);
* :func:`rotation_matrix`: the matrix of exp(-i theta P), read column by column off the
  engine's matrix-free :func:`~qbp_lessons.engine.circuits.apply_rotation`;
* :func:`shot_estimates` and :func:`shot_spread`: many independent N-shot estimates of
  <P>, drawn by the engine's sampler, to see the 1/sqrt(N) spread.

Introduced in chapter 0.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from qbp_lessons._validate import bounded_int, real, record
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine import circuits, sampling
from qbp_lessons.engine.ledger import Ledger, check_ledger
from qbp_lessons.engine.paulis import PauliString, commutes, pauli

__all__ = [
    "MAX_ENUMERATED_QUBITS",
    "MAX_MATRIX_QUBITS",
    "all_strings",
    "anticommuting",
    "rotation_matrix",
    "measured_basis",
    "shot_estimates",
    "ShotSpread",
    "shot_spread",
]

#: Largest n for which :func:`all_strings` lists all 4^n strings (4^6 = 4,096).
MAX_ENUMERATED_QUBITS = 6
#: Largest n for which :func:`rotation_matrix` builds a dense 2^n x 2^n matrix.
MAX_MATRIX_QUBITS = 8


def all_strings(n: int) -> list[PauliString]:
    """All 4^n Pauli strings on n qubits, in the order I < X < Y < Z on each wire, wire 0 first.

    Limited to n <= :data:`MAX_ENUMERATED_QUBITS`. Introduced in chapter 0.
    """
    n = bounded_int("n", n, maximum=MAX_ENUMERATED_QUBITS)
    return [PauliString("".join(word)) for word in itertools.product("IXYZ", repeat=n)]


def anticommuting(p) -> list[PauliString]:
    """The Pauli strings (of the same length) that anticommute with ``p``: P Q = -Q P.

    Every one of the 4^n strings is tested with the engine's
    :func:`~qbp_lessons.engine.paulis.commutes`; ``p`` may have at most
    :data:`MAX_ENUMERATED_QUBITS` letters. Introduced in chapter 0.
    """
    p = pauli(p, name="p")
    if p.n > MAX_ENUMERATED_QUBITS:
        raise ValueError(
            f"p must have at most {MAX_ENUMERATED_QUBITS} letters (4^n strings are listed),"
            f" got {p.n}"
        )
    return [q for q in all_strings(p.n) if not commutes(p, q)]


def rotation_matrix(p, theta) -> np.ndarray:
    """The 2^n x 2^n matrix of exp(-i theta P), built by the engine's gate on each basis state.

    Column b is :func:`~qbp_lessons.engine.circuits.apply_rotation` applied to the basis
    state |b>, so the matrix is what the simulator does, not a formula; chapter 0 compares
    it with cos(theta) I - i sin(theta) P. Limited to n <= :data:`MAX_MATRIX_QUBITS`.
    Introduced in chapter 0.
    """
    p = pauli(p, name="p")
    theta = real("theta", theta)
    if p.n > MAX_MATRIX_QUBITS:
        raise ValueError(
            f"p: rotation_matrix builds a dense 2^n x 2^n matrix; n = {p.n} >"
            f" {MAX_MATRIX_QUBITS} is too large"
        )
    dim = 1 << p.n
    columns = np.eye(dim, dtype=complex)
    return np.column_stack([circuits.apply_rotation(p, theta, columns[:, b]) for b in range(dim)])


def measured_basis(p) -> PauliString:
    """The measurement setting that reads Pauli string ``p``: its letters, Z where it has I.

    Introduced in chapter 0.
    """
    p = pauli(p, name="p")
    return PauliString("".join("Z" if ch == "I" else ch for ch in p.label))


def shot_estimates(
    psi, p, shots: int, repetitions: int, seed=None, *, ledger: Ledger | None = None
) -> np.ndarray:
    """``repetitions`` independent estimates of <psi|P|psi>, each the mean of ``shots`` outcomes.

    Each repetition is one execution on the device: rotate into the basis of P
    (:func:`measured_basis`), draw ``shots`` bitstrings by the Born rule with the engine's
    :func:`~qbp_lessons.engine.sampling.sample_counts`, and average the +-1 value of P over
    them. The sampler writes every shot into ``ledger``. Introduced in chapter 0.
    """
    p = pauli(p, name="p")
    if p.n > circuits.MAX_QUBITS:
        raise ValueError(f"p must have at most {circuits.MAX_QUBITS} letters, got {p.n}")
    psi = circuits.check_state(psi, p.n)
    shots = bounded_int("shots", shots, maximum=sampling.MAX_SHOTS)
    repetitions = bounded_int("repetitions", repetitions, maximum=sampling.MAX_SHOTS)
    ledger = check_ledger(ledger)
    gen = make_rng("seed", seed)
    setting = sampling.setting(psi, measured_basis(p))
    counts = sampling.sample_counts(setting, shots, gen, repetitions=repetitions, ledger=ledger)
    return sampling.estimate(counts, setting, [p])[:, 0]


@record
@dataclass(frozen=True)
class ShotSpread:
    """Repeated N-shot estimates of <Z> on one qubit, for several exact values and several N.

    ``estimates[i, j]`` holds the ``repetitions`` estimates for ``expectations[i]`` and
    ``shots[j]``; ``ledger`` is what the sampler counted. Introduced in chapter 0.
    """

    expectations: tuple
    shots: tuple
    repetitions: int
    estimates: np.ndarray
    ledger: Ledger

    def measured_std(self) -> np.ndarray:
        """The sample standard deviation (ddof = 1) of each cell's estimates."""
        return self.estimates.std(axis=-1, ddof=1)

    def model_std(self) -> np.ndarray:
        """The binomial model sqrt((1 - <Z>^2) / N), same shape as :meth:`measured_std`."""
        f = np.asarray(self.expectations, dtype=float)[:, None]
        n = np.asarray(self.shots, dtype=float)[None, :]
        return np.sqrt((1.0 - f**2) / n)


def shot_spread(expectations, shots, repetitions: int = 400, seed=0) -> ShotSpread:
    """Estimate <Z> of exp(-i a Y)|0> (for which <Z> = cos 2a) from N shots, many times over.

    For every exact value in ``expectations`` (each in [-1, 1]) the state is prepared by the
    engine's rotation and measured ``repetitions`` times with each number of ``shots``, by
    :func:`shot_estimates`. At most 8 values, 12 shot counts and 2,000 repetitions.
    Introduced in chapter 0.
    """
    for name, values, most in (("expectations", expectations, 8), ("shots", shots, 12)):
        if isinstance(values, (str, bytes)) or not isinstance(values, (list, tuple, np.ndarray)):
            raise TypeError(f"{name} must be a list of numbers, got {type(values).__name__}")
        if not 1 <= len(values) <= most:
            raise ValueError(f"{name} must hold 1 to {most} values, got {len(values)}")
    expectations = tuple(real(f"expectations[{i}]", f) for i, f in enumerate(expectations))
    if any(not -1.0 <= f <= 1.0 for f in expectations):
        raise ValueError(f"expectations must lie in [-1, 1], got {expectations}")
    shots = tuple(bounded_int(f"shots[{i}]", n, maximum=10**6) for i, n in enumerate(shots))
    repetitions = bounded_int("repetitions", repetitions, maximum=2000)
    gen = make_rng("seed", seed)
    ledger = Ledger()
    one_qubit = circuits.Circuit(1, ["Y"], "Z")
    table = np.empty((len(expectations), len(shots), repetitions))
    for i, f in enumerate(expectations):
        psi = circuits.state(one_qubit, [np.arccos(f) / 2])
        for j, n in enumerate(shots):
            table[i, j] = shot_estimates(psi, "Z", n, repetitions, gen, ledger=ledger)
    return ShotSpread(expectations, shots, repetitions, table, ledger)
