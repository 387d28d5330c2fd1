"""Chapter 2's exercises: a derivative by hand, a Hadamard test with another ancilla state,
the memory of a tape against the adjoint method.

Introduced in chapter 2.
"""

from __future__ import annotations

import numpy as np

from qbp_lessons.engine import circuits
from qbp_lessons.engine import gradients
from qbp_lessons.lessons.rotations import hadamard
from qbp_lessons.exercises.checker import FOUR_FIGURES, Exercise, numeric

_EX21_THETA = (np.pi / 8, np.pi / 6)
_EX23_GATES = 1000
_EX23_MEMORY = 16 * 2**30  # bytes for statevectors: 16 GiB


def _ex21_expected() -> float:
    """dF/dtheta_1 of exp(-i theta_2 Z) exp(-i theta_1 X)|0> with O = Y, by the adjoint method."""
    circuit = circuits.Circuit(1, ["X", "Z"], "Y")
    return float(gradients.grad_adjoint(circuit, list(_EX21_THETA))[0])


def _ex22_expected() -> float:
    """c in <X_a (x) O> = c dF/dtheta_k when the ancilla starts in |+i> = S|+>, by simulation.

    S on the ancilla is diagonal: it commutes with the controlled P_k and with the system's
    gates, so the state is the Hadamard test's with its ancilla-|1> half times i.
    """
    circuit = circuits.random_circuit(3, 12, observable="random", seed=4)
    theta = circuits.random_parameters(circuit.M, seed=5)
    grad = gradients.grad_adjoint(circuit, theta)
    k = int(np.argmax(np.abs(grad)))
    psi = gradients.hadamard_test_state(circuit, theta, k).copy()
    psi[2**circuit.n :] *= 1j  # the ancilla is wire 0, the most significant bit
    obs = hadamard.hadamard_test_observable(circuit, "X")
    x_o = sum(c * np.vdot(psi, circuits.apply_pauli(p, psi)).real for c, p in obs.terms)
    return float(x_o / grad[k])


def _largest_register(statevectors: int) -> int:
    """The most qubits n for which ``statevectors`` complex128 statevectors fit in 16 GiB."""
    amplitude = circuits.zero_state(1).itemsize  # bytes per amplitude, as the engine allocates
    n = 0
    while statevectors * amplitude * 2 ** (n + 1) <= _EX23_MEMORY:
        n += 1
    return n


def _ex23_expected() -> float:
    """How many more qubits the adjoint method (3 statevectors) reaches than a tape that
    keeps all M + 1 intermediate states, for M = 1000 gates in 16 GiB."""
    return float(_largest_register(3) - _largest_register(_EX23_GATES + 1))


EXERCISES = {
    "2.1": Exercise(
        question=(
            "For |psi> = exp(-i theta_2 Z) exp(-i theta_1 X)|0> and O = Y, compute dF/dtheta_1 by"
            f" hand at theta_1 = pi/8, theta_2 = pi/6. {FOUR_FIGURES}"
        ),
        judge=numeric(_ex21_expected),
        hints=(
            "First exp(-i t X)|0> = cos t |0> - i sin t |1>, so <Z> = cos 2t and <Y> = -sin 2t.",
            (
                "The Z rotation turns the (X, Y) components of the Bloch vector by the angle 2"
                " theta_2."
            ),
            "Write F(theta_1) for fixed theta_2 and differentiate in theta_1 only.",
        ),
    ),
    "2.2": Exercise(
        question=(
            "Prepare the Hadamard test's ancilla in |+i> = (|0> + i|1>)/sqrt 2 instead of |+>,"
            " everything else unchanged (controlled P_k after gate k). Then <X_a (x) O> = c"
            f" dF/dtheta_k for every circuit and component. What is c? {FOUR_FIGURES}"
        ),
        judge=numeric(_ex22_expected),
        hints=(
            "The final state is (|0>|psi> + i |1>|~d_k psi>) / sqrt 2.",
            "For (|0>|a> + |1>|b>) / sqrt 2, <X_a (x) O> = Re <a|O|b>.",
            "Re(i z) = -Im z, and dF/dtheta_k = 2 Im <psi|O|~d_k psi>.",
        ),
    ),
    "2.3": Exercise(
        question=(
            "A reverse mode that stores a tape, as chapter 1's backpropagation does, keeps all"
            " M + 1 intermediate states |psi_0>, ..., |psi_M> of the circuit; the adjoint method"
            " keeps three statevectors. With 16 GiB for statevectors (complex128) and M = 1000"
            " gates, how many more qubits can the adjoint method differentiate than the tape?"
            f" {FOUR_FIGURES}"
        ),
        judge=numeric(_ex23_expected),
        hints=(
            "A statevector of n qubits is 2^n complex numbers of 16 bytes each.",
            (
                "k statevectors fit in 16 GiB = 2^34 bytes while k * 16 * 2^n <= 2^34, i.e."
                " 2^n <= 2^30 / k: the largest n is floor(log2(2^30 / k))."
            ),
            "Take k = 3 and k = 1001, and subtract.",
        ),
    ),
}
