"""Chapter 2's exercises: a derivative by hand, counting the naive gradient, memory at scale.

Introduced in chapter 2.
"""

from __future__ import annotations

import numpy as np

from .. import circuits
from ..ledger import Ledger
from .checker import Exercise, exact_int, numeric

_EX21_THETA = (np.pi / 8, np.pi / 6)
_EX22_M = 50
_EX23_RAM_GIB = 64


def _ex21_expected() -> float:
    """dF/dtheta_1 of exp(-i theta_2 Z) exp(-i theta_1 X)|0> with O = Y, by the adjoint method."""
    circuit = circuits.Circuit(1, ["X", "Z"], "Y")
    return float(circuits.grad_adjoint(circuit, list(_EX21_THETA))[0])


def _ex22_expected() -> int:
    """Rotation-gate applications of grad_inserted for M gates, counted by the ledger on a real run."""
    circuit = circuits.random_circuit(2, _EX22_M, seed=0)
    ledger = Ledger()
    circuits.grad_inserted(circuit, circuits.random_parameters(_EX22_M, seed=1), ledger=ledger)
    return ledger.rotations


def _ex23_expected() -> int:
    """Largest n whose adjoint gradient (three statevectors of 2^n complex128) fits in the RAM."""
    per_amplitude = circuits.zero_state(1).itemsize          # bytes of one complex amplitude
    n = 1
    while 3 * per_amplitude * 2 ** (n + 1) <= _EX23_RAM_GIB * 2**30:
        n += 1
    return n


EXERCISES = {
    "2.1": Exercise(
        question="For |psi> = exp(-i theta_2 Z) exp(-i theta_1 X)|0> and O = Y, compute dF/dtheta_1 by hand "
                 "at theta_1 = pi/8, theta_2 = pi/6.",
        judge=numeric(_ex21_expected),
        hints=("First exp(-i t X)|0> = cos t |0> - i sin t |1>, so <Z> = cos 2t and <Y> = -sin 2t.",
               "The Z rotation turns the (X, Y) components of the Bloch vector by the angle 2 theta_2.",
               "Write F(theta_1) for fixed theta_2 and differentiate in theta_1 only."),
    ),
    "2.2": Exercise(
        question="How many rotation-gate applications does grad_inserted make for a circuit of M = 50 gates?",
        judge=exact_int(_ex22_expected),
        hints=("One forward pass for |psi> first.",
               "Then for each k a fresh state: gates 1..k, the bare P_k (not a rotation), gates k+1..M."),
        expects="a whole number",
    ),
    "2.3": Exercise(
        question="What is the largest number of qubits n whose adjoint gradient (three statevectors of "
                 "complex128) fits in 64 GiB?",
        judge=exact_int(_ex23_expected),
        hints=("A statevector is 2^n complex numbers of 16 bytes; 64 GiB is 2^36 bytes.",
               "Solve 3 * 16 * 2^n <= 2^36 for the largest whole n."),
        expects="a whole number",
    ),
}
