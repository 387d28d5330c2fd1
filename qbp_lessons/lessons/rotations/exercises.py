"""Chapter 2's exercises: a derivative by hand, the cost of a Hadamard-test gradient, what the
cache keeps.

Introduced in chapter 2.
"""

from __future__ import annotations

import numpy as np

from qbp_lessons import costs
from qbp_lessons.engine import circuits
from qbp_lessons.engine import gradients
from qbp_lessons.lessons.rotations import hadamard
from qbp_lessons.engine.ledger import Ledger
from qbp_lessons.exercises.checker import FOUR_FIGURES, Exercise, exact_int, numeric

_EX21_THETA = (np.pi / 8, np.pi / 6)
_EX22_M, _EX22_EPS = 50, 0.01
_EX23_GENERATORS = ["XXI", "YYI", "ZZI", "XXI", "IZZ", "IXX", "XYI"]


def _ex21_expected() -> float:
    """dF/dtheta_1 of exp(-i theta_2 Z) exp(-i theta_1 X)|0> with O = Y, by the adjoint method."""
    circuit = circuits.Circuit(1, ["X", "Z"], "Y")
    return float(gradients.grad_adjoint(circuit, list(_EX21_THETA))[0])


def _ex22_expected() -> int:
    """Gates run on the device (summed over shots) by a Hadamard-test gradient.

    Counted by the sampler's ledger.

    Every component to a worst-case standard deviation eps: dF/dtheta_k = 2 <Y_a O>
    has variance <= 4/N, so N = ceil(4/eps^2) shots of an (M + 2)-gate circuit each.
    """
    circuit = circuits.random_circuit(2, _EX22_M, seed=0)
    shots = int(costs.shots_for_precision(_EX22_EPS, variance=4.0))
    ledger = Ledger()
    hadamard.grad_hadamard_shots(
        circuit, circuits.random_parameters(_EX22_M, seed=1), shots, seed=2, ledger=ledger
    )
    return ledger.shot_gates


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
            "A circuit has M = 50 Pauli rotations and O is one Pauli string. A quantum computer"
            " estimates every component with its own Hadamard test (ancilla rotation, M rotations,"
            " controlled P_k: M + 2 gates per shot), each to a worst-case standard deviation of"
            " 0.01. How many gates does the device run in total, summed over all shots?"
        ),
        judge=exact_int(_ex22_expected),
        hints=(
            (
                "Which ancilla Pauli gives the derivative, and with what factor? dF/dtheta_k = 2"
                " <Y_a (x) O>."
            ),
            "A mean of N outcomes +-1 has variance at most 1/N; twice it has variance at most 4/N.",
            "N = 4/eps^2 shots per component, M components, M + 2 gates per shot.",
        ),
        expects="a whole number",
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
