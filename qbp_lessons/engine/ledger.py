"""The ledger: what a computation actually did, written by the code that did it.

Counting beats timing: a count is exact, reproducible and the same on every
machine. Every function of the package that applies a gate to a statevector, or
draws a shot, adds to a :class:`Ledger` passed to it as ``ledger=``. The
closed-form models of :mod:`qbp_lessons.costs` *predict* these numbers; the
tests and the chapters compare the two, so a wrong formula or a wrong count
shows up as a difference. PennyLane's ``qml.Tracker`` plays the same role for
PennyLane's devices and is the independent check.

Two kinds of work are kept apart:

* **simulator work** (what this laptop did): ``rotations``, applications of a
  gate exp(-i t P) or of its inverse to one statevector, and ``paulis``,
  applications of a bare Pauli string (an inserted P_k, a term of O, a
  controlled Pauli of a Hadamard test);
* **hardware work** (what a quantum computer would do): ``circuits``, executions
  of one circuit in one measurement setting; ``shots``, the shots drawn; and
  ``shot_gates``, gates run on the device, the circuit's gate count for every
  shot -- the unit of the talk's TIME(F) = M / eps^2.

Introduced in chapter 2.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from qbp_lessons._validate import bounded_int, positive_int

__all__ = ["Ledger", "check_ledger"]


@dataclass
class Ledger:
    """Counts of work done; pass one as ``ledger=`` and read it afterwards.

    Add two ledgers with ``+``; ``ledger.gates`` is ``rotations + paulis``.
    Every field must stay a non-negative integer. Introduced in chapter 2.
    """

    rotations: int = 0
    paulis: int = 0
    circuits: int = 0
    shots: int = 0
    shot_gates: int = 0

    def __post_init__(self):
        for f in fields(self):
            setattr(self, f.name, positive_int(f.name, getattr(self, f.name), minimum=0))

    @property
    def gates(self) -> int:
        """Simulator gate applications: rotations plus bare Pauli strings."""
        return self.rotations + self.paulis

    def __add__(self, other: "Ledger") -> "Ledger":
        if not isinstance(other, Ledger):
            return NotImplemented
        return Ledger(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    def record_shots(self, shots: int, gates_per_shot: int, executions: int = 1) -> None:
        """Add ``executions`` executions of ``shots`` shots each, of ``gates_per_shot`` gates.

        Called by the samplers of :mod:`qbp_lessons.engine.sampling` at the moment they
        draw the shots.
        """
        shots = bounded_int("shots", shots)
        gates_per_shot = bounded_int("gates_per_shot", gates_per_shot, minimum=0)
        executions = bounded_int("executions", executions, minimum=0)
        self.circuits += executions
        self.shots += executions * shots
        self.shot_gates += executions * shots * gates_per_shot


def check_ledger(ledger) -> Ledger | None:
    """Return ``ledger`` if it is a :class:`Ledger` or None; else raise TypeError naming it."""
    if ledger is not None and not isinstance(ledger, Ledger):
        raise TypeError(f"ledger must be a Ledger or None, got {type(ledger).__name__}")
    return ledger
