"""The Hadamard test: one gradient component as one circuit, measured shot by shot.

The talk's component formula ``dF/dtheta_k = 2 Im <psi|O|~d_k psi>`` is an
overlap of two *different* states, so no single run of the model circuit
measures it. A quantum computer runs the Hadamard test instead
(:func:`qbp_lessons.engine.gradients.hadamard_test_state`): an ancilla in |+>, the
circuit with a controlled P_k after gate k, and a measurement of ``Y_a (x) O``
on the n + 1 qubits, whose expectation is ``Im <psi|O|~d_k psi>``. This module
draws those measurements with :mod:`qbp_lessons.engine.sampling` and writes every
execution and shot into the :class:`~qbp_lessons.engine.ledger.Ledger`.

Cost: one circuit of M + 2 gates per component (the ancilla's rotation, the M
rotations, the controlled P_k) and, since the estimate is ``2 x`` a +-1 mean,
``Var <= 4/N``: ``ceil(4/eps^2)`` shots for a worst-case standard deviation eps.

Introduced in chapter 2.
"""

from __future__ import annotations

import numpy as np

from qbp_lessons._validate import bounded_int, choice
from qbp_lessons._validate import rng as make_rng
from qbp_lessons.engine.circuits import Circuit, apply_pauli, check_circuit
from qbp_lessons.engine.gradients import hadamard_test_state
from qbp_lessons.engine.ledger import Ledger, check_ledger
from qbp_lessons.engine.paulis import Observable, observable
from qbp_lessons.engine.sampling import (
    MAX_SHOTS,
    estimate,
    measurement_groups,
    sample_counts,
    setting,
)

__all__ = [
    "hadamard_test_observable",
    "hadamard_test",
    "hadamard_test_gates",
    "hadamard_test_shots",
    "grad_hadamard_shots",
]


def hadamard_test_observable(circuit: Circuit, ancilla: str = "Y") -> Observable:
    """``A (x) O`` on n + 1 qubits: the Pauli ``ancilla`` (X or Y) on wire 0 times every term of O.

    Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    ancilla = choice("ancilla", ancilla, {"X", "Y"})
    return observable([(c, ancilla + p.label) for c, p in circuit.observable.terms], circuit.n + 1)


def hadamard_test(
    circuit: Circuit, theta, k: int, ancilla: str = "Y", *, ledger: Ledger | None = None
) -> float:
    """The exact expectation ``<A_a (x) O>`` of the Hadamard test for component k (A = X or Y).

    ``Y`` gives ``Im <psi|O|~d_k psi> = (1/2) dF/dtheta_k``; ``X`` gives
    ``Re <psi|O|~d_k psi>`` (the anticommutator part, not a derivative). The
    state comes from :func:`qbp_lessons.engine.gradients.hadamard_test_state`; each term
    of :func:`hadamard_test_observable` is applied once (into the ledger).
    Introduced in chapter 2.
    """
    obs = hadamard_test_observable(circuit, ancilla)
    psi = hadamard_test_state(circuit, theta, k, ledger=ledger)
    return float(
        sum(c * np.vdot(psi, apply_pauli(p, psi, ledger=ledger)).real for c, p in obs.terms)
    )


def hadamard_test_gates(circuit: Circuit) -> int:
    """Gates of one Hadamard-test circuit on hardware: M + 2.

    The ancilla rotation, the M rotations and the controlled P_k.

    Introduced in chapter 2.
    """
    return check_circuit(circuit).M + 2


def hadamard_test_shots(
    circuit: Circuit, theta, k: int, shots: int, seed=None, *, ledger: Ledger | None = None
) -> float:
    """Estimate ``dF/dtheta_k`` from ``shots`` shots of the Hadamard test.

    The estimate is ``2 x`` the mean of ``Y_a (x) O``.

    Each qubit-wise commuting group of the observable's terms is one execution
    of ``shots`` shots (one for a single Pauli observable). Unbiased; for a
    +-1 observable its variance is ``4 (1 - <Y_a (x) O>^2) / N <= 4/N``.
    Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    shots = bounded_int("shots", shots, maximum=MAX_SHOTS)
    ledger = check_ledger(ledger)
    gen = make_rng("seed", seed)
    psi = hadamard_test_state(circuit, theta, k, ledger=ledger)
    obs = hadamard_test_observable(circuit, "Y")
    total = 0.0
    for basis, members in measurement_groups(obs):
        s = setting(psi, basis, gates=hadamard_test_gates(circuit))
        counts = sample_counts(s, shots, gen, ledger=ledger)
        total += float(estimate(counts, s, [obs.paulis[i] for i in members]) @ obs.coeffs[members])
    return 2.0 * total


def grad_hadamard_shots(
    circuit: Circuit, theta, shots: int, seed=None, *, ledger: Ledger | None = None
) -> np.ndarray:
    """The whole gradient from Hadamard tests: M circuits on n + 1 qubits, ``shots`` shots each.

    Introduced in chapter 2.
    """
    circuit = check_circuit(circuit)
    theta = circuit.check_theta(theta)
    gen = make_rng("seed", seed)
    return np.array(
        [
            hadamard_test_shots(circuit, theta, k, shots, gen, ledger=ledger)
            for k in range(circuit.M)
        ]
    )
