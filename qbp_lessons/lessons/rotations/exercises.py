"""Chapter 2's exercises: a derivative by hand, a Hadamard test with another ancilla state,
what the cache keeps.

Introduced in chapter 2.
"""

from __future__ import annotations

import numpy as np

from qbp_lessons.engine import circuits
from qbp_lessons.engine import gradients
from qbp_lessons.lessons.rotations import hadamard
from qbp_lessons.exercises.checker import FOUR_FIGURES, Exercise, numeric

_EX21_THETA = (np.pi / 8, np.pi / 6)
_EX23_GENERATORS = ["XXI", "YYI", "ZZI", "XXI", "IZZ", "IXX", "XYI"]


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


def _ex23_expected() -> float:
    """Statevectors' worth of memory the kernel cache keeps for the exercise's circuit."""
    circuit = circuits.Circuit(3, _EX23_GENERATORS)
    circuits.expval(circuit, np.zeros(circuit.M))  # the first simulation builds the cache
    return circuit.cache_bytes / circuits.zero_state(circuit.n).nbytes


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
            "The circuit Circuit(3, ['XXI', 'YYI', 'ZZI', 'XXI', 'IZZ', 'IXX', 'XYI']) measures O ="
            " Z on wire 0. After its first simulation, how many statevectors' worth of memory does"
            f" the engine's kernel cache keep? {FOUR_FIGURES}"
        ),
        judge=numeric(_ex23_expected),
        hints=(
            (
                "Signs and phases cost nothing to keep: a kernel stores them as 2^w numbers for a"
                " string of weight w. What the cache stores is index permutations."
            ),
            (
                "It keeps one index permutation per distinct non-zero x-mask (within its"
                " budget): 2^n integers of 8 bytes, half a statevector each. X and Y flip a"
                " qubit; Z does not."
            ),
            (
                "Strings with the same flip pattern share one permutation; diagonal strings"
                " (only I and Z) need none."
            ),
        ),
    ),
}
