"""No-cloning: the obvious copier, a CNOT per wire, and what it does to a superposition.

Introduced in chapter 5 (Wootters & Zurek 1982; Dieks 1982). No unitary maps
|psi>|0> to |psi>|psi> for every psi. :func:`copy_attempt` runs the obvious
candidate, a CNOT from each wire onto a blank one: it copies the basis states
|0> and |1> perfectly and, by linearity, entangles every superposition instead
(:func:`copy_report`). :func:`linearity_check` is the two-line proof in numbers:
a unitary keeps the overlap <phi|psi>, a cloner would need its square.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qbp_lessons._validate import record
from qbp_lessons._validate import bounded_int, real_array
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine import qinfo
from qbp_lessons.engine.circuits import apply_rotation
from qbp_lessons.engine.ledger import Ledger, check_ledger
from qbp_lessons.lessons.collapse.limits import MAX_CASES, MAX_PAIR_AMPLITUDES

__all__ = [
    "CNOT_ROTATIONS",
    "cnot_core",
    "cnot",
    "copy_attempt",
    "CopyReport",
    "copy_report",
    "CopyScan",
    "copy_scan",
    "LinearityCheck",
    "linearity_check",
]

#: CNOT as Pauli rotations exp(-i theta P) on (control, target), times the global phase exp(i pi/4):
#: CNOT = exp(i pi (I - Z)/2 (x) (I - X)/2), and the four terms of that product commute.
CNOT_ROTATIONS = (("ZI", np.pi / 4), ("IX", np.pi / 4), ("ZX", -np.pi / 4))


def cnot_core(
    psi: np.ndarray, control: int, target: int, *, ledger: Ledger | None = None
) -> np.ndarray:
    """CNOT as three commuting Pauli rotations and a global phase. Introduced in chapter 5.

    No input checks: :func:`cnot` checks the state, the two wires and the ledger,
    then calls this.
    """
    n = psi.size.bit_length() - 1
    out = psi
    for letters, angle in CNOT_ROTATIONS:
        label = ["I"] * n
        label[control], label[target] = letters[0], letters[1]
        out = apply_rotation("".join(label), angle, out, ledger=ledger)
    return np.exp(1j * np.pi / 4) * out


def cnot(psi, control: int, target: int, *, ledger: Ledger | None = None) -> np.ndarray:
    """CNOT from wire ``control`` onto wire ``target``, built from the engine's own Pauli rotations.

    Three commuting rotations, exp(-i pi/4 Z_c) exp(-i pi/4 X_t) exp(+i pi/4 Z_c X_t),
    and the global phase exp(i pi/4) (:data:`CNOT_ROTATIONS`): a CNOT is a
    chapter 2 circuit. Each rotation is counted in the ledger. Checks the inputs,
    then calls :func:`cnot_core`. Introduced in chapter 5.
    """
    psi = qinfo.check_ket(psi)
    n = psi.size.bit_length() - 1
    control = bounded_int("control", control, minimum=0, maximum=n - 1)
    target = bounded_int("target", target, minimum=0, maximum=n - 1)
    if control == target:
        raise ValueError(f"control and target must be different wires, both are {control}")
    return cnot_core(psi, control, target, ledger=check_ledger(ledger))


def copy_attempt(psi, *, ledger: Ledger | None = None) -> np.ndarray:
    """Try to copy an n-qubit state: |psi>|0...0>, then a CNOT from each wire w onto wire n + w.

    Returns the 2n-qubit output, wires 0..n-1 the original, n..2n-1 the "copy".
    It copies every computational basis state exactly. Introduced in chapter 5.
    """
    psi = qinfo.check_ket(psi)
    n = psi.size.bit_length() - 1
    if 2 * n > qinfo.MAX_DM_QUBITS:
        raise ValueError(
            f"psi must have at most {qinfo.MAX_DM_QUBITS // 2} qubits to be copied here, got {n}"
        )
    blank = np.zeros(psi.size, dtype=complex)
    blank[0] = 1.0
    out = np.kron(psi, blank)
    for w in range(n):
        out = cnot_core(out, w, n + w, ledger=ledger)
    return out


@record
@dataclass(frozen=True)
class CopyReport:
    """What :func:`copy_attempt` did to one state (chapter 5).

    ``fidelity_original`` and ``fidelity_copy``: F of each half's reduced state
    with |psi>; ``fidelity_joint``: F of the whole output with |psi>|psi>;
    ``purity_copy``: tr(rho_copy^2), below 1 when the halves are entangled;
    ``reduced_copy``: the copy's density matrix.
    """

    output: np.ndarray
    reduced_original: np.ndarray
    reduced_copy: np.ndarray
    fidelity_original: float
    fidelity_copy: float
    fidelity_joint: float
    purity_copy: float


def copy_report(psi) -> CopyReport:
    """Run :func:`copy_attempt` on ``psi`` and measure how good each "copy" is. Chapter 5."""
    psi = qinfo.check_ket(psi)
    n = psi.size.bit_length() - 1
    out = copy_attempt(psi)
    rho = qinfo.density_matrix(out)
    target = qinfo.density_matrix(psi)
    first = qinfo.partial_trace(rho, range(n))
    second = qinfo.partial_trace(rho, range(n, 2 * n))
    return CopyReport(
        output=out,
        reduced_original=first,
        reduced_copy=second,
        fidelity_original=qinfo.fidelity(target, first),
        fidelity_copy=qinfo.fidelity(target, second),
        fidelity_joint=qinfo.fidelity(qinfo.density_matrix(np.kron(psi, psi)), rho),
        purity_copy=qinfo.purity(second),
    )


@record
@dataclass(frozen=True)
class CopyScan:
    """:func:`copy_report` for qubit states cos(a/2)|0> + sin(a/2)|1> at angles a (chapter 5)."""

    angles: np.ndarray
    fidelity_original: np.ndarray
    fidelity_copy: np.ndarray
    fidelity_joint: np.ndarray
    purity_copy: np.ndarray


def copy_scan(angles) -> CopyScan:
    """Run :func:`copy_attempt` on qubit states at Bloch polar ``angles`` (radians, at most 1,000).

    Introduced in chapter 5.
    """
    angles = real_array("angles", angles, ndim=1)
    if not 1 <= angles.size <= 1000:
        raise ValueError(f"angles must hold 1 to 1000 values, got {angles.size}")
    reports = [copy_report(np.array([np.cos(a / 2), np.sin(a / 2)])) for a in angles]
    return CopyScan(
        angles,
        *(
            np.array([getattr(r, f) for r in reports])
            for f in ("fidelity_original", "fidelity_copy", "fidelity_joint", "purity_copy")
        ),
    )


@record
@dataclass(frozen=True)
class LinearityCheck:
    """Overlaps of random pairs of states before and after a copying unitary (chapter 5).

    ``before`` = <phi|psi>; ``after`` = the overlap of the two outputs of
    :func:`copy_attempt` (any unitary keeps it); ``needed`` = <phi|psi>^2, the
    overlap of |phi>|phi> and |psi>|psi>, which a cloner would have to produce.
    """

    before: np.ndarray
    after: np.ndarray
    needed: np.ndarray

    @property
    def kept(self) -> float:
        """Largest |after - before|: the unitary keeps every overlap (rounding only)."""
        return float(np.max(np.abs(self.after - self.before)))

    @property
    def gap(self) -> np.ndarray:
        """|before - needed| = |s| |1 - s|: zero only for orthogonal or identical states."""
        return np.abs(self.before - self.needed)


def linearity_check(pairs: int = 1000, n: int = 1, seed=None) -> LinearityCheck:
    """The no-cloning argument in numbers, over ``pairs`` Haar-random pairs of n-qubit states.

    A unitary U with U|psi>|0> = |psi>|psi> for both psi and phi would give
    <phi|psi> = <phi|psi>^2 (take the inner product of the two equations), so
    <phi|psi> would be 0 or 1. Introduced in chapter 5.
    """
    pairs = bounded_int("pairs", pairs, maximum=MAX_CASES)
    n = bounded_int("n", n, maximum=qinfo.MAX_DM_QUBITS // 2)
    if pairs << n > MAX_PAIR_AMPLITUDES:
        raise ValueError(
            f"pairs x 2^n must be at most {MAX_PAIR_AMPLITUDES:,}, got {pairs:,} x {1 << n}"
        )
    gen = make_rng("seed", seed)
    before, after = np.empty(pairs, complex), np.empty(pairs, complex)
    for i in range(pairs):
        psi, phi = qinfo.random_state(n, gen), qinfo.random_state(n, gen)
        before[i] = np.vdot(phi, psi)
        after[i] = np.vdot(copy_attempt(phi), copy_attempt(psi))
    return LinearityCheck(before, after, before**2)
